package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	"github.com/aliyun/aliyun-odps-go-sdk/odps"
	odpsaccount "github.com/aliyun/aliyun-odps-go-sdk/odps/account"
	clicreds "github.com/aliyun/credentials-go/credentials/providers"
)

// lockedBuffer is a bytes.Buffer safe for the sandbox's logger goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestSandboxFlagErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--listen", "0.0.0.0:0"}, "--allow-remote"},
		{[]string{"--listen", ":8080"}, "reachable from other machines"},
		{[]string{"--listen", "nonsense"}, "want host:port"},
		{[]string{"--output", "yaml"}, "use text or json"},
		{[]string{"--fault", "*=throttle:2"}, "between 0 and 1"},
		{[]string{"--demo-rows", "-1"}, "must not be negative"},
		{[]string{"--instance-ready-delay", "-1s"}, "must not be negative"},
		{[]string{"extra"}, "unexpected argument"},
		{[]string{"--no-such-flag"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		code, out, errs := runCapture(t, append([]string{"sandbox"}, tt.args...)...)
		if code != exitUsage || out != "" || !strings.Contains(errs, tt.want) {
			t.Errorf("wizard sandbox %v: code %d, out %q, err %q; want usage error mentioning %q", tt.args, code, out, errs, tt.want)
		}
	}
	code, _, errs := runCapture(t, "sandbox", "-h")
	if code != exitOK || !strings.Contains(errs, "-profiles-file") || !strings.Contains(errs, "demo accounts") {
		t.Errorf("-h: code %d, %q", code, errs)
	}
}

func TestSandboxFlagDefaults(t *testing.T) {
	t.Parallel()
	// Without --seed each start has fresh keys; --seed 0 is a seed too.
	x, err1 := parseSandboxFlags(nil, io.Discard)
	y, err2 := parseSandboxFlags(nil, io.Discard)
	z, err3 := parseSandboxFlags([]string{"--seed", "0"}, io.Discard)
	if err1 != nil || err2 != nil || err3 != nil || x.opts.Seed == y.opts.Seed || z.opts.Seed != 0 || x.opts.DemoRows != 20 {
		t.Fatalf("seeds %d %d %d (%v %v %v), demo rows %d", x.opts.Seed, y.opts.Seed, z.opts.Seed, err1, err2, err3, x.opts.DemoRows)
	}
	c, err := parseSandboxFlags([]string{"--fault", "*=throttle:0.3", "--fault", "GetInstance=latency:10ms", "--seed", "9", "--demo-rows", "50", "--allow-remote", "--listen", "0.0.0.0:0"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.opts.Faults) != 2 || c.opts.Seed != 9 || c.opts.DemoRows != 50 || !c.opts.AllowRemote ||
		c.opts.InstanceReadyDelay != time.Second || c.opts.TableReadyDelay != 500*time.Millisecond || c.output != "text" {
		t.Fatalf("parsed %+v", c)
	}
}

// newClientMu serialises SDK client construction, which races inside the
// SDK (a lazily filled package-level endpoint map).
var newClientMu sync.Mutex

// callerUID asks STS who an AccessKey pair belongs to, with the official SDK.
func callerUID(t *testing.T, endpoint, id, secret string) string {
	t.Helper()
	cfg := sdk.NewConfig()
	cfg.Scheme = "HTTP"
	cfg.Timeout = 10 * time.Second
	newClientMu.Lock()
	c, err := sts.NewClientWithOptions("cn-hangzhou", cfg, credentials.NewAccessKeyCredential(id, secret))
	newClientMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = strings.TrimPrefix(endpoint, "http://")
	c.SetNoProxy("127.0.0.1")
	resp, err := c.GetCallerIdentity(sts.CreateGetCallerIdentityRequest())
	if err != nil {
		t.Fatalf("GetCallerIdentity: %v", err)
	}
	return resp.AccountId
}

func checkInfo(t *testing.T, line string) sandboxInfo {
	t.Helper()
	var info sandboxInfo
	if err := json.Unmarshal([]byte(line), &info); err != nil {
		t.Fatalf("first line %q is not JSON: %v", line, err)
	}
	var raw struct {
		Projects []map[string]string `json:"projects"`
	}
	if err := json.Unmarshal([]byte(line), &raw); err != nil || len(raw.Projects) != 1 ||
		raw.Projects[0]["name"] != "demo_project" || raw.Projects[0]["owner"] == "" || raw.Projects[0]["region"] != "cn-hangzhou" {
		t.Fatalf("projects in %s", line)
	}
	if info.MaxComputeEndpoint != info.Endpoint+"/host/service.cn-hangzhou.maxcompute.aliyun.com/api" ||
		info.TablestoreEndpoint != info.Endpoint+"/host/{instance}.cn-hangzhou.ots.aliyuncs.com" || info.Region != "cn-hangzhou" {
		t.Fatalf("endpoints in %s", line)
	}
	if !strings.HasPrefix(info.Endpoint, "http://127.0.0.1:") || len(info.Accounts) != 2 ||
		info.Accounts[0].Name != "A" || info.Accounts[1].Name != "B" ||
		len(info.Projects) != 1 || info.Projects[0].Name != "demo_project" || info.Projects[0].Owner != info.Accounts[1].UID {
		t.Fatalf("startup info = %+v", info)
	}
	for _, a := range info.Accounts {
		if got := callerUID(t, info.Endpoint, a.AccessKeyID, a.AccessKeySecret); got != a.UID {
			t.Fatalf("account %s: GetCallerIdentity says %s, want %s", a.Name, got, a.UID)
		}
	}
	// The printed MaxCompute endpoint serves B's project to B's key.
	b := info.Accounts[1]
	o := odps.NewOdps(odpsaccount.NewAliyunAccount(b.AccessKeyID, b.AccessKeySecret), info.MaxComputeEndpoint)
	if ok, err := o.Projects().Exists(info.Projects[0].Name); !ok || err != nil {
		t.Fatalf("project %s at %s: %v %v", info.Projects[0].Name, info.MaxComputeEndpoint, ok, err)
	}
	return info
}

// checkProfiles loads the written profiles with credentials-go, as the
// product will, and uses them.
func checkProfiles(t *testing.T, path string, info sandboxInfo) {
	t.Helper()
	for i, name := range []string{"sandbox-a", "sandbox-b"} {
		p, err := clicreds.NewCLIProfileCredentialsProviderBuilder().WithProfileFile(path).WithProfileName(name).Build()
		if err != nil {
			t.Fatal(err)
		}
		cc, err := p.GetCredentials()
		if err != nil {
			t.Fatalf("profile %s: %v", name, err)
		}
		if got := callerUID(t, info.Endpoint, cc.AccessKeyId, cc.AccessKeySecret); got != info.Accounts[i].UID {
			t.Fatalf("profile %s is account %s, want %s", name, got, info.Accounts[i].UID)
		}
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("profiles file: %v %v", fi, err)
	}
}

func TestSandboxInProcess(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	profiles := filepath.Join(dir, ".aliyun", "config.json")
	state := filepath.Join(dir, "state.json")
	// An existing config keeps its other profiles and its current one.
	if err := os.MkdirAll(filepath.Dir(profiles), 0o700); err != nil {
		t.Fatal(err)
	}
	existing := `{"current":"work","profiles":[{"name":"work","mode":"AK","access_key_id":"x","access_key_secret":"y","region_id":"cn-beijing"}],"meta_path":"","extra":1}`
	if err := os.WriteFile(profiles, []byte(existing), 0o600); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var errs lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"sandbox", "--output", "json", "--profiles-file", profiles, "--state", state, "--instance-ready-delay", "0s"},
			stdio{in: strings.NewReader(""), out: pw, err: &errs})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v (stderr %s)", err, errs.String())
	}
	info := checkInfo(t, line)
	checkProfiles(t, profiles, info)
	b, _ := os.ReadFile(profiles)
	var doc struct {
		Current  string           `json:"current"`
		Profiles []map[string]any `json:"profiles"`
		Extra    int              `json:"extra"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Current != "work" || len(doc.Profiles) != 3 || doc.Extra != 1 {
		t.Fatalf("merged config = %s (%v)", b, err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit code %d, stderr %s", code, errs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the sandbox did not stop")
	}
	if _, err := os.Stat(state); err != nil {
		t.Fatalf("state not saved: %v", err)
	}
	// A restart from the state file has the same accounts and keys.
	again := startJSON(t, "sandbox", "--output", "json", "--quiet", "--state", state)
	if len(again.Accounts) != 2 || again.Accounts[0] != info.Accounts[0] || again.Accounts[1] != info.Accounts[1] {
		t.Fatalf("after restart: %+v, before: %+v", again.Accounts, info.Accounts)
	}
	log := errs.String()
	if !strings.Contains(log, "action=GetCallerIdentity") || strings.Contains(log, info.Accounts[0].AccessKeySecret) {
		t.Fatalf("request log missing or leaking secrets:\n%s", log)
	}
}

func TestSandboxTextOutput(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"sandbox", "--quiet", "--seed", "5"}, stdio{in: strings.NewReader(""), out: pw, err: io.Discard})
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	env := map[string]string{}
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "="); ok && strings.HasPrefix(sc.Text(), "export ") {
			env[k] = v
		}
		if strings.HasPrefix(sc.Text(), "export SANDBOX_B_ACCESS_KEY_SECRET=") {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if e := env["SANDBOX_ENDPOINT"]; env["SANDBOX_MAXCOMPUTE_ENDPOINT"] != e+"/host/service.cn-hangzhou.maxcompute.aliyun.com/api" ||
		env["SANDBOX_TABLESTORE_ENDPOINT"] != e+"/host/cap1.cn-hangzhou.ots.aliyuncs.com" {
		t.Fatalf("endpoints in the export lines: %v", env)
	}
	for _, acct := range []string{"A", "B"} {
		p := "SANDBOX_" + acct + "_"
		if got := callerUID(t, env["SANDBOX_ENDPOINT"], env[p+"ACCESS_KEY_ID"], env[p+"ACCESS_KEY_SECRET"]); got != env[p+"UID"] || got == "" {
			t.Fatalf("account %s from the export lines: %s vs %v", acct, got, env)
		}
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit code %d", code)
	}
}

// TestSandboxBinary starts the real binary, as an onboarding session does
// in one terminal, and uses it from "another" with the SDK.
func TestSandboxBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the wizard binary")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "wizard")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	profiles := filepath.Join(dir, "home", ".aliyun", "config.json")
	cmd := exec.Command(bin, "sandbox", "--output", "json", "--quiet", "--profiles-file", profiles)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()

	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, stdout)
	}()
	var line string
	select {
	case line = <-lines:
	case <-time.After(30 * time.Second):
		t.Fatalf("no startup line; stderr: %s", stderr.String())
	}
	info := checkInfo(t, line)
	checkProfiles(t, profiles, info)

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			t.Fatalf("after SIGINT: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the sandbox did not stop on SIGINT")
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Fatalf("stderr: %s", stderr.String())
	}
}

// startJSON runs the sandbox command in-process until its startup line is
// read, checks the line, and stops it.
func startJSON(t *testing.T, args ...string) sandboxInfo {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var errs lockedBuffer
	go func() {
		done <- run(ctx, args, stdio{in: strings.NewReader(""), out: pw, err: &errs})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v (stderr %s)", err, errs.String())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	info := checkInfo(t, line)
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit code %d, stderr %s", code, errs.String())
	}
	return info
}
