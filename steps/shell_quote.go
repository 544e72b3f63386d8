package steps

import "strings"

// shellQuote renders s as one POSIX shell word. Words of only safe
// characters stay bare; everything else goes in single quotes, inside which
// the shell interprets nothing; a quote inside is written by closing the
// quotes, adding a backslash-escaped quote and reopening them.
func shellQuote(s string) string {
	if s != "" && isShellSafe(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func isShellSafe(s string) bool {
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("-_./:@,+=", r)
		if !ok {
			return false
		}
	}
	return true
}

// ShellCommand joins words into one POSIX command line, quoting each only
// as much as it needs: the commands the product prints can be pasted.
func ShellCommand(words ...string) string { return shellCommand(words...) }

// shellCommand joins quoted words into one command line.
func shellCommand(words ...string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = shellQuote(w)
	}
	return strings.Join(quoted, " ")
}
