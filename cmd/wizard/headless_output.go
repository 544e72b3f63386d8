package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// marker is a plan or result line's first character: + create, ~ change,
// = in place, ! blocked, x failed, - skipped, · not looked at (a step
// before it is blocked or failed), and > for the verification query, which
// runs but writes nothing.
func marker(st steps.StepState, o steps.Outcome) string {
	switch st.Status {
	case steps.StatusFailed:
		return "x"
	case steps.StatusSkipped:
		return "-"
	case steps.StatusPending:
		return "·"
	}
	switch {
	case st.ID == steps.StepVerify && o.Action.Writes():
		return ">"
	case o.Action == steps.ActionCreate:
		return "+"
	case o.Action == steps.ActionChange:
		return "~"
	case o.Action == steps.ActionBlocked:
		return "!"
	}
	return "="
}

// planCounts counts the plan's writes (the verification query excluded);
// steps not looked at count nowhere.
func planCounts(w steps.Wizard) (create, change, inPlace, blocked, failed int) {
	for _, st := range w.Steps() {
		switch {
		case st.Status == steps.StatusPending:
		case st.Status == steps.StatusFailed:
			failed++
		case st.Plan.Action == steps.ActionBlocked:
			blocked++
		case st.ID == steps.StepVerify:
		case st.Plan.Action == steps.ActionCreate:
			create++
		case st.Plan.Action == steps.ActionChange:
			change++
		default:
			inPlace++
		}
	}
	return
}

// pendingSteps counts the steps observation did not reach.
func pendingSteps(w steps.Wizard) int {
	n := 0
	for _, st := range w.Steps() {
		if st.Status == steps.StatusPending {
			n++
		}
	}
	return n
}

// writesPlanned reports whether applying would change anything.
func writesPlanned(w steps.Wizard) bool {
	c, ch, _, _, _ := planCounts(w)
	return c+ch > 0
}

// showDetails says whether a line's details are worth printing: for
// anything that writes, blocks or fails, and warnings and notes otherwise.
func detailLines(o steps.Outcome, all bool) []string {
	if all {
		return o.Details
	}
	var out []string
	for _, d := range o.Details {
		if strings.HasPrefix(d, "warning:") || strings.HasPrefix(d, "note:") {
			out = append(out, d)
		}
	}
	return out
}

func printPlan(w io.Writer, h *headless) {
	spec := h.w.Spec().WithDefaults()
	uid := func(u string) string { return orEnv(u, "UID unknown") }
	fmt.Fprintf(w, "Plan: MaxCompute project %s (account B %s) reads Tablestore %s/%s (account A %s) in %s\n",
		spec.MaxCompute.Project, uid(spec.Accounts.MaxCompute.UID), spec.Tablestore.Instance, spec.Tablestore.Table, uid(spec.Accounts.Tablestore.UID), spec.Region)
	for _, st := range h.w.Steps() {
		if st.Status == steps.StatusFailed {
			fmt.Fprintf(w, "x %-15s %v\n", st.ID, firstLine(st.Err))
			printDiagnosis(w, st.Err)
			continue
		}
		summary := st.Plan.Summary
		if st.Status == steps.StatusPending {
			summary = "not looked at: a step before it is blocked or failed"
		}
		fmt.Fprintf(w, "%s %-15s %s\n", marker(st, st.Plan), st.ID, summary)
		for _, d := range detailLines(st.Plan, st.Plan.Action != steps.ActionInPlace) {
			fmt.Fprintf(w, "      %s\n", d)
		}
		if st.ID == steps.StepVerify && len(st.Plan.Rows) > 0 {
			printRows(w, st.Plan.Rows, "      ")
		}
	}
	c, ch, ip, bl, fa := planCounts(h.w)
	fmt.Fprintf(w, "%d to create, %d to change, %d in place", c, ch, ip)
	if bl+fa > 0 {
		fmt.Fprintf(w, ", %d blocked, %d failed", bl, fa)
	}
	if n := pendingSteps(h.w); n > 0 {
		fmt.Fprintf(w, ", %d not looked at", n)
	}
	fmt.Fprintln(w, ".")
}

func resultLine(w io.Writer, h *headless, st steps.StepState) {
	if st.Status == steps.StatusFailed {
		fmt.Fprintf(w, "x %-15s %v\n", st.ID, firstLine(st.Err))
		return
	}
	o := st.Result
	took := ""
	if d := h.tookFor(st.ID); d > 0 && o.Action.Writes() {
		took = fmt.Sprintf(" (%s)", d.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "%s %-15s %s%s\n", marker(st, o), st.ID, o.Summary, took)
	for _, d := range detailLines(o, o.Action.Writes()) {
		fmt.Fprintf(w, "      %s\n", d)
	}
}

func firstLine(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		return msg[:i]
	}
	return msg
}

// printDiagnosis says which link is broken and what to do, when the
// catalogue knows.
func printDiagnosis(w io.Writer, err error) {
	if d, ok := cloud.DiagnosisOf(err); ok {
		fmt.Fprintf(w, "      broken link: %s — %s\n      fix: %s\n", d.Link, d.Cause, d.Fix)
	}
}

// printRows renders query rows (header first) as an aligned table.
func printRows(w io.Writer, rows [][]string, indent string) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s%s\n", indent, strings.Join(r, "\t"))
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "%s(%s)\n", indent, plural(max(len(rows)-1, 0), "row"))
}

// report is the machine-readable result of --output json.
type report struct {
	Command      string        `json:"command"`
	OK           bool          `json:"ok"`
	Interrupted  bool          `json:"interrupted,omitempty"`
	Plan         []stepReport  `json:"plan"`
	Results      []stepReport  `json:"results,omitempty"`
	Verification *verification `json:"verification,omitempty"`
	Error        string        `json:"error,omitempty"`
}

type stepReport struct {
	Step      string           `json:"step"`
	Title     string           `json:"title"`
	Status    string           `json:"status"`
	Action    string           `json:"action"`
	Summary   string           `json:"summary,omitempty"`
	Details   []string         `json:"details,omitempty"`
	Error     string           `json:"error,omitempty"`
	Code      string           `json:"code,omitempty"`
	RequestID string           `json:"request_id,omitempty"`
	Diagnosis *cloud.Diagnosis `json:"diagnosis,omitempty"`
	Millis    int64            `json:"ms,omitempty"`
}

type verification struct {
	Query string     `json:"query"`
	Rows  [][]string `json:"rows"`
}

func stepReportOf(st steps.StepState, o steps.Outcome, took time.Duration) stepReport {
	r := stepReport{Step: st.ID.String(), Title: st.ID.Info().Title, Status: st.Status.String(), Action: o.Action.String(),
		Summary: o.Summary, Details: o.Details, Millis: took.Milliseconds()}
	if st.Err != nil {
		r.Error = st.Err.Error()
		var ce *cloud.Error
		if errors.As(st.Err, &ce) {
			r.Code, r.RequestID = ce.Code, ce.RequestID
		}
		if d, ok := cloud.DiagnosisOf(st.Err); ok {
			r.Diagnosis = d
		}
	}
	return r
}

func (h *headless) report(applied bool) report {
	r := report{Command: h.name}
	for _, st := range h.w.Steps() {
		r.Plan = append(r.Plan, stepReportOf(st, st.Plan, 0))
		if applied && (st.Status.IsFinal()) {
			r.Results = append(r.Results, stepReportOf(st, st.Result, h.tookFor(st.ID)))
		}
	}
	if v := h.verification(); v != nil {
		r.Verification = v
	}
	return r
}

// verification is the verification query's outcome: from the apply, or
// from the plan when the setup was already complete.
func (h *headless) verification() *verification {
	st := h.w.Step(steps.StepVerify)
	o := st.Plan
	if st.Status == steps.StatusDone {
		o = st.Result
	}
	if len(o.Rows) == 0 {
		return nil
	}
	q := ""
	for _, d := range o.Details {
		if rest, ok := strings.CutPrefix(d, "query: "); ok {
			q = rest
		}
	}
	return &verification{Query: q, Rows: o.Rows}
}

func writeJSON(w io.Writer, r report) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(r)
}
