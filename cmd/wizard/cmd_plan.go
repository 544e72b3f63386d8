package main

import (
	"context"
	"fmt"

	"github.com/mcots/wizard/steps"
)

// cmdPlan shows what apply would do. With --offline it renders every
// artifact from the spec alone; the online plan (observing the accounts) is
// not built yet.
func cmdPlan(ctx context.Context, args []string, s stdio) int {
	f := newSpecFlags("plan", "Show what apply would do; --offline renders every artifact without calling the cloud.", s)
	offline := f.Bool("offline", false, "render the policies, DDL, query, CLI commands and Terraform without calling the cloud")
	spec, code, ok := loadSpec(f, args, s)
	if !ok {
		return code
	}
	if !*offline {
		fmt.Fprintf(s.err, "%s: the online plan is not built yet; use --offline\n", f.Name())
		return exitUsage
	}
	return planOffline(f.Name(), spec, s)
}

// planOffline prints every artifact of the spec under headings on stdout,
// or its problems on stderr (exit 1).
func planOffline(name string, spec steps.Spec, s stdio) int {
	a, ok := render(name, spec, s)
	if !ok {
		return exitProblems
	}
	fmt.Fprint(s.out, a.Text())
	return exitOK
}
