package cloud

import (
	"slices"
	"strings"

	"github.com/mcots/wizard/steps/policy"
)

// MergeTrustPrincipal returns doc with service principal added: to the
// Service list of the first statement that allows sts:AssumeRole to
// services without a condition, or as a statement of its own. Nothing in doc
// is dropped or reordered, and doc itself is not changed.
func MergeTrustPrincipal(doc policy.Document, service string) policy.Document {
	out := cloneDocument(doc)
	if out.Version == "" {
		out.Version = "1"
	}
	for i, st := range out.Statement {
		if st.Effect != policy.Allow || st.Principal == nil || len(st.Principal.Service) == 0 ||
			len(st.Condition) > 0 || len(st.NotAction) > 0 || !slices.ContainsFunc(st.Action, isAssumeRole) {
			continue
		}
		out.Statement[i].Principal.Service = append(out.Statement[i].Principal.Service, service)
		return out
	}
	out.Statement = append(out.Statement, policy.Statement{
		Effect:    policy.Allow,
		Action:    policy.List{"sts:AssumeRole"},
		Principal: &policy.Principal{Service: policy.List{service}},
	})
	return out
}

func isAssumeRole(a string) bool { return strings.EqualFold(a, "sts:AssumeRole") }

// TrustPrincipals lists every principal a trust policy names, for the plan.
func TrustPrincipals(doc policy.Document) []string {
	var out []string
	for _, st := range doc.Statement {
		if st.Principal == nil {
			continue
		}
		out = append(out, st.Principal.Service...)
		out = append(out, st.Principal.RAM...)
		out = append(out, st.Principal.Federated...)
	}
	return out
}

func cloneDocument(d policy.Document) policy.Document {
	out := policy.Document{Version: d.Version, Statement: make([]policy.Statement, len(d.Statement))}
	for i, st := range d.Statement {
		c := policy.Statement{
			Effect:      st.Effect,
			Action:      slices.Clone(st.Action),
			NotAction:   slices.Clone(st.NotAction),
			Resource:    slices.Clone(st.Resource),
			NotResource: slices.Clone(st.NotResource),
		}
		if st.Principal != nil {
			c.Principal = &policy.Principal{
				Service:   slices.Clone(st.Principal.Service),
				RAM:       slices.Clone(st.Principal.RAM),
				Federated: slices.Clone(st.Principal.Federated),
			}
		}
		if st.Condition != nil {
			c.Condition = make(map[string]map[string]policy.List, len(st.Condition))
			for op, kv := range st.Condition {
				m := make(map[string]policy.List, len(kv))
				for k, v := range kv {
					m[k] = slices.Clone(v)
				}
				c.Condition[op] = m
			}
		}
		out.Statement[i] = c
	}
	return out
}
