package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcots/wizard/steps"
)

// stepRun is what the ui saw of a step's latest call: when it started and
// ended, and its progress lines.
type stepRun struct {
	kind           steps.EffectKind
	run            steps.RunID
	started, ended time.Time
	lines          []string
}

// maxLogLines bounds a step's kept progress lines.
const maxLogLines = 200

func (r *stepRun) add(line string) {
	r.lines = append(r.lines, line)
	if len(r.lines) > maxLogLines {
		r.lines = r.lines[len(r.lines)-maxLogLines:]
	}
}

// elapsed is how long the call took, or has taken so far at now.
func (r *stepRun) elapsed(now time.Time) time.Duration {
	end := r.ended
	if end.IsZero() {
		end = now
	}
	if d := end.Sub(r.started); d > 0 {
		return d
	}
	return 0
}

// spinnerFrames are the spinner's frames, one rune each.
const spinnerFrames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

// spinner is a frame chosen by the clock, so View needs no state of its own.
func (m model) spinner() string {
	frames := []rune(spinnerFrames)
	i := (m.now.UnixMilli() / 100) % int64(len(frames))
	if i < 0 { // a clock before 1970
		i += int64(len(frames))
	}
	return string(frames[i])
}

// stepIcon marks a step's status (and, once planned, its action) with a
// sign that reads without colour.
func (m model) stepIcon(s steps.StepState) string {
	st := m.st
	switch s.Status {
	case steps.StatusObserving, steps.StatusApplying:
		return st.Accent.Render(m.spinner())
	case steps.StatusDone:
		return st.Good.Render("✓")
	case steps.StatusFailed:
		return st.Bad.Render("✗")
	case steps.StatusSkipped:
		return st.Muted.Render("-")
	case steps.StatusPlanned:
		switch s.Plan.Action {
		case steps.ActionCreate:
			return st.Accent.Render("+")
		case steps.ActionChange:
			return st.Warn.Render("~")
		case steps.ActionBlocked:
			return st.Warn.Render("!")
		case steps.ActionInPlace, steps.ActionUnset:
			return st.Good.Render("=")
		}
	case steps.StatusPending:
	}
	return st.Muted.Render("·")
}

// stepWord says in a word or two where a step stands.
func stepWord(s steps.StepState) string {
	switch s.Status {
	case steps.StatusPending:
		return "pending"
	case steps.StatusObserving:
		return "looking…"
	case steps.StatusPlanned:
		return s.Plan.Action.String()
	case steps.StatusApplying:
		switch s.Plan.Action {
		case steps.ActionCreate:
			return "creating…"
		case steps.ActionChange:
			return "changing…"
		}
		return "running…"
	case steps.StatusDone:
		switch s.Result.Action {
		case steps.ActionCreate:
			return "created"
		case steps.ActionChange:
			return "changed"
		}
		return "in place"
	case steps.StatusFailed:
		return "failed"
	case steps.StatusSkipped:
		return "skipped"
	}
	return s.Status.String()
}

// stepLine is one row of a step list: sign, name, state, time and summary.
func (m model) stepLine(s steps.StepState, selected bool, width int) string {
	mark := "  "
	if selected {
		mark = m.st.Selected.Render("› ")
	}
	name := fmt.Sprintf("%-15s", s.ID.String())
	if selected {
		name = m.st.Selected.Render(name)
	}
	word := fmt.Sprintf("%-10s", stepWord(s))
	// The time shown is the current phase's: observation on the review,
	// the apply on the run (a step in place has none there).
	elapsed := "      "
	kind := steps.EffectObserve
	if p := m.wiz.Phase(); p == steps.PhaseApplying || p == steps.PhaseDone {
		kind = steps.EffectApply
	}
	if r := m.runs[s.ID]; r != nil && r.run == s.RunID && r.kind == kind && !r.started.IsZero() {
		elapsed = fmt.Sprintf("%5.1fs", r.elapsed(m.now).Seconds())
	}
	summary := s.Plan.Summary
	if s.Status == steps.StatusDone && s.Result.Summary != "" {
		summary = s.Result.Summary
	}
	if s.Status == steps.StatusFailed && s.Err != nil {
		summary = firstLine(errorText(s.Err))
	}
	if summary == "" {
		summary = s.ID.Info().Title
	}
	line := mark + m.stepIcon(s) + " " + name + " " + word + " " + m.st.Muted.Render(elapsed) + "  " + summary
	return ansi.Truncate(line, width, "…")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// runningLog is the progress of the step a person is most likely watching:
// the one in flight, else the one that failed, else the last one that ran.
func (m model) runningLog() (steps.StepState, *stepRun) {
	var last steps.StepState
	for _, s := range m.wiz.Steps() {
		if s.Status.InFlight() || s.Status == steps.StatusFailed {
			return s, m.runs[s.ID]
		}
		if r := m.runs[s.ID]; r != nil && s.Status == steps.StatusDone {
			last = s
		}
	}
	return last, m.runs[last.ID]
}
