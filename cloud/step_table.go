package cloud

import (
	"context"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps"
)

func (r *run) tables() Tables {
	return r.s.a.Tables(r.spec.Region, r.spec.Tablestore.Instance)
}

// tableView is what observing the table found.
type tableView struct {
	instanceReady bool // the instance runs, so the table could be asked about
	exists        bool
	meta          TableMeta
}

func (r *run) lookTable(ctx context.Context) (tableView, error) {
	var v tableView
	inst, found, err := r.lookInstance(ctx)
	if err != nil || !found || inst.Status != InstanceRunning {
		// A missing or starting instance has no tables yet.
		return v, err
	}
	v.instanceReady = true
	name := r.spec.Tablestore.Table
	v.meta, v.exists, err = readFound(ctx, r, "DescribeTable "+name, func(ctx context.Context) (TableMeta, error) {
		return r.tables().DescribeTable(ctx, name)
	})
	return v, err
}

// keyText renders a primary key as "vid INTEGER, gt INTEGER".
func keyText(cols []steps.Column) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.Name + " " + strings.ToUpper(c.Type)
	}
	return strings.Join(parts, ", ")
}

// sameKey reports whether two primary keys have the same columns, in the
// same order, of the same types. Column names are case-sensitive.
func sameKey(a, b []steps.Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !strings.EqualFold(a[i].Type, b[i].Type) {
			return false
		}
	}
	return true
}

func (r *run) keyMismatch(meta TableMeta) *BlockedError {
	want := r.spec.Tablestore.PrimaryKey
	if sameKey(meta.PrimaryKey, want) {
		return nil
	}
	return &BlockedError{Step: steps.StepTable,
		Reason: fmt.Sprintf("table %s exists with primary key (%s), but the spec says (%s); the wizard never drops or changes a table",
			meta.Name, keyText(meta.PrimaryKey), keyText(want)),
		Fix: "set tablestore.primary_key to the table's key (the wizard can discover it), or choose another tablestore.table"}
}

func (r *run) observeTable(ctx context.Context) (steps.Outcome, error) {
	t := r.spec.Tablestore
	v, err := r.lookTable(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	if !v.exists {
		return steps.Outcome{Action: steps.ActionCreate,
			Summary: fmt.Sprintf("create table %s with primary key (%s) and wait until it is ready", t.Table, keyText(t.PrimaryKey))}, nil
	}
	if b := r.keyMismatch(v.meta); b != nil {
		return blocked(b.Reason, b.Fix), nil
	}
	return steps.Outcome{Action: steps.ActionInPlace,
		Summary: fmt.Sprintf("table %s exists with primary key (%s)", t.Table, keyText(v.meta.PrimaryKey))}, nil
}

func (r *run) applyTable(ctx context.Context) (steps.Outcome, error) {
	t := r.spec.Tablestore
	// A new instance takes a while to run and for its host name to resolve.
	if err := r.waitInstanceRunning(ctx); err != nil {
		return steps.Outcome{}, err
	}
	v, err := r.lookTable(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	action := steps.ActionInPlace
	if !v.exists {
		created, err := r.create(ctx, fmt.Sprintf("CreateTable %s (%s)", t.Table, keyText(t.PrimaryKey)),
			func(ctx context.Context) (bool, error) {
				v, err := r.lookTable(ctx)
				return v.exists, err
			},
			func(ctx context.Context) error {
				return r.tables().CreateTable(ctx, TableMeta{Name: t.Table, PrimaryKey: t.PrimaryKey})
			})
		if err != nil {
			return steps.Outcome{}, err
		}
		if created {
			action = steps.ActionCreate
			r.s.markCreated(r.spec.Region, t.Instance, t.Table)
		} else if v, err = r.lookTable(ctx); err != nil {
			return steps.Outcome{}, err
		} else if b := r.keyMismatch(v.meta); b != nil {
			return steps.Outcome{}, b
		}
	} else if b := r.keyMismatch(v.meta); b != nil {
		return steps.Outcome{}, b
	}
	if err := r.waitTableReady(ctx); err != nil {
		return steps.Outcome{}, err
	}
	if action == steps.ActionCreate {
		return steps.Outcome{Action: action, Summary: fmt.Sprintf("created table %s with primary key (%s)", t.Table, keyText(t.PrimaryKey))}, nil
	}
	return steps.Outcome{Action: action, Summary: fmt.Sprintf("table %s exists with primary key (%s)", t.Table, keyText(t.PrimaryKey))}, nil
}

// waitTableReady polls until the table answers a one-row read: a new table
// answers OTSTableNotReady for a while after CreateTable.
func (r *run) waitTableReady(ctx context.Context) error {
	t := r.spec.Tablestore
	return r.s.opts.Poll.wait(ctx, "table "+t.Table, func(ctx context.Context) (bool, string, error) {
		_, err := r.tables().GetRange(ctx, t.Table, keyNames(t.PrimaryKey), 1)
		switch {
		case err == nil:
			return true, "", nil
		case KindOf(err).Transient():
			return false, "loading (" + KindOf(err).String() + ")", nil
		}
		return false, "", err
	}, func(msg string) { r.say("%s", msg) })
}

func keyNames(cols []steps.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}
