package ui

import (
	"io"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/mcots/wizard/ui/form"
)

// palette is the one place colours are chosen; everything else names a
// role. The 16 basic ANSI colours follow the terminal's own theme, light or
// dark, without asking the terminal for its background (a query that races
// with the program's input reader).
type palette struct {
	accent, muted, good, bad, warn, selected lipgloss.TerminalColor
}

func defaultPalette() palette {
	return palette{
		accent:   lipgloss.ANSIColor(5), // magenta
		muted:    lipgloss.ANSIColor(8), // bright black
		good:     lipgloss.ANSIColor(2),
		bad:      lipgloss.ANSIColor(1),
		warn:     lipgloss.ANSIColor(3),
		selected: lipgloss.ANSIColor(6),
	}
}

// theme holds every style the screens use, built once.
type theme struct {
	Title    lipgloss.Style // screen titles
	Heading  lipgloss.Style // section headings inside a screen
	Text     lipgloss.Style
	Muted    lipgloss.Style // explanations, the rule under the header
	Accent   lipgloss.Style // names the user should notice
	Good     lipgloss.Style // done, in place, verified
	Bad      lipgloss.Style // failed
	Warn     lipgloss.Style // warnings, blocked
	Key      lipgloss.Style // a key in running text
	Tab      lipgloss.Style
	TabOn    lipgloss.Style
	Selected lipgloss.Style // the selected row of a list
	Box      lipgloss.Style // a framed panel (the quit prompt)
	Form     form.Styles
	Help     help.Styles
}

// newRenderer returns a renderer for out; noColor forces a monochrome
// screen with no escape sequences for colour or emphasis.
func newRenderer(out io.Writer, noColor, forceColor bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(out)
	switch {
	case noColor:
		r.SetColorProfile(termenv.Ascii)
	case forceColor:
		r.SetColorProfile(termenv.ANSI)
	}
	return r
}

// newStyles builds the styles from the palette for renderer r.
func newStyles(r *lipgloss.Renderer) theme {
	p := defaultPalette()
	n := r.NewStyle
	s := theme{
		Title:    n().Bold(true).Foreground(p.accent),
		Heading:  n().Bold(true),
		Text:     n(),
		Muted:    n().Foreground(p.muted),
		Accent:   n().Foreground(p.accent),
		Good:     n().Foreground(p.good),
		Bad:      n().Foreground(p.bad),
		Warn:     n().Foreground(p.warn),
		Key:      n().Bold(true),
		Tab:      n().Foreground(p.muted),
		TabOn:    n().Bold(true).Underline(true).Foreground(p.accent),
		Selected: n().Foreground(p.selected).Bold(true),
		Box:      n().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1),
	}
	s.Form = form.Styles{
		Label:        n(),
		FocusedLabel: n().Bold(true).Foreground(p.accent),
		Value:        n(),
		Placeholder:  n().Foreground(p.muted),
		Cursor:       n().Foreground(p.accent),
		Hint:         n().Foreground(p.muted),
		Error:        n().Foreground(p.bad),
		Selected:     n().Bold(true).Foreground(p.selected),
		Unselected:   n().Foreground(p.muted),
		Header:       n().Bold(true).Foreground(p.muted),
	}
	s.Help = help.Styles{
		Ellipsis:       n().Foreground(p.muted),
		ShortKey:       n().Bold(true),
		ShortDesc:      n().Foreground(p.muted),
		ShortSeparator: n().Foreground(p.muted),
		FullKey:        n().Bold(true),
		FullDesc:       n().Foreground(p.muted),
		FullSeparator:  n().Foreground(p.muted),
	}
	return s
}
