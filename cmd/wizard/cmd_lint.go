package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/odpssql"
)

// cmdLint checks a pasted external-table DDL: every finding with its line and
// column on stdout, a one-line summary on stderr.
func cmdLint(ctx context.Context, args []string, s stdio) int {
	fs := flag.NewFlagSet("wizard lint", flag.ContinueOnError)
	fs.SetOutput(s.err)
	specPath := fs.String("f", "", "also check the DDL against this spec's instance, region, table, key and role")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: wizard lint [-f SPEC] FILE|-\n"+
			"Checks a Tablestore external-table DDL (as pasted into MaxCompute) and prints every problem\n"+
			"as FILE:LINE:COLUMN. Exit 1 when there is an error, 0 when only warnings or none.\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(s.err, "wizard lint: give one DDL file to check, or - to read it from standard input")
		fs.Usage()
		return exitUsage
	}
	name := fs.Arg(0)
	src, err := readInput(name, s.in)
	if err != nil {
		fmt.Fprintf(s.err, "wizard lint: %v\n", err)
		return exitUsage
	}
	var expect *odpssql.Expect
	if *specPath != "" {
		spec, err := loadSpecFile(*specPath, s.in, name == "-")
		if err != nil {
			fmt.Fprintf(s.err, "wizard lint: %v\n", err)
			return exitUsage
		}
		expect = steps.LintExpect(spec)
	}
	if name == "-" {
		name = "<stdin>"
	}
	findings := odpssql.Lint(string(src), expect)
	errs := 0
	for _, f := range findings {
		fmt.Fprintf(s.out, "%s:%s\n", name, f)
		if f.Severity == odpssql.Error {
			errs++
		}
	}
	switch {
	case len(findings) == 0:
		fmt.Fprintf(s.err, "%s: no problems found\n", name)
	default:
		fmt.Fprintf(s.err, "%s: %d error(s), %d warning(s)\n", name, errs, len(findings)-errs)
	}
	if errs > 0 {
		return exitProblems
	}
	return exitOK
}

// readInput reads a file, or standard input for "-".
func readInput(name string, in io.Reader) ([]byte, error) {
	if name == "-" {
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, fmt.Errorf("cannot read standard input: %w", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, errors.Unwrap(err))
	}
	return b, nil
}

// loadSpecFile loads a spec for a command whose standard input may already
// carry something else.
func loadSpecFile(path string, in io.Reader, stdinTaken bool) (steps.Spec, error) {
	if path == "-" {
		if stdinTaken {
			return steps.Spec{}, errors.New("the DDL and the spec cannot both come from standard input")
		}
		b, err := readInput("-", in)
		if err != nil {
			return steps.Spec{}, err
		}
		return steps.Parse("<stdin>", b)
	}
	return steps.Load(path)
}
