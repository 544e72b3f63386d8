package main

import (
	"context"
	"fmt"
)

func cmdSandbox(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: sandbox is not built yet")
	return exitUsage
}
