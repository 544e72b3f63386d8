package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcots/wizard/steps"
)

func TestAccessibleAsksTheSameQuestionsAsLines(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	opts := testOptions(t, f)
	opts.Accessible = true
	out := &bytes.Buffer{}
	opts.Out = out
	dir := filepath.Join(t.TempDir(), "files")
	// Enter keeps every prefilled answer, except: a bad region first
	// (refused with the rule and the fix), then a good one; yes to the
	// plan; a directory for the files.
	answers := []string{
		"", "", "", "", "", "", // accounts: A source, key, secret; B source, key, secret
		"Bad Region", "cn-hangzhou", "", // region twice, project
		"", "", "", "", // role, policy, access, scope
		"", "", "", "", "", "", // instance, type, network, table, key, columns
		"", "", "", // external table name, endpoint, mapping
		"yes", // apply
		dir,   // write the files
	}
	opts.In = strings.NewReader(strings.Join(answers, "\n") + "\n")
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	text := out.String()
	if !res.Finished || res.Interrupted {
		t.Fatalf("result %+v\n%s", res, text)
	}
	for _, want := range []string{
		"Account A (owns the Tablestore data): credentials from (profile, environment, pasted) [pasted]:",
		`Problem: "Bad Region" is not a region ID`,
		"Account A: 1111111111111111 (RAMUser)",
		"The plan:",
		"role            create",
		"Applying role: Create the RAM role MaxCompute assumes…",
		"  Create role",
		"Verified: 3 rows read through vehicle_track_ext.",
		"vid | gt | longitude",
		"CREATE EXTERNAL TABLE IF NOT EXISTS vehicle_track_ext",
		"Wrote " + filepath.Join(dir, "ddl.sql"),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if strings.Contains(text, demoSecretA) || strings.Contains(text, "\x1b[") {
		t.Errorf("a secret or an escape code in the plain output:\n%s", text)
	}
	if _, err := os.Stat(filepath.Join(dir, "spec.yaml")); err != nil {
		t.Error(err)
	}
}

func TestAccessibleFailureRetryAndEndOfInput(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.fail(steps.StepRole, noPermission("CreateRole"))
	opts := testOptions(t, f)
	opts.Accessible = true
	out := &bytes.Buffer{}
	opts.Out = out
	enters := strings.Repeat("\n", 22)
	opts.In = strings.NewReader(enters + "yes\nretry\n") // then the input ends
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"role failed: RAM CreateRole: NoPermission",
		"Link: credentials of account A",
		"Fix: attach AliyunRAMFullAccess to the user",
		"What now (retry, edit, quit) [retry]:",
		"Verified: 3 rows",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q:\n%s", want, text)
		}
	}
	// The files question met the end of the input: finished, nothing written.
	if !res.Finished || len(res.Files) != 0 {
		t.Fatalf("result %+v", res)
	}
}

func TestAccessibleEndOfInputIsAnInterruption(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	opts.Accessible = true
	opts.Out = &bytes.Buffer{}
	opts.In = strings.NewReader("\n\n")
	res, err := Run(context.Background(), opts)
	if err != nil || !res.Interrupted || res.Finished {
		t.Fatalf("res %+v err %v", res, err)
	}
}

func TestAccessibleAsksBeforeReplacing(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.extDiffers = true
	opts := testOptions(t, f)
	opts.ConnectReplacing = f.connectReplacing
	opts.Accessible = true
	out := &bytes.Buffer{}
	opts.Out = out
	// 21 questions kept as they are; yes to the plan, yes to replacing;
	// no directory for the files.
	opts.In = strings.NewReader(strings.Repeat("\n", 21) + "yes\nyes\n\n")
	res, err := Run(context.Background(), opts)
	if err != nil || !res.Finished {
		t.Fatalf("res %+v err %v\n%s", res, err, out)
	}
	if text := out.String(); !strings.Contains(text, "Replace it (yes, no) [no]:") || !strings.Contains(text, "columns: (vid bigint, gt string) → (vid bigint, gt bigint)") {
		t.Fatalf("no consent asked:\n%s", text)
	}
	if !strings.Contains(strings.Join(f.callLog(), "\n"), "DROP external table") {
		t.Errorf("the consent was not used: %v", f.callLog())
	}
	if strings.Contains(out.String(), "Wrote ") {
		t.Errorf("files were written though no directory was given:\n%s", out)
	}
}

func TestAccessibleCheckPrintsEveryLinkAndWritesNothing(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	opts := testOptions(t, f)
	opts.Accessible, opts.Check, opts.SpecPath = true, true, "setup.yaml"
	out := &bytes.Buffer{}
	opts.Out = out
	// The accounts' questions only: the check takes the spec as given.
	opts.In = strings.NewReader(strings.Repeat("\n", 6))
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	text := out.String()
	if !res.Checking || res.Interrupted || res.Finished || res.Check == nil || len(res.Check.Broken()) != 3 {
		t.Fatalf("result %+v\n%s", res, text)
	}
	for _, want := range []string{
		"It writes nothing",
		"Account A: 1111111111111111 (RAMUser)",
		"Checking every link of the setup (read-only: nothing is written)…",
		"✗ role               role is missing\n      cause: the role does not exist\n      fix:   wizard apply -f setup.yaml",
		"– table              skipped (needs instance)",
		"The check: 3 links broken: role, instance, external table.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q:\n%s", want, text)
		}
	}
	for _, c := range f.callLog() {
		if strings.HasPrefix(c, "Apply") || strings.HasPrefix(c, "Observe") {
			t.Errorf("a check called %q", c)
		}
	}
	if _, err := os.Stat(opts.StateFile); !os.IsNotExist(err) {
		t.Errorf("a check saved a session: %v", err)
	}
}

func TestAccessibleStoppedCheckSaysNothingIsSaved(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	opts.Accessible, opts.Check = true, true
	out := &bytes.Buffer{}
	opts.Out = out
	opts.In = strings.NewReader("\n\n")
	res, err := Run(context.Background(), opts)
	if err != nil || !res.Interrupted || !res.Checking {
		t.Fatalf("res %+v err %v", res, err)
	}
	if text := out.String(); !strings.Contains(text, "A check writes and saves nothing") || strings.Contains(text, "saved for resume") {
		t.Fatalf("output:\n%s", text)
	}
}

// Ctrl+C at a plain prompt stops the wizard at once, without Enter.
func TestAccessibleStopsOnInterruptAtAPrompt(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	opts.Accessible = true
	out := &bytes.Buffer{} // written only by Run, read after it returns
	opts.Out = out
	r, w := io.Pipe()
	defer w.Close()
	opts.In = r
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	res, err := Run(ctx, opts)
	if err != nil || !res.Interrupted || time.Since(start) > 3*time.Second {
		t.Fatalf("res %+v err %v after %s\n%s", res, err, time.Since(start), out)
	}
}
