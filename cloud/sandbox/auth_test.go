package sandbox_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/mcots/wizard/cloud/sandbox"
)

func callerIdentity(t *testing.T, c *sts.Client) (*sts.GetCallerIdentityResponse, error) {
	t.Helper()
	return c.GetCallerIdentity(sts.CreateGetCallerIdentityRequest())
}

func TestGetCallerIdentityForDemoAccounts(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{Seed: 1})
	a, b := account(t, s, sandbox.DemoAccountA), account(t, s, sandbox.DemoAccountB)
	if a.UID == b.UID || len(a.UID) != 16 || len(a.Keys) != 1 || !strings.HasPrefix(a.Keys[0].ID, "LTAI") {
		t.Fatalf("demo accounts look wrong: %v %v", a, b)
	}
	for _, acct := range []sandbox.Account{a, b} {
		resp, err := callerIdentity(t, stsClient(t, s, akCred(acct.Keys[0])))
		must(t, err)
		if resp.AccountId != acct.UID || resp.IdentityType != "Account" || resp.Arn != "acs:ram::"+acct.UID+":root" ||
			resp.UserId != acct.UID || resp.PrincipalId != acct.UID || resp.RequestId == "" {
			t.Fatalf("GetCallerIdentity(%s) = %+v", acct.Name, resp)
		}
	}
}

func TestRAMUserIdentity(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	u, err := s.AddUser(sandbox.DemoAccountB, "alice")
	must(t, err)
	resp, err := callerIdentity(t, stsClient(t, s, akCred(u.Keys[0])))
	must(t, err)
	b := account(t, s, sandbox.DemoAccountB)
	if resp.IdentityType != "RAMUser" || resp.AccountId != b.UID || resp.Arn != "acs:ram::"+b.UID+":user/alice" || resp.UserId != u.ID {
		t.Fatalf("GetCallerIdentity(alice) = %+v", resp)
	}
}

func TestSignatureChecks(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	key := account(t, s, sandbox.DemoAccountA).Keys[0]

	t.Run("wrong secret", func(t *testing.T) {
		t.Parallel()
		_, err := callerIdentity(t, stsClient(t, s, credentials.NewAccessKeyCredential(key.ID, key.Secret+"x")))
		se := wantError(t, err, "SignatureDoesNotMatch", 400, "server string to sign is:POST&%2F&")
		// The SDK compares our string-to-sign with its own: equal means
		// the signing is right and only the secret is wrong.
		if !strings.Contains(se.Recommend(), "InvalidAccessKeySecret") {
			t.Fatalf("SDK did not recognise a wrong secret; Recommend = %q", se.Recommend())
		}
		if strings.Contains(se.Message(), key.Secret) {
			t.Fatal("the error leaks the secret")
		}
	})
	t.Run("unknown key", func(t *testing.T) {
		t.Parallel()
		_, err := callerIdentity(t, stsClient(t, s, credentials.NewAccessKeyCredential("LTAI5tNoSuchKeyAtAll12345", "whatever")))
		wantError(t, err, "InvalidAccessKeyId.NotFound", 404, "Specified access key is not found.")
	})
	t.Run("GET is accepted and signed with GET", func(t *testing.T) {
		t.Parallel()
		c := stsClient(t, s, akCred(key))
		req := sts.CreateGetCallerIdentityRequest()
		req.Method = "GET"
		resp, err := c.GetCallerIdentity(req)
		must(t, err)
		if resp.AccountId != account(t, s, sandbox.DemoAccountA).UID {
			t.Fatalf("got %+v", resp)
		}
	})
}

// replayTransport sends every request twice and returns the second answer,
// as an attacker replaying a captured request would.
type replayTransport struct{ first sync.Map }

func (rt *replayTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
	}
	send := func() (*http.Response, error) {
		r2 := r.Clone(r.Context())
		r2.Body = io.NopCloser(bytes.NewReader(body))
		return http.DefaultTransport.RoundTrip(r2)
	}
	resp, err := send()
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	rt.first.Store(r.URL.String(), resp.StatusCode)
	return send()
}

func TestReplayedNonceIsRefused(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	rt := &replayTransport{}
	c := stsClient(t, s, rootCred(t, s, sandbox.DemoAccountA), clientOptions{transport: rt})
	_, err := callerIdentity(t, c)
	wantError(t, err, "SignatureNonceUsed", 400, "nonce was used already")
	seen := 0
	rt.first.Range(func(_, v any) bool {
		if v.(int) != 200 {
			t.Errorf("the original request failed with %d", v)
		}
		seen++
		return true
	})
	if seen != 1 {
		t.Fatalf("saw %d original requests", seen)
	}
}

func TestStaleTimestampIsRefused(t *testing.T) {
	t.Parallel()
	for _, skew := range []time.Duration{20 * time.Minute, -20 * time.Minute} {
		s := start(t, sandbox.Options{Clock: sandbox.NewManualClock(time.Now().Add(skew))})
		_, err := callerIdentity(t, stsClient(t, s, rootCred(t, s, sandbox.DemoAccountA)))
		wantError(t, err, "InvalidTimeStamp.Expired", 400, "expired")
	}
	// Within the window a skewed clock is fine.
	s := start(t, sandbox.Options{Clock: sandbox.NewManualClock(time.Now().Add(10 * time.Minute))})
	_, err := callerIdentity(t, stsClient(t, s, rootCred(t, s, sandbox.DemoAccountA)))
	must(t, err)
}

func TestUnknownActionAndVersion(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	c := ramClient(t, s, rootCred(t, s, sandbox.DemoAccountA))
	for _, tc := range []struct{ version, action string }{
		{"2015-05-01", "CreateUser"}, // RAM action the sandbox does not serve
		{"2015-05-01", "AssumeRole"}, // STS action under RAM's version
		{"2099-01-01", "GetCallerIdentity"},
	} {
		_, err := commonRPC(&c.Client, tc.version, tc.action, "POST", nil)
		wantError(t, err, "InvalidAction.NotFound", 404, "Specified api is not found")
	}
}

func TestSTSCredentialsNeedTheirToken(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	a, b := account(t, s, sandbox.DemoAccountA), account(t, s, sandbox.DemoAccountB)
	rc := ramClient(t, s, akCred(a.Keys[0]))
	createRole(t, rc, "Reader", fmt.Sprintf(trustRootB, b.UID))
	req := sts.CreateAssumeRoleRequest()
	req.RoleArn = "acs:ram::" + a.UID + ":role/reader"
	req.RoleSessionName = "wizard"
	resp, err := stsClient(t, s, akCred(assumer(t, s, sandbox.DemoAccountB))).AssumeRole(req)
	must(t, err)
	cr := resp.Credentials

	_, err = callerIdentity(t, stsClient(t, s, credentials.NewStsTokenCredential(cr.AccessKeyId, cr.AccessKeySecret, cr.SecurityToken+"x")))
	wantError(t, err, "InvalidSecurityToken.MismatchWithAccessKey", 400)
	_, err = callerIdentity(t, stsClient(t, s, credentials.NewAccessKeyCredential(cr.AccessKeyId, cr.AccessKeySecret)))
	wantError(t, err, "MissingSecurityToken", 400)
	id, err := callerIdentity(t, stsClient(t, s, credentials.NewStsTokenCredential(cr.AccessKeyId, cr.AccessKeySecret, cr.SecurityToken)))
	must(t, err)
	if id.IdentityType != "AssumedRoleUser" || id.AccountId != a.UID || !strings.HasSuffix(id.Arn, ":assumed-role/Reader/wizard") || id.RoleId == "" {
		t.Fatalf("session identity = %+v", id)
	}
}

func TestExpiredSTSToken(t *testing.T) {
	t.Parallel()
	clock := sandbox.NewManualClock(time.Now())
	s := start(t, sandbox.Options{Clock: clock, TimestampSkew: time.Hour})
	a := account(t, s, sandbox.DemoAccountA)
	createRole(t, ramClient(t, s, akCred(a.Keys[0])), "Self", fmt.Sprintf(trustRootB, a.UID))
	req := sts.CreateAssumeRoleRequest()
	req.RoleArn = "acs:ram::" + a.UID + ":role/self"
	req.RoleSessionName = "short"
	req.DurationSeconds = "900"
	resp, err := stsClient(t, s, akCred(assumer(t, s, sandbox.DemoAccountA))).AssumeRole(req)
	must(t, err)
	cr := resp.Credentials
	exp, err := time.Parse("2006-01-02T15:04:05Z", cr.Expiration)
	must(t, err)
	if d := exp.Sub(clock.Now()); d < 899*time.Second || d > 901*time.Second {
		t.Fatalf("Expiration %s is not 900 s away", cr.Expiration)
	}
	c := stsClient(t, s, credentials.NewStsTokenCredential(cr.AccessKeyId, cr.AccessKeySecret, cr.SecurityToken))
	_, err = callerIdentity(t, c)
	must(t, err)
	clock.Advance(899 * time.Second)
	_, err = callerIdentity(t, c)
	must(t, err)
	clock.Advance(2 * time.Second)
	_, err = callerIdentity(t, c)
	wantError(t, err, "InvalidSecurityToken.Expired", 400)
}
