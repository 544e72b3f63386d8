package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func example(name string) string { return filepath.Join("..", "..", "examples", name) }

func golden(t *testing.T, variant, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "steps", "testdata", "golden", variant, file))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func runWithStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(stdin), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

const badSpec = `region: cn-hangzhou
accounts:
  tablestore: {uid: "1111111111111111"}
  maxcompute: {uid: "2222222222222222"}
maxcompute: {project: demo_project}
tablestore:
  instance: my-ots-1
  table: vehicle_track
  primary_key: [{name: vid, type: INTEGER}]
external_table:
  mapping: [{column: vid, type: int, source: ":vid"}]
`

func TestDDLCommand(t *testing.T) {
	t.Parallel()
	seed, err := os.ReadFile(example("cap1-vehicle-track.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		stdin     string
		args      []string
		code      int
		stdout    string
		stderrHas []string
	}{
		{"seed", "", []string{"ddl", "-f", example("cap1-vehicle-track.yaml")}, exitOK, golden(t, "seed", "ddl.sql"), nil},
		{"stdin", string(seed), []string{"ddl", "-f", "-"}, exitOK, golden(t, "seed", "ddl.sql"), nil},
		{"warnings go to stderr", "", []string{"ddl", "-f", example("table-read-write.yaml")}, exitOK, golden(t, "table-read-write", "ddl.sql"),
			[]string{"warning: ram.access: read-write"}},
		{"problems", badSpec, []string{"ddl", "-f", "-"}, exitProblems, "", []string{
			"wizard ddl: the spec has problems; nothing was rendered:",
			`tablestore.instance: "my-ots-1" must not contain the reserved text "ots"`,
			`external_table.mapping[0].type: "int" cannot hold vid, a Tablestore INTEGER primary-key column, which is 64-bit — write bigint`,
		}},
		{"unreadable", "", []string{"ddl", "-f", "no/such/spec.yaml"}, exitUsage, "", []string{"wizard ddl: cannot read the spec"}},
		{"syntax error names the line", "region: x\nram: y\n  role: z\n", []string{"ddl", "-f", "-"}, exitUsage, "",
			[]string{"wizard ddl: <stdin>:3: mapping values are not allowed in this context"}},
		{"no -f", "", []string{"ddl"}, exitUsage, "", []string{"-f SPEC is required"}},
		{"unknown flag", "", []string{"ddl", "-x"}, exitUsage, "", []string{"flag provided but not defined: -x", "usage: wizard ddl -f SPEC"}},
		{"stray argument", "", []string{"ddl", "-f", "a.yaml", "b.yaml"}, exitUsage, "", []string{`unexpected argument "b.yaml"`}},
		{"help", "", []string{"ddl", "-h"}, exitOK, "", []string{"usage: wizard ddl -f SPEC"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, out, errs := runWithStdin(t, c.stdin, c.args...)
			if code != c.code || out != c.stdout {
				t.Fatalf("code %d (want %d)\nstdout:\n%s\nstderr:\n%s", code, c.code, out, errs)
			}
			for _, want := range c.stderrHas {
				if !strings.Contains(errs, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errs)
				}
			}
			if c.stderrHas == nil && errs != "" {
				t.Errorf("unexpected stderr:\n%s", errs)
			}
		})
	}
}

func TestValidateCommand(t *testing.T) {
	t.Parallel()
	code, out, errs := runCapture(t, "validate", "-f", example("cap1-vehicle-track.yaml"))
	if code != exitOK || out != "" || errs != "wizard validate: the spec is sound\n" {
		t.Errorf("seed: %d %q %q", code, out, errs)
	}
	code, out, errs = runCapture(t, "validate", "-f", example("table-read-write.yaml"))
	if code != exitOK || !strings.HasPrefix(out, "warning: ram.access: ") || errs != "wizard validate: no errors, 1 warning\n" {
		t.Errorf("warnings only: %d %q %q", code, out, errs)
	}
	code, out, errs = runWithStdin(t, badSpec, "validate", "-f", "-")
	want := `tablestore.instance: "my-ots-1" must not contain the reserved text "ots" (reserved: ali, ay, ots, taobao, admin) — use 3–16 letters, digits or '-', starting with a letter, not ending with '-', without ali, ay, ots, taobao or admin — e.g. cap1
external_table.mapping[0].type: "int" cannot hold vid, a Tablestore INTEGER primary-key column, which is 64-bit — write bigint
`
	if code != exitProblems || out != want || errs != "wizard validate: 2 errors, 0 warnings\n" {
		t.Errorf("problems: %d\n%s\n%q", code, out, errs)
	}
	// A pasted secret is refused, and never repeated back.
	code, out, errs = runWithStdin(t, "accounts:\n  tablestore: {uid: \"1111111111111111\", access_key_secret: LTAIs3cr3t}\n", "validate", "-f", "-")
	if code != exitUsage || out != "" || !strings.Contains(errs, "a spec never holds secrets") || strings.Contains(errs, "LTAIs3cr3t") {
		t.Errorf("secret: %d %q %q", code, out, errs)
	}
}

func TestPlanCommand(t *testing.T) {
	t.Parallel()
	for variant, file := range map[string]string{"seed": "cap1-vehicle-track.yaml", "same-account": "same-account.yaml", "table-read-write": "table-read-write.yaml"} {
		code, out, _ := runCapture(t, "plan", "--offline", "-f", example(file))
		if code != exitOK || out != golden(t, variant, "plan.txt") {
			t.Errorf("%s: code %d, plan differs from the golden plan:\n%s", variant, code, out)
		}
	}
	// Online, the plan needs credentials: without them it says where it looked.
	absent := filepath.Join(t.TempDir(), "config.json")
	code, out, errs := runCapture(t, "plan", "--profiles-file", absent, "-f", example("cap1-vehicle-track.yaml"))
	if code != exitProblems || out != "" || !strings.Contains(errs, "no aliyun config file at "+absent) {
		t.Errorf("online: %d %q %q", code, out, errs)
	}
	code, out, errs = runWithStdin(t, badSpec, "plan", "-f", "-", "-offline")
	if code != exitProblems || out != "" || !strings.Contains(errs, "nothing was rendered") {
		t.Errorf("problems: %d %q %q", code, out, errs)
	}
	// --offline with a target says the target does nothing, rather than
	// leaving the user to think the sandbox was asked.
	code, out, errs = runCapture(t, "plan", "--offline", "--sandbox", "-f", example("cap1-vehicle-track.yaml"))
	if code != exitUsage || out != "" || !strings.Contains(errs, "--offline calls nothing") {
		t.Errorf("--offline --sandbox: %d %q %q", code, out, errs)
	}
}
