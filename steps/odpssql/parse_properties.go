package odpssql

import "fmt"

// listItem names a parsed list item for messages: label in prose ("column
// vid"), shown as written ("`vid` bigint", "'k'='v'").
type listItem struct{ label, shown string }

// parseList reads the items of a parenthesised, comma-separated list whose
// '(' is open. It recovers from the mistakes pasted DDL carries — a missing
// comma between two items (startsItem says the next token begins another),
// a trailing comma, a broken item, a list never closed — so the linter can
// report them and still check every item. broken is set when an item had to
// be skipped.
func (p *parser) parseList(open token, what, kind, kinds string, broken *bool, item func() (listItem, error), startsItem func(token) bool) error {
	unclosed := func() error {
		*broken = true
		return p.soft(Finding{Pos: p.peek().pos, Severity: Error, Code: "syntax",
			Message: fmt.Sprintf("the %s opened at line %d, column %d is not closed", what, open.pos.Line, open.pos.Col),
			Fix:     fmt.Sprintf("add ')' before %s", describe(p.peek()))})
	}
	// skipBroken records a hard error and steps to the next item; stop says
	// the list ends here.
	skipBroken := func(err error) (stop bool, _ error) {
		if !p.tolerant {
			return true, err
		}
		p.record(err)
		*broken = true
		p.skipInList()
		if p.acceptPunct(",") || p.peek().isPunct(")") {
			return false, nil
		}
		return true, unclosed()
	}
	for {
		if p.acceptPunct(")") {
			return nil
		}
		if p.atClauseBoundary() {
			return unclosed()
		}
		it, err := item()
		if err != nil {
			if stop, err := skipBroken(err); stop {
				return err
			}
			continue
		}
		t := p.peek()
		switch {
		case t.isPunct(","):
			p.next()
			if p.peek().isPunct(")") {
				if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "trailing-comma",
					Message: "comma after the last " + kind, Fix: "remove the comma before ')'"}); err != nil {
					return err
				}
			}
		case t.isPunct(")"):
			p.next()
			return nil
		case startsItem(t) && !p.atClauseBoundary():
			if err := p.soft(Finding{Pos: t.pos, Severity: Error, Code: "missing-comma",
				Message: "missing comma between " + kinds,
				Fix:     "add a comma after " + it.shown}); err != nil {
				return err
			}
		case p.atClauseBoundary():
			return unclosed()
		default:
			if stop, err := skipBroken(p.errorf(t, "expected \",\" or \")\" after %s, found %s", it.label, describe(t))); stop {
				return err
			}
		}
	}
}

// parseProperties reads ('k'='v', …) for the named clause.
func (p *parser) parseProperties(clauseName string) ([]Property, error) {
	open, err := p.expectPunct("(")
	if err != nil {
		return nil, err
	}
	var props []Property
	broken := false
	err = p.parseList(open, clauseName+" list", "property", "properties", &broken,
		func() (listItem, error) {
			prop, err := p.parseProperty()
			if err != nil {
				return listItem{}, err
			}
			props = append(props, prop)
			return listItem{label: "property " + quoteShown(prop.Key), shown: shownPair(prop.Key, prop.Value)}, nil
		},
		func(t token) bool { return t.kind == tkString || t.kind == tkIdent })
	return props, err
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
