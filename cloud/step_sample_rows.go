package cloud

import (
	"context"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps"
)

// maxRowsPerBatch is BatchWriteRow's limit of rows per call.
const maxRowsPerBatch = 200

// sampleKey reads the table's first row and returns the value of its
// first primary-key column: the verification query selects on that prefix
// (a range read of a few rows, never a scan); none when the table is empty.
func (r *run) sampleKey(ctx context.Context) ([]string, error) {
	t := r.spec.Tablestore
	var rows []Row
	readOne := func() error {
		return r.read(ctx, "GetRange "+t.Table+" (1 row)", func(ctx context.Context) error {
			var err error
			rows, err = r.tables().GetRange(ctx, t.Table, keyNames(t.PrimaryKey), 1)
			return err
		})
	}
	err := readOne()
	if KindOf(err) == KindBusy {
		// A table created moments ago (by an interrupted run, say) is
		// still loading: wait for it as the table step would.
		if err = r.waitTableReady(ctx); err == nil {
			err = readOne()
		}
	}
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	if len(rows[0].Key) == 0 {
		return nil, nil
	}
	return []string{rows[0].Key[0].Value.String()}, nil
}

func sampleSummary(table string, pk []steps.Column, key []string) string {
	parts := make([]string, 0, len(key))
	for i, v := range key {
		if i < len(pk) {
			parts = append(parts, pk[i].Name+"="+v)
		}
	}
	return fmt.Sprintf("the verification query reads table %s at %s", table, strings.Join(parts, ", "))
}

func (r *run) observeSampleRows(ctx context.Context) (steps.Outcome, error) {
	t := r.spec.Tablestore
	if len(t.SampleKey) > 0 {
		return steps.Outcome{Action: steps.ActionInPlace, Summary: "the spec names a sample key: " + sampleSummary(t.Table, t.PrimaryKey, t.SampleKey)}, nil
	}
	v, err := r.lookTable(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	if !v.exists {
		if r.s.opts.DemoRows > 0 {
			return steps.Outcome{Action: steps.ActionCreate,
				Summary: fmt.Sprintf("write %d demo rows into the new table %s and take a sample key from them", r.s.opts.DemoRows, t.Table)}, nil
		}
		return steps.Outcome{Action: steps.ActionInPlace,
			Summary: fmt.Sprintf("no demo rows asked for: the verification query reads whatever the new table %s holds", t.Table)}, nil
	}
	if r.keyMismatch(v.meta) != nil {
		return steps.Outcome{Action: steps.ActionInPlace, Summary: "no sample key: the table step is blocked"}, nil
	}
	key, err := r.sampleKey(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	if len(key) == 0 {
		return steps.Outcome{Action: steps.ActionInPlace,
			Summary: fmt.Sprintf("table %s is empty: the verification query returns rows once data arrives", t.Table)}, nil
	}
	return steps.Outcome{Action: steps.ActionInPlace, Summary: sampleSummary(t.Table, t.PrimaryKey, key),
		Discovered: steps.Discovery{SampleKey: key}}, nil
}

func (r *run) applySampleRows(ctx context.Context) (steps.Outcome, error) {
	t := r.spec.Tablestore
	out := steps.Outcome{Action: steps.ActionInPlace}
	if r.s.opts.DemoRows > 0 && r.s.createdTable(r.spec.Region, t.Instance, t.Table) {
		rows := DemoRows(t, r.s.opts.DemoRows)
		for start := 0; start < len(rows); start += maxRowsPerBatch {
			batch := rows[start:min(start+maxRowsPerBatch, len(rows))]
			// PUT of fixed rows: writing them twice changes nothing.
			err := r.write(ctx, fmt.Sprintf("BatchWriteRow %s (%d demo rows)", t.Table, len(batch)), func(ctx context.Context) error {
				return r.tables().PutRows(ctx, t.Table, batch)
			})
			if err != nil {
				return steps.Outcome{}, err
			}
		}
		out.Action = steps.ActionCreate
		out.Details = append(out.Details, fmt.Sprintf("wrote %d demo rows into %s, which this run created", len(rows), t.Table))
	} else if r.s.opts.DemoRows > 0 {
		out.Details = append(out.Details, fmt.Sprintf("no demo rows: table %s was not created by this run, and the wizard writes only into tables it created", t.Table))
	}
	if len(t.SampleKey) > 0 {
		out.Summary = "the spec names a sample key: " + sampleSummary(t.Table, t.PrimaryKey, t.SampleKey)
		return out, nil
	}
	key, err := r.sampleKey(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	if len(key) == 0 {
		out.Summary = fmt.Sprintf("table %s is empty: no sample key", t.Table)
		return out, nil
	}
	out.Summary = sampleSummary(t.Table, t.PrimaryKey, key)
	out.Discovered.SampleKey = key
	return out, nil
}
