package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcots/wizard/steps"
)

// View draws the header, the page (or an overlay) and the footer: the
// notice line and the help line for the keys that work here. It is a pure
// function of the model.
func (m model) View() string {
	width := max(20, m.width)
	bw, bh := m.bodyWidth(), m.bodyHeight()
	var body string
	switch m.overlay {
	case overlayHelp:
		body = m.helpBody(bw)
	case overlayQuit:
		body = m.quitBody(bw)
	case overlayOverwrite:
		body = m.overwriteBody(bw)
	case overlayReplace:
		body = m.replaceBody(bw)
	case overlayNone:
		body = m.pageBody(bw, bh)
	}
	lines := strings.Split(fit(clip(body, bw), bh), "\n")
	for i, l := range lines {
		lines[i] = " " + l
	}
	var b strings.Builder
	b.WriteString(m.header(width) + "\n")
	b.WriteString(m.st.Muted.Render(strings.Repeat("─", width)) + "\n")
	b.WriteString(strings.Join(lines, "\n") + "\n")
	b.WriteString(m.noticeLines(width) + "\n")
	hm := m.help
	hm.Width = width - 1
	// ShortHelpView keeps adding items when its ellipsis does not fit, so
	// the line is cut here too.
	b.WriteString(ansi.Truncate(" "+hm.ShortHelpView(m.bindings()), width, "…"))
	return b.String()
}

func (m model) pageBody(width, height int) string {
	switch m.page() {
	case pageWelcome:
		return m.welcomeBody(width, height)
	case pageAccounts:
		return m.accountsBody(width, height)
	case pageProject:
		return m.projectBody(width, height)
	case pageRAM:
		return m.ramBody(width, height)
	case pageTablestore:
		return m.tablestoreBody(width, height)
	case pageMapping:
		return m.mappingBody(width, height)
	case pagePlan:
		return m.planBody(width, height)
	case pageRun:
		return m.runBody(width, height)
	case pageResults:
		return m.resultsBody(width, height)
	case pageDone:
		return m.doneBody(width, height)
	case pageCheck:
		return m.checkBody(width, height)
	}
	return ""
}

// header names the wizard and the target on the left and the page on the right.
func (m model) header(width int) string {
	left := " " + m.st.Title.Render("MaxCompute ⇄ Tablestore") + m.st.Muted.Render(" · "+m.currentTarget().Name)
	p := m.page()
	right := fmt.Sprintf("%d/%d %s ", int(p)+1, int(pageDone)+1, p)
	if m.wiz.Goal() == steps.GoalCheck && !m.wiz.SetupDone() {
		// A check's pages: the welcome, the forms, the check.
		last := int(pageMapping) + 2
		n := min(int(p)+1, last)
		right = fmt.Sprintf("%d/%d %s ", n, last, p)
	} else if p == pageCheck {
		right = "Done › Check "
	}
	gap := width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return ansi.Truncate(left, width, "…")
	}
	return left + strings.Repeat(" ", gap) + m.st.Accent.Render(right)
}

// maxNoticeLines bounds the notice; the page gives up the lines it takes.
const maxNoticeLines = 3

// noticeText is the notice wrapped for the screen, in at most
// maxNoticeLines lines; at least one line, empty when there is none.
func (m model) noticeText(width int) []string {
	if m.notice == "" {
		return []string{""}
	}
	lines := strings.Split(wrap(m.notice, max(10, width-2)), "\n")
	if len(lines) > maxNoticeLines {
		lines = lines[:maxNoticeLines]
		lines[maxNoticeLines-1] = ansi.Truncate(lines[maxNoticeLines-1]+" …", width-2, "…")
	}
	return lines
}

func (m model) noticeLines(width int) string {
	style := m.st.Good
	if m.noticeBad {
		style = m.st.Bad
	}
	lines := m.noticeText(width)
	for i, l := range lines {
		if l != "" {
			lines[i] = " " + style.Render(l)
		}
	}
	return strings.Join(lines, "\n")
}

// bindings lists the keys that work on the page now, then the global ones.
func (m model) bindings() []key.Binding {
	switch m.overlay {
	case overlayHelp:
		return []key.Binding{withHelp(m.keys.Help, "?/esc", "close help")}
	case overlayQuit, overlayOverwrite, overlayReplace:
		return []key.Binding{m.keys.Yes, m.keys.No}
	case overlayNone:
	}
	page := m.pageBindings()
	return append(page, m.globalBindings(page, false)...)
}

// globalBindings are the keys that work on every page, as they work on this
// one: Esc only where it goes back, ? only where it is not typed text, and
// (for the full help) q where the page does not list it already.
func (m model) globalBindings(page []key.Binding, withQuit bool) []key.Binding {
	var b []key.Binding
	p := m.page()
	if p != pageWelcome && p != pageResults && p != pageDone && !(p == pageRun && m.applyingNow()) {
		b = append(b, m.keys.Back)
	}
	if m.typing() {
		b = append(b, withHelp(m.keys.Help, "f1", "help"))
	} else {
		b = append(b, m.keys.Help)
	}
	b = append(b, m.keys.Cancel)
	if withQuit && !m.typing() && p != pageDone && !listed(page, "q") {
		b = append(b, m.keys.Quit)
	}
	return b
}

// listed reports whether a binding in bs answers to k.
func listed(bs []key.Binding, k string) bool {
	for _, b := range bs {
		for _, bk := range b.Keys() {
			if bk == k {
				return true
			}
		}
	}
	return false
}

// applyingNow reports whether a step is being written, when Esc must wait.
func (m model) applyingNow() bool {
	for _, s := range m.wiz.Steps() {
		if s.Status == steps.StatusApplying {
			return true
		}
	}
	return false
}

func (m model) pageBindings() []key.Binding {
	switch p := m.page(); p {
	case pageWelcome:
		return m.welcome.bindings(m.keys)
	case pageMapping:
		return m.mapping.bindings()
	case pagePlan:
		return m.planBindings()
	case pageRun:
		return m.runBindings()
	case pageResults:
		return []key.Binding{m.keys.Continue}
	case pageDone:
		return m.doneBindings()
	case pageCheck:
		return m.checkBindings()
	default:
		if f := m.formScreenOf(p); f != nil {
			return f.bindings()
		}
	}
	return nil
}

func (m model) helpBody(width int) string {
	st := m.st
	hm := m.help
	hm.Width = width
	var b strings.Builder
	b.WriteString(st.Title.Render("Keys on this screen") + "\n\n")
	page := m.pageBindings()
	b.WriteString(hm.FullHelpView([][]key.Binding{page, m.globalBindings(page, true)}) + "\n\n")
	b.WriteString(paint(st.Muted, wrap(m.pageHelp(), width)))
	return b.String()
}

// pageHelp explains the page on screen, under its keys.
func (m model) pageHelp() string {
	switch p := m.page(); {
	case p.isForm():
		saved := "answers are saved so the next run can resume."
		if m.wiz.Goal() == steps.GoalCheck {
			saved = "a check saves nothing."
		}
		return "Forms: tab or ↓ moves to the next question, enter to the next (on the last one it continues), ←/→ changes a choice. " +
			"Every answer is checked as you type; the message names the rule and the fix. Esc goes back without losing answers. " +
			"Ctrl+C cancels a running call and asks before leaving; " + saved
	case p == pageCheck:
		leave := "q leaves and prints the whole report on standard output, for copying."
		if m.wiz.SetupDone() {
			leave = "Esc goes back to the finished setup; q leaves and prints its DDL."
		}
		return "✓ the link holds · ! it holds, with a warning · ✗ it is broken: the cause and the fix are under it · " +
			"– not checked, because a link it needs is broken · · not judged yet. " +
			"The check only reads. ↑/↓ and pgup/pgdn scroll; " + leave
	}
	return "These are the keys that work on this screen. Ctrl+C cancels a running call and asks before leaving."
}

func (m model) quitBody(width int) string {
	st := m.st
	inner := width - 4 // the box's border and padding
	var b strings.Builder
	b.WriteString(st.Title.Render("Leave the wizard?") + "\n\n")
	switch {
	case m.wiz.Phase() == steps.PhaseDone:
		b.WriteString(wrap("The setup is finished; the DDL is printed when you leave.", inner) + "\n")
	case m.wiz.Goal() == steps.GoalCheck:
		b.WriteString(wrap("A check writes and saves nothing, so leaving loses nothing; what it found so far is not printed unless it finished.", inner) + "\n")
	case m.keepsEarlierSession():
		b.WriteString(wrap("Nothing was changed. The earlier session stays saved in", inner) + "\n")
		b.WriteString(wrap(m.opts.StateFile, inner) + "\n")
		b.WriteString(wrap("Run the wizard again to resume it.", inner) + "\n")
	case m.savesAnswers():
		b.WriteString(wrap("Nothing more will be changed. Your answers and the steps done so far are saved (never a secret) in", inner) + "\n")
		b.WriteString(wrap(m.opts.StateFile, inner) + "\n")
		b.WriteString(wrap("Run the wizard again to resume where you stopped.", inner) + "\n")
	default:
		b.WriteString(wrap("Nothing more will be changed. Your answers are not saved.", inner) + "\n")
	}
	b.WriteString("\n" + st.Key.Render("y") + " leave    " + st.Key.Render("n") + " stay")
	return st.Box.Render(b.String())
}

func (m model) overwriteBody(width int) string {
	st := m.st
	var b strings.Builder
	b.WriteString(st.Title.Render("Replace these files?") + "\n\n")
	for _, p := range m.pending {
		b.WriteString("  " + p + "\n")
	}
	b.WriteString("\n" + st.Key.Render("y") + " replace    " + st.Key.Render("n") + " keep them")
	return st.Box.Render(clip(b.String(), width-4))
}

func (m model) replaceBody(width int) string {
	st := m.st
	inner := width - 4
	s := m.wiz.Step(steps.StepExternalTable)
	spec := m.wiz.Spec().WithDefaults()
	var b strings.Builder
	b.WriteString(st.Title.Render("Replace the external table "+spec.ExternalTable.Name+"?") + "\n\n")
	b.WriteString(wrap(fmt.Sprintf("It exists in project %s with another definition:", spec.MaxCompute.Project), inner) + "\n")
	for _, d := range s.Plan.Details {
		if strings.Contains(d, "needs consent") {
			continue // this prompt is the consent
		}
		b.WriteString(hang("  ", d, inner) + "\n")
	}
	b.WriteString("\n" + wrap("Applying drops it and creates it again (DROP TABLE, then CREATE). Queries on it fail in between; the rows in Tablestore are not touched.", inner) + "\n")
	b.WriteString("\n" + st.Key.Render("y") + " replace it    " + st.Key.Render("n") + " keep it")
	return st.Box.Render(b.String())
}
