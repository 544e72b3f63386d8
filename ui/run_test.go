package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

func TestFailureShowsDiagnosisAndRetrySucceeds(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.fail(steps.StepRole, noPermission("CreateRole"))
	d := newDriver(t, testOptions(t, f), nil)
	d.toReview().keys("enter")
	if d.m.page() != pageRun {
		t.Fatalf("on %s", d.m.page())
	}
	d.mustShow("stopped at a failed step", "✗ role", "failed",
		"Create the RAM role MaxCompute assumes failed: RAM CreateRole: NoPermission",
		"Link   credentials of account A",
		"Cause  the RAM user lacks ram:CreateRole",
		"Fix    attach AliyunRAMFullAccess to the user",
		"Error  RAM CreateRole: code NoPermission, HTTP 403, request id 5F2D-REQ-0001",
		"You are not authorized to do this action.",
		"r retry", "e edit the ram form")
	d.mustNotShow("s skip") // the role cannot be skipped
	d.keys("s")
	if d.m.wiz.Step(steps.StepRole).Status != steps.StatusFailed {
		t.Fatal("s skipped a step the catalogue marks unsafe")
	}
	d.keys("r")
	if d.m.page() != pageResults {
		t.Fatalf("retry did not finish the run: on %s\n%s", d.m.page(), d.screen())
	}
}

func TestFailureOffersSkipWhereSafeAndEditGoesToTheForm(t *testing.T) {
	t.Parallel()
	t.Run("skip the verification", func(t *testing.T) {
		t.Parallel()
		f := newFakeCloud()
		f.fail(steps.StepVerify, errors.New("ODPS-0130071: external table checking failure"))
		d := newDriver(t, testOptions(t, f), nil)
		d.toReview().keys("enter")
		d.mustShow("s skip", "ODPS-0130071: external table checking failure")
		d.keys("s")
		if d.m.page() != pageResults {
			t.Fatalf("on %s", d.m.page())
		}
		d.mustShow("Setup complete — not verified")
	})
	t.Run("edit the form that feeds the step", func(t *testing.T) {
		t.Parallel()
		f := newFakeCloud()
		f.fail(steps.StepTable, errors.New("OTSParameterInvalid: bad primary key"))
		d := newDriver(t, testOptions(t, f), nil)
		d.toReview().keys("enter", "e")
		if d.m.page() != pageTablestore {
			t.Fatalf("e went to %s", d.m.page())
		}
		d.mustShow("vehicle_track", "vid")
		// Nothing is lost: Enter through the forms again reaches the review,
		// where what was created is now in place.
		d.toReview()
		if s := d.m.wiz.Step(steps.StepRole); s.Plan.Action != steps.ActionInPlace {
			t.Fatalf("role after the first run: %s", s.Plan.Action)
		}
	})
}

func TestObservationFailureAndBlockedPlan(t *testing.T) {
	t.Parallel()
	t.Run("a failed observation is retried from the review", func(t *testing.T) {
		t.Parallel()
		f := newFakeCloud()
		f.failObs[steps.StepPolicy] = &cloud.Error{Service: "RAM", Op: "GetPolicy", Code: "Throttling", Message: "Request was denied due to request throttling.", RequestID: "R-9"}
		d := newDriver(t, testOptions(t, f), nil)
		d.toReview()
		d.mustShow("cannot apply yet: policy failed", "› ✗ policy", "RAM GetPolicy: Throttling", "Request was denied due to request throttling.")
		d.keys("enter")
		if d.m.page() != pagePlan || !strings.Contains(d.m.notice, "policy failed") {
			t.Fatalf("enter applied a plan with a failed step: %s %q", d.m.page(), d.m.notice)
		}
		d.keys("r")
		if s := d.m.wiz.Step(steps.StepPolicy); s.Status != steps.StatusPlanned {
			t.Fatalf("after retry: %s", s.Status)
		}
		d.mustShow("enter applies it")
	})
	t.Run("a missing project blocks the plan", func(t *testing.T) {
		t.Parallel()
		f := newFakeCloud()
		delete(f.projects, "demo_project")
		d := newDriver(t, testOptions(t, f), nil)
		d.toReview()
		d.mustShow("project is blocked", "› ! project", "blocked: project demo_project does not exist in account B", "e goes to the maxcompute form")
		d.keys("e")
		if d.m.page() != pageProject {
			t.Fatalf("e went to %s", d.m.page())
		}
	})
}

func TestReviewViewers(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.toReview()
	want := map[planTab]string{
		tabTrust:      `"2222222222222222@odps.aliyuncs.com"`,
		tabPermission: `acs:ots:cn-hangzhou:1111111111111111:instance/cap1/table/vehicle_track`,
		tabDDL:        "STORED BY 'com.aliyun.odps.TableStoreStorageHandler'",
		tabCLI:        "aliyun ram CreateRole",
		tabTerraform:  `resource "alicloud_ram_role"`,
	}
	for tab := tabTrust; tab < planTabs; tab++ {
		d.keys("tab")
		if d.m.plan.tab != tab {
			t.Fatalf("tab %s, want %s", d.m.plan.tab, tab)
		}
		// The viewer scrolls: look for the text in all of it.
		if c := d.m.planContent(98); !strings.Contains(c, want[tab]) {
			t.Errorf("%s lacks %q:\n%s", tab, want[tab], c)
		}
	}
	d.keys("tab")
	if d.m.plan.tab != tabStep {
		t.Fatal("tabs do not wrap")
	}
	d.mustShow("› + role", // the first step that writes is selected
		"Create the RAM role MaxCompute assumes — account A (Tablestore)")
	d.keys("s")
	if !strings.Contains(d.m.notice, "role cannot be skipped") {
		t.Fatalf("notice %q", d.m.notice)
	}
}

func TestCtrlCCancelsTheRunningCallAndAsks(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.block[steps.StepRole] = true
	d := newDriver(t, testOptions(t, f), nil)
	d.toReview()
	// Apply without waiting: the role's apply blocks until cancelled.
	cmd2 := d.pressHeld(tea.KeyMsg{Type: tea.KeyEnter})
	if s := d.m.wiz.Step(steps.StepRole); s.Status != steps.StatusApplying || d.m.calls.inFlight() != 1 {
		t.Fatalf("role is %s with %d calls", s.Status, d.m.calls.inFlight())
	}
	d.send(tea.KeyMsg{Type: tea.KeyCtrlC})
	if d.m.overlay != overlayQuit {
		t.Fatal("ctrl+c did not ask")
	}
	d.mustShow("Leave the wizard?", "are saved (never a", "session.yaml", "Run the wizard again to resume", "y leave")
	// The cancelled call reports back; the step fails as cancelled.
	d.send(cmd2)
	if s := d.m.wiz.Step(steps.StepRole); s.Status != steps.StatusFailed || !errors.Is(s.Err, context.Canceled) {
		t.Fatalf("role is %s (%v)", s.Status, s.Err)
	}
	d.keys("n")
	d.mustShow("cancelled (Ctrl+C); press r to run it again")
	d.keys("ctrl+c", "y")
	if !d.quit || !d.m.Result().Interrupted || d.m.Result().Finished {
		t.Fatalf("quit %v result %+v", d.quit, d.m.Result())
	}
}

func TestStaleResultsAreDropped(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.toReview()
	old := d.m.wiz.Step(steps.StepRole)
	d.keys("esc") // back to the mapping: the plan is reset
	d.send(effectDoneMsg{effect: steps.Effect{Kind: steps.EffectObserve, Step: steps.StepRole, RunID: old.RunID},
		out: steps.Outcome{Action: steps.ActionBlocked, Summary: "stale"}})
	if s := d.m.wiz.Step(steps.StepRole); s.Status != steps.StatusPending || d.m.notice != "" {
		t.Fatalf("a stale result changed the role: %s, notice %q", s.Status, d.m.notice)
	}
	// A stale identity check is dropped too.
	d.send(identifiedMsg{seq: d.m.verifySeq - 1, err: errors.New("stale")})
	if d.m.notice != "" {
		t.Fatalf("a stale check reached the screen: %q", d.m.notice)
	}
}

// applyingRole applies the plan with the role's call held in flight, for
// tests that feed its log: progress of the role's run, as a live call would.
func applyingRole(t *testing.T, width, height int) (d *driver, progress func(run steps.RunID, line string), run steps.RunID) {
	t.Helper()
	f := newFakeCloud()
	f.block[steps.StepRole] = true
	d = newDriver(t, testOptions(t, f), nil)
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	d.toReview()
	d.pressHeld(tea.KeyMsg{Type: tea.KeyEnter})
	t.Cleanup(func() { d.m.calls.cancelAll() })
	ch := make(chan cloud.Progress)
	close(ch)
	progress = func(run steps.RunID, line string) {
		d.send(progressMsg{effect: steps.Effect{Kind: steps.EffectApply, Step: steps.StepRole, RunID: run}, p: cloud.Progress{Message: line}, ch: ch})
	}
	return d, progress, d.m.wiz.Step(steps.StepRole).RunID
}

func TestProgressReachesTheLog(t *testing.T) {
	t.Parallel()
	d, progress, run := applyingRole(t, 100, 30)
	progress(run, "CreateRole AliyunODPSRoleForOtherUser")
	progress(run-1, "from an old run")
	d.mustShow("role — Create the RAM role MaxCompute assumes", "CreateRole AliyunODPSRoleForOtherUser", "creating…")
	d.mustNotShow("from an old run")
}

// A log longer than the screen shows its newest line, on the last line of
// the page.
func TestLongLogShowsTheNewestLine(t *testing.T) {
	t.Parallel()
	d, progress, run := applyingRole(t, 80, 24)
	for i := 1; i <= 30; i++ {
		progress(run, fmt.Sprintf("log line %02d", i))
	}
	d.mustShow("log line 30")
	d.mustNotShow("log line 01")
}
