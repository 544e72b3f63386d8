package ui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// paint styles each line of text on its own: a style applied to several
// lines at once pads them all to the longest.
func paint(style lipgloss.Style, text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}

// wrap wraps text to width, breaking long words.
func wrap(text string, width int) string {
	if width < 10 {
		width = 10
	}
	return ansi.Wrap(text, width, " ")
}

// hang wraps text after prefix, indenting continuation lines under the text.
func hang(prefix, text string, width int) string { return hangAt(prefix, text, width, " ") }

// hangCode is hang for code: wrapped by wrapCode, under the prefix.
func hangCode(prefix, text string, width int) string {
	w := ansi.StringWidth(prefix)
	return hangLines(prefix, strings.Split(wrapCode(text, width-w), "\n"), w)
}

func hangAt(prefix, text string, width int, breakpoints string) string {
	w := ansi.StringWidth(prefix)
	return hangLines(prefix, strings.Split(ansi.Wrap(text, max(10, width-w), breakpoints), "\n"), w)
}

// hangLines puts prefix before the first line and its width of spaces
// before the others.
func hangLines(prefix string, lines []string, w int) string {
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = strings.Repeat(" ", w) + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// contMark starts a line that continues the one above it in wrapped code,
// so a reader copying a command knows the break is the screen's.
const contMark = "↪ "

// wrapCode wraps code (commands, policies, DDL) to width without breaking
// at hyphens, which ansi's wrapping always does: a line too long breaks at
// its last space, comma or slash that fits, or at width inside a longer
// token; every continuation starts with contMark.
func wrapCode(text string, width int) string {
	width = max(width, 12)
	var out []string
	for _, line := range strings.Split(text, "\n") {
		first := true
		for {
			limit := width
			if !first {
				limit -= ansi.StringWidth(contMark)
			}
			if ansi.StringWidth(line) <= limit {
				break
			}
			cut := codeBreak(line, limit)
			head := line[:cut]
			if !first {
				head = contMark + head
			}
			out = append(out, strings.TrimRight(head, " "))
			line, first = strings.TrimLeft(line[cut:], " "), false
		}
		if !first {
			line = contMark + line
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// codeBreak is where to cut line to fit limit cells: after the last space,
// comma or slash that fits, else at the limit (a byte offset either way).
func codeBreak(line string, limit int) int {
	cells, best, end := 0, -1, len(line)
	for i, r := range line {
		w := ansi.StringWidth(string(r))
		if cells+w > limit {
			end = i
			break
		}
		cells += w
		if r == ' ' || r == ',' || r == '/' {
			best = i + 1
		}
	}
	if best > 0 {
		return best
	}
	return max(end, 1)
}

// fit makes s exactly height lines: cut below, padded with empty lines.
func fit(s string, height int) string {
	if height <= 0 {
		return ""
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// clip cuts every line of s to width cells.
func clip(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// lineCount is the number of lines s takes.
func lineCount(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(strings.TrimRight(s, "\n"), "\n") + 1
}

// linesAbove is the number of lines a block takes above what is written
// after it: every newline ends one, so a trailing blank line counts (which
// lineCount, measuring content, leaves out).
func linesAbove(block string) int { return strings.Count(block, "\n") }

// maxScroll clamps a viewer's offset to its content, so that scrolling back
// moves at once however often a key scrolled past the end.
func maxScroll(offset int, content string, height int) int {
	return max(0, min(offset, lineCount(content)-height))
}

// scrolled shows height lines of content from offset, clamped; it returns
// the view and the offset it used.
func scrolled(content string, height, offset int) (string, int) {
	lines := strings.Split(strings.TrimRight(content, "\n"), "\n")
	maxOff := len(lines) - height
	if maxOff < 0 {
		maxOff = 0
	}
	if offset > maxOff {
		offset = maxOff
	}
	if offset < 0 {
		offset = 0
	}
	end := offset + height
	if end > len(lines) {
		end = len(lines)
	}
	return strings.Join(lines[offset:end], "\n"), offset
}

// fieldCheck adapts steps.ValidateField for a form: the message names the
// broken rule and the fix, without the field path the form already shows.
func fieldCheck(field string) func(string) error {
	return func(v string) error { return checkField(field, v) }
}

func checkField(field, v string) error {
	err := steps.ValidateField(field, v)
	var p steps.Problem
	if errors.As(err, &p) {
		return problemError(p)
	}
	return err
}

// problemError is a Problem shown inside a form: rule — fix.
type problemError steps.Problem

func (p problemError) Error() string {
	if p.Fix == "" {
		return p.Rule
	}
	return p.Rule + " — " + p.Fix
}

// fieldProblems turns the machine's problems into messages for the form.
func fieldProblems(ps steps.Problems) []form.FieldProblem {
	out := make([]form.FieldProblem, 0, len(ps))
	for _, p := range ps {
		msg := problemError(p).Error()
		if p.Severity == steps.SeverityWarning {
			msg = "warning: " + msg
		}
		out = append(out, form.FieldProblem{Field: p.Field, Message: msg})
	}
	return out
}
