package steps

import (
	"fmt"
	"strings"
)

// A minimal MaxCompute lexer, used only by tests to check that what the
// renderers emit tokenizes the way they meant: every literal and quoted
// identifier ends where it should and decodes back to its value.

type tokKind int

const (
	tokWord   tokKind = iota // bare identifier or keyword
	tokIdent                 // `quoted identifier`
	tokString                // 'literal'
	tokNumber                // -?digits
	tokPunct                 // ( ) , = ;
)

type token struct {
	kind tokKind
	text string // decoded value
}

func lexSQL(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t':
			i++
		case c == '(' || c == ')' || c == ',' || c == '=' || c == ';':
			toks = append(toks, token{tokPunct, string(c)})
			i++
		case c == '`':
			var b strings.Builder
			j := i + 1
			for {
				if j >= len(s) {
					return nil, fmt.Errorf("unterminated identifier at %d", i)
				}
				if s[j] == '`' {
					if j+1 < len(s) && s[j+1] == '`' {
						b.WriteByte('`')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			toks = append(toks, token{tokIdent, b.String()})
			i = j + 1
		case c == '\'':
			var b strings.Builder
			j := i + 1
			for {
				if j >= len(s) {
					return nil, fmt.Errorf("unterminated literal at %d", i)
				}
				if s[j] == '\'' {
					break
				}
				if s[j] != '\\' {
					b.WriteByte(s[j])
					j++
					continue
				}
				if j+1 >= len(s) {
					return nil, fmt.Errorf("dangling backslash at %d", j)
				}
				if j+3 < len(s) && isOctal(s[j+1]) && isOctal(s[j+2]) && isOctal(s[j+3]) {
					b.WriteByte((s[j+1]-'0')<<6 | (s[j+2]-'0')<<3 | (s[j+3] - '0'))
					j += 4
					continue
				}
				switch s[j+1] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case 'r':
					b.WriteByte('\r')
				default:
					b.WriteByte(s[j+1])
				}
				j += 2
			}
			toks = append(toks, token{tokString, b.String()})
			i = j + 1
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			toks = append(toks, token{tokNumber, s[i:j]})
			i = j
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			toks = append(toks, token{tokWord, s[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q at %d", c, i)
		}
	}
	return toks, nil
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// tokenReader walks tokens for a test parser.
type tokenReader struct {
	toks []token
	pos  int
	err  error
}

func (r *tokenReader) next() token {
	if r.pos >= len(r.toks) {
		r.fail("unexpected end")
		return token{kind: -1}
	}
	t := r.toks[r.pos]
	r.pos++
	return t
}

func (r *tokenReader) peek() token {
	if r.pos >= len(r.toks) {
		return token{kind: -1}
	}
	return r.toks[r.pos]
}

func (r *tokenReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("token %d: "+format, append([]any{r.pos}, args...)...)
	}
}

// keywords consumes bare words, case-insensitively.
func (r *tokenReader) keywords(words ...string) {
	for _, w := range words {
		if t := r.next(); t.kind != tokWord || !strings.EqualFold(t.text, w) {
			r.fail("want %s, got %q", w, t.text)
		}
	}
}

func (r *tokenReader) punct(p string) {
	if t := r.next(); t.kind != tokPunct || t.text != p {
		r.fail("want %q, got %q", p, t.text)
	}
}

// name reads an identifier, bare or quoted.
func (r *tokenReader) name() string {
	t := r.next()
	if t.kind != tokWord && t.kind != tokIdent {
		r.fail("want a name, got %q", t.text)
	}
	return t.text
}

func (r *tokenReader) literal() string {
	t := r.next()
	if t.kind != tokString {
		r.fail("want a literal, got %q", t.text)
	}
	return t.text
}

// parsedDDL is what the test parser reads back from a DDL.
type parsedDDL struct {
	table    string
	columns  [][2]string // name, type
	handler  string
	props    [][2]string
	location string
	using    string
	hasUsing bool
}

func parseDDL(ddl string) (parsedDDL, error) {
	toks, err := lexSQL(ddl)
	if err != nil {
		return parsedDDL{}, err
	}
	r := &tokenReader{toks: toks}
	var p parsedDDL
	r.keywords("CREATE", "EXTERNAL", "TABLE", "IF", "NOT", "EXISTS")
	p.table = r.name()
	r.punct("(")
	for r.err == nil {
		p.columns = append(p.columns, [2]string{r.name(), r.name()})
		if r.peek().text != "," {
			break
		}
		r.next()
	}
	r.punct(")")
	r.keywords("STORED", "BY")
	p.handler = r.literal()
	r.keywords("WITH", "SERDEPROPERTIES")
	r.punct("(")
	for r.err == nil {
		k := r.literal()
		r.punct("=")
		p.props = append(p.props, [2]string{k, r.literal()})
		if r.peek().text != "," {
			break
		}
		r.next()
	}
	r.punct(")")
	r.keywords("LOCATION")
	p.location = r.literal()
	if t := r.peek(); t.kind == tokWord && strings.EqualFold(t.text, "USING") {
		r.next()
		p.using, p.hasUsing = r.literal(), true
	}
	r.punct(";")
	if r.err == nil && r.pos != len(toks) {
		r.fail("trailing tokens after ';'")
	}
	return p, r.err
}

// parsedQuery is what the test parser reads back from a verification query.
type parsedQuery struct {
	columns []string
	table   string
	preds   [][2]string // column, value
	limit   string
}

func parseQuery(q string) (parsedQuery, error) {
	toks, err := lexSQL(q)
	if err != nil {
		return parsedQuery{}, err
	}
	r := &tokenReader{toks: toks}
	var p parsedQuery
	r.keywords("SELECT")
	for r.err == nil {
		p.columns = append(p.columns, r.name())
		if r.peek().text != "," {
			break
		}
		r.next()
	}
	r.keywords("FROM")
	p.table = r.name()
	if t := r.peek(); t.kind == tokWord && strings.EqualFold(t.text, "WHERE") {
		r.next()
		for r.err == nil {
			col := r.name()
			r.punct("=")
			v := r.next()
			if v.kind != tokString && v.kind != tokNumber {
				r.fail("want a value, got %q", v.text)
			}
			p.preds = append(p.preds, [2]string{col, v.text})
			if t := r.peek(); t.kind != tokWord || !strings.EqualFold(t.text, "AND") {
				break
			}
			r.next()
		}
	}
	r.keywords("LIMIT")
	if t := r.next(); t.kind != tokNumber {
		r.fail("want a number after LIMIT")
	} else {
		p.limit = t.text
	}
	r.punct(";")
	if r.err == nil && r.pos != len(toks) {
		r.fail("trailing tokens after ';'")
	}
	return p, r.err
}
