package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func runCapture(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

func TestVersion(t *testing.T) {
	code, out, _ := runCapture(t, "--version")
	if code != exitOK || out != "wizard "+version+"\n" {
		t.Fatalf("--version: code %d, out %q", code, out)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, out, errs := runCapture(t, "frobnicate")
	if code != exitUsage || out != "" || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Fatalf("code %d, out %q, err %q", code, out, errs)
	}
}

// The Makefile stamps the version with -X main.version; a wrong path there
// would silently leave "dev". Build the way the Makefile does and check.
func TestVersionIsStampedAtBuildTime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "wizard")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version=v9.8.7-test", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "wizard v9.8.7-test\n" {
		t.Fatalf("--version printed %q", out)
	}
}
