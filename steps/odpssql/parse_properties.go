package odpssql

import "fmt"

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
