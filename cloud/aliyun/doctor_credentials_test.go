package aliyun_test

import (
	"context"
	"net"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/cloud/sandbox"
)

// dependents are the links skipped when one account's credentials link
// breaks on a working setup.
var dependents = map[cloud.LinkID][]cloud.LinkID{
	cloud.LinkCredentialsA: {cloud.LinkRole, cloud.LinkTrust, cloud.LinkPolicy, cloud.LinkInstance, cloud.LinkTable,
		cloud.LinkMapping, cloud.LinkRoleARN, cloud.LinkVerify},
	cloud.LinkCredentialsB: {cloud.LinkProject, cloud.LinkTrust, cloud.LinkExternalTable, cloud.LinkLocation,
		cloud.LinkMapping, cloud.LinkRoleARN, cloud.LinkVerify},
}

// expectSkipped checks that exactly the links in skipped are skipped, that
// every other link but broken holds without a warning, and returns broken's
// check.
func expectSkipped(t *testing.T, rep cloud.DoctorReport, broken cloud.LinkID, skipped []cloud.LinkID) cloud.Check {
	t.Helper()
	var got cloud.Check
	for _, c := range rep.Checks {
		want := cloud.VerdictOK
		switch {
		case c.Link == broken:
			want, got = cloud.VerdictBroken, c
		case slices.Contains(skipped, c.Link):
			want = cloud.VerdictSkipped
		}
		if c.Verdict != want {
			t.Errorf("%s: %s, want %s", c.Link, c.Verdict, want)
		}
	}
	if t.Failed() {
		t.Logf("report:\n%s", reportText(rep))
	}
	return got
}

// A key STS refuses is named by what is wrong with it: an unknown ID, or a
// secret that does not match the ID. The server's string to sign (which
// quotes an STS token, percent-encoded) and the secret stay out of the
// report, and only the links that need the account are skipped.
func TestDoctorNamesWhatIsWrongWithAKey(t *testing.T) {
	t.Parallel()
	const wrongSecret = "wrong-secret-0123456789abcdef"
	// A token as STS issues them: base64, so percent-encoding changes it.
	const token = "CAIS+token/never=print+0123456789=="
	for _, c := range []struct {
		name  string
		link  cloud.LinkID
		creds func(s *setup) cloud.Credentials
		fault cloud.Fault
		code  string
	}{
		{"unknown key id of A", cloud.LinkCredentialsA, func(s *setup) cloud.Credentials {
			return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: "LTAInobody0000", Secret: cloud.NewSecret(wrongSecret)}
		}, cloud.FaultBadKeyID, "InvalidAccessKeyId"},
		{"wrong secret of A", cloud.LinkCredentialsA, func(s *setup) cloud.Credentials {
			return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: s.ca.AccessKeyID, Secret: cloud.NewSecret(wrongSecret)}
		}, cloud.FaultBadSecret, "SignatureDoesNotMatch"},
		{"wrong secret of B, with a token", cloud.LinkCredentialsB, func(s *setup) cloud.Credentials {
			return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: s.cb.AccessKeyID, Secret: cloud.NewSecret(wrongSecret), Token: cloud.NewSecret(token)}
		}, cloud.FaultBadSecret, "SignatureDoesNotMatch"},
		{"unknown key id of B", cloud.LinkCredentialsB, func(s *setup) cloud.Credentials {
			return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: "LTAInobody0000", Secret: cloud.NewSecret(wrongSecret)}
		}, cloud.FaultBadKeyID, "InvalidAccessKeyId"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newSetup(t, false)
			if c.link == cloud.LinkCredentialsA {
				s.ca = c.creds(s)
			} else {
				s.cb = c.creds(s)
			}
			rep := s.doctor(s.spec, cloud.DoctorOptions{})
			got := expectSkipped(t, rep, c.link, dependents[c.link])
			diag, _ := c.fault.Diagnosis()
			if got.Fault != c.fault || got.Cause != diag.Cause || got.Fix != diag.Fix || !strings.Contains(got.Detail, c.code) {
				t.Errorf("%s: [%s] %q\ncause %q\nfix %q", c.link, got.Fault, got.Detail, got.Cause, got.Fix)
			}
			text := reportText(rep)
			once := url.QueryEscape(token)
			for _, leak := range []string{wrongSecret, token, once, url.QueryEscape(once), "string to sign is:", "SignatureNonce"} {
				if strings.Contains(text, leak) {
					t.Errorf("the report shows %q:\n%s", leak, text)
				}
			}
		})
	}
}

// closedPort is a loopback URL where nothing listens: a dial is refused.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr
}

// silentPort is a loopback URL that accepts connections and never answers.
func silentPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				_ = c.Close()
			}
			close(done)
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	t.Cleanup(func() { _ = l.Close(); <-done })
	return "http://" + l.Addr().String()
}

// splitSession is a session whose account A goes to endpointA while
// account B keeps the sandbox, so that only A's link breaks.
func (s *setup) splitSession(endpointA string, opts aliyun.Options) cloud.Session {
	s.t.Helper()
	if opts.Transport == nil {
		opts.Transport = aliyun.NewTransport()
		s.t.Cleanup(opts.Transport.CloseIdleConnections)
	}
	a, err := aliyun.NewAccount(cloud.Target{Endpoint: endpointA, Region: s.spec.Region}, s.ca, opts)
	if err != nil {
		s.t.Fatal(err)
	}
	b, err := aliyun.NewAccount(s.target(), s.cb, opts)
	if err != nil {
		s.t.Fatal(err)
	}
	return cloud.NewSession(a, b, opts.Session)
}

// An endpoint that refuses the connection, or never answers, is a network
// fault that names the endpoint, not a bad key; B's links are still
// checked, and doctor ends without an error.
func TestDoctorNamesAnUnreachableEndpoint(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		endpoint func(t *testing.T) string
		why      string
	}{
		{"connection refused", closedPort, "the connection was refused"},
		{"no answer in time", silentPort, "no answer came in time"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newSetup(t, false)
			ep := c.endpoint(t)
			opts := fastOptions()
			opts.Timeout = 300 * time.Millisecond
			opts.Session.Retry = cloud.RetryPolicy{Attempts: 2, Base: time.Millisecond, Cap: time.Millisecond}
			start := time.Now()
			rep, err := s.splitSession(ep, opts).Doctor(context.Background(), s.spec, cloud.DoctorOptions{}, nil)
			if err != nil {
				t.Fatalf("doctor: %v", err)
			}
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("doctor took %s", took)
			}
			got := expectSkipped(t, rep, cloud.LinkCredentialsA, dependents[cloud.LinkCredentialsA])
			host := strings.TrimPrefix(ep, "http://")
			if got.Fault != cloud.FaultUnreachable || got.Cause != "STS at "+ep+" could not be reached: "+c.why ||
				!strings.Contains(got.Fix, "check that "+ep+" is the right endpoint") || !strings.Contains(got.Detail, host) {
				t.Errorf("credentials A: [%s] %q\ncause %q\nfix %q", got.Fault, got.Detail, got.Cause, got.Fix)
			}
			if bad, _ := cloud.FaultBadKeyID.Diagnosis(); strings.Contains(reportText(rep), bad.Cause) {
				t.Error("an unreachable endpoint was reported as an unknown key")
			}
		})
	}
}

// Cancelling while the credentials are being checked stops doctor with the
// context's error, before any link is reported.
func TestDoctorStopsWhenCancelledDuringTheCredentials(t *testing.T) {
	t.Parallel()
	s := newSetup(t, true)
	opts := fastOptions() // a 10 s timeout: only the cancel can end the call early
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var heard []cloud.LinkID
	start := time.Now()
	_, err := s.splitSession(silentPort(t), opts).Doctor(ctx, s.spec, cloud.DoctorOptions{}, func(c cloud.Check) { heard = append(heard, c.Link) })
	if cloud.KindOf(err) != cloud.KindCanceled {
		t.Fatalf("err = %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("doctor went on for %s after the cancel", took)
	}
	if len(heard) != 0 {
		t.Errorf("heard %v after cancelling", heard)
	}
}

// noKeyAccount is an account whose credential source gave no key: every
// STS call fails with the error resolving the credentials gave, as a
// session that resolves credentials late would see it.
type noKeyAccount struct {
	cloud.Account
	err error
}

func (a noKeyAccount) STS() cloud.STS { return failingSTS{a.err} }

type failingSTS struct{ err error }

func (f failingSTS) GetCallerIdentity(context.Context) (cloud.Identity, error) {
	return cloud.Identity{}, f.err
}

// A credential source that gives no key (no config file, no such profile,
// no environment variables) is named as such, with the fix; it is never
// retried. (Not parallel: it sets the environment.)
func TestDoctorNamesACredentialSourceWithoutAKey(t *testing.T) {
	s := newSetup(t, false)
	missing := filepath.Join(t.TempDir(), "config.json")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
	for _, c := range []struct {
		name  string
		creds cloud.Credentials
		says  string
	}{
		{"no config file", cloud.Credentials{Source: cloud.SourceProfile, Profile: "b", ConfigFile: missing}, "no aliyun config file at " + missing},
		{"no environment", cloud.Credentials{Source: cloud.SourceEnvironment}, "ALIBABA_CLOUD_ACCESS_KEY_ID"},
	} {
		_, err := aliyun.NewAccount(s.target(), c.creds, s.options())
		if err == nil {
			t.Fatalf("%s: credentials resolved", c.name)
		}
		b := noKeyAccount{Account: s.account(s.cb), err: err}
		sess := cloud.NewSession(s.account(s.ca), b, fastOptions().Session)
		rep, derr := sess.Doctor(context.Background(), s.spec, cloud.DoctorOptions{}, nil)
		if derr != nil {
			t.Fatalf("%s: doctor: %v", c.name, derr)
		}
		got := expectSkipped(t, rep, cloud.LinkCredentialsB, dependents[cloud.LinkCredentialsB])
		diag, _ := cloud.FaultNoCredentials.Diagnosis()
		if got.Fault != cloud.FaultNoCredentials || got.Cause != diag.Cause || got.Fix != diag.Fix || !strings.Contains(got.Detail, c.says) {
			t.Errorf("%s: [%s] %q\ncause %q\nfix %q", c.name, got.Fault, got.Detail, got.Cause, got.Fix)
		}
	}
}

// When STS does not serve the call (503 on every try), doctor says so and
// guesses no fault of the key.
func TestDoctorDoesNotBlameTheKeyForAnOutage(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	opts := fastOptions()
	opts.Session.Retry = cloud.RetryPolicy{Attempts: 3, Base: time.Millisecond, Cap: time.Millisecond}
	sess := s.session(opts)
	// Every try of account A's call; account B's, after it, is served.
	must(t, s.sb.SetFaults(sandbox.FaultRule{Service: sandbox.ServiceSTS, Action: "GetCallerIdentity", Kind: sandbox.FaultUnavailable, Count: 3}))
	rep, err := sess.Doctor(context.Background(), s.spec, cloud.DoctorOptions{}, nil)
	if err != nil {
		t.Fatalf("doctor: %v", err)
	}
	got := expectSkipped(t, rep, cloud.LinkCredentialsA, dependents[cloud.LinkCredentialsA])
	if got.Fault != cloud.FaultNone || !strings.Contains(got.Detail, "ServiceUnavailable") ||
		got.Cause != "the service could not serve the call just now (unavailable), so the link could not be judged" || got.Fix != "run doctor again in a while" {
		t.Errorf("credentials A: [%s] %q\ncause %q\nfix %q", got.Fault, got.Detail, got.Cause, got.Fix)
	}
}
