package steps

import (
	"fmt"
	"strings"
)

// Wizard is the whole state of one setup: the spec, the phase and screen,
// and every step's status, plan, result and error. It is a value: Apply
// returns a new Wizard and never changes the one it was called on.
type Wizard struct {
	spec     Spec
	phase    Phase
	screen   Screen
	steps    [stepCount]StepState
	problems Problems
	notice   string
	lastRun  RunID
	goal     Goal
	// checkedFrom is the phase a check was started from: PhaseDone when a
	// finished setup is checked (Back returns there), else PhaseEditing.
	checkedFrom Phase
}

// Goal is what answering the forms leads to.
type Goal int

// Goals.
const (
	GoalSetup Goal = iota // observe every step, review the plan, apply it
	GoalCheck             // check an existing setup link by link, read-only
)

func (g Goal) String() string {
	switch g {
	case GoalSetup:
		return "setup"
	case GoalCheck:
		return "check"
	}
	return fmt.Sprintf("Goal(%d)", int(g))
}

// Goal returns what the answered forms lead to.
func (w Wizard) Goal() Goal { return w.goal }

// SetupDone reports whether the setup is finished: done, or done and now
// being checked.
func (w Wizard) SetupDone() bool {
	return w.phase == PhaseDone || w.phase == PhaseChecking && w.checkedFrom == PhaseDone
}

// StepState is where one step stands.
type StepState struct {
	ID     StepID
	Status Status
	Plan   Outcome // what observation found and what apply would do
	Result Outcome // what apply did
	Err    error   // why the last observe or apply failed
	RunID  RunID   // the run in flight, or the last one
}

// New starts a wizard on the first form with spec as the forms' starting values.
func New(spec Spec) Wizard {
	w := Wizard{spec: spec, phase: PhaseEditing, screen: ScreenAccounts}
	w.resetSteps()
	return w
}

// Spec returns the spec as answered and learned so far (without defaults).
func (w Wizard) Spec() Spec { return w.spec }

// Phase returns the current phase.
func (w Wizard) Phase() Phase { return w.phase }

// Screen returns the current form while editing.
func (w Wizard) Screen() Screen { return w.screen }

// Problems returns what the last validation found: the current screen's
// problems while it blocks, or every problem of the spec.
func (w Wizard) Problems() Problems { return w.problems }

// AnswerProblems is what is wrong with the answers as they stand, on every
// form (an empty UID passes: the run reads it from the credentials). The
// forms show it before the user reaches them, so a bad value from a spec
// file is marked where it is, not only when the last form is answered.
func (w Wizard) AnswerProblems() Problems { return validate(w.spec, false) }

// Notice explains why the last event changed nothing ("role cannot be
// skipped: …"); empty otherwise.
func (w Wizard) Notice() string { return w.notice }

// Step returns the state of one step.
func (w Wizard) Step(id StepID) StepState {
	if !id.Valid() {
		return StepState{ID: id}
	}
	return w.steps[id-1]
}

// Steps returns every step's state in apply order.
func (w Wizard) Steps() []StepState {
	out := make([]StepState, stepCount)
	copy(out, w.steps[:])
	return out
}

// CanConfirm says whether the plan may be applied, and if not, why.
func (w Wizard) CanConfirm() (bool, string) {
	if w.phase != PhaseReviewing {
		return false, fmt.Sprintf("there is no plan to confirm while %s", w.phase)
	}
	var why []string
	pending := 0
	for _, st := range w.steps {
		switch {
		case st.Status == StatusFailed:
			why = append(why, fmt.Sprintf("%s failed: retry it or go back and edit", st.ID))
		case st.Status == StatusPlanned && st.Plan.Action == ActionBlocked:
			why = append(why, fmt.Sprintf("%s is blocked: %s", st.ID, st.Plan.Summary))
		case st.Status == StatusPending:
			pending++ // not looked at: a step before them stopped the look
		case st.Status != StatusPlanned && st.Status != StatusSkipped:
			why = append(why, fmt.Sprintf("%s is %s", st.ID, st.Status))
		}
	}
	switch {
	case pending == 1:
		why = append(why, "1 step was not looked at")
	case pending > 1:
		why = append(why, fmt.Sprintf("%d steps were not looked at", pending))
	}
	if len(why) > 0 {
		return false, "cannot apply yet: " + strings.Join(why, "; ")
	}
	return true, ""
}

// Apply returns the state after ev and the cloud calls to start. It is pure:
// w is not changed, and an event that does not fit the state returns w as it
// was with a Notice saying why.
func (w Wizard) Apply(ev Event) (Wizard, []Effect) {
	w.notice = ""
	switch ev := ev.(type) {
	case Answered:
		return w.answered(ev)
	case ChangeGoal:
		return w.changeGoal(ev.Goal)
	case Submitted:
		if w.phase != PhaseEditing {
			return w.refuse("a spec can only be submitted while editing")
		}
		w.spec = ev.Spec
		return w.begin()
	case Back:
		return w.back()
	case Edit:
		return w.edit(ev.Screen)
	case Confirmed:
		if ok, why := w.CanConfirm(); !ok {
			return w.refuse(why)
		}
		w.phase = PhaseApplying
		return w.next()
	case Skipped:
		return w.skip(ev.Step)
	case Retry:
		return w.retry(ev.Step)
	case EffectDone:
		return w.effectDone(ev)
	}
	return w.refuse(fmt.Sprintf("unknown event %T", ev))
}

func (w Wizard) refuse(why string) (Wizard, []Effect) {
	w.notice = why
	return w, nil
}

func (w *Wizard) state(id StepID) *StepState { return &w.steps[id-1] }

func (w *Wizard) resetSteps() {
	for i := range w.steps {
		w.steps[i] = StepState{ID: StepID(i + 1), RunID: w.steps[i].RunID}
	}
}

// start marks a step in flight under a new run id and returns its effect.
func (w *Wizard) start(id StepID, kind EffectKind) Effect {
	w.lastRun++
	st := w.state(id)
	st.RunID = w.lastRun
	st.Err = nil
	if kind == EffectObserve {
		st.Status = StatusObserving
		st.Plan = Outcome{}
	} else {
		st.Status = StatusApplying
	}
	return Effect{Kind: kind, Step: id, RunID: w.lastRun}
}

func (w Wizard) answered(ev Answered) (Wizard, []Effect) {
	if w.phase != PhaseEditing {
		return w.refuse(fmt.Sprintf("the %s form's answer came while %s; it was ignored", ev.Screen, w.phase))
	}
	if ev.Screen != w.screen {
		return w.refuse(fmt.Sprintf("the %s form's answer came on the %s screen; it was ignored", ev.Screen, w.screen))
	}
	w.spec = ev.Spec
	w.problems = validate(w.spec, false).problemsOf(w.screen)
	if w.problems.HasErrors() {
		return w, nil
	}
	if w.screen == lastScreen {
		return w.begin()
	}
	w.screen++
	return w, nil
}

func (w Wizard) changeGoal(g Goal) (Wizard, []Effect) {
	if g != GoalSetup && g != GoalCheck {
		return w.refuse(fmt.Sprintf("there is no goal %s", g))
	}
	switch w.phase {
	case PhaseEditing:
		w.goal = g
		return w, nil
	case PhaseDone:
		if g == GoalSetup {
			return w.refuse("the setup is finished")
		}
		w.goal, w.phase, w.checkedFrom = GoalCheck, PhaseChecking, PhaseDone
		return w, nil
	case PhaseChecking:
		if g == GoalCheck {
			return w, nil
		}
		w.goal, w.checkedFrom = GoalSetup, PhaseEditing
		return w.begin()
	}
	return w.refuse(fmt.Sprintf("the goal cannot change while %s: finish the run, or go back to the forms", w.phase))
}

// begin validates the whole spec and, when it is sound, starts observing
// with the identities: every other step needs to know the accounts.
func (w Wizard) begin() (Wizard, []Effect) {
	w.problems = validate(w.spec, false)
	if errs := w.problems.Errors(); len(errs) > 0 {
		w.phase = PhaseEditing
		w.screen = screenOf(errs[0].Field)
		return w, nil
	}
	if w.goal == GoalCheck {
		// A check observes nothing through the steps: the shell walks the
		// chain itself, read-only.
		w.phase, w.checkedFrom = PhaseChecking, PhaseEditing
		w.resetSteps()
		return w, nil
	}
	w.phase = PhaseObserving
	w.resetSteps()
	return w, []Effect{w.start(StepIdentities, EffectObserve)}
}

func (w Wizard) back() (Wizard, []Effect) {
	if w.phase == PhaseEditing {
		if w.screen == ScreenAccounts {
			return w.refuse("this is the first screen")
		}
		w.screen--
		w.problems = nil
		return w, nil
	}
	if w.phase == PhaseChecking && w.checkedFrom == PhaseDone {
		w.phase, w.goal = PhaseDone, GoalSetup
		return w, nil
	}
	return w.edit(lastScreen)
}

// edit returns to form s, keeping every answer.
func (w Wizard) edit(s Screen) (Wizard, []Effect) {
	if !s.Valid() {
		return w.refuse(fmt.Sprintf("there is no form %s", s))
	}
	switch w.phase {
	case PhaseEditing:
		if s > w.screen {
			return w.refuse(fmt.Sprintf("answer the %s form before the %s form", w.screen, s))
		}
		w.screen = s
		w.problems = nil
		return w, nil
	case PhaseApplying:
		for _, st := range w.steps {
			if st.Status == StatusApplying {
				return w.refuse(fmt.Sprintf("%s is being applied; wait for it to finish", st.ID))
			}
		}
	case PhaseDone:
		return w.refuse("the setup is finished")
	case PhaseChecking:
		if w.checkedFrom == PhaseDone {
			return w.refuse("the setup is finished")
		}
	}
	// Leaving observation, the review or a failed apply: results still in
	// flight become stale because the steps are reset.
	w.phase = PhaseEditing
	w.screen = s
	w.problems = nil
	w.resetSteps()
	return w, nil
}

func (w Wizard) skip(id StepID) (Wizard, []Effect) {
	if !id.Valid() {
		return w.refuse(fmt.Sprintf("there is no step %s", id))
	}
	info := id.Info()
	if !info.SafeToSkip {
		return w.refuse(fmt.Sprintf("%s cannot be skipped: %s", id, info.SkipRisk))
	}
	st := w.state(id)
	switch {
	case w.phase == PhaseReviewing && (st.Status == StatusPlanned || st.Status == StatusFailed):
		st.Status = StatusSkipped
		return w, nil
	case w.phase == PhaseApplying && st.Status == StatusFailed:
		st.Status = StatusSkipped
		return w.next()
	}
	return w.refuse(fmt.Sprintf("%s is %s and cannot be skipped now", id, st.Status))
}

func (w Wizard) retry(id StepID) (Wizard, []Effect) {
	if !id.Valid() {
		return w.refuse(fmt.Sprintf("there is no step %s", id))
	}
	if st := w.state(id); st.Status != StatusFailed {
		return w.refuse(fmt.Sprintf("%s is %s; only a failed step is retried", id, st.Status))
	}
	switch w.phase {
	case PhaseReviewing:
		w.phase = PhaseObserving
		return w, []Effect{w.start(id, EffectObserve)}
	case PhaseApplying:
		return w, []Effect{w.start(id, EffectApply)}
	}
	return w.refuse(fmt.Sprintf("nothing to retry while %s", w.phase))
}

func (w Wizard) effectDone(ev EffectDone) (Wizard, []Effect) {
	if !ev.Step.Valid() {
		return w.refuse(fmt.Sprintf("a result for unknown step %s was ignored", ev.Step))
	}
	st := w.state(ev.Step)
	if ev.RunID != st.RunID || !st.Status.InFlight() {
		return w.refuse(fmt.Sprintf("a stale result for %s (run %d) was ignored", ev.Step, ev.RunID))
	}
	if st.Status == StatusObserving {
		return w.observed(ev)
	}
	if ev.Err != nil {
		st.Status = StatusFailed
		st.Err = ev.Err
		return w, nil
	}
	st.Status = StatusDone
	st.Result = ev.Result
	w.learn(ev.Result.Discovered)
	return w.next()
}

func (w Wizard) observed(ev EffectDone) (Wizard, []Effect) {
	st := w.state(ev.Step)
	info := ev.Step.Info()
	switch {
	case ev.Err != nil:
		st.Status, st.Err = StatusFailed, ev.Err
	case ev.Result.Action == ActionUnset:
		st.Status, st.Err = StatusFailed, fmt.Errorf("observing %s returned no plan", ev.Step)
	default:
		st.Status, st.Plan = StatusPlanned, ev.Result
		if info.ObserveOnly && ev.Result.Action.Writes() {
			// The wizard never creates credentials or projects: what
			// observation finds missing there, the user must provide.
			st.Plan.Action = ActionBlocked
		}
	}

	var effects []Effect
	if ev.Step == StepIdentities && st.Status == StatusPlanned {
		if conflict := w.learn(ev.Result.Discovered); conflict != "" {
			st.Plan.Action = ActionBlocked
			st.Plan.Summary = conflict
		} else if errs := Validate(w.spec).Errors(); len(errs) > 0 {
			st.Plan.Action = ActionBlocked
			st.Plan.Summary = errs[0].String()
		}
		if st.Plan.Action != ActionBlocked {
			for id := StepIdentities + 1; id.Valid(); id++ {
				if s := w.state(id); s.Status != StatusSkipped && s.Status != StatusPlanned {
					effects = append(effects, w.start(id, EffectObserve))
				}
			}
		}
	} else if st.Status == StatusPlanned {
		w.learn(ev.Result.Discovered)
	}

	if w.phase == PhaseObserving && !w.anyInFlight() {
		w.phase = PhaseReviewing
	}
	return w, effects
}

func (w *Wizard) anyInFlight() bool {
	for _, st := range w.steps {
		if st.Status.InFlight() {
			return true
		}
	}
	return false
}

// next applies the steps in order: a step already in place is done without a
// call, the first one that writes starts, and when none is left the setup is done.
func (w Wizard) next() (Wizard, []Effect) {
	for id := StepIdentities; id.Valid(); id++ {
		st := w.state(id)
		if st.Status != StatusPlanned {
			continue
		}
		if !st.Plan.Action.Writes() {
			st.Status = StatusDone
			st.Result = st.Plan
			continue
		}
		return w, []Effect{w.start(id, EffectApply)}
	}
	for _, st := range w.steps {
		if st.Status != StatusDone && st.Status != StatusSkipped {
			return w, nil // a failed step waits for retry, skip or back
		}
	}
	w.phase = PhaseDone
	return w, nil
}

// learn records what a step discovered. It fills what the spec leaves empty
// and returns a description of any contradiction with what the user wrote.
func (w *Wizard) learn(d Discovery) (conflict string) {
	var conflicts []string
	fill := func(field, profile string, have *string, found string) {
		switch {
		case found == "" || *have == found:
		case *have == "":
			*have = found
		default:
			conflicts = append(conflicts, fmt.Sprintf("%s is %s, but the credentials%s belong to account %s — correct the UID or the profile",
				field, *have, profileNote(profile), found))
		}
	}
	fill("accounts.tablestore.uid", w.spec.Accounts.Tablestore.Profile, &w.spec.Accounts.Tablestore.UID, d.TablestoreUID)
	fill("accounts.maxcompute.uid", w.spec.Accounts.MaxCompute.Profile, &w.spec.Accounts.MaxCompute.UID, d.MaxComputeUID)
	if len(d.SampleKey) > 0 && len(w.spec.Tablestore.SampleKey) == 0 {
		w.spec.Tablestore.SampleKey = append([]string(nil), d.SampleKey...)
	}
	return strings.Join(conflicts, "; ")
}

func profileNote(profile string) string {
	if profile == "" {
		return " from the environment"
	}
	return fmt.Sprintf(" of profile %q", profile)
}
