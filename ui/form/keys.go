package form

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key a form answers to. Each control lists the ones that
// work where the focus is, so the help line stays true.
type KeyMap struct {
	Next      key.Binding // the next question
	Prev      key.Binding // the previous question
	Submit    key.Binding // the next question, or send the form from the last
	Choose    key.Binding // change a choice
	Pick      key.Binding // put the next existing name into a text answer
	RowUp     key.Binding
	RowDown   key.Binding
	AddRow    key.Binding
	DeleteRow key.Binding
	MoveRow   key.Binding // move a row up or down (key order matters)
}

// DefaultKeyMap returns the form keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:      key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous")),
		Submit:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Choose:    key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→", "choose")),
		Pick:      key.NewBinding(key.WithKeys("ctrl+n", "ctrl+p"), key.WithHelp("ctrl+n/p", "pick existing")),
		RowUp:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "row up")),
		RowDown:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "row down")),
		AddRow:    key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "add row")),
		DeleteRow: key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "delete row")),
		MoveRow:   key.NewBinding(key.WithKeys("shift+up", "shift+down"), key.WithHelp("shift+↑/↓", "move row")),
	}
}
