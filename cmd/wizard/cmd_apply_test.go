package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mcots/wizard/cloud/sandbox"
)

// runIn runs the wizard with a context and a standard input.
func runIn(ctx context.Context, in io.Reader, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(ctx, args, stdio{in: in, out: &out, err: &errb})
	return code, out.String(), errb.String()
}

// terminal is a standard input that says it is a terminal, with answers.
type terminal struct{ io.Reader }

func (terminal) IsTerminal() bool { return true }

// endpointSandbox is a running sandbox (as `wizard sandbox` would be) with
// its demo accounts written as profiles sandbox-a and sandbox-b.
type endpointSandbox struct {
	sb       *sandbox.Sandbox
	info     sandbox.DemoInfo
	profiles string
}

func startEndpointSandbox(t *testing.T, opts sandbox.DemoOptions) *endpointSandbox {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	sb, err := sandbox.StartDemo(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = sb.Close() })
	info, err := sb.Demo()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "config.json")
	if err := writeProfiles(path, sandboxInfoOf(sb).Accounts); err != nil {
		t.Fatal(err)
	}
	return &endpointSandbox{sb: sb, info: info, profiles: path}
}

func (e *endpointSandbox) args(cmd string, more ...string) []string {
	return append([]string{cmd, "--endpoint", e.info.Endpoint, "--profiles-file", e.profiles,
		"--profile-a", "sandbox-a", "--profile-b", "sandbox-b", "--uids-from-credentials",
		"-f", example("cap1-vehicle-track.yaml")}, more...)
}

func (e *endpointSandbox) secrets() []string {
	return []string{e.info.A.AccessKeySecret, e.info.B.AccessKeySecret}
}

var rowsLine = regexp.MustCompile(`\((\d+) rows?\)`)

func TestApplySandboxSeedFromAFreshClone(t *testing.T) {
	t.Parallel()
	code, out, errs := runIn(context.Background(), strings.NewReader(""), "apply", "--sandbox", "--yes", "-f", example("cap1-vehicle-track.yaml"))
	if code != exitOK {
		t.Fatalf("code %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	for _, want := range []string{"+ role ", "+ policy ", "+ attachment ", "+ instance ", "+ table ", "+ external table ", "> verify ", "Verification: SELECT "} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if m := rowsLine.FindStringSubmatch(out); m == nil || m[1] == "0" {
		t.Errorf("no verification rows:\n%s", out)
	}
	if !strings.Contains(errs, "Plan: ") || !strings.Contains(errs, "done; running it again changes nothing") {
		t.Errorf("stderr:\n%s", errs)
	}
}

func TestApplyAsksAndRefusesWithoutATerminal(t *testing.T) {
	t.Parallel()
	e := startEndpointSandbox(t, sandbox.DemoOptions{Instant: true})
	ctx := context.Background()
	code, _, errs := runIn(ctx, strings.NewReader(""), e.args("apply")...)
	if code != exitUsage || !strings.Contains(errs, "add --yes") {
		t.Fatalf("no terminal: %d %s", code, errs)
	}
	code, _, errs = runIn(ctx, terminal{strings.NewReader("n\n")}, e.args("apply")...)
	if code != exitProblems || !strings.Contains(errs, "Apply this plan? [y/N]") || !strings.Contains(errs, "not confirmed; nothing was changed") {
		t.Fatalf("declined: %d %s", code, errs)
	}
	if n := e.sb.Writes(); n != 0 {
		t.Fatalf("%d writes without consent", n)
	}
	code, out, errs := runIn(ctx, terminal{strings.NewReader("yes\n")}, e.args("apply")...)
	if code != exitOK || !strings.Contains(out, "Verification:") {
		t.Fatalf("confirmed: %d\n%s\n%s", code, out, errs)
	}
}

// The seed applies through a running sandbox with the profiles it wrote; a
// second apply plans and performs no writes; no output carries a secret.
func TestApplyTwiceThroughAnEndpoint(t *testing.T) {
	t.Parallel()
	e := startEndpointSandbox(t, sandbox.DemoOptions{Instant: true})
	ctx := context.Background()
	var outputs []string
	check := func(what string, code, want int, out, errs string) {
		t.Helper()
		outputs = append(outputs, out, errs)
		if code != want {
			t.Fatalf("%s: code %d, want %d\nstdout:\n%s\nstderr:\n%s", what, code, want, out, errs)
		}
	}
	code, out, errs := runIn(ctx, nil, e.args("apply", "--yes")...)
	check("first apply", code, exitOK, out, errs)

	e.sb.ResetCalls()
	code, out, errs = runIn(ctx, nil, e.args("plan")...)
	check("plan", code, exitOK, out, errs)
	if !strings.Contains(out, "0 to create, 0 to change, 9 in place.") || !strings.Contains(out, "= verify ") {
		t.Errorf("plan after apply:\n%s", out)
	}
	code, out, errs = runIn(ctx, nil, e.args("plan", "--output", "json")...)
	check("plan json", code, exitOK, out, errs)
	var planned report
	if err := json.Unmarshal([]byte(out), &planned); err != nil || !planned.OK || len(planned.Plan) != 10 || planned.Plan[2].Action != "in place" {
		t.Errorf("plan --output json: %v\n%s", err, out)
	}
	code, out, errs = runIn(ctx, nil, e.args("apply")...) // nothing to write: no question
	check("second apply", code, exitOK, out, errs)
	if strings.Contains(out, "+ ") || strings.Contains(out, "~ ") || !strings.Contains(out, "Verification:") {
		t.Errorf("second apply:\n%s", out)
	}
	if n := e.sb.Writes(); n != 0 {
		t.Errorf("the second apply wrote %d times", n)
	}

	code, out, errs = runIn(ctx, nil, e.args("apply", "--yes", "--output", "json")...)
	check("json", code, exitOK, out, errs)
	var r report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("--output json: %v\n%s", err, out)
	}
	if !r.OK || len(r.Plan) != 10 || r.Verification == nil || len(r.Verification.Rows) < 2 || !strings.HasPrefix(r.Verification.Query, "SELECT") {
		t.Errorf("report: %+v", r)
	}

	// A failing run: the project does not exist.
	spec := "region: cn-hangzhou\nmaxcompute: {project: no_such_project}\ntablestore: {instance: cap1, table: vehicle_track, primary_key: [{name: vid, type: INTEGER}]}\n"
	args := []string{"apply", "--endpoint", e.info.Endpoint, "--profiles-file", e.profiles, "--profile-a", "sandbox-a", "--profile-b", "sandbox-b", "--yes", "-f", "-"}
	code, out, errs = runIn(ctx, strings.NewReader(spec), args...)
	check("missing project", code, exitProblems, out, errs)
	if !strings.Contains(errs, "project is blocked") || !strings.Contains(errs, "MaxCompute console") {
		t.Errorf("missing project:\n%s", errs)
	}

	for _, o := range outputs {
		for _, s := range e.secrets() {
			if strings.Contains(o, s) {
				t.Fatalf("an output carries a demo secret:\n%s", o)
			}
		}
	}
}

// Ctrl+C in the middle of apply exits 130, and apply again finishes.
func TestApplyInterruptedThenFinished(t *testing.T) {
	t.Parallel()
	e := startEndpointSandbox(t, sandbox.DemoOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(300 * time.Millisecond) // observation is done; the instance is starting
		cancel()
	}()
	code, out, errs := runIn(ctx, nil, e.args("apply", "--yes")...)
	if code != exitInterrupted || !strings.Contains(errs, "running apply again finishes the rest") {
		t.Fatalf("interrupted: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = runIn(context.Background(), nil, e.args("apply", "--yes")...)
	if code != exitOK || !strings.Contains(out, "Verification:") {
		t.Fatalf("after the interruption: %d\n%s\n%s", code, out, errs)
	}
}

func TestApplyFlags(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"apply", "--sandbox", "--endpoint", "http://127.0.0.1:1"}, "exclude each other"},
		{[]string{"apply", "--output", "yaml"}, "use text or json"},
		{[]string{"apply", "--demo-rows", "-1"}, "must not be negative"},
		{[]string{"plan", "--sandbox", "--profile-a", "x"}, "drop --profile-a"},
	} {
		code, _, errs := runIn(context.Background(), nil, append(c.args, "-f", example("cap1-vehicle-track.yaml"))...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %s", c.args, code, errs)
		}
	}
}

// Ctrl+C at the [y/N] question answers at once: nobody has to press Enter.
func TestConfirmStopsOnInterrupt(t *testing.T) {
	t.Parallel()
	r, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	yes, err := confirm(ctx, r, io.Discard, "Apply this plan?")
	if yes || !errors.Is(err, context.Canceled) || time.Since(start) > 2*time.Second {
		t.Fatalf("yes %v err %v after %s", yes, err, time.Since(start))
	}
	for answer, want := range map[string]bool{"y\n": true, "YES\n": true, "\n": false, "no\n": false} {
		got, err := confirm(context.Background(), strings.NewReader(answer), io.Discard, "?")
		if got != want || err != nil {
			t.Errorf("%q: %v %v", answer, got, err)
		}
	}
}

// When the identities block the plan, the steps after them were not looked
// at: the plan says so and counts them nowhere, rather than "in place".
func TestPlanBlockedAtTheIdentitiesCountsNothingElse(t *testing.T) {
	t.Parallel()
	e := startEndpointSandbox(t, sandbox.DemoOptions{Instant: true})
	// The seed's placeholder UIDs, not taken from the credentials: blocked.
	code, out, errs := runIn(context.Background(), nil, "plan", "--endpoint", e.info.Endpoint, "--profiles-file", e.profiles,
		"--profile-a", "sandbox-a", "--profile-b", "sandbox-b", "-f", example("cap1-vehicle-track.yaml"))
	if code == exitOK || !strings.Contains(out, "! identities") || !strings.Contains(out, "· role            not looked at: a step before it is blocked or failed") ||
		!strings.Contains(out, "0 to create, 0 to change, 0 in place, 1 blocked, 0 failed, 9 not looked at.") {
		t.Fatalf("code %d\n%s\n%s", code, out, errs)
	}
}

// The spec's warnings come before the calls whose failures they explain.
func TestOnlineCommandsSayTheSpecsWarnings(t *testing.T) {
	t.Parallel()
	code, _, errs := runCapture(t, "doctor", "--endpoint", "http://127.0.0.1:1", "--profiles-file", filepath.Join(t.TempDir(), "none.json"),
		"-f", typoRegionSpec(t))
	warn := strings.Index(errs, `warning: region: "cn-hangzou" is not a region the wizard knows — did you mean cn-hangzhou?`)
	if code == exitOK || warn < 0 {
		t.Fatalf("code %d\n%s", code, errs)
	}
}

// typoRegionSpec is the seed with its region misspelt, in a temp file.
func typoRegionSpec(t *testing.T) string {
	t.Helper()
	seed, err := os.ReadFile(example("cap1-vehicle-track.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(string(seed), "cn-hangzhou", "cn-hangzou", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
