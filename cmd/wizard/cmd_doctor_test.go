package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/cloud/sandbox"
)

// accountA gives the endpoint sandbox's account A through the SDK
// adapters, to break a setup as a person would.
func (e *endpointSandbox) accountA(t *testing.T) cloud.Account {
	t.Helper()
	o := aliyun.DefaultOptions()
	o.Transport = aliyun.NewTransport()
	t.Cleanup(o.Transport.CloseIdleConnections)
	acct, err := aliyun.NewAccount(cloud.Target{Endpoint: e.info.Endpoint, Region: e.info.Region},
		cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: e.info.A.AccessKeyID, Secret: cloud.NewSecret(e.info.A.AccessKeySecret)}, o)
	if err != nil {
		t.Fatal(err)
	}
	return acct
}

// noSecrets fails when any output carries a demo secret.
func (e *endpointSandbox) noSecrets(t *testing.T, outputs ...string) {
	t.Helper()
	for _, o := range outputs {
		for _, s := range e.secrets() {
			if strings.Contains(o, s) {
				t.Fatalf("an output carries a demo secret:\n%s", o)
			}
		}
	}
}

// doctor on a fresh sandbox names what is missing; after apply every link
// holds (the demo's root keys draw a warning); a broken trust policy is
// named with its fix. Doctor never writes.
func TestDoctorThroughAnEndpoint(t *testing.T) {
	t.Parallel()
	e := startEndpointSandbox(t, sandbox.DemoOptions{Instant: true})
	ctx := context.Background()

	code, out, errs := runIn(ctx, nil, e.args("doctor")...)
	if code != exitProblems || !strings.Contains(out, "✗ role ") || !strings.Contains(out, "– trust policy       skipped (needs role)") ||
		!strings.Contains(errs, "3 links broken: role, instance, external table") {
		t.Fatalf("before apply: %d\n%s\n%s", code, out, errs)
	}
	if n := e.sb.Writes(); n != 0 {
		t.Fatalf("doctor wrote %d times", n)
	}
	if code, out, errs := runIn(ctx, nil, e.args("apply", "--yes")...); code != exitOK {
		t.Fatalf("apply: %d\n%s\n%s", code, out, errs)
	}

	e.sb.ResetCalls()
	code, out, errs = runIn(ctx, nil, e.args("doctor")...)
	if code != exitOK || !strings.Contains(errs, "every link holds") || !strings.Contains(errs, "read-only: nothing is written") {
		t.Fatalf("after apply: %d\n%s\n%s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	marks := ""
	for _, l := range lines {
		if !strings.HasPrefix(l, " ") {
			marks += strings.Fields(l)[0]
		}
	}
	// Root keys: a warning for each account, with cause and fix; every
	// other link holds.
	if marks != "!!✓✓✓✓✓✓✓✓✓✓✓" || !strings.Contains(out, "fix:   create a RAM user") || !strings.Contains(out, "✓ verification query SELECT ") {
		t.Errorf("marks %s:\n%s", marks, out)
	}
	if n := e.sb.Writes(); n != 0 {
		t.Errorf("doctor wrote %d times: %v", n, e.sb.Calls())
	}

	code, jsonOut, errs := runIn(ctx, nil, e.args("doctor", "--output", "json")...)
	var links []map[string]string
	if err := json.Unmarshal([]byte(jsonOut), &links); err != nil || code != exitOK || len(links) != 13 {
		t.Fatalf("json: %d %v\n%s\n%s", code, err, jsonOut, errs)
	}
	if links[0]["link"] != "credentials A" || links[0]["status"] != "warning" || links[0]["cause"] == "" ||
		links[12]["link"] != "verification query" || links[12]["status"] != "ok" {
		t.Errorf("json links: %v", links)
	}
	for _, l := range links {
		for _, k := range []string{"link", "status", "detail"} {
			if l[k] == "" {
				t.Errorf("link without %s: %v", k, l)
			}
		}
	}

	// B9: someone "fixes" the trust policy to the same-account principal.
	if _, err := e.accountA(t).RAM().UpdateRole(ctx, "AliyunODPSRoleForOtherUser",
		`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["odps.aliyuncs.com"]}}]}`, ""); err != nil {
		t.Fatal(err)
	}
	e.sb.ResetCalls()
	code, broken, errs := runIn(ctx, nil, e.args("doctor")...)
	if code != exitProblems || !strings.Contains(errs, "1 link broken: trust policy") ||
		!strings.Contains(broken, "✗ trust policy       role AliyunODPSRoleForOtherUser trusts odps.aliyuncs.com, which admits only MaxCompute of account A itself") ||
		!strings.Contains(broken, "      cause: the role in account A does not trust MaxCompute of account B\n") ||
		!strings.Contains(broken, "      fix:   aliyun ram UpdateRole --RoleName AliyunODPSRoleForOtherUser --NewAssumeRolePolicyDocument ") ||
		!strings.Contains(broken, fmt.Sprintf("             or: wizard apply --endpoint %s --profile-a sandbox-a --profile-b sandbox-b --profiles-file %s --uids-from-credentials -f %s\n",
			e.info.Endpoint, e.profiles, example("cap1-vehicle-track.yaml"))) ||
		!strings.Contains(broken, "– verification query skipped (needs trust policy)") {
		t.Errorf("broken trust: %d\n%s\n%s", code, broken, errs)
	}
	if n := e.sb.Writes(); n != 0 {
		t.Errorf("doctor wrote %d times", n)
	}

	// The suggested command, run as printed, repairs the link.
	_, cmdLine, found := strings.Cut(broken, "or: ")
	cmdLine, _, _ = strings.Cut(cmdLine, "\n")
	words := strings.Fields(cmdLine)
	if !found || len(words) < 2 || words[0] != "wizard" {
		t.Fatalf("no wizard command in the fix:\n%s", broken)
	}
	if code, out, errs := runIn(ctx, nil, append(words[1:], "--yes")...); code != exitOK {
		t.Fatalf("%s: %d\n%s\n%s", cmdLine, code, out, errs)
	}
	if code, out, errs := runIn(ctx, nil, e.args("doctor")...); code != exitOK || !strings.Contains(errs, "every link holds") {
		t.Errorf("after the suggested fix: %d\n%s\n%s", code, out, errs)
	}
	e.noSecrets(t, out, errs, jsonOut, broken)
}

// doctor --ddl checks a pasted DDL instead of the table in B.
func TestDoctorPastedDDL(t *testing.T) {
	t.Parallel()
	e := startEndpointSandbox(t, sandbox.DemoOptions{Instant: true})
	ctx := context.Background()
	if code, out, errs := runIn(ctx, nil, e.args("apply", "--yes")...); code != exitOK {
		t.Fatalf("apply: %d\n%s\n%s", code, out, errs)
	}
	_, ddl, _ := runIn(ctx, nil, "ddl", "-f", example("cap1-vehicle-track.yaml"))
	if !strings.HasPrefix(ddl, "CREATE EXTERNAL TABLE") {
		t.Fatalf("ddl: %s", ddl)
	}
	// The example's UIDs are fake; the pasted DDL must name account A's.
	ddl = strings.Replace(ddl, "1111111111111111", e.info.A.UID, 1)
	// B5: CREATE TABLE without EXTERNAL, from standard input.
	b5 := strings.Replace(ddl, "CREATE EXTERNAL TABLE", "CREATE TABLE", 1)
	code, out, errs := runIn(ctx, strings.NewReader(b5), e.args("doctor", "--ddl", "-")...)
	if code != exitProblems || !strings.Contains(out, "✗ external table     external table vehicle_track_ext (<stdin>)\n                     <stdin>:1:8: error: a table with STORED BY and LOCATION must be created with CREATE EXTERNAL TABLE") ||
		!strings.Contains(out, "– verification query skipped (needs external table)") || !strings.Contains(errs, "with the DDL in <stdin>") {
		t.Errorf("B5: %d\n%s\n%s", code, out, errs)
	}
	// The good DDL from a file: every link holds, the query is skipped.
	path := filepath.Join(t.TempDir(), "ext.sql")
	if err := os.WriteFile(path, []byte(ddl), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runIn(ctx, nil, e.args("doctor", "--ddl", path)...)
	if code != exitOK || !strings.Contains(out, "– verification query skipped: doctor checks the pasted DDL and creates nothing") {
		t.Errorf("good DDL: %d\n%s\n%s", code, out, errs)
	}
}

func TestDoctorFlags(t *testing.T) {
	t.Parallel()
	empty := filepath.Join(t.TempDir(), "empty.sql")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		in   string
		want string
	}{
		{[]string{"doctor", "--ddl", "-", "-f", "-"}, "", "cannot both come from standard input"},
		{[]string{"doctor", "--ddl", filepath.Join(t.TempDir(), "missing.sql"), "-f", example("cap1-vehicle-track.yaml")}, "", "cannot read"},
		{[]string{"doctor", "--ddl", empty, "-f", example("cap1-vehicle-track.yaml")}, "", "is empty"},
		{[]string{"doctor", "--output", "yaml", "-f", example("cap1-vehicle-track.yaml")}, "", "use text or json"},
		{[]string{"doctor"}, "", "-f SPEC is required"},
		{[]string{"destroy", "--sandbox", "--endpoint", "http://127.0.0.1:1", "-f", example("cap1-vehicle-track.yaml")}, "", "exclude each other"},
	} {
		code, _, errs := runIn(context.Background(), strings.NewReader(c.in), c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %s", c.args, code, errs)
		}
	}
	// A spec with problems is refused before any call.
	code, _, errs := runIn(context.Background(), strings.NewReader("region: cn-hangzhou\n"), "doctor", "--sandbox", "-f", "-")
	if code != exitProblems || !strings.Contains(errs, "the spec has problems; nothing was called") {
		t.Errorf("bad spec: %d %s", code, errs)
	}
}

// A profile that cannot be read stops doctor before any call, saying why
// and how to fix it; apply says the same.
func TestDoctorWithoutCredentialsSaysWhatToFix(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "config.json")
	diag, _ := cloud.FaultNoCredentials.Diagnosis()
	for _, cmd := range []string{"doctor", "apply"} {
		code, out, errs := runIn(context.Background(), nil, cmd, "-f", example("cap1-vehicle-track.yaml"), "--profiles-file", missing)
		if code != exitProblems || out != "" || !strings.Contains(errs, "account A (Tablestore): no aliyun config file at "+missing) ||
			!strings.Contains(errs, "broken link: credentials — "+diag.Cause) || !strings.Contains(errs, "fix: "+diag.Fix) {
			t.Errorf("%s: %d\n%s\n%s", cmd, code, out, errs)
		}
	}
}

func TestApplyCommandReachesTheSameAccounts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		flags cloudFlags
		spec  string
		want  string
	}{
		{cloudFlags{}, "spec.yaml", "wizard apply -f spec.yaml"},
		{cloudFlags{}, "-", "wizard apply -f SPEC"},
		{cloudFlags{sandbox: true}, "out dir/spec.yaml", "wizard apply --sandbox -f 'out dir/spec.yaml'"},
		{cloudFlags{profileA: "prod a", profileB: "b"}, "s.yaml", "wizard apply --profile-a 'prod a' --profile-b b -f s.yaml"},
		{cloudFlags{endpoint: "http://127.0.0.1:8080", uidsFromCredentials: true}, "it's.yaml", `wizard apply --endpoint http://127.0.0.1:8080 --uids-from-credentials -f 'it'\''s.yaml'`},
	}
	for _, c := range cases {
		if got := cloud.ApplyCommand(c.flags.applyPrefix(), c.spec); got != c.want {
			t.Errorf("%+v %q: %s, want %s", c.flags, c.spec, got, c.want)
		}
	}
}

// An --endpoint without its scheme is a usage error, said before anything
// claims to go there.
func TestEndpointWithoutSchemeIsAUsageError(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"apply", "plan", "doctor", "destroy"} {
		code, out, errs := runCapture(t, cmd, "--endpoint", "127.0.0.1:46461", "-f", example("cap1-vehicle-track.yaml"))
		if code != exitUsage || out != "" || !strings.Contains(errs, "with its scheme") || strings.Contains(errs, "every call goes to") {
			t.Errorf("%s: %d %q %q", cmd, code, out, errs)
		}
	}
}
