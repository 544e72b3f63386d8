package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// errNoConnect is returned when main gave the ui no way to reach the accounts.
var errNoConnect = errors.New("this build of the wizard cannot connect to any account (no cloud.ConnectFunc); run `wizard apply -f SPEC` or rebuild with the sandbox")

// errorText is an error in words: a service error whole (code, message,
// request id — never cut to "error message: null"), a cancelled call as such.
func errorText(err error) string {
	var ce *cloud.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ce):
		return ce.Error()
	case errors.Is(err, context.Canceled):
		return "cancelled (Ctrl+C); press r to run it again"
	case errors.Is(err, context.DeadlineExceeded):
		return "the call took too long and was stopped: " + err.Error()
	}
	return err.Error()
}

// failureLines explains a failed step: the diagnosis from the error
// catalogue (which link is broken, why, what to do) and the service's own
// error in full.
func (m model) failureLines(s steps.StepState, width int) string {
	st := m.st
	var b strings.Builder
	headline := errorText(s.Err)
	var ce *cloud.Error
	if errors.As(s.Err, &ce) && ce.Message != "" {
		headline = ce.Service + " " + ce.Op + ": " + ce.Code // the message follows in full below
	}
	b.WriteString(paint(st.Bad, hang("✗ ", fmt.Sprintf("%s failed: %s", s.ID.Info().Title, headline), width)) + "\n")
	if d, ok := cloud.DiagnosisOf(s.Err); ok {
		if d.Link != "" {
			b.WriteString(hang("  Link   ", d.Link, width) + "\n")
		}
		if d.Cause != "" {
			b.WriteString(hang("  Cause  ", d.Cause, width) + "\n")
		}
		if d.Fix != "" {
			b.WriteString(paint(st.Good, hang("  Fix    ", d.Fix, width)) + "\n")
		}
	}
	if ce != nil {
		var parts []string
		if ce.Code != "" {
			parts = append(parts, "code "+ce.Code)
		}
		if ce.HTTPStatus != 0 {
			parts = append(parts, fmt.Sprintf("HTTP %d", ce.HTTPStatus))
		}
		if ce.RequestID != "" {
			parts = append(parts, "request id "+ce.RequestID)
		}
		if len(parts) > 0 {
			b.WriteString(paint(st.Muted, hang("  Error  ", ce.Service+" "+ce.Op+": "+strings.Join(parts, ", "), width)) + "\n")
		}
		if ce.Message != "" {
			b.WriteString(paint(st.Muted, hang("         ", ce.Message, width)) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// failureBindings are the ways out of a failed step: retry, skip when the
// catalogue says the setup works without it, or edit the form that feeds it.
func (m model) failureBindings(s steps.StepState) []key.Binding {
	b := []key.Binding{m.keys.Retry}
	if s.ID.Info().SafeToSkip {
		b = append(b, m.keys.Skip)
	}
	return append(b, withHelp(m.keys.Edit, "e", "edit the "+s.ID.Form().String()+" form"))
}

// errNotConnected reports a step started before the accounts were checked.
var errNotConnected = errors.New("not connected: check the accounts first")
