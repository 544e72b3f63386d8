package cloud

import "github.com/mcots/wizard/steps"

// AccountError says which account's credentials could not be used while
// connecting, so that the fault is shown on that account and not the other.
// Its text is the cause's, which names the account already.
type AccountError struct {
	Side steps.AccountSide
	Err  error
}

func (e *AccountError) Error() string {
	return e.Err.Error()
}

func (e *AccountError) Unwrap() error { return e.Err }
