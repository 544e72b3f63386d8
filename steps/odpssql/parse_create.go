package odpssql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mcots/wizard/steps/naming"
)

// clause is one clause of CREATE TABLE after the column list. The constants
// are in the order MaxCompute requires them.
type clause int

const (
	clauseComment clause = iota + 1
	clauseStoredBy
	clauseSerde
	clauseLocation
	clauseUsing
	clauseTblProperties
	clauseLifecycle
)

func (c clause) String() string {
	switch c {
	case clauseComment:
		return "COMMENT"
	case clauseStoredBy:
		return "STORED BY"
	case clauseSerde:
		return "WITH SERDEPROPERTIES"
	case clauseLocation:
		return "LOCATION"
	case clauseUsing:
		return "USING"
	case clauseTblProperties:
		return "TBLPROPERTIES"
	case clauseLifecycle:
		return "LIFECYCLE"
	}
	return fmt.Sprintf("clause(%d)", int(c))
}

// clauseAt says which clause starts at the next token, if any. Between
// clauses (lenient) a clause keyword is enough; inside a list it must be
// followed by what the clause takes, since LOCATION, USING and LIFECYCLE are
// not reserved and may name columns.
func (p *parser) clauseAt(lenient bool) (clause, bool) {
	t, n := p.peek(), p.peekN(1)
	if lenient {
		switch {
		case t.is("location"):
			return clauseLocation, true
		case t.is("using"):
			return clauseUsing, true
		case t.is("tblproperties"):
			return clauseTblProperties, true
		case t.is("lifecycle"):
			return clauseLifecycle, true
		}
	}
	switch {
	case t.is("comment") && n.kind == tkString:
		return clauseComment, true
	case t.is("stored") && n.is("by"):
		return clauseStoredBy, true
	case t.is("with") && n.is("serdeproperties"):
		return clauseSerde, true
	case t.is("location") && n.kind == tkString:
		return clauseLocation, true
	case t.is("using") && n.kind == tkString:
		return clauseUsing, true
	case t.is("tblproperties") && n.isPunct("("):
		return clauseTblProperties, true
	case t.is("lifecycle") && n.kind == tkNumber:
		return clauseLifecycle, true
	}
	return 0, false
}

// unsupportedClauseAt names a CREATE TABLE clause MaxCompute has but a
// Tablestore external table cannot use.
func (p *parser) unsupportedClauseAt() (string, bool) {
	t, n := p.peek(), p.peekN(1)
	switch {
	case t.is("partitioned") || (t.is("auto") && n.is("partitioned")):
		return "PARTITIONED BY", true
	case t.is("clustered") || (t.is("range") && n.is("clustered")):
		return "CLUSTERED BY", true
	case t.is("row") && n.is("format"):
		return "ROW FORMAT", true
	case t.is("stored") && n.is("as"):
		return "STORED AS", true
	case t.is("as"):
		return "CREATE TABLE … AS SELECT", true
	case t.is("like"):
		return "CREATE TABLE … LIKE", true
	}
	return "", false
}

// atClauseBoundary reports whether the next token starts a clause (or ends
// the statement), so a list that was never closed can stop there.
func (p *parser) atClauseBoundary() bool {
	if p.atEOF() {
		return true
	}
	if _, ok := p.clauseAt(false); ok {
		return true
	}
	_, ok := p.unsupportedClauseAt()
	return ok
}

// record keeps a hard error as a finding (tolerant mode only).
func (p *parser) record(err error) {
	if se, ok := err.(*SyntaxError); ok {
		p.found = append(p.found, Finding{Pos: se.Pos, Severity: Error, Code: "syntax", Message: se.Msg})
		return
	}
	p.found = append(p.found, Finding{Severity: Error, Code: "syntax", Message: err.Error()})
}

// skipToClause steps over at least one token and then up to the next clause
// at parenthesis depth zero, to resume after an error.
func (p *parser) skipToClause() {
	depth := 0
	for first := true; !p.atEOF(); first = false {
		if !first && depth == 0 && p.atClauseBoundary() {
			return
		}
		t := p.next()
		if t.isPunct("(") {
			depth++
		} else if t.isPunct(")") && depth > 0 {
			depth--
		}
	}
}

// skipInList steps over tokens up to the next ',' or ')' of the current list
// (or a clause boundary), to resume after a broken list item.
func (p *parser) skipInList() {
	depth := 0
	for !p.atEOF() {
		t := p.peek()
		if depth == 0 && (t.isPunct(",") || t.isPunct(")") || p.atClauseBoundary()) {
			return
		}
		p.next()
		if t.isPunct("(") {
			depth++
		} else if t.isPunct(")") {
			depth--
		}
	}
}

func (p *parser) parseCreate() (*CreateTable, error) {
	ct := &CreateTable{Pos: p.next().pos}
	if t := p.peek(); t.is("external") {
		p.next()
		ct.External = true
	} else if t.kind == tkIdent && naming.EditDistance(strings.ToLower(t.text), "table") > 2 && naming.EditDistance(strings.ToLower(t.text), "external") <= 2 {
		if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "syntax",
			Message: fmt.Sprintf("%q is not a keyword; did you mean EXTERNAL?", t.text),
			Fix:     "write CREATE EXTERNAL TABLE"}); err != nil {
			return nil, err
		}
		p.next()
		ct.External = true
	}
	tt := p.peek()
	if tt.kind == tkIdent && !tt.is("table") && len(tt.text) >= 4 && naming.EditDistance(strings.ToLower(tt.text), "table") <= 2 {
		if err := p.soft(Finding{Pos: tt.pos, Severity: Error, Code: "syntax",
			Message: fmt.Sprintf("%q is not a keyword; did you mean TABLE?", tt.text),
			Fix:     "write CREATE EXTERNAL TABLE"}); err != nil {
			return nil, err
		}
		tt.text = "table" // read on as if it were spelled right
	}
	if !tt.is("table") {
		return nil, p.errorf(tt, "expected TABLE after CREATE%s, found %s; only CREATE [EXTERNAL] TABLE is supported",
			map[bool]string{true: " EXTERNAL", false: ""}[ct.External], describe(tt))
	}
	p.next()
	p.tablePos = tt.pos
	if p.accept("if") {
		if _, err := p.expect("not"); err != nil {
			return nil, err
		}
		if _, err := p.expect("exists"); err != nil {
			return nil, err
		}
		ct.IfNotExists = true
	}
	q, name, at, err := p.parseTableName()
	if err != nil {
		if !p.tolerant || !p.peek().isPunct("(") {
			return nil, err
		}
		p.record(err) // the name is missing but the rest can still be checked
	}
	ct.Qualifier, ct.Name, ct.NamePos = q, name, at
	if p.peek().isPunct("(") {
		if err := p.parseColumns(ct); err != nil {
			return ct, err
		}
	}
	return ct, p.parseClauses(ct)
}

func (p *parser) parseClauses(ct *CreateTable) error {
	seen := map[clause]bool{}
	var last clause
	for !p.atEOF() {
		c, ok := p.clauseAt(true)
		if !ok {
			var err error
			if what, unsupported := p.unsupportedClauseAt(); unsupported {
				err = p.errorf(p.peek(), "%s is not supported for a Tablestore external table", what)
			} else {
				err = p.errorf(p.peek(), "unexpected %s; expected one of COMMENT, STORED BY, WITH SERDEPROPERTIES, LOCATION, USING, TBLPROPERTIES, LIFECYCLE", describe(p.peek()))
			}
			if !p.tolerant {
				return err
			}
			p.record(err)
			p.skipToClause()
			continue
		}
		at := p.peek().pos
		switch {
		case seen[c]:
			if err := p.soft(Finding{Pos: at, Severity: Error, Code: "duplicate-clause",
				Message: fmt.Sprintf("%s appears twice", c), Fix: "keep one of them"}); err != nil {
				return err
			}
		case c < last:
			if err := p.soft(Finding{Pos: at, Severity: Error, Code: "clause-order",
				Message: fmt.Sprintf("%s must come before %s", c, last),
				Fix:     "order the clauses COMMENT, STORED BY, WITH SERDEPROPERTIES, LOCATION, USING, TBLPROPERTIES, LIFECYCLE"}); err != nil {
				return err
			}
		}
		seen[c] = true
		last = max(last, c)
		if err := p.parseClause(ct, c); err != nil {
			if !p.tolerant {
				return err
			}
			p.record(err)
			p.skipToClause()
		}
	}
	return nil
}

func (p *parser) parseClause(ct *CreateTable, c clause) error {
	kw := p.next()
	switch c {
	case clauseComment:
		ct.Comment = p.next().text
	case clauseStoredBy:
		p.next() // BY
		v, at, err := p.parseStringValue("STORED BY", "the handler class, as in STORED BY 'com.aliyun.odps.TableStoreStorageHandler'")
		if err != nil {
			return err
		}
		ct.StoredBy, ct.StoredByPos = v, at
	case clauseSerde:
		p.next() // SERDEPROPERTIES
		ct.PropertiesPos = kw.pos
		props, err := p.parseProperties("WITH SERDEPROPERTIES")
		ct.Properties = append(ct.Properties, props...)
		return err
	case clauseLocation:
		v, at, err := p.parseStringValue("LOCATION", "the Tablestore endpoint, as in LOCATION 'tablestore://<instance>.<region>.ots-internal.aliyuncs.com'")
		if err != nil {
			return err
		}
		ct.Location, ct.LocationPos = v, at
	case clauseUsing:
		v, at, err := p.parseStringValue("USING", "the jar resources in quotes, as in USING 'a.jar'")
		if err != nil {
			return err
		}
		ct.UsingPos = at
		ct.Using = nil
		for _, jar := range strings.Split(v, ",") {
			if jar = strings.TrimSpace(jar); jar != "" {
				ct.Using = append(ct.Using, jar)
			}
		}
	case clauseTblProperties:
		props, err := p.parseProperties("TBLPROPERTIES")
		ct.TblProperties = append(ct.TblProperties, props...)
		return err
	case clauseLifecycle:
		t := p.peek()
		n, err := strconv.Atoi(t.text)
		if t.kind != tkNumber || err != nil || n <= 0 {
			return p.errorf(t, "LIFECYCLE needs a positive whole number of days, found %s", describe(t))
		}
		p.next()
		ct.Lifecycle = &n
	}
	return nil
}

// parseStringValue reads the quoted value of a clause. An unquoted dotted
// name (a handler class typed without quotes) is taken, with a finding.
func (p *parser) parseStringValue(clauseName, want string) (string, Pos, error) {
	t := p.peek()
	if t.kind == tkString {
		p.next()
		return t.text, t.pos, nil
	}
	if t.kind == tkIdent && !p.atClauseBoundary() {
		v := p.dottedName()
		if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "unquoted-value",
			Message: fmt.Sprintf("the value of %s must be a quoted string", clauseName),
			Fix:     fmt.Sprintf("write %s '%s'", clauseName, v)}); err != nil {
			return "", t.pos, err
		}
		return v, t.pos, nil
	}
	return "", t.pos, p.errorf(t, "%s needs %s; found %s", clauseName, want, describe(t))
}

// dottedName consumes word(.word)* and returns it as written.
func (p *parser) dottedName() string {
	var b strings.Builder
	for {
		t := p.next()
		b.WriteString(p.src[t.off:t.end])
		if !p.peek().isPunct(".") || (p.peekN(1).kind != tkIdent && p.peekN(1).kind != tkNumber) {
			return b.String()
		}
		b.WriteString(".")
		p.next()
	}
}
