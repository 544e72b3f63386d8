package maxcompute

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/aliyun-odps-go-sdk/odps"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/account"
)

func TestProjectExistsWithOwnerAndRegion(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	o := h.client()
	ok, err := o.Projects().Exists(demo)
	if err != nil || !ok {
		t.Fatalf("Exists(%s) = %v, %v; want true, nil", demo, ok, err)
	}
	p := o.Project(demo)
	if err := p.Load(); err != nil {
		t.Fatal(err)
	}
	if p.Owner() != "ALIYUN$"+uidB {
		t.Errorf("Owner() = %q, want ALIYUN$%s", p.Owner(), uidB)
	}
	if p.RegionId() != region {
		t.Errorf("RegionId() = %q, want %s", p.RegionId(), region)
	}
	if p.Status() != odps.ProjectStatusAvailable || p.Type() != "managed" {
		t.Errorf("status %v type %q, want AVAILABLE managed", p.Status(), p.Type())
	}
	if want := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC); !p.CreationTime().Equal(want) {
		t.Errorf("CreationTime() = %v, want %v", p.CreationTime(), want)
	}
}

// Projects the caller cannot see answer as the service does: missing or in
// another region → 404 NoSuchObject, another account's → 403.
func TestProjectRefusals(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	cases := []struct {
		name, project string
		status        int
		code, message string
	}{
		{"missing", "nope", 404, "NoSuchObject", "ODPS-0420111: Project not found - 'nope'."},
		{"other region", "sh_project", 404, "NoSuchObject", "ODPS-0420111: Project not found - 'sh_project'."},
		{"other account", "a_project", 403, "NoPermission",
			"ODPS-0420095: Access Denied - Authorization Failed [4002], You don't exist in project a_project."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ok, err := h.client().Projects().Exists(c.project)
			if ok || err == nil {
				t.Fatalf("Exists(%s) = %v, %v; want false and an error", c.project, ok, err)
			}
			he := httpError(t, err)
			if he.StatusCode != c.status || he.ErrorMessage.ErrorCode != c.code || he.ErrorMessage.Message != c.message {
				t.Errorf("got %d %s %q\nwant %d %s %q", he.StatusCode, he.ErrorMessage.ErrorCode, he.ErrorMessage.Message, c.status, c.code, c.message)
			}
			if he.RequestId == "" || he.ErrorMessage.RequestId != he.RequestId {
				t.Errorf("request id header %q, body %q; want the same non-empty id", he.RequestId, he.ErrorMessage.RequestId)
			}
		})
	}
}

func TestSignatures(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	cases := []struct {
		name    string
		acc     account.Account
		status  int
		code    string
		message string
	}{
		{"v2", account.NewAliyunAccount(akB, skB), 200, "", ""},
		{"v4 in the endpoint's region", account.NewAliyunAccount(akB, skB, region), 200, "", ""},
		{"sts token", account.NewStsAccount(stsAK, stsSK, stsToken), 200, "", ""},
		{"wrong secret", account.NewAliyunAccount(akB, "not-the-secret"), 401, "SignatureNotMatch",
			"ODPS-0410042:Invalid signature value - User signature dose not match"},
		{"v4 scoped to another region", account.NewAliyunAccount(akB, skB, "cn-shanghai"), 401, "SignatureNotMatch",
			"ODPS-0410042:Invalid signature value - User signature dose not match"},
		{"unknown key", account.NewAliyunAccount("LTAI-nobody", skB), 401, "AccessKeyIdNotFound",
			"ODPS-0410051:Invalid credentials - accessKeyId not found: LTAI-nobody"},
		{"wrong sts token", account.NewStsAccount(stsAK, stsSK, "forged"), 401, "InvalidSecurityToken",
			"ODPS-0410051:Invalid credentials - the security token is invalid or expired"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ok, err := h.clientWith(c.acc, mcHost).Projects().Exists(demo)
			if c.status == 200 {
				if err != nil || !ok {
					t.Fatalf("Exists = %v, %v; want true", ok, err)
				}
				return
			}
			he := httpError(t, err)
			if he.StatusCode != c.status || he.ErrorMessage.ErrorCode != c.code || he.ErrorMessage.Message != c.message {
				t.Errorf("got %d %s %q\nwant %d %s %q", he.StatusCode, he.ErrorMessage.ErrorCode, he.ErrorMessage.Message, c.status, c.code, c.message)
			}
			if strings.Contains(string(he.Body), "not-the-secret") || strings.Contains(string(he.Body), skB) {
				t.Errorf("error body leaks a secret: %s", he.Body)
			}
		})
	}
}

// A signed request is only good near its Date: the service refuses one whose
// clock is more than 15 minutes off.
func TestStaleDateRefused(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, Options{Now: func() time.Time { return time.Now().Add(time.Hour) }})
	_, err := h.client().Projects().Exists(demo)
	he := httpError(t, err)
	if he.StatusCode != 400 || he.ErrorMessage.ErrorCode != "AuthenticationRequestExpired" ||
		!strings.HasPrefix(he.ErrorMessage.Message, "ODPS-0410031: Authentication request expired") {
		t.Errorf("got %d %s %q", he.StatusCode, he.ErrorMessage.ErrorCode, he.ErrorMessage.Message)
	}
}

func TestUnsignedAndUnroutable(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	cases := []struct {
		name, path string
		status     int
		code       string
	}{
		{"no authorization", "/host/" + mcHost + "/api/projects/" + demo, 400, "AuthorizationRequired"},
		{"not a MaxCompute host", "/host/example.com/api/projects/" + demo, 400, "InvalidArgument"},
		{"no /api base", "/host/" + mcHost + "/projects/" + demo, 404, "NoSuchObject"},
		{"unknown resource", "/host/" + mcHost + "/api/projects/" + demo + "/volumes", 404, "NoSuchObject"},
		{"no host prefix", "/api/projects/" + demo, 404, "NoSuchObject"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, err := http.Get(h.srv.URL + c.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body strings.Builder
			buf := make([]byte, 4096)
			n, _ := resp.Body.Read(buf)
			body.Write(buf[:n])
			if resp.StatusCode != c.status || !strings.Contains(body.String(), "<Code>"+c.code+"</Code>") {
				t.Errorf("GET %s = %d %s, want %d with code %s", c.path, resp.StatusCode, body.String(), c.status, c.code)
			}
		})
	}
}

// A backend that fails (not a refusal, a fault) answers 500 rather than
// pretending the project is missing.
func TestBackendFaultIsInternalError(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.backend.mu.Lock()
	h.backend.failWith = errors.New("state store unavailable")
	h.backend.mu.Unlock()
	_, err := h.client().Projects().Exists(demo)
	he := httpError(t, err)
	if he.StatusCode != 500 || he.ErrorMessage.ErrorCode != "InternalServerError" ||
		he.ErrorMessage.Message != "ODPS-0010000:System internal error - state store unavailable" {
		t.Errorf("got %d %s %q", he.StatusCode, he.ErrorMessage.ErrorCode, he.ErrorMessage.Message)
	}
}

func TestEnumNames(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	check := func(s fmt.Stringer) {
		name := s.String()
		if name == "" || seen[name] || strings.Contains(name, "(") {
			t.Errorf("%#v has name %q (empty, duplicate or unnamed)", s, name)
		}
		seen[name] = true
	}
	for _, a := range Actions() {
		check(a)
	}
	for _, c := range []fmt.Stringer{TypeInteger, TypeString, TypeBinary, TypeDouble, TypeBoolean,
		WriteUpdateRow, WritePutRow, FaultRole, FaultEndpoint, FaultTablestore} {
		check(c)
	}
	if got := Action(99).String(); got != "Action(99)" {
		t.Errorf("an unknown Action prints %q", got)
	}
	if got := (&ExternalError{Fault: FaultRole, Code: "C", Message: "m"}).Error(); got != "role: C: m" {
		t.Errorf("ExternalError.Error() = %q", got)
	}
}
