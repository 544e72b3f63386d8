package steps

import "fmt"

// Event is something that happened: the user answered or chose, or a cloud
// call finished. Wizard.Apply turns it into the next state.
type Event interface{ isEvent() }

// Answered says a form filled its part of the spec; Spec is the whole spec
// with that part filled. An answer for another screen than the current one
// is stale and ignored.
type Answered struct {
	Screen Screen
	Spec   Spec
}

// Submitted gives the whole spec at once (a spec file for a headless run):
// it is validated and, when sound, observation starts.
type Submitted struct{ Spec Spec }

// Back goes to the previous screen, or from the review back to the forms.
type Back struct{}

// Edit goes back to one form to change its answers: from a later form, or
// from observation, the review or a failed apply (the form that feeds the
// failed step). Every answer is kept; the steps are observed again after.
type Edit struct{ Screen Screen }

// Confirmed says the user accepted the plan: applying starts.
type Confirmed struct{}

// Skipped asks to skip a step; only steps the catalogue marks safe are skipped.
type Skipped struct{ Step StepID }

// Retry asks to run a failed step's observe or apply again.
type Retry struct{ Step StepID }

// EffectDone reports the end of an Effect. A RunID that is not the step's
// current one is stale (the user went back or retried) and ignored.
type EffectDone struct {
	Step   StepID
	RunID  RunID
	Result Outcome
	Err    error
}

// ChangeGoal says what the answered forms lead to: the setup (observe,
// review, apply) or a read-only check of an existing setup. While editing it
// only changes where the last form leads; a finished setup may be checked;
// from a check, GoalSetup plans the setup (observation starts) and GoalCheck
// changes nothing.
type ChangeGoal struct{ Goal Goal }

func (Answered) isEvent()   {}
func (ChangeGoal) isEvent() {}
func (Submitted) isEvent()  {}
func (Back) isEvent()       {}
func (Edit) isEvent()       {}
func (Confirmed) isEvent()  {}
func (Skipped) isEvent()    {}
func (Retry) isEvent()      {}
func (EffectDone) isEvent() {}

// RunID tells one run of an effect from another.
type RunID int

// EffectKind says which phase of a step an effect runs.
type EffectKind int

// Effect kinds.
const (
	EffectObserve EffectKind = iota + 1 // read-only calls that find what exists
	EffectApply                         // the minimal change the plan named
)

func (k EffectKind) String() string {
	switch k {
	case EffectObserve:
		return "observe"
	case EffectApply:
		return "apply"
	}
	return fmt.Sprintf("EffectKind(%d)", int(k))
}

// Effect is a cloud call the shell must run: it runs the step's observe or
// apply against Wizard.Spec() and reports back with EffectDone carrying the
// same Step and RunID.
type Effect struct {
	Kind  EffectKind
	Step  StepID
	RunID RunID
}

func (e Effect) String() string { return fmt.Sprintf("%s %s #%d", e.Kind, e.Step, e.RunID) }

// Outcome is what a step's observe or apply found or did, in words for the
// review and result screens. The cloud layer fills it.
type Outcome struct {
	Action  Action
	Summary string     // one line: "role exists; trust policy lacks 2222…@odps.aliyuncs.com"
	Details []string   // more lines: the diff, the call made, the request id
	Rows    [][]string // tabular results (the verification query's rows, header first)
	// Discovered carries facts the step learned that belong in the spec.
	Discovered Discovery
}

// Discovery is what a run learns that the spec records.
type Discovery struct {
	TablestoreUID string   // account A's UID, from its credentials
	MaxComputeUID string   // account B's UID, from its credentials
	SampleKey     []string // a key prefix that exists in the table
}
