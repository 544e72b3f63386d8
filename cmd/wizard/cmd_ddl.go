package main

import (
	"context"
	"fmt"
)

// cmdDDL prints only the external-table DDL on stdout, so `wizard ddl -f
// spec.yaml > ext.sql` works; problems and warnings go to stderr.
func cmdDDL(ctx context.Context, args []string, s stdio) int {
	f := newSpecFlags("ddl", "Print the CREATE EXTERNAL TABLE statement for a spec (and nothing else) on stdout.", s)
	spec, code, ok := loadSpec(f, args, s)
	if !ok {
		return code
	}
	a, ok := render(f.Name(), spec, s)
	if !ok {
		return exitProblems
	}
	fmt.Fprint(s.out, a.DDL)
	return exitOK
}
