package ui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// doctorCalls counts the checks the fake was asked for.
func doctorCalls(f *fakeCloud) int {
	n := 0
	for _, c := range f.callLog() {
		if strings.HasPrefix(c, "Doctor") {
			n++
		}
	}
	return n
}

// checking starts the wizard on f, presses c on the welcome screen and
// Enter through the forms to the finished check.
func checking(t *testing.T, f *fakeCloud) *driver {
	t.Helper()
	return newDriver(t, testOptions(t, f), nil).keys("c").enterUntil(pageCheck, 40)
}

// verdicts is each link's verdict in the check on screen.
func verdicts(m model) map[cloud.LinkID]cloud.Verdict {
	out := map[cloud.LinkID]cloud.Verdict{}
	for _, c := range m.check.checks {
		out[c.Link] = c.Verdict
	}
	return out
}

func TestWelcomeCheckWalksTheFormsThenChecksReadOnly(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	d := newDriver(t, testOptions(t, f), nil)
	d.mustShow("c check an existing setup", "Press c to check every link of it instead")
	d.keys("c")
	if d.m.page() != pageAccounts || d.m.wiz.Goal() != steps.GoalCheck {
		t.Fatalf("after c: %s, goal %s", d.m.page(), d.m.wiz.Goal())
	}
	d.mustShow("2/7 Accounts")
	d.enterUntil(pageCheck, 40)
	d.mustShow("7/7 Check", "read-only: nothing is written",
		"3 links broken: role, instance, external table",
		"✗ role", "fix:   wizard apply -f SPEC", "– table", "skipped (needs instance)",
		"r check again", "a plan the fix", "e edit answers")
	for _, c := range f.callLog() {
		if strings.HasPrefix(c, "Apply") || strings.HasPrefix(c, "Observe") {
			t.Fatalf("a check called %q", c)
		}
	}
	if _, err := os.Stat(d.m.opts.StateFile); !os.IsNotExist(err) {
		t.Fatalf("a check saved a session: %v", err)
	}

	// Leaving a finished check asks nothing: nothing is lost.
	d.keys("q")
	if !d.quit {
		t.Fatalf("q did not leave; overlay %v", d.m.overlay)
	}
	r := d.m.Result()
	if !r.Checking || r.Interrupted || r.Finished || r.Check == nil || len(r.Check.Broken()) != 3 {
		t.Fatalf("result %+v", r)
	}
}

func TestCheckFlagChecksTheSpecOnceTheAccountsAreKnown(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	for _, id := range []steps.StepID{steps.StepRole, steps.StepPolicy, steps.StepAttachment, steps.StepInstance, steps.StepTable, steps.StepExternalTable} {
		f.created[id] = true
	}
	f.instances = []cloud.InstanceSummary{{Name: "cap1", Region: "cn-hangzhou", Running: true}}
	opts := testOptions(t, f)
	opts.Check, opts.SpecPath = true, "my setup.yaml"
	opts.Targets[0].Apply = "wizard apply --endpoint http://127.0.0.1:8080 --uids-from-credentials"
	d := newDriver(t, opts, nil)
	if d.m.page() != pageAccounts {
		t.Fatalf("--check starts on %s", d.m.page())
	}
	d.enterUntil(pageCheck, 8) // the accounts form's questions, then the check
	if n := len(f.callLog()); n > 0 && strings.Contains(strings.Join(f.callLog(), " "), "DiscoverTable") {
		t.Fatalf("--check went through the forms: %v", f.callLog())
	}
	d.mustShow("Every link holds", "✓ verification query")
	d.mustNotShow("a plan the fix", "e edit answers")
	if !strings.Contains(strings.Join(f.callLog(), "\n"), "Doctor my setup.yaml | wizard apply --endpoint http://127.0.0.1:8080 --uids-from-credentials -f 'my setup.yaml'") {
		t.Fatalf("fixes do not name the spec file: %v", f.callLog())
	}
	for l, v := range verdicts(d.m) {
		if v != cloud.VerdictOK {
			t.Errorf("%s: %s", l, v)
		}
	}

	// r checks again and sees what changed meanwhile.
	f.mu.Lock()
	delete(f.created, steps.StepAttachment)
	f.mu.Unlock()
	d.keys("r")
	if got := verdicts(d.m); got[cloud.LinkPolicy] != cloud.VerdictBroken || got[cloud.LinkRole] != cloud.VerdictOK {
		t.Fatalf("after r: %v", got)
	}
	d.mustShow("1 link broken: permission policy")
	if n := doctorCalls(f); n != 2 {
		t.Fatalf("%d checks", n)
	}
}

func TestCheckEditGoesToTheFormOfTheFirstBrokenLink(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	// The instance and table exist: the role is the first and only fault.
	f.instances = []cloud.InstanceSummary{{Name: "cap1", Region: "cn-hangzhou", Running: true}}
	f.tables["cap1/vehicle_track"] = seed(t).Tablestore
	d := checking(t, f)
	d.keys("e")
	if d.m.page() != pageRAM {
		t.Fatalf("e went to %s", d.m.page())
	}
	d.enterUntil(pageCheck, 20)
	if n := doctorCalls(f); n != 2 {
		t.Fatalf("answering the forms again checks again: %d checks", n)
	}
	// Esc from the check goes back to the last form, and the answers stay.
	d.keys("esc")
	if d.m.page() != pageMapping || d.m.wiz.Goal() != steps.GoalCheck {
		t.Fatalf("esc: %s, goal %s", d.m.page(), d.m.wiz.Goal())
	}
}

func TestCheckPlanTheFixThenCheckTheFinishedSetup(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	d := checking(t, f)
	d.keys("a")
	if d.m.page() != pagePlan || d.m.wiz.Goal() != steps.GoalSetup {
		t.Fatalf("a: %s, goal %s", d.m.page(), d.m.wiz.Goal())
	}
	d.mustShow("7/10 Review", "enter applies it")
	d.keys("enter", "enter")
	if d.m.page() != pageDone {
		t.Fatalf("after applying: %s", d.m.page())
	}
	d.mustShow("v check every link")
	d.keys("v")
	if d.m.page() != pageCheck {
		t.Fatalf("v: %s", d.m.page())
	}
	d.mustShow("Done › Check", "Every link holds")
	d.mustNotShow("a plan the fix")
	d.keys("esc")
	if d.m.page() != pageDone {
		t.Fatalf("esc from the finished setup's check: %s", d.m.page())
	}
	d.keys("v", "q")
	r := d.m.Result()
	if !r.Finished || r.Checking || r.Check == nil || !r.Check.Healthy() || !strings.Contains(r.DDL, "CREATE EXTERNAL TABLE") {
		t.Fatalf("result %+v", r)
	}
}

func TestCheckCtrlCCancelsAndRAsksAgain(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	opts := testOptions(t, f)
	opts.Check = true
	d := newDriver(t, opts, nil)
	d.enterUntil(pageCheck, 8)
	// Check again without waiting: the check blocks until cancelled.
	f.mu.Lock()
	f.blockDoctor = true
	f.mu.Unlock()
	running := d.pressHeld(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'r'}})
	if !d.m.check.running || d.m.calls.inFlight() != 1 {
		t.Fatalf("running %v with %d calls", d.m.check.running, d.m.calls.inFlight())
	}
	d.mustShow("checking…", "checking link 1 of 13")
	d.mustNotShow("r check again")
	d.send(tea.KeyMsg{Type: tea.KeyCtrlC})
	if d.m.overlay != overlayQuit {
		t.Fatal("ctrl+c during a check did not ask")
	}
	d.send(running) // the cancelled check reports back
	d.keys("n")
	d.mustShow("The check stopped before the end: cancelled (Ctrl+C)", "· table", "r check again")
	f.mu.Lock()
	f.blockDoctor = false
	f.mu.Unlock()
	d.keys("r")
	d.mustShow("3 links broken")
	d.keys("ctrl+c", "y")
	if r := d.m.Result(); !r.Checking || r.Interrupted || r.Check == nil {
		t.Fatalf("leaving after a finished check: %+v", r)
	}
}

func TestCheckDropsStaleResults(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	d := checking(t, f)
	before := len(d.m.check.checks)
	d.send(checkLineMsg{seq: d.m.check.seq - 1, c: cloud.Check{Link: cloud.LinkRole, Verdict: cloud.VerdictOK}})
	d.send(checkedMsg{seq: d.m.check.seq - 1, report: cloud.DoctorReport{}})
	if len(d.m.check.checks) != before || d.m.check.report == nil || len(d.m.check.report.Broken()) != 3 {
		t.Fatalf("a stale result changed the check: %d lines, report %+v", len(d.m.check.checks), d.m.check.report)
	}
}

func TestCheckKeepsASavedSessionOnOffer(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	opts := testOptions(t, f)
	first := newDriver(t, opts, nil)
	first.enterUntil(pageProject, 10).keys("ctrl+c", "y")
	before, err := os.ReadFile(opts.StateFile)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := loadSession(opts.StateFile)
	if err != nil || saved == nil {
		t.Fatalf("no saved session: %v", err)
	}
	d := newDriver(t, opts, saved)
	d.keys("c").enterUntil(pageCheck, 40)
	d.keys("q")
	after, err := os.ReadFile(opts.StateFile)
	if err != nil || string(after) != string(before) {
		t.Fatalf("the check changed the saved session (%v):\n%s", err, after)
	}
}

func TestCheckScrollsToTheLastLink(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	d := newDriver(t, testOptions(t, f), nil)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.keys("c").enterUntil(pageCheck, 40)
	d.mustShow("3 links broken") // the summary stays on top
	d.mustNotShow("verification query")
	d.keys("pgdown", "pgdown")
	d.mustShow("3 links broken", "– verification query")
	d.keys("pgup", "pgup", "pgup")
	if d.m.check.offset != 0 {
		t.Fatalf("offset %d after paging back", d.m.check.offset)
	}
	d.mustShow("✓ credentials A")
}

// A check creates nothing, so the tablestore form does not promise to.
func TestCheckFormsSayWhatTheCheckWillFind(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	d := newDriver(t, testOptions(t, f), nil)
	d.keys("c").enterUntil(pageTablestore, 20)
	d.mustShow("not found in account A: the check will report it missing", "not found: the check will report it missing")
	d.mustNotShow("the wizard creates it")

	setup := newDriver(t, testOptions(t, newFakeCloud()), nil)
	setup.enterUntil(pageTablestore, 20)
	setup.mustShow("new: the wizard creates it")
}

// Esc from a check's first form is back on the welcome screen, which offers
// both again: Enter sets up.
func TestCheckEscThenEnterSetsUp(t *testing.T) {
	t.Parallel()
	for _, check := range []bool{false, true} { // c on the welcome screen, --check
		opts := testOptions(t, newFakeCloud())
		opts.Check = check
		d := newDriver(t, opts, nil)
		if !check {
			d.keys("c")
		}
		d.mustShow("2/7 Accounts")
		d.keys("esc")
		d.mustShow("1/10 Welcome", "enter start", "c check an existing setup")
		d.keys("enter")
		if d.m.wiz.Goal() != steps.GoalSetup || d.m.resuming {
			t.Fatalf("--check %v: goal %s, submit all %v", check, d.m.wiz.Goal(), d.m.resuming)
		}
		d.mustShow("2/10 Accounts")
		d.enterUntil(pagePlan, 40) // observed and reviewed, not checked
	}
}

// Leaving a check promises nothing about saved answers: there are none.
func TestCheckQuitSaysNothingIsSaved(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.keys("c", "ctrl+c")
	d.mustShow("A check writes and saves nothing")
	d.mustNotShow("are saved", "resume")

	setup := newDriver(t, testOptions(t, newFakeCloud()), nil)
	setup.keys("enter", "ctrl+c")
	setup.mustShow("are saved (never a", "Run the wizard again to resume")
}

// However often a viewer is scrolled past its end, one key scrolls back.
func TestScrollingPastTheEndComesBackAtOnce(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		to   func(d *driver)
	}{
		{"check", func(d *driver) { d.keys("c").enterUntil(pageCheck, 40) }},
		{"review DDL", func(d *driver) { d.toReview().keys("tab", "tab", "tab") }},
		{"done", func(d *driver) { d.toDone() }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions(t, newFakeCloud()), nil)
			d.send(tea.WindowSizeMsg{Width: 80, Height: 20})
			c.to(d)
			for range 12 {
				d.keys("pgdown")
			}
			end := d.screen()
			d.keys("pgup")
			if d.screen() == end {
				t.Fatalf("pgup after scrolling past the end did not move:\n%s", end)
			}
		})
	}
}

// The welcome screen says where the wizard will act, and that it can check
// instead, on the smallest screen it supports.
func TestWelcomeFits80x24(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	opts.Targets = append(opts.Targets, Target{Name: "Alibaba Cloud"})
	d := newDriver(t, opts, nil)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.mustShow("Target: ● test sandbox  ○ Alibaba Cloud", "Starting answers:", "4. in account B", "Press c to check every link", "enter start")
	d.keys("right")
	d.mustShow("○ test sandbox  ● Alibaba Cloud")
}

// The full help lists each key once, only where it works, and explains the
// page.
func TestHelpListsTheKeysThatWorkOnce(t *testing.T) {
	t.Parallel()
	d := checking(t, newFakeCloud())
	d.keys("?")
	s := d.screen()
	if n := len(regexp.MustCompile(`(^|\s)q\s+quit`).FindAllString(s, -1)); n != 1 {
		t.Errorf("q quit listed %d times:\n%s", n, s)
	}
	d.mustShow("✗ it is broken: the cause and the fix are under it", "check again", "plan the fix")
	if s := d.screen(); !regexp.MustCompile(`esc\s+back`).MatchString(s) {
		t.Errorf("the check's help lacks esc:\n%s", s)
	}
	d.mustNotShow("resume")

	done := newDriver(t, testOptions(t, newFakeCloud()), nil)
	done.toDone()
	done.keys("?")
	done.mustShow("finish", "check every link")
	if s := done.screen(); regexp.MustCompile(`esc\s+back|(^|\s)q\s+quit`).MatchString(s) {
		t.Errorf("the done screen's help offers esc or q:\n%s", s)
	}

	form := newDriver(t, testOptions(t, newFakeCloud()), nil)
	form.keys("enter", "tab", "f1") // the AccessKey ID: typed text
	form.mustShow("Keys on this screen", "so the next run can resume")
	if s := form.screen(); !regexp.MustCompile(`f1\s+help`).MatchString(s) || regexp.MustCompile(`(^|\s)q\s+quit|\?\s+help`).MatchString(s) {
		t.Errorf("while typing, the help offers ? or q:\n%s", s)
	}
}

// On a sandbox that starts empty, a check says there is no setup yet and
// how to make one, instead of sending the user to the forms.
func TestCheckOnAnEmptySandboxSaysSo(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	opts.Targets[0].StartsEmpty = true
	d := newDriver(t, opts, nil)
	d.keys("c").enterUntil(pageCheck, 40)
	d.mustShow("This sandbox started empty with the wizard", "press a to set one")
	d.mustNotShow("or e to correct the answers")
}

// Bad values from a spec file are marked on their form as soon as it shows,
// and a picked answer's fix says to pick.
func TestSpecProblemsShowOnArrival(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	opts.Spec.RAM.Access = "write"
	opts.Spec.Tablestore.Columns = append(opts.Spec.Tablestore.Columns, steps.Column{Name: "vid", Type: "DOUBLE"})
	d := newDriver(t, opts, nil)
	d.enterUntil(pageRAM, 12)
	d.mustShowText(`✗ "write" is not an access level — pick read, or read-write`, "(←/→)")
	d.keys("left") // the focus is on the problem: read-write
	d.mustNotShow(`"write" is not an access level`)
	d.enterUntil(pageTablestore, 6)
	d.mustShowText("vid")
	if !strings.Contains(strings.Join(strings.Fields(d.screen()), " "), "✗") {
		t.Fatalf("the repeated column is not marked on arrival:\n%s", d.screen())
	}
}

// When the spec names a table the instance lacks, e opens the table's form
// even though an earlier link broke with it.
func TestCheckEditGoesToTheTableWhenItIsMissing(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.instances = []cloud.InstanceSummary{{Name: "cap1", Region: "cn-hangzhou", Running: true}}
	d := checking(t, f)
	if b := d.m.check.report.Broken(); len(b) == 0 || b[0] != cloud.LinkRole {
		t.Fatalf("broken %v", b)
	}
	d.mustShowText("or e to correct the answers on the tablestore form")
	d.keys("e")
	if d.m.page() != pageTablestore {
		t.Fatalf("e went to %s", d.m.page())
	}
}

// On a small screen the check still shows links, not only its head.
func TestCheckOnASmallScreenShowsLinks(t *testing.T) {
	t.Parallel()
	d := checking(t, newFakeCloud())
	d.send(tea.WindowSizeMsg{Width: 50, Height: 14})
	d.mustShow("3 links broken", "✓ credentials A")
}

// Leaving says whether answers were saved, the same in the dialog and in
// the result main prints from.
func TestLeavingSaysWhetherAnswersWereSaved(t *testing.T) {
	t.Parallel()
	welcome := newDriver(t, testOptions(t, newFakeCloud()), nil)
	welcome.keys("q")
	welcome.mustShow("Your answers are not saved.")
	welcome.keys("y")
	if r := welcome.m.Result(); !r.Interrupted || r.SavedTo != "" {
		t.Errorf("leaving from the welcome screen: %+v", r)
	}

	back := newDriver(t, testOptions(t, newFakeCloud()), nil)
	back.keys("enter", "esc", "q") // begun, then back on the welcome screen
	back.mustShow("are saved (never a")
	back.keys("y")
	if r := back.m.Result(); r.SavedTo != back.m.opts.StateFile {
		t.Errorf("leaving after Esc: %+v", r)
	}
	if _, err := os.Stat(back.m.opts.StateFile); err != nil {
		t.Errorf("the answers said saved are not: %v", err)
	}
}

// The review's viewers wrap long lines rather than cut them: the CLI view's
// commands keep their ends.
func TestReviewViewersWrapLongLines(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	d.toReview().keys("tab", "tab", "tab", "tab") // the CLI view
	_, viewer, ok := strings.Cut(d.screen(), "[CLI]")
	if !ok {
		t.Fatalf("no CLI view:\n%s", d.screen())
	}
	viewer, _, _ = strings.Cut(viewer, "enter apply the plan") // the help line
	if strings.Contains(viewer, "…") || !strings.Contains(viewer, "--Network NORMAL") {
		t.Fatalf("a line was cut:\n%s", viewer)
	}
}

// When doctor finds the spec likelier wrong than the setup, the check says
// to correct the spec first rather than to plan the fix.
func TestCheckSaysToCorrectTheSpecFirst(t *testing.T) {
	t.Parallel()
	d := checking(t, newFakeCloud())
	v := d.m.check
	report := *v.report
	report.Checks = append([]cloud.Check(nil), report.Checks...)
	for i, c := range report.Checks {
		if c.Link == cloud.LinkExternalTable {
			report.Checks[i].SpecFirst = true
		}
	}
	d.send(checkedMsg{seq: v.seq, report: report})
	d.mustShowText("The spec may name the wrong instance or table", "Press e to correct the spec first")
	d.mustNotShow("Press a to plan")
}

func TestWrapCode(t *testing.T) {
	t.Parallel()
	cmd := `aliyun ram CreatePolicyVersion --PolicyName AliyunODPSRolePolicyForOtherUser --PolicyDocument '{"Resource":["acs:ots:cn-hangzhou:1111111111111111:instance/cap1/table/vehicle_track"]}' --SetAsDefault true`
	got := wrapCode(cmd, 40)
	lines := strings.Split(got, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line %d is %d wide: %q", i, ansi.StringWidth(l), l)
		}
		if i > 0 && !strings.HasPrefix(l, contMark) {
			t.Errorf("continuation %d unmarked: %q", i, l)
		}
		if strings.HasSuffix(l, "-") && !strings.HasSuffix(l, " --") {
			t.Errorf("broken at a hyphen: %q", l)
		}
	}
	// Every character but the spaces at the breaks is kept, in order.
	squeeze := func(x string) string { return strings.NewReplacer(" ", "", "\n", "", contMark, "").Replace(x) }
	if squeeze(got) != squeeze(cmd) {
		t.Errorf("the command lost text:\n%s", got)
	}
	if short := "SELECT 1;"; wrapCode(short, 40) != short {
		t.Errorf("a short line changed: %q", wrapCode(short, 40))
	}
}
