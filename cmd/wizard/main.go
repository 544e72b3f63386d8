// Command wizard connects MaxCompute in one Alibaba Cloud account to
// Tablestore in another: an interactive wizard, plus headless subcommands for
// scripts and for people who only want the DDL.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is set at build time with -X main.version=….
var version = "dev"

// Exit codes, documented in the README.
const (
	exitOK          = 0   // success
	exitProblems    = 1   // validate, lint or doctor found problems; apply failed
	exitUsage       = 2   // bad flags or arguments, unreadable spec
	exitInterrupted = 130 // Ctrl+C
)

// stdio is where a command reads and writes; tests pass buffers.
type stdio struct {
	in  io.Reader
	out io.Writer // results only (the DDL, JSON), so `wizard ddl > ext.sql` works
	err io.Writer // progress, warnings and errors
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, s stdio) int
}

func commands() []command {
	return []command{
		{"ddl", "print the external-table DDL for a spec", cmdDDL},
		{"plan", "show what apply would do (--offline: every artifact, no cloud calls)", cmdPlan},
		{"apply", "perform the setup headless", cmdApply},
		{"validate", "check a spec and print every problem", cmdValidate},
		{"lint", "check a pasted external-table DDL", cmdLint},
		{"doctor", "say which link of an existing setup is broken", cmdDoctor},
		{"destroy", "remove what the wizard created", cmdDestroy},
		{"sandbox", "run the local Alibaba Cloud emulator", cmdSandbox},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr})
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand; with none it starts the interactive wizard.
func run(ctx context.Context, args []string, s stdio) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && !isHelpOrVersion(args[0]) {
		return cmdWizard(ctx, args, s)
	}
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintf(s.out, "wizard %s\n", version)
		return exitOK
	case "-h", "--help", "-help", "help":
		usage(s.out)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], s)
		}
	}
	fmt.Fprintf(s.err, "wizard: unknown command %q\n", args[0])
	usage(s.err)
	return exitUsage
}

func isHelpOrVersion(a string) bool {
	switch a {
	case "--version", "-version", "-h", "--help", "-help":
		return true
	}
	return false
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "usage: wizard [flags]            the interactive wizard (sandbox by default)\n")
	fmt.Fprintf(w, "       wizard <command> [flags]\n\ncommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nexit codes: 0 ok, 1 problems found or the run failed, 2 usage, 130 interrupted\n")
	fmt.Fprintf(w, "run 'wizard <command> -h' for a command's flags\n")
}
