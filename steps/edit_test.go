package steps

import (
	"errors"
	"strings"
	"testing"
)

func TestStepForm(t *testing.T) {
	t.Parallel()
	want := map[StepID]Screen{
		StepIdentities:    ScreenAccounts,
		StepProject:       ScreenMaxCompute,
		StepRole:          ScreenRAM,
		StepPolicy:        ScreenRAM,
		StepAttachment:    ScreenRAM,
		StepInstance:      ScreenTablestore,
		StepTable:         ScreenTablestore,
		StepSampleRows:    ScreenTablestore,
		StepExternalTable: ScreenExternalTable,
		StepVerify:        ScreenExternalTable,
	}
	for _, st := range Catalogue() {
		if got := st.ID.Form(); got != want[st.ID] {
			t.Errorf("%s.Form() = %s, want %s", st.ID, got, want[st.ID])
		}
	}
	// Each form's fields must include what its steps read, so that an
	// edit reaches the answers the failed step used.
	if !fieldUnder("region", ScreenMaxCompute.Fields()[0]) {
		t.Errorf("region belongs to the maxcompute form: %v", ScreenMaxCompute.Fields())
	}
}

func TestRegionProblemsBelongToTheProjectForm(t *testing.T) {
	t.Parallel()
	d := &driver{t: t, w: New(interactiveSpec())}
	bad := interactiveSpec()
	bad.Region = "Hangzhou"
	d.apply(Answered{Screen: ScreenAccounts, Spec: bad})
	if d.w.Screen() != ScreenMaxCompute || d.w.Problems().HasErrors() {
		t.Fatalf("a bad region blocked the accounts form: %s %v", d.w.Screen(), d.w.Problems())
	}
	d.apply(Answered{Screen: ScreenMaxCompute, Spec: bad})
	if d.w.Screen() != ScreenMaxCompute || len(d.w.Problems().Under("region")) != 1 {
		t.Fatalf("the maxcompute form passed a bad region: %s %v", d.w.Screen(), d.w.Problems())
	}
}

func TestEdit(t *testing.T) {
	t.Parallel()
	boom := errors.New("RAM CreateRole: NoPermission")
	cases := []struct {
		name   string
		setup  func(t *testing.T) *driver
		screen Screen
		phase  Phase
		want   Screen // the screen after; checked when notice is empty
		notice string
		check  func(*testing.T, Wizard)
	}{
		{
			name:   "while editing, back to an earlier form",
			setup:  editingOn(ScreenTablestore),
			screen: ScreenAccounts, phase: PhaseEditing, want: ScreenAccounts,
		},
		{
			name:   "while editing, the same form",
			setup:  editingOn(ScreenRAM),
			screen: ScreenRAM, phase: PhaseEditing, want: ScreenRAM,
		},
		{
			name:   "while editing, not ahead of the answers",
			setup:  editingOn(ScreenRAM),
			screen: ScreenExternalTable, phase: PhaseEditing, want: ScreenRAM,
			notice: "answer the ram form before the external table form",
		},
		{
			name:   "no such form",
			setup:  editingOn(ScreenRAM),
			screen: Screen(42), phase: PhaseEditing, want: ScreenRAM,
			notice: "there is no form",
		},
		{
			name:   "from the review, the steps reset and answers kept",
			setup:  func(t *testing.T) *driver { return reviewing(t, firstRun()) },
			screen: ScreenRAM, phase: PhaseEditing, want: ScreenRAM,
			check: func(t *testing.T, w Wizard) {
				statusOf(StepRole, StatusPending)(t, w)
				if w.Spec().Accounts.Tablestore.UID != "1111111111111111" || w.Spec().Tablestore.Table != "vehicle_track" {
					t.Errorf("answers lost: %+v", w.Spec())
				}
			},
		},
		{
			name: "from a failed apply",
			setup: func(t *testing.T) *driver {
				d := reviewing(t, firstRun())
				effects := d.apply(Confirmed{})
				d.apply(EffectDone{Step: effects[0].Step, RunID: effects[0].RunID, Err: boom})
				return d
			},
			screen: StepRole.Form(), phase: PhaseEditing, want: ScreenRAM,
		},
		{
			name: "not while a step is being applied",
			setup: func(t *testing.T) *driver {
				d := reviewing(t, firstRun())
				d.apply(Confirmed{})
				return d
			},
			screen: ScreenRAM, phase: PhaseApplying,
			notice: "role is being applied",
		},
		{
			name: "not after the setup is done",
			setup: func(t *testing.T) *driver {
				inPlace := map[StepID]Outcome{}
				for _, st := range Catalogue() {
					inPlace[st.ID] = Outcome{Action: ActionInPlace}
				}
				d := reviewing(t, inPlace)
				d.apply(Confirmed{})
				return d
			},
			screen: ScreenRAM, phase: PhaseDone,
			notice: "the setup is finished",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := c.setup(t)
			if effects := d.apply(Edit{Screen: c.screen}); effects != nil {
				t.Fatalf("Edit started %v", effects)
			}
			if d.w.Phase() != c.phase {
				t.Fatalf("phase %s, want %s", d.w.Phase(), c.phase)
			}
			if c.notice == "" {
				if d.w.Notice() != "" || d.w.Screen() != c.want {
					t.Fatalf("screen %s notice %q, want %s", d.w.Screen(), d.w.Notice(), c.want)
				}
			} else if !strings.Contains(d.w.Notice(), c.notice) {
				t.Fatalf("notice %q, want %q", d.w.Notice(), c.notice)
			}
			if c.check != nil {
				c.check(t, d.w)
			}
		})
	}
}

// editingOn answers the forms up to s with the interactive seed.
func editingOn(s Screen) func(t *testing.T) *driver {
	return func(t *testing.T) *driver {
		d := &driver{t: t, w: New(interactiveSpec())}
		for cur := ScreenAccounts; cur < s; cur++ {
			d.apply(Answered{Screen: cur, Spec: interactiveSpec()})
		}
		if d.w.Screen() != s {
			t.Fatalf("could not reach %s: on %s (%v)", s, d.w.Screen(), d.w.Problems())
		}
		return d
	}
}
