package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// identified takes the result of checking both accounts; when both keys
// are good it submits the accounts form (the user pressed Enter once).
func (m model) identified(msg identifiedMsg) (tea.Model, tea.Cmd) {
	m.calls.end(msg.call)
	if msg.seq != m.verifySeq {
		return m, nil // the answers changed since; a newer check is on its way
	}
	m.verifying, m.checked = false, true
	if msg.err != nil {
		var ae *cloud.AccountError
		if errors.As(msg.err, &ae) {
			// One account's credentials could not be read: the other was
			// not asked.
			bad, other := 0, 1
			if ae.Side == steps.SideMaxCompute {
				bad, other = 1, 0
			}
			m.identities[bad] = identityResult{err: ae.Err}
			m.identities[other] = identityResult{err: errNotAsked}
			m.setNotice(fmt.Sprintf("%s: its credentials cannot be used; correct them and press enter on the last question", ae.Side), true)
			return m, nil
		}
		m.identities = [2]identityResult{{err: msg.err}, {err: msg.err}}
		m.setNotice("could not connect: "+errorText(msg.err), true)
		return m, nil
	}
	m.session = msg.session
	m.identities = [2]identityResult{msg.a, msg.b}
	if msg.a.err != nil || msg.b.err != nil {
		m.setNotice(identifyNotice(msg.a.err, msg.b.err), true)
		return m, nil
	}
	if m.page() == pageAccounts && m.verified() {
		return m.submit(steps.ScreenAccounts)
	}
	return m, nil
}

// errNotAsked stands for the account not asked because the other one's
// credentials could not be used.
var errNotAsked = errors.New("not checked: the other account's credentials come first")

// identifyNotice says why the check of the keys failed: a key refused by the
// service, or no answer at all (cancelled, unreachable), which is not the
// key's fault.
func identifyNotice(errs ...error) string {
	for _, err := range errs {
		if err == nil {
			continue
		}
		var ce *cloud.Error
		switch {
		case errors.Is(err, context.Canceled):
			return "the check of the keys was cancelled; press enter on the last question to check again"
		case errors.As(err, &ce) && ce.HTTPStatus >= 400 && ce.HTTPStatus < 500:
		default:
			return "could not check the keys: " + errorText(err)
		}
	}
	return "a key was refused: correct it and press enter on the last question to check again"
}

// identityText is why an account's key could not be checked: the service's
// error whole (code, message, request id; cloud/aliyun has already cut the
// server's string-to-sign from a refused signature), then the catalogue's
// cause and fix when it has them.
func identityText(err error) string {
	var ce *cloud.Error
	if !errors.As(err, &ce) {
		return errorText(err)
	}
	text := ce.Error()
	if d := ce.Diagnosis; d != nil && d.Cause != "" {
		text += "\n" + d.Cause
		if d.Fix != "" {
			text += " — " + d.Fix
		}
	}
	return text
}

// answer writes a form's answers into spec.
func (m model) answer(s steps.Screen, spec steps.Spec) steps.Spec {
	switch s {
	case steps.ScreenAccounts:
		return m.accounts.answer(spec)
	case steps.ScreenMaxCompute:
		return m.project.answer(spec)
	case steps.ScreenRAM:
		return m.ram.answer(spec)
	case steps.ScreenTablestore:
		return m.tablestore.answer(spec)
	case steps.ScreenExternalTable:
		return m.mapping.answer(spec)
	}
	return spec
}

func (m model) submit(s steps.Screen) (tea.Model, tea.Cmd) {
	if m.wiz.Phase() != steps.PhaseEditing || m.wiz.Screen() != s {
		return m, nil // a late submit from a form no longer on screen
	}
	spec := m.answer(s, m.wiz.Spec())
	if s == steps.ScreenAccounts {
		if !m.verified() {
			return m.verify()
		}
		spec = m.withIdentities(spec)
		if m.resuming {
			m.resuming = false
			// Every other answer was given before the interruption.
			for sc := steps.ScreenMaxCompute; sc <= steps.ScreenExternalTable; sc++ {
				spec = m.answer(sc, spec)
			}
			return m.apply(steps.Submitted{Spec: spec})
		}
	}
	return m.apply(steps.Answered{Screen: s, Spec: spec})
}

// withIdentities puts the checked UIDs into spec: the UIDs are read from
// the credentials, never typed, so the trust policy names the right account.
func (m *model) withIdentities(spec steps.Spec) steps.Spec {
	var notes []string
	set := func(name string, have *string, found string) {
		if *have != "" && *have != found {
			notes = append(notes, fmt.Sprintf("account %s is %s (the spec said %s)", name, found, *have))
		}
		*have = found
	}
	set("A", &spec.Accounts.Tablestore.UID, m.identities[0].id.AccountUID)
	set("B", &spec.Accounts.MaxCompute.UID, m.identities[1].id.AccountUID)
	if len(notes) > 0 {
		m.setNotice("UIDs from the credentials: "+strings.Join(notes, "; "), false)
	}
	return spec
}

// apply gives an event to the step machine and carries out what follows:
// the effects to start, the problems to show, the page to enter, the save.
func (m model) apply(ev steps.Event) (model, tea.Cmd) {
	before := m.page()
	beforeScreen := m.wiz.Screen()
	w, effects := m.wiz.Apply(ev)
	m.wiz = w
	if w.Phase() == steps.PhaseEditing {
		m.consented = false // a new plan asks again
	}
	var cmds []tea.Cmd
	if n := w.Notice(); n != "" {
		m.setNotice(n, true)
	}
	for _, e := range effects {
		cmds = append(cmds, m.startEffect(e))
	}
	if w.Phase() == steps.PhaseEditing {
		ps := w.Problems()
		if w.Screen() != beforeScreen || before != pageOf(w.Screen()) {
			// A form just reached shows what is wrong with its answers
			// as they stand (a bad value from the spec file), not nothing.
			ps = w.AnswerProblems()
		}
		if f := m.formScreenOf(m.page()); f != nil {
			cmds = append(cmds, f.showProblems(problemsOn(ps, w.Screen())))
		}
		if w.Screen() != beforeScreen {
			if warn := problemsOn(ps, beforeScreen).Warnings(); len(warn) > 0 {
				m.setNotice(warn[0].String(), false)
			}
		}
	}
	p := m.page()
	if p >= pagePlan && p <= pageDone {
		m.plan.refresh(w.Spec())
		m.plan.follow(w)
	}
	if p != before {
		cmds = append(cmds, m.enter(p))
	}
	cmds = append(cmds, m.startTicking(), m.save())
	return m, tea.Batch(cmds...)
}

// problemsOn returns the problems that belong to screen s.
func problemsOn(ps steps.Problems, s steps.Screen) steps.Problems {
	var out steps.Problems
	for _, prefix := range s.Fields() {
		out = append(out, ps.Under(prefix)...)
	}
	return out
}

// enter prepares a page the wizard just moved to.
func (m *model) enter(p page) tea.Cmd {
	switch p {
	case pageAccounts:
		return m.accounts.form.Init()
	case pageProject:
		return m.project.form.Init()
	case pageRAM:
		return m.ram.form.Init()
	case pageTablestore:
		return tea.Batch(m.tablestore.form.Init(), m.tablestore.enter(m.wiz.Spec().Region, m.wiz.Goal() == steps.GoalCheck))
	case pageMapping:
		return m.mapping.enter(m.wiz.Spec())
	case pagePlan:
		m.plan.moved, m.plan.offset = false, 0
		m.plan.follow(m.wiz)
	case pageRun:
		m.run.offset = 0
	case pageCheck:
		return m.startCheck()
	case pageWelcome, pageResults, pageDone:
	}
	return nil
}

// lookup starts one of the tablestore form's look-ups in account A.
func (m model) lookup(kind lookupKind) (tea.Model, tea.Cmd) {
	if m.session == nil {
		return m, nil
	}
	v := m.tablestore
	region := m.wiz.Spec().Region
	inst, table := v.instance.Value(), v.table.Value()
	id, ctx := m.calls.start(m.ctx, lookupTimeout)
	switch kind {
	case lookupInstances:
		return m, listInstancesCmd(ctx, id, v.begin(kind, region), m.session, region)
	case lookupTables:
		return m, listTablesCmd(ctx, id, v.begin(kind, inst), m.session, region, inst)
	case lookupTable:
		return m, discoverCmd(ctx, id, v.begin(kind, inst+"/"+table), m.session, region, inst, table)
	case lookupKinds:
	}
	m.calls.end(id)
	return m, nil
}

// startEffect runs one of the machine's effects against the spec as it is
// now, defaults filled.
func (m *model) startEffect(e steps.Effect) tea.Cmd {
	m.now = m.opts.now()
	m.runs[e.Step] = &stepRun{kind: e.Kind, run: e.RunID, started: m.now}
	if m.session == nil {
		return emit(effectDoneMsg{effect: e, err: errNotConnected})
	}
	id, ctx := m.calls.start(m.ctx, stepTimeout)
	return effectCmds(ctx, id, m.session, m.wiz.Spec().WithDefaults(), e)
}

func (m model) effectDone(msg effectDoneMsg) (tea.Model, tea.Cmd) {
	m.calls.end(msg.call)
	s := m.wiz.Step(msg.effect.Step)
	if s.RunID != msg.effect.RunID || !s.Status.InFlight() {
		return m, nil // stale: the user went back or retried; its result is dropped
	}
	m.now = m.opts.now()
	if r := m.runs[msg.effect.Step]; r != nil && r.run == msg.effect.RunID {
		r.ended = m.now
	}
	return m.apply(steps.EffectDone{Step: msg.effect.Step, RunID: msg.effect.RunID, Result: msg.out, Err: msg.err})
}

func (m model) written(msg writtenMsg) (tea.Model, tea.Cmd) {
	switch {
	case len(msg.existing) > 0:
		m.pending = msg.existing
		m.overlay = overlayOverwrite
	case msg.err != nil:
		m.setNotice(msg.err.Error(), true)
	default:
		m.done.written = msg.paths
		m.result.Files = msg.paths
		m.setNotice(fmt.Sprintf("wrote %d files", len(msg.paths)), false)
	}
	return m, nil
}

// save writes the answers, the steps done and the credential sources for
// resume; a finished setup removes the file.
func (m *model) save() tea.Cmd {
	if m.store == nil || !m.started || m.wiz.Goal() == steps.GoalCheck {
		return nil // a check saves nothing: there is nothing to resume
	}
	m.saveSeq++
	seq, store := m.saveSeq, m.store
	if m.wiz.Phase() == steps.PhaseDone {
		return func() tea.Msg { return savedMsg{err: store.write(seq, nil)} }
	}
	var completed []string
	for _, s := range m.wiz.Steps() {
		if s.Status == steps.StatusDone || m.saved.completed(s.ID) {
			completed = append(completed, s.ID.String())
		}
	}
	data, err := encodeSession(savedSession{
		Saved:       m.opts.now().UTC(),
		Target:      m.currentTarget().Name,
		Completed:   completed,
		Credentials: m.accounts.sources(),
	}, m.wiz.Spec())
	if err != nil {
		return emit(savedMsg{err: err})
	}
	return func() tea.Msg { return savedMsg{err: store.write(seq, data)} }
}
