package main

import (
	"context"
	"fmt"
)

func cmdApply(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: apply is not built yet")
	return exitUsage
}
