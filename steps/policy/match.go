package policy

import "strings"

// Glob reports whether s matches pattern, where '*' stands for any run of
// characters (including none and including '/' and ':') and '?' for exactly
// one character. Matching is by characters, not bytes, and case-sensitive.
func Glob(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	// Classic linear-time matching with one backtrack point: on a mismatch,
	// let the most recent '*' swallow one more character.
	pi, ti := 0, 0
	star, mark := -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ti
			pi++
		case pi < len(p) && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case star >= 0:
			pi = star + 1
			mark++
			ti = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// MatchAction reports whether an Action entry such as "ots:Get*" covers the
// requested action such as "ots:GetRow". Actions compare case-insensitively.
func MatchAction(pattern, action string) bool {
	return Glob(strings.ToLower(pattern), strings.ToLower(action))
}

// MatchResource reports whether a Resource entry covers the requested
// resource ARN. Resources compare case-sensitively: that is why a policy
// naming "instance/Cap1" does not cover the request resource
// "…:instance/cap1/table/t" (requests carry the lowercased instance name).
func MatchResource(pattern, resource string) bool {
	return Glob(pattern, resource)
}
