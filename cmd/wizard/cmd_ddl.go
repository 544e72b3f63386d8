package main

import (
	"context"
	"fmt"
)

func cmdDDL(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: ddl is not built yet")
	return exitUsage
}
