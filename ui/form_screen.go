package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// formScreen is what every form screen shares: its questions, the problems
// no question holds, and the step machine's screen it answers.
type formScreen struct {
	screen   steps.Screen
	title    string
	intro    string
	form     *form.Form
	unplaced []string
}

// showProblems puts the machine's problems at the questions and focuses
// the first one.
func (f *formScreen) showProblems(ps steps.Problems) tea.Cmd {
	f.unplaced = nil
	for _, p := range f.form.SetProblems(fieldProblems(ps)) {
		f.unplaced = append(f.unplaced, p.Field+": "+p.Message)
	}
	if errs := ps.Errors(); len(errs) > 0 {
		return f.form.FocusKey(errs[0].Field)
	}
	return nil
}

// updateForm passes a key to the form and turns Enter on the last
// question into a submit intent.
func (f *formScreen) updateForm(k tea.KeyMsg) (tea.Cmd, form.Event) {
	cmd, ev := f.form.Update(k)
	if ev.Submitted {
		return tea.Batch(cmd, emit(submitMsg{screen: f.screen})), ev
	}
	return cmd, ev
}

func (f *formScreen) bindings() []key.Binding { return f.form.Bindings() }

// body renders the title, the introduction, the questions in the height
// left after extra (lines the screen adds below), and the problems no
// question holds.
func (f *formScreen) body(st theme, width, height int, extra string) string {
	var head strings.Builder
	head.WriteString(st.Title.Render(f.title) + "\n")
	if f.intro != "" {
		head.WriteString(paint(st.Muted, wrap(f.intro, width)) + "\n")
	}
	var tail strings.Builder
	for _, p := range f.unplaced {
		tail.WriteString(paint(st.Bad, hang("✗ ", p, width)) + "\n")
	}
	if extra != "" {
		tail.WriteString(extra + "\n")
	}
	formHeight := height - linesAbove(head.String()) - lineCount(tail.String())
	if formHeight < 3 {
		formHeight = 3
	}
	return head.String() + f.form.View(st.Form, width, formHeight) + "\n" + tail.String()
}
