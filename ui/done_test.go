package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mcots/wizard/steps"
)

func TestDoneCopiesAndWritesFiles(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	opts := testOptions(t, f)
	var mu sync.Mutex
	var copied []string
	opts.Clipboard = func(s string) error {
		mu.Lock()
		defer mu.Unlock()
		copied = append(copied, s)
		return nil
	}
	d := newDriver(t, opts, nil).toDone()
	d.keys("c")
	if len(copied) != 1 || !strings.HasPrefix(copied[0], "CREATE EXTERNAL TABLE") {
		t.Fatalf("copied %q", copied)
	}
	d.mustShow("DDL sent to the terminal's clipboard (OSC 52)")

	d.keys("w")
	d.mustShow("wrote 4 files", "Written: "+filepath.Join(opts.OutputDir, "ddl.sql"))
	ddl, err := os.ReadFile(filepath.Join(opts.OutputDir, "ddl.sql"))
	if err != nil || !strings.Contains(string(ddl), "LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com'") {
		t.Fatalf("ddl.sql: %v\n%s", err, ddl)
	}
	spec, err := steps.Load(filepath.Join(opts.OutputDir, "spec.yaml"))
	if err != nil || spec.Accounts.MaxCompute.UID != uidB {
		t.Fatalf("spec.yaml: %v %+v", err, spec.Accounts)
	}

	// Writing again asks before replacing; n keeps them.
	if err := os.WriteFile(filepath.Join(opts.OutputDir, "ddl.sql"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.keys("w")
	d.mustShow("Replace these files?", filepath.Join(opts.OutputDir, "ddl.sql"))
	d.keys("n")
	if data, _ := os.ReadFile(filepath.Join(opts.OutputDir, "ddl.sql")); string(data) != "mine" {
		t.Fatal("n replaced the file")
	}
	// Another directory, typed on the done screen.
	other := filepath.Join(t.TempDir(), "elsewhere")
	d.keys("d", "ctrl+u", other, "enter")
	if _, err := os.Stat(filepath.Join(other, "permission-policy.json")); err != nil {
		t.Fatalf("not written to the chosen directory: %v", err)
	}
	d.keys("enter")
	if r := d.m.Result(); !r.Finished || len(r.Files) != 4 || !strings.HasPrefix(r.Files[0], other) {
		t.Fatalf("result %+v", r)
	}
}

func TestDoneWithoutClipboardSaysSo(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil).toDone()
	d.mustNotShow("c copy DDL")
	d.keys("c")
	d.mustShow("this terminal takes no clipboard data")
	d.m.opts.Clipboard = func(string) error { return errors.New("broken pipe") }
	d.keys("c")
	d.mustShow("could not copy: broken pipe")
}

// The done screen's next steps are commands that work: on a sandbox that
// ends with the wizard it says so instead of naming doctor and destroy on it,
// and a directory with a space is quoted.
func TestNextStepsWork(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	opts.OutputDir = filepath.Join(t.TempDir(), "out dir")
	d := newDriver(t, opts, nil)
	d.toDone()
	if got := strings.Join(d.m.nextSteps(), "\n"); !strings.Contains(got, "wizard doctor -f '"+filepath.Join(opts.OutputDir, "spec.yaml")+"'") {
		t.Errorf("next steps:\n%s", got)
	}

	empty := testOptions(t, newFakeCloud())
	empty.Targets[0].StartsEmpty = true
	e := newDriver(t, empty, nil)
	e.toDone()
	got := strings.Join(e.m.nextSteps(), "\n")
	if !strings.Contains(got, "this sandbox ends when you leave: v checks every link now") || strings.Contains(got, "if reads fail later") {
		t.Errorf("next steps on a sandbox that ends with the wizard:\n%s", got)
	}
}
