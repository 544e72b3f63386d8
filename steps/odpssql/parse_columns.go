package odpssql

import (
	"fmt"
	"strings"
)

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
