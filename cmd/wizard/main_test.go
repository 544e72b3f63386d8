package main

import (
	"bytes"
	"context"
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
