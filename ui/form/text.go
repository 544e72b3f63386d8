package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Text is a one-line answer, optionally masked (an AccessKey secret) and
// optionally with existing names to pick from.
type Text struct {
	key, label, hint string
	input            textinput.Model
	validate         func(string) error
	problem          string // the control's own validation
	outside          []FieldProblem
	note             string
	hidden           bool
	secret           bool
	picks            []string
}

// NewText returns a text answer for the spec path key. validate runs on
// every change; its error is shown under the answer.
func NewText(s Styles, key, label, hint, value string, validate func(string) error) *Text {
	t := &Text{key: key, label: label, hint: hint, input: newInput(s, value), validate: validate}
	t.check()
	return t
}

// Secret masks the answer: it is never drawn, only counted.
func (t *Text) Secret() *Text {
	t.secret = true
	t.input.EchoMode = textinput.EchoPassword
	t.input.EchoCharacter = '•'
	return t
}

// Placeholder sets what an empty answer shows.
func (t *Text) Placeholder(p string) *Text { t.input.Placeholder = p; return t }

// Value returns the answer without surrounding spaces (pasted values often
// carry them).
func (t *Text) Value() string { return strings.TrimSpace(t.input.Value()) }

// SetValue replaces the answer and checks it.
func (t *Text) SetValue(v string) {
	t.input.SetValue(v)
	t.input.CursorEnd()
	t.outside = nil
	t.check()
}

// SetNote sets a line shown under the answer ("exists in account A", "checking…").
func (t *Text) SetNote(n string) { t.note = n }

// SetHidden hides or shows the question.
func (t *Text) SetHidden(h bool) { t.hidden = h }

// SetPicks sets the existing names the pick keys cycle through.
func (t *Text) SetPicks(names []string) { t.picks = append([]string(nil), names...) }

// Key implements Control.
func (t *Text) Key() string { return t.key }

// Hidden implements Control.
func (t *Text) Hidden() bool { return t.hidden }

// Focus implements Control.
func (t *Text) Focus() tea.Cmd { return t.input.Focus() }

// Blur implements Control.
func (t *Text) Blur() { t.input.Blur() }

// Problem implements Control.
func (t *Text) Problem() string {
	if t.problem != "" {
		return t.problem
	}
	if len(t.outside) > 0 {
		return t.outside[0].Message
	}
	return ""
}

// SetProblems implements Control.
func (t *Text) SetProblems(ps []FieldProblem) { t.outside = ps }

func (t *Text) check() {
	t.problem = ""
	if t.validate != nil {
		if err := t.validate(t.Value()); err != nil {
			t.problem = err.Error()
		}
	}
}

// Update implements Control.
func (t *Text) Update(msg tea.KeyMsg, keys KeyMap) (tea.Cmd, Move) {
	switch {
	case key.Matches(msg, keys.Submit):
		return nil, Submit
	case key.Matches(msg, keys.Next):
		return nil, Forward
	case key.Matches(msg, keys.Prev):
		return nil, Backward
	case len(t.picks) > 0 && key.Matches(msg, keys.Pick):
		t.pick(msg.String() == "ctrl+p")
		return nil, Stay
	}
	before := t.input.Value()
	var cmd tea.Cmd
	t.input, cmd = t.input.Update(msg)
	if t.input.Value() != before {
		t.outside = nil
		t.check()
	}
	return cmd, Stay
}

func (t *Text) pick(backwards bool) {
	i := -1
	for j, p := range t.picks {
		if p == t.Value() {
			i = j
		}
	}
	switch {
	case backwards && i <= 0:
		i = len(t.picks) - 1
	case backwards:
		i--
	default:
		i = (i + 1) % len(t.picks)
	}
	t.SetValue(t.picks[i])
}

// Bindings implements Control.
func (t *Text) Bindings(keys KeyMap) []key.Binding {
	if len(t.picks) > 0 {
		return []key.Binding{keys.Pick}
	}
	return nil
}

// View implements Control.
func (t *Text) View(s Styles, width int, focused bool) (string, int) {
	var answer string
	switch {
	case focused:
		answer = t.input.View()
	case t.input.Value() == "":
		answer = s.Placeholder.Render(t.input.Placeholder)
	case t.secret:
		answer = s.Value.Render(strings.Repeat("•", len([]rune(t.input.Value()))))
	default:
		answer = s.Value.Render(t.input.Value())
	}
	line := ansi.Truncate(labelLine(s, t.label, focused)+answer, width, "…")
	lines := []string{line}
	if p := t.Problem(); p != "" {
		lines = append(lines, indented(markError+" "+p, width, s.Error.Render)...)
	} else if focused && t.hint != "" {
		lines = append(lines, indented(t.hint, width, s.Hint.Render)...)
	}
	if t.note != "" {
		lines = append(lines, indented(t.note, width, s.Hint.Render)...)
	}
	return strings.Join(lines, "\n"), 0
}
