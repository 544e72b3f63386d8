package odpssql

import (
	"strings"
	"testing"
)

// withRoleARN is goodDDL naming arn as its role.
func withRoleARN(t *testing.T, arn string) string {
	t.Helper()
	return edit(t, "acs:ram::1234567890123456:role/aliyunodpsroleforotheruser", arn)
}

// roleARNFindings are the findings about the role ARN property.
func roleARNFindings(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if strings.HasPrefix(f.Code, "rolearn-") {
			out = append(out, f)
		}
	}
	return out
}

// Every fix the linter suggests for the role ARN is the whole ARN put right
// as far as the expectation knows it: the Tablestore account's UID, the
// spec's role, all in lower case. Applying it leaves nothing to report about
// the property. What nobody knows (the account, with no UID in the spec)
// stays as written, and the message says to check it.
func TestRoleARNFixesLeaveNothingToReport(t *testing.T) {
	t.Parallel()
	const right = "acs:ram::5110237719840063:role/aliyunodpsroleforotheruser"
	known := &Expect{RoleARN: right}
	roleOnly := &Expect{Role: "AliyunODPSRoleForOtherUser"} // the spec's role; no account UID yet
	const unchecked = "no Tablestore account UID is known to check 1111111111111111 against"
	for _, c := range []struct {
		name   string
		arn    string
		expect *Expect
		codes  string // the findings' codes, in order
		fixed  string // the ARN every fix writes
		says   string // in every finding's message ("" for nothing in particular)
	}{
		{"wrong case only", "acs:ram::5110237719840063:role/AliyunODPSRoleForOtherUser", known, "rolearn-case", right, ""},
		{"upper-case prefix", "ACS:RAM::5110237719840063:ROLE/aliyunodpsroleforotheruser", known, "rolearn-case", right, ""},
		{"wrong account only", "acs:ram::1111111111111111:role/aliyunodpsroleforotheruser", known, "rolearn-mismatch", right, "5110237719840063"},
		{"wrong case and account", "acs:ram::1111111111111111:role/AliyunODPSRoleForOtherUser", known, "rolearn-case rolearn-mismatch", right, ""},
		{"wrong case, account and role", "acs:ram::1111111111111111:role/AliyunODPSDefaultRole", known,
			"rolearn-case rolearn-mismatch rolearn-mismatch", right, ""},
		{"wrong role only", "acs:ram::5110237719840063:role/aliyunodpsdefaultrole", known, "rolearn-mismatch", right, "aliyunodpsroleforotheruser"},
		{"no account known: wrong case", "acs:ram::1111111111111111:role/AliyunODPSRoleForOtherUser", roleOnly,
			"rolearn-case", "acs:ram::1111111111111111:role/aliyunodpsroleforotheruser", unchecked},
		{"no account known: wrong role", "acs:ram::1111111111111111:role/aliyunodpsdefaultrole", roleOnly,
			"rolearn-mismatch", "acs:ram::1111111111111111:role/aliyunodpsroleforotheruser", unchecked},
		{"no account known: wrong case and role", "acs:ram::1111111111111111:role/AliyunODPSDefaultRole", roleOnly,
			"rolearn-case rolearn-mismatch", "acs:ram::1111111111111111:role/aliyunodpsroleforotheruser", unchecked},
		{"nothing known: wrong case", "acs:ram::1111111111111111:role/AliyunODPSDefaultRole", nil,
			"rolearn-case", "acs:ram::1111111111111111:role/aliyunodpsdefaultrole", unchecked},
		{"malformed, all known", "acs:ram::<UID_A>:role/AliyunODPSRoleForOtherUser", known, "rolearn-malformed", right, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			fs := roleARNFindings(Lint(withRoleARN(t, c.arn), c.expect))
			var codes []string
			for _, f := range fs {
				codes = append(codes, f.Code)
				want := "'" + PropRoleARN + "'='" + c.fixed + "'"
				if f.Fix != want {
					t.Errorf("%s: fix %s\nwant %s", f.Code, f.Fix, want)
				}
				if !strings.Contains(f.Message, c.says) {
					t.Errorf("%s: %q does not say %q", f.Code, f.Message, c.says)
				}
			}
			if strings.Join(codes, " ") != c.codes {
				t.Fatalf("codes %q, want %q: %v", strings.Join(codes, " "), c.codes, fs)
			}
			if left := Lint(withRoleARN(t, c.fixed), c.expect); len(left) != 0 {
				t.Errorf("after the fix: %v", left)
			}
		})
	}
}

// A malformed ARN whose account nobody knows gets a template with what is
// known filled in, and says what to fill in; so does a missing property.
func TestRoleARNTemplateSaysWhatToFillIn(t *testing.T) {
	t.Parallel()
	roleOnly := &Expect{Role: "AliyunODPSRoleForOtherUser"}
	const template = "acs:ram::<UID of the Tablestore account>:role/aliyunodpsroleforotheruser"
	fs := roleARNFindings(Lint(withRoleARN(t, "acs:ram::<UID_A>:role/AliyunODPSRoleForOtherUser"), roleOnly))
	if len(fs) != 1 || fs[0].Code != "rolearn-malformed" || fs[0].Fix != "write "+template {
		t.Fatalf("findings %v", fs)
	}
	filled := strings.Replace(template, "<UID of the Tablestore account>", "5110237719840063", 1)
	if left := Lint(withRoleARN(t, filled), roleOnly); len(left) != 0 {
		t.Errorf("after filling in: %v", left)
	}
	missing := edit(t, ",\n    'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser'", "")
	fs = Lint(missing, roleOnly)
	if len(fs) != 1 || fs[0].Fix != "add '"+PropRoleARN+"'='"+template+"'" {
		t.Errorf("missing: %v", fs)
	}
}
