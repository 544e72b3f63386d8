package form

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"
)

// Styles is how a form draws; the ui package builds it once from its
// palette, so a form never picks a colour itself.
type Styles struct {
	Label        lipgloss.Style // a question's label
	FocusedLabel lipgloss.Style // the label of the question being answered
	Value        lipgloss.Style // an answer not being edited
	Placeholder  lipgloss.Style
	Cursor       lipgloss.Style
	Hint         lipgloss.Style // what the question is for, and notes
	Error        lipgloss.Style // a broken rule and its fix
	Selected     lipgloss.Style // the chosen option
	Unselected   lipgloss.Style // the other options
	Header       lipgloss.Style // a grid's column titles
}

// Marks used in every renderer; they read well without colour.
const (
	markFocus    = "›"
	markSelected = "●"
	markOption   = "○"
	markError    = "✗"
)

// newInput returns a text input styled by s, with a cursor that does not
// blink (a blinking cursor redraws the screen twice a second for nothing).
func newInput(s Styles, value string) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.TextStyle = s.Value
	in.PromptStyle = s.Value
	in.PlaceholderStyle = s.Placeholder
	in.CompletionStyle = s.Placeholder
	in.Cursor.Style = s.Cursor
	in.Cursor.TextStyle = s.Value
	in.Cursor.SetMode(cursor.CursorStatic)
	in.SetValue(value)
	in.CursorEnd()
	return in
}
