package steps

import "fmt"

// Status is where one step stands.
type Status int

// Step statuses.
const (
	StatusPending   Status = iota // not looked at yet
	StatusObserving               // read-only calls in flight
	StatusPlanned                 // observed; Plan says what apply would do
	StatusApplying                // the change is in flight
	StatusDone                    // applied, or nothing to apply
	StatusFailed                  // the last observe or apply failed; Err says why
	StatusSkipped                 // the user chose to skip it
)

func (s Status) String() string {
	switch s {
	case StatusPending:
		return "pending"
	case StatusObserving:
		return "observing"
	case StatusPlanned:
		return "planned"
	case StatusApplying:
		return "applying"
	case StatusDone:
		return "done"
	case StatusFailed:
		return "failed"
	case StatusSkipped:
		return "skipped"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// IsFinal reports whether nothing more happens to the step without the user
// (done, failed or skipped).
func (s Status) IsFinal() bool {
	return s == StatusDone || s == StatusFailed || s == StatusSkipped
}

// InFlight reports whether a cloud call for the step is running.
func (s Status) InFlight() bool { return s == StatusObserving || s == StatusApplying }

// Action is what applying a step would do, as observation found it.
type Action int

// Actions.
const (
	ActionUnset   Action = iota // no plan yet
	ActionInPlace               // already as wanted: nothing to write
	ActionCreate                // it does not exist: create it
	ActionChange                // it exists but differs: the minimal change (merge, new version, attach)
	ActionBlocked               // it cannot be done as specified; Summary says why
)

func (a Action) String() string {
	switch a {
	case ActionUnset:
		return "unset"
	case ActionInPlace:
		return "in place"
	case ActionCreate:
		return "create"
	case ActionChange:
		return "change"
	case ActionBlocked:
		return "blocked"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Writes reports whether the action changes anything in the cloud.
func (a Action) Writes() bool { return a == ActionCreate || a == ActionChange }
