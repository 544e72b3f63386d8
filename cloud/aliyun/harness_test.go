package aliyun_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

// world is a sandbox on a loopback port and the demo accounts' credentials.
type world struct {
	t    testing.TB
	sb   *sandbox.Sandbox
	a, b sandbox.Account
	ca   cloud.Credentials
	cb   cloud.Credentials
}

func newWorld(t testing.TB, opts sandbox.Options) *world {
	t.Helper()
	sb, err := sandbox.Start(opts)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	w := &world{t: t, sb: sb}
	w.a, _ = sb.Account(sandbox.DemoAccountA)
	w.b, _ = sb.Account(sandbox.DemoAccountB)
	w.ca = keyCreds(w.a.Keys[0])
	w.cb = keyCreds(w.b.Keys[0])
	return w
}

func keyCreds(k sandbox.AccessKey) cloud.Credentials {
	return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: k.ID, Secret: cloud.NewSecret(k.Secret)}
}

func (w *world) target() cloud.Target {
	return cloud.Target{Endpoint: w.sb.Endpoint(), Region: sandbox.DefaultRegion}
}

// fastOptions retry and poll quickly, as tests want.
func fastOptions() aliyun.Options {
	o := aliyun.DefaultOptions()
	o.Timeout = 10 * time.Second
	o.Session.Retry = cloud.RetryPolicy{Attempts: 12, Base: time.Millisecond, Cap: 10 * time.Millisecond}
	o.Session.Poll = cloud.PollPolicy{First: 5 * time.Millisecond, Cap: 50 * time.Millisecond, Timeout: 20 * time.Second}
	return o
}

// options are fastOptions with a transport whose connections close before
// the sandbox stops: Close would otherwise wait on a dialled but unused
// connection (Go's Shutdown counts it as busy for 5 s).
func (w *world) options() aliyun.Options {
	o := fastOptions()
	o.Transport = aliyun.NewTransport()
	w.t.Cleanup(o.Transport.CloseIdleConnections)
	return o
}

func (w *world) session(opts aliyun.Options) cloud.Session {
	w.t.Helper()
	if opts.Transport == nil {
		t := aliyun.NewTransport()
		w.t.Cleanup(t.CloseIdleConnections)
		opts.Transport = t
	}
	s, err := aliyun.ConnectWith(opts)(context.Background(), w.target(), w.ca, w.cb)
	if err != nil {
		w.t.Fatalf("connect: %v", err)
	}
	return s
}

// accountA gives account A's services directly, to prepare a world the
// way another tool would have left it.
func (w *world) accountA() cloud.Account {
	w.t.Helper()
	acct, err := aliyun.NewAccount(w.target(), w.ca, w.options())
	if err != nil {
		w.t.Fatal(err)
	}
	return acct
}

// seedSpec is the seed example against the sandbox's accounts.
func (w *world) seedSpec() steps.Spec {
	s := steps.Spec{
		Region:     sandbox.DefaultRegion,
		Accounts:   steps.Accounts{Tablestore: steps.Account{UID: w.a.UID}, MaxCompute: steps.Account{UID: w.b.UID}},
		MaxCompute: steps.MaxCompute{Project: sandbox.DemoProject},
		RAM:        steps.RAM{Role: steps.DefaultRole, Policy: steps.DefaultPolicy, Access: steps.AccessRead, Scope: steps.ScopeTable},
		Tablestore: steps.Tablestore{
			Instance: "cap1", ClusterType: steps.ClusterSSD, Table: "vehicle_track",
			PrimaryKey: []steps.Column{{Name: "vid", Type: "INTEGER"}, {Name: "gt", Type: "INTEGER"}},
			Columns: []steps.Column{{Name: "longitude", Type: "DOUBLE"}, {Name: "latitude", Type: "DOUBLE"},
				{Name: "distance", Type: "DOUBLE"}, {Name: "speed", Type: "DOUBLE"}, {Name: "oil_consumption", Type: "DOUBLE"}},
		},
		ExternalTable: steps.ExternalTable{Name: "vehicle_track_ext", Endpoint: steps.EndpointInternal},
	}
	return s
}

// writes counts the write calls the sandbox saw since its counters were
// last reset.
func (w *world) writes() map[string]int {
	out := map[string]int{}
	for c, st := range w.sb.Calls() {
		if isWriteAction(c.Action) {
			out[c.String()] += st.Count
		}
	}
	return out
}

func isWriteAction(a string) bool {
	for _, p := range []string{"Create", "Update", "Delete", "Attach", "Detach", "Insert", "Set", "Put", "BatchWrite"} {
		if len(a) >= len(p) && a[:len(p)] == p {
			return true
		}
	}
	return false
}

// drive runs the steps machine the way the headless apply does: observe,
// confirm, apply each effect in turn. It returns the final wizard.
func drive(t testing.TB, ctx context.Context, s cloud.Session, spec steps.Spec) steps.Wizard {
	t.Helper()
	return driveWith(t, ctx, s, spec, nil)
}

// driveWith is drive with a progress callback.
func driveWith(t testing.TB, ctx context.Context, s cloud.Session, spec steps.Spec, progress cloud.ProgressFunc) steps.Wizard {
	t.Helper()
	w := steps.New(spec)
	w, effects := w.Apply(steps.Submitted{Spec: spec})
	// Effects handed out together (the observations) run concurrently, as
	// in the headless commands; their results go back in order.
	run := func() {
		for len(effects) > 0 {
			batch := effects
			effects = nil
			done := make([]steps.EffectDone, len(batch))
			var wg sync.WaitGroup
			for i, e := range batch {
				spec := w.Spec()
				wg.Add(1)
				go func() {
					defer wg.Done()
					var out steps.Outcome
					var err error
					if e.Kind == steps.EffectObserve {
						out, err = s.Observe(ctx, spec, e.Step, progress)
					} else {
						out, err = s.Apply(ctx, spec, e.Step, progress)
					}
					done[i] = steps.EffectDone{Step: e.Step, RunID: e.RunID, Result: out, Err: err}
				}()
			}
			wg.Wait()
			for _, d := range done {
				var more []steps.Effect
				w, more = w.Apply(d)
				effects = append(effects, more...)
			}
		}
	}
	run()
	if w.Phase() != steps.PhaseReviewing {
		return w
	}
	if ok, _ := w.CanConfirm(); !ok {
		return w
	}
	w, effects = w.Apply(steps.Confirmed{})
	run()
	return w
}
