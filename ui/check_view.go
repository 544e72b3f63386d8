package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// checkView is the check of an existing setup: every link of the chain
// with its verdict as doctor judges it, and for a broken link the cause and
// the fix. It writes nothing.
type checkView struct {
	seq            int // the check on screen; older results are dropped
	running        bool
	started, ended time.Time
	checks         []cloud.Check       // as they arrive, in link order
	report         *cloud.DoctorReport // the finished check
	err            error               // the check stopped (cancelled)
	offset         int                 // the findings' scroll
}

// checkTimeout bounds a whole check; the verification query inside has its
// own, shorter limit.
const checkTimeout = 5 * time.Minute

func (v *checkView) update(k tea.KeyMsg, keys keyMap, pageLines int) tea.Cmd {
	switch {
	case scrollLine(k, keys, &v.offset, pageLines):
	case v.running:
	case key.Matches(k, keys.Recheck):
		return emit(checkMsg{})
	case key.Matches(k, keys.SetUp) && v.report != nil && !v.report.Healthy():
		return emit(goalMsg{goal: steps.GoalSetup})
	case key.Matches(k, keys.Edit):
		if s, ok := v.formToEdit(); ok {
			return emit(editMsg{screen: s})
		}
	}
	return nil
}

// firstBroken returns the first link that does not hold: the one to fix
// first, since the links after it may only be skipped because of it.
func (v *checkView) firstBroken() (cloud.LinkID, bool) {
	if v.report == nil {
		return 0, false
	}
	if b := v.report.Broken(); len(b) > 0 {
		return b[0], true
	}
	return 0, false
}

// formToEdit is the form to correct first: the Tablestore form when the
// spec names an instance or table that does not exist (the links judged
// against that name break with it), else the form of the first broken link.
func (v *checkView) formToEdit() (steps.Screen, bool) {
	l, ok := v.firstBroken()
	if !ok {
		return 0, false
	}
	for _, x := range []struct {
		link  cloud.LinkID
		fault cloud.Fault
	}{{cloud.LinkInstance, cloud.FaultInstanceAbsent}, {cloud.LinkTable, cloud.FaultTableMissing}} {
		if c, found := v.report.Check(x.link); found && c.Fault == x.fault {
			return steps.ScreenTablestore, true
		}
	}
	return formOfLink(l), true
}

// specSuspect reports whether the check found the spec, more than the
// setup, at fault: it names an instance or table that does not exist while
// the external table reads one that does (doctor's fixes say so).
func (v *checkView) specSuspect() bool {
	if v.report == nil {
		return false
	}
	for _, l := range []cloud.LinkID{cloud.LinkLocation, cloud.LinkExternalTable} {
		if c, ok := v.report.Check(l); ok && c.Verdict == cloud.VerdictBroken && c.SpecFirst {
			return true
		}
	}
	return false
}

// formOfLink is the form whose answers name what a link checks.
func formOfLink(l cloud.LinkID) steps.Screen {
	switch l {
	case cloud.LinkCredentialsA, cloud.LinkCredentialsB:
		return steps.ScreenAccounts
	case cloud.LinkProject:
		return steps.ScreenMaxCompute
	case cloud.LinkRole, cloud.LinkTrust, cloud.LinkPolicy:
		return steps.ScreenRAM
	case cloud.LinkInstance, cloud.LinkTable:
		return steps.ScreenTablestore
	}
	return steps.ScreenExternalTable
}

// startCheck walks the chain with the spec as answered, read-only.
func (m *model) startCheck() tea.Cmd {
	v := m.check
	v.seq++
	v.running, v.err, v.report, v.checks, v.offset = true, nil, nil, nil, 0
	m.now = m.opts.now()
	v.started, v.ended = m.now, time.Time{}
	if m.session == nil {
		return emit(checkedMsg{seq: v.seq, err: errNotConnected})
	}
	opts := m.opts.doctorOptions(m.currentTarget())
	id, ctx := m.calls.start(m.ctx, checkTimeout)
	return tea.Batch(doctorCmd(ctx, id, v.seq, m.session, m.wiz.Spec().WithDefaults(), opts), m.startTicking())
}

// doctorCmd runs the check and streams each link's verdict as it is judged.
func doctorCmd(ctx context.Context, id callID, seq int, s cloud.Session, spec steps.Spec, opts cloud.DoctorOptions) tea.Cmd {
	ch := make(chan cloud.Check, len(cloud.Links()))
	run := func() tea.Msg {
		defer close(ch)
		report, err := s.Doctor(ctx, spec, opts, func(c cloud.Check) {
			select { // never block the check: the report has every line anyway
			case ch <- c:
			default:
			}
		})
		return checkedMsg{call: id, seq: seq, report: report, err: err}
	}
	return tea.Batch(run, listenCheck(seq, ch))
}

// listenCheck reads one verdict; the model re-arms it.
func listenCheck(seq int, ch <-chan cloud.Check) tea.Cmd {
	return func() tea.Msg {
		c, ok := <-ch
		if !ok {
			return nil
		}
		return checkLineMsg{seq: seq, c: c, ch: ch}
	}
}

func (m model) checkLine(msg checkLineMsg) (tea.Model, tea.Cmd) {
	v := m.check
	if msg.seq != v.seq || !v.running {
		return m, nil // a check that was replaced or has finished
	}
	v.checks = append(v.checks, msg.c)
	return m, listenCheck(msg.seq, msg.ch)
}

func (m model) checkDone(msg checkedMsg) (tea.Model, tea.Cmd) {
	m.calls.end(msg.call)
	v := m.check
	if msg.seq != v.seq {
		return m, nil
	}
	m.now = m.opts.now()
	v.running, v.ended = false, m.now
	v.checks = msg.report.Checks
	if msg.err != nil {
		v.err = msg.err
		m.setNotice("the check stopped: "+errorText(msg.err), true)
		return m, nil
	}
	report := msg.report
	v.report = &report
	return m, nil
}

func (m model) checkBindings() []key.Binding {
	v := m.check
	b := []key.Binding{}
	if !v.running {
		b = append(b, m.keys.Recheck)
		if _, ok := v.firstBroken(); ok {
			if !m.wiz.SetupDone() {
				b = append(b, m.keys.SetUp)
				b = append(b, withHelp(m.keys.Edit, "e", "edit answers"))
			}
		}
	}
	return append(b, m.keys.PageUp, m.keys.Quit)
}

// checkBody draws the chain: one line per link, as doctor prints it, the
// cause and fix under each broken link, and what the check found in all.
func (m model) checkBody(width, height int) string {
	head, content, h := m.checkParts(width, height)
	shown, _ := scrolled(content, h, m.check.offset)
	return head + shown
}

// checkParts is the check page's fixed head, its scrolling content and the
// height the content has.
func (m model) checkParts(width, height int) (head, content string, contentHeight int) {
	st, v := m.st, m.check
	spec := m.wiz.Spec().WithDefaults()
	var hb strings.Builder
	hb.WriteString(st.Title.Render("Checking the setup") + st.Muted.Render("  — read-only: nothing is written") + "\n")
	hb.WriteString(paint(st.Muted, wrap(fmt.Sprintf("MaxCompute project %s in account B reading %s.%s in account A (%s) through role %s.",
		spec.MaxCompute.Project, spec.Tablestore.Instance, spec.Tablestore.Table, spec.Region, spec.RAM.Role), width)) + "\n")
	// What the check found comes first: the links below may need scrolling.
	hb.WriteString(m.checkSummary(width) + "\n")
	if linesAbove(hb.String()) > height/2 {
		// A small screen keeps room for the links: the title and the
		// verdict's first line only.
		summary, _, _ := strings.Cut(m.checkSummary(width), "\n")
		hb.Reset()
		hb.WriteString(st.Title.Render("Checking the setup") + "\n" + summary + "\n")
	}

	judged := map[cloud.LinkID]cloud.Check{}
	for _, c := range v.checks {
		judged[c.Link] = c
	}
	var body strings.Builder
	pending := true // the first link without a verdict is the one being checked
	for _, l := range cloud.Links() {
		c, ok := judged[l]
		if !ok {
			mark, what := st.Muted.Render("·"), st.Muted.Render("not checked")
			if v.running && pending {
				mark, what, pending = st.Accent.Render(m.spinner()), "checking…", false
			}
			body.WriteString(fmt.Sprintf("%s %-*s %s\n", mark, cloud.LinkNameWidth, l, what))
			continue
		}
		body.WriteString(m.checkLineView(c, width))
	}

	return hb.String(), body.String(), max(1, height-linesAbove(hb.String()))
}

// checkLineView is one judged link: its mark, name and finding; for a
// broken link or a warning, the cause and the fix under it.
func (m model) checkLineView(c cloud.Check, width int) string {
	st := m.st
	style := st.Muted
	switch c.Verdict {
	case cloud.VerdictOK:
		style = st.Good
	case cloud.VerdictWarning:
		style = st.Warn
	case cloud.VerdictBroken:
		style = st.Bad
	case cloud.VerdictSkipped:
	}
	prefix := fmt.Sprintf("%s %-*s ", c.Verdict.Symbol(), cloud.LinkNameWidth, c.Link)
	line := hang(prefix, c.Detail, width)
	// The mark carries the colour; the text reads the same without it.
	line = style.Render(c.Verdict.Symbol()) + strings.TrimPrefix(line, c.Verdict.Symbol())
	out := line + "\n"
	if c.Verdict != cloud.VerdictBroken && c.Verdict != cloud.VerdictWarning {
		return out
	}
	pad := strings.Repeat(" ", 4)
	if c.Cause != "" {
		out += paint(st.Text, hang(pad+"cause: ", c.Cause, width)) + "\n"
	}
	if c.Fix != "" {
		out += paint(st.Accent, hangCode(pad+"fix:   ", c.Fix, width)) + "\n"
	}
	return out
}

// checkSummary says what the check found in all, and what to do next.
func (m model) checkSummary(width int) string {
	st, v := m.st, m.check
	switch {
	case v.running:
		return paint(st.Muted, wrap(fmt.Sprintf("checking link %d of %d…", len(v.checks)+1, len(cloud.Links())), width)) + "\n"
	case v.err != nil:
		return paint(st.Bad, wrap("The check stopped before the end: "+errorText(v.err)+".", width)) + "\n" +
			paint(st.Muted, wrap("Links marked · were not judged before it stopped.", width)) + "\n"
	case v.report == nil:
		return ""
	}
	took := tookText(v.ended.Sub(v.started))
	broken := v.report.Broken()
	if len(broken) == 0 {
		return paint(st.Good, wrap(fmt.Sprintf("Every link holds (checked in %s): MaxCompute in account B reads the table through the role.", took), width)) + "\n"
	}
	var b strings.Builder
	b.WriteString(paint(st.Bad, wrap(fmt.Sprintf("%s (checked in %s).", v.report.Summary(), took), width)) + "\n")
	if len(broken) > 1 {
		b.WriteString(paint(st.Muted, wrap("Fix them in order: a link marked – was not checked because one it needs is broken.", width)) + "\n")
	}
	if !m.wiz.SetupDone() {
		b.WriteString(paint(st.Muted, wrap("q leaves and prints this report, fixes unwrapped, on standard output for copying.", width)) + "\n")
	}
	if v.specSuspect() && !m.wiz.SetupDone() {
		b.WriteString(paint(st.Warn, wrap("The spec may name the wrong instance or table: the external table reads one that exists. Press e to correct the spec first; a would plan creating what the spec names.", width)) + "\n")
	} else if m.currentTarget().StartsEmpty && !m.wiz.SetupDone() {
		b.WriteString(paint(st.Warn, wrap("This sandbox started empty with the wizard, so there is no setup to check yet: press a to set one up, then v on the done screen checks it.", width)) + "\n")
	} else if !m.wiz.SetupDone() {
		b.WriteString(wrap(fmt.Sprintf("Press a to plan the changes that fix what the wizard manages (nothing is written before you review them), or e to correct the answers on the %s form.",
			m.editForm()), width) + "\n")
	}
	return b.String()
}

// tookText is a short duration for people: "40ms", "2.3s".
func tookText(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

// editForm is the form e opens, for the summary's words.
func (m model) editForm() steps.Screen {
	s, _ := m.check.formToEdit()
	return s
}

// doctorOptions names, in a check's fixes, the spec file and the apply
// command that reaches target t from a shell.
func (o Options) doctorOptions(t Target) cloud.DoctorOptions {
	return cloud.DoctorOptions{SpecPath: o.SpecPath, Apply: t.Apply}
}
