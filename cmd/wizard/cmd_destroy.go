package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/mcots/wizard/cloud"
)

// cmdDestroy removes what the wizard created for a spec, and nothing else:
// it finds the wizard's marks, shows what it will remove and what it keeps
// (and why), asks unless --yes, then removes in the safe order.
func cmdDestroy(ctx context.Context, args []string, s stdio) int {
	f := newSpecFlags("destroy", "Remove what the wizard created for a spec, and nothing else. It looks for the marks the wizard\n"+
		"leaves on what it creates, shows what it will remove and what it keeps (and why), asks, then removes\n"+
		"in the safe order: external table, attachment, policy versions and policy, the trust principal it\n"+
		"added to a role it did not create, role; the Tablestore table and instance only with --include-data.\n"+
		"Running it again removes nothing more.", s)
	cf := addCloudFlags(f)
	yes := f.Bool("yes", false, "remove without asking (required when standard input is not a terminal)")
	includeData := f.Bool("include-data", false, "also remove the Tablestore table, with every row, and the instance the wizard created")
	spec, code, ok := loadSpec(f, args, s)
	if !ok {
		return code
	}
	if err := cf.check(); err != nil {
		fmt.Fprintf(s.err, "%s: %v\n", f.Name(), err)
		return exitUsage
	}
	sess, code, ok := cf.openChecked(ctx, f.Name(), spec, s)
	if !ok {
		return code
	}
	defer sess.close()

	d := &destroyRun{name: f.Name(), s: s, asJSON: cf.output == "json"}
	fmt.Fprintf(s.err, "%s: looking for what the wizard created (nothing is removed yet)\n", d.name)
	plan, err := sess.PlanDestroy(ctx, sess.spec, cloud.DestroyOptions{IncludeData: *includeData})
	if err != nil {
		if ctx.Err() != nil {
			return d.finish(exitInterrupted, "interrupted before anything was removed")
		}
		fmt.Fprintf(s.err, "%s: %v\n", d.name, err)
		printDiagnosis(s.err, err)
		return d.finish(exitProblems, err.Error())
	}
	d.plan = plan
	printDestroyPlan(s.err, plan)
	if plan.Empty() {
		d.ok = true
		return d.finish(exitOK, "nothing to remove")
	}
	if !*yes {
		if !interactive(s.in) {
			return d.finish(exitUsage, "standard input is not a terminal, so destroy cannot ask: add --yes to remove what is listed (nothing was removed)")
		}
		yes, err := confirm(ctx, s.in, s.err, fmt.Sprintf("Remove these %s?", plural(len(plan.Remove), "object")))
		if err != nil {
			return d.finish(exitInterrupted, "interrupted; nothing was removed")
		}
		if !yes {
			return d.finish(exitProblems, "not confirmed; nothing was removed")
		}
	}
	err = sess.Destroy(ctx, plan, func(r cloud.Removal) {
		d.removed = append(d.removed, r)
		if !d.asJSON {
			fmt.Fprintf(s.out, "- removed %s %s (%s)\n", r.Kind, r.Name, r.Where)
		}
	})
	switch {
	case err != nil && ctx.Err() != nil:
		return d.finish(exitInterrupted, "interrupted; what was removed stays removed, and running destroy again finishes the rest")
	case err != nil:
		fmt.Fprintf(s.err, "%s: %v\n", d.name, err)
		printDiagnosis(s.err, err)
		return d.finish(exitProblems, err.Error()+"; what was removed before it stays removed")
	}
	d.ok = true
	return d.finish(exitOK, "done; running it again removes nothing")
}

// destroyRun is what destroy reports at its end.
type destroyRun struct {
	name    string
	s       stdio
	asJSON  bool
	ok      bool
	plan    cloud.DestroyPlan
	removed []cloud.Removal
}

// finish says how destroy ended, on stderr and, with --output json, as
// the JSON result on stdout.
func (d *destroyRun) finish(code int, msg string) int {
	fmt.Fprintf(d.s.err, "%s: %s\n", d.name, msg)
	if d.asJSON {
		r := destroyReport{Command: d.name, OK: d.ok, Interrupted: code == exitInterrupted,
			Planned: removalReports(d.plan.Remove), Removed: removalReports(d.removed), Kept: removalReports(d.plan.Keep)}
		if !d.ok {
			r.Error = msg
		}
		enc := json.NewEncoder(d.s.out)
		enc.SetIndent("", "  ")
		_ = enc.Encode(r)
	}
	return code
}

// destroyReport is destroy's --output json.
type destroyReport struct {
	Command     string          `json:"command"`
	OK          bool            `json:"ok"`
	Interrupted bool            `json:"interrupted,omitempty"`
	Planned     []removalReport `json:"planned"`
	Removed     []removalReport `json:"removed"`
	Kept        []removalReport `json:"kept"`
	Error       string          `json:"error,omitempty"`
}

type removalReport struct {
	Kind  string `json:"kind"`
	Name  string `json:"name"`
	Where string `json:"where"`
	Why   string `json:"why"`
}

func removalReports(rs []cloud.Removal) []removalReport {
	out := make([]removalReport, 0, len(rs))
	for _, r := range rs {
		out = append(out, removalReport{Kind: r.Kind.String(), Name: r.Name, Where: r.Where, Why: r.Why})
	}
	return out
}

// printDestroyPlan lists what destroy removes, in order, with the mark that
// makes each the wizard's, then what it keeps and why.
func printDestroyPlan(w io.Writer, p cloud.DestroyPlan) {
	spec := p.Spec
	fmt.Fprintf(w, "Destroy: what the wizard created for MaxCompute project %s (account B %s) reading Tablestore %s/%s (account A %s)\n",
		spec.MaxCompute.Project, spec.Accounts.MaxCompute.UID, spec.Tablestore.Instance, spec.Tablestore.Table, spec.Accounts.Tablestore.UID)
	for _, r := range p.Remove {
		fmt.Fprintf(w, "- %-19s %s (%s)\n      why: %s\n", r.Kind, r.Name, r.Where, r.Why)
	}
	for _, r := range p.Keep {
		fmt.Fprintf(w, "= %-19s %s (%s)\n      kept: %s\n", r.Kind, r.Name, r.Where, r.Why)
	}
	fmt.Fprintf(w, "%d to remove, %d kept.\n", len(p.Remove), len(p.Keep))
}
