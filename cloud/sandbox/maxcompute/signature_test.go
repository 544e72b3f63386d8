package maxcompute

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/aliyun-odps-go-sdk/odps/account"
)

// The emulator must accept exactly what the SDK's own signer produces, for
// every shape of request: x-odps headers with several values, flag-style and
// valued query parameters, bodies with a Content-Type.
func TestSignatureMatchesTheSDKSigner(t *testing.T) {
	t.Parallel()
	const endpoint = "http://127.0.0.1:1/host/" + mcHost + "/api"
	cases := []struct {
		name, method, resource, query string
		headers                       map[string][]string
		region                        string
	}{
		{name: "plain GET", method: "GET", resource: "/projects/demo", query: "curr_project=demo"},
		{name: "flags and values", method: "GET", resource: "/projects/demo/instances/x",
			query: "taskstatus&curr_project=demo&b=2&a=%2F1"},
		{name: "POST with content type and odps headers", method: "POST", resource: "/projects/demo/instances",
			query:   "curr_project=demo",
			headers: map[string][]string{"Content-Type": {"application/xml"}, "X-Odps-User-Agent": {"ua"}, "x-odps-two": {"a", "b"}}},
		{name: "v4", method: "GET", resource: "/projects/demo", query: "curr_project=demo", region: region},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(c.method, endpoint+c.resource+"?"+c.query, strings.NewReader(""))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
			for k, vs := range c.headers {
				for _, v := range vs {
					req.Header.Add(k, v)
				}
			}
			var acc *account.AliyunAccount
			if c.region != "" {
				acc = account.NewAliyunAccount(akB, skB, c.region)
			} else {
				acc = account.NewAliyunAccount(akB, skB)
			}
			if err := acc.SignRequest(req, endpoint); err != nil {
				t.Fatal(err)
			}
			auth, aerr := parseAuthorization(req.Header.Get("Authorization"))
			if aerr != nil {
				t.Fatalf("parse %q: %v", req.Header.Get("Authorization"), aerr)
			}
			if auth.v4 != (c.region != "") || auth.accessKeyID != akB {
				t.Fatalf("parsed %+v", auth)
			}
			canonical := canonicalString(req, c.resource)
			if got := expectedSignature(auth, skB, canonical); got != auth.signature {
				t.Errorf("signature %s, SDK signed %s\ncanonical:\n%s", got, auth.signature, canonical)
			}
			if got := expectedSignature(auth, "other", canonical); got == auth.signature {
				t.Errorf("a different secret gives the same signature")
			}
		})
	}
}

func TestParseAuthorizationRefusals(t *testing.T) {
	t.Parallel()
	cases := []struct{ header, code string }{
		{"", "AuthorizationRequired"},
		{"Bearer x", "InvalidAuthorization"},
		{"ODPS nocolon", "InvalidAuthorization"},
		{"ODPS ak:", "InvalidAuthorization"},
		{"ODPS :sig", "InvalidAuthorization"},
		{"ODPS ak/20240101/cn-hangzhou/oss/aliyun_v4_request:sig", "InvalidAuthorization"},
		{"ODPS ak/2024-01-01/cn-hangzhou/odps/aliyun_v4_request:sig", "InvalidAuthorization"},
	}
	for _, c := range cases {
		if _, aerr := parseAuthorization(c.header); aerr == nil || aerr.code != c.code {
			t.Errorf("parseAuthorization(%q) = %v, want code %s", c.header, aerr, c.code)
		}
	}
}

func TestCanonicalQuery(t *testing.T) {
	t.Parallel()
	q, _ := url.ParseQuery("z=1&extended&a=x%20y&m=")
	if got, want := canonicalQuery(q), "?a=x y&extended&m&z=1"; got != want {
		t.Errorf("canonicalQuery = %q, want %q", got, want)
	}
	if got := canonicalQuery(url.Values{}); got != "" {
		t.Errorf("empty query = %q", got)
	}
}

// A V4 signature made with a key derived for another day is refused even
// though the signature itself is consistent.
func TestV4ScopeDate(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	now := time.Now().UTC()
	cases := []struct {
		name  string
		scope time.Time
		ok    bool
	}{
		{"today", now, true},
		{"yesterday", now.Add(-24 * time.Hour), true},
		{"last week", now.Add(-7 * 24 * time.Hour), false},
		{"next week", now.Add(7 * 24 * time.Hour), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource := "/projects/" + demo
			req, err := http.NewRequest("GET", h.endpoint(mcHost)+resource+"?curr_project="+demo, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Date", now.Format(http.TimeFormat))
			auth := signedAuth{accessKeyID: akB, v4: true, v4Date: c.scope.Format(v4DateLayout), v4Region: region}
			sig := expectedSignature(auth, skB, canonicalString(req, resource))
			req.Header.Set("Authorization", "ODPS "+akB+"/"+auth.v4Date+"/"+region+"/odps/aliyun_v4_request:"+sig)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if (resp.StatusCode == 200) != c.ok {
				t.Errorf("status %d, want ok=%v", resp.StatusCode, c.ok)
			}
		})
	}
}
