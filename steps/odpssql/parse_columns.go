package odpssql

import (
	"fmt"
	"strings"
)

func (p *parser) parseColumns(ct *CreateTable) error {
	open := p.next()
	return p.parseList(open, "column list", "column", "columns", &p.colsBroken,
		func() (listItem, error) {
			col, err := p.parseColumn()
			if err != nil {
				return listItem{}, err
			}
			ct.Columns = append(ct.Columns, col)
			return listItem{label: "column " + col.Name, shown: fmt.Sprintf("`%s` %s", col.Name, col.Type)}, nil
		},
		// "name type" follows: the next column, one comma short.
		func(t token) bool { return (t.kind == tkIdent || t.kind == tkQuoted) && p.peekN(1).kind == tkIdent })
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
		if err := p.commaSeparated(")", func() error {
			n := p.peek()
			if n.kind != tkNumber || !isAllDigits(n.text) {
				return p.errorf(n, "expected a whole number in %s(…), found %s", base, describe(n))
			}
			args = append(args, p.next().text)
			return nil
		}); err != nil {
			return "", err
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
	err := p.commaSeparated(">", func() error {
		name, _, err := p.parseName("struct field name")
		if err != nil {
			return err
		}
		if _, err := p.expectPunct(":"); err != nil {
			return err
		}
		ft, err := p.parseType(column)
		if err != nil {
			return err
		}
		if p.accept("comment") {
			if t := p.peek(); t.kind != tkString {
				return p.errorf(t, "COMMENT needs a quoted string, found %s", describe(t))
			}
			p.next()
		}
		fields = append(fields, name+":"+ft)
		return nil
	})
	return "struct<" + strings.Join(fields, ",") + ">", err
}
