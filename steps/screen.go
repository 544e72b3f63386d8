package steps

import "fmt"

// Phase is where the whole wizard stands.
type Phase int

// Phases, in order.
const (
	PhaseEditing   Phase = iota // the forms fill the spec
	PhaseObserving              // read-only calls find what exists
	PhaseReviewing              // the user reviews the plan
	PhaseApplying               // the steps apply one by one (or one failed and waits)
	PhaseDone                   // every step is done or skipped
	// PhaseChecking is the check goal's end: the forms are answered and the
	// shell checks the existing setup link by link, read-only. It is not
	// reached in a setup.
	PhaseChecking
)

func (p Phase) String() string {
	switch p {
	case PhaseEditing:
		return "editing"
	case PhaseObserving:
		return "observing"
	case PhaseReviewing:
		return "reviewing"
	case PhaseApplying:
		return "applying"
	case PhaseDone:
		return "done"
	case PhaseChecking:
		return "checking"
	}
	return fmt.Sprintf("Phase(%d)", int(p))
}

// Screen is one form of the editing phase; each fills one part of the spec.
type Screen int

// Screens, in order.
const (
	ScreenAccounts      Screen = iota // the two accounts
	ScreenMaxCompute                  // the region and the project
	ScreenRAM                         // role, policy, access, scope
	ScreenTablestore                  // instance and table
	ScreenExternalTable               // name, endpoint, mapping, properties
)

// lastScreen is the final form; answering it starts observation.
const lastScreen = ScreenExternalTable

func (s Screen) String() string {
	switch s {
	case ScreenAccounts:
		return "accounts"
	case ScreenMaxCompute:
		return "maxcompute"
	case ScreenRAM:
		return "ram"
	case ScreenTablestore:
		return "tablestore"
	case ScreenExternalTable:
		return "external table"
	}
	return fmt.Sprintf("Screen(%d)", int(s))
}

// Fields lists the spec paths the screen fills (problems under them are its own).
func (s Screen) Fields() []string {
	switch s {
	case ScreenAccounts:
		return []string{"accounts"}
	case ScreenMaxCompute:
		// The region sits with the project: the accounts are checked first,
		// and the region then names where the project and instance live.
		return []string{"region", "maxcompute"}
	case ScreenRAM:
		return []string{"ram"}
	case ScreenTablestore:
		return []string{"tablestore"}
	case ScreenExternalTable:
		return []string{"external_table"}
	}
	return nil
}

// Form returns the screen whose answers a step acts on: where a failed
// step's input is edited.
func (id StepID) Form() Screen {
	switch id {
	case StepIdentities:
		return ScreenAccounts
	case StepProject:
		return ScreenMaxCompute
	case StepRole, StepPolicy, StepAttachment:
		return ScreenRAM
	case StepInstance, StepTable, StepSampleRows:
		return ScreenTablestore
	}
	return ScreenExternalTable
}

// Valid reports whether s is one of the forms.
func (s Screen) Valid() bool { return s >= ScreenAccounts && s <= lastScreen }

// screenOf returns the screen that fills field.
func screenOf(field string) Screen {
	for s := ScreenAccounts; s <= lastScreen; s++ {
		for _, prefix := range s.Fields() {
			if fieldUnder(field, prefix) {
				return s
			}
		}
	}
	return ScreenAccounts
}

// problemsOf returns the problems that belong to screen s.
func (ps Problems) problemsOf(s Screen) Problems {
	var out Problems
	for _, p := range ps {
		if screenOf(p.Field) == s {
			out = append(out, p)
		}
	}
	return out
}
