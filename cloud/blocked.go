package cloud

import (
	"fmt"

	"github.com/mcots/wizard/steps"
)

// BlockedError says a step cannot go on as specified and what to do about
// it. Nothing was changed.
type BlockedError struct {
	Step   steps.StepID
	Reason string
	Fix    string
}

func (e *BlockedError) Error() string {
	if e.Fix == "" {
		return fmt.Sprintf("%s: %s", e.Step, e.Reason)
	}
	return fmt.Sprintf("%s: %s — %s", e.Step, e.Reason, e.Fix)
}

// blocked is the plan of a step that cannot go on.
func blocked(reason, fix string, details ...string) steps.Outcome {
	summary := reason
	if fix != "" {
		summary += " — " + fix
	}
	return steps.Outcome{Action: steps.ActionBlocked, Summary: summary, Details: details}
}
