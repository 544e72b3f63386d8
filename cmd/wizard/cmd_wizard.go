package main

import (
	"context"
	"fmt"
)

func cmdWizard(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: wizard is not built yet")
	return exitUsage
}
