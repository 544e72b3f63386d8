package odpssql

import (
	"strconv"
	"strings"
)

func (p *parser) parseSelect() (*Select, error) {
	s := &Select{Pos: p.next().pos}
	switch t := p.peek(); {
	case t.isPunct("*"):
		p.next()
		s.Star = true
	case t.is("count") && p.peekN(1).isPunct("("):
		p.next()
		p.next()
		if _, err := p.expectPunct("*"); err != nil {
			return nil, p.errorf(p.peek(), "only COUNT(*) is supported, found COUNT(%s", describe(p.peek()))
		}
		if _, err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		s.CountStar = true
	default:
		for {
			name, _, err := p.parseName("column name")
			if err != nil {
				return nil, err
			}
			s.Columns = append(s.Columns, name)
			if !p.acceptPunct(",") {
				break
			}
		}
	}
	if _, err := p.expect("from"); err != nil {
		return nil, err
	}
	q, name, _, err := p.parseTableName()
	if err != nil {
		return nil, err
	}
	s.FromQualifier, s.From = q, name
	if p.accept("where") {
		for {
			col, _, err := p.parseName("column name")
			if err != nil {
				return nil, err
			}
			if t := p.peek(); !t.isPunct("=") {
				return nil, p.errorf(t, "expected \"=\" after %s, found %s; only column = constant conditions joined by AND are supported", col, describe(t))
			}
			p.next()
			lit, err := p.parseLiteral()
			if err != nil {
				return nil, err
			}
			s.Where = append(s.Where, Equality{Column: col, Value: lit})
			if !p.accept("and") {
				break
			}
		}
	}
	if p.accept("limit") {
		t := p.peek()
		n, err := strconv.ParseInt(t.text, 10, 64)
		if t.kind != tkNumber || err != nil || n < 0 {
			return nil, p.errorf(t, "LIMIT needs a whole number of rows, found %s", describe(t))
		}
		p.next()
		s.Limit = &n
	}
	return s, nil
}

func (p *parser) parseInsert() (*Insert, error) {
	ins := &Insert{Pos: p.next().pos}
	switch t := p.peek(); {
	case t.is("into"):
		p.next()
		p.accept("table")
	case t.is("overwrite"):
		p.next()
		if _, err := p.expect("table"); err != nil {
			return nil, p.errorf(p.peek(), "MaxCompute writes INSERT OVERWRITE TABLE <name>: TABLE is required, found %s", describe(p.peek()))
		}
		ins.Overwrite = true
	default:
		return nil, p.errorf(t, "expected INTO or OVERWRITE after INSERT, found %s", describe(t))
	}
	q, name, _, err := p.parseTableName()
	if err != nil {
		return nil, err
	}
	ins.Qualifier, ins.Table = q, name
	if p.acceptPunct("(") {
		if err := p.commaSeparated(")", func() error {
			col, _, err := p.parseName("column name")
			ins.Columns = append(ins.Columns, col)
			return err
		}); err != nil {
			return nil, err
		}
	}
	if _, err := p.expect("values"); err != nil {
		return nil, err
	}
	for {
		open, err := p.expectPunct("(")
		if err != nil {
			return nil, err
		}
		var row []Literal
		if err := p.commaSeparated(")", func() error {
			lit, err := p.parseLiteral()
			row = append(row, lit)
			return err
		}); err != nil {
			return nil, err
		}
		want := len(ins.Columns)
		if want == 0 && len(ins.Rows) > 0 {
			want = len(ins.Rows[0])
		}
		if want > 0 && len(row) != want {
			return nil, p.errorf(open, "this row has %d values but %d are expected", len(row), want)
		}
		ins.Rows = append(ins.Rows, row)
		if !p.acceptPunct(",") {
			break
		}
	}
	return ins, nil
}

// parseLiteral reads a constant: an optionally signed number, a string,
// TRUE, FALSE or NULL. Integers may carry MaxCompute's Y, S or L suffix.
func (p *parser) parseLiteral() (Literal, error) {
	t := p.peek()
	switch {
	case t.kind == tkString:
		p.next()
		return Literal{Kind: LitString, Str: t.text, Text: p.src[t.off:t.end]}, nil
	case t.is("true") || t.is("false"):
		p.next()
		return Literal{Kind: LitBool, Bool: t.is("true"), Text: t.text}, nil
	case t.is("null"):
		p.next()
		return Literal{Kind: LitNull, Text: t.text}, nil
	case t.isPunct("-") || t.isPunct("+") || t.kind == tkNumber:
		sign := ""
		start := t
		if t.kind == tkPunct {
			sign = t.text
			p.next()
			t = p.peek()
			if t.kind != tkNumber {
				return Literal{}, p.errorf(t, "expected a number after %q, found %s", sign, describe(t))
			}
		}
		p.next()
		lit, ok := numberLiteral(sign, t.text)
		if !ok {
			return Literal{}, p.errorf(t, "malformed number %s", t.text)
		}
		lit.Text = p.src[start.off:t.end]
		return lit, nil
	}
	return Literal{}, p.errorf(t, "expected a constant (number, string, TRUE, FALSE or NULL), found %s", describe(t))
}

func numberLiteral(sign, text string) (Literal, bool) {
	digits := text
	if n := len(digits); n > 1 {
		switch digits[n-1] {
		case 'l', 'L', 'y', 'Y', 's', 'S':
			digits = digits[:n-1]
		}
	}
	if i, err := strconv.ParseInt(sign+digits, 10, 64); err == nil {
		return Literal{Kind: LitInt, Int: i}, true
	}
	if digits != text || strings.ContainsAny(text, "_") {
		return Literal{}, false
	}
	if isAllDigits(text) {
		return Literal{}, false // an integer too large for bigint
	}
	f, err := strconv.ParseFloat(sign+text, 64)
	if err != nil {
		return Literal{}, false
	}
	return Literal{Kind: LitFloat, Float: f}, true
}

func isAllDigits(s string) bool {
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return s != ""
}
