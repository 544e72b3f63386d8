package cloud

import (
	"context"
	"maps"
	"slices"

	"github.com/mcots/wizard/steps"
)

// DiscoverTable proposes the mapping form's input for an existing table:
// its primary key from DescribeTable, and the attribute columns and their
// types from a bounded sample of rows (Tablestore attributes have no
// schema; a column seen with several types takes the most frequent one).
func (s *session) DiscoverTable(ctx context.Context, region, instance, table string, sampleRows int) (TableDiscovery, error) {
	if sampleRows <= 0 {
		sampleRows = DefaultDiscoverRows
	}
	tables := s.a.Tables(region, instance)
	var meta TableMeta
	err := s.opts.Retry.retry(ctx, callRead, func(ctx context.Context) error {
		var err error
		meta, err = tables.DescribeTable(ctx, table)
		return err
	}, nil)
	if err != nil {
		return TableDiscovery{}, err
	}
	var rows []Row
	err = s.opts.Retry.retry(ctx, callRead, func(ctx context.Context) error {
		var err error
		rows, err = tables.GetRange(ctx, table, keyNames(meta.PrimaryKey), sampleRows)
		return err
	}, nil)
	if err != nil {
		return TableDiscovery{}, err
	}
	d := TableDiscovery{
		Tablestore:  steps.Tablestore{Instance: instance, Table: table, PrimaryKey: meta.PrimaryKey},
		SampledRows: len(rows),
	}
	d.Tablestore.Columns = attributeColumns(meta.Defined, rows)
	if len(rows) > 0 && len(rows[0].Key) > 0 {
		d.SampleKey = []string{rows[0].Key[0].Value.String()} // a key prefix: see sampleKey
	}
	return d, nil
}

// attributeColumns lists the declared columns, then every other attribute
// in the order first seen, each with its most frequent type.
func attributeColumns(defined []steps.Column, rows []Row) []steps.Column {
	var order []string
	counts := map[string]map[string]int{}
	firstType := map[string]string{}
	see := func(name, typ string) {
		if counts[name] == nil {
			counts[name] = map[string]int{}
			order = append(order, name)
			firstType[name] = typ
		}
		counts[name][typ]++
	}
	for _, c := range defined {
		see(c.Name, c.Type)
	}
	for _, r := range rows {
		for _, c := range r.Attrs {
			see(c.Name, c.Value.Type)
		}
	}
	out := make([]steps.Column, 0, len(order))
	for _, name := range order {
		// Ties keep the type seen first; map order never decides.
		best := firstType[name]
		for _, typ := range slices.Sorted(maps.Keys(counts[name])) {
			if counts[name][typ] > counts[name][best] {
				best = typ
			}
		}
		out = append(out, steps.Column{Name: name, Type: best})
	}
	return out
}
