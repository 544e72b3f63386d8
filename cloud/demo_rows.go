package cloud

import (
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps"
)

// DemoRows makes n deterministic rows for a table of the spec's shape: the
// same spec always gives the same rows, so writing them twice changes
// nothing. With a two-or-more-column key, the first column groups rows four
// at a time (like four readings of one vehicle), so a key prefix finds
// several rows.
func DemoRows(t steps.Tablestore, n int) []Row {
	rows := make([]Row, 0, n)
	group := 1
	if len(t.PrimaryKey) > 1 {
		group = 4
	}
	for i := range n {
		var row Row
		for j, c := range t.PrimaryKey {
			k := i
			switch {
			case j == 0:
				k = i / group
			case j == 1:
				k = i % group
			}
			row.Key = append(row.Key, Cell{Name: c.Name, Value: demoValue(c, j, k)})
		}
		for j, c := range t.Columns {
			row.Attrs = append(row.Attrs, Cell{Name: c.Name, Value: demoValue(c, j+len(t.PrimaryKey), i)})
		}
		rows = append(rows, row)
	}
	return rows
}

// demoValue is the value of column c (the j-th of the row) in row or group k.
func demoValue(c steps.Column, j, k int) Value {
	typ := strings.ToUpper(c.Type)
	switch typ {
	case "INTEGER":
		base := int64(1001)
		if j == 1 {
			base = 1700000000 // a time in seconds, 60 s apart
			return Value{Type: typ, Int: base + int64(k)*60}
		}
		return Value{Type: typ, Int: base + int64(k)}
	case "STRING":
		return Value{Type: typ, Str: fmt.Sprintf("%s-%04d", c.Name, k)}
	case "BINARY":
		return Value{Type: typ, Bytes: []byte(fmt.Sprintf("%s-%d", c.Name, k))}
	case "DOUBLE":
		return Value{Type: typ, Float: float64(j)*10 + float64(k)*0.25}
	case "BOOLEAN":
		return Value{Type: typ, Bool: k%2 == 0}
	}
	return Value{Type: "STRING", Str: fmt.Sprintf("%d", k)}
}
