package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcots/wizard/steps"
)

// verification returns the rows the verification query read (header
// first), and whether the step ran.
func verification(w steps.Wizard) ([][]string, bool) {
	s := w.Step(steps.StepVerify)
	if s.Status != steps.StatusDone {
		return nil, false
	}
	return s.Result.Rows, true
}

// rowsTable renders rows (header first) in aligned columns within width,
// showing at most limit data rows.
func (m model) rowsTable(rows [][]string, width, limit int) string {
	if len(rows) == 0 {
		return ""
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	widths := make([]int, cols)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = min(max(widths[i], ansi.StringWidth(c)), 24)
		}
	}
	var b strings.Builder
	for i, r := range rows {
		if i > limit {
			more := len(rows) - 1 - limit
			b.WriteString(m.st.Muted.Render(fmt.Sprintf("  … %d more %s", more, plural(more, "row", "rows"))) + "\n")
			break
		}
		var cells []string
		for j := 0; j < cols; j++ {
			c := ""
			if j < len(r) {
				c = r[j]
			}
			cells = append(cells, pad(c, widths[j]))
		}
		line := ansi.Truncate("  "+strings.Join(cells, "  "), width, "…")
		if i == 0 {
			line = m.st.Heading.Render(line)
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

func (m model) resultsBody(width, height int) string {
	st := m.st
	rows, ran := verification(m.wiz)
	var b strings.Builder
	switch {
	case !ran:
		b.WriteString(st.Title.Render("Setup complete — not verified") + "\n\n")
		b.WriteString(wrap("The verification query was skipped, so no rows were read through the external table yet. Run it yourself:", width) + "\n\n")
	case len(rows) <= 1:
		b.WriteString(st.Title.Render("Setup complete — the table is empty") + "\n\n")
		b.WriteString(wrap("The external table works (the query ran) but returned no rows: the Tablestore table holds none yet, or none with the sample key.", width) + "\n\n")
	default:
		b.WriteString(st.Title.Render(fmt.Sprintf("Verified: %d rows read from Tablestore through MaxCompute", len(rows)-1)) + "\n\n")
	}
	b.WriteString(paint(st.Muted, wrap(strings.TrimSpace(steps.VerificationQuery(m.wiz.Spec())), width)) + "\n\n")
	if ran {
		b.WriteString(m.rowsTable(rows, width, max(1, height-linesAbove(b.String())-1)) + "\n")
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
