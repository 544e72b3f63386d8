package steps

import (
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps/odpssql"
)

// maxExternalColumns is MaxCompute's limit on the columns of one table.
const maxExternalColumns = 1200

// mapping checks the external columns against the Tablestore table: one
// entry per external column, every primary-key column present with ':' and
// in key order, each type able to hold its column. A derived mapping can
// only go wrong through the Tablestore column names, so its problems are
// reported against those columns, the fields the user actually wrote.
func (v *validation) mapping(t Tablestore, m []Mapping, derived bool) {
	if len(m) > maxExternalColumns {
		v.err("external_table.mapping", fmt.Sprintf("has %d columns; a MaxCompute table has at most %d", len(m), maxExternalColumns),
			"map only the columns you query")
	}
	if derived {
		v.derivedMapping(t, m)
		return
	}
	if len(m) == 0 {
		return // tablestore.primary_key is empty and already reported
	}

	keyIndex := map[string]int{}
	for i, k := range t.PrimaryKey {
		keyIndex[k.Name] = i
	}
	attrType := map[string]string{}
	for _, c := range t.Columns {
		attrType[c.Name] = c.Type
	}

	columns := map[string]int{} // lowercased external column → first entry
	sources := map[string]int{} // Tablestore column → first entry
	keyOrder := []int{}         // key positions in mapping order
	lastKeyEntry, firstAttrEntry := -1, -1
	for i, e := range m {
		f := fmt.Sprintf("external_table.mapping[%d]", i)
		if v.field(f+".column", e.Column) {
			low := strings.ToLower(e.Column)
			if first, dup := columns[low]; dup {
				v.err(f+".column", fmt.Sprintf("%q repeats external_table.mapping[%d].column (MaxCompute names ignore case)", e.Column, first),
					"give every external column its own name")
			} else {
				columns[low] = i
			}
		}
		if !v.field(f+".source", e.Source) {
			v.field(f+".type", e.Type)
			continue
		}
		src := e.SourceColumn()
		if first, dup := sources[src]; dup {
			v.err(f+".source", fmt.Sprintf("%q is already read by external_table.mapping[%d]", src, first), "map each Tablestore column once")
		} else {
			sources[src] = i
		}
		ki, isKey := keyIndex[src]
		at, isAttr := attrType[src]
		switch {
		case isKey && !e.IsKey():
			v.err(f+".source", fmt.Sprintf("%q is a primary-key column and needs the ':' marker", src), fmt.Sprintf("write %q", ":"+src))
		case !isKey && e.IsKey() && isAttr:
			v.err(f+".source", fmt.Sprintf("%q marks %s as a primary-key column, but the key is %s", e.Source, src, keyNames(t)), fmt.Sprintf("write %q", src))
		case !isKey && !isAttr:
			v.err(f+".source", fmt.Sprintf("%q is not a column of tablestore.primary_key or tablestore.columns", src),
				"correct the name, or add the column with its type to tablestore.columns")
		}
		switch {
		case isKey:
			keyOrder = append(keyOrder, ki)
			lastKeyEntry = i
			v.mappingType(f+".type", e.Type, src, t.PrimaryKey[ki].Type, true)
		case isAttr:
			if firstAttrEntry < 0 {
				firstAttrEntry = i
			}
			v.mappingType(f+".type", e.Type, src, at, false)
		default:
			v.field(f+".type", e.Type)
		}
	}

	for _, k := range t.PrimaryKey {
		if _, ok := sources[k.Name]; !ok && k.Name != "" {
			ext, _ := odpssql.ExternalType(k.Type)
			v.err("external_table.mapping", fmt.Sprintf("does not map primary-key column %s; the Tablestore handler needs every key column", k.Name),
				fmt.Sprintf("add {column: %s, type: %s, source: \":%s\"}", k.Name, ext, k.Name))
		}
	}
	for i := 1; i < len(keyOrder); i++ {
		if keyOrder[i] < keyOrder[i-1] {
			v.err("external_table.mapping", fmt.Sprintf("maps the primary key in the order %s; the table's key order is %s", orderNames(t, keyOrder), keyNames(t)),
				"list the key columns in key order")
			break
		}
	}
	if firstAttrEntry >= 0 && firstAttrEntry < lastKeyEntry {
		v.warn("external_table.mapping", "puts an attribute column before a primary-key column",
			"list the primary-key columns first, as the Tablestore documentation does")
	}
}

// mappingType checks an external column type against the Tablestore column it reads.
func (v *validation) mappingType(field, extType, col, tsType string, key bool) {
	want, known := odpssql.ExternalType(tsType)
	if !known || key && !odpssql.IsPrimaryKeyType(tsType) {
		v.field(field, extType) // the Tablestore type is reported where it is declared
		return
	}
	if extType == "" {
		v.err(field, "is required", "write "+want)
		return
	}
	if odpssql.CheckCompatible(tsType, extType) == nil {
		return
	}
	ts := strings.ToUpper(tsType)
	kind := "column"
	if key {
		kind = "primary-key column"
	}
	got := strings.ToLower(strings.TrimSpace(extType))
	var rule string
	switch {
	case ts == odpssql.TSInteger && (got == "int" || got == "smallint" || got == "tinyint"):
		rule = fmt.Sprintf("%q cannot hold %s, a Tablestore INTEGER %s, which is 64-bit", extType, col, kind)
	case key && got == "string":
		// The failure users report for this mistake (a STRING-declared key
		// over an INTEGER one) surfaces only when the first read runs.
		rule = fmt.Sprintf("%q does not match %s, a Tablestore %s %s; reads fail with \"PrimaryKeyValue is not STRING type\"", extType, col, ts, kind)
	default:
		rule = fmt.Sprintf("%q does not match %s, a Tablestore %s %s", extType, col, ts, kind)
	}
	v.err(field, rule, "write "+want)
}

// derivedMapping reports external column names the derivation produced that
// MaxCompute refuses, against the Tablestore column they came from.
func (v *validation) derivedMapping(t Tablestore, m []Mapping) {
	columns := map[string]string{}
	check, _ := fieldCheck("external_table.mapping[].column")
	for i, e := range m {
		f := fmt.Sprintf("tablestore.primary_key[%d].name", i)
		if i >= len(t.PrimaryKey) {
			f = fmt.Sprintf("tablestore.columns[%d].name", i-len(t.PrimaryKey))
		}
		if e.Column == "" {
			continue // reported as a missing Tablestore column name
		}
		if p := check(e.Column); p != nil {
			v.err(f, "becomes an external column of the same name, and "+p.Rule,
				"rename the column, or write external_table.mapping with a MaxCompute name for it")
			continue
		}
		low := strings.ToLower(e.Column)
		if first, dup := columns[low]; dup {
			v.err(f, fmt.Sprintf("%q and %s become the same external column (MaxCompute names ignore case)", e.Column, first),
				"write external_table.mapping with distinct external names")
			continue
		}
		columns[low] = f
	}
}

func keyNames(t Tablestore) string {
	names := make([]string, len(t.PrimaryKey))
	for i, k := range t.PrimaryKey {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

func orderNames(t Tablestore, order []int) string {
	names := make([]string, len(order))
	for i, k := range order {
		names[i] = t.PrimaryKey[k].Name
	}
	return strings.Join(names, ", ")
}
