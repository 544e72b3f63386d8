package cloud

import (
	"context"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps"
)

// verificationKey is the spec's sample key, or one read from the table.
func (r *run) verificationKey(ctx context.Context) ([]string, error) {
	if len(r.spec.Tablestore.SampleKey) > 0 {
		return r.spec.Tablestore.SampleKey, nil
	}
	v, err := r.lookTable(ctx)
	if err != nil || !v.exists || r.keyMismatch(v.meta) != nil {
		return nil, err
	}
	return r.sampleKey(ctx)
}

// verify runs the verification query and returns its rows, header first.
func (r *run) verify(ctx context.Context) (steps.Outcome, error) {
	key, err := r.verificationKey(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	spec := r.spec
	spec.Tablestore.SampleKey = key
	query := steps.VerificationQuery(spec)
	text, err := r.runSQL(ctx, query)
	if err != nil {
		return steps.Outcome{}, err
	}
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return steps.Outcome{}, fmt.Errorf("verify: the query's result is not CSV: %w", err)
	}
	out := steps.Outcome{Action: steps.ActionInPlace, Rows: rows,
		Details: []string{"query: " + strings.TrimSpace(query)}, Discovered: steps.Discovery{SampleKey: key}}
	switch n := max(len(rows)-1, 0); n {
	case 0:
		out.Summary = "the verification query ran and returned no rows: the table is empty, or holds nothing at the sample key"
	case 1:
		out.Summary = "the verification query returned 1 row from Tablestore"
	default:
		out.Summary = fmt.Sprintf("the verification query returned %d rows from Tablestore", n)
	}
	return out, nil
}

// observeVerify runs the query when the external table is already as
// wanted (a SELECT writes nothing), so a finished setup shows its rows in
// the plan; otherwise the query runs after the other steps.
func (r *run) observeVerify(ctx context.Context) (steps.Outcome, error) {
	later := func(why string, details ...string) (steps.Outcome, error) {
		return steps.Outcome{Action: steps.ActionCreate, Summary: "run the verification query " + why, Details: details}, nil
	}
	v, err := r.lookExternal(ctx)
	switch {
	case err != nil:
		return steps.Outcome{}, err
	case !v.exists:
		return later("once the external table exists")
	case v.foreign:
		return steps.Outcome{Action: steps.ActionInPlace, Summary: "no verification: the external table step is blocked"}, nil
	case len(v.diff) > 0:
		return later("once the external table is replaced")
	}
	out, err := r.verify(ctx)
	if err != nil {
		if KindOf(err) == KindCanceled {
			return steps.Outcome{}, err
		}
		details := []string{err.Error()}
		if d, ok := DiagnosisOf(err); ok {
			details = append(details, fmt.Sprintf("broken link: %s — %s; %s", d.Link, d.Cause, d.Fix))
		}
		return later("again after the other steps: it fails now", details...)
	}
	return out, nil
}

// applyVerify runs the query; its outcome says "create" in the sense of a
// new run of the query, which writes nothing.
func (r *run) applyVerify(ctx context.Context) (steps.Outcome, error) {
	out, err := r.verify(ctx)
	if err == nil {
		out.Action = steps.ActionCreate
	}
	return out, err
}
