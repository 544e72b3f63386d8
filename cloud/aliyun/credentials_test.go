package aliyun_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func profilesJSON(a, b sandbox.AccessKey) string {
	return `{"current":"sandbox-a","profiles":[` +
		`{"name":"sandbox-a","mode":"AK","access_key_id":"` + a.ID + `","access_key_secret":"` + a.Secret + `","region_id":"cn-hangzhou"},` +
		`{"name":"sandbox-b","mode":"AK","access_key_id":"` + b.ID + `","access_key_secret":"` + b.Secret + `","region_id":"cn-hangzhou"}]}`
}

func TestProfilesFromTheCLIConfigFile(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	path := writeConfig(t, profilesJSON(w.a.Keys[0], w.b.Keys[0]))
	a := cloud.Credentials{Source: cloud.SourceProfile, Profile: "sandbox-a", ConfigFile: path}
	b := cloud.Credentials{Source: cloud.SourceProfile, Profile: "sandbox-b", ConfigFile: path}
	s, err := aliyun.ConnectWith(w.options())(context.Background(), w.target(), a, b)
	if err != nil {
		t.Fatal(err)
	}
	for side, want := range map[steps.AccountSide]string{steps.SideTablestore: w.a.UID, steps.SideMaxCompute: w.b.UID} {
		id, err := s.Identify(context.Background(), side)
		if err != nil || id.AccountUID != want {
			t.Errorf("%s: %+v, %v", side, id, err)
		}
	}
	// The default source takes the file's current profile.
	d := cloud.Credentials{Source: cloud.SourceDefault, ConfigFile: path}
	if os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID") == "" {
		s, err := aliyun.ConnectWith(w.options())(context.Background(), w.target(), d, b)
		if err != nil {
			t.Fatal(err)
		}
		if id, err := s.Identify(context.Background(), steps.SideTablestore); err != nil || id.AccountUID != w.a.UID {
			t.Errorf("default chain: %+v, %v", id, err)
		}
	}
}

// No credential error may carry a secret: credentials-go quotes a whole
// malformed config file in its own error.
func TestCredentialErrorsNeverCarrySecrets(t *testing.T) {
	t.Parallel()
	const secret = "S3CRET-in-the-config-file-0123456789"
	good := `{"current":"a","profiles":[{"name":"a","mode":"AK","access_key_id":"LTAIkey","access_key_secret":"` + secret + `"},` +
		`{"name":"weird","mode":"Telepathy","access_key_id":"LTAIkey","access_key_secret":"` + secret + `"}]}`
	cases := []struct {
		name, content, profile, want string
	}{
		{"malformed JSON", `{"current":"a","profiles":[{"name":"a","access_key_secret":"` + secret + `",}]}`, "a", "not valid JSON (line 1, column"},
		{"unknown profile", good, "b", `no profile "b" (profiles: a, weird)`},
		{"unsupported mode", good, "weird", "unsupported profile mode"},
		{"no profiles", `{"current":"","profiles":[]}`, "a", "holds no profiles"},
		{"missing file", "", "a", "no aliyun config file"},
	}
	w := newWorld(t, sandbox.Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "absent.json")
			if c.content != "" {
				path = writeConfig(t, c.content)
			}
			creds := cloud.Credentials{Source: cloud.SourceProfile, Profile: c.profile, ConfigFile: path}
			_, err := aliyun.ConnectWith(w.options())(context.Background(), w.target(), creds, w.cb)
			if err == nil {
				t.Fatal("connect succeeded")
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("the error leaks the secret: %v", err)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "account A") {
				t.Errorf("error %q does not say %q for account A", err, c.want)
			}
		})
	}
}

func TestWrongSecretAndTokenStayOutOfErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	const wrongSecret, token = "wrong-secret-0123456789abcdef", "sts-token-never-print-0123456789"
	// A token as STS issues them is base64: percent-encoding changes it,
	// and the server's string to sign quotes it encoded twice.
	const b64Token = "CAIS+token/never=print+0123456789=="
	once := url.QueryEscape(b64Token)
	leaks := []string{wrongSecret, token, b64Token, once, url.QueryEscape(once), "string to sign is:", "SignatureNonce"}
	for _, c := range []cloud.Credentials{
		{Source: cloud.SourceAccessKey, AccessKeyID: w.a.Keys[0].ID, Secret: cloud.NewSecret(wrongSecret)},
		{Source: cloud.SourceAccessKey, AccessKeyID: w.a.Keys[0].ID, Secret: cloud.NewSecret(wrongSecret), Token: cloud.NewSecret(token)},
		{Source: cloud.SourceAccessKey, AccessKeyID: w.a.Keys[0].ID, Secret: cloud.NewSecret(wrongSecret), Token: cloud.NewSecret(b64Token)},
	} {
		s, err := aliyun.ConnectWith(w.options())(context.Background(), w.target(), c, w.cb)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Identify(context.Background(), steps.SideTablestore)
		if err == nil {
			t.Fatal("a wrong secret was accepted")
		}
		for _, leak := range leaks {
			if msg := err.Error(); strings.Contains(msg, leak) {
				t.Fatalf("the error shows %q: %s", leak, msg)
			}
		}
		if !strings.Contains(err.Error(), "SignatureDoesNotMatch") {
			t.Errorf("the service's code is lost: %v", err)
		}
		if cloud.KindOf(err) != cloud.KindAuth {
			t.Errorf("kind %s, want authentication (%v)", cloud.KindOf(err), err)
		}
		if d, ok := cloud.DiagnosisOf(err); !ok || d.Link != "credentials" {
			t.Errorf("diagnosis %+v", d)
		}
	}
	if _, err := aliyun.Connect(context.Background(), w.target(), cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: "x"}, w.cb); err == nil {
		t.Error("a pair without a secret was accepted")
	}
	if _, err := aliyun.Connect(context.Background(), cloud.Target{Endpoint: "ftp://x/y"}, w.ca, w.cb); err == nil {
		t.Error("a bad endpoint was accepted")
	}
}

func TestEnvironmentCredentials(t *testing.T) {
	w := newWorld(t, sandbox.Options{})
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", w.b.Keys[0].ID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", w.b.Keys[0].Secret)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "")
	for _, src := range []cloud.CredentialSource{cloud.SourceEnvironment, cloud.SourceDefault} {
		s, err := aliyun.ConnectWith(w.options())(context.Background(), w.target(), w.ca, cloud.Credentials{Source: src})
		if err != nil {
			t.Fatal(err)
		}
		if id, err := s.Identify(context.Background(), steps.SideMaxCompute); err != nil || id.AccountUID != w.b.UID {
			t.Errorf("%s: %+v, %v", src, id, err)
		}
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
	if _, err := aliyun.Connect(context.Background(), w.target(), w.ca, cloud.Credentials{Source: cloud.SourceEnvironment}); err == nil ||
		!strings.Contains(err.Error(), "ALIBABA_CLOUD_ACCESS_KEY_ID") {
		t.Errorf("missing environment: %v", err)
	}
}

// Credentials that cannot be used are an AccountError naming their account,
// so that the wizard shows the fault on that account only.
func TestConnectNamesTheAccountWhoseCredentialsFail(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	path := writeConfig(t, profilesJSON(w.a.Keys[0], w.b.Keys[0]))
	good := cloud.Credentials{Source: cloud.SourceProfile, Profile: "sandbox-a", ConfigFile: path}
	missing := cloud.Credentials{Source: cloud.SourceProfile, Profile: "nobody", ConfigFile: path}
	for _, c := range []struct {
		a, b cloud.Credentials
		side steps.AccountSide
	}{{good, missing, steps.SideMaxCompute}, {missing, good, steps.SideTablestore}} {
		_, err := aliyun.ConnectWith(w.options())(context.Background(), w.target(), c.a, c.b)
		var ae *cloud.AccountError
		if !errors.As(err, &ae) || ae.Side != c.side || !strings.Contains(err.Error(), c.side.String()) {
			t.Errorf("want an AccountError for %s, got %T %v", c.side, err, err)
		}
	}
}
