package ui

import (
	"io"
	"os"
)

// outputOf is where the screen is drawn: Options.Out, or standard error so
// that standard output carries only the DDL.
func outputOf(o Options) io.Writer {
	if o.Out != nil {
		return o.Out
	}
	return os.Stderr
}

func inputOf(o Options) io.Reader {
	if o.In != nil {
		return o.In
	}
	return os.Stdin
}
