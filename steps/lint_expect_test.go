package steps

import (
	"strings"
	"testing"

	"github.com/mcots/wizard/steps/odpssql"
)

// The DDL the wizard renders passes its own linter against its own spec, for
// every example variant.
func TestRenderedDDLLintsClean(t *testing.T) {
	t.Parallel()
	for variant := range examples() {
		s := loadExample(t, variant)
		if fs := odpssql.Lint(DDL(s), LintExpect(s)); len(fs) > 0 {
			t.Errorf("%s: the rendered DDL has findings:\n%v\n%s", variant, fs, DDL(s))
		}
	}
}

// A DDL for another spec is caught: the expectations carry the spec's facts.
func TestLintExpectCatchesAnotherSpec(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	other := seedSpec()
	other.Region = "cn-shanghai"
	other.Tablestore.PrimaryKey[0].Type = "STRING"
	other.ExternalTable.Mapping = nil
	fs := odpssql.Lint(DDL(s), LintExpect(other))
	var got []string
	for _, f := range fs {
		got = append(got, f.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"cn-shanghai", "STRING"} {
		if !strings.Contains(all, want) {
			t.Errorf("findings do not mention %q:\n%s", want, all)
		}
	}
}

// The tester's DDL: its role ARN names another account and writes the role
// with capitals. Every fix the linter suggests for it is the spec's ARN, and
// the DDL with it lints clean. Without account A's UID the role is still
// checked, and the account is left to the user.
func TestLintExpectFixesTheWholeRoleARN(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	s.Accounts.Tablestore.UID = "5110237719840063"
	const written = "acs:ram::1111111111111111:role/AliyunODPSRoleForOtherUser"
	ddl := strings.Replace(DDL(s), RoleARN(s), written, 1)
	if !strings.Contains(ddl, written) {
		t.Fatalf("the DDL does not name %s:\n%s", written, ddl)
	}
	const rightARN = "acs:ram::5110237719840063:role/aliyunodpsroleforotheruser"
	const right = "'odps.properties.rolearn'='" + rightARN + "'"
	fs := odpssql.Lint(ddl, LintExpect(s))
	if len(fs) < 2 {
		t.Fatalf("findings %v", fs)
	}
	for _, f := range fs {
		if f.Fix != right {
			t.Errorf("%s: fix %s", f, f.Fix)
		}
	}
	if fs := odpssql.Lint(strings.Replace(ddl, written, rightARN, 1), LintExpect(s)); len(fs) != 0 {
		t.Errorf("after the fix: %v", fs)
	}

	s.Accounts.Tablestore.UID = ""
	other := strings.Replace(ddl, "role/AliyunODPSRoleForOtherUser", "role/aliyunodpsdefaultrole", 1)
	fs = odpssql.Lint(other, LintExpect(s))
	if len(fs) != 1 || fs[0].Code != "rolearn-mismatch" ||
		fs[0].Fix != "'odps.properties.rolearn'='acs:ram::1111111111111111:role/aliyunodpsroleforotheruser'" ||
		!strings.Contains(fs[0].Message, "make sure it is the UID of the account that owns the role") {
		t.Errorf("without account A's UID: %v", fs)
	}
}
