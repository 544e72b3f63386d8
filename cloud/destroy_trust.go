package cloud

import (
	"slices"
	"strings"

	"github.com/mcots/wizard/steps/policy"
)

// WithoutTrustPrincipal undoes MergeTrustPrincipal: it returns doc without
// service in the Service list of any Allow statement, dropping a statement
// only when that principal was all it named. Everything else stays as it
// was, and doc itself is not changed.
func WithoutTrustPrincipal(doc policy.Document, service string) policy.Document {
	out := cloneDocument(doc)
	kept := out.Statement[:0]
	for _, st := range out.Statement {
		if st.Effect == policy.Allow && st.Principal != nil {
			before := len(st.Principal.Service)
			st.Principal.Service = slices.DeleteFunc(st.Principal.Service, func(s string) bool { return strings.EqualFold(s, service) })
			emptied := len(st.Principal.Service) == 0 && len(st.Principal.RAM) == 0 && len(st.Principal.Federated) == 0
			if before > 0 && emptied {
				continue
			}
		}
		kept = append(kept, st)
	}
	out.Statement = kept
	return out
}

// WithoutAddedPrincipal removes the note WithAddedPrincipal made for
// principal from a role's description, with the space before it.
func WithoutAddedPrincipal(description, principal string) string {
	note := AddedPrincipalNote(principal)
	out := strings.Replace(description, " "+note, "", 1)
	if out == description {
		out = strings.Replace(description, note, "", 1)
	}
	return strings.TrimSpace(out)
}

// hasPrincipal reports whether a trust policy names service in any
// statement's Service list.
func hasPrincipal(doc policy.Document, service string) bool {
	return slices.ContainsFunc(TrustPrincipals(doc), func(p string) bool { return strings.EqualFold(p, service) })
}
