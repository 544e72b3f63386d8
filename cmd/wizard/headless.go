package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// headless drives the steps machine without a screen, exactly as the
// interactive wizard does: Submitted, then each effect through the Session,
// each result back into the machine as EffectDone. Observations run
// concurrently; applies come one at a time, as the machine hands them out.
type headless struct {
	name    string
	session cloud.Session
	w       steps.Wizard
	s       stdio

	mu      sync.Mutex // guards took and stderr
	started time.Time
	took    map[steps.StepID]time.Duration
}

func newHeadless(name string, session cloud.Session, spec steps.Spec, s stdio) *headless {
	return &headless{name: name, session: session, w: steps.New(spec), s: s,
		started: time.Now(), took: map[steps.StepID]time.Duration{}}
}

// progress prints a running step's progress on stderr.
func (h *headless) progress(p cloud.Progress) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(h.s.err, "  %-15s %s (%s)\n", p.Step.String()+":", p.Message, p.Elapsed.Round(time.Millisecond))
}

// submit validates the spec and observes every step. It reports false when
// the spec has errors (printed on stderr).
func (h *headless) submit(ctx context.Context, spec steps.Spec) bool {
	var effects []steps.Effect
	h.w, effects = h.w.Apply(steps.Submitted{Spec: spec})
	if h.w.Phase() == steps.PhaseEditing {
		fmt.Fprintf(h.s.err, "%s: the spec has problems; nothing was called:\n%v\n", h.name, h.w.Problems())
		return false
	}
	h.run(ctx, effects, nil)
	return true
}

// apply confirms the plan and applies it; onFinal hears of each step as it
// becomes final, in catalogue order.
func (h *headless) apply(ctx context.Context, onFinal func(steps.StepState)) {
	var effects []steps.Effect
	h.w, effects = h.w.Apply(steps.Confirmed{})
	printed := 0
	report := func() {
		for _, st := range h.w.Steps()[printed:] {
			if !st.Status.IsFinal() {
				return
			}
			onFinal(st)
			printed++
		}
	}
	report()
	h.run(ctx, effects, report)
}

type effectResult struct {
	ev   steps.EffectDone
	took time.Duration
}

// run carries out effects, and the effects their results bring, until none
// is in flight.
func (h *headless) run(ctx context.Context, effects []steps.Effect, after func()) {
	results := make(chan effectResult)
	pending := 0
	launch := func(e steps.Effect) {
		pending++
		spec := h.w.Spec()
		go func() {
			start := time.Now()
			var out steps.Outcome
			var err error
			if e.Kind == steps.EffectObserve {
				out, err = h.session.Observe(ctx, spec, e.Step, h.progress)
			} else {
				out, err = h.session.Apply(ctx, spec, e.Step, h.progress)
			}
			results <- effectResult{steps.EffectDone{Step: e.Step, RunID: e.RunID, Result: out, Err: err}, time.Since(start)}
		}()
	}
	for _, e := range effects {
		launch(e)
	}
	for pending > 0 {
		r := <-results
		pending--
		h.mu.Lock()
		h.took[r.ev.Step] = r.took
		h.mu.Unlock()
		var more []steps.Effect
		h.w, more = h.w.Apply(r.ev)
		if after != nil {
			after()
		}
		for _, e := range more {
			launch(e)
		}
	}
}

// tookFor is how long the step's last effect ran.
func (h *headless) tookFor(id steps.StepID) time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.took[id]
}
