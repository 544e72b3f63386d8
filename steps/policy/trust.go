package policy

import "strings"

// Requester is who asks to assume a role: a cloud service acting for an
// account (Service, e.g. "<uid>@odps.aliyuncs.com") or a RAM identity (ARN,
// e.g. "acs:ram::<uid>:root" or "acs:ram::<uid>:user/alice").
type Requester struct {
	Service string
	ARN     string
}

// ServiceRequester is a cloud service principal such as "odps.aliyuncs.com".
func ServiceRequester(service string) Requester { return Requester{Service: service} }

// RAMRequester is a RAM identity given by its ARN.
func RAMRequester(arn string) Requester { return Requester{ARN: arn} }

func (r Requester) String() string {
	if r.Service != "" {
		return "service " + r.Service
	}
	return r.ARN
}

// TrustAdmits reports whether the trust policy doc lets r assume the role:
// some Allow statement grants sts:AssumeRole to a principal matching r and
// no Deny statement matches r. As in Evaluate, an Allow statement with a
// Condition admits nobody and a Deny statement with a Condition always
// applies.
//
// Service principals compare case-insensitively (they are host names). A RAM
// principal "acs:ram::<uid>:root", or the bare UID, admits every identity of
// that account; "acs:ram::<uid>:user/<name>" admits that user only.
func TrustAdmits(doc Document, r Requester) bool {
	admitted := false
	for _, st := range doc.Statement {
		if st.Principal == nil || !st.grantsAssumeRole() || !st.Principal.covers(r) {
			continue
		}
		switch st.Effect {
		case Deny:
			return false
		case Allow:
			if len(st.Condition) == 0 {
				admitted = true
			}
		}
	}
	return admitted
}

func (st Statement) grantsAssumeRole() bool {
	if len(st.NotAction) > 0 {
		return !anyMatch(st.NotAction, "sts:AssumeRole", MatchAction)
	}
	return anyMatch(st.Action, "sts:AssumeRole", MatchAction)
}

func (p *Principal) covers(r Requester) bool {
	if r.Service != "" {
		for _, s := range p.Service {
			if Glob(strings.ToLower(s), strings.ToLower(r.Service)) {
				return true
			}
		}
		return false
	}
	if r.ARN == "" {
		return false
	}
	for _, e := range p.RAM {
		if ramPrincipalCovers(e, r.ARN) {
			return true
		}
	}
	return false
}

// ramPrincipalCovers matches one RAM principal entry against an identity ARN.
func ramPrincipalCovers(entry, arn string) bool {
	entry, arn = strings.ToLower(entry), strings.ToLower(arn)
	if isDigits(entry) {
		entry = "acs:ram::" + entry + ":root"
	}
	if uid, ok := strings.CutSuffix(entry, ":root"); ok {
		// The account root stands for every identity in that account.
		return Glob(uid+":*", arn)
	}
	return Glob(entry, arn)
}

// AccountOfARN returns the account field of an ARN
// ("acs:<service>:<region>:<account>:<relative>"), or "" if s is not one.
func AccountOfARN(s string) string {
	parts := strings.SplitN(s, ":", 5)
	if len(parts) < 5 || parts[0] != "acs" {
		return ""
	}
	return parts[3]
}
