package odpssql

import (
	"strings"
	"unicode/utf8"
)

// maxShown bounds how much of a value a message repeats.
const maxShown = 60

// quoteShown renders a value for a message: quoted, shortened, with any
// AccessKey pair in a URL replaced by "***" so secrets never reach output.
func quoteShown(s string) string {
	s = hideCredentials(s)
	if utf8.RuneCountInString(s) > maxShown {
		s = string([]rune(s)[:maxShown]) + "…"
	}
	return "'" + strings.NewReplacer("\\", "\\\\", "'", "\\'", "\n", "\\n", "\r", "\\r", "\t", "\\t").Replace(s) + "'"
}

// hideCredentials replaces the user-info part of "scheme://user:secret@host"
// with "***".
func hideCredentials(s string) string {
	i := strings.Index(s, "://")
	if i < 0 {
		return s
	}
	rest := s[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return s
	}
	return s[:i+3] + "***" + rest[at:]
}

// secretKey reports whether a property key looks like it holds a secret, so
// its value is never repeated.
func secretKey(key string) bool {
	k := strings.ToLower(key)
	for _, w := range []string{"secret", "password", "token", "accesskey", "access.key", "access_key"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// shownPair renders 'key'='value' for a message, hiding secret values.
func shownPair(key, value string) string {
	if secretKey(key) {
		return quoteShown(key) + "='***'"
	}
	return quoteShown(key) + "=" + quoteShown(value)
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// nearMiss returns the candidate that word most likely misspells: equal but
// for letter case, or within a small edit distance scaled to the length.
func nearMiss(word string, candidates []string) (string, bool) {
	lw := strings.ToLower(word)
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == lw {
			return c, true
		}
		limit := 2
		if n := utf8.RuneCountInString(c); n >= 12 {
			limit = 3
		} else if n < 5 {
			limit = 1
		}
		if d := editDistance(lw, lc); d <= limit && d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
