// Package steps is the wizard's pure core: the spec (every input, loaded from
// and saved to YAML, never holding a secret), its validation, the artifacts
// rendered from it (policies, role ARN, DDL, verification query, equivalent
// CLI commands, Terraform), the step catalogue and the step machine
// Wizard.Apply. It imports neither the TUI nor any cloud SDK, so everything
// here is tested as plain functions.
package steps
