package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/steps"
)

// runView is the live run: every step with its status, spinner and time,
// and the log of the step being applied, or the failure and the ways out.
type runView struct {
	offset int // the log's scroll
}

// failed returns the step that failed and waits for the user, if any.
func failed(w steps.Wizard) (steps.StepState, bool) {
	for _, s := range w.Steps() {
		if s.Status == steps.StatusFailed {
			return s, true
		}
	}
	return steps.StepState{}, false
}

func (v *runView) update(k tea.KeyMsg, keys keyMap, w steps.Wizard, pageLines int) tea.Cmd {
	if scrollPage(k, keys, &v.offset, pageLines) {
		return nil
	}
	s, ok := failed(w)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, keys.Retry):
		v.offset = 0
		return emit(retryMsg{step: s.ID})
	case key.Matches(k, keys.Skip): // the machine says why when it refuses
		v.offset = 0
		return emit(skipMsg{step: s.ID})
	case key.Matches(k, keys.Edit):
		return emit(editMsg{screen: s.ID.Form()})
	}
	return nil
}

func (m model) runBindings() []key.Binding {
	if s, ok := failed(m.wiz); ok {
		return append(m.failureBindings(s), m.keys.Quit)
	}
	return []key.Binding{m.keys.PageUp}
}

func (m model) runBody(width, height int) string {
	st, w := m.st, m.wiz
	var head strings.Builder
	if _, ok := failed(w); ok {
		head.WriteString(st.Title.Render("Applying the plan") + st.Bad.Render("  — stopped at a failed step") + "\n")
	} else {
		head.WriteString(st.Title.Render("Applying the plan") + st.Muted.Render("  — each step looks before it writes") + "\n")
	}
	for _, s := range w.Steps() {
		head.WriteString(m.stepLine(s, false, width) + "\n")
	}
	head.WriteString("\n")
	var body string
	if s, ok := failed(w); ok {
		body = m.failureLines(s, width)
	} else if s, r := m.runningLog(); r != nil {
		var b strings.Builder
		b.WriteString(st.Heading.Render(fmt.Sprintf("%s — %s", s.ID, s.ID.Info().Title)) + "\n")
		lines := r.lines
		if len(lines) == 0 {
			lines = []string{"(no output yet)"}
		}
		for _, l := range lines {
			b.WriteString(paint(st.Muted, hang("  ", l, width)) + "\n")
		}
		body = b.String()
		// The newest lines matter: show the tail unless scrolled.
		if extra := lineCount(body) - (height - linesAbove(head.String())); extra > 0 && m.run.offset == 0 {
			shown, _ := scrolled(body, height-linesAbove(head.String()), extra)
			return head.String() + shown
		}
	}
	shown, _ := scrolled(body, max(1, height-linesAbove(head.String())), m.run.offset)
	return head.String() + shown
}
