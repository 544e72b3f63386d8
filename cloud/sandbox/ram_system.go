package sandbox

import (
	"strings"
	"time"
)

// sysPolicy is a system policy: predefined by Alibaba Cloud, attachable by
// every account, never editable. The sandbox knows a few that matter to the
// wizard, written out in our own words.
type sysPolicy struct {
	Name        string
	Description string
	Document    string
}

// systemPolicyCreated is the date system policies report (fixed, so output
// is reproducible).
func systemPolicyCreated() time.Time { return time.Date(2015, 4, 28, 20, 12, 0, 0, time.UTC) }

func systemPolicies() []sysPolicy {
	return []sysPolicy{
		{"AdministratorAccess", "Full access to all cloud resources.",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
		{"AliyunOTSFullAccess", "Full access to Tablestore.",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","Resource":"*"}]}`},
		{"AliyunOTSReadOnlyAccess", "Read-only access to Tablestore.",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:BatchGet*","ots:Describe*","ots:Get*","ots:List*","ots:Consume*","ots:Search","ots:ComputeSplitPointsBySize"],"Resource":"*"}]}`},
		{"AliyunRAMFullAccess", "Full access to RAM.",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*","Resource":"*"}]}`},
		{"AliyunRAMReadOnlyAccess", "Read-only access to RAM.",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":["ram:Get*","ram:List*"],"Resource":"*"}]}`},
		{"AliyunSTSAssumeRoleAccess", "Permission to assume roles through STS.",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`},
	}
}

// systemPolicy finds a system policy; names compare case-insensitively.
func systemPolicy(name string) (sysPolicy, bool) {
	for _, p := range systemPolicies() {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return sysPolicy{}, false
}
