package cloud

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mcots/wizard/steps"
)

func (r *run) maxcompute() MaxCompute { return r.s.b.MaxCompute(r.spec.Region) }

// externalView is what observing the external table found.
type externalView struct {
	exists  bool
	table   ExternalTable
	diff    []string // how it differs from the spec; empty when it matches
	foreign bool     // not a Tablestore external table: never replaced
}

func (r *run) lookExternal(ctx context.Context) (externalView, error) {
	var v externalView
	project, name := r.spec.MaxCompute.Project, r.spec.ExternalTable.Name
	var err error
	v.table, v.exists, err = readFound(ctx, r, "GetTable "+project+"."+name, func(ctx context.Context) (ExternalTable, error) {
		return r.maxcompute().GetTable(ctx, project, name)
	})
	if !v.exists {
		return v, err
	}
	v.foreign = !v.table.IsExternal || !strings.EqualFold(v.table.StorageHandler, steps.StorageHandler)
	if !v.foreign {
		v.diff = ExternalTableDiff(v.table, r.spec)
	}
	return v, nil
}

// ExternalTableDiff lists how an existing external table differs from what
// the spec's DDL would create: columns, storage handler, LOCATION and
// SERDEPROPERTIES. Names and types compare without case, the mapping
// without spaces, the role ARN without case.
func ExternalTableDiff(t ExternalTable, spec steps.Spec) []string {
	spec = spec.WithDefaults()
	var diff []string
	var want []Column
	for _, m := range spec.ExternalTable.Mapping {
		want = append(want, Column{Name: strings.ToLower(m.Column), Type: strings.ToLower(m.Type)})
	}
	have := make([]Column, len(t.Columns))
	for i, c := range t.Columns {
		have[i] = Column{Name: strings.ToLower(c.Name), Type: strings.ToLower(c.Type)}
	}
	if !slices.Equal(have, want) {
		diff = append(diff, fmt.Sprintf("columns: (%s) → (%s)", columnsText(have), columnsText(want)))
	}
	if !strings.EqualFold(t.StorageHandler, steps.StorageHandler) {
		diff = append(diff, fmt.Sprintf("storage handler: %s → %s", t.StorageHandler, steps.StorageHandler))
	}
	if wantLoc := steps.Location(spec); !strings.EqualFold(strings.TrimRight(t.Location, "/"), wantLoc) {
		diff = append(diff, fmt.Sprintf("LOCATION: %s → %s", t.Location, wantLoc))
	}
	wantProps := map[string]string{}
	for _, p := range steps.SerdeProperties(spec) {
		wantProps[p.Key] = p.Value
	}
	keys := slices.Sorted(maps.Keys(wantProps))
	for k := range t.Properties {
		if _, ok := wantProps[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		h, hok := t.Properties[k]
		w, wok := wantProps[k]
		switch {
		case !hok:
			diff = append(diff, fmt.Sprintf("'%s': (absent) → '%s'", k, w))
		case !wok:
			diff = append(diff, fmt.Sprintf("'%s': '%s' → (absent)", k, h))
		case !sameProperty(k, h, w):
			diff = append(diff, fmt.Sprintf("'%s': '%s' → '%s'", k, h, w))
		}
	}
	return diff
}

func sameProperty(key, a, b string) bool {
	switch key {
	case "tablestore.columns.mapping":
		strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
		return strip(a) == strip(b)
	case "odps.properties.rolearn":
		return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
	}
	return a == b
}

func columnsText(cols []Column) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.Name + " " + c.Type
	}
	return strings.Join(parts, ", ")
}

// CreateExternalTableSQL is the spec's DDL with the wizard's ownership
// comment on the table.
func CreateExternalTableSQL(spec steps.Spec) string {
	ddl := steps.DDL(spec)
	return strings.Replace(ddl, "\nSTORED BY ", "\nCOMMENT '"+ExternalTableComment+"'\nSTORED BY ", 1)
}

func dropTableSQL(name string) string {
	return "DROP TABLE IF EXISTS `" + strings.ReplaceAll(name, "`", "``") + "`;"
}

func (r *run) observeExternalTable(ctx context.Context) (steps.Outcome, error) {
	name := r.spec.ExternalTable.Name
	v, err := r.lookExternal(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	switch {
	case !v.exists:
		return steps.Outcome{Action: steps.ActionCreate,
			Summary: fmt.Sprintf("CREATE EXTERNAL TABLE %s in project %s", name, r.spec.MaxCompute.Project),
			Details: strings.Split(strings.TrimRight(CreateExternalTableSQL(r.spec), "\n"), "\n")}, nil
	case v.foreign:
		return blocked(fmt.Sprintf("project %s has a table %s that is not a Tablestore external table", r.spec.MaxCompute.Project, name),
			"choose another external_table.name; the wizard never drops such a table"), nil
	case len(v.diff) == 0:
		return steps.Outcome{Action: steps.ActionInPlace, Summary: fmt.Sprintf("external table %s matches the spec", name)}, nil
	}
	out := steps.Outcome{Action: steps.ActionChange,
		Summary: fmt.Sprintf("external table %s exists with another definition: replace it (DROP TABLE, then CREATE)", name),
		Details: v.diff}
	if !r.s.opts.ReplaceExternalTable {
		out.Details = append(out.Details, "replacing needs consent: wizard apply --replace-external-table (the interactive wizard asks)")
	}
	if !strings.EqualFold(v.table.Comment, ExternalTableComment) {
		out.Details = append(out.Details, "the table was not created by the wizard")
	}
	return out, nil
}

// runSQL submits a statement and waits for it: first look after a few
// milliseconds, then less and less often. Every statement the wizard runs
// may be repeated (IF NOT EXISTS, IF EXISTS, SELECT), so a transient failure
// of the submission is retried. Cancelling ctx cancels the job.
func (r *run) runSQL(ctx context.Context, sql string) (string, error) {
	project := r.spec.MaxCompute.Project
	mc := r.maxcompute()
	first := sql
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i] + " …"
	}
	var job SQLJob
	err := r.write(ctx, "SQL "+first, func(ctx context.Context) error {
		var err error
		job, err = mc.SubmitSQL(ctx, project, sql, r.s.opts.SQLHints)
		return err
	})
	if err != nil {
		return "", err
	}
	status := job.Status
	if !job.Done {
		err = r.s.opts.Poll.wait(ctx, "SQL job "+job.ID, func(ctx context.Context) (bool, string, error) {
			err := r.read(ctx, "SQL job status", func(ctx context.Context) error {
				var err error
				status, err = mc.SQLStatus(ctx, project, job.ID)
				return err
			})
			return err == nil && status.State != SQLRunning, status.State.String(), err
		}, func(msg string) { r.say("%s", msg) })
		if err != nil {
			if ctx.Err() != nil {
				// Stop the job too; nothing to wait for, the caller is gone.
				cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelGrace)
				_ = mc.CancelSQL(cctx, project, job.ID)
				cancel()
			}
			return "", err
		}
	}
	if status.State == SQLFailed {
		return "", SQLError(job.ID, status.Message)
	}
	if job.Done {
		return job.Result, nil
	}
	var result string
	err = r.read(ctx, "SQL job result", func(ctx context.Context) error {
		var err error
		result, err = mc.SQLResult(ctx, project, job.ID)
		return err
	})
	return result, err
}

func (r *run) applyExternalTable(ctx context.Context) (steps.Outcome, error) {
	name := r.spec.ExternalTable.Name
	v, err := r.lookExternal(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	switch {
	case v.foreign:
		return steps.Outcome{}, &BlockedError{Step: r.step,
			Reason: fmt.Sprintf("project %s has a table %s that is not a Tablestore external table", r.spec.MaxCompute.Project, name),
			Fix:    "choose another external_table.name"}
	case v.exists && len(v.diff) == 0:
		return steps.Outcome{Action: steps.ActionInPlace, Summary: fmt.Sprintf("external table %s matches the spec", name)}, nil
	case v.exists && !r.s.opts.ReplaceExternalTable:
		return steps.Outcome{}, &BlockedError{Step: r.step,
			Reason: fmt.Sprintf("external table %s exists with another definition (%s)", name, strings.Join(v.diff, "; ")),
			Fix:    "re-run with --replace-external-table to drop and re-create it, or choose another external_table.name"}
	}
	action := steps.ActionCreate
	var details []string
	if v.exists {
		action = steps.ActionChange
		if _, err := r.runSQL(ctx, dropTableSQL(name)); err != nil {
			return steps.Outcome{}, err
		}
		details = append(details, "dropped the old definition: "+strings.Join(v.diff, "; "))
	}
	if _, err := r.runSQL(ctx, CreateExternalTableSQL(r.spec)); err != nil {
		return steps.Outcome{}, err
	}
	verb := "created"
	if action == steps.ActionChange {
		verb = "replaced"
	}
	return steps.Outcome{Action: action, Summary: fmt.Sprintf("%s external table %s in project %s", verb, name, r.spec.MaxCompute.Project), Details: details}, nil
}
