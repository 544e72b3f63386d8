// Package naming holds the naming rules of the services the wizard touches:
// RAM roles and policies, Tablestore instances, tables and columns, and
// MaxCompute projects, tables and columns. The wizard validates input with
// them and the sandbox refuses what the cloud refuses with the same rules, so
// the two can never disagree.
package naming

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rule is one broken naming rule: what the rule is, in words a user can act on.
type Rule struct {
	Kind   string // "role name", "instance name", …
	Name   string // the offending value
	Reason string // the rule that was broken, e.g. "must be 3–16 characters"
}

func (r *Rule) Error() string {
	return fmt.Sprintf("%s %q %s", r.Kind, r.Name, r.Reason)
}

func broken(kind, name, format string, args ...any) *Rule {
	return &Rule{Kind: kind, Name: name, Reason: fmt.Sprintf(format, args...)}
}

// ReservedInstanceSubstrings may not appear anywhere in a Tablestore instance
// name, in any letter case.
var ReservedInstanceSubstrings = []string{"ali", "ay", "ots", "taobao", "admin"}

func isASCIILetter(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }
func isASCIIDigit(r rune) bool  { return r >= '0' && r <= '9' }

// firstBad returns the first rune of s that ok rejects, if any.
func firstBad(s string, ok func(rune) bool) (rune, bool) {
	for _, r := range s {
		if !ok(r) {
			return r, true
		}
	}
	return 0, false
}

// UID checks an Alibaba Cloud account ID: a string of digits (16 on every
// account we have seen; we accept 10–20 to be safe).
func UID(uid string) error {
	const kind = "account UID"
	if uid == "" {
		return broken(kind, uid, "is empty; it is the number shown as Account ID in the console, or read from the AccessKey by the wizard")
	}
	if r, bad := firstBad(uid, isASCIIDigit); bad {
		return broken(kind, uid, "must contain only digits, found %q", r)
	}
	if len(uid) < 10 || len(uid) > 20 {
		return broken(kind, uid, "must be 10–20 digits (account IDs are usually 16), got %d", len(uid))
	}
	return nil
}

// RoleName checks a RAM role name: 1–64 characters of letters, digits, '.'
// and '-'.
func RoleName(name string) error {
	const kind = "RAM role name"
	if n := len(name); n < 1 || n > 64 {
		return broken(kind, name, "must be 1–64 characters, got %d", n)
	}
	if r, bad := firstBad(name, func(r rune) bool {
		return isASCIILetter(r) || isASCIIDigit(r) || r == '.' || r == '-'
	}); bad {
		return broken(kind, name, "may contain only letters, digits, '.' and '-', found %q", r)
	}
	return nil
}

// PolicyName checks a RAM custom policy name: 1–128 characters of letters,
// digits and '-'.
func PolicyName(name string) error {
	const kind = "RAM policy name"
	if n := len(name); n < 1 || n > 128 {
		return broken(kind, name, "must be 1–128 characters, got %d", n)
	}
	if r, bad := firstBad(name, func(r rune) bool {
		return isASCIILetter(r) || isASCIIDigit(r) || r == '-'
	}); bad {
		return broken(kind, name, "may contain only letters, digits and '-', found %q", r)
	}
	return nil
}

// InstanceName checks a Tablestore instance name: 3–16 characters of letters,
// digits and '-', starting with a letter, not ending with '-', and free of the
// reserved substrings.
func InstanceName(name string) error {
	const kind = "Tablestore instance name"
	if n := len(name); n < 3 || n > 16 {
		return broken(kind, name, "must be 3–16 characters, got %d", n)
	}
	if r, bad := firstBad(name, func(r rune) bool {
		return isASCIILetter(r) || isASCIIDigit(r) || r == '-'
	}); bad {
		return broken(kind, name, "may contain only letters, digits and '-', found %q", r)
	}
	if !isASCIILetter(rune(name[0])) {
		return broken(kind, name, "must start with a letter")
	}
	if strings.HasSuffix(name, "-") {
		return broken(kind, name, "must not end with '-'")
	}
	lower := strings.ToLower(name)
	for _, s := range ReservedInstanceSubstrings {
		if strings.Contains(lower, s) {
			return broken(kind, name, "must not contain the reserved text %q (reserved: %s)", s, strings.Join(ReservedInstanceSubstrings, ", "))
		}
	}
	return nil
}

// TablestoreName checks a Tablestore table or column name: 1–255 characters
// of letters, digits and '_', not starting with a digit. kind names the thing
// in messages ("Tablestore table name", "Tablestore column name").
func TablestoreName(kind, name string) error {
	if n := len(name); n < 1 || n > 255 {
		return broken(kind, name, "must be 1–255 characters, got %d", n)
	}
	if r, bad := firstBad(name, func(r rune) bool {
		return isASCIILetter(r) || isASCIIDigit(r) || r == '_'
	}); bad {
		return broken(kind, name, "may contain only letters, digits and '_', found %q", r)
	}
	if isASCIIDigit(rune(name[0])) {
		return broken(kind, name, "must not start with a digit")
	}
	return nil
}

// TableName checks a Tablestore table name.
func TableName(name string) error { return TablestoreName("Tablestore table name", name) }

// ColumnName checks a Tablestore column name.
func ColumnName(name string) error { return TablestoreName("Tablestore column name", name) }

// ProjectName checks a MaxCompute project name: 3–28 characters of lowercase
// letters, digits and '_', starting with a lowercase letter.
func ProjectName(name string) error {
	const kind = "MaxCompute project name"
	if n := len(name); n < 3 || n > 28 {
		return broken(kind, name, "must be 3–28 characters, got %d", n)
	}
	if r, bad := firstBad(name, func(r rune) bool {
		return (r >= 'a' && r <= 'z') || isASCIIDigit(r) || r == '_'
	}); bad {
		return broken(kind, name, "may contain only lowercase letters, digits and '_', found %q", r)
	}
	if name[0] < 'a' || name[0] > 'z' {
		return broken(kind, name, "must start with a lowercase letter")
	}
	return nil
}

// MaxComputeName checks a MaxCompute table or column name: at most 128 bytes
// of letters, digits and '_' (column names may also hold CJK characters),
// starting with a letter. kind names the thing in messages.
func MaxComputeName(kind, name string) error {
	if n := len(name); n < 1 || n > 128 {
		return broken(kind, name, "must be 1–128 bytes, got %d", n)
	}
	if r, bad := firstBad(name, func(r rune) bool {
		return isASCIILetter(r) || isASCIIDigit(r) || r == '_' || unicode.Is(unicode.Han, r)
	}); bad {
		return broken(kind, name, "may contain only letters, digits and '_', found %q", r)
	}
	first, _ := utf8.DecodeRuneInString(name)
	if !isASCIILetter(first) && !unicode.Is(unicode.Han, first) {
		return broken(kind, name, "must start with a letter")
	}
	return nil
}

// ExternalTableName checks a MaxCompute table name.
func ExternalTableName(name string) error {
	return MaxComputeName("MaxCompute table name", name)
}

// ExternalColumnName checks a MaxCompute column name.
func ExternalColumnName(name string) error {
	return MaxComputeName("MaxCompute column name", name)
}
