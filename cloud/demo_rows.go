package cloud

import "github.com/mcots/wizard/steps"

// DemoRows makes n deterministic rows for a table of the spec's shape
// (steps.DemoRows): the same spec always gives the same rows, so writing them
// twice changes nothing, and a key prefix finds one vehicle's several rows.
func DemoRows(t steps.Tablestore, n int) []Row {
	demo := steps.DemoRows(t, n)
	rows := make([]Row, len(demo))
	for i, d := range demo {
		rows[i] = Row{Key: demoCells(d.Key), Attrs: demoCells(d.Attrs)}
	}
	return rows
}

func demoCells(cs []steps.DemoCell) []Cell {
	out := make([]Cell, len(cs))
	for i, c := range cs {
		out[i] = Cell{Name: c.Name, Value: Value{Type: c.Type, Int: c.Int, Float: c.Float, Str: c.Str, Bytes: c.Bytes, Bool: c.Bool}}
	}
	return out
}
