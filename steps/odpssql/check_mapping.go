package odpssql

import (
	"fmt"
	"strings"
)

// TSColumn is a Tablestore column as DescribeTable or the spec gives it:
// its case-sensitive name and its type, one of INTEGER, STRING, BINARY,
// DOUBLE, BOOLEAN.
type TSColumn struct{ Name, Type string }

// externalReadable are the MaxCompute types a Tablestore column can be read
// as: the five of the type table, and timestamp over an INTEGER holding time.
var externalReadable = []string{"bigint", "string", "double", "boolean", "binary", "timestamp"}

func isNarrowInt(t string) bool { return t == "int" || t == "smallint" || t == "tinyint" }

// CheckMapping checks an external table's columns against its
// 'tablestore.columns.mapping' and, when pk is not nil, against the
// Tablestore table's primary key (in key order) and attribute columns
// (attrs nil means the attributes are unknown: Tablestore does not require
// them to be declared). Findings about a column carry the column's Pos;
// findings about the mapping carry the zero Pos, since only the caller knows
// where the mapping was written.
func CheckMapping(cols []ColumnDef, mapping []MappingEntry, pk, attrs []TSColumn) []Finding {
	c := mappingCheck{cols: cols, m: mapping, pk: pk, attrs: attrs,
		entryPos: func(int) Pos { return Pos{} }}
	c.run()
	return c.out
}

type mappingCheck struct {
	cols      []ColumnDef
	m         []MappingEntry
	pk, attrs []TSColumn
	entryPos  func(i int) Pos // where entry i was written
	whole     Pos             // where the mapping value was written
	out       []Finding
}

func (c *mappingCheck) add(at Pos, sev Severity, code, fix, format string, args ...any) {
	c.out = append(c.out, Finding{Pos: at, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...), Fix: fix})
}

func (c *mappingCheck) run() {
	c.checkDuplicates()
	c.checkCount()
	c.checkPrimaryKey()
	c.checkAttributes()
	c.checkTypes()
	c.checkNameOrder()
}

func tsLookup(cols []TSColumn, name string) (TSColumn, int, bool) {
	for i, col := range cols {
		if col.Name == name {
			return col, i, true
		}
	}
	return TSColumn{}, -1, false
}

func names(cols []TSColumn) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func (c *mappingCheck) checkDuplicates() {
	first := map[string]int{}
	for i, e := range c.m {
		if j, dup := first[e.Name]; dup {
			c.add(c.entryPos(i), Error, "mapping-duplicate", "remove one of them",
				"Tablestore column %s is mapped twice (entries %d and %d)", quoteShown(e.Name), j+1, i+1)
			continue
		}
		first[e.Name] = i
	}
}

func (c *mappingCheck) checkCount() {
	if len(c.m) == len(c.cols) || len(c.cols) == 0 {
		return
	}
	var fix string
	if len(c.m) > len(c.cols) {
		var extra []string
		for _, e := range c.m[len(c.cols):] {
			extra = append(extra, e.String())
		}
		fix = fmt.Sprintf("add columns for %s, or remove them from the mapping", strings.Join(extra, ", "))
	} else {
		var missing []string
		for _, col := range c.cols[len(c.m):] {
			missing = append(missing, col.Name)
		}
		fix = fmt.Sprintf("add mapping entries for column %s, or drop the column", strings.Join(missing, ", "))
	}
	c.add(c.whole, Error, "mapping-count", fix,
		"tablestore.columns.mapping has %d entries but the table declares %d columns; entry N feeds column N, so the counts must match",
		len(c.m), len(c.cols))
}

func (c *mappingCheck) checkPrimaryKey() {
	var keyEntries []int
	for i, e := range c.m {
		if e.PrimaryKey {
			keyEntries = append(keyEntries, i)
		}
	}
	if len(keyEntries) == 0 && len(c.m) > 0 {
		fix := "prefix each Tablestore primary-key column with ':', e.g. ':vid,:gt,speed'"
		if len(c.pk) > 0 {
			fix = "prefix the primary-key columns with ':': " + colonList(names(c.pk))
		}
		c.add(c.whole, Error, "mapping-no-pk", fix,
			"tablestore.columns.mapping marks no primary-key column; every Tablestore primary-key column must be listed with a leading ':'")
	}
	c.checkKeysFirst()
	if c.pk == nil {
		if len(keyEntries) > 4 {
			c.add(c.entryPos(keyEntries[4]), Error, "mapping-pk-count", "keep the ':' only on the table's primary-key columns",
				"tablestore.columns.mapping marks %d primary-key columns; a Tablestore table has at most 4", len(keyEntries))
		}
		return
	}
	pkNames := strings.Join(names(c.pk), ", ")
	for _, k := range c.pk {
		i := c.entryIndex(k.Name)
		if i < 0 {
			msg := fmt.Sprintf("Tablestore primary-key column %s is not in tablestore.columns.mapping; every primary-key column must be mapped", quoteShown(k.Name))
			if j := c.entryIndexFold(k.Name); j >= 0 {
				msg += fmt.Sprintf(" (the mapping has %s, but Tablestore names are case-sensitive)", quoteShown(c.m[j].Name))
			}
			c.add(c.whole, Error, "mapping-pk-missing", fmt.Sprintf("add ':%s' to the mapping, and a column for it", k.Name), "%s", msg)
			continue
		}
		if !c.m[i].PrimaryKey {
			c.add(c.entryPos(i), Error, "mapping-pk-colon", fmt.Sprintf("write ':%s'", k.Name),
				"%s is a primary-key column of the Tablestore table but is mapped without ':', as if it were an attribute",
				quoteShown(k.Name))
		}
	}
	for _, i := range keyEntries {
		e := c.m[i]
		if _, _, ok := tsLookup(c.pk, e.Name); ok {
			continue
		}
		if _, _, ok := tsLookup(c.attrs, e.Name); ok {
			c.add(c.entryPos(i), Error, "mapping-not-pk", fmt.Sprintf("write '%s' without ':'", e.Name),
				"%s is an attribute column, not part of the Tablestore primary key (%s)", quoteShown(e.Name), pkNames)
			continue
		}
		c.add(c.entryPos(i), Error, "mapping-not-pk", fmt.Sprintf("remove ':%s', or use one of %s", e.Name, pkNames),
			"':%s' marks a primary-key column, but the Tablestore primary key is (%s)", e.Name, pkNames)
	}
	// The key columns that are mapped must come in key order.
	var mapped, want []string
	for _, e := range c.m {
		if _, _, ok := tsLookup(c.pk, e.Name); ok && !contains(mapped, e.Name) {
			mapped = append(mapped, e.Name)
		}
	}
	for _, k := range c.pk {
		if contains(mapped, k.Name) {
			want = append(want, k.Name)
		}
	}
	if strings.Join(mapped, ",") != strings.Join(want, ",") {
		c.add(c.whole, Error, "mapping-pk-order",
			fmt.Sprintf("list them as %s, with the columns in the same order", colonList(want)),
			"primary-key columns are mapped in the order %s, but the Tablestore primary key is (%s)",
			strings.Join(mapped, ", "), pkNames)
	}
}

// checkKeysFirst warns when a key entry follows an attribute: the handler
// reads keys positionally, so keys belong first.
func (c *mappingCheck) checkKeysFirst() {
	isKey := func(e MappingEntry) bool {
		_, _, inKey := tsLookup(c.pk, e.Name)
		return e.PrimaryKey || inKey
	}
	firstAttr := -1
	for i, e := range c.m {
		if !isKey(e) {
			if firstAttr < 0 {
				firstAttr = i
			}
			continue
		}
		if firstAttr >= 0 {
			c.add(c.entryPos(i), Warning, "mapping-pk-first", "list all primary-key columns first, in key order",
				"primary-key entry ':%s' comes after attribute %s", e.Name, quoteShown(c.m[firstAttr].Name))
			return
		}
	}
}

func (c *mappingCheck) checkAttributes() {
	if c.pk == nil || c.attrs == nil {
		return
	}
	for i, e := range c.m {
		if e.PrimaryKey {
			continue
		}
		if _, _, ok := tsLookup(c.pk, e.Name); ok {
			continue
		}
		if _, _, ok := tsLookup(c.attrs, e.Name); ok {
			continue
		}
		fix := "check the spelling against the Tablestore table"
		if near, ok := nearMiss(e.Name, names(c.attrs)); ok {
			fix = fmt.Sprintf("did you mean %s?", quoteShown(near))
		}
		known := strings.Join(names(c.attrs), ", ")
		if known == "" {
			known = "none are listed"
		}
		c.add(c.entryPos(i), Warning, "mapping-unknown-column", fix,
			"%s is not one of the Tablestore table's known attribute columns (%s); it reads as NULL in rows that lack it",
			quoteShown(e.Name), known)
	}
}

// tsType finds the Tablestore type of a mapped column and whether it is a key.
func (c *mappingCheck) tsType(e MappingEntry) (typ string, key, known bool) {
	if col, _, ok := tsLookup(c.pk, e.Name); ok {
		return strings.ToUpper(col.Type), true, true
	}
	if col, _, ok := tsLookup(c.attrs, e.Name); ok {
		return strings.ToUpper(col.Type), false, true
	}
	return "", e.PrimaryKey, false
}

// isMaxComputeType reports whether a canonical type names a MaxCompute type;
// the parser has already reported any other.
func isMaxComputeType(t string) bool {
	if i := strings.IndexAny(t, "(<"); i >= 0 {
		t = t[:i]
	}
	return contains(maxComputeTypes, t) && typeMistakes[t] == ""
}

func (c *mappingCheck) checkTypes() {
	for i, col := range c.cols {
		if !isMaxComputeType(col.Type) {
			continue
		}
		if i >= len(c.m) {
			c.checkReadable(col, false)
			continue
		}
		e := c.m[i]
		ts, key, known := c.tsType(e)
		if !known {
			c.checkReadable(col, key)
			continue
		}
		what := "Tablestore column"
		if key {
			what = "Tablestore primary-key column"
		}
		if col.Type == "timestamp" {
			if ts != TSInteger {
				want, _ := ExternalType(ts)
				c.add(col.Pos, Error, "mapping-type", fmt.Sprintf("declare `%s` %s", col.Name, want),
					"column %s is timestamp, which reads a Tablestore INTEGER holding time, but %s %s is %s",
					col.Name, what, quoteShown(e.Name), ts)
			}
			continue
		}
		if CheckCompatible(ts, col.Type) == nil {
			continue
		}
		want, ok := ExternalType(ts)
		if !ok {
			c.add(col.Pos, Error, "mapping-type", "use one of INTEGER, STRING, BINARY, DOUBLE, BOOLEAN in the table description",
				"%s %s has type %s, which Tablestore does not have", what, quoteShown(e.Name), quoteShown(ts))
			continue
		}
		fix := fmt.Sprintf("declare `%s` %s", col.Name, want)
		switch {
		case isNarrowInt(col.Type) && ts == TSInteger:
			sev, tail := Warning, ""
			if key {
				sev, tail = Error, "; a primary key must be read whole"
			}
			c.add(col.Pos, sev, "int-for-integer", fix,
				"column %s is %s, but %s %s is a 64-bit INTEGER: values beyond %s's range cannot be read%s",
				col.Name, col.Type, what, quoteShown(e.Name), col.Type, tail)
		case key:
			c.add(col.Pos, Error, "mapping-type", fix,
				"column %s is declared %s, but %s %s is %s; reading fails with \"PrimaryKeyValue is not %s type\"",
				col.Name, col.Type, what, quoteShown(e.Name), ts, strings.ToUpper(col.Type))
		default:
			c.add(col.Pos, Error, "mapping-type", fix,
				"column %s is declared %s, but %s %s is %s", col.Name, col.Type, what, quoteShown(e.Name), ts)
		}
	}
}

// checkReadable checks a column whose Tablestore type is not known: its type
// must be one a Tablestore column can be read as.
func (c *mappingCheck) checkReadable(col ColumnDef, key bool) {
	switch {
	case isNarrowInt(col.Type):
		c.add(col.Pos, Warning, "int-for-integer", fmt.Sprintf("declare `%s` bigint", col.Name),
			"column %s is %s, but Tablestore integers are 64-bit INTEGER, read as bigint; larger values (epoch milliseconds, say) cannot be read",
			col.Name, col.Type)
	case key && !contains([]string{"bigint", "string", "binary"}, col.Type):
		c.add(col.Pos, Error, "pk-type", fmt.Sprintf("declare `%s` bigint, string or binary to match the key's Tablestore type", col.Name),
			"column %s is %s, but it feeds a primary-key column, and Tablestore primary keys are INTEGER, STRING or BINARY (bigint, string or binary here)",
			col.Name, col.Type)
	case !contains(externalReadable, col.Type):
		fix := "use bigint, string, double, boolean or binary"
		switch {
		case col.Type == "float" || strings.HasPrefix(col.Type, "decimal"):
			fix = fmt.Sprintf("declare `%s` double", col.Name)
		case strings.HasPrefix(col.Type, "varchar") || strings.HasPrefix(col.Type, "char"):
			fix = fmt.Sprintf("declare `%s` string", col.Name)
		}
		c.add(col.Pos, Error, "type-unsupported", fix,
			"column %s is %s, which no Tablestore column type maps to", col.Name, col.Type)
	}
}

// checkNameOrder warns when a column is fed by one mapping entry while
// another entry carries the column's own name: the mapping pairs by
// position, and a reordered list silently swaps data.
func (c *mappingCheck) checkNameOrder() {
	for i, col := range c.cols {
		if i >= len(c.m) || strings.EqualFold(c.m[i].Name, col.Name) {
			continue
		}
		j := c.entryIndexFold(col.Name)
		if j < 0 || j == i {
			continue
		}
		c.add(col.Pos, Warning, "mapping-order", "put the mapping entries in the order of the columns",
			"column %s is fed by mapping entry %d (%s), while the entry named %s is number %d; the mapping pairs columns by position, not by name",
			col.Name, i+1, quoteShown(c.m[i].Name), quoteShown(c.m[j].Name), j+1)
	}
}

func (c *mappingCheck) entryIndex(name string) int {
	for i, e := range c.m {
		if e.Name == name {
			return i
		}
	}
	return -1
}

func (c *mappingCheck) entryIndexFold(name string) int {
	for i, e := range c.m {
		if strings.EqualFold(e.Name, name) {
			return i
		}
	}
	return -1
}

func colonList(ns []string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = ":" + n
	}
	return "'" + strings.Join(parts, ",") + "'"
}
