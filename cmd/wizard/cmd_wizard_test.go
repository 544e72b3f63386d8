package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/examples"
	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui"
)

// fakeWizardEnv is a terminal that is there, a sandbox that starts, and a
// ui.Run that records its options and returns res.
func fakeWizardEnv(t *testing.T, res ui.Result, runErr error, got *ui.Options) wizardEnv {
	home := t.TempDir()
	return wizardEnv{
		getenv:     func(k string) string { return map[string]string{"XDG_STATE_HOME": filepath.Join(home, "state")}[k] },
		home:       home,
		isTerminal: func(any) bool { return true },
		startSandbox: func(ctx context.Context, spec steps.Spec) (ui.Target, func(), error) {
			return ui.Target{Name: "in-process sandbox with demo data", Cloud: cloud.Target{Endpoint: "http://127.0.0.1:1", Region: spec.Region}}, func() {}, nil
		},
		run: func(ctx context.Context, o ui.Options) (ui.Result, error) {
			*got = o
			return res, runErr
		},
	}
}

func runWizardCapture(t *testing.T, env wizardEnv, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runWizard(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb}, env)
	return code, out.String(), errb.String()
}

func TestWizardNeedsATerminal(t *testing.T) {
	t.Parallel()
	// Through run, as main calls it: buffers are no terminal.
	code, out, errs := runCapture(t)
	if code != exitUsage || out != "" || !strings.Contains(errs, "needs a terminal") || !strings.Contains(errs, "wizard apply -f SPEC") {
		t.Fatalf("code %d out %q err %q", code, out, errs)
	}
	// A check points to the headless check.
	code, _, errs = runCapture(t, "--check")
	if code != exitUsage || !strings.Contains(errs, "wizard doctor -f SPEC") || strings.Contains(errs, "apply") {
		t.Fatalf("--check: code %d err %q", code, errs)
	}
}

func TestWizardFlags(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--cloud", "--endpoint", "http://127.0.0.1:9"}, exitUsage, "--sandbox, --cloud and --endpoint exclude each other"},
		{[]string{"--sandbox", "--cloud"}, exitUsage, "choose one target"},
		{[]string{"--resume", "--no-resume"}, exitUsage, "--resume and --no-resume exclude each other"},
		{[]string{"--check", "--resume"}, exitUsage, "--check and --resume exclude each other"},
		{[]string{"--endpoint", "127.0.0.1:8080"}, exitUsage, "with its scheme, e.g. http://127.0.0.1:8080"},
		{[]string{"--frob"}, exitUsage, "flag provided but not defined: -frob"},
		{[]string{"-f", "/nonexistent/spec.yaml"}, exitUsage, "cannot read the spec"},
		{[]string{"-h"}, exitOK, "usage: wizard [flags]"},
	}
	for _, c := range cases {
		var got ui.Options
		code, _, errs := runWizardCapture(t, fakeWizardEnv(t, ui.Result{}, nil, &got), c.args...)
		if code != c.code || !strings.Contains(errs, c.err) {
			t.Errorf("%v: code %d, err %q; want %d, %q", c.args, code, errs, c.code, c.err)
		}
	}
}

func TestWizardOptionsAndTargets(t *testing.T) {
	t.Parallel()
	spec := filepath.Join(t.TempDir(), "spec.yaml")
	seed, err := os.ReadFile(filepath.Join("..", "..", "examples", "cap1-vehicle-track.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec, []byte(strings.Replace(string(seed), "cn-hangzhou", "cn-shanghai", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		targets []string
		check   func(*testing.T, ui.Options)
	}{
		{
			name: "default: the in-process sandbox, then Alibaba Cloud", targets: []string{"in-process sandbox with demo data", "Alibaba Cloud"},
			check: func(t *testing.T, o ui.Options) {
				if o.Spec.Tablestore.Table != "vehicle_track" || o.SpecName != "examples/cap1-vehicle-track.yaml (built in)" {
					t.Errorf("spec %q from %q", o.Spec.Tablestore.Table, o.SpecName)
				}
				// The seed's placeholder UIDs match nobody: the credentials say.
				if a, b := o.Spec.Accounts.Tablestore.UID, o.Spec.Accounts.MaxCompute.UID; a != "" || b != "" {
					t.Errorf("UIDs %q, %q from the built-in seed", a, b)
				}
				if !strings.HasSuffix(o.StateFile, filepath.Join("state", "mcots-wizard", "session.yaml")) || o.Resume != ui.ResumeAsk {
					t.Errorf("state %s resume %s", o.StateFile, o.Resume)
				}
				// The seed's profiles a and b name account A's and B's credentials on Alibaba Cloud.
				if c := o.Targets[1].Tablestore; c.Source != cloud.SourceProfile || c.Profile != "a" {
					t.Errorf("account A on Alibaba Cloud: %v", c)
				}
				if o.Clipboard == nil || o.NoColor || o.Accessible {
					t.Errorf("options %+v", o)
				}
			},
		},
		{
			name: "--sandbox: the sandbox only", args: []string{"--sandbox"}, targets: []string{"in-process sandbox with demo data"},
			check: func(t *testing.T, o ui.Options) {
				if o.Check || o.SpecPath != "" {
					t.Errorf("check %v, spec path %q", o.Check, o.SpecPath)
				}
			},
		},
		{
			name: "--cloud with profiles", args: []string{"--cloud", "--profile-a", "prod-a", "--profile-b", "prod-b", "-f", spec, "--no-resume"},
			targets: []string{"Alibaba Cloud"},
			check: func(t *testing.T, o ui.Options) {
				a, b := o.Targets[0].Tablestore, o.Targets[0].MaxCompute
				if a.Profile != "prod-a" || b.Profile != "prod-b" || o.Targets[0].Cloud.Region != "cn-shanghai" || o.Resume != ui.ResumeNever {
					t.Errorf("a %v b %v target %+v resume %s", a, b, o.Targets[0].Cloud, o.Resume)
				}
				if got := o.Targets[0].Apply; got != "wizard apply --profile-a prod-a --profile-b prod-b" {
					t.Errorf("apply command %q", got)
				}
			},
		},
		{
			name: "--check with a spec file", args: []string{"--sandbox", "--check", "-f", spec},
			targets: []string{"in-process sandbox with demo data"},
			check: func(t *testing.T, o ui.Options) {
				if !o.Check || o.SpecPath != spec || o.Spec.Region != "cn-shanghai" {
					t.Errorf("check %v, spec path %q, region %s", o.Check, o.SpecPath, o.Spec.Region)
				}
				if o.Targets[0].Apply != "" {
					t.Errorf("the in-process sandbox ends with the wizard, yet fixes name %q", o.Targets[0].Apply)
				}
			},
		},
		{
			name: "--endpoint and NO_COLOR", args: []string{"--endpoint", "http://127.0.0.1:8080", "--accessible", "--state-file", "/tmp/x.yaml"},
			env:     map[string]string{"NO_COLOR": "1"},
			targets: []string{"sandbox at http://127.0.0.1:8080"},
			check: func(t *testing.T, o ui.Options) {
				if !o.NoColor || !o.Accessible || o.StateFile != "/tmp/x.yaml" || o.Targets[0].Cloud.Endpoint != "http://127.0.0.1:8080" {
					t.Errorf("options %+v", o)
				}
				if got := o.Targets[0].Apply; got != "wizard apply --endpoint http://127.0.0.1:8080 --uids-from-credentials" {
					t.Errorf("apply command %q", got)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var got ui.Options
			env := fakeWizardEnv(t, ui.Result{Finished: true, DDL: "CREATE EXTERNAL TABLE x;\n"}, nil, &got)
			base := env.getenv
			env.getenv = func(k string) string {
				if v, ok := c.env[k]; ok {
					return v
				}
				return base(k)
			}
			code, out, errs := runWizardCapture(t, env, c.args...)
			if code != exitOK || out != "CREATE EXTERNAL TABLE x;\n" {
				t.Fatalf("code %d out %q err %q", code, out, errs)
			}
			var names []string
			for _, tg := range got.Targets {
				names = append(names, tg.Name)
			}
			if strings.Join(names, "|") != strings.Join(c.targets, "|") {
				t.Fatalf("targets %v, want %v", names, c.targets)
			}
			c.check(t, got)
		})
	}
}

func TestWizardExitCodes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		res  ui.Result
		err  error
		code int
		out  string
		msg  string
	}{
		{ui.Result{Finished: true, DDL: "DDL;\n", Files: []string{"out/ddl.sql"}}, nil, exitOK, "DDL;\n", "wrote out/ddl.sql"},
		{ui.Result{Interrupted: true, SavedTo: "/s/session.yaml"}, nil, exitInterrupted, "", "your answers are saved in /s/session.yaml — run wizard again to resume"},
		{ui.Result{Interrupted: true}, nil, exitInterrupted, "", "wizard: stopped; your answers were not saved"},
		{ui.Result{}, errors.New("terminal gone"), exitProblems, "", "wizard: terminal gone"},
		// A check prints its report on stdout once the screen is gone and
		// exits as doctor does.
		{ui.Result{Checking: true, Check: &cloud.DoctorReport{Checks: []cloud.Check{
			{Link: cloud.LinkRole, Verdict: cloud.VerdictOK, Detail: "role R"},
			{Link: cloud.LinkTrust, Verdict: cloud.VerdictBroken, Detail: "trusts odps.aliyuncs.com", Cause: "same-account principal", Fix: "aliyun ram UpdateRole …"},
		}}}, nil, exitProblems,
			"✓ role               role R\n✗ trust policy       trusts odps.aliyuncs.com\n      cause: same-account principal\n      fix:   aliyun ram UpdateRole …\n",
			"wizard: check: 1 link broken: trust policy"},
		{ui.Result{Checking: true, Check: &cloud.DoctorReport{Checks: []cloud.Check{{Link: cloud.LinkRole, Verdict: cloud.VerdictOK, Detail: "role R"}}}},
			nil, exitOK, "✓ role               role R\n", "wizard: check: every link holds"},
		{ui.Result{Checking: true, Interrupted: true}, nil, exitInterrupted, "", "the check stopped before the end; nothing was written"},
	}
	for _, c := range cases {
		var got ui.Options
		code, out, errs := runWizardCapture(t, fakeWizardEnv(t, c.res, c.err, &got))
		if code != c.code || out != c.out || !strings.Contains(errs, c.msg) {
			t.Errorf("%+v: code %d out %q err %q", c.res, code, out, errs)
		}
	}
}

func TestInProcessSandboxStarts(t *testing.T) {
	t.Parallel()
	spec, err := steps.Parse(examples.SeedName, examples.Seed())
	if err != nil {
		t.Fatal(err)
	}
	tg, stop, err := startInProcessSandbox(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if !tg.Cloud.IsSandbox() || !tg.StartsEmpty || tg.Cloud.Region != spec.Region || tg.Tablestore.Source != cloud.SourceAccessKey || tg.MaxCompute.Secret.IsZero() || tg.Tablestore.AccessKeyID == tg.MaxCompute.AccessKeyID {
		t.Fatalf("target %+v", tg)
	}
}

// A spec with one account gets one demo account's key for both services.
func TestInProcessSandboxOfOneAccount(t *testing.T) {
	t.Parallel()
	spec := loadExample(t, "same-account.yaml")
	tg, stop, err := startInProcessSandbox(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if tg.Tablestore.AccessKeyID == "" || tg.Tablestore.AccessKeyID != tg.MaxCompute.AccessKeyID {
		t.Fatalf("target %+v", tg)
	}
}

// With plain prompts the check's report is printed as it runs: on a
// terminal it is not printed again on leaving; redirected, stdout gets it.
func TestAccessibleCheckReportPrintedOnce(t *testing.T) {
	t.Parallel()
	res := ui.Result{Checking: true, Check: &cloud.DoctorReport{Checks: []cloud.Check{{Link: cloud.LinkRole, Verdict: cloud.VerdictOK, Detail: "role R"}}}}
	for _, stdoutIsTerminal := range []bool{true, false} {
		var got ui.Options
		env := fakeWizardEnv(t, res, nil, &got)
		var out, errb bytes.Buffer
		env.isTerminal = func(v any) bool { return v != any(&out) || stdoutIsTerminal }
		code := runWizard(context.Background(), []string{"--accessible", "--check"}, stdio{in: strings.NewReader(""), out: &out, err: &errb}, env)
		want := ""
		if !stdoutIsTerminal {
			want = "✓ role               role R\n"
		}
		if code != exitOK || out.String() != want {
			t.Errorf("stdout a terminal %v: code %d, stdout %q", stdoutIsTerminal, code, out.String())
		}
	}
}
