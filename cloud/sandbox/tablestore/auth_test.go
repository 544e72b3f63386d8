package tablestore

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/aliyun-tablestore-go-sdk/common"
	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/protoadapt"
)

func TestCredentialsAndSignature(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	tests := []struct {
		name      string
		ak, sk    string
		token     string
		wantMsg   string
		wantError bool
	}{
		{"owner key", ownerAK, ownerSK, "", "", false},
		{"wrong secret", ownerAK, "not-the-secret", "", MsgSignatureMismatch, true},
		{"unknown key", "LTAInobody", "x", "", "The AccessKeyID does not exist.", true},
		{"bad STS token", roleAK, roleSK, "forged", "The security token you provided is invalid.", true},
		{"expired STS token", expiredAK, "x", "tok", "The security token you provided has expired.", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := f.client(publicCap, "cap1", tc.ak, tc.sk, tc.token, 0).ListTable()
			if !tc.wantError {
				if err != nil {
					t.Fatalf("ListTable: %v", err)
				}
				return
			}
			wantOTSError(t, err, CodeAuthFailed, tc.wantMsg, http.StatusForbidden)
		})
	}
}

// Our signature must be the SDK's, header for header.
func TestSignMatchesSDK(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	h.Set("x-ots-date", "2026-12-03T18:50:20.1236Z")
	h.Set("x-ots-apiversion", "2015-12-31")
	h.Set("x-ots-accesskeyid", "STS.abc")
	h.Set("x-ots-instancename", "cap1")
	h.Set("x-ots-contentmd5", "1B2M2Y8AsgTpgAmY7PhCfg==")
	h.Set("x-ots-ststoken", " token-with-spaces ")
	h.Set("x-ots-sdk-traceid", "trace")
	h.Set("User-Agent", "not signed")
	creds := &common.DefaultCredentials{AccessKeyID: "STS.abc", AccessKeySecret: "s3cr3t", SecurityToken: "token-with-spaces"}
	want, err := ots.GetSignature("/GetRange", "POST", creds, h)
	if err != nil {
		t.Fatal(err)
	}
	if got := Sign("s3cr3t", "/GetRange", h); got != want {
		t.Errorf("Sign = %s, SDK signs %s", got, want)
	}
	if Sign("other", "/GetRange", h) == want || Sign("s3cr3t", "/PutRow", h) == want {
		t.Error("signature ignores the secret or the path")
	}
}

func TestAuthorizationByCaller(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	owner := f.owner()
	f.trackTable(owner, "track", 1)
	f.put(owner, "track", pk("vid", int64(1), "gt", int64(1)), "speed", 1.0)
	table := "acs:ots:cn-hangzhou:" + uidA + ":instance/cap1/table/track"
	f.backend.grant(roleARN, "ots:GetRange", table)
	f.backend.grant(roleARN, "ots:DescribeTable", table)

	role := f.client(publicCap, "cap1", roleAK, roleSK, roleToken, 0)
	if _, err := role.DescribeTable(&ots.DescribeTableRequest{TableName: "track"}); err != nil {
		t.Fatalf("role DescribeTable (granted): %v", err)
	}
	r, err := role.GetRange(&ots.GetRangeRequest{RangeRowQueryCriteria: &ots.RangeRowQueryCriteria{TableName: "track", MaxVersion: 1,
		StartPrimaryKey: rangeKey(ots.MIN, ots.MIN), EndPrimaryKey: rangeKey(ots.MAX, ots.MAX)}})
	if err != nil || len(r.Rows) != 1 {
		t.Fatalf("role GetRange (granted): %v", err)
	}
	_, err = getRow(role, "track", pk("vid", int64(1), "gt", int64(1)))
	wantOTSError(t, err, CodeNoPermissionAccess, MsgNoPermission, http.StatusForbidden)
	ch := &ots.PutRowChange{TableName: "track", PrimaryKey: pk("vid", int64(2), "gt", int64(2))}
	ch.AddColumn("speed", 2.0)
	ch.SetCondition(ots.RowExistenceExpectation_IGNORE)
	_, err = role.PutRow(&ots.PutRowRequest{PutRowChange: ch})
	wantOTSError(t, err, CodeNoPermissionAccess, MsgNoPermission, http.StatusForbidden)
	_, err = role.ListTable()
	wantOTSError(t, err, CodeNoPermissionAccess, MsgNoPermission, http.StatusForbidden)
	// A denied caller learns nothing about tables that do not exist.
	_, err = role.DescribeTable(&ots.DescribeTableRequest{TableName: "ghost"})
	wantOTSError(t, err, CodeNoPermissionAccess, MsgNoPermission, http.StatusForbidden)

	hyb := f.client("hyb1.cn-hangzhou.ots-internal.aliyuncs.com", "HYB1", roleAK, roleSK, roleToken, 0)
	_, err = hyb.DescribeTable(&ots.DescribeTableRequest{TableName: "t"})
	wantOTSError(t, err, CodeNoPermissionAccess, MsgNoPermission, http.StatusForbidden)

	asked := f.backend.questions()
	for _, want := range []string{
		"ots:GetRange " + table,
		"ots:GetRow " + table,
		"ots:PutRow " + table,
		"ots:ListTable acs:ots:cn-hangzhou:" + uidA + ":instance/cap1/table/*",
		"ots:DescribeTable acs:ots:cn-hangzhou:" + uidA + ":instance/hyb1/table/t",
	} {
		if !slices.Contains(asked, want) {
			t.Errorf("backend was not asked %q; asked %q", want, asked)
		}
	}

	other := f.client(publicCap, "cap1", otherAK, otherSK, "", 0)
	_, err = other.ListTable()
	wantOTSError(t, err, CodeAuthFailed, MsgNoInstancePrivilege, http.StatusForbidden)
}

func TestInstanceResolution(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	tests := []struct {
		name     string
		host     string
		instance string
		wantMsg  string
	}{
		{"public endpoint", publicCap, "cap1", ""},
		{"classic internal endpoint", "cap1.cn-hangzhou.ots-internal.aliyuncs.com", "cap1", ""},
		{"instance names are case-insensitive", publicCap, "CAP1", ""},
		{"vpc instance through its vpc endpoint", "vpc1.cn-hangzhou.vpc.tablestore.aliyuncs.com", "vpc1", ""},
		{"vpc instance through the public endpoint", "vpc1.cn-hangzhou.ots.aliyuncs.com", "vpc1", MsgVPCOnly},
		{"vpc instance through the classic endpoint", "vpc1.cn-hangzhou.ots-internal.aliyuncs.com", "vpc1", MsgVPCOnly},
		{"wrong region", "cap1.cn-shanghai.ots.aliyuncs.com", "cap1", MsgInstanceNotFound},
		{"unknown instance", "nope1.cn-hangzhou.ots.aliyuncs.com", "nope1", MsgInstanceNotFound},
		{"stopped instance", "idle1.cn-hangzhou.ots.aliyuncs.com", "idle1", MsgInstanceNotRunning},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := f.client(tc.host, tc.instance, ownerAK, ownerSK, "", 0).ListTable()
			if tc.wantMsg == "" {
				if err != nil {
					t.Fatalf("ListTable: %v", err)
				}
				return
			}
			wantOTSError(t, err, CodeAuthFailed, tc.wantMsg, http.StatusForbidden)
		})
	}

	// The header names the instance; the host only gives region and network.
	viaOtherHost := f.client(publicCap, "hyb1", ownerAK, ownerSK, "", 0)
	f.trackTable(viaOtherHost, "in_hyb1", 1)
	list, err := f.client("hyb1.cn-hangzhou.ots.aliyuncs.com", "hyb1", ownerAK, ownerSK, "", 0).ListTable()
	if err != nil || !slices.Equal(list.TableNames, []string{"in_hyb1"}) {
		t.Errorf("table created through cap1's host landed elsewhere: %v %v", list, err)
	}
}

func TestDateSkew(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{Now: func() time.Time { return time.Now().Add(time.Hour) }})
	_, err := f.owner().ListTable()
	wantOTSError(t, err, CodeAuthFailed, "Mismatch between system time and x-ots-date: ", http.StatusForbidden)
}

// raw sends a hand-built, correctly signed request so single headers can be
// broken one at a time.
func (f *fixture) raw(method, action string, body []byte, tamper func(http.Header)) *http.Response {
	f.t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+"/host/"+publicCap+"/"+action, bytes.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	sum := md5.Sum(body)
	req.Header.Set(hdrDate, time.Now().UTC().Format("2006-01-02T15:04:05.000Z"))
	req.Header.Set(hdrAPIVersion, "2015-12-31")
	req.Header.Set(hdrAccessKeyID, ownerAK)
	req.Header.Set(hdrInstanceName, "cap1")
	req.Header.Set(hdrContentMD5, base64.StdEncoding.EncodeToString(sum[:]))
	req.Header.Set(hdrSignature, Sign(ownerSK, "/"+action, req.Header))
	if tamper != nil {
		tamper(req.Header)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func decodeError(t *testing.T, resp *http.Response) (int, string, string) {
	t.Helper()
	b, _ := io.ReadAll(resp.Body)
	var e otsprotocol.Error
	if err := proto.Unmarshal(b, protoadapt.MessageV2Of(&e)); err != nil {
		t.Fatalf("error body is not a protobuf Error: %v (%q)", err, b)
	}
	if resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("response is encoded %q; the SDK cannot read that", resp.Header.Get("Content-Encoding"))
	}
	return resp.StatusCode, e.GetCode(), e.GetMessage()
}

func TestHTTPRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	describe, _ := proto.Marshal(protoadapt.MessageV2Of(&otsprotocol.DescribeTableRequest{TableName: ptr("t")}))
	tests := []struct {
		name   string
		method string
		action string
		body   []byte
		tamper func(http.Header)
		status int
		code   string
		msg    string
	}{
		{"GET", http.MethodGet, "ListTable", nil, nil, 405, CodeMethodNotAllowed, "OTSMethodNotAllowedOnly POST method for requests is supported."},
		{"unknown action", http.MethodPost, "Search", nil, nil, 400, CodeParameterInvalid, "Unsupported operation: Search."},
		{"missing date", http.MethodPost, "ListTable", nil, func(h http.Header) { h.Del(hdrDate) }, 400, CodeParameterInvalid, "Missing header: x-ots-date."},
		{"missing signature", http.MethodPost, "ListTable", nil, func(h http.Header) { h.Del(hdrSignature) }, 400, CodeParameterInvalid, "Missing header: x-ots-signature."},
		{"bad date", http.MethodPost, "ListTable", nil, func(h http.Header) { h.Set(hdrDate, "yesterday") }, 400, CodeParameterInvalid, "Invalid date format: yesterday."},
		{"body digest", http.MethodPost, "DescribeTable", describe, func(h http.Header) { h.Set(hdrContentMD5, "1B2M2Y8AsgTpgAmY7PhCfg==") }, 403, CodeAuthFailed,
			"Mismatch between MD5 value of request body and x-ots-contentmd5 in header."},
		{"signed header changed", http.MethodPost, "ListTable", nil, func(h http.Header) { h.Set(hdrInstanceName, "hyb1") }, 403, CodeAuthFailed, MsgSignatureMismatch},
		{"broken protobuf", http.MethodPost, "DescribeTable", []byte{0xff, 0xff}, nil, 400, CodeParameterInvalid, "Parse PBMessage from RawString failed."},
		{"required field missing", http.MethodPost, "DescribeTable", []byte{}, nil, 400, CodeParameterInvalid, "Parse PBMessage from RawString failed."},
		{"body too large", http.MethodPost, "PutRow", make([]byte, maxRequestBody+1), nil, 413, CodeRequestBodyTooLarge, "The size of POST data is too large."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			status, code, msg := decodeError(t, f.raw(tc.method, tc.action, tc.body, tc.tamper))
			if status != tc.status || code != tc.code || msg != tc.msg {
				t.Errorf("got %d %s %q, want %d %s %q", status, code, msg, tc.status, tc.code, tc.msg)
			}
		})
	}

	resp, err := http.Post(f.srv.URL+"/PutRow", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("a path without /host/ got %d", resp.StatusCode)
	}
}

func TestEndpoints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		host string
		want Endpoint
		bad  bool
	}{
		{host: "cap1.cn-hangzhou.ots.aliyuncs.com", want: Endpoint{Host: "cap1.cn-hangzhou.ots.aliyuncs.com", Instance: "cap1", Region: "cn-hangzhou", Kind: EndpointPublic}},
		{host: "https://Cap1.cn-hangzhou.ots-internal.aliyuncs.com:443/", want: Endpoint{Host: "cap1.cn-hangzhou.ots-internal.aliyuncs.com", Instance: "cap1", Region: "cn-hangzhou", Kind: EndpointInternal}},
		{host: "tablestore://cap1.cn-shanghai.vpc.tablestore.aliyuncs.com", want: Endpoint{Host: "cap1.cn-shanghai.vpc.tablestore.aliyuncs.com", Instance: "cap1", Region: "cn-shanghai", Kind: EndpointVPC}},
		{host: "cn-hangzhou.ots.aliyuncs.com", bad: true},
		{host: "cap1.a.b.ots.aliyuncs.com", bad: true},
		{host: "127.0.0.1:8080", bad: true},
		{host: "", bad: true},
	}
	for _, tc := range tests {
		got, err := ParseEndpoint(tc.host)
		if tc.bad {
			if err == nil || !strings.Contains(err.Error(), "not a Tablestore endpoint") {
				t.Errorf("ParseEndpoint(%q) = %+v, %v; want an error", tc.host, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseEndpoint(%q) = %+v, %v; want %+v", tc.host, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		path, host, rest string
		ok               bool
	}{
		{"/host/cap1.cn-hangzhou.ots.aliyuncs.com/PutRow", "cap1.cn-hangzhou.ots.aliyuncs.com", "/PutRow", true},
		{"/host/h", "h", "/", true},
		{"/PutRow", "", "", false},
		{"/host//PutRow", "", "", false},
	} {
		host, rest, ok := SplitHostPath(tc.path)
		if host != tc.host || rest != tc.rest || ok != tc.ok {
			t.Errorf("SplitHostPath(%q) = %q, %q, %v", tc.path, host, rest, ok)
		}
	}
}
