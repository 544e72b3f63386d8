package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// errEndOfInput is the user leaving by closing the input.
var errEndOfInput = errors.New("the input ended")

// lineWizard asks the wizard's questions as plain line prompts, one per
// line, for screen readers and for terminals without a full-screen mode,
// then reports the run as plain lines.
type lineWizard struct {
	ctx     context.Context
	opts    Options
	in      *bufio.Reader
	inFile  *os.File // when the input is a terminal, secrets are read without echo
	out     io.Writer
	wiz     steps.Wizard
	session cloud.Session
	creds   [2]cloud.Credentials
	store   *stateStore
	seq     int
}

func runAccessible(ctx context.Context, opts Options, saved *savedSession, loadErr error) (Result, error) {
	lw := &lineWizard{ctx: ctx, opts: opts, in: bufio.NewReader(inputOf(opts)), out: outputOf(opts)}
	if f, ok := inputOf(opts).(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		lw.inFile = f
	}
	if opts.StateFile != "" {
		lw.store = &stateStore{path: opts.StateFile}
	}
	if len(opts.Targets) == 0 {
		opts.Targets = []Target{{Name: "Alibaba Cloud"}}
		lw.opts = opts
	}
	if loadErr != nil {
		lw.say("Note: %v; starting afresh.", loadErr)
	}
	res, err := lw.run(saved)
	if errors.Is(err, errEndOfInput) || errors.Is(err, context.Canceled) || ctx.Err() != nil {
		switch {
		case res.Checking:
			lw.say("Stopped. A check writes and saves nothing.")
		case lw.store != nil && lw.seq > 0:
			lw.say("Stopped. Answers are saved for resume (never secrets).")
			res.SavedTo = lw.opts.StateFile
		default:
			lw.say("Stopped.")
		}
		res.Interrupted = true
		return res, nil
	}
	return res, err
}

func (lw *lineWizard) say(format string, args ...any) {
	fmt.Fprintf(lw.out, format+"\n", args...)
}

// line reads one answer; io.EOF ends the wizard, and so does Ctrl+C (ctx
// ending) at once, without waiting for Enter: the read is left behind, as
// the wizard is about to end.
func (lw *lineWizard) line() (string, error) {
	if err := lw.ctx.Err(); err != nil {
		return "", err
	}
	type read struct {
		s   string
		err error
	}
	got := make(chan read, 1)
	go func() {
		s, err := lw.in.ReadString('\n')
		got <- read{s, err}
	}()
	var s string
	var err error
	select {
	case <-lw.ctx.Done():
		return "", lw.ctx.Err()
	case r := <-got:
		s, err = r.s, r.err
	}
	if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
		if errors.Is(err, io.EOF) {
			return "", errEndOfInput
		}
		return "", err
	}
	return strings.TrimSpace(s), nil
}

// ask asks one question until the answer passes check; an empty answer
// keeps def.
func (lw *lineWizard) ask(question, def string, check func(string) error) (string, error) {
	for {
		if def != "" {
			fmt.Fprintf(lw.out, "%s [%s]: ", question, def)
		} else {
			fmt.Fprintf(lw.out, "%s: ", question)
		}
		v, err := lw.line()
		if err != nil {
			fmt.Fprintln(lw.out)
			return "", err
		}
		if v == "" {
			v = def
		}
		if check == nil {
			return v, nil
		}
		if err := check(v); err != nil {
			lw.say("  Problem: %v", err)
			continue
		}
		return v, nil
	}
}

// askSecret reads a secret without echo on a terminal; it never prints it.
func (lw *lineWizard) askSecret(question string, have bool) (cloud.Secret, bool, error) {
	hint := ""
	if have {
		hint = " (enter keeps the one given)"
	}
	fmt.Fprintf(lw.out, "%s%s: ", question, hint)
	var v string
	if lw.inFile != nil {
		b, err := term.ReadPassword(int(lw.inFile.Fd()))
		fmt.Fprintln(lw.out)
		if err != nil {
			return cloud.Secret{}, false, err
		}
		v = strings.TrimSpace(string(b))
	} else {
		s, err := lw.line()
		if err != nil {
			return cloud.Secret{}, false, err
		}
		v = s
	}
	if v == "" {
		return cloud.Secret{}, false, nil
	}
	return cloud.NewSecret(v), true, nil
}

func (lw *lineWizard) choose(question string, options []string, def string, check func(string) error) (string, error) {
	return lw.ask(fmt.Sprintf("%s (%s)", question, strings.Join(options, ", ")), def, func(v string) error {
		for _, o := range options {
			if v == o {
				if check != nil {
					return check(v)
				}
				return nil
			}
		}
		return fmt.Errorf("%q is not one of: %s", v, strings.Join(options, ", "))
	})
}

func (lw *lineWizard) run(saved *savedSession) (Result, error) {
	t := lw.opts.Targets[0]
	lw.say("MaxCompute ⇄ Tablestore wizard (plain prompts). Target: %s.", t.Name)
	spec := lw.opts.Spec
	lw.creds = [2]cloud.Credentials{t.Tablestore, t.MaxCompute}
	if lw.opts.Check {
		lw.say("It checks both accounts, then every link of the setup the spec describes. It writes nothing. Enter keeps the answer in brackets.")
		lw.wiz, _ = steps.New(spec).Apply(steps.ChangeGoal{Goal: steps.GoalCheck})
		if err := lw.edit(); err != nil {
			return Result{Spec: lw.wiz.Spec(), Checking: true}, err
		}
		return lw.check()
	}
	lw.say("It checks both accounts, shows the plan, and changes nothing until you confirm. Enter keeps the answer in brackets.")
	if saved != nil {
		lw.say("%s", saved.describe())
		v, err := lw.choose("Resume it", []string{"yes", "no"}, "yes", nil)
		if err != nil {
			return Result{}, err
		}
		if v == "yes" {
			spec = saved.spec
		}
	}
	lw.wiz = steps.New(spec)
	for {
		if err := lw.edit(); err != nil {
			return Result{Spec: lw.wiz.Spec()}, err
		}
		res, again, err := lw.review()
		if !again || err != nil {
			return res, err
		}
	}
}

// edit asks the forms' questions from the machine's current screen until
// the spec is answered and observed.
func (lw *lineWizard) edit() error {
	for lw.wiz.Phase() == steps.PhaseEditing {
		screen := lw.wiz.Screen()
		answered, err := lw.askScreen(screen, lw.wiz.Spec())
		if err != nil {
			return err
		}
		if screen == steps.ScreenAccounts {
			if answered, err = lw.checkAccounts(answered); err != nil {
				return err
			}
		}
		var ev steps.Event = steps.Answered{Screen: screen, Spec: answered}
		if lw.wiz.Goal() == steps.GoalCheck && screen == steps.ScreenAccounts {
			// A check takes the spec as given once the accounts are known;
			// a problem in it brings back the form that has it.
			ev = steps.Submitted{Spec: answered}
		}
		w, effects := lw.wiz.Apply(ev)
		lw.wiz = w
		problems := problemsOn(w.Problems(), screen)
		if w.Phase() == steps.PhaseEditing && w.Screen() != screen {
			problems = problemsOn(w.Problems(), w.Screen())
		}
		for _, p := range problems {
			lw.say("  Problem: %s", p)
		}
		lw.save()
		if err := lw.runEffects(effects); err != nil {
			return err
		}
	}
	return nil
}

// checkAccounts connects with both accounts' credentials until both keys
// are known, and puts their UIDs into the spec.
func (lw *lineWizard) checkAccounts(spec steps.Spec) (steps.Spec, error) {
	for {
		lw.say("Checking both accounts…")
		ctx, cancel := context.WithTimeout(lw.ctx, identifyTimeout)
		msg := identifyCmd(ctx, 0, 0, lw.opts.Connect, lw.target(spec), lw.creds[0], lw.creds[1])().(identifiedMsg)
		cancel()
		if err := lw.ctx.Err(); err != nil {
			return spec, err
		}
		ok := msg.err == nil && msg.a.err == nil && msg.b.err == nil
		if msg.err != nil {
			lw.say("  Could not connect: %s", errorText(msg.err))
		} else {
			for i, r := range []identityResult{msg.a, msg.b} {
				name := []string{"A", "B"}[i]
				if r.err != nil {
					lw.say("  Account %s: refused: %s", name, errorText(r.err))
				} else {
					lw.say("  Account %s: %s (%s)", name, r.id.AccountUID, r.id.Type)
				}
			}
		}
		if ok {
			lw.session = msg.session
			spec.Accounts.Tablestore.UID = msg.a.id.AccountUID
			spec.Accounts.MaxCompute.UID = msg.b.id.AccountUID
			return spec, nil
		}
		lw.say("Answer the account questions again.")
		var err error
		if spec, err = lw.askScreen(steps.ScreenAccounts, spec); err != nil {
			return spec, err
		}
	}
}

func (lw *lineWizard) target(spec steps.Spec) cloud.Target {
	t := lw.opts.Targets[0].Cloud
	if t.Region == "" {
		t.Region = orDefault(spec.Region, "cn-hangzhou")
	}
	return t
}

// runEffects runs the machine's effects one after another, printing each
// step's progress, until the machine asks for nothing more.
func (lw *lineWizard) runEffects(effects []steps.Effect) error {
	for len(effects) > 0 {
		e := effects[0]
		effects = effects[1:]
		if lw.session == nil {
			return errNotConnected
		}
		verb := "Looking at"
		if e.Kind == steps.EffectApply {
			verb = "Applying"
		}
		lw.say("%s %s: %s…", verb, e.Step, e.Step.Info().Title)
		ctx, cancel := context.WithTimeout(lw.ctx, stepTimeout)
		start := time.Now()
		progress := func(p cloud.Progress) { lw.say("  %s", p.Message) }
		var out steps.Outcome
		var err error
		spec := lw.wiz.Spec().WithDefaults()
		if e.Kind == steps.EffectApply {
			out, err = lw.session.Apply(ctx, spec, e.Step, progress)
		} else {
			out, err = lw.session.Observe(ctx, spec, e.Step, progress)
		}
		cancel()
		if lw.ctx.Err() != nil {
			return lw.ctx.Err()
		}
		if err != nil {
			lw.say("  failed after %.1fs: %s", time.Since(start).Seconds(), errorText(err))
		} else {
			lw.say("  %s: %s (%.1fs)", out.Action, out.Summary, time.Since(start).Seconds())
		}
		w, more := lw.wiz.Apply(steps.EffectDone{Step: e.Step, RunID: e.RunID, Result: out, Err: err})
		lw.wiz = w
		effects = append(effects, more...)
		lw.save()
	}
	return nil
}

// review prints the plan, asks to apply it, and handles failures until
// the setup is done or the user leaves; again says the user went back to
// edit answers.
func (lw *lineWizard) review() (res Result, again bool, err error) {
	for {
		switch lw.wiz.Phase() {
		case steps.PhaseEditing:
			return Result{}, true, nil
		case steps.PhaseDone:
			res, err := lw.finish()
			return res, false, err
		case steps.PhaseObserving:
			return Result{Spec: lw.wiz.Spec()}, false, errors.New("observation stopped with calls in flight")
		case steps.PhaseReviewing, steps.PhaseApplying:
		}
		if s, ok := failed(lw.wiz); ok {
			if err := lw.failure(s); err != nil {
				return Result{Spec: lw.wiz.Spec()}, false, err
			}
			continue
		}
		lw.say("The plan:")
		for _, s := range lw.wiz.Steps() {
			lw.say("  %-15s %-9s %s", s.ID, s.Plan.Action, s.Plan.Summary)
		}
		if a, err := steps.Render(lw.wiz.Spec()); err == nil {
			lw.say("The DDL it will run in account B:\n%s", a.DDL)
		}
		if ok, why := lw.wiz.CanConfirm(); !ok {
			lw.say("%s", why)
			v, err := lw.choose("Edit the answers or quit", []string{"edit", "quit"}, "edit", nil)
			if err != nil || v == "quit" {
				return Result{Spec: lw.wiz.Spec(), Interrupted: true}, false, err
			}
			lw.wiz, _ = lw.wiz.Apply(steps.Back{})
			continue
		}
		v, err := lw.choose("Apply this plan", []string{"yes", "no"}, "yes", nil)
		if err != nil {
			return Result{Spec: lw.wiz.Spec()}, false, err
		}
		if v != "yes" {
			lw.say("Nothing was changed.")
			return Result{Spec: lw.wiz.Spec(), Interrupted: true}, false, nil
		}
		if replacesExternalTable(lw.wiz) {
			if replaced, err := lw.consentToReplace(); err != nil || !replaced {
				return Result{Spec: lw.wiz.Spec(), Interrupted: true}, false, err
			}
		}
		w, effects := lw.wiz.Apply(steps.Confirmed{})
		lw.wiz = w
		if err := lw.runEffects(effects); err != nil {
			return Result{Spec: lw.wiz.Spec()}, false, err
		}
	}
}

// consentToReplace asks before an existing external table is dropped and
// created again, and reconnects with the consent.
func (lw *lineWizard) consentToReplace() (bool, error) {
	st := lw.wiz.Step(steps.StepExternalTable)
	lw.say("The external table exists with another definition:")
	for _, d := range st.Plan.Details {
		if !strings.Contains(d, "needs consent") {
			lw.say("  %s", d)
		}
	}
	lw.say("Applying drops it and creates it again; the rows in Tablestore are not touched.")
	v, err := lw.choose("Replace it", []string{"yes", "no"}, "no", nil)
	if err != nil || v != "yes" {
		lw.say("Nothing was changed.")
		return false, err
	}
	if lw.opts.ConnectReplacing == nil {
		lw.say("This build cannot replace an external table; run wizard apply --replace-external-table -f SPEC.")
		return false, nil
	}
	ctx, cancel := context.WithTimeout(lw.ctx, identifyTimeout)
	defer cancel()
	s, err := lw.opts.ConnectReplacing(ctx, lw.target(lw.wiz.Spec()), lw.creds[0], lw.creds[1])
	if err != nil {
		lw.say("Could not connect: %s", errorText(err))
		return false, nil
	}
	lw.session = s
	return true, nil
}

// failure shows a failed step's diagnosis and asks what to do.
func (lw *lineWizard) failure(s steps.StepState) error {
	lw.say("%s failed: %s", s.ID, errorText(s.Err))
	if d, ok := cloud.DiagnosisOf(s.Err); ok {
		lw.say("  Link: %s\n  Cause: %s\n  Fix: %s", d.Link, d.Cause, d.Fix)
	}
	options := []string{"retry", "edit", "quit"}
	if s.ID.Info().SafeToSkip {
		options = []string{"retry", "skip", "edit", "quit"}
	}
	v, err := lw.choose("What now", options, "retry", nil)
	if err != nil {
		return err
	}
	var effects []steps.Effect
	switch v {
	case "retry":
		lw.wiz, effects = lw.wiz.Apply(steps.Retry{Step: s.ID})
	case "skip":
		lw.wiz, effects = lw.wiz.Apply(steps.Skipped{Step: s.ID})
	case "edit":
		lw.wiz, _ = lw.wiz.Apply(steps.Edit{Screen: s.ID.Form()})
		return nil
	case "quit":
		return errEndOfInput
	}
	return lw.runEffects(effects)
}

func (lw *lineWizard) finish() (Result, error) {
	res := Result{Spec: lw.wiz.Spec(), Finished: true}
	a, err := steps.Render(lw.wiz.Spec())
	if err != nil {
		return res, err
	}
	res.DDL = a.DDL
	lw.save()
	if rows, ran := verification(lw.wiz); ran {
		lw.say("Verified: %d rows read through %s.", max(0, len(rows)-1), lw.wiz.Spec().WithDefaults().ExternalTable.Name)
		for _, r := range rows {
			lw.say("  %s", strings.Join(r, " | "))
		}
	} else {
		lw.say("The verification query was skipped.")
	}
	lw.say("The DDL:\n%s", a.DDL)
	dir, err := lw.ask("Write spec.yaml, ddl.sql and the policies to a directory (empty: do not write)", "", nil)
	if err != nil || dir == "" {
		return res, nil
	}
	m := model{wiz: lw.wiz, plan: &planView{art: a}}
	files, err := m.files()
	if err != nil {
		return res, err
	}
	msg := writeFilesCmd(dir, files, true)().(writtenMsg)
	if msg.err != nil {
		lw.say("Could not write the files: %v", msg.err)
	} else {
		lw.say("Wrote %s.", strings.Join(msg.paths, ", "))
		res.Files = msg.paths
	}
	return res, nil
}

func (lw *lineWizard) save() {
	if lw.store == nil || lw.wiz.Goal() == steps.GoalCheck {
		return // a check saves nothing: there is nothing to resume
	}
	lw.seq++
	if lw.wiz.Phase() == steps.PhaseDone {
		_ = lw.store.write(lw.seq, nil)
		return
	}
	var completed []string
	for _, s := range lw.wiz.Steps() {
		if s.Status == steps.StatusDone {
			completed = append(completed, s.ID.String())
		}
	}
	src := func(c cloud.Credentials) savedSource {
		s := savedSource{Source: sourceOf(c)}
		if c.Source == cloud.SourceProfile {
			s.Profile = c.Profile
		}
		return s
	}
	data, err := encodeSession(savedSession{Saved: time.Now().UTC(), Target: lw.opts.Targets[0].Name, Completed: completed,
		Credentials: savedSources{Tablestore: src(lw.creds[0]), MaxCompute: src(lw.creds[1])}}, lw.wiz.Spec())
	if err == nil {
		err = lw.store.write(lw.seq, data)
	}
	if err != nil {
		lw.say("Note: could not save the session for resume: %v", err)
	}
}

// check walks the chain of the answered spec, read-only, and prints each
// link as doctor does.
func (lw *lineWizard) check() (Result, error) {
	res := Result{Spec: lw.wiz.Spec(), Checking: true}
	if lw.session == nil {
		return res, errNotConnected
	}
	lw.say("Checking every link of the setup (read-only: nothing is written)…")
	ctx, cancel := context.WithTimeout(lw.ctx, checkTimeout)
	defer cancel()
	opts := lw.opts.doctorOptions(lw.opts.Targets[0])
	report, err := lw.session.Doctor(ctx, lw.wiz.Spec().WithDefaults(), opts, func(c cloud.Check) {
		lw.say("%s", strings.TrimSuffix(c.Text(), "\n"))
	})
	if err != nil {
		res.Interrupted = true
		return res, err
	}
	res.Check = &report
	lw.say("The check: %s.", report.Summary())
	return res, nil
}
