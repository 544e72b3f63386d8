package main

import (
	"context"
	"fmt"
)

func cmdDoctor(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: doctor is not built yet")
	return exitUsage
}
