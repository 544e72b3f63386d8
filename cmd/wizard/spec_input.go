package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/mcots/wizard/steps"
)

// specFlags is the flag set of a command that reads a spec with -f.
type specFlags struct {
	*flag.FlagSet
	path string
}

func newSpecFlags(name, summary string, s stdio) *specFlags {
	f := &specFlags{FlagSet: flag.NewFlagSet("wizard "+name, flag.ContinueOnError)}
	f.SetOutput(s.err)
	f.StringVar(&f.path, "f", "", "the spec file to read (- for standard input)")
	f.Usage = func() {
		fmt.Fprintf(f.Output(), "usage: wizard %s -f SPEC [flags]\n%s\n\nflags:\n", name, summary)
		f.PrintDefaults()
	}
	return f
}

// parse reads the flags; when it returns false the command exits with code.
func (f *specFlags) parse(args []string) (code int, ok bool) {
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false // flag has already said what is wrong
	}
	if f.NArg() > 0 {
		fmt.Fprintf(f.Output(), "%s: unexpected argument %q\n", f.Name(), f.Arg(0))
		f.Usage()
		return exitUsage, false
	}
	if f.path == "" {
		fmt.Fprintf(f.Output(), "%s: -f SPEC is required (e.g. -f examples/cap1-vehicle-track.yaml, or -f - for standard input)\n", f.Name())
		return exitUsage, false
	}
	return exitOK, true
}

// load reads the spec named by -f; "-" reads standard input.
func (f *specFlags) load(in io.Reader) (steps.Spec, error) {
	if f.path != "-" {
		return steps.Load(f.path)
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return steps.Spec{}, fmt.Errorf("cannot read the spec from standard input: %w", err)
	}
	return steps.Parse("<stdin>", data)
}

// loadSpec parses the flags and reads the spec, reporting failures on stderr.
func loadSpec(f *specFlags, args []string, s stdio) (steps.Spec, int, bool) {
	if code, ok := f.parse(args); !ok {
		return steps.Spec{}, code, false
	}
	spec, err := f.load(s.in)
	if err != nil {
		fmt.Fprintf(s.err, "%s: %v\n", f.Name(), err)
		return steps.Spec{}, exitUsage, false
	}
	return spec, exitOK, true
}

// render validates the spec and renders its artifacts; problems go to stderr.
func render(name string, spec steps.Spec, s stdio) (steps.Artifacts, bool) {
	a, err := steps.Render(spec)
	if err != nil {
		fmt.Fprintf(s.err, "%s: the spec has problems; nothing was rendered:\n%v\n", name, err)
		return a, false
	}
	for _, w := range a.Warnings {
		fmt.Fprintln(s.err, w)
	}
	return a, true
}
