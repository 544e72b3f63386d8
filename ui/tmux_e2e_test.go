package ui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTmuxEndToEnd runs scripts/tui-e2e.sh, which drives the wizard in a
// real terminal (tmux) with Enter only and then with Ctrl+C.
//
// TODO(integrator): once cloud/aliyun.Connect is on main and wired in
// cmd/wizard, drop WIZARD_CMD so the script runs bin/wizard on the
// in-process sandbox, as `make run` does. Until then it drives this test
// binary's harness (TestTmuxHarness), the same ui on the fake session.
func TestTmuxEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a terminal")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	t.Parallel()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join("..", "scripts", "tui-e2e.sh"))
	cmd.Env = append(os.Environ(),
		fmt.Sprintf("WIZARD_CMD=env UI_TMUX_HARNESS=1 %s -test.run=^TestTmuxHarness$ --", self))
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("scripts/tui-e2e.sh: %v", err)
	}
	if !strings.Contains(string(out), "exit 130 and the terminal restored") {
		t.Fatal("the script did not run both scenarios")
	}
}

// TestTmuxHarness is the wizard as main runs it, on the fake session, for
// the tmux script; it only runs when the script starts it.
func TestTmuxHarness(t *testing.T) {
	if os.Getenv("UI_TMUX_HARNESS") == "" {
		t.Skip("started by TestTmuxEndToEnd only")
	}
	fs := flag.NewFlagSet("harness", flag.ContinueOnError)
	state := fs.String("state-file", "", "")
	out := fs.String("out", ".", "")
	if err := fs.Parse(flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	opts := testOptions(t, newFakeCloud())
	opts.StateFile, opts.OutputDir = *state, *out
	opts.In, opts.Out, opts.Now = os.Stdin, os.Stderr, nil
	opts.Clipboard = OSC52(os.Stderr)
	res, err := Run(context.Background(), opts)
	switch {
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	case res.Interrupted:
		os.Exit(130)
	case res.Finished:
		fmt.Print(res.DDL)
		os.Exit(0)
	}
	os.Exit(1)
}
