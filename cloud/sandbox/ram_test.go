package sandbox_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/mcots/wizard/cloud/sandbox"
)

func TestRAMRoles(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	a, b := account(t, s, sandbox.DemoAccountA), account(t, s, sandbox.DemoAccountB)
	c := ramClient(t, s, akCred(a.Keys[0]))
	trust := fmt.Sprintf(trustODPS, b.UID)

	created := createRole(t, c, "AliyunODPSRoleForOtherUser", trust)
	r := created.Role
	if r.RoleName != "AliyunODPSRoleForOtherUser" || r.Arn != "acs:ram::"+a.UID+":role/aliyunodpsroleforotheruser" ||
		!regexp.MustCompile(`^[1-9][0-9]{17}$`).MatchString(r.RoleId) || r.MaxSessionDuration != 3600 ||
		r.AssumeRolePolicyDocument != trust || r.CreateDate == "" || created.RequestId == "" {
		t.Fatalf("CreateRole = %+v", created)
	}
	if _, err := time.Parse("2006-01-02T15:04:05Z", r.CreateDate); err != nil {
		t.Fatalf("CreateDate %q: %v", r.CreateDate, err)
	}

	t.Run("create errors", func(t *testing.T) {
		tests := []struct {
			name, role, trust, desc, msd string
			code                         string
			status                       int
			msg                          string
		}{
			{"same name other case", "aliyunodpsroleforotheruser", trust, "", "", "EntityAlreadyExists.Role", 409, "EXIST"},
			{"invalid chars", "my role", trust, "", "", "InvalidParameter.RoleName.InvalidChars", 400, "may contain only"},
			{"underscore", "my_role", trust, "", "", "InvalidParameter.RoleName.InvalidChars", 400, "'_'"},
			{"too long", strings.Repeat("r", 65), trust, "", "", "InvalidParameter.RoleName.Length", 400, "1–64"},
			{"missing name", "", trust, "", "", "MissingParameter", 400, "RoleName"},
			{"missing trust", "r1", "", "", "", "MissingParameter", 400, "AssumeRolePolicyDocument"},
			{"trust syntax", "r1", `{"Version":"1","Statement":[}`, "", "", "MalformedPolicyDocument", 400, "line 1, column"},
			{"permission doc as trust", "r1", readOTS, "", "", "MalformedPolicyDocument", 400, "Principal"},
			{"version 2012", "r1", strings.Replace(trust, `"Version":"1"`, `"Version":"2012-10-17"`, 1), "", "", "MalformedPolicyDocument", 400, `Version: must be the string "1"`},
			{"trust too long", "r1", trust + strings.Repeat(" ", 2049-len(trust)), "", "", "InvalidParameter.AssumeRolePolicyDocument.Length", 400, "2048"},
			{"description too long", "r1", trust, strings.Repeat("d", 1025), "", "InvalidParameter.Description.Length", 400, "1024"},
			{"session too short", "r1", trust, "", "900", "InvalidParameter.MaxSessionDuration", 400, "3600 and 43200"},
			{"session too long", "r1", trust, "", "43201", "InvalidParameter.MaxSessionDuration", 400, "3600 and 43200"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := ram.CreateCreateRoleRequest()
				req.RoleName, req.AssumeRolePolicyDocument, req.Description = tt.role, tt.trust, tt.desc
				req.MaxSessionDuration = requests.Integer(tt.msd)
				_, err := c.CreateRole(req)
				wantError(t, err, tt.code, tt.status, tt.msg)
			})
		}
	})

	t.Run("get", func(t *testing.T) {
		req := ram.CreateGetRoleRequest()
		req.RoleName = "ALIYUNODPSROLEFOROTHERUSER"
		got, err := c.GetRole(req)
		must(t, err)
		if got.Role.RoleId != r.RoleId || got.Role.Arn != r.Arn {
			t.Fatalf("GetRole = %+v", got.Role)
		}
		req.RoleName = "NoSuchRole"
		_, err = c.GetRole(req)
		wantError(t, err, "EntityNotExist.Role", 404, "NoSuchRole")
		// Roles are per account: B does not see A's role.
		req.RoleName = r.RoleName
		_, err = ramClient(t, s, akCred(b.Keys[0])).GetRole(req)
		wantError(t, err, "EntityNotExist.Role", 404)
	})

	t.Run("update", func(t *testing.T) {
		newTrust := fmt.Sprintf(trustRootB, b.UID)
		req := ram.CreateUpdateRoleRequest()
		req.RoleName = r.RoleName
		req.NewAssumeRolePolicyDocument = newTrust
		req.NewDescription = "for MaxCompute"
		req.NewMaxSessionDuration = "7200"
		got, err := c.UpdateRole(req)
		must(t, err)
		if got.Role.AssumeRolePolicyDocument != newTrust || got.Role.Description != "for MaxCompute" || got.Role.MaxSessionDuration != 7200 {
			t.Fatalf("UpdateRole = %+v", got.Role)
		}
		req = ram.CreateUpdateRoleRequest()
		req.RoleName = r.RoleName
		req.NewAssumeRolePolicyDocument = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`
		_, err = c.UpdateRole(req)
		wantError(t, err, "MalformedPolicyDocument", 400, "Statement[0].Principal")
		// Restore the cross-account trust for later subtests.
		req.NewAssumeRolePolicyDocument = trust
		_, err = c.UpdateRole(req)
		must(t, err)
		req.RoleName = "missing"
		_, err = c.UpdateRole(req)
		wantError(t, err, "EntityNotExist.Role", 404)
	})

	t.Run("list pages", func(t *testing.T) {
		for _, n := range []string{"r-2", "r-3"} {
			createRole(t, c, n, trust)
		}
		req := ram.CreateListRolesRequest()
		req.MaxItems = "2"
		page1, err := c.ListRoles(req)
		must(t, err)
		if !page1.IsTruncated || page1.Marker == "" || len(page1.Roles.Role) != 2 || page1.Roles.Role[0].RoleName != r.RoleName {
			t.Fatalf("page 1 = %+v", page1)
		}
		req.Marker = page1.Marker
		page2, err := c.ListRoles(req)
		must(t, err)
		if page2.IsTruncated || len(page2.Roles.Role) != 1 || page2.Roles.Role[0].RoleName != "r-3" {
			t.Fatalf("page 2 = %+v", page2)
		}
		req.Marker = "bm9uZQ"
		_, err = c.ListRoles(req)
		wantError(t, err, "InvalidParameter.Marker", 400)
		req = ram.CreateListRolesRequest()
		req.MaxItems = "0"
		_, err = c.ListRoles(req)
		wantError(t, err, "InvalidParameter.MaxItems", 400)
	})

	t.Run("delete", func(t *testing.T) {
		must(t, attach(t, c, "r-2", "System", "AliyunOTSReadOnlyAccess"))
		req := ram.CreateDeleteRoleRequest()
		req.RoleName = "r-2"
		_, err := c.DeleteRole(req)
		wantError(t, err, "DeleteConflict.Role.Policy", 409, "detach")
		dreq := ram.CreateDetachPolicyFromRoleRequest()
		dreq.RoleName, dreq.PolicyType, dreq.PolicyName = "r-2", "System", "AliyunOTSReadOnlyAccess"
		_, err = c.DetachPolicyFromRole(dreq)
		must(t, err)
		_, err = c.DeleteRole(req)
		must(t, err)
		_, err = c.DeleteRole(req)
		wantError(t, err, "EntityNotExist.Role", 404)
	})
}

func TestRAMPolicyVersions(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	c := ramClient(t, s, rootCred(t, s, sandbox.DemoAccountA))
	doc := func(n int) string {
		return fmt.Sprintf(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:GetRow","Resource":"acs:ots:*:*:instance/cap%d"}]}`, n)
	}
	createPolicy(t, c, "wizard-read", doc(1))

	get := func() *ram.GetPolicyResponse {
		t.Helper()
		req := ram.CreateGetPolicyRequest()
		req.PolicyName, req.PolicyType = "wizard-read", "Custom"
		resp, err := c.GetPolicy(req)
		must(t, err)
		return resp
	}
	p := get()
	if p.Policy.DefaultVersion != "v1" || p.Policy.PolicyType != "Custom" || p.Policy.PolicyDocument != doc(1) ||
		p.DefaultPolicyVersion.VersionId != "v1" || !p.DefaultPolicyVersion.IsDefaultVersion || p.Policy.AttachmentCount != 0 {
		t.Fatalf("GetPolicy = %+v", p)
	}

	create := func(n int, setDefault bool, rotate string) (*ram.CreatePolicyVersionResponse, error) {
		req := ram.CreateCreatePolicyVersionRequest()
		req.PolicyName, req.PolicyDocument, req.RotateStrategy = "wizard-read", doc(n), rotate
		if setDefault {
			req.SetAsDefault = "true"
		}
		return c.CreatePolicyVersion(req)
	}
	v2, err := create(2, false, "")
	must(t, err)
	if v2.PolicyVersion.VersionId != "v2" || v2.PolicyVersion.IsDefaultVersion {
		t.Fatalf("v2 = %+v", v2.PolicyVersion)
	}
	v3, err := create(3, true, "")
	must(t, err)
	if v3.PolicyVersion.VersionId != "v3" || !v3.PolicyVersion.IsDefaultVersion || get().Policy.DefaultVersion != "v3" {
		t.Fatalf("v3 = %+v", v3.PolicyVersion)
	}
	for n := 4; n <= 5; n++ {
		_, err := create(n, false, "None")
		must(t, err)
	}
	// The sixth version is refused without rotation…
	_, err = create(6, false, "")
	wantError(t, err, "LimitExceeded.Policy.Version", 409, "RotateStrategy")
	_, err = create(6, false, "None")
	wantError(t, err, "LimitExceeded.Policy.Version", 409)
	_, err = create(6, false, "Sometimes")
	wantError(t, err, "InvalidParameter.RotateStrategy", 400)
	// …and with rotation the oldest non-default version (v1) goes.
	v6, err := create(6, false, "DeleteOldestNonDefaultVersionWhenLimitExceeded")
	must(t, err)
	if v6.PolicyVersion.VersionId != "v6" {
		t.Fatalf("v6 = %+v", v6.PolicyVersion)
	}
	lreq := ram.CreateListPolicyVersionsRequest()
	lreq.PolicyName, lreq.PolicyType = "wizard-read", "Custom"
	list, err := c.ListPolicyVersions(lreq)
	must(t, err)
	var ids []string
	for _, v := range list.PolicyVersions.PolicyVersion {
		id := v.VersionId
		if v.IsDefaultVersion {
			id += "*"
		}
		ids = append(ids, id)
	}
	if got := strings.Join(ids, ","); got != "v2,v3*,v4,v5,v6" {
		t.Fatalf("versions = %s", got)
	}

	greq := ram.CreateGetPolicyVersionRequest()
	greq.PolicyName, greq.PolicyType, greq.VersionId = "wizard-read", "Custom", "v4"
	gv, err := c.GetPolicyVersion(greq)
	must(t, err)
	if gv.PolicyVersion.PolicyDocument != doc(4) || gv.PolicyVersion.IsDefaultVersion {
		t.Fatalf("GetPolicyVersion = %+v", gv.PolicyVersion)
	}
	greq.VersionId = "v1"
	_, err = c.GetPolicyVersion(greq)
	wantError(t, err, "EntityNotExist.Policy.Version", 404)
	greq.VersionId = "4"
	_, err = c.GetPolicyVersion(greq)
	wantError(t, err, "InvalidParameter.VersionId.Format", 400)

	dreq := ram.CreateDeletePolicyVersionRequest()
	dreq.PolicyName, dreq.VersionId = "wizard-read", "v3"
	_, err = c.DeletePolicyVersion(dreq)
	wantError(t, err, "DeleteConflict.Policy.Version.Default", 409)

	sreq := ram.CreateSetDefaultPolicyVersionRequest()
	sreq.PolicyName, sreq.VersionId = "wizard-read", "v6"
	_, err = c.SetDefaultPolicyVersion(sreq)
	must(t, err)
	if p := get(); p.Policy.DefaultVersion != "v6" || p.Policy.PolicyDocument != doc(6) {
		t.Fatalf("after SetDefaultPolicyVersion: %+v", p.Policy)
	}
	sreq.VersionId = "v9"
	_, err = c.SetDefaultPolicyVersion(sreq)
	wantError(t, err, "EntityNotExist.Policy.Version", 404)

	// DeletePolicy needs the non-default versions gone first.
	delReq := ram.CreateDeletePolicyRequest()
	delReq.PolicyName = "wizard-read"
	_, err = c.DeletePolicy(delReq)
	wantError(t, err, "DeleteConflict.Policy.Version", 409, "DeletePolicyVersion")
	for _, v := range []string{"v2", "v3", "v4", "v5"} {
		dreq.VersionId = v
		_, err = c.DeletePolicyVersion(dreq)
		must(t, err)
	}
	_, err = c.DeletePolicyVersion(dreq)
	wantError(t, err, "EntityNotExist.Policy.Version", 404)
	_, err = c.DeletePolicy(delReq)
	must(t, err)
	req := ram.CreateGetPolicyRequest()
	req.PolicyName, req.PolicyType = "wizard-read", "Custom"
	_, err = c.GetPolicy(req)
	wantError(t, err, "EntityNotExist.Policy", 404)
}

func TestRAMPolicyErrors(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	c := ramClient(t, s, rootCred(t, s, sandbox.DemoAccountA))
	createPolicy(t, c, "wizard-read", readOTS)

	tests := []struct {
		name, policy, doc, code string
		status                  int
		msg                     string
	}{
		{"duplicate other case", "WIZARD-READ", readOTS, "EntityAlreadyExists.Policy", 409, "EXIST"},
		{"system name", "AliyunOTSReadOnlyAccess", readOTS, "EntityAlreadyExists.Policy", 409, "system"},
		{"underscore", "wizard_read", readOTS, "InvalidParameter.PolicyName.InvalidChars", 400, "'_'"},
		{"too long", strings.Repeat("p", 129), readOTS, "InvalidParameter.PolicyName.Length", 400, "1–128"},
		{"missing doc", "p2", "", "MissingParameter", 400, "PolicyDocument"},
		{"trust as permission", "p2", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"odps.aliyuncs.com"}}]}`, "MalformedPolicyDocument", 400, "trust policies only"},
		{"lowercase effect", "p2", strings.Replace(readOTS, "Allow", "allow", 1), "MalformedPolicyDocument", 400, "spelled exactly"},
		{"doc too long", "p2", readOTS + strings.Repeat(" ", 6145-len(readOTS)), "InvalidParameter.PolicyDocument.Length", 400, "6144"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ram.CreateCreatePolicyRequest()
			req.PolicyName, req.PolicyDocument = tt.policy, tt.doc
			_, err := c.CreatePolicy(req)
			wantError(t, err, tt.code, tt.status, tt.msg)
		})
	}

	req := ram.CreateGetPolicyRequest()
	req.PolicyName = "wizard-read"
	_, err := c.GetPolicy(req)
	wantError(t, err, "MissingParameter", 400, "PolicyType")
	req.PolicyType = "custom"
	_, err = c.GetPolicy(req)
	wantError(t, err, "InvalidParameter.PolicyType", 400)
	req.PolicyType, req.PolicyName = "System", "AliyunOTSReadOnlyAccess"
	sys, err := c.GetPolicy(req)
	must(t, err)
	if sys.Policy.PolicyType != "System" || !strings.Contains(sys.Policy.PolicyDocument, "ots:Get*") || sys.DefaultPolicyVersion.VersionId != "v1" {
		t.Fatalf("system policy = %+v", sys)
	}
	req.PolicyName = "NoSuchPolicy"
	_, err = c.GetPolicy(req)
	wantError(t, err, "EntityNotExist.Policy", 404)

	vreq := ram.CreateCreatePolicyVersionRequest()
	vreq.PolicyName, vreq.PolicyDocument = "wizard-read", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:GetRow","Resource":"cap1"}]}`
	_, err = c.CreatePolicyVersion(vreq)
	wantError(t, err, "MalformedPolicyDocument", 400, "Statement[0].Resource")
	vreq.PolicyName = "AliyunOTSReadOnlyAccess"
	vreq.PolicyDocument = readOTS
	_, err = c.CreatePolicyVersion(vreq)
	wantError(t, err, "EntityNotExist.Policy", 404)
}

func TestRAMAttachments(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	b := account(t, s, sandbox.DemoAccountB)
	c := ramClient(t, s, rootCred(t, s, sandbox.DemoAccountA))
	createRole(t, c, "Reader", fmt.Sprintf(trustODPS, b.UID))
	createPolicy(t, c, "wizard-read", readOTS)

	must(t, attach(t, c, "reader", "Custom", "WIZARD-READ"))
	wantError(t, attach(t, c, "Reader", "Custom", "wizard-read"), "EntityAlreadyExists.Role.Policy", 409, "already attached")
	must(t, attach(t, c, "Reader", "System", "AliyunOTSReadOnlyAccess"))
	wantError(t, attach(t, c, "Reader", "Custom", "missing"), "EntityNotExist.Policy", 404)
	wantError(t, attach(t, c, "Reader", "System", "AliyunNoSuchAccess"), "EntityNotExist.Policy", 404)
	wantError(t, attach(t, c, "Missing", "Custom", "wizard-read"), "EntityNotExist.Role", 404)
	wantError(t, attach(t, c, "Reader", "", "wizard-read"), "MissingParameter", 400, "PolicyType")

	lreq := ram.CreateListPoliciesForRoleRequest()
	lreq.RoleName = "Reader"
	list, err := c.ListPoliciesForRole(lreq)
	must(t, err)
	ps := list.Policies.Policy
	if len(ps) != 2 || ps[0].PolicyName != "wizard-read" || ps[0].PolicyType != "Custom" || ps[0].DefaultVersion != "v1" ||
		ps[0].AttachDate == "" || ps[1].PolicyName != "AliyunOTSReadOnlyAccess" || ps[1].PolicyType != "System" {
		t.Fatalf("ListPoliciesForRole = %+v", ps)
	}
	greq := ram.CreateGetPolicyRequest()
	greq.PolicyName, greq.PolicyType = "wizard-read", "Custom"
	got, err := c.GetPolicy(greq)
	must(t, err)
	if got.Policy.AttachmentCount != 1 {
		t.Fatalf("AttachmentCount = %d", got.Policy.AttachmentCount)
	}

	// Deleting an attached policy is refused.
	dreq := ram.CreateDeletePolicyRequest()
	dreq.PolicyName = "wizard-read"
	_, err = c.DeletePolicy(dreq)
	wantError(t, err, "DeleteConflict.Role.Policy", 409, "attached to role Reader")

	det := ram.CreateDetachPolicyFromRoleRequest()
	det.RoleName, det.PolicyType, det.PolicyName = "Reader", "Custom", "wizard-read"
	_, err = c.DetachPolicyFromRole(det)
	must(t, err)
	_, err = c.DetachPolicyFromRole(det)
	wantError(t, err, "EntityNotExist.Role.Policy", 404, "not attached")
	_, err = c.DeletePolicy(dreq)
	must(t, err)

	// A role holds at most five custom policies.
	for i := range 6 {
		name := fmt.Sprintf("p-%d", i)
		createPolicy(t, c, name, readOTS)
		err := attach(t, c, "Reader", "Custom", name)
		if i < 5 {
			must(t, err)
		} else {
			wantError(t, err, "LimitExceeded.Role.Policy", 409)
		}
	}
}

func TestRAMNoPermission(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	a := account(t, s, sandbox.DemoAccountA)
	root := ramClient(t, s, akCred(a.Keys[0]))
	createRole(t, root, "Existing", fmt.Sprintf(trustRootB, a.UID))
	createPolicy(t, root, "deny-delete", `{"Version":"1","Statement":[{"Effect":"Deny","Action":"ram:Delete*","Resource":"*"}]}`)

	nobody, err := s.AddUser(sandbox.DemoAccountA, "nobody")
	must(t, err)
	reader, err := s.AddUser(sandbox.DemoAccountA, "reader")
	must(t, err)
	must(t, s.AttachPolicyToUser(sandbox.DemoAccountA, "reader", sandbox.PolicySystem, "AliyunRAMReadOnlyAccess"))
	admin, err := s.AddUser(sandbox.DemoAccountA, "admin")
	must(t, err)
	must(t, s.AttachPolicyToUser(sandbox.DemoAccountA, "admin", sandbox.PolicySystem, "AliyunRAMFullAccess"))
	must(t, s.AttachPolicyToUser(sandbox.DemoAccountA, "admin", sandbox.PolicyCustom, "deny-delete"))

	get := ram.CreateGetRoleRequest()
	get.RoleName = "Existing"
	del := ram.CreateDeleteRoleRequest()
	del.RoleName = "Existing"

	_, err = ramClient(t, s, akCred(nobody.Keys[0])).GetRole(get)
	se := wantError(t, err, "NoPermission", 403, "You are not authorized to do this action")
	if d := se.AccessDeniedDetail(); d["AuthAction"] != "ram:GetRole" || d["NoPermissionType"] != "ImplicitDeny" || d["AuthPrincipalType"] != "SubUser" {
		t.Fatalf("AccessDeniedDetail = %v", d)
	}
	_, err = ramClient(t, s, akCred(reader.Keys[0])).GetRole(get)
	must(t, err)
	createReq := ram.CreateCreateRoleRequest()
	createReq.RoleName, createReq.AssumeRolePolicyDocument = "New", fmt.Sprintf(trustRootB, a.UID)
	_, err = ramClient(t, s, akCred(reader.Keys[0])).CreateRole(createReq)
	wantError(t, err, "NoPermission", 403)
	_, err = ramClient(t, s, akCred(admin.Keys[0])).DeleteRole(del)
	se = wantError(t, err, "NoPermission", 403)
	if se.AccessDeniedDetail()["NoPermissionType"] != "ExplicitDeny" {
		t.Fatalf("AccessDeniedDetail = %v", se.AccessDeniedDetail())
	}
	_, err = ramClient(t, s, akCred(admin.Keys[0])).CreateRole(createReq)
	must(t, err)
}
