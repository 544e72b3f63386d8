package odpssql

import (
	"strings"
	"unicode/utf8"

	"github.com/mcots/wizard/steps/naming"
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
		if d := naming.EditDistance(lw, lc); d <= limit && d < bestDist {
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
