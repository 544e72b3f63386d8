package main

import (
	"context"
	"fmt"
)

func cmdLint(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: lint is not built yet")
	return exitUsage
}
