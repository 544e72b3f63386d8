package cloud

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/mcots/wizard/steps"
)

// session implements Session over two accounts' services: A owns the
// Tablestore side and RAM, B owns MaxCompute.
type session struct {
	a, b Account
	opts Options

	mu      sync.Mutex
	created map[string]bool // tables this session created, by region/instance/table
}

// NewSession builds the Session the ui and the headless commands use on top
// of two accounts' services. It keeps what it creates in memory, so that,
// for example, demo rows go only into a table this run created.
func NewSession(a, b Account, opts Options) Session {
	if opts.Retry.Attempts == 0 && opts.Retry.Base == 0 {
		opts.Retry = DefaultRetryPolicy()
	}
	if opts.Poll.First == 0 {
		opts.Poll = DefaultPollPolicy()
	}
	return &session{a: a, b: b, opts: opts, created: map[string]bool{}}
}

func tableKey(region, instance, table string) string {
	return region + "/" + strings.ToLower(instance) + "/" + table
}

func (s *session) markCreated(region, instance, table string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.created[tableKey(region, instance, table)] = true
}

func (s *session) createdTable(region, instance, table string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.created[tableKey(region, instance, table)]
}

// Identify asks STS who account A's or B's credentials belong to.
func (s *session) Identify(ctx context.Context, side steps.AccountSide) (Identity, error) {
	var acct Account
	switch side {
	case steps.SideTablestore:
		acct = s.a
	case steps.SideMaxCompute:
		acct = s.b
	default:
		return Identity{}, fmt.Errorf("identify: name one account (%s or %s), not %s", steps.SideTablestore, steps.SideMaxCompute, side)
	}
	var id Identity
	err := s.opts.Retry.retry(ctx, callRead, func(ctx context.Context) error {
		var err error
		id, err = acct.STS().GetCallerIdentity(ctx)
		return err
	}, nil)
	return id, err
}

// Observe finds out what exists and returns the step's plan; it never writes.
func (s *session) Observe(ctx context.Context, spec steps.Spec, step steps.StepID, progress ProgressFunc) (steps.Outcome, error) {
	r := s.newRun(spec, step, progress)
	switch step {
	case steps.StepIdentities:
		return r.observeIdentities(ctx)
	case steps.StepProject:
		return r.observeProject(ctx)
	case steps.StepRole:
		return r.observeRole(ctx)
	case steps.StepPolicy:
		return r.observePolicy(ctx)
	case steps.StepAttachment:
		return r.observeAttachment(ctx)
	case steps.StepInstance:
		return r.observeInstance(ctx)
	case steps.StepTable:
		return r.observeTable(ctx)
	case steps.StepSampleRows:
		return r.observeSampleRows(ctx)
	case steps.StepExternalTable:
		return r.observeExternalTable(ctx)
	case steps.StepVerify:
		return r.observeVerify(ctx)
	}
	return steps.Outcome{}, fmt.Errorf("observe: there is no step %s", step)
}

// Apply observes again and makes the minimal change.
func (s *session) Apply(ctx context.Context, spec steps.Spec, step steps.StepID, progress ProgressFunc) (steps.Outcome, error) {
	r := s.newRun(spec, step, progress)
	switch step {
	case steps.StepIdentities, steps.StepProject:
		// The wizard creates neither credentials nor projects: applying
		// them is observing them.
		out, err := s.Observe(ctx, spec, step, progress)
		if err == nil && out.Action == steps.ActionBlocked {
			return out, &BlockedError{Step: step, Reason: out.Summary}
		}
		return out, err
	case steps.StepRole:
		return r.applyRole(ctx)
	case steps.StepPolicy:
		return r.applyPolicy(ctx)
	case steps.StepAttachment:
		return r.applyAttachment(ctx)
	case steps.StepInstance:
		return r.applyInstance(ctx)
	case steps.StepTable:
		return r.applyTable(ctx)
	case steps.StepSampleRows:
		return r.applySampleRows(ctx)
	case steps.StepExternalTable:
		return r.applyExternalTable(ctx)
	case steps.StepVerify:
		return r.applyVerify(ctx)
	}
	return steps.Outcome{}, fmt.Errorf("apply: there is no step %s", step)
}

// ListInstances lists account A's Tablestore instances in a region.
func (s *session) ListInstances(ctx context.Context, region string) ([]InstanceSummary, error) {
	var list []Instance
	err := s.opts.Retry.retry(ctx, callRead, func(ctx context.Context) error {
		var err error
		list, err = s.a.Instances(region).ListInstances(ctx)
		return err
	}, nil)
	if err != nil {
		return nil, err
	}
	out := make([]InstanceSummary, 0, len(list))
	for _, in := range list {
		out = append(out, InstanceSummary{Name: in.Name, Region: region, ClusterType: in.ClusterType, Network: in.Network, Running: in.Status == InstanceRunning})
	}
	return out, nil
}

// ListTables lists the tables of one of account A's instances.
func (s *session) ListTables(ctx context.Context, region, instance string) ([]string, error) {
	var names []string
	err := s.opts.Retry.retry(ctx, callRead, func(ctx context.Context) error {
		var err error
		names, err = s.a.Tables(region, instance).ListTables(ctx)
		return err
	}, nil)
	return names, err
}

// run is one observe or apply of one step.
type run struct {
	s        *session
	spec     steps.Spec // with defaults
	step     steps.StepID
	start    time.Time
	progress ProgressFunc
}

func (s *session) newRun(spec steps.Spec, step steps.StepID, progress ProgressFunc) *run {
	return &run{s: s, spec: spec.WithDefaults(), step: step, start: time.Now(), progress: progress}
}

// say reports progress; it never blocks the step for long (ProgressFunc
// must not block).
func (r *run) say(format string, args ...any) {
	if r.progress == nil {
		return
	}
	r.progress(Progress{Step: r.step, Message: fmt.Sprintf(format, args...), Elapsed: time.Since(r.start)})
}

func (r *run) notify(what string) func(int, error, time.Duration) {
	return func(attempt int, err error, pause time.Duration) {
		r.say("%s: %s (%v); trying again in %s", what, KindOf(err), shortError(err), pause.Round(time.Millisecond))
	}
}

// shortError is an error's first line, for progress.
func shortError(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if len(msg) > 160 {
		msg = msg[:160] + "…"
	}
	return msg
}

// read runs a read-only call, retrying transient failures.
func (r *run) read(ctx context.Context, what string, call func(context.Context) error) error {
	return r.s.opts.Retry.retry(ctx, callRead, call, r.notify(what))
}

// readFound runs a read of one object that may not exist: found is false,
// and err nil, when the service says there is no such object.
func readFound[T any](ctx context.Context, r *run, what string, get func(context.Context) (T, error)) (v T, found bool, err error) {
	err = r.read(ctx, what, func(ctx context.Context) error {
		var err error
		v, err = get(ctx)
		return err
	})
	if IsNotFound(err) {
		var zero T
		return zero, false, nil
	}
	return v, err == nil, err
}

// write runs a write that may be repeated without harm.
func (r *run) write(ctx context.Context, what string, call func(context.Context) error) error {
	r.say("%s", what)
	return r.s.opts.Retry.retry(ctx, callWrite, call, r.notify(what))
}

// create runs a create that must not be repeated blindly. A refusal is
// retried at once; after a failure that leaves open whether the object was
// made, exists is asked before creating again. It reports whether this call
// (probably) made the object: false means it was already there.
func (r *run) create(ctx context.Context, what string, exists func(context.Context) (bool, error), call func(context.Context) error) (bool, error) {
	r.say("%s", what)
	var err error
	for n := 1; n <= r.s.opts.Retry.attempts(); n++ {
		err = r.s.opts.Retry.retry(ctx, callCreate, call, r.notify(what))
		switch {
		case err == nil:
			return true, nil
		case IsAlreadyExists(err):
			return false, nil
		case !ambiguous(err):
			return false, err
		}
		r.say("%s: %s; looking before trying again", what, shortError(err))
		if serr := sleep(ctx, r.s.opts.Retry.pause(n)); serr != nil {
			return false, serr
		}
		there, xerr := exists(ctx)
		if xerr != nil {
			return false, xerr
		}
		if there {
			return true, nil // the failed-looking call did it
		}
	}
	return false, err
}
