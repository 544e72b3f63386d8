package aliyun_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

// ramAndInstanceSteps are the steps the sandbox core serves on its own.
var ramAndInstanceSteps = []steps.StepID{steps.StepIdentities, steps.StepRole, steps.StepPolicy, steps.StepAttachment, steps.StepInstance}

// With 30% throttling and 5% 503s on every action, apply converges and
// leaves exactly one of everything: a create is repeated only after a
// refusal, and after an ambiguous 503 the step looks before creating again.
func TestFaultsConvergeWithoutDuplicates(t *testing.T) {
	t.Parallel()
	faults, err := sandbox.ParseFaults("*=throttle:0.3,*=unavailable:0.05")
	if err != nil {
		t.Fatal(err)
	}
	for seed := int64(1); seed <= 3; seed++ {
		w := newWorld(t, sandbox.Options{Faults: faults, Seed: seed})
		s := w.session(fastOptions())
		spec := w.seedSpec()
		ctx := context.Background()
		for _, id := range ramAndInstanceSteps {
			if _, err := s.Apply(ctx, spec, id, nil); err != nil {
				t.Fatalf("seed %d: apply %s: %v", seed, id, err)
			}
		}
		var failed int
		for _, st := range w.sb.Calls() {
			failed += st.Errors
		}
		if failed == 0 {
			t.Fatalf("seed %d: no fault was injected", seed)
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
		for _, id := range ramAndInstanceSteps {
			if out := observe(t, s, spec, id); out.Action != steps.ActionInPlace {
				t.Errorf("seed %d: after the faults %s plans %s: %s", seed, id, out.Action, out.Summary)
			}
		}
	}
}

// Cancelling while the wizard waits for a new instance stops at once, and a
// second run finishes the job.
func TestCancelWhileWaitingThenRerun(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{InstanceReadyDelay: 400 * time.Millisecond})
	spec := w.seedSpec()
	s := w.session(fastOptions())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := s.Apply(ctx, spec, steps.StepInstance, func(p cloud.Progress) {
		if strings.Contains(p.Message, "starting") {
			cancel()
		}
	})
	if cloud.KindOf(err) != cloud.KindCanceled {
		t.Fatalf("apply after cancel: %v", err)
	}
	// A fresh session (a new run of the wizard) finishes the step.
	s = w.session(fastOptions())
	out := apply(t, s, spec, steps.StepInstance)
	if out.Action != steps.ActionInPlace || !strings.Contains(out.Summary, "is running") {
		t.Fatalf("re-run: %+v", out)
	}
}
