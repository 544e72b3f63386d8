package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyMap is every key of the wizard outside the forms' own. Each screen
// lists the ones that work there (bindings), and the help line shows exactly
// those, so it never offers a key that does nothing.
type keyMap struct {
	Help   key.Binding
	Back   key.Binding
	Cancel key.Binding // Ctrl+C: cancel the running call, ask before leaving
	Quit   key.Binding // q where no text is typed

	Start  key.Binding // welcome: begin (or resume)
	Fresh  key.Binding // welcome: start over instead of resuming
	Target key.Binding // welcome: Alibaba Cloud or the sandbox
	Check  key.Binding // welcome: check an existing setup instead

	Recheck key.Binding // check: walk the chain again
	SetUp   key.Binding // check: plan the setup that fixes what is broken
	Doctor  key.Binding // done: check every link of the finished setup

	Confirm  key.Binding // review: apply the plan
	NextTab  key.Binding
	PrevTab  key.Binding
	StepUp   key.Binding
	StepDown key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Retry    key.Binding
	Skip     key.Binding
	Edit     key.Binding

	Continue key.Binding // results → done
	Copy     key.Binding
	Write    key.Binding
	Dir      key.Binding // done: edit the directory the files go to
	Finish   key.Binding // done: leave, printing the DDL

	Yes key.Binding
	No  key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Cancel: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Quit:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),

		Start:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
		Fresh:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "start over")),
		Target: key.NewBinding(key.WithKeys("left", "right", "tab"), key.WithHelp("←/→", "target")),
		Check:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "check an existing setup")),

		Recheck: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "check again")),
		SetUp:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "plan the fix")),
		Doctor:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "check every link")),

		Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply the plan")),
		NextTab:  key.NewBinding(key.WithKeys("tab", "right"), key.WithHelp("tab", "next view")),
		PrevTab:  key.NewBinding(key.WithKeys("shift+tab", "left"), key.WithHelp("shift+tab", "previous view")),
		StepUp:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "select step")),
		StepDown: key.NewBinding(key.WithKeys("down", "j")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/pgdn", "scroll")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "f", " ")),
		Retry:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Skip:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),

		Continue: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")),
		Copy:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy DDL")),
		Write:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write files")),
		Dir:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "change directory")),
		Finish:   key.NewBinding(key.WithKeys("enter", "q"), key.WithHelp("enter/q", "finish")),

		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "no")),
	}
}

// withHelp returns b with other help text, for a key whose meaning depends
// on where it is ("e" edits "the RAM form").
func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// scrollPage moves a viewer's offset for pgup/pgdn and reports whether k
// was one of them.
func scrollPage(k tea.KeyMsg, keys keyMap, offset *int, pageLines int) bool {
	switch {
	case key.Matches(k, keys.PageDown):
		*offset += pageLines
	case key.Matches(k, keys.PageUp):
		*offset = max(0, *offset-pageLines)
	default:
		return false
	}
	return true
}

// scrollLine is scrollPage, and ↑/↓ by one line.
func scrollLine(k tea.KeyMsg, keys keyMap, offset *int, pageLines int) bool {
	switch {
	case scrollPage(k, keys, offset, pageLines):
	case key.Matches(k, keys.StepDown):
		*offset++
	case key.Matches(k, keys.StepUp):
		*offset = max(0, *offset-1)
	default:
		return false
	}
	return true
}
