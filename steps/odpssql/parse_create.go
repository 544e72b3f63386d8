package odpssql

import (
	"fmt"
	"strconv"
	"strings"
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
	} else if t.kind == tkIdent && !t.is("table") && editDistance(strings.ToLower(t.text), "external") <= 2 {
		if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "syntax",
			Message: fmt.Sprintf("%q is not a keyword; did you mean EXTERNAL?", t.text),
			Fix:     "write CREATE EXTERNAL TABLE"}); err != nil {
			return nil, err
		}
		p.next()
		ct.External = true
	}
	tt := p.peek()
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
			if c == clauseSerde {
				p.propsBroken = true
			}
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

func (p *parser) parseColumns(ct *CreateTable) error {
	open := p.next()
	unclosed := func() error {
		p.colsBroken = true
		return p.soft(Finding{Pos: p.peek().pos, Severity: Error, Code: "syntax",
			Message: fmt.Sprintf("the column list opened at line %d, column %d is not closed", open.pos.Line, open.pos.Col),
			Fix:     fmt.Sprintf("add ')' before %s", describe(p.peek()))})
	}
	for {
		if p.acceptPunct(")") {
			return nil
		}
		if p.atClauseBoundary() {
			return unclosed()
		}
		col, err := p.parseColumn()
		if err != nil {
			if !p.tolerant {
				return err
			}
			p.record(err)
			p.colsBroken = true
			p.skipInList()
			if p.acceptPunct(",") || p.peek().isPunct(")") {
				continue
			}
			return unclosed()
		}
		ct.Columns = append(ct.Columns, col)
		t := p.peek()
		switch {
		case t.isPunct(","):
			p.next()
			if p.peek().isPunct(")") {
				if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "trailing-comma",
					Message: "comma after the last column", Fix: "remove the comma before ')'"}); err != nil {
					return err
				}
			}
		case t.isPunct(")"):
			p.next()
			return nil
		case (t.kind == tkIdent || t.kind == tkQuoted) && p.peekN(1).kind == tkIdent && !p.atClauseBoundary():
			// "name type" follows: the next column, one comma short.
			if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "missing-comma",
				Message: "missing comma between columns",
				Fix:     fmt.Sprintf("add a comma after `%s` %s", col.Name, col.Type)}); err != nil {
				return err
			}
		case p.atClauseBoundary():
			return unclosed()
		default:
			err := p.errorf(t, "expected \",\" or \")\" after column %s, found %s", col.Name, describe(t))
			if !p.tolerant {
				return err
			}
			p.record(err)
			p.colsBroken = true
			p.skipInList()
			if !p.acceptPunct(",") && !p.peek().isPunct(")") {
				return unclosed()
			}
		}
	}
}

func (p *parser) parseColumn() (ColumnDef, error) {
	name, at, err := p.parseName("column name")
	if err != nil {
		return ColumnDef{}, err
	}
	col := ColumnDef{Name: name, Pos: at}
	if col.Type, err = p.parseType(name); err != nil {
		return col, err
	}
	if p.peek().is("not") && p.peekN(1).is("null") {
		p.next()
		p.next()
		col.NotNull = true
	}
	if p.accept("comment") {
		t := p.peek()
		if t.kind != tkString {
			return col, p.errorf(t, "COMMENT needs a quoted string, found %s", describe(t))
		}
		col.Comment = p.next().text
	}
	return col, nil
}

// maxComputeTypes are the column types MaxCompute knows.
var maxComputeTypes = []string{
	"tinyint", "smallint", "int", "bigint", "float", "double", "decimal", "varchar", "char",
	"string", "binary", "boolean", "datetime", "date", "timestamp", "timestamp_ntz", "json",
	"array", "map", "struct", "interval_day_time", "interval_year_month",
}

// typeMistakes are type names from other systems that people write in
// MaxCompute DDL, with the type meant.
var typeMistakes = map[string]string{
	"integer": "bigint", "long": "bigint", "int64": "bigint", "number": "bigint",
	"bool": "boolean", "text": "string", "bytes": "binary", "blob": "binary", "float64": "double",
}

// parseType reads a column type and returns its canonical spelling: lower
// case, no spaces ("decimal(10,2)", "map<string,bigint>").
func (p *parser) parseType(column string) (string, error) {
	t := p.peek()
	if t.kind != tkIdent {
		return "", p.errorf(t, "expected a type for column %s, found %s", column, describe(t))
	}
	p.next()
	base := strings.ToLower(t.text)
	switch base {
	case "array":
		if _, err := p.expectPunct("<"); err != nil {
			return "", err
		}
		elem, err := p.parseType(column)
		if err != nil {
			return "", err
		}
		if _, err := p.expectPunct(">"); err != nil {
			return "", err
		}
		return "array<" + elem + ">", nil
	case "map":
		if _, err := p.expectPunct("<"); err != nil {
			return "", err
		}
		k, err := p.parseType(column)
		if err != nil {
			return "", err
		}
		if _, err := p.expectPunct(","); err != nil {
			return "", err
		}
		v, err := p.parseType(column)
		if err != nil {
			return "", err
		}
		if _, err := p.expectPunct(">"); err != nil {
			return "", err
		}
		return "map<" + k + "," + v + ">", nil
	case "struct":
		return p.parseStructType(column)
	}
	if _, known := typeMistakes[base]; known || !contains(maxComputeTypes, base) {
		fix := "use bigint, string, double, boolean or binary, the types a Tablestore column can be read as"
		if want, ok := typeMistakes[base]; ok {
			fix = fmt.Sprintf("declare `%s` %s", column, want)
		} else if near, ok := nearMiss(base, maxComputeTypes); ok {
			fix = fmt.Sprintf("did you mean %s?", near)
		}
		msg := fmt.Sprintf("%s is not a MaxCompute type", strings.ToUpper(base))
		if base == "integer" {
			msg += " (INTEGER is Tablestore's name for its 64-bit integers; MaxCompute calls them bigint)"
		}
		if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "unknown-type", Message: msg, Fix: fix}); err != nil {
			return "", err
		}
	}
	if p.peek().isPunct("(") {
		p.next()
		var args []string
		for {
			n := p.peek()
			if n.kind != tkNumber || !isAllDigits(n.text) {
				return "", p.errorf(n, "expected a whole number in %s(…), found %s", base, describe(n))
			}
			args = append(args, p.next().text)
			if p.acceptPunct(")") {
				break
			}
			if _, err := p.expectPunct(","); err != nil {
				return "", err
			}
		}
		base += "(" + strings.Join(args, ",") + ")"
	}
	return base, nil
}

func (p *parser) parseStructType(column string) (string, error) {
	if _, err := p.expectPunct("<"); err != nil {
		return "", err
	}
	var fields []string
	for {
		name, _, err := p.parseName("struct field name")
		if err != nil {
			return "", err
		}
		if _, err := p.expectPunct(":"); err != nil {
			return "", err
		}
		ft, err := p.parseType(column)
		if err != nil {
			return "", err
		}
		if p.accept("comment") {
			if t := p.peek(); t.kind != tkString {
				return "", p.errorf(t, "COMMENT needs a quoted string, found %s", describe(t))
			}
			p.next()
		}
		fields = append(fields, name+":"+ft)
		if p.acceptPunct(">") {
			return "struct<" + strings.Join(fields, ",") + ">", nil
		}
		if _, err := p.expectPunct(","); err != nil {
			return "", err
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// parseProperties reads ('k'='v', …). It recovers from the mistakes pasted
// DDL carries — above all a missing comma between two pairs — so the linter
// can report them and still check every property.
func (p *parser) parseProperties(clauseName string) ([]Property, error) {
	open, err := p.expectPunct("(")
	if err != nil {
		return nil, err
	}
	var props []Property
	unclosed := func() error {
		return p.soft(Finding{Pos: p.peek().pos, Severity: Error, Code: "syntax",
			Message: fmt.Sprintf("the %s list opened at line %d, column %d is not closed", clauseName, open.pos.Line, open.pos.Col),
			Fix:     fmt.Sprintf("add ')' before %s", describe(p.peek()))})
	}
	for {
		if p.acceptPunct(")") {
			return props, nil
		}
		if p.atClauseBoundary() {
			return props, unclosed()
		}
		prop, err := p.parseProperty()
		if err != nil {
			if !p.tolerant {
				return props, err
			}
			p.record(err)
			p.propsBroken = true
			p.skipInList()
			if p.acceptPunct(",") || p.peek().isPunct(")") {
				continue
			}
			return props, unclosed()
		}
		props = append(props, prop)
		t := p.peek()
		switch {
		case t.isPunct(","):
			p.next()
			if p.peek().isPunct(")") {
				if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "trailing-comma",
					Message: "comma after the last property", Fix: "remove the comma before ')'"}); err != nil {
					return props, err
				}
			}
		case t.isPunct(")"):
			p.next()
			return props, nil
		case t.kind == tkString || (t.kind == tkIdent && !p.atClauseBoundary()):
			if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "missing-comma",
				Message: "missing comma between properties",
				Fix:     "add a comma after " + shownPair(prop.Key, prop.Value)}); err != nil {
				return props, err
			}
		case p.atClauseBoundary():
			return props, unclosed()
		default:
			err := p.errorf(t, "expected \",\" or \")\" after property %s, found %s", quoteShown(prop.Key), describe(t))
			if !p.tolerant {
				return props, err
			}
			p.record(err)
			p.propsBroken = true
			p.skipInList()
			if !p.acceptPunct(",") && !p.peek().isPunct(")") {
				return props, unclosed()
			}
		}
	}
}

func (p *parser) parseProperty() (Property, error) {
	var prop Property
	t := p.peek()
	switch {
	case t.kind == tkString:
		p.next()
		prop.Key, prop.KeyPos = t.text, t.pos
	case t.kind == tkIdent:
		key := p.dottedName()
		if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "unquoted-value",
			Message: fmt.Sprintf("property key %s must be quoted", key),
			Fix:     fmt.Sprintf("write '%s'", key)}); err != nil {
			return prop, err
		}
		prop.Key, prop.KeyPos = key, t.pos
	default:
		return prop, p.errorf(t, "expected a quoted property key such as 'tablestore.table.name', found %s", describe(t))
	}
	if eq := p.peek(); !eq.isPunct("=") {
		if eq.kind != tkString {
			return prop, p.errorf(eq, "expected \"=\" after property key %s, found %s", quoteShown(prop.Key), describe(eq))
		}
		if err := p.soft(Finding{Pos: eq.pos, Severity: Error, Code: "syntax",
			Message: fmt.Sprintf("missing \"=\" between property key %s and its value", quoteShown(prop.Key)),
			Fix:     fmt.Sprintf("write %s=%s", quoteShown(prop.Key), "'…'")}); err != nil {
			return prop, err
		}
	} else {
		p.next()
	}
	v := p.peek()
	switch {
	case v.kind == tkString:
		p.next()
	case v.kind == tkNumber || (v.kind == tkIdent && !p.atClauseBoundary()):
		p.next()
		if err := p.soft(Finding{Pos: v.pos, Severity: Error, Code: "unquoted-value",
			Message: fmt.Sprintf("the value of property %s must be quoted", quoteShown(prop.Key)),
			Fix:     fmt.Sprintf("write '%s'", v.text)}); err != nil {
			return prop, err
		}
	default:
		return prop, p.errorf(v, "expected a quoted value for property %s, found %s", quoteShown(prop.Key), describe(v))
	}
	prop.Value, prop.ValuePos = v.text, v.pos
	return prop, nil
}
