package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcots/wizard/steps"
)

func TestInterruptedSessionResumes(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.fail(steps.StepTable, noPermission("CreateTable"))
	opts := testOptions(t, f)

	// First run: answers changed, role, policy and attachment applied,
	// then the table fails and the user leaves.
	d := newDriver(t, opts, nil)
	d.enterUntil(pageProject, 10).keys("tab", "ctrl+u", "other_project")
	f.projects["other_project"] = true
	d.toReview().keys("enter")
	if s := d.m.wiz.Step(steps.StepTable); s.Status != steps.StatusFailed {
		t.Fatalf("table is %s", s.Status)
	}
	d.keys("ctrl+c", "y")
	if !d.m.Result().Interrupted {
		t.Fatal("not interrupted")
	}

	saved, err := loadSession(opts.StateFile)
	if err != nil || saved == nil {
		t.Fatalf("no saved session: %v", err)
	}
	if got := strings.Join(saved.Completed, ","); got != "identities,project,role,policy,attachment,instance" {
		t.Fatalf("completed %q", got)
	}
	if saved.spec.MaxCompute.Project != "other_project" || saved.Credentials.Tablestore.Source != sourcePasted {
		t.Fatalf("saved %+v / %+v", saved.spec.MaxCompute, saved.Credentials)
	}
	if st, _ := os.Stat(opts.StateFile); st.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v", st.Mode().Perm())
	}

	// Second run: the welcome screen offers to resume; Enter resumes, the
	// accounts are checked and the whole saved spec is observed at once.
	r := newDriver(t, opts, saved)
	r.mustShowText("on test sandbox from", "was interrupted (done: identities, project, role, policy, attachment, instance; table cap1.vehicle_track)", "enter resume", "n start over")
	r.keys("enter")
	r.enterUntil(pagePlan, 10)
	for _, id := range []steps.StepID{steps.StepRole, steps.StepPolicy, steps.StepAttachment} {
		if s := r.m.wiz.Step(id); s.Plan.Action != steps.ActionInPlace {
			t.Errorf("%s after resume: %s", id, s.Plan.Action)
		}
	}
	if r.m.wiz.Spec().MaxCompute.Project != "other_project" {
		t.Fatal("the saved answers were not used")
	}
	r.keys("up", "up", "up", "up", "up", "up", "up", "up", "up", "down", "down")
	r.mustShow("› = role", "completed before the interruption; looked at again to be sure")
	r.keys("enter", "enter")
	if r.m.page() != pageDone {
		t.Fatalf("on %s\n%s", r.m.page(), r.screen())
	}
	// A finished setup leaves nothing to resume.
	if _, err := os.Stat(opts.StateFile); !os.IsNotExist(err) {
		t.Fatalf("state file still there: %v", err)
	}
}

func TestStartOverIgnoresTheSavedSession(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	opts := testOptions(t, f)
	saved := &savedSession{Spec: "x", spec: seed(t), Completed: []string{"role"}}
	saved.spec.MaxCompute.Project = "saved_project"
	d := newDriver(t, opts, saved)
	d.keys("n")
	d.enterUntil(pageProject, 10)
	if v := d.m.project.project.Value(); v != "demo_project" {
		t.Fatalf("start over kept the saved answer %q", v)
	}
}

func TestResumeFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("spec: [unclosed"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadSession(bad); err == nil || !strings.Contains(err.Error(), "is not a saved session") {
		t.Fatalf("err %v", err)
	}
	badSpec := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(badSpec, []byte("spec: \"regoin: x\\n\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadSession(badSpec); err == nil || !strings.Contains(err.Error(), `unknown key "regoin"`) {
		t.Fatalf("err %v", err)
	}
	if s, err := loadSession(filepath.Join(dir, "none.yaml")); s != nil || err != nil {
		t.Fatalf("a missing file: %v %v", s, err)
	}
	got := DefaultStateFile(func(k string) string { return map[string]string{"XDG_STATE_HOME": "/xdg"}[k] }, "/home/u")
	if got != "/xdg/mcots-wizard/session.yaml" {
		t.Fatalf("with XDG_STATE_HOME: %s", got)
	}
	if got := DefaultStateFile(func(string) string { return "" }, "/home/u"); got != "/home/u/.local/state/mcots-wizard/session.yaml" {
		t.Fatalf("without: %s", got)
	}
}

func TestStateStoreKeepsTheNewestWrite(t *testing.T) {
	t.Parallel()
	s := &stateStore{path: filepath.Join(t.TempDir(), "a", "session.yaml")}
	if err := s.write(2, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if err := s.write(1, []byte("one")); err != nil { // an older write, late
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(s.path); string(data) != "two" {
		t.Fatalf("file holds %q", data)
	}
	if err := s.write(3, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.path); !os.IsNotExist(err) {
		t.Fatal("a nil write did not remove the file")
	}
}

// A session saved on a target this run does not offer is resumed with this
// target's credentials, and the welcome screen says where it ran.
func TestResumeFromAnotherTarget(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	opts := testOptions(t, f)
	saved := &savedSession{Spec: "x", spec: seed(t), Target: "sandbox at http://127.0.0.1:8080", Completed: []string{"role"},
		Credentials: savedSources{Tablestore: savedSource{Source: sourceProfile, Profile: "sandbox-a"}, MaxCompute: savedSource{Source: sourceProfile, Profile: "sandbox-b"}}}
	saved.spec.MaxCompute.Project = "saved_project"
	f.projects["saved_project"] = true
	d := newDriver(t, opts, saved)
	d.mustShowText("A session on sandbox at http://127.0.0.1:8080 from")
	d.keys("enter")
	d.mustShowText("which this run does not offer: the accounts are test sandbox's")
	if src := d.m.accounts.sources(); src.Tablestore.Source != sourcePasted || src.MaxCompute.Source != sourcePasted {
		t.Fatalf("the other target's credential sources were restored: %+v", src)
	}
	d.enterUntil(pagePlan, 10)
	if d.m.wiz.Spec().MaxCompute.Project != "saved_project" {
		t.Fatal("the saved answers were not resumed")
	}

	// The same target: its credential sources come back.
	same := *saved
	same.Target = "test sandbox"
	r := newDriver(t, testOptions(t, newFakeCloud()), &same)
	r.keys("enter")
	if src := r.m.accounts.sources(); src.Tablestore.Source != sourceProfile || src.Tablestore.Profile != "sandbox-a" {
		t.Fatalf("sources %+v", src)
	}
}

// With -f and a saved session, the welcome screen says which answers Enter
// takes.
func TestResumeOfferSaysWhoseAnswers(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	opts.SpecPath = "mine.yaml"
	saved := &savedSession{Spec: "x", spec: seed(t), Target: "test sandbox"}
	d := newDriver(t, opts, saved)
	d.mustShowText("enter resumes with that session's answers, not mine.yaml's; n starts afresh from mine.yaml.")
}

// Leaving from the welcome screen keeps the session on offer, and says so.
func TestLeavingKeepsTheSessionOnOffer(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	saved := &savedSession{Spec: "x", spec: seed(t), Target: "test sandbox"}
	d := newDriver(t, opts, saved)
	d.keys("q")
	d.mustShowText("The earlier session stays saved in", "Run the wizard again to resume it.")
	d.mustNotShow("not saved")
	d.keys("y")
	if r := d.m.Result(); !r.Interrupted || r.SavedTo != opts.StateFile {
		t.Fatalf("result %+v", r)
	}
}
