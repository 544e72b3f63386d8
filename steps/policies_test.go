package steps

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/mcots/wizard/steps/policy"
)

func parsePolicy(t testing.TB, doc string) policy.Document {
	t.Helper()
	var d policy.Document
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("policy does not parse: %v\n%s", err, doc)
	}
	return d
}

// B9: across accounts the trust policy names B's UID; odps.aliyuncs.com
// alone (or A's UID) makes every read fail with NoPermission.
func TestFieldReportB9TrustPrincipal(t *testing.T) {
	t.Parallel()
	cross := seedSpec()
	d := parsePolicy(t, TrustPolicy(cross).Marshal())
	if got := d.Statement[0].Principal.Service; !reflect.DeepEqual(got, policy.List{"2222222222222222@odps.aliyuncs.com"}) {
		t.Errorf("cross-account principal %v, want B's UID @odps.aliyuncs.com", got)
	}
	if len(d.Statement) != 1 || !reflect.DeepEqual(d.Statement[0].Action, policy.List{"sts:AssumeRole"}) || d.Statement[0].Effect != policy.Allow || d.Version != "1" {
		t.Errorf("trust policy shape: %+v", d)
	}
	a, err := Render(cross)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Summary, "Cross-account: MaxCompute in account B (2222222222222222) reads Tablestore in account A (1111111111111111); the role in A trusts 2222222222222222@odps.aliyuncs.com.") {
		t.Errorf("the user is not told whom the role trusts:\n%s", a.Summary)
	}

	same := seedSpec()
	same.Accounts.MaxCompute.UID = same.Accounts.Tablestore.UID
	if got := parsePolicy(t, TrustPolicy(same).Marshal()).Statement[0].Principal.Service; !reflect.DeepEqual(got, policy.List{"odps.aliyuncs.com"}) {
		t.Errorf("same-account principal %v, want odps.aliyuncs.com", got)
	}
}

// B8: the instance name in a Resource must be lowercase, or Tablestore
// denies every call although the policy is attached.
func TestFieldReportB8LowercaseInstanceInResources(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	s.Tablestore.Instance = "Cap1"
	if ps := Validate(s); ps.HasErrors() {
		t.Fatalf("a mixed-case instance name is valid: %v", ps)
	}
	d := parsePolicy(t, PermissionPolicy(s).Marshal())
	var resources []string
	for _, st := range d.Statement {
		resources = append(resources, st.Resource...)
		for _, a := range st.Action {
			if !strings.HasPrefix(a, "ots:") || strings.Contains("PutRow UpdateRow DeleteRow BatchWriteRow", strings.TrimPrefix(a, "ots:")) {
				t.Errorf("read access grants %s", a)
			}
		}
	}
	want := []string{
		"acs:ots:cn-hangzhou:1111111111111111:instance/cap1",
		"acs:ots:cn-hangzhou:1111111111111111:instance/cap1/table/*",
		"acs:ots:cn-hangzhou:1111111111111111:instance/cap1/table/vehicle_track",
	}
	sort.Strings(resources)
	if !reflect.DeepEqual(resources, want) {
		t.Errorf("resources %v, want %v", resources, want)
	}
	if loc := Location(s); loc != "tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com" {
		t.Errorf("LOCATION %s", loc)
	}
}

func TestPermissionPolicyScopes(t *testing.T) {
	t.Parallel()
	const arn = "acs:ots:cn-hangzhou:1111111111111111:instance/"
	read := []string{"ots:ListTable", "ots:DescribeTable", "ots:GetRow", "ots:GetRange", "ots:BatchGetRow", "ots:ComputeSplitPointsBySize"}
	write := append(append([]string(nil), read...), "ots:PutRow", "ots:UpdateRow", "ots:DeleteRow", "ots:BatchWriteRow")
	cases := []struct {
		access Access
		scope  Scope
		want   []policy.Statement
	}{
		{AccessRead, ScopeAccount, []policy.Statement{{Effect: policy.Allow, Action: read, Resource: policy.List{arn + "*", arn + "*/table/*"}}}},
		{AccessReadWrite, ScopeInstance, []policy.Statement{{Effect: policy.Allow, Action: write, Resource: policy.List{arn + "cap1", arn + "cap1/table/*"}}}},
		{AccessRead, ScopeTable, []policy.Statement{
			{Effect: policy.Allow, Action: read[1:], Resource: policy.List{arn + "cap1/table/vehicle_track"}},
			{Effect: policy.Allow, Action: policy.List{"ots:ListTable"}, Resource: policy.List{arn + "cap1", arn + "cap1/table/*"}},
		}},
		{AccessReadWrite, ScopeTable, []policy.Statement{
			{Effect: policy.Allow, Action: write[1:], Resource: policy.List{arn + "cap1/table/vehicle_track"}},
			{Effect: policy.Allow, Action: policy.List{"ots:ListTable"}, Resource: policy.List{arn + "cap1", arn + "cap1/table/*"}},
		}},
	}
	for _, c := range cases {
		s := seedSpec()
		s.RAM.Access, s.RAM.Scope = c.access, c.scope
		d := parsePolicy(t, PermissionPolicy(s).Marshal())
		if d.Version != "1" || !reflect.DeepEqual(d.Statement, c.want) {
			t.Errorf("%s/%s:\n got %+v\nwant %+v", c.access, c.scope, d.Statement, c.want)
		}
	}
}

func TestRoleARNLowercasesTheRoleName(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	if got := RoleARN(s); got != "acs:ram::1111111111111111:role/aliyunodpsroleforotheruser" {
		t.Errorf("RoleARN = %s", got)
	}
	s.RAM.Role = ""
	if got := RoleARN(s); got != "acs:ram::1111111111111111:role/aliyunodpsroleforotheruser" {
		t.Errorf("RoleARN with the default role = %s", got)
	}
}

func TestRenderRefusesAnInvalidSpec(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	s.Tablestore.Instance = "my-ots-1"
	s.RAM.Access = AccessReadWrite
	a, err := Render(s)
	if err == nil || a.DDL != "" || a.TrustPolicy != "" {
		t.Fatalf("Render rendered an invalid spec: %v %+v", err, a)
	}
	var ps Problems
	if !asProblems(err, &ps) || len(ps.Errors()) != 1 || len(ps.Warnings()) != 1 {
		t.Errorf("Render error %#v, want the errors and the warnings", err)
	}
}

func asProblems(err error, ps *Problems) bool {
	p, ok := err.(Problems)
	*ps = p
	return ok
}
