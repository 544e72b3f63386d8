package odpssql

import (
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps/naming"
)

const (
	roleARNPrefix = "acs:ram::"
	roleARNInfix  = ":role/"
)

// RoleARN is the ARN MaxCompute assumes to read Tablestore:
// acs:ram::<uid>:role/<role name in lower case>. RAM reports role ARNs in
// lower case whatever the role's display name, and that is the form the
// services compare against.
func RoleARN(uid, role string) string {
	return roleARNPrefix + uid + roleARNInfix + strings.ToLower(role)
}

// ParseRoleARN splits a RAM role ARN into the account UID and the role name
// (as written, so a caller can see whether it is lower case).
func ParseRoleARN(arn string) (uid, role string, err error) {
	shape := "a role ARN looks like acs:ram::<account UID>:role/<role name>"
	if strings.TrimSpace(arn) != arn {
		return "", "", fmt.Errorf("role ARN %s has spaces around it; %s", quoteShown(arn), shape)
	}
	if len(arn) < len(roleARNPrefix) || !strings.EqualFold(arn[:len(roleARNPrefix)], roleARNPrefix) {
		return "", "", fmt.Errorf("role ARN %s does not start with %q; %s", quoteShown(arn), roleARNPrefix, shape)
	}
	rest := arn[len(roleARNPrefix):]
	i := strings.Index(strings.ToLower(rest), roleARNInfix)
	if i < 0 {
		return "", "", fmt.Errorf("role ARN %s has no %q part; %s", quoteShown(arn), roleARNInfix, shape)
	}
	uid, role = rest[:i], rest[i+len(roleARNInfix):]
	if err := naming.UID(uid); err != nil {
		return "", "", fmt.Errorf("role ARN %s: %v", quoteShown(arn), err)
	}
	if err := naming.RoleName(role); err != nil {
		return "", "", fmt.Errorf("role ARN %s: %v", quoteShown(arn), err)
	}
	return uid, role, nil
}
