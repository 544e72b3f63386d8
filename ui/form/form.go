// Package form holds the wizard's question widgets: text answers (masked for
// secrets), choices and editable grids, and the Form that moves the focus
// among them, validates inline and scrolls when the screen is short.
package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Valued is a control whose answer is one value (Text, Choice, Grid).
type Valued interface{ Value() string }

// Event is what a key did to the form, for the screen that owns it.
type Event struct {
	Submitted bool   // Enter on the last question: the screen's answers are complete
	Changed   string // the key of the control whose answer changed
	Left      string // the key of the control the focus left
}

// Form is a list of questions with one focus.
type Form struct {
	controls []Control
	focus    int
	keys     KeyMap
}

// New returns a form with the focus on the first visible question.
func New(keys KeyMap, controls ...Control) *Form {
	f := &Form{controls: controls, keys: keys, focus: -1}
	f.focusFrom(0, 1)
	return f
}

// Init focuses the first question; call it when the form's screen opens.
func (f *Form) Init() tea.Cmd {
	if c := f.Focused(); c != nil {
		return c.Focus()
	}
	return nil
}

// Focused returns the control with the focus, or nil when none is visible.
func (f *Form) Focused() Control {
	if f.focus < 0 || f.focus >= len(f.controls) {
		return nil
	}
	return f.controls[f.focus]
}

// Controls returns the questions in order.
func (f *Form) Controls() []Control { return f.controls }

// focusFrom focuses the first visible control at or after i going in
// direction d; it reports whether one was found.
func (f *Form) focusFrom(i, d int) bool {
	for ; i >= 0 && i < len(f.controls); i += d {
		if !f.controls[i].Hidden() {
			if cur := f.Focused(); cur != nil {
				cur.Blur()
			}
			f.focus = i
			return true
		}
	}
	return false
}

// Refocus moves the focus off a control that became hidden.
func (f *Form) Refocus() tea.Cmd {
	if c := f.Focused(); c != nil && !c.Hidden() {
		return nil
	}
	if f.focusFrom(f.focus, 1) || f.focusFrom(f.focus, -1) {
		return f.Focused().Focus()
	}
	return nil
}

// FocusKey moves the focus to the first visible control whose key is
// field or contains it ("tablestore.columns" for "tablestore.columns[2].type").
func (f *Form) FocusKey(field string) tea.Cmd {
	for i, c := range f.controls {
		if !c.Hidden() && under(field, c.Key()) {
			f.focusFrom(i, 1)
			return c.Focus()
		}
	}
	return nil
}

// IsLast reports whether the focus is on the last visible question.
func (f *Form) IsLast() bool {
	for i := f.focus + 1; i < len(f.controls); i++ {
		if !f.controls[i].Hidden() {
			return false
		}
	}
	return true
}

// Update moves the focus or passes the key to the focused control.
func (f *Form) Update(msg tea.KeyMsg) (tea.Cmd, Event) {
	c := f.Focused()
	if c == nil {
		if key.Matches(msg, f.keys.Submit) {
			return nil, Event{Submitted: true}
		}
		return nil, Event{}
	}
	var before string
	if v, ok := c.(Valued); ok {
		before = v.Value()
	}
	cmd, move := c.Update(msg, f.keys)
	var ev Event
	if v, ok := c.(Valued); ok && v.Value() != before {
		ev.Changed = c.Key()
	}
	switch move {
	case Forward, Submit:
		if f.IsLast() {
			ev.Submitted = move == Submit
			return cmd, ev
		}
		f.focusFrom(f.focus+1, 1)
	case Backward:
		if !f.focusFrom(f.focus-1, -1) {
			return cmd, ev
		}
	default:
		return cmd, ev
	}
	ev.Left = c.Key()
	return tea.Batch(cmd, f.Focused().Focus()), ev
}

// Bindings lists the keys that work where the focus is; the moves share
// one entry so the help line fits an 80-column terminal.
func (f *Form) Bindings() []key.Binding {
	submit := f.keys.Submit
	if f.IsLast() {
		submit = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue"))
	}
	move := key.NewBinding(key.WithKeys("tab", "down", "shift+tab", "up"), key.WithHelp("tab/↑↓", "move"))
	b := []key.Binding{submit, move}
	if c := f.Focused(); c != nil {
		b = append(b, c.Bindings(f.keys)...)
	}
	return b
}

// SetProblems shows each problem at the control whose key holds its field
// and returns those no control holds, for the screen to show itself.
func (f *Form) SetProblems(ps []FieldProblem) (unplaced []FieldProblem) {
	byControl := make([][]FieldProblem, len(f.controls))
	for _, p := range ps {
		placed := false
		for i, c := range f.controls {
			if !c.Hidden() && under(p.Field, c.Key()) {
				byControl[i] = append(byControl[i], p)
				placed = true
				break
			}
		}
		if !placed {
			unplaced = append(unplaced, p)
		}
	}
	for i, c := range f.controls {
		c.SetProblems(byControl[i])
	}
	return unplaced
}

// Problems lists the problems shown at visible controls, in order.
func (f *Form) Problems() []string {
	var out []string
	for _, c := range f.controls {
		if !c.Hidden() && c.Problem() != "" {
			out = append(out, c.Problem())
		}
	}
	return out
}

// View renders the questions in height lines, scrolled so that the focus
// is visible; the scroll follows from the focus alone, so View stays pure.
func (f *Form) View(s Styles, width, height int) string {
	var lines []string
	focusTop, focusLine := 0, 0
	for i, c := range f.controls {
		if c.Hidden() {
			continue
		}
		v, fl := c.View(s, width, i == f.focus)
		block := strings.Split(v, "\n")
		if i == f.focus {
			focusTop, focusLine = len(lines), len(lines)+fl
			// Keep the whole focused block in view when it fits, so
			// its problem and hint lines show.
			if end := len(lines) + len(block) - 1; end-focusTop < height {
				focusLine = end
			}
		}
		lines = append(lines, block...)
	}
	if height <= 0 || len(lines) <= height {
		return strings.Join(lines, "\n")
	}
	start := 0
	if focusLine >= height {
		start = focusLine - height + 1
	}
	if focusTop < start {
		start = focusTop
	}
	end := start + height
	if end > len(lines) {
		end, start = len(lines), len(lines)-height
	}
	return strings.Join(lines[start:end], "\n")
}

// under reports whether field is prefix or lies under it.
func under(field, prefix string) bool {
	if !strings.HasPrefix(field, prefix) {
		return false
	}
	rest := field[len(prefix):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}
