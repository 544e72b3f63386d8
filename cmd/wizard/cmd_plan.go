package main

import (
	"context"
	"fmt"
)

func cmdPlan(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: plan is not built yet")
	return exitUsage
}
