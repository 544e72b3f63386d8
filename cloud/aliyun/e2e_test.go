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

func stepSummaries(w steps.Wizard) string {
	var b strings.Builder
	for _, st := range w.Steps() {
		b.WriteString(st.ID.String() + " " + st.Status.String() + " plan=" + st.Plan.Action.String() + ": " + st.Plan.Summary + " | " + st.Result.Summary)
		if st.Err != nil {
			b.WriteString(" ERR " + st.Err.Error())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// The seed example applies end to end through the official SDKs; the
// verification query returns rows read across accounts; a second run plans
// and performs no writes.
func TestSeedAppliesEndToEndAndRerunWritesNothing(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{DemoRows: 20, TableReadyDelay: 50 * time.Millisecond})
	ctx := context.Background()
	spec := w.seedSpec()
	spec.Accounts.Tablestore.UID, spec.Accounts.MaxCompute.UID = "", "" // learned from the credentials

	first := drive(t, ctx, w.session(fastOptions()), spec)
	if first.Phase() != steps.PhaseDone {
		t.Fatalf("first run ended %s:\n%s", first.Phase(), stepSummaries(first))
	}
	rows := first.Step(steps.StepVerify).Result.Rows
	if len(rows) < 2 || rows[0][0] != "vid" {
		t.Fatalf("verification rows %v\n%s", rows, stepSummaries(first))
	}
	if got := first.Spec().Accounts.Tablestore.UID; got != w.a.UID {
		t.Errorf("UID A learned as %q", got)
	}
	if len(first.Spec().Tablestore.SampleKey) == 0 {
		t.Error("no sample key learned")
	}

	t.Logf("first run:\n%s%v", stepSummaries(first), rows)
	w.sb.ResetCalls()
	second := drive(t, ctx, w.session(fastOptions()), spec)
	if second.Phase() != steps.PhaseDone {
		t.Fatalf("second run ended %s:\n%s", second.Phase(), stepSummaries(second))
	}
	for _, st := range second.Steps() {
		if st.Plan.Action.Writes() {
			t.Errorf("the second run plans %s for %s: %s", st.Plan.Action, st.ID, st.Plan.Summary)
		}
	}
	if n := w.sb.Writes(); n != 0 {
		t.Errorf("the second run wrote %d times: %v", n, w.sb.Calls())
	}
	if rows := second.Step(steps.StepVerify).Result.Rows; len(rows) < 2 {
		t.Errorf("the second run's verification has no rows: %v", rows)
	}
}

// An existing table with another primary key stops the run with a clear
// message, and stays as it was.
func TestTableWithAnotherKeyBlocksAndIsUntouched(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	ctx := context.Background()
	spec := w.seedSpec()
	acct := w.accountA()
	if err := acct.Instances(spec.Region).InsertInstance(ctx, cloud.Instance{Name: "cap1", ClusterType: "SSD", Network: "NORMAL"}); err != nil {
		t.Fatal(err)
	}
	old := []steps.Column{{Name: "device", Type: "STRING"}}
	tables := acct.Tables(spec.Region, "cap1")
	if err := tables.CreateTable(ctx, cloud.TableMeta{Name: "vehicle_track", PrimaryKey: old}); err != nil {
		t.Fatal(err)
	}
	s := w.session(fastOptions())
	end := drive(t, ctx, s, spec)
	st := end.Step(steps.StepTable)
	if end.Phase() != steps.PhaseReviewing || st.Plan.Action != steps.ActionBlocked ||
		!strings.Contains(st.Plan.Summary, "primary key (device STRING), but the spec says (vid INTEGER, gt INTEGER)") ||
		!strings.Contains(st.Plan.Summary, "never drops") {
		t.Fatalf("table step: %+v\n%s", st.Plan, stepSummaries(end))
	}
	if ok, why := end.CanConfirm(); ok || !strings.Contains(why, "table is blocked") {
		t.Errorf("CanConfirm: %v %q", ok, why)
	}
	// Applying the step anyway refuses, and the table keeps its key.
	_, err := s.Apply(ctx, spec, steps.StepTable, nil)
	var be *cloud.BlockedError
	if !errorsAs(err, &be) {
		t.Fatalf("apply: %v", err)
	}
	meta, err := tables.DescribeTable(ctx, "vehicle_track")
	if err != nil || len(meta.PrimaryKey) != 1 || meta.PrimaryKey[0] != old[0] {
		t.Fatalf("the table changed: %+v, %v", meta, err)
	}
}

// Demo rows go only into a table this run created; the verification reads
// them.
func TestDemoRowsOnlyIntoATableThisRunCreated(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{}) // the sandbox preloads nothing
	ctx := context.Background()
	spec := w.seedSpec()
	opts := fastOptions()
	opts.Session.DemoRows = 10
	end := drive(t, ctx, w.session(opts), spec)
	if end.Phase() != steps.PhaseDone {
		t.Fatalf("%s:\n%s", end.Phase(), stepSummaries(end))
	}
	if st := end.Step(steps.StepSampleRows); st.Result.Action != steps.ActionCreate || !strings.Contains(strings.Join(st.Result.Details, " "), "wrote 10 demo rows") {
		t.Errorf("sample rows: %+v", st.Result)
	}
	if rows := end.Step(steps.StepVerify).Result.Rows; len(rows) != 3 { // header + the 2 rows of the first of 5 vehicles
		t.Errorf("verification rows: %v", rows)
	}
	rows, err := w.accountA().Tables(spec.Region, "cap1").GetRange(ctx, "vehicle_track", []string{"vid", "gt"}, 100)
	if err != nil || len(rows) != 10 {
		t.Fatalf("table holds %d rows, %v", len(rows), err)
	}
	// Another run (a new session) did not create the table: no rows written.
	w.sb.ResetCalls()
	again := drive(t, ctx, w.session(opts), spec)
	if again.Phase() != steps.PhaseDone || w.sb.Writes() != 0 {
		t.Errorf("re-run: %s, %d writes", again.Phase(), w.sb.Writes())
	}
	d, err := w.session(opts).DiscoverTable(ctx, spec.Region, "cap1", "vehicle_track", 0)
	if err != nil {
		t.Fatal(err)
	}
	if d.SampledRows != 10 || len(d.Tablestore.PrimaryKey) != 2 || len(d.Tablestore.Columns) != 5 || d.Tablestore.Columns[0] != (steps.Column{Name: "distance", Type: "DOUBLE"}) ||
		len(d.SampleKey) != 1 || d.SampleKey[0] != "10001" {
		t.Errorf("discovery: %+v", d)
	}
	s := w.session(opts)
	if inst, err := s.ListInstances(ctx, spec.Region); err != nil || len(inst) != 1 || !inst[0].Running || inst[0].Name != "cap1" {
		t.Errorf("instances %+v, %v", inst, err)
	}
	if names, err := s.ListTables(ctx, spec.Region, "cap1"); err != nil || len(names) != 1 || names[0] != "vehicle_track" {
		t.Errorf("tables %v, %v", names, err)
	}
}

// An external table with another definition is replaced only with consent.
func TestExternalTableIsReplacedOnlyWithConsent(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{DemoRows: 8})
	ctx := context.Background()
	spec := w.seedSpec()
	if end := drive(t, ctx, w.session(fastOptions()), spec); end.Phase() != steps.PhaseDone {
		t.Fatalf("%s:\n%s", end.Phase(), stepSummaries(end))
	}
	changed := spec
	changed.Tablestore.Columns = spec.Tablestore.Columns[:2] // drop three columns from the mapping
	s := w.session(fastOptions())
	plan := observe(t, s, changed, steps.StepExternalTable)
	if plan.Action != steps.ActionChange || !strings.Contains(strings.Join(plan.Details, "\n"), "columns: (vid bigint, gt bigint, longitude double, latitude double, distance double") {
		t.Fatalf("plan: %+v", plan)
	}
	_, err := s.Apply(ctx, changed, steps.StepExternalTable, nil)
	var be *cloud.BlockedError
	if !errorsAs(err, &be) || !strings.Contains(err.Error(), "--replace-external-table") {
		t.Fatalf("without consent: %v", err)
	}
	opts := fastOptions()
	opts.Session.ReplaceExternalTable = true
	end := drive(t, ctx, w.session(opts), changed)
	if end.Phase() != steps.PhaseDone || end.Step(steps.StepExternalTable).Result.Action != steps.ActionChange {
		t.Fatalf("%s:\n%s", end.Phase(), stepSummaries(end))
	}
	if rows := end.Step(steps.StepVerify).Result.Rows; len(rows) < 2 || len(rows[0]) != 4 {
		t.Errorf("verification after the replacement: %v", rows)
	}
}

// A broken trust policy shows in the plan with its diagnosis, and apply
// repairs it.
func TestBrokenTrustIsDiagnosedAndRepaired(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{DemoRows: 8})
	ctx := context.Background()
	spec := w.seedSpec()
	if end := drive(t, ctx, w.session(fastOptions()), spec); end.Phase() != steps.PhaseDone {
		t.Fatalf("%s:\n%s", end.Phase(), stepSummaries(end))
	}
	// Someone "fixes" the trust policy to the same-account principal (B9).
	wrong := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["odps.aliyuncs.com"]}}]}`
	if _, err := w.accountA().RAM().UpdateRole(ctx, spec.RAM.Role, wrong, ""); err != nil {
		t.Fatal(err)
	}
	s := w.session(fastOptions())
	verify := observe(t, s, spec, steps.StepVerify)
	if verify.Action != steps.ActionCreate || !strings.Contains(strings.Join(verify.Details, "\n"), "broken link: trust policy") {
		t.Fatalf("verify plan: %+v", verify)
	}
	end := drive(t, ctx, s, spec)
	if end.Phase() != steps.PhaseDone || end.Step(steps.StepRole).Result.Action != steps.ActionChange || len(end.Step(steps.StepVerify).Result.Rows) < 2 {
		t.Fatalf("%s:\n%s", end.Phase(), stepSummaries(end))
	}
}
