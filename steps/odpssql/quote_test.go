package odpssql

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestQuoteIdent(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"vid":         "vid",
		"oil_2":       "oil_2",
		"_x":          "_x",
		"select":      "`select`",
		"Location":    "`Location`",
		"2col":        "`2col`",
		"my col":      "`my col`",
		"a`b":         "`a``b`",
		"":            "``",
		"速度":          "`速度`",
		"x);DROP":     "`x);DROP`",
		"tablestore1": "tablestore1",
	}
	for in, want := range cases {
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestQuoteString(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"vehicle_track": `'vehicle_track'`,
		"it's":          `'it\'s'`,
		`a\b`:           `'a\\b'`,
		"a;b":           `'a\;b'`,
		"a\nb":          `'a\012b'`,
		"tab\there":     `'tab\011here'`,
		`"double"`:      `'"double"'`,
		"":              `''`,
		"\\'":           `'\\\''`,
		"中文":            `'中文'`,
		"a\u0085b":      `'a?b'`,
		"bad\xffutf8":   `'bad?utf8'`,
		"real\uFFFD":    "'real\uFFFD'",
		"a\x00b":        `'a\0b'`,
		"\x005":         `'\0\065'`,
	}
	for in, want := range cases {
		if got := QuoteString(in); got != want {
			t.Errorf("QuoteString(%q) = %s, want %s", in, got, want)
		}
	}
}

// Every word the parser refuses as a bare name is one the renderer quotes.
func TestQuoteIdentCoversReservedWords(t *testing.T) {
	t.Parallel()
	for w := range reservedWords {
		for _, spelling := range []string{w, strings.ToUpper(w)} {
			q := QuoteIdent(spelling)
			if q != "`"+spelling+"`" {
				t.Errorf("QuoteIdent(%q) = %s: reserved words must be quoted", spelling, q)
			}
			st, err := ParseStatement("SELECT " + q + " FROM t")
			if err != nil {
				t.Fatalf("quoted reserved word does not parse: %v", err)
			}
			if got := st.(*Select).Columns[0]; got != w {
				t.Errorf("column %q parsed as %q", spelling, got)
			}
		}
	}
}

// FuzzQuoteRoundTrip: whatever a name or a value holds, the quoted form ends
// where it should and parses back to it, so no input can break out of a
// statement the wizard renders.
func FuzzQuoteRoundTrip(f *testing.F) {
	for _, s := range []string{"vid", "select", "a`b", "x);DROP TABLE t;--", "it's", `a\b`, "a;b", "中文", "\n", "``", "'"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		if name == "" || !utf8.ValidString(name) || !utf8.ValidString(value) ||
			strings.ContainsFunc(name+value, func(r rune) bool { return r >= 0x80 && unicode.IsControl(r) || r == utf8.RuneError }) {
			t.Skip("QuoteString maps these to '?' by design; validation refuses them")
		}
		sql := "SELECT " + QuoteIdent(name) + " FROM " + QuoteIdent(name) + " WHERE " + QuoteIdent(name) + " = " + QuoteString(value) + " LIMIT 1"
		st, err := ParseStatement(sql)
		if err != nil {
			t.Fatalf("%v\n%s", err, sql)
		}
		sel := st.(*Select)
		want := canonicalName(name)
		if len(sel.Columns) != 1 || sel.Columns[0] != want || sel.From != want || len(sel.Where) != 1 ||
			sel.Where[0].Column != want || sel.Where[0].Value.Kind != LitString || sel.Where[0].Value.Str != value {
			t.Fatalf("round trip changed it: %+v\n%s", sel, sql)
		}
	})
}
