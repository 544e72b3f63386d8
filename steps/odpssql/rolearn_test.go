package odpssql

import "testing"

func TestRoleARN(t *testing.T) {
	t.Parallel()
	if got := RoleARN("1234567890123456", "AliyunODPSRoleForOtherUser"); got != "acs:ram::1234567890123456:role/aliyunodpsroleforotheruser" {
		t.Errorf("RoleARN = %q", got)
	}
}

func TestParseRoleARN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		arn, uid, role, err string
	}{
		{arn: "acs:ram::1234567890123456:role/aliyunodpsroleforotheruser", uid: "1234567890123456", role: "aliyunodpsroleforotheruser"},
		{arn: "acs:ram::1234567890123456:role/MixedCase.Role-1", uid: "1234567890123456", role: "MixedCase.Role-1"},
		{arn: "ACS:RAM::1234567890123456:ROLE/R", uid: "1234567890123456", role: "R"},
		{arn: "acs:ram:1234567890123456:role/r", err: `role ARN 'acs:ram:1234567890123456:role/r' does not start with "acs:ram::"; a role ARN looks like acs:ram::<account UID>:role/<role name>`},
		{arn: "acs:ram::1234567890123456:user/r", err: `role ARN 'acs:ram::1234567890123456:user/r' has no ":role/" part; a role ARN looks like acs:ram::<account UID>:role/<role name>`},
		{arn: " acs:ram::1234567890123456:role/r", err: `role ARN ' acs:ram::1234567890123456:role/r' has spaces around it; a role ARN looks like acs:ram::<account UID>:role/<role name>`},
		{arn: "acs:ram::<UID_A>:role/r", err: `role ARN 'acs:ram::<UID_A>:role/r': account UID "<UID_A>" must contain only digits, found '<'`},
		{arn: "acs:ram::1234567890123456:role/", err: `role ARN 'acs:ram::1234567890123456:role/': RAM role name "" must be 1–64 characters, got 0`},
		{arn: "acs:ram::1234567890123456:role/a b", err: `role ARN 'acs:ram::1234567890123456:role/a b': RAM role name "a b" may contain only letters, digits, '.' and '-', found ' '`},
	}
	for _, tt := range tests {
		t.Run(tt.arn, func(t *testing.T) {
			t.Parallel()
			uid, role, err := ParseRoleARN(tt.arn)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("error = %v\nwant    %s", err, tt.err)
				}
				return
			}
			if err != nil || uid != tt.uid || role != tt.role {
				t.Errorf("got %q, %q, %v", uid, role, err)
			}
			if back := RoleARN(uid, role); back != RoleARN(tt.uid, tt.role) {
				t.Errorf("RoleARN(ParseRoleARN) = %q", back)
			}
		})
	}
}
