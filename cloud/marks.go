package cloud

import (
	"strings"
	"unicode/utf8"

	"github.com/mcots/wizard/steps"
)

// Ownership marks: everything the wizard creates says so, in the one place
// the service offers, so that destroy removes only what the wizard made.
//
//   - RAM role and policy: Description starts with MarkPrefix.
//   - A trust principal added to a role the wizard did not create: the
//     role's Description gains AddedPrincipalNote(principal).
//   - Tablestore instance: Description starts with MarkPrefix and lists the
//     table the wizard creates in it; tag MarkTagKey=MarkTagValue.
//   - Tablestore table: the data API has no description or tag for tables.
//     A table is the wizard's when its instance carries the mark and names
//     the table; a table the wizard creates in someone else's instance is
//     reported in the run's result only.
//   - MaxCompute external table: COMMENT ExternalTableComment.
const (
	MarkPrefix           = "Created by mcots wizard"
	MarkTagKey           = "created-by"
	MarkTagValue         = "mcots-wizard"
	ExternalTableComment = "created by mcots wizard"
	addedPrincipalOpen   = "[mcots wizard added trust principal "
	addedPrincipalClose  = "]"
)

// Description limits of the services.
const (
	maxRAMDescription      = 1024
	maxInstanceDescription = 256
)

// RoleDescription marks a role the wizard creates.
func RoleDescription(s steps.Spec) string {
	s = s.WithDefaults()
	return clip(MarkPrefix+" (MaxCompute project "+s.MaxCompute.Project+" reads Tablestore "+s.Tablestore.Instance+"/"+s.Tablestore.Table+")", maxRAMDescription)
}

// PolicyDescription marks a policy the wizard creates.
func PolicyDescription(s steps.Spec) string {
	s = s.WithDefaults()
	return clip(MarkPrefix+" ("+string(s.RAM.Access)+" access to Tablestore "+s.Tablestore.Instance+"/"+s.Tablestore.Table+" for role "+s.RAM.Role+")", maxRAMDescription)
}

// InstanceDescription marks an instance the wizard creates and names the
// table it creates in it.
func InstanceDescription(s steps.Spec) string {
	return clip(MarkPrefix+" (table "+s.Tablestore.Table+")", maxInstanceDescription)
}

// HasMark reports whether a description carries the wizard's mark.
func HasMark(description string) bool { return strings.HasPrefix(description, MarkPrefix) }

// AddedPrincipalNote is what a role's description gains when the wizard adds
// a trust principal to a role it did not create.
func AddedPrincipalNote(principal string) string {
	return addedPrincipalOpen + principal + addedPrincipalClose
}

// WithAddedPrincipal appends the note for principal to description, unless
// it is there already. It reports false when the result would exceed RAM's
// description limit, leaving the description as it was.
func WithAddedPrincipal(description, principal string) (string, bool) {
	note := AddedPrincipalNote(principal)
	if strings.Contains(description, note) {
		return description, true
	}
	out := strings.TrimSpace(description + " " + note)
	if utf8.RuneCountInString(out) > maxRAMDescription {
		return description, false
	}
	return out, true
}

// AddedPrincipals lists the trust principals the wizard recorded as added
// to a role it did not create.
func AddedPrincipals(description string) []string {
	var out []string
	rest := description
	for {
		i := strings.Index(rest, addedPrincipalOpen)
		if i < 0 {
			return out
		}
		rest = rest[i+len(addedPrincipalOpen):]
		j := strings.Index(rest, addedPrincipalClose)
		if j < 0 {
			return out
		}
		out = append(out, rest[:j])
		rest = rest[j+len(addedPrincipalClose):]
	}
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
