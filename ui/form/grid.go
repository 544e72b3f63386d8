package form

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Column is one column of a grid.
type Column struct {
	Title       string
	Field       string // the spec path under each row: "name" in "tablestore.columns[2].name"
	Width       int
	Placeholder string
}

// Grid is an editable table: the Tablestore primary key, its attribute
// columns, the external table's column mapping. The focused cell is edited
// in place; rows are added, deleted and reordered with keys.
type Grid struct {
	key, label, hint string
	cols             []Column
	rows             [][]string
	row, col         int
	input            textinput.Model // edits the focused cell
	focused          bool
	validate         func(field, value string) error
	problems         map[string]string // field path → the cell's own problem
	outside          []FieldProblem
	minRows, maxRows int
	hidden           bool
}

// NewGrid returns a grid for the spec list at key. validate checks one cell
// given its full path ("tablestore.columns[2].type").
func NewGrid(s Styles, key, label, hint string, cols []Column, rows [][]string, validate func(field, value string) error) *Grid {
	g := &Grid{key: key, label: label, hint: hint, cols: cols, validate: validate, input: newInput(s, ""), maxRows: 1 << 10}
	g.SetRows(rows)
	return g
}

// Limit bounds the number of rows (a primary key has 1–4 columns).
func (g *Grid) Limit(minRows, maxRows int) *Grid {
	g.minRows, g.maxRows = minRows, maxRows
	return g
}

// Rows returns the cells, row by row, without surrounding spaces.
func (g *Grid) Rows() [][]string {
	out := make([][]string, len(g.rows))
	for i, r := range g.rows {
		out[i] = make([]string, len(r))
		for j, v := range r {
			out[i][j] = strings.TrimSpace(v)
		}
	}
	return out
}

// SetRows replaces every row and checks every cell.
func (g *Grid) SetRows(rows [][]string) {
	g.rows = make([][]string, len(rows))
	for i, r := range rows {
		g.rows[i] = make([]string, len(g.cols))
		copy(g.rows[i], r)
	}
	g.row, g.col = 0, 0
	g.outside = nil
	g.load()
	g.checkAll()
}

// Cursor returns the focused row and column.
func (g *Grid) Cursor() (row, col int) { return g.row, g.col }

// SetHidden hides or shows the grid.
func (g *Grid) SetHidden(h bool) { g.hidden = h }

// Key implements Control.
func (g *Grid) Key() string { return g.key }

// Value implements Control: every cell, for change detection.
func (g *Grid) Value() string { return fmt.Sprint(g.rows) }

// Hidden implements Control.
func (g *Grid) Hidden() bool { return g.hidden }

// Focus implements Control.
func (g *Grid) Focus() tea.Cmd {
	g.focused = true
	return g.input.Focus()
}

// Blur implements Control.
func (g *Grid) Blur() {
	g.focused = false
	g.input.Blur()
}

// SetProblems implements Control.
func (g *Grid) SetProblems(ps []FieldProblem) { g.outside = ps }

// Problem implements Control: the first problem of any cell or of the list.
func (g *Grid) Problem() string {
	if ps := g.problemLines(); len(ps) > 0 {
		return ps[0]
	}
	return ""
}

func (g *Grid) field(row, col int) string {
	return fmt.Sprintf("%s[%d].%s", g.key, row, g.cols[col].Field)
}

func (g *Grid) load() {
	if len(g.rows) == 0 {
		g.input.SetValue("")
		return
	}
	g.input.SetValue(g.rows[g.row][g.col])
	g.input.CursorEnd()
}

func (g *Grid) checkAll() {
	g.problems = map[string]string{}
	for r := range g.rows {
		for c := range g.cols {
			g.check(r, c)
		}
	}
}

func (g *Grid) check(r, c int) {
	f := g.field(r, c)
	delete(g.problems, f)
	if g.validate == nil {
		return
	}
	if err := g.validate(f, strings.TrimSpace(g.rows[r][c])); err != nil {
		g.problems[f] = err.Error()
	}
}

// Update implements Control.
func (g *Grid) Update(msg tea.KeyMsg, keys KeyMap) (tea.Cmd, Move) {
	switch {
	case key.Matches(msg, keys.Submit):
		return nil, Submit
	case key.Matches(msg, keys.MoveRow):
		g.moveRow(msg.String() == "shift+up")
		return nil, Stay
	case key.Matches(msg, keys.RowUp):
		if g.row == 0 {
			return nil, Backward
		}
		g.row--
		g.load()
		return nil, Stay
	case key.Matches(msg, keys.RowDown):
		if g.row >= len(g.rows)-1 {
			return nil, Forward
		}
		g.row++
		g.load()
		return nil, Stay
	case key.Matches(msg, keys.Next):
		return nil, g.step(1)
	case key.Matches(msg, keys.Prev):
		return nil, g.step(-1)
	case key.Matches(msg, keys.AddRow):
		g.addRow()
		return nil, Stay
	case key.Matches(msg, keys.DeleteRow):
		g.deleteRow()
		return nil, Stay
	}
	if len(g.rows) == 0 {
		g.addRow() // typing into an empty grid starts its first row
	}
	var cmd tea.Cmd
	before := g.input.Value()
	g.input, cmd = g.input.Update(msg)
	if v := g.input.Value(); v != before {
		g.rows[g.row][g.col] = v
		g.outside = nil
		g.check(g.row, g.col)
	}
	return cmd, Stay
}

// step moves to the next (+1) or previous (-1) cell, leaving the grid past
// its first or last cell.
func (g *Grid) step(d int) Move {
	if len(g.rows) == 0 {
		if d > 0 {
			return Forward
		}
		return Backward
	}
	pos := g.row*len(g.cols) + g.col + d
	if pos < 0 {
		return Backward
	}
	if pos >= len(g.rows)*len(g.cols) {
		return Forward
	}
	g.row, g.col = pos/len(g.cols), pos%len(g.cols)
	g.load()
	return Stay
}

func (g *Grid) addRow() {
	if len(g.rows) >= g.maxRows {
		return
	}
	at := g.row + 1
	if len(g.rows) == 0 {
		at = 0
	}
	g.rows = append(g.rows, nil)
	copy(g.rows[at+1:], g.rows[at:])
	g.rows[at] = make([]string, len(g.cols))
	g.row, g.col = at, 0
	g.outside = nil
	g.load()
	g.checkAll()
}

func (g *Grid) deleteRow() {
	if len(g.rows) == 0 || len(g.rows) <= g.minRows {
		return
	}
	g.rows = append(g.rows[:g.row], g.rows[g.row+1:]...)
	if g.row >= len(g.rows) && g.row > 0 {
		g.row--
	}
	g.outside = nil
	g.load()
	g.checkAll()
}

func (g *Grid) moveRow(up bool) {
	to := g.row + 1
	if up {
		to = g.row - 1
	}
	if to < 0 || to >= len(g.rows) {
		return
	}
	g.rows[g.row], g.rows[to] = g.rows[to], g.rows[g.row]
	g.row = to
	g.outside = nil
	g.load()
	g.checkAll()
}

// Bindings implements Control.
func (g *Grid) Bindings(keys KeyMap) []key.Binding {
	b := []key.Binding{keys.RowUp, keys.RowDown}
	if len(g.rows) < g.maxRows {
		b = append(b, keys.AddRow)
	}
	if len(g.rows) > g.minRows {
		b = append(b, keys.DeleteRow)
	}
	if len(g.rows) > 1 {
		b = append(b, keys.MoveRow)
	}
	return b
}

// problemLines lists every problem of the grid, the cells' first, in row order.
func (g *Grid) problemLines() []string {
	var out []string
	for r := range g.rows {
		for c, col := range g.cols {
			if p, ok := g.problems[g.field(r, c)]; ok {
				out = append(out, fmt.Sprintf("row %d %s: %s", r+1, col.Title, p))
			}
		}
	}
	for _, p := range g.outside {
		if _, own := g.problems[p.Field]; own {
			continue
		}
		out = append(out, g.where(p.Field)+p.Message)
	}
	return out
}

// where names the row and column of a path under the grid, for messages.
func (g *Grid) where(field string) string {
	rest := strings.TrimPrefix(field, g.key)
	var r int
	var f string
	if n, _ := fmt.Sscanf(rest, "[%d].%s", &r, &f); n == 2 {
		for _, c := range g.cols {
			if c.Field == f {
				return fmt.Sprintf("row %d %s: ", r+1, c.Title)
			}
		}
	}
	return ""
}

// View implements Control.
func (g *Grid) View(s Styles, width int, focused bool) (string, int) {
	lines := []string{ansi.Truncate(labelLine(s, g.label, focused), width, "…")}
	if focused && g.hint != "" {
		lines = append(lines, indented(g.hint, width, s.Hint.Render)...)
	}
	widths := g.widths(width - 8)
	head := "    " + fmt.Sprintf("%-3s", "#")
	for i, c := range g.cols {
		head += " " + pad(c.Title, widths[i])
	}
	lines = append(lines, s.Header.Render(ansi.Truncate(head, width, "")))
	focusLine := len(lines)
	flagged := map[int]bool{}
	for _, p := range g.outside {
		var r int
		if n, _ := fmt.Sscanf(strings.TrimPrefix(p.Field, g.key), "[%d]", &r); n == 1 {
			flagged[r] = true
		}
	}
	for r, row := range g.rows {
		mark := "   "
		if focused && r == g.row {
			mark = " " + markFocus + " "
			focusLine = len(lines)
		}
		line := " " + mark + fmt.Sprintf("%-3d", r+1)
		for c, v := range row {
			var cell string
			_, bad := g.problems[g.field(r, c)]
			switch {
			case focused && r == g.row && c == g.col:
				// The input draws its own cursor; a style around it (an
				// underline is applied rune by rune) would split its codes.
				cell = pad(ansi.Truncate(g.input.View(), widths[c], "…"), widths[c])
			case v == "":
				cell = s.Placeholder.Render(pad(g.cols[c].Placeholder, widths[c]))
			case bad || flagged[r]:
				cell = s.Error.Render(pad(v, widths[c]))
			default:
				cell = s.Value.Render(pad(v, widths[c]))
			}
			line += " " + cell
		}
		lines = append(lines, ansi.Truncate(line, width, "…"))
	}
	if len(g.rows) == 0 {
		lines = append(lines, s.Placeholder.Render("    (no rows: type to add one)"))
	}
	for _, p := range g.problemLines() {
		lines = append(lines, indentBy(markError+" "+p, width, 4, s.Error.Render)...)
	}
	return strings.Join(lines, "\n"), focusLine
}

// widths fits the columns into avail, shrinking the widest first.
func (g *Grid) widths(avail int) []int {
	w := make([]int, len(g.cols))
	total := 0
	for i, c := range g.cols {
		w[i] = c.Width
		total += c.Width + 1
	}
	for total > avail {
		widest := 0
		for i := range w {
			if w[i] > w[widest] {
				widest = i
			}
		}
		if w[widest] <= 6 {
			break
		}
		w[widest]--
		total--
	}
	return w
}

func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// indentBy wraps text to width with a fixed indent.
func indentBy(text string, width, indent int, render func(...string) string) []string {
	avail := width - indent
	if avail < 10 {
		avail = 10
	}
	var out []string
	for _, line := range strings.Split(ansi.Wrap(text, avail, " "), "\n") {
		out = append(out, strings.Repeat(" ", indent)+render(line))
	}
	return out
}
