package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/steps"
)

// applyFlags are the flags only apply has.
type applyFlags struct {
	apply    bool
	yes      bool
	replace  bool
	demoRows int
}

// cmdApply performs the setup headless: it observes, shows the plan, asks
// (unless --yes), applies step by step, prints each step's result and the
// verification rows, and exits 1 when a step fails.
func cmdApply(ctx context.Context, args []string, s stdio) int {
	f := newSpecFlags("apply", "Perform the setup: observe both accounts, show the plan, ask, apply each step, print the results\nand the verification rows. Running it again changes nothing.", s)
	cf := addCloudFlags(f)
	af := applyFlags{apply: true}
	f.BoolVar(&af.yes, "yes", false, "apply without asking (required when standard input is not a terminal)")
	f.BoolVar(&af.replace, "replace-external-table", false, "consent to DROP and re-create an external table whose definition differs from the spec")
	f.IntVar(&af.demoRows, "demo-rows", 0, "write `N` deterministic demo rows into the Tablestore table, only if this run creates it")
	spec, code, ok := loadSpec(f, args, s)
	if !ok {
		return code
	}
	if err := cf.check(); err != nil {
		fmt.Fprintf(s.err, "%s: %v\n", f.Name(), err)
		return exitUsage
	}
	if af.demoRows < 0 {
		fmt.Fprintf(s.err, "%s: --demo-rows %d must not be negative\n", f.Name(), af.demoRows)
		return exitUsage
	}
	return runOnline(ctx, f.Name(), spec, cf, af, s)
}

// runOnline is plan and apply against the accounts (or a sandbox).
func runOnline(ctx context.Context, name string, spec steps.Spec, cf *cloudFlags, af applyFlags, s stdio) int {
	asJSON := cf.output == "json"
	sess, err := cf.open(ctx, name, spec, s, func(o *aliyun.Options) {
		o.Session.DemoRows = af.demoRows
		o.Session.ReplaceExternalTable = af.replace
	})
	if err != nil {
		fmt.Fprintf(s.err, "%s: %v\n", name, err)
		printDiagnosis(s.err, err)
		return exitProblems
	}
	defer sess.close()
	spec = sess.spec
	h := newHeadless(name, sess.Session, spec, s)
	fmt.Fprintf(s.err, "%s: observing both accounts (nothing is written yet)\n", name)
	if !h.submit(ctx, spec) {
		return exitProblems
	}
	if ctx.Err() != nil {
		return h.interrupted(asJSON, false)
	}

	planOut := s.out
	if af.apply || asJSON {
		planOut = s.err
	}
	printPlan(planOut, h)
	ok, why := h.w.CanConfirm()
	if !af.apply {
		if asJSON {
			r := h.report(false)
			r.OK, r.Error = ok, why
			writeJSON(s.out, r)
		}
		if !ok {
			fmt.Fprintf(s.err, "%s: %s\n", name, why)
			return exitProblems
		}
		return exitOK
	}
	fail := func(code int, msg string) int {
		fmt.Fprintf(s.err, "%s: %s\n", name, msg)
		if asJSON {
			r := h.report(true)
			r.Error = msg
			writeJSON(s.out, r)
		}
		return code
	}
	if !ok {
		return fail(exitProblems, why+"; nothing was changed")
	}
	if st := h.w.Step(steps.StepExternalTable); st.Plan.Action == steps.ActionChange && !af.replace {
		return fail(exitProblems, "external table "+spec.WithDefaults().ExternalTable.Name+
			" exists with another definition; re-run with --replace-external-table to drop and re-create it (nothing was changed)")
	}
	if writesPlanned(h.w) && !af.yes {
		if !interactive(s.in) {
			return fail(exitUsage, "standard input is not a terminal, so apply cannot ask: add --yes to apply this plan (nothing was changed)")
		}
		yes, err := confirm(ctx, s.in, s.err, "Apply this plan?")
		if err != nil {
			return fail(exitInterrupted, "interrupted; nothing was changed")
		}
		if !yes {
			return fail(exitProblems, "not confirmed; nothing was changed")
		}
	}

	h.apply(ctx, func(st steps.StepState) {
		if !asJSON {
			resultLine(s.out, h, st)
		}
	})
	if ctx.Err() != nil {
		return h.interrupted(asJSON, true)
	}
	if h.w.Phase() != steps.PhaseDone {
		for _, st := range h.w.Steps() {
			if st.Status == steps.StatusFailed {
				fmt.Fprintf(s.err, "%s: step %s failed: %v\n", name, st.ID, st.Err)
				printDiagnosis(s.err, st.Err)
				if asJSON {
					r := h.report(true)
					r.Error = fmt.Sprintf("step %s failed", st.ID)
					writeJSON(s.out, r)
				}
				return exitProblems
			}
		}
		return fail(exitProblems, "the setup did not finish")
	}
	if asJSON {
		r := h.report(true)
		r.OK = true
		writeJSON(s.out, r)
		return exitOK
	}
	if v := h.verification(); v != nil {
		fmt.Fprintf(s.out, "\nVerification: %s\n", v.Query)
		printRows(s.out, v.Rows, "")
	}
	fmt.Fprintf(s.err, "%s: done; running it again changes nothing\n", name)
	return exitOK
}

// interrupted reports a Ctrl+C: what finished stays, and a re-run picks up
// where this one stopped.
func (h *headless) interrupted(asJSON, applying bool) int {
	msg := "interrupted before anything was changed"
	if applying {
		msg = "interrupted; what was done stays, and running apply again finishes the rest"
	}
	fmt.Fprintf(h.s.err, "%s: %s\n", h.name, msg)
	if asJSON {
		r := h.report(applying)
		r.Interrupted, r.Error = true, msg
		writeJSON(h.s.out, r)
	}
	return exitInterrupted
}

// interactive reports whether r is a terminal a person answers at.
func interactive(r io.Reader) bool {
	if t, ok := r.(interface{ IsTerminal() bool }); ok {
		return t.IsTerminal()
	}
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// confirm asks question on errOut and reads y or yes from in. Ctrl+C
// (ctx ending) answers at once, with ctx's error: the read is left behind,
// as the process is about to end.
func confirm(ctx context.Context, in io.Reader, errOut io.Writer, question string) (bool, error) {
	fmt.Fprint(errOut, question+" [y/N] ")
	answer := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(in).ReadString('\n')
		answer <- line
	}()
	select {
	case <-ctx.Done():
		fmt.Fprintln(errOut)
		return false, ctx.Err()
	case line := <-answer:
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return true, nil
		}
		return false, nil
	}
}
