package aliyun_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/policy"
)

// snapshot is what both accounts hold, read through the SDKs: every role
// with its description, trust policy and attachments; the custom policies
// of the names given; every instance with its tables; every table of B's
// project.
type snapshot struct {
	Roles     map[string]string
	Policies  map[string]string
	Instances map[string][]string
	Tables    string
}

func (s *setup) snapshot(policies ...string) snapshot {
	s.t.Helper()
	ctx := context.Background()
	a := s.account(s.ca)
	snap := snapshot{Roles: map[string]string{}, Policies: map[string]string{}, Instances: map[string][]string{}}
	roles, err := a.RAM().ListRoles(ctx)
	must(s.t, err)
	for _, r := range roles {
		att, err := a.RAM().ListPoliciesForRole(ctx, r.Name)
		must(s.t, err)
		var names []string
		for _, p := range att {
			names = append(names, p.Type+":"+p.Name)
		}
		slices.Sort(names)
		trust, err := policy.Parse(r.TrustPolicy)
		must(s.t, err)
		snap.Roles[r.Name] = fmt.Sprintf("description %q; trust %s; attached %v", r.Description, trust.Compact(), names)
	}
	for _, name := range policies {
		p, err := a.RAM().GetPolicy(ctx, name)
		if cloud.IsNotFound(err) {
			continue
		}
		must(s.t, err)
		vs, err := a.RAM().ListPolicyVersions(ctx, name)
		must(s.t, err)
		snap.Policies[name] = fmt.Sprintf("description %q; %d version(s); %s", p.Description, len(vs), p.Document)
	}
	insts, err := a.Instances(s.spec.Region).ListInstances(ctx)
	must(s.t, err)
	for _, in := range insts {
		tables, err := a.Tables(s.spec.Region, in.Name).ListTables(ctx)
		must(s.t, err)
		slices.Sort(tables)
		snap.Instances[in.Name+" "+in.Status.String()] = tables
	}
	snap.Tables = s.sql("SHOW TABLES;")
	return snap
}

// destroy plans and carries out a destroy, returning the plan.
func (s *setup) destroy(spec steps.Spec, opts cloud.DestroyOptions) cloud.DestroyPlan {
	s.t.Helper()
	ctx := context.Background()
	sess := s.session(fastOptions())
	plan, err := sess.PlanDestroy(ctx, spec, opts)
	if err != nil {
		s.t.Fatalf("plan: %v", err)
	}
	var done []cloud.Removal
	if err := sess.Destroy(ctx, plan, func(r cloud.Removal) { done = append(done, r) }); err != nil {
		s.t.Fatalf("destroy: %v\nplan:\n%s", err, planText(plan))
	}
	if !reflect.DeepEqual(done, plan.Remove) {
		s.t.Errorf("removed %v, planned %v", done, plan.Remove)
	}
	return plan
}

func planText(p cloud.DestroyPlan) string {
	var b strings.Builder
	for _, r := range p.Remove {
		fmt.Fprintf(&b, "- %s\n", r)
	}
	for _, r := range p.Keep {
		fmt.Fprintf(&b, "= %s\n", r)
	}
	return b.String()
}

func kinds(rs []cloud.Removal) []cloud.RemovalKind {
	var out []cloud.RemovalKind
	for _, r := range rs {
		out = append(out, r.Kind)
	}
	return out
}

// After apply and destroy --include-data the accounts hold exactly what
// they held before: a role that existed keeps its other principal, its
// other policies and its description; everything the wizard made is gone.
// A second destroy finds nothing to remove.
func TestDestroyLeavesTheAccountsAsTheyWere(t *testing.T) {
	t.Parallel()
	s := newSetup(t, true)
	ctx := context.Background()
	ram := s.account(s.ca).RAM()
	// The role exists already: it trusts ECS, and holds a policy of its own
	// and a system policy.
	const other = "OpsReadOnly"
	_, err := ram.CreateRole(ctx, s.spec.RAM.Role, `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}`, "made by hand for ECS")
	must(t, err)
	_, err = ram.CreatePolicy(ctx, other, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:ListInstance","Resource":"*"}]}`, "")
	must(t, err)
	must(t, ram.AttachPolicyToRole(ctx, "Custom", other, s.spec.RAM.Role))
	must(t, ram.AttachPolicyToRole(ctx, "System", "AliyunOTSReadOnlyAccess", s.spec.RAM.Role))
	// An instance and table that are not the wizard's stay too.
	must(t, s.account(s.ca).Instances(s.spec.Region).InsertInstance(ctx, cloud.Instance{Name: "keepme", ClusterType: "SSD", Network: "NORMAL"}))

	before := s.snapshot(s.spec.RAM.Policy, other)

	if end := drive(t, ctx, s.session(fastOptions()), s.spec); end.Phase() != steps.PhaseDone {
		t.Fatalf("apply: %s\n%s", end.Phase(), stepSummaries(end))
	}
	// A second policy version, as a changed spec would leave.
	spec2 := s.spec
	spec2.RAM.Scope = steps.ScopeInstance
	if end := drive(t, ctx, s.session(fastOptions()), spec2); end.Phase() != steps.PhaseDone {
		t.Fatalf("apply 2: %s\n%s", end.Phase(), stepSummaries(end))
	}
	during := s.snapshot(s.spec.RAM.Policy, other)
	if reflect.DeepEqual(before, during) {
		t.Fatal("apply changed nothing")
	}

	plan := s.destroy(s.spec, cloud.DestroyOptions{IncludeData: true})
	want := []cloud.RemovalKind{cloud.RemoveExternalTable, cloud.RemoveAttachment, cloud.RemovePolicyVersion, cloud.RemovePolicy,
		cloud.RemoveTrustPrincipal, cloud.RemoveTable, cloud.RemoveInstance}
	if got := kinds(plan.Remove); !slices.Equal(got, want) {
		t.Errorf("removed %v, want %v\n%s", got, want, planText(plan))
	}
	if got := kinds(plan.Keep); !slices.Equal(got, []cloud.RemovalKind{cloud.RemoveRole}) || !strings.Contains(plan.Keep[0].Why, "not created by the wizard") {
		t.Errorf("kept:\n%s", planText(plan))
	}
	for _, r := range plan.Remove {
		if r.Why == "" || r.Where == "" || r.Name == "" {
			t.Errorf("removal without what, where or why: %+v", r)
		}
	}
	after := s.snapshot(s.spec.RAM.Policy, other)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the accounts changed:\nbefore %+v\nafter  %+v", before, after)
	}

	s.sb.ResetCalls()
	again, err := s.session(fastOptions()).PlanDestroy(ctx, s.spec, cloud.DestroyOptions{IncludeData: true})
	must(t, err)
	if !again.Empty() || s.sb.Writes() != 0 {
		t.Errorf("a second destroy plans:\n%s(%d writes)", planText(again), s.sb.Writes())
	}
}

// Without --include-data the table and instance, rows and all, stay and
// are listed as kept; the RAM objects the wizard made are removed whole.
func TestDestroyKeepsDataUnlessAsked(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	ctx := context.Background()
	plan := s.destroy(s.spec, cloud.DestroyOptions{})
	if got := kinds(plan.Remove); !slices.Equal(got, []cloud.RemovalKind{cloud.RemoveExternalTable, cloud.RemoveAttachment, cloud.RemovePolicy, cloud.RemoveRole}) {
		t.Errorf("removed:\n%s", planText(plan))
	}
	if got := kinds(plan.Keep); !slices.Equal(got, []cloud.RemovalKind{cloud.RemoveTable, cloud.RemoveInstance}) || !strings.Contains(plan.Keep[0].Why, "--include-data") {
		t.Errorf("kept:\n%s", planText(plan))
	}
	rows, err := s.account(s.ca).Tables(s.spec.Region, "cap1").GetRange(ctx, "vehicle_track", []string{"vid", "gt"}, 100)
	if err != nil || len(rows) == 0 {
		t.Errorf("the table's rows: %d, %v", len(rows), err)
	}
	if _, err := s.account(s.ca).RAM().GetRole(ctx, s.spec.RAM.Role); !cloud.IsNotFound(err) {
		t.Errorf("the wizard's role is still there: %v", err)
	}
	// Later, with --include-data, the data goes too.
	plan = s.destroy(s.spec, cloud.DestroyOptions{IncludeData: true})
	if got := kinds(plan.Remove); !slices.Equal(got, []cloud.RemovalKind{cloud.RemoveTable, cloud.RemoveInstance}) {
		t.Errorf("second destroy:\n%s", planText(plan))
	}
	if insts, err := s.account(s.ca).Instances(s.spec.Region).ListInstances(ctx); err != nil || len(insts) != 0 {
		t.Errorf("instances left: %+v, %v", insts, err)
	}
}

// What carries no mark stays: a policy of the spec's name made by hand, an
// instance made by hand (with a table of the spec's name), an external
// table without the wizard's comment, and a principal the wizard did not
// record adding.
func TestDestroyRemovesNothingWithoutTheMark(t *testing.T) {
	t.Parallel()
	s := newSetup(t, true)
	ctx := context.Background()
	a := s.account(s.ca)
	principal := s.b.UID + "@odps.aliyuncs.com"
	_, err := a.RAM().CreateRole(ctx, s.spec.RAM.Role, fmt.Sprintf(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":[%q]}}]}`, principal), "by hand")
	must(t, err)
	spec := s.spec
	spec.Accounts.Tablestore.UID = s.a.UID
	_, err = a.RAM().CreatePolicy(ctx, s.spec.RAM.Policy, steps.PermissionPolicy(spec).Compact(), "by hand")
	must(t, err)
	must(t, a.RAM().AttachPolicyToRole(ctx, "Custom", s.spec.RAM.Policy, s.spec.RAM.Role))
	must(t, a.Instances(s.spec.Region).InsertInstance(ctx, cloud.Instance{Name: "cap1", ClusterType: "SSD", Network: "NORMAL"}))
	must(t, a.Tables(s.spec.Region, "cap1").CreateTable(ctx, cloud.TableMeta{Name: "vehicle_track", PrimaryKey: spec.Tablestore.PrimaryKey}))
	s.sql(strings.Replace(steps.DDL(spec), "IF NOT EXISTS ", "", 1))

	before := s.snapshot(s.spec.RAM.Policy)
	s.sb.ResetCalls()
	plan := s.destroy(s.spec, cloud.DestroyOptions{IncludeData: true})
	if !plan.Empty() || s.sb.Writes() != 0 {
		t.Errorf("removed things without the mark:\n%s", planText(plan))
	}
	want := []cloud.RemovalKind{cloud.RemoveExternalTable, cloud.RemoveAttachment, cloud.RemovePolicy, cloud.RemoveTrustPrincipal,
		cloud.RemoveRole, cloud.RemoveTable, cloud.RemoveInstance}
	if got := kinds(plan.Keep); !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v:\n%s", got, want, planText(plan))
	}
	if after := s.snapshot(s.spec.RAM.Policy); !reflect.DeepEqual(before, after) {
		t.Errorf("changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

// The wizard's instance that holds a table it did not create stays.
func TestDestroyKeepsAnInstanceWithOtherTables(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	ctx := context.Background()
	must(t, s.account(s.ca).Tables(s.spec.Region, "cap1").CreateTable(ctx, cloud.TableMeta{Name: "other", PrimaryKey: []steps.Column{{Name: "k", Type: "STRING"}}}))
	plan := s.destroy(s.spec, cloud.DestroyOptions{IncludeData: true})
	if slices.Contains(kinds(plan.Remove), cloud.RemoveInstance) {
		t.Fatalf("the instance was removed:\n%s", planText(plan))
	}
	i := slices.IndexFunc(plan.Keep, func(r cloud.Removal) bool { return r.Kind == cloud.RemoveInstance })
	if i < 0 || !strings.Contains(plan.Keep[i].Why, "holds tables the wizard did not create: other") {
		t.Errorf("kept:\n%s", planText(plan))
	}
	names, err := s.account(s.ca).Tables(s.spec.Region, "cap1").ListTables(ctx)
	if err != nil || !slices.Equal(names, []string{"other"}) {
		t.Errorf("tables left: %v, %v", names, err)
	}
}

// The plan is made from marks; if a mark disappears between the plan and
// the removal, the object stays and destroy says why.
func TestDestroyChecksTheMarkAgain(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	ctx := context.Background()
	sess := s.session(fastOptions())
	plan, err := sess.PlanDestroy(ctx, s.spec, cloud.DestroyOptions{})
	must(t, err)
	_, err = s.account(s.ca).RAM().UpdateRole(ctx, s.spec.RAM.Role, "", "taken over by hand")
	must(t, err)
	err = sess.Destroy(ctx, plan, nil)
	var re *cloud.RemovalError
	if !errorsAs(err, &re) || re.Removal.Kind != cloud.RemoveRole || !strings.Contains(err.Error(), "no longer carries the wizard's mark") {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.account(s.ca).RAM().GetRole(ctx, s.spec.RAM.Role); err != nil {
		t.Errorf("the role is gone: %v", err)
	}
}

// Keys of another account than the spec names stop destroy before it looks.
func TestDestroyRefusesAnotherAccount(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	spec := s.spec
	spec.Accounts.Tablestore.UID = "1111111111111111"
	_, err := s.session(fastOptions()).PlanDestroy(context.Background(), spec, cloud.DestroyOptions{})
	if err == nil || !strings.Contains(err.Error(), "belongs to account "+s.a.UID+", but the spec says 1111111111111111") {
		t.Fatalf("err = %v", err)
	}
}

// An interrupted destroy stops at once; running it again finishes the rest.
func TestDestroyInterruptedThenFinished(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	sess := s.session(fastOptions())
	plan, err := sess.PlanDestroy(ctx, s.spec, cloud.DestroyOptions{IncludeData: true})
	must(t, err)
	var done []cloud.Removal
	err = sess.Destroy(ctx, plan, func(r cloud.Removal) {
		done = append(done, r)
		cancel() // Ctrl+C after the first removal
	})
	if cloud.KindOf(err) != cloud.KindCanceled || len(done) != 1 {
		t.Fatalf("err %v after %d removals", err, len(done))
	}
	rest := s.destroy(s.spec, cloud.DestroyOptions{IncludeData: true})
	if len(rest.Remove) != len(plan.Remove)-1 || rest.Remove[0].Kind != plan.Remove[1].Kind {
		t.Errorf("first plan:\n%ssecond plan:\n%s", planText(plan), planText(rest))
	}
	if again, err := s.session(fastOptions()).PlanDestroy(context.Background(), s.spec, cloud.DestroyOptions{IncludeData: true}); err != nil || !again.Empty() {
		t.Errorf("a third destroy plans:\n%s%v", planText(again), err)
	}
}
