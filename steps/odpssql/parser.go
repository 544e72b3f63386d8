package odpssql

import (
	"fmt"
	"strings"
)

// reservedWords may not be used as bare names in MaxCompute SQL (the
// documented list of common reserved words); quoting them with backticks
// makes them names again.
var reservedWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`add all alter and as asc between bigint boolean by case cast column
		comment create desc distinct distribute double drop else false from full group if in insert
		into is join left lifecycle like limit mapjoin not null on or order outer overwrite partition
		rename replace right rlike select sort string table then touch true union view when where`) {
		m[w] = true
	}
	return m
}()

// parser reads the tokens of one statement. In strict mode the first problem
// is returned as a *SyntaxError; in tolerant mode (the linter's) problems the
// parser can step over are collected in found and parsing continues.
type parser struct {
	src      string
	toks     []token // ends with a tkEOF token
	i        int
	tolerant bool
	found    []Finding

	strs map[Pos]token // string literals by position, to point inside values

	// What the linter needs beyond the statement itself.
	tablePos   Pos  // the TABLE keyword of CREATE, where EXTERNAL belongs
	colsBroken bool // the column list had a problem; its count is unreliable
}

func newParser(src string, toks []token, tolerant bool) *parser {
	return &parser{src: src, toks: toks, tolerant: tolerant, strs: map[Pos]token{}}
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekN(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tkEOF {
		p.i++
	}
	if t.kind == tkString {
		p.strs[t.pos] = t
	}
	return t
}

func (p *parser) atEOF() bool { return p.peek().kind == tkEOF }

// is reports whether t is the bare keyword kw (any letter case).
func (t token) is(kw string) bool { return t.kind == tkIdent && strings.EqualFold(t.text, kw) }

func (t token) isPunct(s string) bool { return t.kind == tkPunct && t.text == s }

func (p *parser) accept(kw string) bool {
	if p.peek().is(kw) {
		p.next()
		return true
	}
	return false
}

func (p *parser) acceptPunct(s string) bool {
	if p.peek().isPunct(s) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expect(kw string) (token, error) {
	t := p.peek()
	if !t.is(kw) {
		return t, p.errorf(t, "expected %s, found %s", strings.ToUpper(kw), describe(t))
	}
	return p.next(), nil
}

func (p *parser) expectPunct(s string) (token, error) {
	t := p.peek()
	if !t.isPunct(s) {
		return t, p.errorf(t, "expected %q, found %s", s, describe(t))
	}
	return p.next(), nil
}

func (p *parser) errorf(t token, format string, args ...any) *SyntaxError {
	return &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf(format, args...)}
}

// soft reports a problem the parser can step over. A warning never stops a
// parse; an error stops a strict parse and is collected by a tolerant one.
func (p *parser) soft(f Finding) error {
	if p.tolerant || f.Severity == Warning {
		p.found = append(p.found, f)
		return nil
	}
	return f.asSyntaxError()
}

// describe names a token for an error message. String values are shortened
// and any credentials in them hidden.
func describe(t token) string {
	switch t.kind {
	case tkEOF:
		return "the end of the statement"
	case tkIdent:
		return fmt.Sprintf("%q", t.text)
	case tkQuoted:
		return fmt.Sprintf("`%s`", t.text)
	case tkString:
		return "string " + quoteShown(t.text)
	case tkNumber:
		return "number " + t.text
	}
	return fmt.Sprintf("%q", t.text)
}

// commaSeparated reads "item, item, … close" (the opening bracket already
// read), strictly: the recovering lists of CREATE TABLE use parseList.
func (p *parser) commaSeparated(close string, item func() error) error {
	for {
		if err := item(); err != nil {
			return err
		}
		if p.acceptPunct(close) {
			return nil
		}
		if _, err := p.expectPunct(","); err != nil {
			return err
		}
	}
}

// parseName reads one identifier, bare or `quoted`, and lower-cases it.
func (p *parser) parseName(what string) (string, Pos, error) {
	t := p.peek()
	switch t.kind {
	case tkQuoted:
		p.next()
		if t.text == "" {
			if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "syntax",
				Message: "empty `` name", Fix: "write a " + what + " between the backticks"}); err != nil {
				return "", t.pos, err
			}
		}
		return canonicalName(t.text), t.pos, nil
	case tkIdent:
		name := canonicalName(t.text)
		if reservedWords[name] {
			if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "reserved-word",
				Message: fmt.Sprintf("%s is a reserved word in MaxCompute and cannot be a bare %s", strings.ToUpper(name), what),
				Fix:     fmt.Sprintf("quote it as `%s`", name)}); err != nil {
				return "", t.pos, err
			}
		}
		p.next()
		return name, t.pos, nil
	}
	return "", t.pos, p.errorf(t, "expected %s, found %s", what, describe(t))
}

// parseTableName reads [project[.schema].]table.
func (p *parser) parseTableName() (qualifier, name string, pos Pos, err error) {
	var parts []string
	for {
		part, at, err := p.parseName("table name")
		if err != nil {
			return "", "", at, err
		}
		if len(parts) == 0 {
			pos = at
		}
		parts = append(parts, part)
		if len(parts) == 3 || !p.peek().isPunct(".") {
			break
		}
		p.next()
	}
	return strings.Join(parts[:len(parts)-1], "."), parts[len(parts)-1], pos, nil
}

// parseStatement reads one statement up to the end of its tokens.
func (p *parser) parseStatement() (Statement, error) {
	t := p.peek()
	var (
		st  Statement
		err error
	)
	switch {
	case t.is("create"):
		var ct *CreateTable
		ct, err = p.parseCreate()
		if ct != nil {
			st = ct
		}
	case t.is("drop"):
		st, err = p.parseDrop()
	case t.is("desc") || t.is("describe"):
		st, err = p.parseDesc()
	case t.is("show"):
		st, err = p.parseShow()
	case t.is("select"):
		st, err = p.parseSelect()
	case t.is("insert"):
		st, err = p.parseInsert()
	case t.is("set"):
		st, err = p.parseSet()
	case t.kind == tkEOF:
		return nil, p.errorf(t, "empty statement")
	default:
		return nil, p.errorf(t, "unsupported statement starting with %s; expected CREATE, DROP, DESC, SHOW TABLES, SELECT, INSERT or SET", describe(t))
	}
	if err != nil {
		return st, err
	}
	if !p.atEOF() {
		return st, p.errorf(p.peek(), "unexpected %s after the end of the statement", describe(p.peek()))
	}
	return st, nil
}

func (p *parser) parseDrop() (*DropTable, error) {
	d := &DropTable{Pos: p.next().pos}
	if _, err := p.expect("table"); err != nil {
		return nil, err
	}
	if p.accept("if") {
		if _, err := p.expect("exists"); err != nil {
			return nil, err
		}
		d.IfExists = true
	}
	q, name, _, err := p.parseTableName()
	if err != nil {
		return nil, err
	}
	d.Qualifier, d.Name = q, name
	return d, nil
}

func (p *parser) parseDesc() (*Desc, error) {
	d := &Desc{Pos: p.next().pos}
	if p.peek().is("extended") && p.peekN(1).kind != tkEOF {
		p.next()
		d.Extended = true
	}
	p.accept("table") // DESC TABLE t is accepted by MaxCompute too
	q, name, _, err := p.parseTableName()
	if err != nil {
		return nil, err
	}
	d.Qualifier, d.Name = q, name
	return d, nil
}

func (p *parser) parseShow() (*ShowTables, error) {
	s := &ShowTables{Pos: p.next().pos}
	if _, err := p.expect("tables"); err != nil {
		return nil, err
	}
	return s, nil
}

// parseSet reads SET key=value. The value is taken verbatim from the source
// (it need not be valid SQL: "set odps.sql.timezone=Asia/Shanghai").
func (p *parser) parseSet() (*Set, error) {
	s := &Set{Pos: p.next().pos}
	var key strings.Builder
	for !p.atEOF() && !p.peek().isPunct("=") {
		t := p.next()
		key.WriteString(p.src[t.off:t.end])
	}
	if key.Len() == 0 {
		return nil, p.errorf(p.peek(), "expected a property name after SET, as in set odps.sql.type.system.odps2=true")
	}
	eq := p.peek()
	if !eq.isPunct("=") {
		return nil, p.errorf(eq, "expected \"=\" after SET %s, as in set %s=true", key.String(), key.String())
	}
	p.next()
	end := eq.end
	for !p.atEOF() {
		end = p.next().end
	}
	s.Key = key.String()
	s.Value = strings.TrimSpace(p.src[eq.end:end])
	return s, nil
}

// span is one statement's tokens (ending with a tkEOF token) and the lexing
// problems found inside it.
type span struct {
	toks  []token
	probs []Finding
}

// splitStatements cuts a token stream at semicolons, drops empty statements,
// and files each lexing problem under the statement it lies in. Problems
// outside any statement (in a trailing comment, say) come back as loose.
func splitStatements(toks []token, probs []Finding) (spans []span, loose []Finding) {
	var cur []token
	flush := func(end token) {
		if len(cur) == 0 {
			return
		}
		eof := token{kind: tkEOF, pos: end.pos, off: end.off, end: end.off}
		spans = append(spans, span{toks: append(cur, eof)})
		cur = nil
	}
	for _, t := range toks {
		if t.kind == tkEOF || t.isPunct(";") {
			flush(t)
			continue
		}
		cur = append(cur, t)
	}
	// File problems: a problem belongs to the first statement that ends after it.
	for _, f := range probs {
		placed := false
		for i := range spans {
			if !spans[i].toks[len(spans[i].toks)-1].pos.Before(f.Pos) {
				spans[i].probs = append(spans[i].probs, f)
				placed = true
				break
			}
		}
		if !placed {
			loose = append(loose, f)
		}
	}
	return spans, loose
}

// problemsOutsideSetValue drops problems inside the value of a SET statement: its
// value is free text, not SQL.
func (s span) problemsOutsideSetValue() []Finding {
	if len(s.toks) == 0 || !s.toks[0].is("set") {
		return s.probs
	}
	var eq token
	for _, t := range s.toks {
		if t.isPunct("=") {
			eq = t
			break
		}
	}
	if eq.kind != tkPunct {
		return s.probs
	}
	var kept []Finding
	for _, f := range s.probs {
		if f.Pos.Before(eq.pos) || f.Code != "syntax" {
			kept = append(kept, f)
		}
	}
	return kept
}

func firstError(fs []Finding) *SyntaxError {
	for _, f := range fs {
		if f.Severity == Error {
			return f.asSyntaxError()
		}
	}
	return nil
}

// ParseScript parses ';'-separated statements, such as a MaxCompute script
// that starts with set statements. Empty statements are skipped.
func ParseScript(sql string) ([]Statement, error) {
	toks, probs := lex(sql)
	spans, loose := splitStatements(toks, probs)
	var out []Statement
	for _, s := range spans {
		if err := firstError(s.problemsOutsideSetValue()); err != nil {
			return nil, err
		}
		st, err := newParser(sql, s.toks, false).parseStatement()
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	if err := firstError(loose); err != nil {
		return nil, err
	}
	return out, nil
}

// ParseStatement parses exactly one statement, with or without a trailing ';'.
func ParseStatement(sql string) (Statement, error) {
	toks, probs := lex(sql)
	spans, loose := splitStatements(toks, probs)
	if len(spans) == 0 {
		if err := firstError(loose); err != nil {
			return nil, err
		}
		return nil, &SyntaxError{Pos: toks[len(toks)-1].pos, Msg: "empty statement"}
	}
	if len(spans) > 1 {
		return nil, &SyntaxError{Pos: spans[1].toks[0].pos,
			Msg: "a second statement starts here; pass one statement, or use a script"}
	}
	if err := firstError(spans[0].problemsOutsideSetValue()); err != nil {
		return nil, err
	}
	st, err := newParser(sql, spans[0].toks, false).parseStatement()
	if err != nil {
		return nil, err
	}
	if err := firstError(loose); err != nil {
		return nil, err
	}
	return st, nil
}
