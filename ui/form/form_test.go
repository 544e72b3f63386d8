package form

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func press(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+n":
		return tea.KeyMsg{Type: tea.KeyCtrlN}
	case "ctrl+p":
		return tea.KeyMsg{Type: tea.KeyCtrlP}
	case "ctrl+x":
		return tea.KeyMsg{Type: tea.KeyCtrlX}
	case "shift+up":
		return tea.KeyMsg{Type: tea.KeyShiftUp}
	case "shift+down":
		return tea.KeyMsg{Type: tea.KeyShiftDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func typeIn(f *Form, s string) Event {
	var ev Event
	for _, r := range s {
		_, e := f.Update(press(string(r)))
		if e.Changed != "" {
			ev.Changed = e.Changed
		}
	}
	return ev
}

func noEmpty(v string) error {
	if v == "" {
		return errors.New("is required — write something")
	}
	return nil
}

func plain(v string) string { return ansi.Strip(v) }

func TestFormMovesAndSubmits(t *testing.T) {
	t.Parallel()
	s := Styles{}
	a := NewText(s, "a", "First", "the first", "x", noEmpty)
	hidden := NewText(s, "h", "Hidden", "", "", nil)
	hidden.SetHidden(true)
	c := NewChoice("c", "Choice", "", []Option{{"r", "read"}, {"rw", "read-write"}}, "r")
	f := New(DefaultKeyMap(), a, hidden, c)
	f.Init()

	cases := []struct {
		key       string
		focus     string
		submitted bool
		left      string
	}{
		{"tab", "c", false, "a"}, // the hidden question is passed over
		{"shift+tab", "a", false, "c"},
		{"up", "a", false, ""}, // nothing before the first
		{"enter", "c", false, "a"},
		{"right", "c", false, ""},
		{"down", "c", false, ""}, // Forward from the last does not submit
		{"enter", "c", true, ""},
	}
	for i, tc := range cases {
		_, ev := f.Update(press(tc.key))
		if got := f.Focused().Key(); got != tc.focus || ev.Submitted != tc.submitted || ev.Left != tc.left {
			t.Fatalf("%d %s: focus %s submitted %v left %q; want %s %v %q", i, tc.key, got, ev.Submitted, ev.Left, tc.focus, tc.submitted, tc.left)
		}
	}
	if c.Value() != "rw" {
		t.Fatalf("choice = %q", c.Value())
	}
}

func TestTextValidatesInline(t *testing.T) {
	t.Parallel()
	a := NewText(Styles{}, "ram.role", "Role", "", "ab", noEmpty)
	f := New(DefaultKeyMap(), a)
	f.Init()
	for i := 0; i < 2; i++ {
		if _, ev := f.Update(press("backspace")); ev.Changed != "ram.role" {
			t.Fatalf("backspace: no change reported: %+v", ev)
		}
	}
	if a.Problem() != "is required — write something" {
		t.Fatalf("problem %q", a.Problem())
	}
	if v := plain(f.View(Styles{}, 80, 10)); !strings.Contains(v, "✗ is required — write something") {
		t.Fatalf("the problem is not on screen:\n%s", v)
	}
	typeIn(f, "ok")
	if a.Problem() != "" || a.Value() != "ok" {
		t.Fatalf("after typing: %q %q", a.Problem(), a.Value())
	}
}

func TestSecretIsNeverDrawn(t *testing.T) {
	t.Parallel()
	const secret = "S3cretValue-xyz"
	sec := NewText(Styles{}, "secret", "Secret", "", secret, nil).Secret()
	other := NewText(Styles{}, "o", "Other", "", "", nil)
	f := New(DefaultKeyMap(), sec, other)
	f.Init()
	for _, step := range []string{"focused", "blurred"} {
		if v := f.View(Styles{}, 80, 10); strings.Contains(v, secret) || strings.Contains(v, "S3cret") {
			t.Fatalf("%s: the secret is on screen:\n%s", step, v)
		} else if !strings.Contains(v, strings.Repeat("•", len(secret))) {
			t.Fatalf("%s: the secret is not masked:\n%s", step, v)
		}
		f.Update(press("tab"))
	}
	if sec.Value() != secret {
		t.Fatalf("value %q", sec.Value())
	}
}

func TestTextPicksExistingNames(t *testing.T) {
	t.Parallel()
	a := NewText(Styles{}, "tablestore.instance", "Instance", "", "new1", nil)
	f := New(DefaultKeyMap(), a)
	f.Init()
	if len(f.Bindings()) != 2 {
		t.Fatalf("pick offered without names: %v", f.Bindings())
	}
	a.SetPicks([]string{"cap1", "cap2"})
	var got []string
	for _, k := range []string{"ctrl+n", "ctrl+n", "ctrl+n", "ctrl+p"} {
		f.Update(press(k))
		got = append(got, a.Value())
	}
	if want := []string{"cap1", "cap2", "cap1", "cap2"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("picks %v, want %v", got, want)
	}
}

func TestChoiceKeepsAnUnknownValue(t *testing.T) {
	t.Parallel()
	c := NewChoice("ram.scope", "Scope", "", []Option{{"table", "table"}}, "galaxy")
	if c.Value() != "galaxy" {
		t.Fatalf("value %q", c.Value())
	}
	c.SetOptions([]Option{{"table", "table"}, {"instance", "instance"}})
	if c.Value() != "galaxy" {
		t.Fatalf("SetOptions dropped the answer: %q", c.Value())
	}
	f := New(DefaultKeyMap(), c)
	f.Update(press("left"))
	if c.Value() != "instance" {
		t.Fatalf("left wraps to the last: %q", c.Value())
	}
}

func gridValidate(field, v string) error {
	if v == "" {
		return errors.New("is required")
	}
	if strings.HasSuffix(field, ".type") && v != "INTEGER" && v != "STRING" {
		return fmt.Errorf("%q is not a key type — write INTEGER or STRING", v)
	}
	return nil
}

func TestGridEditsRows(t *testing.T) {
	t.Parallel()
	cols := []Column{{Title: "name", Field: "name", Width: 12}, {Title: "type", Field: "type", Width: 8}}
	g := NewGrid(Styles{}, "tablestore.primary_key", "Primary key", "", cols, [][]string{{"vid", "INTEGER"}}, gridValidate).Limit(1, 4)
	after := NewText(Styles{}, "after", "After", "", "", nil)
	f := New(DefaultKeyMap(), g, after)
	f.Init()

	// tab walks the cells and leaves the grid after the last one.
	f.Update(press("tab"))
	if r, c := g.Cursor(); r != 0 || c != 1 {
		t.Fatalf("cursor %d,%d", r, c)
	}
	f.Update(press("ctrl+n")) // a new row below, focused on its first cell
	typeIn(f, "gt")
	f.Update(press("tab"))
	typeIn(f, "BOOL")
	if got := g.Problem(); !strings.Contains(got, `row 2 type: "BOOL" is not a key type`) {
		t.Fatalf("problem %q", got)
	}
	for i := 0; i < 4; i++ {
		f.Update(press("backspace"))
	}
	typeIn(f, "STRING")
	if g.Problem() != "" {
		t.Fatalf("problem after fixing: %q", g.Problem())
	}
	f.Update(press("shift+up")) // key order matters: move gt first
	if got := g.Rows(); !reflect.DeepEqual(got, [][]string{{"gt", "STRING"}, {"vid", "INTEGER"}}) {
		t.Fatalf("rows %v", got)
	}
	f.Update(press("ctrl+x"))
	f.Update(press("ctrl+x")) // the last row stays: a key has at least one column
	if got := g.Rows(); !reflect.DeepEqual(got, [][]string{{"vid", "INTEGER"}}) {
		t.Fatalf("rows after deleting %v", got)
	}
	if _, ev := f.Update(press("down")); f.Focused() != Control(after) || ev.Left != "tablestore.primary_key" {
		t.Fatalf("down from the last row did not leave the grid: %+v", ev)
	}
	f.Update(press("up"))
	if f.Focused() != Control(g) {
		t.Fatal("up did not return to the grid")
	}
}

func TestGridShowsOutsideProblemsAndLimits(t *testing.T) {
	t.Parallel()
	cols := []Column{{Title: "column", Field: "column", Width: 10}}
	g := NewGrid(Styles{}, "external_table.mapping", "Mapping", "", cols, [][]string{{"a"}, {"b"}}, nil).Limit(0, 2)
	f := New(DefaultKeyMap(), g)
	left := f.SetProblems([]FieldProblem{
		{Field: "external_table.mapping[1].column", Message: `"b" repeats — rename it`},
		{Field: "external_table.name", Message: "elsewhere"},
	})
	if len(left) != 1 || left[0].Field != "external_table.name" {
		t.Fatalf("unplaced %v", left)
	}
	if v := plain(f.View(Styles{}, 80, 20)); !strings.Contains(v, `✗ row 2 column: "b" repeats — rename it`) {
		t.Fatalf("outside problem not shown:\n%s", v)
	}
	f.Update(press("ctrl+n"))
	if len(g.Rows()) != 2 {
		t.Fatalf("the limit of 2 rows was passed: %v", g.Rows())
	}
}

func TestFormScrollsToTheFocus(t *testing.T) {
	t.Parallel()
	var cs []Control
	for i := 0; i < 30; i++ {
		cs = append(cs, NewText(Styles{}, fmt.Sprintf("f%02d", i), fmt.Sprintf("Field %02d", i), "", "v", nil))
	}
	f := New(DefaultKeyMap(), cs...)
	f.Init()
	for i := 0; i < 25; i++ {
		f.Update(press("tab"))
	}
	v := plain(f.View(Styles{}, 80, 10))
	if n := strings.Count(v, "\n") + 1; n != 10 {
		t.Fatalf("%d lines, want 10", n)
	}
	if !strings.Contains(v, "› Field 25") {
		t.Fatalf("the focus is not in view:\n%s", v)
	}
}
