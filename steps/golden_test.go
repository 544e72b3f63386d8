package steps

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden pins every artifact of every example variant.
func TestGolden(t *testing.T) {
	t.Parallel()
	for variant := range examples() {
		a, err := Render(loadExample(t, variant))
		if err != nil {
			t.Fatalf("%s: %v", variant, err)
		}
		var cli strings.Builder
		for _, c := range a.CLI {
			cli.WriteString("# " + c.Step.String() + ": " + c.Title + "\n" + c.Command + "\n")
		}
		files := map[string]string{
			"summary.txt":            a.Summary,
			"trust_policy.json":      a.TrustPolicy + "\n",
			"permission_policy.json": a.PermissionPolicy + "\n",
			"role_arn.txt":           a.RoleARN + "\n",
			"ddl.sql":                a.DDL,
			"verify.sql":             a.VerificationQuery,
			"cli.sh":                 cli.String(),
			"terraform.tf":           a.Terraform,
			"plan.txt":               a.Text(),
		}
		for name, got := range files {
			checkGolden(t, filepath.Join("testdata", "golden", variant, name), got)
		}
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./steps -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run go test ./steps -update after checking the change):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// The Terraform is laid out as terraform fmt would lay it out, and parses.
func TestTerraformIsFormatted(t *testing.T) {
	t.Parallel()
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not installed")
	}
	for variant := range examples() {
		s := loadExample(t, variant)
		cmd := exec.Command(tf, "fmt", "-check", "-")
		cmd.Stdin = strings.NewReader(Terraform(s))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1")
		if err := cmd.Run(); err != nil {
			diff := exec.Command(tf, "fmt", "-diff", "-")
			diff.Stdin = strings.NewReader(Terraform(s))
			d, _ := diff.CombinedOutput()
			t.Errorf("%s: terraform fmt -check: %v\n%s\n%s", variant, err, out.String(), d)
		}
	}
}
