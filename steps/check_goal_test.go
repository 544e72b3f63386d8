package steps

import (
	"reflect"
	"strings"
	"testing"
)

// answerAll answers every form in order, from the first.
func answerAll(d *driver, spec Spec) []Effect {
	var effects []Effect
	for s := ScreenAccounts; s <= lastScreen; s++ {
		effects = d.apply(Answered{Screen: s, Spec: spec})
	}
	return effects
}

func TestWizardCheckGoal(t *testing.T) {
	t.Parallel()
	t.Run("the last form leads to the check, with no effect", func(t *testing.T) {
		t.Parallel()
		d := &driver{t: t, w: New(interactiveSpec())}
		d.apply(ChangeGoal{Goal: GoalCheck})
		if d.w.Goal() != GoalCheck || d.w.Phase() != PhaseEditing {
			t.Fatalf("while editing the goal changes and nothing else: %s %s", d.w.Goal(), d.w.Phase())
		}
		if effects := answerAll(d, interactiveSpec()); effects != nil {
			t.Fatalf("a check starts no step: %v", effects)
		}
		if d.w.Phase() != PhaseChecking {
			t.Fatalf("phase %s, want checking", d.w.Phase())
		}
		for _, s := range d.w.Steps() {
			if s.Status != StatusPending {
				t.Errorf("%s is %s during a check", s.ID, s.Status)
			}
		}
		if d.w.SetupDone() {
			t.Error("a check of the forms' answers is not a finished setup")
		}
	})
	t.Run("an unsound spec stays on its form", func(t *testing.T) {
		t.Parallel()
		bad := interactiveSpec()
		bad.Tablestore.Instance = "my-ots-1"
		d := &driver{t: t, w: New(bad)}
		d.apply(ChangeGoal{Goal: GoalCheck})
		d.apply(Submitted{Spec: bad})
		if d.w.Phase() != PhaseEditing || d.w.Screen() != ScreenTablestore || !d.w.Problems().HasErrors() {
			t.Fatalf("%s on %s, problems %v", d.w.Phase(), d.w.Screen(), d.w.Problems())
		}
	})
	t.Run("back and edit return to the forms, still checking", func(t *testing.T) {
		t.Parallel()
		d := &driver{t: t, w: New(interactiveSpec())}
		d.apply(ChangeGoal{Goal: GoalCheck})
		d.apply(Submitted{Spec: interactiveSpec()})
		d.apply(Back{})
		if d.w.Phase() != PhaseEditing || d.w.Screen() != lastScreen || d.w.Goal() != GoalCheck {
			t.Fatalf("back: %s on %s, goal %s", d.w.Phase(), d.w.Screen(), d.w.Goal())
		}
		d.apply(Answered{Screen: lastScreen, Spec: interactiveSpec()})
		d.apply(Edit{Screen: ScreenRAM})
		if d.w.Phase() != PhaseEditing || d.w.Screen() != ScreenRAM {
			t.Fatalf("edit: %s on %s", d.w.Phase(), d.w.Screen())
		}
	})
	t.Run("from a check, the setup goal plans the setup", func(t *testing.T) {
		t.Parallel()
		d := &driver{t: t, w: New(interactiveSpec())}
		d.apply(ChangeGoal{Goal: GoalCheck})
		d.apply(Submitted{Spec: interactiveSpec()})
		if effects := d.apply(ChangeGoal{Goal: GoalCheck}); effects != nil || d.w.Phase() != PhaseChecking || d.w.Notice() != "" {
			t.Fatalf("checking again changes nothing: %v %s %q", effects, d.w.Phase(), d.w.Notice())
		}
		effects := d.apply(ChangeGoal{Goal: GoalSetup})
		if !reflect.DeepEqual(effects, []Effect{{EffectObserve, StepIdentities, 1}}) || d.w.Phase() != PhaseObserving || d.w.Goal() != GoalSetup {
			t.Fatalf("effects %v, %s, goal %s", effects, d.w.Phase(), d.w.Goal())
		}
	})
	t.Run("a finished setup is checked and back returns to it", func(t *testing.T) {
		t.Parallel()
		inPlace := map[StepID]Outcome{}
		for id := StepIdentities + 1; id.Valid(); id++ {
			inPlace[id] = Outcome{Action: ActionInPlace, Summary: "in place"}
		}
		d := reviewing(t, inPlace)
		d.apply(Confirmed{})
		if d.w.Phase() != PhaseDone {
			t.Fatalf("phase %s, want done", d.w.Phase())
		}
		if effects := d.apply(ChangeGoal{Goal: GoalSetup}); effects != nil || !strings.Contains(d.w.Notice(), "finished") {
			t.Errorf("a finished setup is not planned again: %v %q", effects, d.w.Notice())
		}
		d.apply(ChangeGoal{Goal: GoalCheck})
		if d.w.Phase() != PhaseChecking || !d.w.SetupDone() {
			t.Fatalf("phase %s, setup done %v", d.w.Phase(), d.w.SetupDone())
		}
		if d.apply(Edit{Screen: ScreenRAM}); d.w.Phase() != PhaseChecking || !strings.Contains(d.w.Notice(), "finished") {
			t.Errorf("editing a finished setup is refused: %s %q", d.w.Phase(), d.w.Notice())
		}
		d.apply(Back{})
		if d.w.Phase() != PhaseDone || d.w.Goal() != GoalSetup {
			t.Fatalf("back: %s, goal %s", d.w.Phase(), d.w.Goal())
		}
		for _, s := range d.w.Steps() {
			if s.Status != StatusDone {
				t.Errorf("%s is %s after the check; the run's results are kept", s.ID, s.Status)
			}
		}
	})
	t.Run("the goal does not change mid-run", func(t *testing.T) {
		t.Parallel()
		d := reviewing(t, firstRun())
		d.apply(ChangeGoal{Goal: GoalCheck})
		if d.w.Phase() != PhaseReviewing || d.w.Goal() != GoalSetup || !strings.Contains(d.w.Notice(), "cannot change while reviewing") {
			t.Fatalf("%s goal %s %q", d.w.Phase(), d.w.Goal(), d.w.Notice())
		}
		d.apply(ChangeGoal{Goal: Goal(7)})
		if !strings.Contains(d.w.Notice(), "no goal") {
			t.Errorf("an unknown goal: %q", d.w.Notice())
		}
	})
}

func TestAnswerProblemsCoverEveryForm(t *testing.T) {
	t.Parallel()
	bad := interactiveSpec()
	bad.RAM.Access = "write"
	bad.Tablestore.Instance = "my-ots-1"
	w := New(bad)
	ps := w.AnswerProblems()
	if len(ps.Under("ram.access").Errors()) != 1 || len(ps.Under("tablestore.instance").Errors()) != 1 {
		t.Fatalf("problems %v", ps)
	}
	if len(ps.Under("accounts").Errors()) != 0 {
		t.Errorf("an empty UID is read from the credentials, not a problem: %v", ps.Under("accounts"))
	}
	if w.Screen() != ScreenAccounts || len(w.Problems()) != 0 {
		t.Error("AnswerProblems changed the wizard")
	}
}

// Blocked identities leave the other steps unobserved: the refusal names
// the block once and counts the rest, not "x is pending" nine times.
func TestCanConfirmCountsStepsNotLookedAt(t *testing.T) {
	t.Parallel()
	d := &driver{t: t, w: New(interactiveSpec())}
	d.apply(Submitted{Spec: interactiveSpec()})
	d.apply(EffectDone{Step: StepIdentities, RunID: 1, Result: Outcome{Action: ActionBlocked, Summary: "the keys belong to other accounts"}})
	ok, why := d.w.CanConfirm()
	if ok || !strings.HasPrefix(why, "cannot apply yet: identities is blocked: ") || !strings.HasSuffix(why, "; 9 steps were not looked at") || strings.Contains(why, "pending") {
		t.Fatalf("%v %q", ok, why)
	}
}
