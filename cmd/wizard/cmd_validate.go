package main

import (
	"context"
	"fmt"

	"github.com/mcots/wizard/steps"
)

// cmdValidate prints every problem of a spec, one `field: rule — fix` per
// line, and exits 1 when at least one is an error (warnings alone exit 0).
func cmdValidate(ctx context.Context, args []string, s stdio) int {
	f := newSpecFlags("validate", "Check a spec and print every problem, each with its field, rule and fix.", s)
	spec, code, ok := loadSpec(f, args, s)
	if !ok {
		return code
	}
	ps := steps.Validate(spec)
	for _, p := range ps {
		fmt.Fprintln(s.out, p)
	}
	errs, warns := len(ps.Errors()), len(ps.Warnings())
	switch {
	case errs > 0:
		fmt.Fprintf(s.err, "%s: %s, %s\n", f.Name(), plural(errs, "error"), plural(warns, "warning"))
		return exitProblems
	case warns > 0:
		fmt.Fprintf(s.err, "%s: no errors, %s\n", f.Name(), plural(warns, "warning"))
	default:
		fmt.Fprintf(s.err, "%s: the spec is sound\n", f.Name())
	}
	return exitOK
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
