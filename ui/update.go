package ui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// Init resumes at once when told to; otherwise the welcome screen waits.
func (m model) Init() tea.Cmd {
	if m.opts.Check {
		return emit(startMsg{check: true})
	}
	if m.opts.Resume == ResumeAlways && m.saved != nil {
		return emit(startMsg{resume: true})
	}
	return nil
}

// Update routes keys to the page on screen and turns intents and results
// into steps events. It never blocks: every call runs in a command.
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tea.KeyMsg:
		return m.onKey(msg)
	case tickMsg:
		m.now = time.Time(msg)
		if m.busy() {
			return m, tick()
		}
		m.ticking = false
		return m, nil

	case startMsg:
		return m.start(msg.resume, msg.check)
	case checkMsg:
		return m, m.startCheck()
	case goalMsg:
		return m.apply(steps.ChangeGoal{Goal: msg.goal})
	case checkLineMsg:
		return m.checkLine(msg)
	case checkedMsg:
		return m.checkDone(msg)
	case verifyMsg:
		return m.verify()
	case submitMsg:
		return m.submit(msg.screen)
	case backMsg:
		return m.back()
	case editMsg:
		return m.apply(steps.Edit{Screen: msg.screen})
	case confirmMsg:
		return m.confirm()
	case retryMsg:
		return m.apply(steps.Retry{Step: msg.step})
	case skipMsg:
		return m.apply(steps.Skipped{Step: msg.step})
	case resultsMsg:
		m.resultsSeen = true
		return m, nil
	case lookupMsg:
		return m.lookup(msg.kind)
	case copyMsg:
		if m.opts.Clipboard == nil {
			m.setNotice("this terminal takes no clipboard data; the DDL is printed when you leave, or press w to write it to a file", true)
			return m, nil
		}
		return m, copyCmd(m.opts.Clipboard, m.plan.art.DDL)
	case writeMsg:
		files, err := m.files()
		if err != nil {
			m.setNotice("cannot write the files: "+err.Error(), true)
			return m, nil
		}
		return m, writeFilesCmd(msg.dir, files, msg.ok)
	case quitMsg:
		if !msg.ask || m.page() == pageDone || m.page() == pageCheck && !m.check.running {
			return m.leave()
		}
		m.overlay = overlayQuit
		return m, nil
	case noticeMsg:
		m.setNotice(msg.text, msg.bad)
		return m, nil

	case identifiedMsg:
		return m.identified(msg)
	case effectDoneMsg:
		return m.effectDone(msg)
	case progressMsg:
		if r := m.runs[msg.effect.Step]; r != nil && r.run == msg.effect.RunID {
			r.add(msg.p.Message)
		}
		return m, listenProgress(msg.effect, msg.ch)
	case instancesMsg:
		m.calls.end(msg.call)
		return m, m.tablestore.instancesLoaded(msg)
	case tablesMsg:
		m.calls.end(msg.call)
		return m, m.tablestore.tablesLoaded(msg)
	case discoveredMsg:
		m.calls.end(msg.call)
		m.tablestore.discovered(msg)
		return m, nil
	case reconnectedMsg:
		m.calls.end(msg.call)
		if msg.err != nil {
			m.consented = false
			m.setNotice("could not connect with the consent to replace: "+errorText(msg.err), true)
			return m, nil
		}
		m.session = msg.session
		return m.apply(steps.Confirmed{})
	case savedMsg:
		if msg.err != nil {
			m.setNotice("could not save the session for resume: "+msg.err.Error(), true)
		}
		return m, nil
	case copiedMsg:
		if msg.err != nil {
			m.setNotice("could not copy: "+msg.err.Error(), true)
		} else {
			m.setNotice("DDL sent to the terminal's clipboard (OSC 52)", false)
		}
		return m, nil
	case writtenMsg:
		return m.written(msg)
	}
	return m, nil
}

func (m *model) setNotice(text string, bad bool) { m.notice, m.noticeBad = text, bad }

// busy reports whether something on screen moves with the clock.
func (m model) busy() bool {
	if m.verifying || m.check.running {
		return true
	}
	for _, s := range m.wiz.Steps() {
		if s.Status.InFlight() {
			return true
		}
	}
	return false
}

func (m *model) startTicking() tea.Cmd {
	if m.ticking || m.noTicks || !m.busy() {
		return nil
	}
	m.ticking = true
	return tick()
}

// typing reports whether keys go into a text answer, where q and ? are
// letters, not commands.
func (m model) typing() bool {
	p := m.page()
	if p == pageDone {
		return m.done.editing
	}
	f := m.formScreenOf(p)
	if f == nil {
		return false
	}
	switch f.form.Focused().(type) {
	case *form.Text, *form.Grid:
		return true
	}
	return false
}

func (m model) formScreenOf(p page) *formScreen {
	switch p {
	case pageAccounts:
		return &m.accounts.formScreen
	case pageProject:
		return &m.project.formScreen
	case pageRAM:
		return &m.ram.formScreen
	case pageTablestore:
		return &m.tablestore.formScreen
	case pageMapping:
		return &m.mapping.formScreen
	}
	return nil
}

func (m model) onKey(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	if key.Matches(k, m.keys.Cancel) {
		return m.interrupt()
	}
	switch m.overlay {
	case overlayHelp:
		if key.Matches(k, m.keys.Help, m.keys.Back, m.keys.Quit) || k.Type == tea.KeyF1 || k.Type == tea.KeyEnter {
			m.overlay = overlayNone
		}
		return m, nil
	case overlayQuit:
		switch {
		case key.Matches(k, m.keys.Yes):
			return m.leave()
		case key.Matches(k, m.keys.No):
			m.overlay = overlayNone
		}
		return m, nil
	case overlayReplace:
		switch {
		case key.Matches(k, m.keys.Yes):
			m.overlay = overlayNone
			return m.replaceConsented()
		case key.Matches(k, m.keys.No):
			m.overlay = overlayNone
			m.setNotice("nothing was changed; keep the table by choosing another external table name (e edits that form)", false)
		}
		return m, nil
	case overlayOverwrite:
		switch {
		case key.Matches(k, m.keys.Yes):
			m.overlay = overlayNone
			return m, emit(writeMsg{dir: m.done.dir.Value(), ok: true})
		case key.Matches(k, m.keys.No):
			m.overlay = overlayNone
			m.setNotice("nothing was written", false)
		}
		return m, nil
	case overlayNone:
	}
	m.notice = ""
	p := m.page()
	typing := m.typing()
	switch {
	case k.Type == tea.KeyF1 || !typing && key.Matches(k, m.keys.Help):
		m.overlay = overlayHelp
		return m, nil
	case key.Matches(k, m.keys.Back) && !(p == pageDone && m.done.editing):
		return m, emit(backMsg{})
	case !typing && p != pageDone && key.Matches(k, m.keys.Quit):
		return m, emit(quitMsg{ask: true})
	}
	lines := m.bodyHeight() / 2
	var cmd tea.Cmd
	switch p {
	case pageWelcome:
		before := m.welcome.target
		cmd = m.welcome.update(k, m.keys)
		if m.welcome.target != before {
			t := m.currentTarget()
			m.accounts = newAccountsView(m.st, m.opts.Profiles, t.Tablestore, t.MaxCompute)
			m.checked, m.session = false, nil
		}
	case pageAccounts:
		cmd = m.accounts.update(k)
	case pageProject:
		cmd = m.project.update(k)
	case pageRAM:
		cmd = m.ram.update(k)
	case pageTablestore:
		cmd = m.tablestore.update(k)
	case pageMapping:
		cmd = m.mapping.update(k, m.wiz.Spec())
	case pagePlan:
		cmd = m.plan.update(k, m.keys, m.wiz, lines)
		_, content, h := m.planParts(m.bodyWidth(), m.bodyHeight())
		m.plan.offset = maxScroll(m.plan.offset, content, h)
	case pageRun:
		cmd = m.run.update(k, m.keys, m.wiz, lines)
		_, content, h, _ := m.runParts(m.bodyWidth(), m.bodyHeight())
		m.run.offset = maxScroll(m.run.offset, content, h)
	case pageResults:
		if key.Matches(k, m.keys.Continue) {
			cmd = emit(resultsMsg{})
		}
	case pageCheck:
		cmd = m.check.update(k, m.keys, lines)
		_, content, h := m.checkParts(m.bodyWidth(), m.bodyHeight())
		m.check.offset = maxScroll(m.check.offset, content, h)
	case pageDone:
		// The DDL's viewer is a third of the screen or less: page by less.
		cmd = m.done.update(k, m.keys, max(1, m.bodyHeight()/4))
		_, _, h := m.doneParts(m.bodyWidth(), m.bodyHeight())
		m.done.offset = maxScroll(m.done.offset, m.plan.art.DDL, h)
	}
	return m, cmd
}

// keepsEarlierSession reports whether leaving now keeps the session an
// earlier run left, untouched: it was on offer and this run began nothing.
func (m model) keepsEarlierSession() bool {
	return m.store != nil && m.saved != nil && !m.everStarted
}

// savesAnswers reports whether leaving now leaves answers to resume: a
// store, a setup begun at some point (its answers were saved then), and
// not a check, which saves nothing.
func (m model) savesAnswers() bool {
	return m.store != nil && m.everStarted && m.wiz.Goal() != steps.GoalCheck
}

// interrupt is Ctrl+C: cancel every call in flight, then ask before leaving
// (a second Ctrl+C leaves at once).
func (m model) interrupt() (tea.Model, tea.Cmd) {
	n := m.calls.cancelAll()
	if m.overlay == overlayQuit || m.page() == pageDone {
		return m.leave()
	}
	m.overlay = overlayQuit
	if n > 0 {
		m.setNotice(fmt.Sprintf("cancelled %d running call(s)", n), true)
	}
	return m, nil
}

// leave ends the program with the result main turns into an exit code.
func (m model) leave() (tea.Model, tea.Cmd) {
	m.calls.cancelAll()
	m.result.Spec = m.wiz.Spec()
	m.result.Checking = m.wiz.Goal() == steps.GoalCheck && !m.wiz.SetupDone()
	if m.page() == pageCheck {
		m.result.Check = m.check.report
	}
	switch {
	case m.wiz.SetupDone():
		m.result.Finished = true
		m.result.DDL = m.plan.art.DDL
	case m.result.Checking && m.result.Check != nil:
		// A finished check: the answer is the report.
	default:
		m.result.Interrupted = true
		if m.savesAnswers() || m.keepsEarlierSession() {
			m.result.SavedTo = m.opts.StateFile
		}
	}
	// The last save finishes before the program ends, so the resume file
	// is whole and nothing writes after the terminal is handed back.
	return m, tea.Sequence(m.save(), tea.Quit)
}

func (m model) start(resume, check bool) (tea.Model, tea.Cmd) {
	m.started = true
	if !check {
		m.everStarted = true
	}
	switch {
	case check:
		// A check writes and saves nothing: a saved session stays on offer
		// for the next run.
		m.saved = nil
		m.wiz, _ = m.wiz.Apply(steps.ChangeGoal{Goal: steps.GoalCheck})
		if m.opts.Check {
			m.resuming = true // --check: the spec as given, once the accounts are known
			m.setNotice("checking an existing setup: confirm the accounts, then every link is checked; nothing is written", false)
		} else {
			m.setNotice("checking an existing setup: answer the forms as the setup was made; nothing is written", false)
		}
	case resume && m.saved != nil:
		s := m.saved
		sameTarget := false
		for i, t := range m.opts.Targets {
			if t.Name == s.Target {
				m.welcome.target, sameTarget = i, true
			}
		}
		m.wiz = steps.New(s.spec)
		m.buildForms(s.spec)
		m.resuming = true
		if sameTarget {
			m.accounts.restore(s.Credentials)
			m.setNotice("resuming: check the accounts, then the plan shows what is left", false)
		} else {
			// The credentials it used belong to a target this run does not
			// offer: its answers are resumed with this target's credentials.
			m.setNotice(fmt.Sprintf("resuming the answers of a session on %s, which this run does not offer: the accounts are %s's", orDefault(s.Target, "another target"), m.currentTarget().Name), false)
		}
	default:
		m.saved = nil
		// Enter on the welcome screen sets up, whatever was begun before Esc.
		m.wiz, _ = m.wiz.Apply(steps.ChangeGoal{Goal: steps.GoalSetup})
		m.resuming = false
	}
	m.markProblems()
	return m, tea.Batch(m.accounts.form.Init(), m.save())
}

// markProblems puts what is wrong with the starting answers on the forms
// that hold them, before the user gets there.
func (m *model) markProblems() {
	ps := m.wiz.AnswerProblems()
	for s := steps.ScreenAccounts; s <= steps.ScreenExternalTable; s++ {
		if f := m.formScreenOf(pageOf(s)); f != nil {
			_ = f.showProblems(problemsOn(ps, s))
		}
	}
}

func (m model) back() (tea.Model, tea.Cmd) {
	switch p := m.page(); p {
	case pageAccounts:
		// Back on the welcome screen, which offers both: a setup (enter)
		// and a check (c).
		m.started, m.resuming = false, false
		m.wiz, _ = m.wiz.Apply(steps.ChangeGoal{Goal: steps.GoalSetup})
		return m, nil
	case pageWelcome, pageResults, pageDone:
		return m, nil
	}
	return m.apply(steps.Back{})
}

// verify checks both accounts' credentials: connect, then ask each key
// whose it is.
func (m model) verify() (tea.Model, tea.Cmd) {
	if m.verified() {
		return m.submit(steps.ScreenAccounts)
	}
	a, b := m.accounts.credentials()
	m.verifySeq++
	m.verifying, m.checked = true, false
	m.checkedFor = [2]cloud.Credentials{a, b}
	t := m.currentTarget().Cloud
	if t.Region == "" {
		t.Region = orDefault(m.wiz.Spec().Region, "cn-hangzhou")
	}
	m.target = t
	id, ctx := m.calls.start(m.ctx, identifyTimeout)
	return m, tea.Batch(identifyCmd(ctx, id, m.verifySeq, m.opts.Connect, t, a, b), m.startTicking())
}

// replacesExternalTable reports whether applying the plan drops and
// re-creates an existing external table.
func replacesExternalTable(w steps.Wizard) bool {
	s := w.Step(steps.StepExternalTable)
	return s.Status == steps.StatusPlanned && s.Plan.Action == steps.ActionChange
}

// confirm applies the plan, asking first when it replaces an external table.
func (m model) confirm() (tea.Model, tea.Cmd) {
	if ok, _ := m.wiz.CanConfirm(); ok && replacesExternalTable(m.wiz) && !m.consented {
		m.overlay = overlayReplace
		return m, nil
	}
	return m.apply(steps.Confirmed{})
}

// replaceConsented reconnects with the consent and then applies.
func (m model) replaceConsented() (tea.Model, tea.Cmd) {
	if m.opts.ConnectReplacing == nil {
		m.setNotice("this build cannot replace an external table; choose another external table name, or run wizard apply --replace-external-table -f SPEC", true)
		return m, nil
	}
	m.consented = true
	id, ctx := m.calls.start(m.ctx, identifyTimeout)
	return m, reconnectCmd(ctx, id, m.opts.ConnectReplacing, m.target, m.checkedFor[0], m.checkedFor[1])
}
