// Package ui is the wizard's terminal interface: a bubbletea program that
// asks for the accounts, names and table, shows the plan the step machine
// in steps derived from what observation found, runs each step live through
// a cloud.Session and ends with the verification rows and the DDL.
//
// The ui decides nothing about steps: it turns the machine's effects into
// commands that call the Session with a context, and feeds their results
// back. It imports no SDK; main hands it a cloud.ConnectFunc in Options.
package ui
