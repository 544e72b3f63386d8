package cloud

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/mcots/wizard/steps/policy"
)

// SameDocument reports whether two policy documents grant the same: the
// same statements in any order, each with the same effect, actions
// (ignoring case), resources, principals and conditions, lists compared as
// sets. RAM echoes documents back reformatted, so text never decides.
func SameDocument(a, b policy.Document) bool {
	return a.Version == b.Version && slices.Equal(statementKeys(a), statementKeys(b))
}

// statementKeys renders each statement in a canonical form, sorted and
// without duplicates.
func statementKeys(d policy.Document) []string {
	keys := make([]string, 0, len(d.Statement))
	for _, st := range d.Statement {
		keys = append(keys, statementKey(st))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func statementKey(st policy.Statement) string {
	canon := struct {
		Effect      policy.Effect
		Action      []string
		NotAction   []string
		Resource    []string
		NotResource []string
		Service     []string
		RAM         []string
		Federated   []string
		Condition   map[string]map[string][]string
	}{
		Effect:      st.Effect,
		Action:      set(st.Action, true),
		NotAction:   set(st.NotAction, true),
		Resource:    set(st.Resource, false),
		NotResource: set(st.NotResource, false),
	}
	if st.Principal != nil {
		canon.Service = set(st.Principal.Service, true)
		canon.RAM = set(st.Principal.RAM, true)
		canon.Federated = set(st.Principal.Federated, false)
	}
	if len(st.Condition) > 0 {
		canon.Condition = map[string]map[string][]string{}
		for op, kv := range st.Condition {
			m := map[string][]string{}
			for k, v := range kv {
				m[strings.ToLower(k)] = set(v, false)
			}
			canon.Condition[strings.ToLower(op)] = m
		}
	}
	b, _ := json.Marshal(canon) // maps marshal with sorted keys
	return string(b)
}

func set(l policy.List, fold bool) []string {
	out := make([]string, len(l))
	for i, s := range l {
		if fold {
			s = strings.ToLower(s)
		}
		out[i] = s
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// DocumentDiff lists, in words, what b grants that a does not and the
// other way round, by action and resource pairs; for the plan's details.
func DocumentDiff(a, b policy.Document) (added, removed []string) {
	pa, pb := grants(a), grants(b)
	for g := range pb {
		if !pa[g] {
			added = append(added, g)
		}
	}
	for g := range pa {
		if !pb[g] {
			removed = append(removed, g)
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	return added, removed
}

func grants(d policy.Document) map[string]bool {
	out := map[string]bool{}
	for _, st := range d.Statement {
		actions := set(st.Action, true)
		resources := set(st.Resource, false)
		if len(resources) == 0 {
			resources = []string{"(no resource)"}
		}
		for _, a := range actions {
			for _, r := range resources {
				out[string(st.Effect)+" "+a+" on "+r] = true
			}
		}
	}
	return out
}
