package main

import (
	"context"
	"fmt"

	"github.com/mcots/wizard/steps"
)

// cmdPlan shows what apply would do: it observes both accounts and prints
// each step's plan (+ create, ~ change, = in place, ! blocked) without
// writing anything. With --offline it renders every artifact from the spec
// alone, calling nothing.
func cmdPlan(ctx context.Context, args []string, s stdio) int {
	f := newSpecFlags("plan", "Show what apply would do, without writing: observe both accounts and print each step's plan\n(+ create, ~ change, = in place, ! blocked, x failed, · not looked at, > the verification query).\n--offline renders every artifact without calling the cloud.", s)
	offline := f.Bool("offline", false, "render the policies, DDL, query, CLI commands and Terraform without calling the cloud")
	cf := addCloudFlags(f)
	spec, code, ok := loadSpec(f, args, s)
	if !ok {
		return code
	}
	if *offline {
		if cf.sandbox || cf.endpoint != "" || cf.profileA != "" || cf.profileB != "" {
			fmt.Fprintf(s.err, "%s: --offline calls nothing, so --sandbox, --endpoint and the profiles have no effect: drop them, or drop --offline to observe\n", f.Name())
			return exitUsage
		}
		return planOffline(f.Name(), spec, s)
	}
	if err := cf.check(); err != nil {
		fmt.Fprintf(s.err, "%s: %v\n", f.Name(), err)
		return exitUsage
	}
	return runOnline(ctx, f.Name(), spec, cf, applyFlags{}, s)
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
