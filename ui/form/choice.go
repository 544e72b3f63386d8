package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Option is one answer of a choice.
type Option struct {
	Value string // what the spec holds
	Label string // what the screen shows
}

// Choice is a question with a few fixed answers (access level, endpoint).
type Choice struct {
	key, label, hint string
	options          []Option
	selected         int
	outside          []FieldProblem
	hidden           bool
}

// NewChoice returns a choice for the spec path key with value selected. A
// value that is not among the options is kept as an extra option, so that
// nothing a spec file said is silently replaced.
func NewChoice(key, label, hint string, options []Option, value string) *Choice {
	c := &Choice{key: key, label: label, hint: hint, options: append([]Option(nil), options...)}
	c.SetValue(value)
	return c
}

// Value returns the chosen value.
func (c *Choice) Value() string {
	if len(c.options) == 0 {
		return ""
	}
	return c.options[c.selected].Value
}

// SetValue chooses value.
func (c *Choice) SetValue(v string) {
	for i, o := range c.options {
		if o.Value == v {
			c.selected = i
			return
		}
	}
	if v != "" {
		c.options = append(c.options, Option{Value: v, Label: v})
		c.selected = len(c.options) - 1
	}
}

// SetOptions replaces the options, keeping the chosen value when it is
// still one of them.
func (c *Choice) SetOptions(options []Option) {
	v := c.Value()
	c.options = append([]Option(nil), options...)
	c.selected = 0
	c.SetValue(v)
}

// SetHidden hides or shows the question.
func (c *Choice) SetHidden(h bool) { c.hidden = h }

// Key implements Control.
func (c *Choice) Key() string { return c.key }

// Hidden implements Control.
func (c *Choice) Hidden() bool { return c.hidden }

// Focus implements Control.
func (c *Choice) Focus() tea.Cmd { return nil }

// Blur implements Control.
func (c *Choice) Blur() {}

// Problem implements Control. The spec's rule says what to write; here
// the answer is picked, so the fix says so.
func (c *Choice) Problem() string {
	if len(c.outside) == 0 {
		return ""
	}
	msg := c.outside[0].Message
	if strings.Contains(msg, " — write ") {
		msg = strings.Replace(msg, " — write ", " — pick ", 1) + " (←/→)"
	}
	return msg
}

// SetProblems implements Control.
func (c *Choice) SetProblems(ps []FieldProblem) { c.outside = ps }

// Update implements Control.
func (c *Choice) Update(msg tea.KeyMsg, keys KeyMap) (tea.Cmd, Move) {
	switch {
	case key.Matches(msg, keys.Submit):
		return nil, Submit
	case key.Matches(msg, keys.Next):
		return nil, Forward
	case key.Matches(msg, keys.Prev):
		return nil, Backward
	case key.Matches(msg, keys.Choose) && len(c.options) > 0:
		if msg.String() == "left" {
			c.selected = (c.selected + len(c.options) - 1) % len(c.options)
		} else {
			c.selected = (c.selected + 1) % len(c.options)
		}
		c.outside = nil
	}
	return nil, Stay
}

// Bindings implements Control.
func (c *Choice) Bindings(keys KeyMap) []key.Binding { return []key.Binding{keys.Choose} }

// View implements Control.
func (c *Choice) View(s Styles, width int, focused bool) (string, int) {
	head := labelLine(s, c.label, focused)
	var parts []string
	for i, o := range c.options {
		if i == c.selected {
			parts = append(parts, s.Selected.Render(markSelected+" "+o.Label))
		} else {
			parts = append(parts, s.Unselected.Render(markOption+" "+o.Label))
		}
	}
	// Options flow onto more lines, aligned with the answer column, when
	// the screen is narrow.
	var lines []string
	cur := head
	pad := strings.Repeat(" ", labelWidth)
	for i, p := range parts {
		sep := "  "
		if i == 0 {
			sep = ""
		}
		if i > 0 && ansi.StringWidth(cur)+len(sep)+ansi.StringWidth(p) > width {
			lines = append(lines, cur)
			cur, sep = pad, ""
		}
		cur += sep + p
	}
	lines = append(lines, ansi.Truncate(cur, width, "…"))
	if p := c.Problem(); p != "" {
		lines = append(lines, indented(markError+" "+p, width, s.Error.Render)...)
	} else if focused && c.hint != "" {
		lines = append(lines, indented(c.hint, width, s.Hint.Render)...)
	}
	return strings.Join(lines, "\n"), 0
}
