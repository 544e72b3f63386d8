package cloud

import (
	"errors"
	"fmt"
	"strings"
)

// Diagnosis says which link of the cross-account chain is broken and what
// to do about it, in words for the user.
type Diagnosis struct {
	Link  string // "trust policy", "permission policy", "LOCATION", …
	Cause string // what is wrong
	Fix   string // what to do: a command, or the field to change
	// Fault names the diagnosis in the catalogue, when it is one of the
	// named faults doctor shares.
	Fault Fault `json:"Fault,omitempty"`
}

// Error is a service error as the product shows it: the service's own code,
// message and request id, kept whole, plus a diagnosis when the catalogue
// knows the failure.
type Error struct {
	Service    string // "RAM", "STS", "Tablestore", "MaxCompute", …
	Op         string // the call: "CreateRole", "GetRange", "SQL"
	Code       string
	Message    string
	RequestID  string
	HTTPStatus int
	Kind       ErrorKind // what the failure means for a retry; see Classify
	Diagnosis  *Diagnosis
	Err        error // the underlying SDK error, for errors.As; never printed as is
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", e.Service, e.Op)
	if e.Code != "" {
		fmt.Fprintf(&b, ": %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// CredentialsError says that an account's credential source gives no
// usable AccessKey: no config file, no such profile, environment variables
// unset. Its text names what is missing, never a secret.
type CredentialsError struct {
	Who string // "account A (Tablestore)"
	Err error
}

func (e *CredentialsError) Error() string { return e.Who + ": " + e.Err.Error() }

func (e *CredentialsError) Unwrap() error { return e.Err }

// DiagnosisOf returns the diagnosis carried by err, if any: an *Error's,
// or the catalogue's for a credential source that gives no key.
func DiagnosisOf(err error) (*Diagnosis, bool) {
	var ce *Error
	if errors.As(err, &ce) && ce.Diagnosis != nil {
		return ce.Diagnosis, true
	}
	var cred *CredentialsError
	if errors.As(err, &cred) {
		d, _ := FaultNoCredentials.Diagnosis()
		d.Fault = FaultNoCredentials
		return &d, true
	}
	return nil, false
}
