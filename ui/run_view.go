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
	head, content, h, follow := m.runParts(width, height)
	offset := m.run.offset
	if follow && offset == 0 {
		// The newest lines matter: show the tail unless scrolled.
		offset = max(0, lineCount(content)-h)
	}
	shown, _ := scrolled(content, h, offset)
	return head + shown
}

// runParts is the run page's fixed head (the steps), the failure or the
// running step's log below it, the height that has, and whether it is a
// log to follow.
func (m model) runParts(width, height int) (head, content string, contentHeight int, follow bool) {
	st, w := m.st, m.wiz
	var hb strings.Builder
	if _, ok := failed(w); ok {
		hb.WriteString(st.Title.Render("Applying the plan") + st.Bad.Render("  — stopped at a failed step") + "\n")
	} else {
		hb.WriteString(st.Title.Render("Applying the plan") + st.Muted.Render("  — each step looks before it writes") + "\n")
	}
	for _, s := range w.Steps() {
		hb.WriteString(m.stepLine(s, false, width) + "\n")
	}
	hb.WriteString("\n")
	contentHeight = max(1, height-linesAbove(hb.String()))
	if s, ok := failed(w); ok {
		return hb.String(), m.failureLines(s, width), contentHeight, false
	}
	s, r := m.runningLog()
	if r == nil {
		return hb.String(), "", contentHeight, false
	}
	var b strings.Builder
	b.WriteString(st.Heading.Render(fmt.Sprintf("%s — %s", s.ID, s.ID.Info().Title)) + "\n")
	lines := r.lines
	if len(lines) == 0 {
		lines = []string{"(no output yet)"}
	}
	for _, l := range lines {
		b.WriteString(paint(st.Muted, hang("  ", l, width)) + "\n")
	}
	return hb.String(), b.String(), contentHeight, true
}
