package aliyun_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

// With 30% throttling and 5% 503s on every action of every service, the
// seed applies and leaves exactly one of everything: a create is repeated
// only after a refusal, and after an ambiguous 503 the step looks before
// creating again.
func TestFaultsConvergeWithoutDuplicates(t *testing.T) {
	t.Parallel()
	faults, err := sandbox.ParseFaults("*=throttle:0.3,*=unavailable:0.05")
	if err != nil {
		t.Fatal(err)
	}
	for seed := int64(1); seed <= 3; seed++ {
		w := newWorld(t, sandbox.Options{Faults: faults, Seed: seed, DemoRows: 8})
		ctx := context.Background()
		spec := w.seedSpec()
		var mu sync.Mutex
		var said []string
		end := driveWith(t, ctx, w.session(fastOptions()), spec, func(p cloud.Progress) {
			mu.Lock()
			said = append(said, p.Message)
			mu.Unlock()
		})
		if end.Phase() != steps.PhaseDone {
			t.Fatalf("seed %d: %s\n%s", seed, end.Phase(), stepSummaries(end))
		}
		// The retries were reported, and nothing reported carries a secret.
		all := strings.Join(said, "\n") + stepSummaries(end) + fmt.Sprint(end.Steps())
		if !strings.Contains(all, "trying again") {
			t.Errorf("seed %d: no retry was reported", seed)
		}
		for _, secret := range []string{w.a.Keys[0].Secret, w.b.Keys[0].Secret} {
			if strings.Contains(all, secret) {
				t.Fatalf("seed %d: a demo secret was reported", seed)
			}
		}
		var failed int
		for _, st := range w.sb.Calls() {
			failed += st.Errors
		}
		if failed < 10 {
			t.Fatalf("seed %d: only %d faults were injected", seed, failed)
		}
		if err := w.sb.SetFaults(); err != nil {
			t.Fatal(err)
		}
		acct := w.accountA()
		versions, err := acct.RAM().ListPolicyVersions(ctx, spec.RAM.Policy)
		if err != nil || len(versions) != 1 {
			t.Errorf("seed %d: policy versions %+v, %v", seed, versions, err)
		}
		attached, err := acct.RAM().ListPoliciesForRole(ctx, spec.RAM.Role)
		if err != nil || len(attached) != 1 {
			t.Errorf("seed %d: attached %+v, %v", seed, attached, err)
		}
		instances, err := acct.Instances(spec.Region).ListInstances(ctx)
		if err != nil || len(instances) != 1 {
			t.Errorf("seed %d: instances %+v, %v", seed, instances, err)
		}
		tables, err := acct.Tables(spec.Region, "cap1").ListTables(ctx)
		if err != nil || len(tables) != 1 {
			t.Errorf("seed %d: tables %v, %v", seed, tables, err)
		}
		w.sb.ResetCalls()
		again := drive(t, ctx, w.session(fastOptions()), spec)
		if again.Phase() != steps.PhaseDone || w.sb.Writes() != 0 {
			t.Errorf("seed %d: re-run %s with %d writes", seed, again.Phase(), w.sb.Writes())
		}
	}
}

// Ctrl+C in the middle of apply (here while the new table loads) stops at
// once and leaves nothing a second run cannot finish.
func TestCancelMidApplyThenRerunFinishes(t *testing.T) {
	t.Parallel()
	for _, when := range []string{"instance cap1: starting", "table vehicle_track: loading"} {
		w := newWorld(t, sandbox.Options{InstanceReadyDelay: 300 * time.Millisecond, TableReadyDelay: 300 * time.Millisecond, DemoRows: 8})
		spec := w.seedSpec()
		ctx, cancel := context.WithCancel(context.Background())
		var cancelledAt time.Time
		first := driveWith(t, ctx, w.session(fastOptions()), spec, func(p cloud.Progress) {
			if strings.Contains(p.Message, when) && cancelledAt.IsZero() {
				cancelledAt = time.Now()
				cancel()
			}
		})
		cancel()
		if cancelledAt.IsZero() {
			t.Fatalf("%s: never saw %q", when, when)
		}
		if first.Phase() == steps.PhaseDone || time.Since(cancelledAt) > 200*time.Millisecond {
			t.Fatalf("%s: the run went on after the cancel (%s, %s after it)", when, first.Phase(), time.Since(cancelledAt))
		}
		var failed *steps.StepState
		for _, st := range first.Steps() {
			if st.Status == steps.StatusFailed {
				failed = &st
			}
		}
		if failed == nil || cloud.KindOf(failed.Err) != cloud.KindCanceled {
			t.Fatalf("%s: %s", when, stepSummaries(first))
		}
		second := drive(t, context.Background(), w.session(fastOptions()), spec)
		if second.Phase() != steps.PhaseDone || len(second.Step(steps.StepVerify).Result.Rows) < 2 {
			t.Fatalf("%s: re-run %s\n%s", when, second.Phase(), stepSummaries(second))
		}
	}
}
