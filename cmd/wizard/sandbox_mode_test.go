package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

func loadExample(t *testing.T, name string) steps.Spec {
	t.Helper()
	b, err := os.ReadFile(example(name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := steps.Parse(name, b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// shippedExamples are the spec files under examples/, so that a new one is
// covered without touching the tests.
func shippedExamples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(example("*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no examples/*.yaml")
	}
	return files
}

// What a first-time user tries after the README: every shipped example
// applies on --sandbox from a fresh clone, and the verification query
// returns rows.
func TestApplySandboxEveryExample(t *testing.T) {
	t.Parallel()
	for _, f := range shippedExamples(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			code, out, errs := runIn(context.Background(), strings.NewReader(""), "apply", "--sandbox", "--yes", "-f", f)
			if code != exitOK {
				t.Fatalf("code %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
			}
			if !strings.Contains(out, "Verification: SELECT ") {
				t.Fatalf("no verification query:\n%s", out)
			}
			if m := rowsLine.FindStringSubmatch(out); m == nil || m[1] == "0" {
				t.Fatalf("no verification rows:\n%s\nstderr:\n%s", out, errs)
			}
			// One account in the spec is one account on the sandbox, so the
			// run takes the same-account path (the role trusts odps.aliyuncs.com).
			spec := loadExample(t, filepath.Base(f))
			if one := strings.Contains(errs, "a same-account setup"); one != spec.SameAccount() {
				t.Fatalf("same-account setup %v, the spec says %v:\n%s", one, spec.SameAccount(), errs)
			}
		})
	}
}

// plan and destroy start the same sandbox: on a fresh one every example
// plans without a blocked step, and destroy finds nothing and succeeds.
func TestPlanAndDestroySandboxEveryExample(t *testing.T) {
	t.Parallel()
	for _, f := range shippedExamples(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			if code, out, errs := runIn(context.Background(), strings.NewReader(""), "plan", "--sandbox", "-f", f); code != exitOK {
				t.Errorf("plan: code %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
			}
			if code, out, errs := runIn(context.Background(), strings.NewReader(""), "destroy", "--sandbox", "--yes", "-f", f); code != exitOK {
				t.Errorf("destroy: code %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
			}
		})
	}
}

func TestSandboxOneAccount(t *testing.T) {
	t.Parallel()
	acct := func(uid, profile string) steps.Account { return steps.Account{UID: uid, Profile: profile} }
	cases := []struct {
		name   string
		ts, mc steps.Account
		want   bool
	}{
		{"one UID", acct("1", "a"), acct("1", "b"), true},
		{"two UIDs", acct("1", "a"), acct("2", "b"), false},
		{"one profile, no UIDs", acct("", "a"), acct("", "a"), true},
		{"one profile, one UID", acct("1", "a"), acct("", "a"), true},
		{"one profile, two UIDs", acct("1", "a"), acct("2", "a"), false},
		{"two profiles", acct("", "a"), acct("", "b"), false},
		{"nothing said", acct("", ""), acct("", ""), false},
	}
	for _, c := range cases {
		var s steps.Spec
		s.Accounts.Tablestore, s.Accounts.MaxCompute = c.ts, c.mc
		if got := sandboxOneAccount(s); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// The demo project stays B's in the demo region: a spec that wants it
// elsewhere is told so, not given a project it did not ask for.
func TestSandboxSaysWhenTheDemoProjectDoesNotFit(t *testing.T) {
	t.Parallel()
	spec := loadExample(t, "same-account.yaml")
	spec.MaxCompute.Project = sandbox.DemoProject
	conn, err := startDemoSandbox(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.close()
	notes := strings.Join(conn.notes, "\n")
	if !strings.Contains(notes, "project demo_project is the demo's, account B's in cn-hangzhou, not account A's in cn-shanghai") {
		t.Fatalf("notes:\n%s", notes)
	}
}
