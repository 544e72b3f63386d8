package main

import (
	"context"
	"fmt"
)

func cmdValidate(ctx context.Context, args []string, s stdio) int {
	fmt.Fprintln(s.err, "wizard: validate is not built yet")
	return exitUsage
}
