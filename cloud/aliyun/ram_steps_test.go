package aliyun_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/policy"
)

func observe(t *testing.T, s cloud.Session, spec steps.Spec, id steps.StepID) steps.Outcome {
	t.Helper()
	out, err := s.Observe(context.Background(), spec, id, nil)
	if err != nil {
		t.Fatalf("observe %s: %v", id, err)
	}
	return out
}

func apply(t *testing.T, s cloud.Session, spec steps.Spec, id steps.StepID) steps.Outcome {
	t.Helper()
	out, err := s.Apply(context.Background(), spec, id, nil)
	if err != nil {
		t.Fatalf("apply %s: %v", id, err)
	}
	return out
}

func TestIdentitiesFillUIDsAndWarnAboutRootKeys(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	s := w.session(fastOptions())
	out := observe(t, s, steps.Spec{}, steps.StepIdentities)
	if out.Action != steps.ActionInPlace || out.Discovered.TablestoreUID != w.a.UID || out.Discovered.MaxComputeUID != w.b.UID {
		t.Fatalf("identities: %+v", out)
	}
	if !slices.ContainsFunc(out.Details, func(d string) bool { return strings.Contains(d, "root AccessKey") }) {
		t.Errorf("no root-key warning in %q", out.Details)
	}
	id, err := s.Identify(context.Background(), steps.SideMaxCompute)
	if err != nil || id.AccountUID != w.b.UID || !id.IsRoot() {
		t.Fatalf("Identify B = %+v, %v", id, err)
	}
	if _, err := s.Identify(context.Background(), steps.SideBoth); err == nil {
		t.Error("Identify(SideBoth) should name one account")
	}
}

func TestRAMStepsCreateThenStayInPlace(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	s := w.session(fastOptions())
	spec := w.seedSpec()
	for _, id := range []steps.StepID{steps.StepRole, steps.StepPolicy, steps.StepAttachment, steps.StepInstance} {
		if got := observe(t, s, spec, id).Action; got != steps.ActionCreate {
			t.Errorf("first observe of %s: %s", id, got)
		}
		if got := apply(t, s, spec, id).Action; got != steps.ActionCreate {
			t.Errorf("apply of %s: %s", id, got)
		}
	}
	w.sb.ResetCalls()
	for _, id := range []steps.StepID{steps.StepRole, steps.StepPolicy, steps.StepAttachment, steps.StepInstance} {
		if got := observe(t, s, spec, id); got.Action != steps.ActionInPlace {
			t.Errorf("second observe of %s: %s (%s)", id, got.Action, got.Summary)
		}
		if got := apply(t, s, spec, id).Action; got != steps.ActionInPlace {
			t.Errorf("second apply of %s: %s", id, got)
		}
	}
	if writes := w.writes(); len(writes) > 0 {
		t.Errorf("a second run wrote: %v", writes)
	}
	// What was created carries the wizard's mark.
	acct := w.accountA()
	role, err := acct.RAM().GetRole(context.Background(), spec.RAM.Role)
	if err != nil || !cloud.HasMark(role.Description) {
		t.Errorf("role %+v, %v: no mark", role, err)
	}
	inst, err := acct.Instances(spec.Region).GetInstance(context.Background(), "cap1")
	if err != nil || !cloud.HasMark(inst.Description) || inst.Tags[cloud.MarkTagKey] != cloud.MarkTagValue || inst.Network != "NORMAL" {
		t.Errorf("instance %+v, %v: no mark", inst, err)
	}
}

func TestRoleKeepsAnotherPrincipal(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	spec := w.seedSpec()
	ctx := context.Background()
	ram := w.accountA().RAM()
	const other = "ecs.aliyuncs.com"
	trust := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["` + other + `"]}},` +
		`{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::` + w.a.UID + `:root"]}}]}`
	if _, err := ram.CreateRole(ctx, spec.RAM.Role, trust, "made by hand"); err != nil {
		t.Fatal(err)
	}
	s := w.session(fastOptions())
	plan := observe(t, s, spec, steps.StepRole)
	if plan.Action != steps.ActionChange || !strings.Contains(plan.Summary, w.b.UID+"@odps.aliyuncs.com") {
		t.Fatalf("plan: %+v", plan)
	}
	if got := apply(t, s, spec, steps.StepRole); got.Action != steps.ActionChange {
		t.Fatalf("apply: %+v", got)
	}
	role, err := ram.GetRole(ctx, spec.RAM.Role)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := policy.Parse(role.TrustPolicy)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []policy.Requester{policy.ServiceRequester(other), policy.ServiceRequester(w.b.UID + "@odps.aliyuncs.com"), policy.RAMRequester("acs:ram::" + w.a.UID + ":root")} {
		if !policy.TrustAdmits(doc, r) {
			t.Errorf("trust policy %s no longer admits %s", role.TrustPolicy, r)
		}
	}
	if !strings.HasPrefix(role.Description, "made by hand") || !slices.Contains(cloud.AddedPrincipals(role.Description), w.b.UID+"@odps.aliyuncs.com") {
		t.Errorf("description %q does not record the added principal", role.Description)
	}
	if got := observe(t, s, spec, steps.StepRole).Action; got != steps.ActionInPlace {
		t.Errorf("after the merge the role plans %s", got)
	}
}

func TestPolicyAtFiveVersionsIsPrunedAndUpdated(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	spec := w.seedSpec()
	ctx := context.Background()
	ram := w.accountA().RAM()
	doc := func(table string) string {
		return `{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:GetRow"],"Resource":["acs:ots:*:*:instance/cap1/table/` + table + `"]}]}`
	}
	if _, err := ram.CreatePolicy(ctx, spec.RAM.Policy, doc("t1"), "someone else's"); err != nil {
		t.Fatal(err)
	}
	for i := 2; i <= 5; i++ {
		if _, err := ram.CreatePolicyVersion(ctx, spec.RAM.Policy, doc(fmt.Sprintf("t%d", i)), i == 3); err != nil {
			t.Fatal(err)
		}
	}
	s := w.session(fastOptions())
	plan := observe(t, s, spec, steps.StepPolicy)
	if plan.Action != steps.ActionChange || !strings.Contains(plan.Summary, "v1") {
		t.Fatalf("plan: %+v", plan)
	}
	if !slices.ContainsFunc(plan.Details, func(d string) bool { return strings.Contains(d, "not created by the wizard") }) {
		t.Errorf("the plan does not say the policy is not the wizard's: %q", plan.Details)
	}
	out := apply(t, s, spec, steps.StepPolicy)
	if out.Action != steps.ActionChange || !slices.ContainsFunc(out.Details, func(d string) bool { return strings.Contains(d, "deleted the oldest non-default version v1") }) {
		t.Fatalf("apply: %+v", out)
	}
	versions, err := ram.ListPolicyVersions(ctx, spec.RAM.Policy)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range versions {
		ids = append(ids, v.ID)
		if v.IsDefault {
			got, _ := policy.Parse(v.Document)
			if !cloud.SameDocument(got, steps.PermissionPolicy(spec)) {
				t.Errorf("default version %s is %s", v.ID, v.Document)
			}
			if v.ID != "v6" {
				t.Errorf("default is %s, want v6", v.ID)
			}
		}
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"v2", "v3", "v4", "v5", "v6"}) {
		t.Errorf("versions after the update: %v", ids)
	}
	if got := observe(t, s, spec, steps.StepPolicy).Action; got != steps.ActionInPlace {
		t.Errorf("after the update the policy plans %s", got)
	}
}

func TestVPCOnlyInstanceBlocks(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	spec := w.seedSpec()
	if err := w.accountA().Instances(spec.Region).InsertInstance(context.Background(),
		cloud.Instance{Name: "cap1", ClusterType: "SSD", Network: "VPC"}); err != nil {
		t.Fatal(err)
	}
	s := w.session(fastOptions())
	plan := observe(t, s, spec, steps.StepInstance)
	if plan.Action != steps.ActionBlocked || !strings.Contains(plan.Summary, "--Network NORMAL") {
		t.Fatalf("plan: %+v", plan)
	}
	_, err := s.Apply(context.Background(), spec, steps.StepInstance, nil)
	var be *cloud.BlockedError
	if !errorsAs(err, &be) {
		t.Fatalf("apply: %v", err)
	}
}

func TestMissingProjectBlocksWithTheFix(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	spec := w.seedSpec()
	spec.MaxCompute.Project = "no_such_project"
	s := w.session(fastOptions())
	out, err := s.Observe(context.Background(), spec, steps.StepProject, nil)
	if err != nil {
		t.Skipf("the MaxCompute plane is not mounted in this sandbox yet: %v", err)
	}
	if out.Action != steps.ActionBlocked || !strings.Contains(out.Summary, "MaxCompute console") {
		t.Fatalf("plan: %+v", out)
	}
}
