package main

import (
	"context"
	"fmt"
)

func cmdDestroy(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: destroy is not built yet")
	return exitUsage
}
