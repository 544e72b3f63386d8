package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTUIEndToEnd runs scripts/tui-e2e.sh on the binary as `make run`
// runs it (the in-process sandbox, the seed example): in tmux at 100×30,
// Enter only must reach the done screen with rows and the DDL and check
// every link; c on the welcome screen must check an empty setup and exit 1;
// Ctrl+C must ask, leave with 130 and restore the terminal.
func TestTUIEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives a terminal")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "wizard")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join("..", "..", "scripts", "tui-e2e.sh"))
	cmd.Env = append(os.Environ(), "WIZARD_CMD="+bin)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("scripts/tui-e2e.sh: %v", err)
	}
	for _, scenario := range []string{"every link checked; exit 0", "checked every link read-only; exit 1", "exit 130 and the terminal restored"} {
		if !strings.Contains(string(out), scenario) {
			t.Fatalf("the script did not run the scenario that ends %q", scenario)
		}
	}
}
