package policy

import "testing"

func TestGlob(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "anything/at:all", true},
		{"", "", true},
		{"", "a", false},
		{"abc", "abc", true},
		{"abc", "abcd", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"a*c", "ac", true},
		{"a*c", "a/b/c", true},
		{"a*c", "a/b/cd", false},
		{"*c", "abcabc", true},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxcyyb", false},
		{"??", "é!", true}, // characters, not bytes
		{"?", "é", true},
		{"acs:ots:*:*:instance/cap1/table/*", "acs:ots:cn-hangzhou:123:instance/cap1/table/vehicle_track", true},
		{"acs:ots:*:*:instance/cap1", "acs:ots:cn-hangzhou:123:instance/cap1/table/vehicle_track", false},
		{"**a", "a", true},
		{"a**", "abc", true},
		{"*", "*0", true}, // a literal star in the text is just a character
		{"?", "*", true},
		{"a*", "a*b", true},
	}
	for _, tt := range tests {
		if got := Glob(tt.pattern, tt.s); got != tt.want {
			t.Errorf("Glob(%q, %q) = %t, want %t", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func mustParse(t *testing.T, text string) Document {
	t.Helper()
	d, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%s): %v", text, err)
	}
	return d
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	const uid = "1234567890123456"
	const table = "acs:ots:cn-hangzhou:" + uid + ":instance/cap1/table/vehicle_track"
	const instance = "acs:ots:cn-hangzhou:" + uid + ":instance/cap1"
	tableScoped := `{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:GetRow","ots:GetRange","ots:DescribeTable"],
		"Resource":["acs:ots:cn-hangzhou:` + uid + `:instance/cap1","acs:ots:cn-hangzhou:` + uid + `:instance/cap1/table/vehicle_track"]}]}`
	mixedCase := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*",
		"Resource":"acs:ots:cn-hangzhou:` + uid + `:instance/Cap1/table/vehicle_track"}]}`
	allOTS := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","Resource":"*"}]}`
	denyWrites := `{"Version":"1","Statement":[{"Effect":"Deny","Action":["ots:Put*","ots:Update*","ots:Delete*","ots:BatchWrite*"],"Resource":"*"}]}`
	wildcardQ := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:Get???","Resource":"acs:ots:cn-hangzhou:` + uid + `:instance/cap?/table/*"}]}`
	conditional := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}`
	conditionalDeny := `{"Version":"1","Statement":[{"Effect":"Deny","Action":"ots:*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}`
	notAction := `{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"ots:Delete*","Resource":"*"}]}`
	notResource := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","NotResource":"acs:ots:*:*:instance/secret*"}]}`
	trustOnly := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Principal":{"Service":"odps.aliyuncs.com"}}]}`

	tests := []struct {
		name     string
		docs     []string
		action   string
		resource string
		want     Decision
	}{
		{"no policies", nil, "ots:GetRow", table, ImplicitDeny},
		{"table scoped allows read", []string{tableScoped}, "ots:GetRange", table, Allowed},
		{"action compares case-insensitively", []string{tableScoped}, "OTS:getrange", table, Allowed},
		{"table scoped: instance-level action", []string{tableScoped}, "ots:DescribeTable", instance, Allowed},
		{"table scoped refuses write", []string{tableScoped}, "ots:PutRow", table, ImplicitDeny},
		{"table scoped refuses other table", []string{tableScoped}, "ots:GetRow", instance + "/table/other", ImplicitDeny},
		{"table scoped: ListTable on table/* not covered", []string{tableScoped}, "ots:ListTable", instance + "/table/*", ImplicitDeny},
		{"B8: mixed-case instance in Resource does not match", []string{mixedCase}, "ots:GetRow", table, ImplicitDeny},
		{"resource compares case-sensitively", []string{tableScoped}, "ots:GetRow", "acs:ots:cn-hangzhou:" + uid + ":instance/cap1/table/Vehicle_track", ImplicitDeny},
		{"star resource", []string{allOTS}, "ots:PutRow", table, Allowed},
		{"other service not covered", []string{allOTS}, "ram:CreateRole", "acs:ram::" + uid + ":role/x", ImplicitDeny},
		{"deny wins across documents", []string{allOTS, denyWrites}, "ots:PutRow", table, ExplicitDeny},
		{"deny does not touch reads", []string{allOTS, denyWrites}, "ots:GetRow", table, Allowed},
		{"deny order irrelevant", []string{denyWrites, allOTS}, "ots:BatchWriteRow", table, ExplicitDeny},
		{"question mark: exactly one char", []string{wildcardQ}, "ots:GetRow", table, Allowed},
		{"question mark: not two chars", []string{wildcardQ}, "ots:GetRange", table, ImplicitDeny},
		{"question mark in resource", []string{wildcardQ}, "ots:GetRow", "acs:ots:cn-hangzhou:" + uid + ":instance/cap12/table/t", ImplicitDeny},
		{"conditional allow grants nothing", []string{conditional}, "ots:GetRow", table, ImplicitDeny},
		{"conditional deny applies", []string{allOTS, conditionalDeny}, "ots:GetRow", table, ExplicitDeny},
		{"NotAction allows others", []string{notAction}, "ots:GetRow", table, Allowed},
		{"NotAction excludes", []string{notAction}, "ots:DeleteRow", table, ImplicitDeny},
		{"NotResource allows others", []string{notResource}, "ots:GetRow", table, Allowed},
		{"NotResource excludes", []string{notResource}, "ots:GetRow", "acs:ots:cn-hangzhou:" + uid + ":instance/secret1", ImplicitDeny},
		{"trust statements are not permissions", []string{trustOnly}, "ots:GetRow", table, ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var docs []Document
			for _, s := range tt.docs {
				docs = append(docs, mustParse(t, s))
			}
			if got := Evaluate(docs, tt.action, tt.resource); got != tt.want {
				t.Fatalf("Evaluate(%s on %s) = %v, want %v", tt.action, tt.resource, got, tt.want)
			}
		})
	}
}

func TestDecisionString(t *testing.T) {
	t.Parallel()
	for d, want := range map[Decision]string{ImplicitDeny: "ImplicitDeny", Allowed: "Allow", ExplicitDeny: "ExplicitDeny", Decision(9): "Decision(?)"} {
		if d.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(d), d.String(), want)
		}
	}
	if !Allowed.IsAllowed() || ImplicitDeny.IsAllowed() || ExplicitDeny.IsAllowed() {
		t.Error("IsAllowed is wrong")
	}
}
