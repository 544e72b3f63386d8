package policy

// Decision is the outcome of evaluating policies for one request.
type Decision int

const (
	// ImplicitDeny: no statement allows the request (the default).
	ImplicitDeny Decision = iota
	// Allowed: some statement allows the request and none denies it.
	Allowed
	// ExplicitDeny: a Deny statement matches; Deny always wins.
	ExplicitDeny
)

func (d Decision) String() string {
	switch d {
	case ImplicitDeny:
		return "ImplicitDeny"
	case Allowed:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return "Decision(?)"
}

// IsAllowed reports whether the request may proceed.
func (d Decision) IsAllowed() bool { return d == Allowed }

// Evaluate decides whether the permission policies docs allow action on
// resource: Deny wins over Allow, and without a matching Allow the answer
// is ImplicitDeny. Trust statements (those with a Principal) are ignored.
//
// Conditions are not evaluated, conservatively: an Allow statement that
// carries a Condition never grants anything (we cannot prove its condition
// holds), while a Deny statement with a Condition always applies. A policy
// that relies on conditions therefore grants less here than in the cloud,
// never more.
func Evaluate(docs []Document, action, resource string) Decision {
	allowed := false
	for _, d := range docs {
		for _, st := range d.Statement {
			if st.Principal != nil || !st.matches(action, resource) {
				continue
			}
			switch st.Effect {
			case Deny:
				return ExplicitDeny
			case Allow:
				if len(st.Condition) == 0 {
					allowed = true
				}
			}
		}
	}
	if allowed {
		return Allowed
	}
	return ImplicitDeny
}

// matches reports whether the statement's action and resource elements
// cover the request, honouring NotAction and NotResource.
func (st Statement) matches(action, resource string) bool {
	if len(st.NotAction) > 0 {
		if anyMatch(st.NotAction, action, MatchAction) {
			return false
		}
	} else if !anyMatch(st.Action, action, MatchAction) {
		return false
	}
	if len(st.NotResource) > 0 {
		return !anyMatch(st.NotResource, resource, MatchResource)
	}
	return anyMatch(st.Resource, resource, MatchResource)
}

func anyMatch(patterns List, s string, match func(pattern, s string) bool) bool {
	for _, p := range patterns {
		if match(p, s) {
			return true
		}
	}
	return false
}
