package steps

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// driver applies events and checks that Apply never changes its receiver.
type driver struct {
	t *testing.T
	w Wizard
}

func (d *driver) apply(ev Event) []Effect {
	d.t.Helper()
	before := fmt.Sprintf("%#v", d.w)
	next, effects := d.w.Apply(ev)
	if after := fmt.Sprintf("%#v", d.w); after != before {
		d.t.Fatalf("Apply(%T) changed the Wizard it was called on", ev)
	}
	d.w = next
	return effects
}

// interactiveSpec is the seed without UIDs: the run reads them from the credentials.
func interactiveSpec() Spec {
	s := seedSpec()
	s.Accounts.Tablestore.UID, s.Accounts.MaxCompute.UID = "", ""
	return s
}

func identitiesFound() Outcome {
	return Outcome{Action: ActionInPlace, Summary: "profiles a and b", Discovered: Discovery{TablestoreUID: "1111111111111111", MaxComputeUID: "2222222222222222"}}
}

// firstRun is what observation finds in two empty accounts.
func firstRun() map[StepID]Outcome {
	return map[StepID]Outcome{
		StepProject:       {Action: ActionInPlace, Summary: "project demo_project exists"},
		StepRole:          {Action: ActionCreate},
		StepPolicy:        {Action: ActionCreate},
		StepAttachment:    {Action: ActionCreate},
		StepInstance:      {Action: ActionInPlace, Summary: "instance cap1 is running"},
		StepTable:         {Action: ActionCreate},
		StepSampleRows:    {Action: ActionCreate},
		StepExternalTable: {Action: ActionCreate},
		StepVerify:        {Action: ActionCreate},
	}
}

// reviewing drives a wizard through observation with the given outcomes:
// identities is run 1, the other steps runs 2…10 in catalogue order.
func reviewing(t *testing.T, outcomes map[StepID]Outcome) *driver {
	t.Helper()
	d := &driver{t: t, w: New(interactiveSpec())}
	if effects := d.apply(Submitted{Spec: interactiveSpec()}); !reflect.DeepEqual(effects, []Effect{{EffectObserve, StepIdentities, 1}}) {
		t.Fatalf("Submitted: effects %v", effects)
	}
	effects := d.apply(EffectDone{Step: StepIdentities, RunID: 1, Result: identitiesFound()})
	if len(effects) != stepCount-1 {
		t.Fatalf("after identities: effects %v", effects)
	}
	for i, e := range effects {
		if e != (Effect{EffectObserve, StepID(i + 2), RunID(i + 2)}) {
			t.Fatalf("observe effect %d = %v", i, e)
		}
		d.apply(EffectDone{Step: e.Step, RunID: e.RunID, Result: outcomes[e.Step]})
	}
	return d
}

type expect struct {
	ev      Event
	phase   Phase
	effects []Effect
	notice  string // substring; "" means no notice
	check   func(*testing.T, Wizard)
}

func statusOf(id StepID, want Status) func(*testing.T, Wizard) {
	return func(t *testing.T, w Wizard) {
		t.Helper()
		if got := w.Step(id).Status; got != want {
			t.Errorf("%s is %s, want %s", id, got, want)
		}
	}
}

func TestWizardSequences(t *testing.T) {
	t.Parallel()
	obs := func(id StepID, run RunID) Effect { return Effect{EffectObserve, id, run} }
	app := func(id StepID, run RunID) Effect { return Effect{EffectApply, id, run} }
	ok := func(id StepID, run RunID) EffectDone {
		return EffectDone{Step: id, RunID: run, Result: Outcome{Action: ActionCreate}}
	}
	boom := errors.New("ODPS-0130071: external table checking failure")
	failed := func(id StepID, run RunID) EffectDone { return EffectDone{Step: id, RunID: run, Err: boom} }

	// The happy path from the review: role, policy, attachment, table,
	// sample rows, external table and verify are written (runs 11…17);
	// identities, project and instance are in place and done without a call.
	happy := []expect{
		{ev: Confirmed{}, phase: PhaseApplying, effects: []Effect{app(StepRole, 11)}, check: func(t *testing.T, w Wizard) {
			for _, id := range []StepID{StepIdentities, StepProject} {
				statusOf(id, StatusDone)(t, w)
			}
			statusOf(StepRole, StatusApplying)(t, w)
		}},
		{ev: ok(StepRole, 11), phase: PhaseApplying, effects: []Effect{app(StepPolicy, 12)}},
		{ev: ok(StepPolicy, 12), phase: PhaseApplying, effects: []Effect{app(StepAttachment, 13)}},
		{ev: ok(StepAttachment, 13), phase: PhaseApplying, effects: []Effect{app(StepTable, 14)}, check: statusOf(StepInstance, StatusDone)},
		{ev: ok(StepTable, 14), phase: PhaseApplying, effects: []Effect{app(StepSampleRows, 15)}},
		{ev: EffectDone{Step: StepSampleRows, RunID: 15, Result: Outcome{Action: ActionCreate, Discovered: Discovery{SampleKey: []string{"1001"}}}},
			phase: PhaseApplying, effects: []Effect{app(StepExternalTable, 16)}, check: func(t *testing.T, w Wizard) {
				if got := w.Spec().Tablestore.SampleKey; !reflect.DeepEqual(got, []string{"1001"}) {
					t.Errorf("sample key %v not learned", got)
				}
				if !strings.Contains(VerificationQuery(w.Spec()), "WHERE vid = 1001") {
					t.Errorf("the verification query does not use the learned key: %s", VerificationQuery(w.Spec()))
				}
			}},
		{ev: ok(StepExternalTable, 16), phase: PhaseApplying, effects: []Effect{app(StepVerify, 17)}},
		{ev: ok(StepVerify, 17), phase: PhaseDone, check: func(t *testing.T, w Wizard) {
			for _, st := range w.Steps() {
				if st.Status != StatusDone {
					t.Errorf("%s is %s", st.ID, st.Status)
				}
			}
		}},
	}

	cases := []struct {
		name     string
		outcomes map[StepID]Outcome
		steps    []expect
	}{
		{"apply everything", firstRun(), happy},
		{"a failed apply is retried; the stale result is ignored", firstRun(), append(happy[:6:6],
			expect{ev: failed(StepExternalTable, 16), phase: PhaseApplying, check: func(t *testing.T, w Wizard) {
				if st := w.Step(StepExternalTable); st.Status != StatusFailed || st.Err != boom {
					t.Errorf("external table: %s %v", st.Status, st.Err)
				}
			}},
			expect{ev: Confirmed{}, phase: PhaseApplying, notice: "there is no plan to confirm while applying"},
			expect{ev: Retry{Step: StepExternalTable}, phase: PhaseApplying, effects: []Effect{app(StepExternalTable, 17)}, check: func(t *testing.T, w Wizard) {
				if st := w.Step(StepExternalTable); st.Status != StatusApplying || st.Err != nil {
					t.Errorf("retrying: %s %v", st.Status, st.Err)
				}
			}},
			expect{ev: ok(StepExternalTable, 16), phase: PhaseApplying, notice: "stale result for external table (run 16)"},
			expect{ev: ok(StepExternalTable, 17), phase: PhaseApplying, effects: []Effect{app(StepVerify, 18)}},
			expect{ev: ok(StepVerify, 18), phase: PhaseDone},
		)},
		{"a failed verify is skipped; an unsafe step is not", firstRun(), append(happy[:7:7],
			expect{ev: Skipped{Step: StepRole}, phase: PhaseApplying, notice: "role cannot be skipped: the DDL's rolearn would name a role that does not exist"},
			expect{ev: Retry{Step: StepRole}, phase: PhaseApplying, notice: "role is done; only a failed step is retried"},
			expect{ev: failed(StepVerify, 17), phase: PhaseApplying, check: statusOf(StepVerify, StatusFailed)},
			expect{ev: Skipped{Step: StepVerify}, phase: PhaseDone, check: statusOf(StepVerify, StatusSkipped)},
			expect{ev: Back{}, phase: PhaseDone, notice: "the setup is finished"},
		)},
		{"back while applying waits; back after a failure edits", firstRun(), append(happy[:2:2],
			expect{ev: Back{}, phase: PhaseApplying, notice: "policy is being applied; wait for it to finish"},
			expect{ev: failed(StepPolicy, 12), phase: PhaseApplying},
			expect{ev: Back{}, phase: PhaseEditing, check: func(t *testing.T, w Wizard) {
				if w.Screen() != ScreenExternalTable {
					t.Errorf("back to screen %s", w.Screen())
				}
				for _, st := range w.Steps() {
					if st.Status != StatusPending {
						t.Errorf("%s is %s after back", st.ID, st.Status)
					}
				}
			}},
			expect{ev: failed(StepPolicy, 12), phase: PhaseEditing, notice: "stale result for policy"},
			expect{ev: Answered{Screen: ScreenExternalTable, Spec: interactiveSpec()}, phase: PhaseObserving, effects: []Effect{obs(StepIdentities, 13)}},
		)},
		{"a failed observation blocks confirm until retried", func() map[StepID]Outcome {
			o := firstRun()
			o[StepTable] = Outcome{} // no action: the observation is treated as failed
			return o
		}(), []expect{
			{ev: Confirmed{}, phase: PhaseReviewing, notice: "table failed: retry it or go back and edit", check: func(t *testing.T, w Wizard) {
				if err := w.Step(StepTable).Err; err == nil || !strings.Contains(err.Error(), "observing table returned no plan") {
					t.Errorf("table error %v", err)
				}
			}},
			{ev: Skipped{Step: StepTable}, phase: PhaseReviewing, notice: "table cannot be skipped"},
			{ev: Retry{Step: StepTable}, phase: PhaseObserving, effects: []Effect{obs(StepTable, 11)}},
			{ev: Confirmed{}, phase: PhaseObserving, notice: "there is no plan to confirm while observing"},
			{ev: EffectDone{Step: StepTable, RunID: 11, Result: Outcome{Action: ActionInPlace}}, phase: PhaseReviewing},
			{ev: Skipped{Step: StepSampleRows}, phase: PhaseReviewing, check: statusOf(StepSampleRows, StatusSkipped)},
			{ev: Confirmed{}, phase: PhaseApplying, effects: []Effect{app(StepRole, 12)}},
			{ev: ok(StepRole, 12), phase: PhaseApplying, effects: []Effect{app(StepPolicy, 13)}},
			{ev: ok(StepPolicy, 13), phase: PhaseApplying, effects: []Effect{app(StepAttachment, 14)}},
			{ev: ok(StepAttachment, 14), phase: PhaseApplying, effects: []Effect{app(StepExternalTable, 15)}, check: func(t *testing.T, w Wizard) {
				statusOf(StepTable, StatusDone)(t, w)
				statusOf(StepSampleRows, StatusSkipped)(t, w)
			}},
		}},
		{"a missing project blocks: the wizard does not create projects", func() map[StepID]Outcome {
			o := firstRun()
			o[StepProject] = Outcome{Action: ActionCreate, Summary: "project demo_project not found in account B"}
			return o
		}(), []expect{
			{ev: Confirmed{}, phase: PhaseReviewing, notice: "project is blocked: project demo_project not found in account B", check: func(t *testing.T, w Wizard) {
				if w.Step(StepProject).Plan.Action != ActionBlocked {
					t.Errorf("project plan %s", w.Step(StepProject).Plan.Action)
				}
			}},
			{ev: Back{}, phase: PhaseEditing},
		}},
		{"a finished setup plans no writes", map[StepID]Outcome{
			StepProject: {Action: ActionInPlace}, StepRole: {Action: ActionInPlace}, StepPolicy: {Action: ActionInPlace},
			StepAttachment: {Action: ActionInPlace}, StepInstance: {Action: ActionInPlace}, StepTable: {Action: ActionInPlace},
			StepSampleRows: {Action: ActionInPlace}, StepExternalTable: {Action: ActionInPlace}, StepVerify: {Action: ActionInPlace},
		}, []expect{
			{ev: Confirmed{}, phase: PhaseDone},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := reviewing(t, c.outcomes)
			if d.w.Phase() != PhaseReviewing {
				t.Fatalf("after observation: %s", d.w.Phase())
			}
			for i, e := range c.steps {
				effects := d.apply(e.ev)
				where := fmt.Sprintf("step %d (%T %+v)", i, e.ev, e.ev)
				if d.w.Phase() != e.phase {
					t.Fatalf("%s: phase %s, want %s (notice %q)", where, d.w.Phase(), e.phase, d.w.Notice())
				}
				if !reflect.DeepEqual(effects, e.effects) {
					t.Fatalf("%s: effects %v, want %v", where, effects, e.effects)
				}
				if n := d.w.Notice(); (e.notice == "") != (n == "") || !strings.Contains(n, e.notice) {
					t.Fatalf("%s: notice %q, want %q", where, n, e.notice)
				}
				if e.check != nil {
					e.check(t, d.w)
				}
			}
		})
	}
}

func TestWizardForms(t *testing.T) {
	t.Parallel()
	good := interactiveSpec()
	badRole := good
	badRole.RAM.Role = "bad role"
	badRole.Tablestore.Instance = "my-ots-1" // another screen's problem: not this screen's business
	d := &driver{t: t, w: New(Spec{})}
	steps := []struct {
		ev     Event
		screen Screen
		phase  Phase
		notice string
		check  func(*testing.T, Wizard)
	}{
		{Back{}, ScreenAccounts, PhaseEditing, "this is the first screen", nil},
		{Answered{Screen: ScreenMaxCompute, Spec: good}, ScreenAccounts, PhaseEditing, "the maxcompute form's answer came on the accounts screen", nil},
		{Answered{Screen: ScreenAccounts, Spec: good}, ScreenMaxCompute, PhaseEditing, "", nil},
		{Answered{Screen: ScreenMaxCompute, Spec: good}, ScreenRAM, PhaseEditing, "", nil},
		{Answered{Screen: ScreenRAM, Spec: badRole}, ScreenRAM, PhaseEditing, "", func(t *testing.T, w Wizard) {
			ps := w.Problems()
			if len(ps) != 1 || ps[0].Field != "ram.role" {
				t.Errorf("RAM screen problems: %v", ps)
			}
			if w.Spec().RAM.Role != "bad role" {
				t.Errorf("the answer was not kept for correction: %+v", w.Spec().RAM)
			}
		}},
		{Back{}, ScreenMaxCompute, PhaseEditing, "", func(t *testing.T, w Wizard) {
			if len(w.Problems()) != 0 {
				t.Errorf("problems survive back: %v", w.Problems())
			}
		}},
		{Answered{Screen: ScreenMaxCompute, Spec: good}, ScreenRAM, PhaseEditing, "", nil},
		{Answered{Screen: ScreenRAM, Spec: good}, ScreenTablestore, PhaseEditing, "", nil},
		{Answered{Screen: ScreenTablestore, Spec: good}, ScreenExternalTable, PhaseEditing, "", nil},
		{Answered{Screen: ScreenExternalTable, Spec: good}, ScreenExternalTable, PhaseObserving, "", statusOf(StepIdentities, StatusObserving)},
		{Answered{Screen: ScreenExternalTable, Spec: good}, ScreenExternalTable, PhaseObserving, "answer came while observing", nil},
		{Back{}, ScreenExternalTable, PhaseEditing, "", statusOf(StepIdentities, StatusPending)},
		{EffectDone{Step: StepIdentities, RunID: 1, Result: identitiesFound()}, ScreenExternalTable, PhaseEditing, "stale result for identities", nil},
	}
	for i, s := range steps {
		d.apply(s.ev)
		if d.w.Screen() != s.screen || d.w.Phase() != s.phase {
			t.Fatalf("step %d (%T): %s/%s, want %s/%s", i, s.ev, d.w.Phase(), d.w.Screen(), s.phase, s.screen)
		}
		if n := d.w.Notice(); (s.notice == "") != (n == "") || !strings.Contains(n, s.notice) {
			t.Fatalf("step %d (%T): notice %q, want %q", i, s.ev, n, s.notice)
		}
		if s.check != nil {
			s.check(t, d.w)
		}
	}
}

func TestWizardSubmitted(t *testing.T) {
	t.Parallel()
	bad := interactiveSpec()
	bad.Tablestore.Instance = "my-ots-1"
	bad.ExternalTable.Endpoint = "private"
	d := &driver{t: t, w: New(Spec{})}
	if effects := d.apply(Submitted{Spec: bad}); effects != nil || d.w.Phase() != PhaseEditing || d.w.Screen() != ScreenTablestore {
		t.Fatalf("an invalid spec: effects %v, %s on %s", effects, d.w.Phase(), d.w.Screen())
	}
	if ps := d.w.Problems(); len(ps.Errors()) != 2 {
		t.Errorf("every problem of the spec is shown: %v", ps)
	}
	if effects := d.apply(Submitted{Spec: interactiveSpec()}); len(effects) != 1 || d.w.Phase() != PhaseObserving {
		t.Fatalf("a sound spec: %v %s", effects, d.w.Phase())
	}
	if effects := d.apply(Submitted{Spec: interactiveSpec()}); effects != nil || !strings.Contains(d.w.Notice(), "only be submitted while editing") {
		t.Errorf("submitting twice: %v %q", effects, d.w.Notice())
	}
}

// B9's other half: the UIDs come from the credentials; a typed UID that
// disagrees blocks the run instead of building a policy for the wrong account.
func TestWizardIdentities(t *testing.T) {
	t.Parallel()
	t.Run("learned", func(t *testing.T) {
		t.Parallel()
		d := reviewing(t, firstRun())
		if a := d.w.Spec().Accounts; a.Tablestore.UID != "1111111111111111" || a.MaxCompute.UID != "2222222222222222" {
			t.Errorf("UIDs not learned: %+v", a)
		}
		if ok, why := d.w.CanConfirm(); !ok {
			t.Errorf("cannot confirm: %s", why)
		}
	})
	t.Run("contradicted", func(t *testing.T) {
		t.Parallel()
		s := seedSpec()
		s.Accounts.MaxCompute.UID = "3333333333333333"
		d := &driver{t: t, w: New(s)}
		d.apply(Submitted{Spec: s})
		effects := d.apply(EffectDone{Step: StepIdentities, RunID: 1, Result: identitiesFound()})
		if effects != nil || d.w.Phase() != PhaseReviewing {
			t.Fatalf("a contradiction still observed on: %v %s", effects, d.w.Phase())
		}
		plan := d.w.Step(StepIdentities).Plan
		want := `accounts.maxcompute.uid is 3333333333333333, but the credentials of profile "b" belong to account 2222222222222222 — correct the UID or the profile`
		if plan.Action != ActionBlocked || plan.Summary != want {
			t.Errorf("identities plan %s %q, want blocked %q", plan.Action, plan.Summary, want)
		}
		if ok, why := d.w.CanConfirm(); ok || !strings.Contains(why, "identities is blocked") {
			t.Errorf("CanConfirm = %v %q", ok, why)
		}
	})
	t.Run("failed and retried", func(t *testing.T) {
		t.Parallel()
		d := &driver{t: t, w: New(interactiveSpec())}
		d.apply(Submitted{Spec: interactiveSpec()})
		d.apply(EffectDone{Step: StepIdentities, RunID: 1, Err: errors.New("InvalidAccessKeyId.NotFound")})
		if d.w.Phase() != PhaseReviewing || d.w.Step(StepIdentities).Status != StatusFailed || d.w.Step(StepRole).Status != StatusPending {
			t.Fatalf("after a failed identities: %s %v", d.w.Phase(), d.w.Steps())
		}
		if effects := d.apply(Retry{Step: StepIdentities}); !reflect.DeepEqual(effects, []Effect{{EffectObserve, StepIdentities, 2}}) {
			t.Fatalf("retry: %v", effects)
		}
		if effects := d.apply(EffectDone{Step: StepIdentities, RunID: 2, Result: identitiesFound()}); len(effects) != stepCount-1 {
			t.Fatalf("after the retry the others are observed: %v", effects)
		}
	})
}

func TestWizardIgnoresNonsense(t *testing.T) {
	t.Parallel()
	d := reviewing(t, firstRun())
	before := fmt.Sprintf("%#v", d.w)
	for _, ev := range []Event{Skipped{Step: 0}, Retry{Step: 99}, EffectDone{Step: 42, RunID: 1}, EffectDone{Step: StepRole, RunID: 4}} {
		d.apply(ev)
		if d.w.Notice() == "" {
			t.Errorf("%T %+v: no notice", ev, ev)
		}
	}
	d.w.notice = ""
	if fmt.Sprintf("%#v", d.w) != before {
		t.Error("ignored events changed the state")
	}
}

func TestCatalogue(t *testing.T) {
	t.Parallel()
	cat := Catalogue()
	if len(cat) != stepCount {
		t.Fatalf("%d steps", len(cat))
	}
	safe := map[StepID]bool{StepSampleRows: true, StepVerify: true}
	for i, s := range cat {
		if s.ID != StepID(i+1) || s.Title == "" || strings.HasPrefix(s.ID.String(), "StepID(") {
			t.Errorf("step %d: %+v", i, s)
		}
		if s.SafeToSkip != safe[s.ID] || (!s.SafeToSkip && s.SkipRisk == "") {
			t.Errorf("%s: safe to skip %v, risk %q", s.ID, s.SafeToSkip, s.SkipRisk)
		}
	}
	for s := StatusPending; s <= StatusSkipped; s++ {
		if strings.HasPrefix(s.String(), "Status(") {
			t.Errorf("status %d has no name", s)
		}
		if s.IsFinal() != (s == StatusDone || s == StatusFailed || s == StatusSkipped) {
			t.Errorf("%s.IsFinal() = %v", s, s.IsFinal())
		}
	}
	if StepID(0).Valid() || StepID(11).Valid() || Status(9).String() != "Status(9)" || Action(9).String() != "Action(9)" {
		t.Error("out-of-range enums")
	}
}
