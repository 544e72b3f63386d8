package sandbox_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps/policy"
)

func assumeRole(c *sts.Client, arn, session, duration, inline string) (*sts.AssumeRoleResponse, error) {
	req := sts.CreateAssumeRoleRequest()
	req.RoleArn, req.RoleSessionName, req.Policy = arn, session, inline
	req.DurationSeconds = requests.Integer(duration)
	return c.AssumeRole(req)
}

func TestAssumeRoleAcrossAccounts(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	a, b := account(t, s, sandbox.DemoAccountA), account(t, s, sandbox.DemoAccountB)
	rc := ramClient(t, s, akCred(a.Keys[0]))
	role := createRole(t, rc, "CrossReader", fmt.Sprintf(trustRootB, b.UID)).Role
	createRole(t, rc, "SelfOnly", fmt.Sprintf(trustRootB, a.UID))
	arn := "acs:ram::" + a.UID + ":role/crossreader"
	bSTS := stsClient(t, s, akCred(assumer(t, s, sandbox.DemoAccountB)))

	resp, err := assumeRole(bSTS, arn, "wizard-check", "", "")
	must(t, err)
	cr := resp.Credentials
	if !strings.HasPrefix(cr.AccessKeyId, "STS.") || cr.AccessKeySecret == "" || cr.SecurityToken == "" || cr.Expiration == "" ||
		resp.AssumedRoleUser.Arn != arn+"/wizard-check" || resp.AssumedRoleUser.AssumedRoleId != role.RoleId+":wizard-check" {
		t.Fatalf("AssumeRole = %+v", resp)
	}
	// The session acts in A.
	id, err := callerIdentity(t, stsClient(t, s, credentials.NewStsTokenCredential(cr.AccessKeyId, cr.AccessKeySecret, cr.SecurityToken)))
	must(t, err)
	if id.AccountId != a.UID || id.RoleId != role.RoleId || id.PrincipalId != role.RoleId+":wizard-check" {
		t.Fatalf("session identity = %+v", id)
	}

	tests := []struct {
		name           string
		arn, sess, dur string
		inline         string
		client         *sts.Client
		code           string
		status         int
		msg            string
	}{
		{"an account's own key", arn, "s1", "", "", stsClient(t, s, akCred(b.Keys[0])), "NoPermission", 403, "cannot call AssumeRole"},
		{"bad ARN", "acs:ram::" + a.UID + ":user/crossreader", "s1", "", "", bSTS, "InvalidParameter.RoleArn", 400, "wrong format"},
		{"role missing", "acs:ram::" + a.UID + ":role/aliyunodpsdefaultrole", "s1", "", "", bSTS, "EntityNotExist.Role", 404,
			"The role not exists: acs:ram::" + a.UID + ":role/aliyunodpsdefaultrole."},
		{"account missing", "acs:ram::1000000000000009:role/crossreader", "s1", "", "", bSTS, "EntityNotExist.Role", 404, "not exists"},
		{"trust names another account", "acs:ram::" + a.UID + ":role/selfonly", "s1", "", "", bSTS, "NoPermission", 403, "You are not authorized to do this action"},
		{"session name too short", arn, "s", "", "", bSTS, "InvalidParameter.RoleSessionName", 400, "2–64"},
		{"session name chars", arn, "my session", "", "", bSTS, "InvalidParameter.RoleSessionName", 400, ""},
		{"missing session name", arn, "", "", "", bSTS, "MissingParameter", 400, "RoleSessionName"},
		{"duration too short", arn, "s1", "899", "", bSTS, "InvalidParameter.DurationSeconds", 400, "900"},
		{"duration above the role's maximum", arn, "s1", "3601", "", bSTS, "InvalidParameter.DurationSeconds", 400, "3600"},
		{"inline policy grammar", arn, "s1", "", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*"}]}`, bSTS, "InvalidParameter.PolicyGrammar", 400, "Resource"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := assumeRole(tt.client, tt.arn, tt.sess, tt.dur, tt.inline)
			wantError(t, err, tt.code, tt.status, tt.msg)
		})
	}

	t.Run("RAM user needs sts:AssumeRole", func(t *testing.T) {
		u, err := s.AddUser(sandbox.DemoAccountB, "etl")
		must(t, err)
		uc := stsClient(t, s, akCred(u.Keys[0]))
		_, err = assumeRole(uc, arn, "etl", "", "")
		se := wantError(t, err, "NoPermission", 403)
		if se.AccessDeniedDetail()["AuthAction"] != "sts:AssumeRole" {
			t.Fatalf("AccessDeniedDetail = %v", se.AccessDeniedDetail())
		}
		must(t, s.AttachPolicyToUser(sandbox.DemoAccountB, "etl", sandbox.PolicySystem, "AliyunSTSAssumeRoleAccess"))
		_, err = assumeRole(uc, arn, "etl", "", "")
		must(t, err)
	})
}

func TestAssumeRoleForService(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	a, b := account(t, s, sandbox.DemoAccountA), account(t, s, sandbox.DemoAccountB)
	rc := ramClient(t, s, akCred(a.Keys[0]))
	createRole(t, rc, "AliyunODPSRoleForOtherUser", fmt.Sprintf(trustODPS, b.UID))
	createRole(t, rc, "SameAccountOnly", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["odps.aliyuncs.com"]}}]}`)
	createPolicy(t, rc, "cap1-read", readOTS)
	createPolicy(t, rc, "mixed-case", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","Resource":"acs:ots:*:*:instance/Cap1/table/*"}]}`)
	must(t, attach(t, rc, "AliyunODPSRoleForOtherUser", "Custom", "cap1-read"))
	must(t, attach(t, rc, "SameAccountOnly", "Custom", "mixed-case"))
	arn := "acs:ram::" + a.UID + ":role/aliyunodpsroleforotheruser"
	odpsB := b.UID + "@odps.aliyuncs.com"

	var apiErr *sandbox.APIError
	// B1: the DDL names a role A never created.
	_, err := s.AssumeRoleForService("acs:ram::"+a.UID+":role/aliyunodpsdefaultrole", odpsB)
	if !errors.As(err, &apiErr) || apiErr.Code != "EntityNotExist.Role" || apiErr.Status != 404 ||
		apiErr.Message != "The role not exists: acs:ram::"+a.UID+":role/aliyunodpsdefaultrole." {
		t.Fatalf("missing role: %v", err)
	}
	// B9: the trust policy names the wrong principal.
	for _, p := range []string{"odps.aliyuncs.com", a.UID + "@odps.aliyuncs.com"} {
		_, err = s.AssumeRoleForService(arn, p)
		if !errors.As(err, &apiErr) || apiErr.Code != "NoPermission" || apiErr.Status != 403 || !strings.Contains(apiErr.Message, "not authorized") {
			t.Fatalf("principal %s: %v", p, err)
		}
	}

	sess, err := s.AssumeRoleForService(arn, odpsB)
	must(t, err)
	id := sess.Identity
	if id.Type != sandbox.IdentityAssumedRole || id.AccountID != a.UID || id.RoleARN != arn || id.Service != odpsB || len(id.Policies) != 1 {
		t.Fatalf("session identity = %+v", id)
	}
	if strings.Contains(fmt.Sprint(sess), sess.Credentials.AccessKeySecret) || strings.Contains(fmt.Sprintf("%#v", sess), sess.Credentials.SecurityToken) {
		t.Fatal("printing a session leaks its secret or token")
	}
	// Its credentials resolve, for the data planes' signature checks.
	secret, rid, err := s.ResolveAccessKey(sess.Credentials.AccessKeyID, sess.Credentials.SecurityToken)
	must(t, err)
	if secret != sess.Credentials.AccessKeySecret || rid.RoleName != "AliyunODPSRoleForOtherUser" {
		t.Fatalf("ResolveAccessKey = %q %+v", secret, rid)
	}

	table := "acs:ots:cn-hangzhou:" + a.UID + ":instance/cap1/table/vehicle_track"
	checks := []struct {
		id       sandbox.Identity
		action   string
		resource string
		want     policy.Decision
	}{
		{id, "ots:GetRange", table, policy.Allowed},
		{id, "ots:DescribeTable", "acs:ots:cn-hangzhou:" + a.UID + ":instance/cap1", policy.Allowed},
		{id, "ots:PutRow", table, policy.ImplicitDeny},
		{id, "ots:GetRange", "acs:ots:cn-hangzhou:" + a.UID + ":instance/cap2/table/t", policy.ImplicitDeny},
		{id, "ots:GetRange", "acs:ots:cn-hangzhou:" + b.UID + ":instance/cap1/table/vehicle_track", policy.ImplicitDeny},
	}
	// B8: a policy naming instance/Cap1 grants nothing on cap1.
	sameSess, err := s.AssumeRoleForService("acs:ram::"+a.UID+":role/SameAccountOnly", "odps.aliyuncs.com")
	must(t, err)
	checks = append(checks, struct {
		id       sandbox.Identity
		action   string
		resource string
		want     policy.Decision
	}{sameSess.Identity, "ots:GetRange", table, policy.ImplicitDeny})
	for _, c := range checks {
		if got := s.Authorize(c.id, c.action, c.resource); got != c.want {
			t.Errorf("Authorize(%s, %s, %s) = %v, want %v", c.id.RoleName, c.action, c.resource, got, c.want)
		}
	}

	// The session keeps the policies it was issued with.
	det := ramDetach(t, rc, "AliyunODPSRoleForOtherUser", "Custom", "cap1-read")
	must(t, det)
	_, rid, err = s.ResolveAccessKey(sess.Credentials.AccessKeyID, sess.Credentials.SecurityToken)
	must(t, err)
	if s.Authorize(rid, "ots:GetRange", table) != policy.Allowed {
		t.Fatal("the session lost the policies it was issued with")
	}
	again, err := s.AssumeRoleForService(arn, odpsB)
	must(t, err)
	if s.Authorize(again.Identity, "ots:GetRange", table) != policy.ImplicitDeny {
		t.Fatal("a new session still has a detached policy")
	}
}

func TestAuthorizeRootsAndInlinePolicies(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	a, b := account(t, s, sandbox.DemoAccountA), account(t, s, sandbox.DemoAccountB)
	_, rootA, err := s.ResolveAccessKey(a.Keys[0].ID, "")
	must(t, err)
	if rootA.Type != sandbox.IdentityAccount || rootA.Type.String() != "Account" {
		t.Fatalf("root identity = %+v", rootA)
	}
	own := "acs:ots:cn-hangzhou:" + a.UID + ":instance/cap1/table/t"
	if s.Authorize(rootA, "ots:PutRow", own) != policy.Allowed {
		t.Fatal("a root may act in its own account")
	}
	if s.Authorize(rootA, "ots:PutRow", "acs:ots:cn-hangzhou:"+b.UID+":instance/cap1/table/t") != policy.ImplicitDeny {
		t.Fatal("a root may not act in another account")
	}
	_, _, err = s.ResolveAccessKey("LTAI5tNoSuchKey", "")
	var apiErr *sandbox.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "InvalidAccessKeyId.NotFound" {
		t.Fatalf("unknown key: %v", err)
	}

	// An inline session policy narrows what the role's policies allow.
	rc := ramClient(t, s, akCred(a.Keys[0]))
	createRole(t, rc, "Writer", fmt.Sprintf(trustRootB, a.UID))
	must(t, attach(t, rc, "Writer", "System", "AliyunOTSFullAccess"))
	inline := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:Get*","Resource":"*"}]}`
	resp, err := assumeRole(stsClient(t, s, akCred(assumer(t, s, sandbox.DemoAccountA))), "acs:ram::"+a.UID+":role/writer", "narrow", "", inline)
	must(t, err)
	_, sid, err := s.ResolveAccessKey(resp.Credentials.AccessKeyId, resp.Credentials.SecurityToken)
	must(t, err)
	if s.Authorize(sid, "ots:GetRow", own) != policy.Allowed || s.Authorize(sid, "ots:PutRow", own) != policy.ImplicitDeny {
		t.Fatal("the inline policy does not narrow the session")
	}
}

func ramDetach(t *testing.T, c *ram.Client, role, typ, name string) error {
	t.Helper()
	req := ram.CreateDetachPolicyFromRoleRequest()
	req.RoleName, req.PolicyType, req.PolicyName = role, typ, name
	_, err := c.DetachPolicyFromRole(req)
	return err
}
