package aliyun_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

// reportText renders a report for failure messages.
func reportText(r cloud.DoctorReport) string {
	var b strings.Builder
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "%s %-18s %s\n", c.Verdict.Symbol(), c.Link, strings.ReplaceAll(c.Detail, "\n", "\n    "))
		if c.Cause != "" {
			fmt.Fprintf(&b, "    cause: %s [%s]\n    fix: %s\n", c.Cause, c.Fault, strings.ReplaceAll(c.Fix, "\n", "\n         "))
		}
	}
	return b.String()
}

// setup is a world whose accounts act through RAM users with
// AdministratorAccess (so that no root key draws a warning) and, unless
// bare, the seed's setup applied to it.
type setup struct {
	*world
	spec steps.Spec
}

func newSetup(t *testing.T, bare bool) *setup {
	t.Helper()
	w := newWorld(t, sandbox.Options{DemoRows: 20})
	for _, x := range []struct {
		acct string
		into *cloud.Credentials
	}{{sandbox.DemoAccountA, &w.ca}, {sandbox.DemoAccountB, &w.cb}} {
		u, err := w.sb.AddUser(x.acct, "admin")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.sb.AttachPolicyToUser(x.acct, "admin", sandbox.PolicySystem, "AdministratorAccess"); err != nil {
			t.Fatal(err)
		}
		*x.into = keyCreds(u.Keys[0])
	}
	s := &setup{world: w, spec: w.seedSpec()}
	if !bare {
		if end := drive(t, context.Background(), w.session(fastOptions()), s.spec); end.Phase() != steps.PhaseDone {
			t.Fatalf("apply: %s\n%s", end.Phase(), stepSummaries(end))
		}
	}
	return s
}

// account gives one account's services through the SDK adapters, to break
// the setup the way a person with the console or the CLI would.
func (s *setup) account(c cloud.Credentials) cloud.Account {
	s.t.Helper()
	acct, err := aliyun.NewAccount(s.target(), c, s.options())
	if err != nil {
		s.t.Fatal(err)
	}
	return acct
}

// sql runs a statement as account B and waits for it.
func (s *setup) sql(text string) string {
	s.t.Helper()
	mc := s.account(s.cb).MaxCompute(s.spec.Region)
	ctx := context.Background()
	job, err := mc.SubmitSQL(ctx, s.spec.MaxCompute.Project, text, nil)
	if err != nil {
		s.t.Fatalf("%s: %v", text, err)
	}
	if !job.Done {
		for {
			st, err := mc.SQLStatus(ctx, s.spec.MaxCompute.Project, job.ID)
			if err != nil {
				s.t.Fatal(err)
			}
			if st.State != cloud.SQLRunning {
				job.Status = st
				break
			}
		}
		job.Result, _ = mc.SQLResult(ctx, s.spec.MaxCompute.Project, job.ID)
	}
	if job.Status.State != cloud.SQLSucceeded {
		s.t.Fatalf("%s: %s", text, job.Status.Message)
	}
	return job.Result
}

// replaceExternal drops the external table and creates it from ddl.
func (s *setup) replaceExternal(ddl string) {
	s.sql("DROP TABLE IF EXISTS " + s.spec.ExternalTable.Name + ";")
	s.sql(ddl)
}

// doctor runs doctor and checks that it wrote nothing: not even the
// verification query may count as a write.
func (s *setup) doctor(spec steps.Spec, opts cloud.DoctorOptions) cloud.DoctorReport {
	s.t.Helper()
	s.sb.ResetCalls()
	var heard []cloud.LinkID
	rep, err := s.session(fastOptions()).Doctor(context.Background(), spec, opts, func(c cloud.Check) { heard = append(heard, c.Link) })
	if err != nil {
		s.t.Fatalf("doctor: %v", err)
	}
	if n := s.sb.Writes(); n != 0 {
		s.t.Errorf("doctor made %d writes: %v", n, s.sb.Calls())
	}
	if !slices.Equal(heard, cloud.Links()) {
		s.t.Errorf("onCheck heard %v", heard)
	}
	return rep
}

// expectOnly checks that link is broken with fault, its detail and fix
// saying what they must, the links that need it skipped, and every other
// link holding without a warning.
func expectOnly(t *testing.T, rep cloud.DoctorReport, link cloud.LinkID, fault cloud.Fault, detail, fix []string, skipped ...cloud.LinkID) {
	t.Helper()
	for _, c := range rep.Checks {
		switch {
		case c.Link == link:
			if c.Verdict != cloud.VerdictBroken || c.Fault != fault {
				t.Errorf("%s: %s [%s], want broken [%s]", link, c.Verdict, c.Fault, fault)
			}
			if diag, _ := fault.Diagnosis(); c.Cause != diag.Cause {
				t.Errorf("%s: cause %q is not the catalogue's %q", link, c.Cause, diag.Cause)
			}
			for _, d := range detail {
				if !strings.Contains(c.Detail, d) {
					t.Errorf("%s: detail lacks %q", link, d)
				}
			}
			for _, f := range fix {
				if !strings.Contains(c.Fix, f) {
					t.Errorf("%s: fix lacks %q", link, f)
				}
			}
		case slices.Contains(skipped, c.Link):
			if c.Verdict != cloud.VerdictSkipped || c.Needs == 0 {
				t.Errorf("%s: %s, want skipped", c.Link, c.Verdict)
			}
		case c.Verdict != cloud.VerdictOK:
			t.Errorf("%s: %s, want ok", c.Link, c.Verdict)
		}
	}
	if rep.Healthy() {
		t.Error("a report with a broken link is healthy")
	}
	if t.Failed() {
		t.Logf("report:\n%s", reportText(rep))
	}
}

// A working setup is ✓ on every link, and doctor writes nothing.
func TestDoctorWorkingSetupHoldsEverywhere(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	rep := s.doctor(s.spec, cloud.DoctorOptions{})
	for _, c := range rep.Checks {
		if c.Verdict != cloud.VerdictOK || c.Cause != "" || c.Fix != "" {
			t.Errorf("%s: %s %q %q", c.Link, c.Verdict, c.Cause, c.Fix)
		}
	}
	if !rep.Healthy() || rep.AccountA != s.a.UID || rep.AccountB != s.b.UID {
		t.Errorf("healthy %v, accounts %s %s", rep.Healthy(), rep.AccountA, rep.AccountB)
	}
	v, _ := rep.Check(cloud.LinkVerify)
	// B16: the query reads a key prefix with a limit, never the whole table.
	if !strings.Contains(v.Detail, "WHERE vid = ") || !strings.Contains(v.Detail, "LIMIT 10") || !strings.Contains(v.Detail, "returned 4 row(s)") {
		t.Errorf("verification: %s", v.Detail)
	}
	if t.Failed() {
		t.Logf("report:\n%s", reportText(rep))
	}
}

// Root keys work, with a warning; the report stays healthy.
func TestDoctorWarnsAboutRootKeys(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	s.ca, s.cb = keyCreds(s.a.Keys[0]), keyCreds(s.b.Keys[0])
	rep := s.doctor(s.spec, cloud.DoctorOptions{})
	for _, l := range []cloud.LinkID{cloud.LinkCredentialsA, cloud.LinkCredentialsB} {
		if c, _ := rep.Check(l); c.Verdict != cloud.VerdictWarning || c.Fault != cloud.FaultRootKey || !strings.Contains(c.Detail, "root AccessKey") {
			t.Errorf("%s: %+v", l, c)
		}
	}
	if !rep.Healthy() {
		t.Errorf("warnings made the report unhealthy:\n%s", reportText(rep))
	}
}

// Each single breakage, made through the SDKs as a person would, shows as
// exactly its link, with the catalogue's cause and the exact fix; the
// verification query, which needs every link, is skipped; every other link
// holds.
func TestDoctorNamesEachBreakage(t *testing.T) {
	t.Parallel()
	trustDoc := func(principal string) string {
		return fmt.Sprintf(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":[%q]}}]}`, principal)
	}
	ddlOf := func(s *setup, edit func(*steps.Spec)) string {
		spec := s.spec
		spec.Accounts.Tablestore.UID, spec.Accounts.MaxCompute.UID = s.a.UID, s.b.UID
		spec = spec.WithDefaults()
		edit(&spec)
		return cloud.CreateExternalTableSQL(spec)
	}
	cases := []struct {
		name   string
		breaks func(s *setup)
		link   cloud.LinkID
		fault  cloud.Fault
		detail func(s *setup) []string
		fix    []string
	}{
		{"trust names odps.aliyuncs.com across accounts",
			func(s *setup) {
				_, err := s.account(s.ca).RAM().UpdateRole(context.Background(), s.spec.RAM.Role, trustDoc("odps.aliyuncs.com"), "")
				must(s.t, err)
			},
			cloud.LinkTrust, cloud.FaultTrust,
			func(s *setup) []string {
				return []string{"trusts odps.aliyuncs.com, which admits only MaxCompute of account A itself; across accounts it must name " + s.b.UID + "@odps.aliyuncs.com"}
			},
			[]string{"aliyun ram UpdateRole --RoleName AliyunODPSRoleForOtherUser --NewAssumeRolePolicyDocument", "@odps.aliyuncs.com", "wizard apply -f SPEC"}},
		{"trust names A's UID",
			func(s *setup) {
				_, err := s.account(s.ca).RAM().UpdateRole(context.Background(), s.spec.RAM.Role, trustDoc(s.a.UID+"@odps.aliyuncs.com"), "")
				must(s.t, err)
			},
			cloud.LinkTrust, cloud.FaultTrust,
			func(s *setup) []string {
				return []string{"trusts " + s.a.UID + "@odps.aliyuncs.com — account A's UID; MaxCompute of account B is " + s.b.UID + "@odps.aliyuncs.com"}
			},
			[]string{"aliyun ram UpdateRole"}},
		{"policy not attached",
			func(s *setup) {
				must(s.t, s.account(s.ca).RAM().DetachPolicyFromRole(context.Background(), "Custom", s.spec.RAM.Policy, s.spec.RAM.Role))
			},
			cloud.LinkPolicy, cloud.FaultPolicyNotAttached,
			func(*setup) []string {
				return []string{"policy AliyunODPSRolePolicyForOtherUser is not attached to role AliyunODPSRoleForOtherUser"}
			},
			[]string{"aliyun ram AttachPolicyToRole --PolicyType Custom --PolicyName AliyunODPSRolePolicyForOtherUser --RoleName AliyunODPSRoleForOtherUser"}},
		{"policy without ots:GetRange",
			func(s *setup) {
				doc := strings.Replace(s.wantPolicy(), `"ots:GetRange",`, "", 1)
				_, err := s.account(s.ca).RAM().CreatePolicyVersion(context.Background(), s.spec.RAM.Policy, doc, true)
				must(s.t, err)
			},
			cloud.LinkPolicy, cloud.FaultOTSDenied,
			func(s *setup) []string {
				return []string{"allows ots:GetRange on acs:ots:cn-hangzhou:" + s.a.UID + ":instance/cap1/table/vehicle_track"}
			},
			[]string{"aliyun ram CreatePolicyVersion --PolicyName AliyunODPSRolePolicyForOtherUser", "ots:GetRange", "--SetAsDefault true"}},
		{"policy scoped to instance/Cap1",
			func(s *setup) {
				doc := strings.ReplaceAll(s.wantPolicy(), "instance/cap1", "instance/Cap1")
				_, err := s.account(s.ca).RAM().CreatePolicyVersion(context.Background(), s.spec.RAM.Policy, doc, true)
				must(s.t, err)
			},
			cloud.LinkPolicy, cloud.FaultResourceCase,
			func(s *setup) []string {
				return []string{"AliyunODPSRolePolicyForOtherUser: acs:ots:cn-hangzhou:" + s.a.UID + ":instance/Cap1/table/vehicle_track"}
			},
			[]string{"aliyun ram CreatePolicyVersion"}},
		{"LOCATION in another region",
			func(s *setup) {
				s.replaceExternal(strings.Replace(ddlOf(s, func(*steps.Spec) {}), "cap1.cn-hangzhou", "cap1.cn-shanghai", 1))
			},
			cloud.LinkLocation, cloud.FaultTimeout,
			func(*setup) []string {
				return []string{"LOCATION names region cn-shanghai, but instance 'cap1' is in cn-hangzhou"}
			},
			[]string{"LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com'", "wizard apply -f SPEC --replace-external-table"}},
		{"wrong instance label",
			func(s *setup) {
				s.replaceExternal(strings.Replace(ddlOf(s, func(*steps.Spec) {}), "cap1.cn-hangzhou", "cap2.cn-hangzhou", 1))
			},
			cloud.LinkLocation, cloud.FaultTimeout,
			func(*setup) []string {
				return []string{"LOCATION points at instance 'cap2', but the Tablestore instance is 'cap1'"}
			},
			[]string{"LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com'"}},
		{"mapping missing :gt",
			func(s *setup) {
				s.replaceExternal(ddlOf(s, func(spec *steps.Spec) {
					spec.ExternalTable.Mapping = slices.DeleteFunc(spec.ExternalTable.Mapping, func(m steps.Mapping) bool { return m.Column == "gt" })
				}))
			},
			cloud.LinkMapping, cloud.FaultMapping,
			func(*setup) []string { return []string{"'gt'"} },
			[]string{"wizard apply -f SPEC --replace-external-table"}},
		{"vid string",
			func(s *setup) {
				s.replaceExternal(ddlOf(s, func(spec *steps.Spec) { spec.ExternalTable.Mapping[0].Type = "string" }))
			},
			cloud.LinkMapping, cloud.FaultPKType,
			func(*setup) []string {
				return []string{"column vid is declared string, but Tablestore primary-key column 'vid' is INTEGER"}
			},
			[]string{"declare `vid` bigint"}},
		{"role ARN naming a role that does not exist",
			func(s *setup) {
				// MaxCompute checks the role when the table is created: the
				// role existed then, and was deleted after.
				ram := s.account(s.ca).RAM()
				_, err := ram.CreateRole(context.Background(), "AliyunODPSDefaultRole", trustDoc(s.b.UID+"@odps.aliyuncs.com"), "")
				must(s.t, err)
				s.replaceExternal(ddlOf(s, func(spec *steps.Spec) { spec.RAM.Role = "AliyunODPSDefaultRole" }))
				must(s.t, ram.DeleteRole(context.Background(), "AliyunODPSDefaultRole"))
			},
			cloud.LinkRoleARN, cloud.FaultRoleMissing,
			func(s *setup) []string {
				// B1: the doctor message the field report asks for.
				return []string{"role aliyunodpsdefaultrole not found in account " + s.a.UID + "; existing candidate: aliyunodpsroleforotheruser"}
			},
			[]string{"'odps.properties.rolearn'='acs:ram::", ":role/aliyunodpsroleforotheruser'"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newSetup(t, false)
			tc.breaks(s)
			rep := s.doctor(s.spec, cloud.DoctorOptions{})
			expectOnly(t, rep, tc.link, tc.fault, tc.detail(s), tc.fix, cloud.LinkVerify)
		})
	}
}

// wantPolicy is the wizard's permission policy for the setup's spec.
func (s *setup) wantPolicy() string {
	spec := s.spec
	spec.Accounts.Tablestore.UID = s.a.UID
	return steps.PermissionPolicy(spec).Compact()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// doctor --ddl on the field reports' DDLs names each fault at its link;
// the verification query is skipped (doctor creates nothing from a pasted
// DDL), and the rest of the setup still holds.
func TestDoctorPastedDDLFieldReports(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	good := func() string {
		spec := s.spec
		spec.Accounts.Tablestore.UID = s.a.UID
		return steps.DDL(spec)
	}()
	cases := []struct {
		name   string
		ddl    string
		link   cloud.LinkID
		fault  cloud.Fault
		detail []string
		fix    []string
	}{
		{"B1 role in DDL does not exist",
			strings.Replace(good, "role/aliyunodpsroleforotheruser", "role/aliyunodpsdefaultrole", 1),
			cloud.LinkRoleARN, cloud.FaultRoleMissing,
			[]string{"role aliyunodpsdefaultrole not found in account " + s.a.UID + "; existing candidate: aliyunodpsroleforotheruser"},
			[]string{"'odps.properties.rolearn'='acs:ram::" + s.a.UID + ":role/aliyunodpsroleforotheruser'"}},
		{"B2 LOCATION in the wrong region",
			strings.Replace(good, "cap1.cn-hangzhou", "cap1.cn-shanghai", 1),
			cloud.LinkLocation, cloud.FaultTimeout,
			[]string{"pasted.sql:", "LOCATION names region cn-shanghai, but instance 'cap1' is in cn-hangzhou", `"a timeout was reached"`},
			[]string{"LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com'"}},
		{"B5 CREATE TABLE without EXTERNAL",
			strings.Replace(good, "CREATE EXTERNAL TABLE", "CREATE TABLE", 1),
			cloud.LinkExternalTable, cloud.FaultNotExternal,
			[]string{"pasted.sql:1:8: error: a table with STORED BY and LOCATION must be created with CREATE EXTERNAL TABLE"},
			[]string{"write CREATE EXTERNAL TABLE"}},
		{"B6 missing comma between properties",
			strings.Replace(good, "'tablestore.table.name'='vehicle_track',", "'tablestore.table.name'='vehicle_track'", 1),
			cloud.LinkExternalTable, cloud.FaultDDL,
			[]string{"error: missing comma between properties"},
			[]string{"add a comma after 'tablestore.table.name'='vehicle_track'"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := s.doctor(s.spec, cloud.DoctorOptions{DDL: tc.ddl, DDLName: "pasted.sql"})
			expectOnly(t, rep, tc.link, tc.fault, tc.detail, tc.fix, cloud.LinkVerify)
		})
	}
	// The good DDL passes; the report is healthy though the query is skipped.
	rep := s.doctor(s.spec, cloud.DoctorOptions{DDL: good})
	if !rep.Healthy() {
		t.Errorf("the wizard's own DDL:\n%s", reportText(rep))
	}
	if c, _ := rep.Check(cloud.LinkVerify); c.Verdict != cloud.VerdictSkipped || !strings.Contains(c.Detail, "creates nothing") {
		t.Errorf("verify with a pasted DDL: %+v", c)
	}
}

// B6 as the field report pasted it: the fault is named where the comma is
// missing, the other faults of that DDL at their own links.
func TestDoctorPastedB6AsReported(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	// The field report's DDL, as the linter's own test reads it.
	b, err := os.ReadFile(filepath.Join("..", "..", "steps", "odpssql", "testdata", "field-reports", "b6.sql"))
	if err != nil {
		t.Fatal(err)
	}
	ddl := string(b)
	rep := s.doctor(s.spec, cloud.DoctorOptions{DDL: ddl, DDLName: "b6.sql"})
	ext, _ := rep.Check(cloud.LinkExternalTable)
	if ext.Verdict != cloud.VerdictBroken || !strings.Contains(ext.Detail, "b6.sql:13:1: error: missing comma between properties") {
		t.Errorf("external table: %+v", ext)
	}
	for _, l := range []cloud.LinkID{cloud.LinkLocation, cloud.LinkRoleARN} {
		if c, _ := rep.Check(l); c.Verdict != cloud.VerdictBroken {
			t.Errorf("%s: %s", l, c.Verdict)
		}
	}
	if rep.Healthy() {
		t.Error("healthy")
	}
}

// When a link breaks, the links that need it are skipped, not reported as
// failures of their own.
func TestDoctorSkipsWhatNeedsABrokenLink(t *testing.T) {
	t.Parallel()
	t.Run("nothing set up", func(t *testing.T) {
		t.Parallel()
		s := newSetup(t, true)
		rep := s.doctor(s.spec, cloud.DoctorOptions{})
		want := map[cloud.LinkID]cloud.Verdict{
			cloud.LinkCredentialsA: cloud.VerdictOK, cloud.LinkCredentialsB: cloud.VerdictOK, cloud.LinkProject: cloud.VerdictOK,
			cloud.LinkRole: cloud.VerdictBroken, cloud.LinkTrust: cloud.VerdictSkipped, cloud.LinkPolicy: cloud.VerdictSkipped,
			cloud.LinkInstance: cloud.VerdictBroken, cloud.LinkTable: cloud.VerdictSkipped,
			cloud.LinkExternalTable: cloud.VerdictBroken, cloud.LinkLocation: cloud.VerdictSkipped,
			cloud.LinkMapping: cloud.VerdictSkipped, cloud.LinkRoleARN: cloud.VerdictSkipped, cloud.LinkVerify: cloud.VerdictSkipped,
		}
		for _, c := range rep.Checks {
			if c.Verdict != want[c.Link] {
				t.Errorf("%s: %s, want %s", c.Link, c.Verdict, want[c.Link])
			}
		}
		if c, _ := rep.Check(cloud.LinkTable); c.Needs != cloud.LinkInstance || c.Detail != "skipped (needs instance)" {
			t.Errorf("table: %+v", c)
		}
		if c, _ := rep.Check(cloud.LinkRole); c.Fault != cloud.FaultRoleAbsent || !strings.Contains(c.Fix, "aliyun ram CreateRole --RoleName AliyunODPSRoleForOtherUser") {
			t.Errorf("role: %+v", c)
		}
		if c, _ := rep.Check(cloud.LinkInstance); c.Fault != cloud.FaultInstanceAbsent || !strings.Contains(c.Fix, "aliyun ots InsertInstance") {
			t.Errorf("instance: %+v", c)
		}
		if t.Failed() {
			t.Logf("report:\n%s", reportText(rep))
		}
	})
	t.Run("the spec names another account", func(t *testing.T) {
		t.Parallel()
		s := newSetup(t, false)
		spec := s.spec
		spec.Accounts.Tablestore.UID, spec.Accounts.MaxCompute.UID = "1111111111111111", s.b.UID
		rep := s.doctor(spec, cloud.DoctorOptions{})
		c, _ := rep.Check(cloud.LinkCredentialsA)
		if c.Verdict != cloud.VerdictBroken || c.Fault != cloud.FaultWrongAccount ||
			!strings.Contains(c.Detail, "the key belongs to account "+s.a.UID+", but the spec says account A is 1111111111111111") ||
			!strings.Contains(c.Fix, "set accounts.tablestore.uid in the spec to "+s.a.UID) {
			t.Errorf("credentials A: %+v", c)
		}
		for l, needs := range map[cloud.LinkID]cloud.LinkID{cloud.LinkRole: cloud.LinkCredentialsA, cloud.LinkInstance: cloud.LinkCredentialsA,
			cloud.LinkTrust: cloud.LinkRole, cloud.LinkRoleARN: cloud.LinkRole, cloud.LinkMapping: cloud.LinkTable} {
			if c, _ := rep.Check(l); c.Verdict != cloud.VerdictSkipped || c.Needs != needs {
				t.Errorf("%s: %+v", l, c)
			}
		}
	})
	t.Run("an unknown key", func(t *testing.T) {
		t.Parallel()
		s := newSetup(t, false)
		s.cb = cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: "LTAInobody0000", Secret: cloud.NewSecret("not-a-secret-at-all")}
		rep := s.doctor(s.spec, cloud.DoctorOptions{})
		c, _ := rep.Check(cloud.LinkCredentialsB)
		if c.Verdict != cloud.VerdictBroken || c.Fault != cloud.FaultBadKeyID || !strings.Contains(c.Detail, "InvalidAccessKeyId") {
			t.Errorf("credentials B: %+v", c)
		}
		if strings.Contains(reportText(rep), "not-a-secret-at-all") {
			t.Error("the secret reached the report")
		}
		if c, _ := rep.Check(cloud.LinkProject); c.Needs != cloud.LinkCredentialsB {
			t.Errorf("project: %+v", c)
		}
	})
}

// A VPC-only instance is unreachable for MaxCompute over the internal
// endpoint: the fix opens it to any network.
func TestDoctorVPCOnlyInstance(t *testing.T) {
	t.Parallel()
	s := newSetup(t, true)
	ctx := context.Background()
	must(t, s.account(s.ca).Instances(s.spec.Region).InsertInstance(ctx, cloud.Instance{Name: "cap1", ClusterType: "SSD", Network: "VPC"}))
	rep := s.doctor(s.spec, cloud.DoctorOptions{})
	c, _ := rep.Check(cloud.LinkInstance)
	if c.Verdict != cloud.VerdictBroken || c.Fault != cloud.FaultVPCOnly ||
		!strings.Contains(c.Fix, "aliyun ots UpdateInstance --endpoint ots.cn-hangzhou.aliyuncs.com --region cn-hangzhou --InstanceName cap1 --Network NORMAL") {
		t.Errorf("instance: %+v", c)
	}
	if c, _ := rep.Check(cloud.LinkTable); c.Needs != cloud.LinkInstance {
		t.Errorf("table: %+v", c)
	}
}

// Cancelling stops doctor at once with the context's error.
func TestDoctorStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	var heard []cloud.LinkID
	_, err := s.session(fastOptions()).Doctor(ctx, s.spec, cloud.DoctorOptions{}, func(c cloud.Check) {
		heard = append(heard, c.Link)
		if c.Link == cloud.LinkRole {
			cancel()
		}
	})
	if err == nil || cloud.KindOf(err) != cloud.KindCanceled {
		t.Fatalf("err = %v", err)
	}
	if len(heard) != int(cloud.LinkRole) {
		t.Errorf("heard %v after cancelling", heard)
	}
}

// A policy that grants more than reading holds, with a warning that names
// the policy; a system policy counts like a custom one.
func TestDoctorWarnsAboutWriteAccess(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	ctx := context.Background()
	ram := s.account(s.ca).RAM()
	must(t, ram.DetachPolicyFromRole(ctx, "Custom", s.spec.RAM.Policy, s.spec.RAM.Role))
	must(t, ram.AttachPolicyToRole(ctx, "System", "AliyunOTSFullAccess", s.spec.RAM.Role))
	rep := s.doctor(s.spec, cloud.DoctorOptions{})
	c, _ := rep.Check(cloud.LinkPolicy)
	if c.Verdict != cloud.VerdictWarning || c.Fault != cloud.FaultWriteAccess ||
		!strings.Contains(c.Detail, "the role may also write: ots:PutRow, ots:UpdateRow, ots:DeleteRow, ots:BatchWriteRow (granted by AliyunOTSFullAccess)") {
		t.Errorf("policy: %+v", c)
	}
	if !rep.Healthy() {
		t.Errorf("unhealthy:\n%s", reportText(rep))
	}
	// An explicit Deny beats it.
	_, err := ram.CreatePolicy(ctx, "NoRange", `{"Version":"1","Statement":[{"Effect":"Deny","Action":"ots:GetRange","Resource":"*"}]}`, "")
	must(t, err)
	must(t, ram.AttachPolicyToRole(ctx, "Custom", "NoRange", s.spec.RAM.Role))
	rep = s.doctor(s.spec, cloud.DoctorOptions{})
	expectOnly(t, rep, cloud.LinkPolicy, cloud.FaultExplicitDeny,
		[]string{"policy NoRange attached to role AliyunODPSRoleForOtherUser denies ots:GetRange on acs:ots:cn-hangzhou:" + s.a.UID + ":instance/cap1/table/vehicle_track"},
		[]string{"remove the Deny statement for ots:GetRange from policy NoRange"}, cloud.LinkVerify)
}

// A LOCATION that embeds an AccessKey works, with warnings; the secret
// appears nowhere in the report.
func TestDoctorNeverShowsAnEmbeddedSecret(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	key := s.a.Keys[0]
	spec := s.spec
	spec.Accounts.Tablestore.UID = s.a.UID
	ddl := cloud.CreateExternalTableSQL(spec)
	ddl = strings.Replace(ddl, "tablestore://cap1", "tablestore://"+key.ID+":"+key.Secret+"@cap1", 1)
	ddl = strings.Replace(ddl, ",\n  'odps.properties.rolearn'='acs:ram::"+s.a.UID+":role/aliyunodpsroleforotheruser'", "", 1)
	s.replaceExternal(ddl)
	for _, opts := range []cloud.DoctorOptions{{}, {DDL: ddl}} {
		rep := s.doctor(s.spec, opts)
		text := reportText(rep)
		if strings.Contains(text, key.Secret) {
			t.Fatalf("the secret reached the report:\n%s", text)
		}
		for l, f := range map[cloud.LinkID]cloud.Fault{cloud.LinkLocation: cloud.FaultLocationKey, cloud.LinkRoleARN: cloud.FaultLocationKey} {
			if c, _ := rep.Check(l); c.Verdict != cloud.VerdictWarning || c.Fault != f {
				t.Errorf("%s: %+v", l, c)
			}
		}
		if !rep.Healthy() {
			t.Errorf("unhealthy:\n%s", text)
		}
	}
}

// A typo in the spec's instance or table name must not send the user to
// "fix" the working policy, LOCATION or DDL toward one that does not exist:
// every link judged against the name says the spec may be the mistake.
func TestDoctorSpecTypoPointsAtTheSpec(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		edit   func(*steps.Tablestore)
		broken cloud.LinkID // the link that names the right value
		fix    string
		policy string       // how the policy's fix begins
		ddl    cloud.LinkID // the DDL's link that says the spec may be wrong
		says   string
	}{
		{"table", func(t *steps.Tablestore) { t.Table = "vehicle_trak" }, cloud.LinkTable, "set tablestore.table in the spec to vehicle_track",
			"if the spec's cap1/vehicle_trak is the mistake (the attached policies grant cap1/vehicle_track), correct tablestore.instance and tablestore.table in the spec",
			cloud.LinkExternalTable, "correct the table's name in the spec instead"},
		{"instance", func(t *steps.Tablestore) { t.Instance = "cap2" }, cloud.LinkInstance, "cap1",
			"if the spec's cap2/vehicle_track is the mistake (the attached policies grant cap1/vehicle_track)",
			cloud.LinkLocation, "correct the instance's name in the spec instead"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newSetup(t, false)
			spec := s.spec
			c.edit(&spec.Tablestore)
			rep := s.doctor(spec, cloud.DoctorOptions{})
			if named, _ := rep.Check(c.broken); named.Verdict != cloud.VerdictBroken || !strings.Contains(named.Fix, c.fix) {
				t.Errorf("%s: %+v", c.broken, named)
			}
			if pol, _ := rep.Check(cloud.LinkPolicy); pol.Verdict != cloud.VerdictBroken || !strings.HasPrefix(pol.Fix, c.policy) {
				t.Errorf("policy: %+v", pol)
			}
			if ddl, _ := rep.Check(c.ddl); ddl.Verdict != cloud.VerdictBroken || !ddl.SpecFirst || !strings.Contains(ddl.Detail, c.says) ||
				!strings.HasPrefix(ddl.Fix, "first check tablestore."+c.name+" in the spec: it names what does not exist, while the DDL names what does") {
				t.Errorf("%s: %+v", c.ddl, ddl)
			}
			if t.Failed() {
				t.Logf("report:\n%s", reportText(rep))
			}
		})
	}
}

// A typo in the role's name is answered with the role's own name, as the
// spec takes it.
func TestDoctorRoleTypoSuggestsTheRolesOwnName(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	spec := s.spec
	spec.RAM.Role = "AliyunODPSRoleForOtherUsr"
	rep := s.doctor(spec, cloud.DoctorOptions{})
	role, _ := rep.Check(cloud.LinkRole)
	if role.Verdict != cloud.VerdictBroken || !strings.HasPrefix(role.Fix, "set ram.role in the spec to AliyunODPSRoleForOtherUser\n") {
		t.Errorf("role: %+v", role)
	}
}

// A second setup that shares the policy's name would replace the first's
// grant: the plan says so, naming the table the first setup loses.
func TestPolicyPlanWarnsWhenAnotherTableLosesItsGrant(t *testing.T) {
	t.Parallel()
	s := newSetup(t, false)
	spec := s.spec
	spec.Tablestore.Table = "vehicle_track2"
	out, err := s.session(fastOptions()).Observe(context.Background(), spec, steps.StepPolicy, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "warning: the new version no longer lets the role read " + cloud.TableResource(spec.Region, s.a.UID, "cap1", "vehicle_track") +
		", which another setup may use; to keep both, give this setup a policy of its own (ram.policy in the spec)"
	if out.Action != steps.ActionChange || !slices.Contains(out.Details, want) {
		t.Fatalf("plan %s: %q", out.Action, out.Details)
	}
	// The same table with other access drops nothing: no warning.
	spec = s.spec
	spec.RAM.Access = steps.AccessReadWrite
	out, err = s.session(fastOptions()).Observe(context.Background(), spec, steps.StepPolicy, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range out.Details {
		if strings.HasPrefix(d, "warning: the new version no longer") {
			t.Errorf("widening access warned: %s", d)
		}
	}
}
