package steps

import (
	"strings"

	"github.com/mcots/wizard/steps/policy"
)

// odpsService is MaxCompute's service principal.
const odpsService = "odps.aliyuncs.com"

// TrustPrincipal is the service that may assume the role: MaxCompute of the
// same account ("odps.aliyuncs.com"), or, across accounts, MaxCompute acting
// for account B ("<UID_B>@odps.aliyuncs.com"). Using the same-account form
// across accounts, or A's UID, makes every read fail with NoPermission.
func TrustPrincipal(s Spec) string {
	if s.SameAccount() {
		return odpsService
	}
	return s.Accounts.MaxCompute.UID + "@" + odpsService
}

// TrustPolicy is the role's trust policy: only MaxCompute (of account B) may
// assume it.
func TrustPolicy(s Spec) policy.Document {
	return policy.Document{
		Version: "1",
		Statement: []policy.Statement{{
			Effect:    policy.Allow,
			Action:    policy.List{"sts:AssumeRole"},
			Principal: &policy.Principal{Service: policy.List{TrustPrincipal(s)}},
		}},
	}
}

// RoleARN is the role's ARN as the DDL names it: account A's UID and the role
// name lowercased (role names ignore case; ARNs use the lowercase form).
func RoleARN(s Spec) string {
	s = s.WithDefaults()
	return "acs:ram::" + s.Accounts.Tablestore.UID + ":role/" + strings.ToLower(s.RAM.Role)
}

// PolicyActions lists the Tablestore actions an access level grants: what
// MaxCompute calls to read a table, plus, for read-write, what INSERT into
// the external table calls.
func PolicyActions(a Access) []string {
	actions := []string{"ots:ListTable", "ots:DescribeTable", "ots:GetRow", "ots:GetRange", "ots:BatchGetRow", "ots:ComputeSplitPointsBySize"}
	if a == AccessReadWrite {
		actions = append(actions, "ots:PutRow", "ots:UpdateRow", "ots:DeleteRow", "ots:BatchWriteRow")
	}
	return actions
}

// PermissionPolicy is the role's permission policy: the Tablestore actions of
// the access level, on the resources of the scope. Instance names are
// lowercased in every ARN: Tablestore matches instance resources only in
// lowercase, and a mixed-case name silently denies every call.
func PermissionPolicy(s Spec) policy.Document {
	s = s.WithDefaults()
	prefix := "acs:ots:" + s.Region + ":" + s.Accounts.Tablestore.UID + ":instance/"
	inst := strings.ToLower(s.Tablestore.Instance)
	actions := PolicyActions(s.RAM.Access)
	allow := func(actions []string, resources ...string) policy.Statement {
		return policy.Statement{Effect: policy.Allow, Action: policy.List(actions), Resource: policy.List(resources)}
	}
	var stmts []policy.Statement
	switch s.RAM.Scope {
	case ScopeAccount:
		stmts = []policy.Statement{allow(actions, prefix+"*", prefix+"*/table/*")}
	case ScopeInstance:
		stmts = []policy.Statement{allow(actions, prefix+inst, prefix+inst+"/table/*")}
	default:
		// Table scope. ListTable names no table, so a resource ending in
		// /table/<name> never matches it; the documentation gives its resource
		// as instance/<inst>/table/* and some pages as the instance itself.
		// A second statement grants ListTable alone on both forms: it reveals
		// table names, never rows, and keeps the first statement to the one
		// table. DescribeTable names its table, so it stays in the first.
		tableActions := make([]string, 0, len(actions))
		for _, a := range actions {
			if a != "ots:ListTable" {
				tableActions = append(tableActions, a)
			}
		}
		stmts = []policy.Statement{
			allow(tableActions, prefix+inst+"/table/"+s.Tablestore.Table),
			allow([]string{"ots:ListTable"}, prefix+inst, prefix+inst+"/table/*"),
		}
	}
	return policy.Document{Version: "1", Statement: stmts}
}
