package odpssql

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteIdent renders a MaxCompute identifier: bare when it is a plain word
// that is not reserved, otherwise in backticks with any backtick doubled, so
// no name can end the identifier early.
func QuoteIdent(name string) string {
	if isPlainIdent(name) && !isQuoteWorthy(name) {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

func isPlainIdent(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// QuoteString renders a MaxCompute string literal in single quotes. The
// backslash is MaxCompute's escape character: quotes, backslashes and
// semicolons (which odpscmd would take as the end of a statement) are
// escaped, and every control character is written as a three-digit octal
// escape (NUL, which has none, as \0), so the literal always ends where the
// renderer meant it to and decodes back to s.
func QuoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	afterNUL := false
	for i, r := range s {
		wasNUL := afterNUL
		afterNUL = r == 0
		switch {
		case r == '\'' || r == '\\' || r == ';':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == 0:
			b.WriteString("\\0")
		case wasNUL && r >= '0' && r <= '7':
			// \0 followed by a digit would read as \00 or an octal code.
			fmt.Fprintf(&b, "\\%03o", r)
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, "\\%03o", r)
		case unicode.IsControl(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			// C1 controls and bytes that are not UTF-8 have no escape;
			// validation refuses them.
			b.WriteString("?")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// QuoteType writes a column type; anything but a plain word is quoted so
// that a bad type can fail the statement but never change it.
func QuoteType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if isPlainIdent(t) {
		return t
	}
	return "`" + strings.ReplaceAll(t, "`", "``") + "`"
}

// isQuoteWorthy reports whether an identifier spelled like word (in any
// case) is written in backticks: every word MaxCompute reserves (reservedWords,
// which the parser enforces) and more. The list is MaxCompute's
// documented common reserved words plus the keywords of its DDL and types;
// quoting a word that turns out not to be reserved is harmless.
func isQuoteWorthy(word string) bool {
	switch strings.ToUpper(word) {
	case "ADD", "ALL", "ALTER", "AND", "ANTI", "ARRAY", "AS", "ASC", "BETWEEN", "BIGINT", "BINARY",
		"BOOLEAN", "BY", "CASE", "CAST", "CHAR", "CLUSTER", "CLUSTERED", "COLUMN", "COLUMNS", "COMMENT",
		"CREATE", "CROSS", "CURRENT", "DATE", "DATETIME", "DECIMAL", "DEFAULT", "DESC", "DISTINCT",
		"DISTRIBUTE", "DOUBLE", "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "EXTERNAL", "FALSE", "FLOAT",
		"FOR", "FROM", "FULL", "FUNCTION", "GROUP", "HAVING", "IF", "IN", "INNER", "INSERT", "INT",
		"INTERSECT", "INTERVAL", "INTO", "IS", "JOIN", "LEFT", "LIFECYCLE", "LIKE", "LIMIT", "LOCATION",
		"MAP", "MAPJOIN", "MINUS", "NOT", "NULL", "OF", "ON", "OR", "ORDER", "OUTER", "OVER",
		"OVERWRITE", "PARTITION", "PARTITIONED", "RANGE", "RENAME", "REPLACE", "RIGHT", "RLIKE", "ROW",
		"ROWS", "SELECT", "SEMI", "SERDEPROPERTIES", "SET", "SMALLINT", "SORT", "STORED", "STRING",
		"STRUCT", "TABLE", "TABLESAMPLE", "TBLPROPERTIES", "THEN", "TIMESTAMP", "TINYINT", "TO",
		"TOUCH", "TRUE", "UNION", "USING", "VALUES", "VARCHAR", "VIEW", "WHEN", "WHERE", "WINDOW", "WITH":
		return true
	}
	return false
}
