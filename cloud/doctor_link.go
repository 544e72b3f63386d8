package cloud

import (
	"fmt"
	"strings"
	"time"
)

// LinkID names one link of the chain doctor walks. The order of the
// constants is the order of the walk: each link depends only on links
// before it.
type LinkID int

// The links, in the order doctor checks them.
const (
	LinkCredentialsA  LinkID = iota + 1 // account A's credentials and whose they are
	LinkCredentialsB                    // account B's credentials and whose they are
	LinkProject                         // the MaxCompute project in B
	LinkRole                            // the RAM role in A
	LinkTrust                           // the role's trust policy admits B's MaxCompute
	LinkPolicy                          // attached policies grant the ots actions on the table
	LinkInstance                        // the Tablestore instance: exists, runs, reachable
	LinkTable                           // the Tablestore table and its primary key
	LinkExternalTable                   // the external table in B (or a pasted DDL) and its lint
	LinkLocation                        // LOCATION names this instance, region and the internal endpoint
	LinkMapping                         // the column mapping fits the table's key and types
	LinkRoleARN                         // the rolearn is this role's ARN
	LinkVerify                          // a bounded verification query
)

// linkCount is the number of links; IDs run from 1 to linkCount.
const linkCount = int(LinkVerify)

func (l LinkID) String() string {
	switch l {
	case LinkCredentialsA:
		return "credentials A"
	case LinkCredentialsB:
		return "credentials B"
	case LinkProject:
		return "project"
	case LinkRole:
		return "role"
	case LinkTrust:
		return "trust policy"
	case LinkPolicy:
		return "permission policy"
	case LinkInstance:
		return "instance"
	case LinkTable:
		return "table"
	case LinkExternalTable:
		return "external table"
	case LinkLocation:
		return "LOCATION"
	case LinkMapping:
		return "mapping"
	case LinkRoleARN:
		return "role ARN"
	case LinkVerify:
		return "verification query"
	}
	return fmt.Sprintf("LinkID(%d)", int(l))
}

// Title says what the link checks, for people.
func (l LinkID) Title() string {
	switch l {
	case LinkCredentialsA:
		return "Account A's key is valid and belongs to account A"
	case LinkCredentialsB:
		return "Account B's key is valid and belongs to account B"
	case LinkProject:
		return "The MaxCompute project exists in account B"
	case LinkRole:
		return "The RAM role exists in account A"
	case LinkTrust:
		return "The role trusts MaxCompute of account B"
	case LinkPolicy:
		return "An attached policy grants the Tablestore actions on the table"
	case LinkInstance:
		return "The Tablestore instance exists, runs and is reachable from MaxCompute"
	case LinkTable:
		return "The Tablestore table exists with the spec's primary key"
	case LinkExternalTable:
		return "The external table exists and its DDL passes the linter"
	case LinkLocation:
		return "LOCATION names this instance, its region and the internal endpoint"
	case LinkMapping:
		return "The column mapping fits the table's primary key and types"
	case LinkRoleARN:
		return "The DDL's role ARN is this role's ARN"
	case LinkVerify:
		return "A bounded verification query returns rows"
	}
	return l.String()
}

// needs lists the links a link depends on: when one of them does not hold,
// the link is skipped rather than reported as a misleading failure.
func (l LinkID) needs() []LinkID {
	switch l {
	case LinkProject:
		return []LinkID{LinkCredentialsB}
	case LinkRole, LinkInstance:
		return []LinkID{LinkCredentialsA}
	case LinkTrust:
		return []LinkID{LinkRole, LinkCredentialsB}
	case LinkPolicy:
		return []LinkID{LinkRole}
	case LinkTable:
		return []LinkID{LinkInstance}
	case LinkExternalTable:
		return []LinkID{LinkProject}
	case LinkLocation:
		return []LinkID{LinkExternalTable}
	case LinkMapping:
		return []LinkID{LinkExternalTable, LinkTable}
	case LinkRoleARN:
		return []LinkID{LinkExternalTable, LinkRole}
	case LinkVerify:
		return []LinkID{LinkProject, LinkRole, LinkTrust, LinkPolicy, LinkInstance, LinkTable,
			LinkExternalTable, LinkLocation, LinkMapping, LinkRoleARN}
	}
	return nil
}

// Links lists every link in the order doctor checks them.
func Links() []LinkID {
	out := make([]LinkID, 0, linkCount)
	for l := LinkCredentialsA; l <= LinkVerify; l++ {
		out = append(out, l)
	}
	return out
}

// Verdict is what doctor found about one link.
type Verdict int

// Verdicts.
const (
	VerdictOK      Verdict = iota + 1 // the link holds
	VerdictWarning                    // it holds, but something is worth knowing
	VerdictBroken                     // it does not hold: Cause and Fix say why and what to do
	VerdictSkipped                    // not checked: a link it needs does not hold, or it does not apply
)

func (v Verdict) String() string {
	switch v {
	case VerdictOK:
		return "ok"
	case VerdictWarning:
		return "warning"
	case VerdictBroken:
		return "broken"
	case VerdictSkipped:
		return "skipped"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// Symbol is the verdict's mark in doctor's lines.
func (v Verdict) Symbol() string {
	switch v {
	case VerdictOK:
		return "✓"
	case VerdictWarning:
		return "!"
	case VerdictBroken:
		return "✗"
	case VerdictSkipped:
		return "–"
	}
	return "?"
}

// Holds reports whether the link works (warnings included).
func (v Verdict) Holds() bool { return v == VerdictOK || v == VerdictWarning }

// Check is doctor's finding about one link.
type Check struct {
	Link    LinkID
	Verdict Verdict
	// Detail is what doctor found: the observed facts, or the server's
	// whole error. It may span lines.
	Detail string
	// Fault, Cause and Fix are set for broken links and warnings: the
	// catalogue's fault and wording, and the exact fix (a command, or the
	// spec field to change).
	Fault Fault
	Cause string
	Fix   string
	// Needs is the link that did not hold, for a skipped link.
	Needs LinkID
	// SpecFirst says the spec is likelier wrong than the setup: it names
	// an instance or table that does not exist, while the DDL names one that
	// does. The fix says to correct the spec first.
	SpecFirst bool
	// Took is how long the link's calls ran.
	Took time.Duration
}

// LinkNameWidth aligns the links' names wherever checks are listed: the
// longest is "verification query".
const LinkNameWidth = 18

// Text is the check as doctor prints it: the mark, the link's name and what
// was found; under a broken link or a warning, the cause and the fix. Every
// line ends in a newline.
func (c Check) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %-*s %s\n", c.Verdict.Symbol(), LinkNameWidth, c.Link, indentRest(c.Detail, 2+LinkNameWidth+1))
	if c.Verdict != VerdictBroken && c.Verdict != VerdictWarning {
		return b.String()
	}
	const pad = "      "
	if c.Cause != "" {
		fmt.Fprintf(&b, "%scause: %s\n", pad, indentRest(c.Cause, len(pad)+len("cause: ")))
	}
	if c.Fix != "" {
		fmt.Fprintf(&b, "%sfix:   %s\n", pad, indentRest(c.Fix, len(pad)+len("fix:   ")))
	}
	return b.String()
}

// indentRest indents every line of s after the first by n spaces.
func indentRest(s string, n int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}

// Summary is the report in one sentence: every link holds, or which are
// broken.
func (r DoctorReport) Summary() string {
	broken := r.Broken()
	if len(broken) == 0 {
		return "every link holds"
	}
	names := make([]string, len(broken))
	for i, l := range broken {
		names[i] = l.String()
	}
	noun := "links"
	if len(broken) == 1 {
		noun = "link"
	}
	return fmt.Sprintf("%d %s broken: %s", len(broken), noun, strings.Join(names, ", "))
}

// DoctorReport is every link's check, in order.
type DoctorReport struct {
	Checks []Check
	// UIDs are account A's and B's, as their credentials showed them (or
	// as the spec says, when a key could not be checked).
	AccountA, AccountB string
}

// Healthy reports whether every link holds (or was not applicable).
func (r DoctorReport) Healthy() bool {
	for _, c := range r.Checks {
		if c.Verdict == VerdictBroken || c.Verdict == VerdictSkipped && c.Needs != 0 {
			return false
		}
	}
	return len(r.Checks) > 0
}

// Check returns the check of one link.
func (r DoctorReport) Check(l LinkID) (Check, bool) {
	for _, c := range r.Checks {
		if c.Link == l {
			return c, true
		}
	}
	return Check{}, false
}

// Broken lists the links that do not hold.
func (r DoctorReport) Broken() []LinkID {
	var out []LinkID
	for _, c := range r.Checks {
		if c.Verdict == VerdictBroken {
			out = append(out, c.Link)
		}
	}
	return out
}

// DoctorOptions tune a doctor run.
type DoctorOptions struct {
	// DDL, when set, is a pasted external-table DDL checked instead of the
	// external table in account B; DDLName names it in findings.
	DDL, DDLName string
	// Apply is the wizard apply command, without -f, that reaches the
	// accounts the way this check did (the same target and profile flags);
	// the fixes name it with -f SpecPath. Empty means plain wizard apply.
	Apply string
	// SpecPath names the spec file in the fixes doctor prints ("wizard
	// apply -f SPEC …"); empty or "-" (standard input) means SPEC.
	SpecPath string
	// VerifyTimeout bounds the verification query; zero means
	// DefaultVerifyTimeout.
	VerifyTimeout time.Duration
}

// DefaultVerifyTimeout bounds doctor's verification query: a SELECT of a
// key prefix with a LIMIT answers in seconds when the chain works.
const DefaultVerifyTimeout = 2 * time.Minute
