package steps

import (
	"fmt"
	"strings"
)

// Severity says whether a problem blocks the setup.
type Severity int

// Severities.
const (
	SeverityError   Severity = iota // the setup cannot work as specified
	SeverityWarning                 // it works, but the user should know
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// Problem is one finding about a spec: which field, which rule it breaks, and
// what to do about it.
type Problem struct {
	Field    string // YAML path, e.g. "tablestore.primary_key[1].type"
	Rule     string // what is wrong, e.g. `"int" cannot hold a Tablestore INTEGER`
	Fix      string // what to write instead
	Severity Severity
}

// String renders the problem as `field: rule — fix`, prefixed with
// "warning: " for warnings.
func (p Problem) String() string {
	var b strings.Builder
	if p.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Field)
	b.WriteString(": ")
	b.WriteString(p.Rule)
	if p.Fix != "" {
		b.WriteString(" — ")
		b.WriteString(p.Fix)
	}
	return b.String()
}

// Error makes a single problem usable as an error (the forms use it).
func (p Problem) Error() string { return p.String() }

// Problems is every finding about a spec, in field order.
type Problems []Problem

// Error lists every problem, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Errors returns the problems that block the setup.
func (ps Problems) Errors() Problems { return ps.filter(SeverityError) }

// Warnings returns the problems that do not block the setup.
func (ps Problems) Warnings() Problems { return ps.filter(SeverityWarning) }

// HasErrors reports whether any problem blocks the setup.
func (ps Problems) HasErrors() bool { return len(ps.Errors()) > 0 }

// Err returns the problems as an error when at least one blocks the setup
// (warnings included, so the user sees everything), and nil otherwise.
func (ps Problems) Err() error {
	if !ps.HasErrors() {
		return nil
	}
	return ps
}

// Under returns the problems whose field is prefix or lies under it
// ("tablestore" selects "tablestore.table" and "tablestore.primary_key[0].name").
func (ps Problems) Under(prefix string) Problems {
	var out Problems
	for _, p := range ps {
		if fieldUnder(p.Field, prefix) {
			out = append(out, p)
		}
	}
	return out
}

func fieldUnder(field, prefix string) bool {
	if !strings.HasPrefix(field, prefix) {
		return false
	}
	rest := field[len(prefix):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}
