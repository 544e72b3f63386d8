package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Move says where the focus goes after a key.
type Move int

// Moves.
const (
	Stay     Move = iota // the key was handled inside the control
	Forward              // to the next question
	Backward             // to the previous question
	Submit               // Enter: the next question, or send the form
)

func (m Move) String() string {
	switch m {
	case Stay:
		return "stay"
	case Forward:
		return "forward"
	case Backward:
		return "backward"
	case Submit:
		return "submit"
	}
	return "Move(?)"
}

// Control is one question of a form: a text answer, a choice or a grid.
type Control interface {
	// Key is the spec path the control answers ("ram.role"); problems on
	// that path or under it are shown at the control.
	Key() string
	Focus() tea.Cmd
	Blur()
	// Update handles a key while the control has the focus.
	Update(msg tea.KeyMsg, keys KeyMap) (tea.Cmd, Move)
	// View renders the control; focusLine is the line the focus is on, so
	// a form taller than the screen scrolls to it.
	View(s Styles, width int, focused bool) (view string, focusLine int)
	// Bindings lists the keys that work while the control has the focus.
	Bindings(keys KeyMap) []key.Binding
	// Problem is the broken rule shown at the control, if any.
	Problem() string
	// SetProblems shows problems found outside the control (by whole-spec
	// validation): each is a field path and its message.
	SetProblems(ps []FieldProblem)
	Hidden() bool
}

// FieldProblem is a problem the rest of the product found on one spec path.
type FieldProblem struct {
	Field   string // "tablestore.primary_key[1].type"
	Message string // the rule and the fix
}

// labelWidth is the column the answers start in.
const labelWidth = 24

// labelLine renders "› Label          " (or "  Label ") padded to the answer column.
func labelLine(s Styles, label string, focused bool) string {
	mark, style := "  ", s.Label
	if focused {
		mark, style = markFocus+" ", s.FocusedLabel
	}
	text := ansi.Truncate(label, labelWidth-3, "…")
	pad := labelWidth - 2 - ansi.StringWidth(text)
	if pad < 1 {
		pad = 1
	}
	return mark + style.Render(text) + strings.Repeat(" ", pad)
}

// indented wraps text to width and indents every line to the answer column.
func indented(text string, width int, render func(...string) string) []string {
	avail := width - labelWidth
	if avail < 20 {
		avail = width - 4
	}
	if avail < 10 {
		avail = 10
	}
	pad := strings.Repeat(" ", width-avail)
	var out []string
	for _, line := range strings.Split(ansi.Wrap(text, avail, " "), "\n") {
		out = append(out, pad+render(line))
	}
	return out
}
