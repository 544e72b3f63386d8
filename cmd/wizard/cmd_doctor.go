package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mcots/wizard/cloud"
)

// cmdDoctor checks an existing setup, read-only: one line per link of the
// chain (✓ holds, ! holds with a warning, ✗ broken, – skipped) and, for each
// broken link, the cause and the exact fix. Exit 0 only when every link
// holds.
func cmdDoctor(ctx context.Context, args []string, s stdio) int {
	f := newSpecFlags("doctor", "Check an existing setup without writing anything: walk the chain from both keys to a bounded\n"+
		"verification query and print one line per link (✓ holds, ! holds with a warning, ✗ broken,\n"+
		"– skipped because a link it needs is broken), with the cause and the exact fix of each broken link.\n"+
		"Exit 0 only when every link holds.", s)
	ddlPath := f.String("ddl", "", "check this pasted DDL `file` (- for standard input) instead of the external table in account B")
	cf := addCloudFlags(f)
	if code, ok := f.parse(args); !ok {
		return code
	}
	if *ddlPath == "-" && f.path == "-" {
		fmt.Fprintf(s.err, "%s: the DDL and the spec cannot both come from standard input\n", f.Name())
		return exitUsage
	}
	spec, err := f.load(s.in)
	if err != nil {
		fmt.Fprintf(s.err, "%s: %v\n", f.Name(), err)
		return exitUsage
	}
	if err := cf.check(); err != nil {
		fmt.Fprintf(s.err, "%s: %v\n", f.Name(), err)
		return exitUsage
	}
	opts := cloud.DoctorOptions{SpecPath: f.path, Apply: cf.applyPrefix()}
	if *ddlPath != "" {
		src, err := readInput(*ddlPath, s.in)
		if err != nil {
			fmt.Fprintf(s.err, "%s: %v\n", f.Name(), err)
			return exitUsage
		}
		if strings.TrimSpace(string(src)) == "" {
			fmt.Fprintf(s.err, "%s: %s is empty; paste the CREATE EXTERNAL TABLE statement into it\n", f.Name(), *ddlPath)
			return exitUsage
		}
		opts.DDL, opts.DDLName = string(src), *ddlPath
		if *ddlPath == "-" {
			opts.DDLName = "<stdin>"
		}
	}
	sess, code, ok := cf.openChecked(ctx, f.Name(), spec, s)
	if !ok {
		return code
	}
	defer sess.close()

	asJSON := cf.output == "json"
	what := "the external table in account B"
	if opts.DDL != "" {
		what = "the DDL in " + opts.DDLName
	}
	fmt.Fprintf(s.err, "%s: checking the chain, with %s (read-only: nothing is written)\n", f.Name(), what)
	report, err := sess.Doctor(ctx, sess.spec, opts, func(c cloud.Check) {
		if !asJSON {
			printCheck(s.out, c)
		}
	})
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(s.err, "%s: interrupted; nothing was written\n", f.Name())
			if asJSON {
				writeDoctorJSON(s.out, report)
			}
			return exitInterrupted
		}
		fmt.Fprintf(s.err, "%s: %v\n", f.Name(), err)
		return exitProblems
	}
	if asJSON {
		writeDoctorJSON(s.out, report)
	}
	fmt.Fprintf(s.err, "%s: %s\n", f.Name(), report.Summary())
	if len(report.Broken()) > 0 {
		return exitProblems
	}
	return exitOK
}

// printCheck prints one link as doctor reports it.
func printCheck(w io.Writer, c cloud.Check) { fmt.Fprint(w, c.Text()) }

// linkReport is one link in doctor's --output json.
type linkReport struct {
	Link   string `json:"link"`
	Status string `json:"status"` // ok, warning, broken, skipped
	Detail string `json:"detail"`
	Cause  string `json:"cause,omitempty"`
	Fix    string `json:"fix,omitempty"`
}

func writeDoctorJSON(w io.Writer, r cloud.DoctorReport) {
	out := make([]linkReport, 0, len(r.Checks))
	for _, c := range r.Checks {
		out = append(out, linkReport{Link: c.Link.String(), Status: c.Verdict.String(), Detail: c.Detail, Cause: c.Cause, Fix: c.Fix})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out)
}
