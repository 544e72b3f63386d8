package steps

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mcots/wizard/steps/policy"
)

// hclString renders s as an HCL quoted string. Besides quotes, backslashes
// and control characters, HCL treats "${" and "%{" as the start of a
// template, so they are written "$${" and "%%{".
func hclString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\u%04x`, r)
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hclAttr is one attribute of a block or object; value is already rendered
// and may span lines.
type hclAttr struct{ key, value string }

// writeAttrs writes attributes at indent the way terraform fmt lays them
// out: the '=' of each run of single-line attributes is aligned, and an
// attribute whose value spans lines ends the run and is not padded.
func writeAttrs(b *strings.Builder, indent string, attrs []hclAttr) {
	for i := 0; i < len(attrs); {
		if strings.Contains(attrs[i].value, "\n") {
			fmt.Fprintf(b, "%s%s = %s\n", indent, attrs[i].key, attrs[i].value)
			i++
			continue
		}
		j, width := i, 0
		for ; j < len(attrs) && !strings.Contains(attrs[j].value, "\n"); j++ {
			width = max(width, len(attrs[j].key))
		}
		for _, a := range attrs[i:j] {
			fmt.Fprintf(b, "%s%-*s = %s\n", indent, width, a.key, a.value)
		}
		i = j
	}
}

// hclList renders a list of strings: inline when it holds one item,
// otherwise one item per line. indent is the indentation of the line the
// list starts on; so it is for hclObject.
func hclList(items []string, indent string) string {
	if len(items) == 1 {
		return "[" + hclString(items[0]) + "]"
	}
	var b strings.Builder
	b.WriteString("[\n")
	for _, it := range items {
		b.WriteString(indent + "  " + hclString(it) + ",\n")
	}
	b.WriteString(indent + "]")
	return b.String()
}

// hclObject renders an object from attributes (values already rendered).
func hclObject(attrs []hclAttr, indent string) string {
	var b strings.Builder
	b.WriteString("{\n")
	writeAttrs(&b, indent+"  ", attrs)
	b.WriteString(indent + "}")
	return b.String()
}

// hclPolicy renders a policy document as jsonencode({...}), the idiomatic
// way to keep a policy in Terraform without string escaping. indent is the
// indentation of the line the value starts on.
func hclPolicy(d policy.Document, indent string) string {
	in := indent + "  " // Version, Statement
	li := in + "  "     // each statement's braces
	si := li + "  "     // each statement's attributes
	var stmts strings.Builder
	stmts.WriteString("[\n")
	for _, s := range d.Statement {
		attrs := []hclAttr{{"Effect", hclString(string(s.Effect))}, {"Action", hclList(s.Action, si)}}
		if len(s.Resource) > 0 {
			attrs = append(attrs, hclAttr{"Resource", hclList(s.Resource, si)})
		}
		if p := s.Principal; p != nil {
			var pa []hclAttr
			for _, kv := range []struct {
				k string
				l policy.List
			}{{"Service", p.Service}, {"RAM", p.RAM}, {"Federated", p.Federated}} {
				if len(kv.l) > 0 {
					pa = append(pa, hclAttr{kv.k, hclList(kv.l, si+"  ")})
				}
			}
			attrs = append(attrs, hclAttr{"Principal", hclObject(pa, si)})
		}
		if len(s.Condition) > 0 {
			attrs = append(attrs, hclAttr{"Condition", hclCondition(s.Condition, si)})
		}
		stmts.WriteString(li + hclObject(attrs, li) + ",\n")
	}
	stmts.WriteString(in + "]")
	return "jsonencode(" + hclObject([]hclAttr{{"Version", hclString(d.Version)}, {"Statement", stmts.String()}}, indent) + ")"
}

func hclCondition(c map[string]map[string]policy.List, indent string) string {
	ops := make([]string, 0, len(c))
	for op := range c {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	var attrs []hclAttr
	for _, op := range ops {
		keys := make([]string, 0, len(c[op]))
		for k := range c[op] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var inner []hclAttr
		for _, k := range keys {
			inner = append(inner, hclAttr{hclString(k), hclList(c[op][k], indent+"    ")})
		}
		attrs = append(attrs, hclAttr{hclString(op), hclObject(inner, indent+"  ")})
	}
	return hclObject(attrs, indent)
}
