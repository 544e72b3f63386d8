package odpssql

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a finding breaks the DDL (Error) or only risks
// trouble (Warning).
type Severity int

// Severities, most serious first.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// Finding is one problem in pasted SQL: where, how bad, a stable Code for
// programs (e.g. "missing-external"), a Message for people and, when there is
// one, the Fix to apply.
type Finding struct {
	Pos      Pos
	Severity Severity
	Code     string
	Message  string
	Fix      string
}

// String renders the finding as "line:col: severity: message (fix: …)".
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d: %s: %s", f.Pos.Line, f.Pos.Col, f.Severity, f.Message)
	if f.Fix != "" {
		fmt.Fprintf(&b, " (fix: %s)", f.Fix)
	}
	return b.String()
}

// HasErrors reports whether any finding is an Error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// sortFindings puts findings in source order; findings at the same place keep
// the order they were found in.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Pos.Before(fs[j].Pos) })
}

// asSyntaxError turns an error-severity finding into the error a strict parse
// returns: the message with its fix appended.
func (f Finding) asSyntaxError() *SyntaxError {
	msg := f.Message
	if f.Fix != "" {
		msg += ": " + f.Fix
	}
	return &SyntaxError{Pos: f.Pos, Msg: msg}
}
