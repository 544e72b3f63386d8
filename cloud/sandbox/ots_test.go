package sandbox_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ots"

	"github.com/mcots/wizard/cloud/sandbox"
)

func insertInstance(c *ots.Client, name, cluster, network string, tags ...ots.InsertInstanceTagInfo) error {
	req := ots.CreateInsertInstanceRequest()
	req.InstanceName, req.ClusterType, req.Network = name, cluster, network
	if len(tags) > 0 {
		req.TagInfo = &tags
	}
	_, err := c.InsertInstance(req)
	return err
}

// getInstance uses GET, as terraform does.
func getInstance(c *ots.Client, name string) (*ots.GetInstanceResponse, error) {
	req := ots.CreateGetInstanceRequest()
	req.Method = "GET"
	req.InstanceName = name
	return c.GetInstance(req)
}

func TestInstanceLifecycle(t *testing.T) {
	t.Parallel()
	clock := sandbox.NewManualClock(time.Now())
	s := start(t, sandbox.Options{Clock: clock, InstanceReadyDelay: 1500 * time.Millisecond})
	a := account(t, s, sandbox.DemoAccountA)
	c := otsClient(t, s, akCred(a.Keys[0]))

	must(t, insertInstance(c, "cap1", "HYBRID", "", ots.InsertInstanceTagInfo{TagKey: "owner", TagValue: "wizard"}))
	got, err := getInstance(c, "CAP1")
	must(t, err)
	info := got.InstanceInfo
	if info.InstanceName != "cap1" || info.Status == 1 || info.ClusterType != "HYBRID" || info.Network != "NORMAL" ||
		info.UserId != a.UID || info.Quota.EntityQuota != 64 || len(info.TagInfos.TagInfo) != 1 || info.TagInfos.TagInfo[0].TagKey != "owner" {
		t.Fatalf("fresh instance = %+v", info)
	}
	if in, ok := s.Instance("cn-hangzhou", "Cap1"); !ok || in.Status != sandbox.InstanceCreating || in.Owner != a.UID {
		t.Fatalf("Instance() = %+v %t", in, ok)
	}
	// Callers must poll: it becomes running after the delay.
	clock.Advance(1500 * time.Millisecond)
	got, err = getInstance(c, "cap1")
	must(t, err)
	if got.InstanceInfo.Status != 1 {
		t.Fatalf("status after the delay = %d", got.InstanceInfo.Status)
	}

	ureq := ots.CreateUpdateInstanceRequest()
	ureq.InstanceName, ureq.Network = "cap1", "VPC"
	_, err = c.UpdateInstance(ureq)
	must(t, err)
	if got, _ := getInstance(c, "cap1"); got.InstanceInfo.Network != "VPC" {
		t.Fatalf("network after update = %s", got.InstanceInfo.Network)
	}
	ureq.Network = "PUBLIC"
	_, err = c.UpdateInstance(ureq)
	wantError(t, err, "OTSParameterInvalid", 400, "NORMAL")
	// A fresh request: the SDK keeps a reused request's old value when a
	// field is set back to "".
	ureq = ots.CreateUpdateInstanceRequest()
	ureq.InstanceName = "cap1"
	_, err = c.UpdateInstance(ureq)
	wantError(t, err, "OTSParameterInvalid", 400, "Nothing to update")

	dreq := ots.CreateDeleteInstanceRequest()
	dreq.InstanceName = "cap1"
	_, err = c.DeleteInstance(dreq)
	must(t, err)
	if got, _ := getInstance(c, "cap1"); got.InstanceInfo.Status != 3 {
		t.Fatalf("status while deleting = %d", got.InstanceInfo.Status)
	}
	// The name stays taken until the deletion completes.
	wantError(t, insertInstance(c, "cap1", "SSD", ""), "OTSObjectAlreadyExist", 409)
	clock.Advance(1500 * time.Millisecond)
	_, err = getInstance(c, "cap1")
	wantError(t, err, "NotFound", 404, "cap1")
	_, err = c.DeleteInstance(dreq)
	wantError(t, err, "NotFound", 404)
	must(t, insertInstance(c, "cap1", "SSD", ""))
}

func TestInstanceValidation(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	a, b := account(t, s, sandbox.DemoAccountA), account(t, s, sandbox.DemoAccountB)
	ca, cb := otsClient(t, s, akCred(a.Keys[0])), otsClient(t, s, akCred(b.Keys[0]))
	must(t, insertInstance(cb, "taken", "SSD", "VPC_CONSOLE"))

	tests := []struct {
		name, inst, cluster, network string
		code                         string
		status                       int
		msg                          string
	}{
		{"reserved substring ots", "my-ots-1", "SSD", "", "OTSParameterInvalid", 400, `"ots"`},
		{"reserved substring ali", "Alice1", "SSD", "", "OTSParameterInvalid", 400, `"ali"`},
		{"too short", "ab", "SSD", "", "OTSParameterInvalid", 400, "3–16"},
		{"starts with digit", "1cap", "SSD", "", "OTSParameterInvalid", 400, "start with a letter"},
		{"ends with hyphen", "cap-", "SSD", "", "OTSParameterInvalid", 400, "end with"},
		{"underscore", "cap_1", "SSD", "", "OTSParameterInvalid", 400, "may contain only"},
		{"bad cluster", "cap2", "FAST", "", "OTSParameterInvalid", 400, "ClusterType"},
		{"missing cluster", "cap2", "", "", "MissingParameter", 400, "ClusterType"},
		{"bad network", "cap2", "SSD", "INTERNET", "OTSParameterInvalid", 400, "Network"},
		{"taken by another account", "TAKEN", "SSD", "", "OTSObjectAlreadyExist", 409, "unique per region"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, insertInstance(ca, tt.inst, tt.cluster, tt.network), tt.code, tt.status, tt.msg)
		})
	}
	// Another region is another namespace.
	must(t, insertInstance(otsClient(t, s, akCred(a.Keys[0]), clientOptions{region: "cn-shanghai"}), "taken", "SSD", ""))
	// B's instance is invisible to A.
	_, err := getInstance(ca, "taken")
	wantError(t, err, "NotFound", 404)
	// Unknown regions have no endpoint.
	_, err = getInstance(otsClient(t, s, akCred(a.Keys[0]), clientOptions{region: "xx-nowhere-1"}), "taken")
	wantError(t, err, "InvalidRegionId", 400)
}

func TestInstanceQuotaAndList(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	c := otsClient(t, s, rootCred(t, s, sandbox.DemoAccountA))
	shanghai := otsClient(t, s, rootCred(t, s, sandbox.DemoAccountA), clientOptions{region: "cn-shanghai"})
	must(t, insertInstance(shanghai, "far1", "SSD", ""))
	for i := range 9 {
		tag := ots.InsertInstanceTagInfo{TagKey: "parity", TagValue: fmt.Sprint(i % 2)}
		must(t, insertInstance(c, fmt.Sprintf("inst%d", i), "SSD", "", tag))
	}
	// The quota counts every region: this is the eleventh.
	wantError(t, insertInstance(c, "inst9", "SSD", ""), "OTSQuotaExhausted", 403, "quota")

	list := func(num, size string, tags ...ots.ListInstanceTagInfo) *ots.ListInstanceResponse {
		t.Helper()
		req := ots.CreateListInstanceRequest()
		req.Method = "GET"
		req.PageNum, req.PageSize = requests.Integer(num), requests.Integer(size)
		if len(tags) > 0 {
			req.TagInfo = &tags
		}
		resp, err := c.ListInstance(req)
		must(t, err)
		return resp
	}
	page := list("2", "4")
	if page.TotalCount != 9 || page.PageNum != 2 || page.PageSize != 4 || len(page.InstanceInfos.InstanceInfo) != 4 ||
		page.InstanceInfos.InstanceInfo[0].InstanceName != "inst4" {
		t.Fatalf("page 2 = %+v", page)
	}
	if last := list("3", "4"); len(last.InstanceInfos.InstanceInfo) != 1 {
		t.Fatalf("page 3 = %+v", last)
	}
	odd := list("", "", ots.ListInstanceTagInfo{TagKey: "parity", TagValue: "1"})
	if odd.TotalCount != 4 || odd.PageNum != 1 {
		t.Fatalf("tag filter = %+v", odd)
	}
	req := ots.CreateListInstanceRequest()
	req.PageSize = "101"
	_, err := c.ListInstance(req)
	wantError(t, err, "OTSParameterInvalid", 400, "PageSize")

	ct := ots.CreateListClusterTypeRequest()
	ct.Method = "GET"
	types, err := c.ListClusterType(ct)
	must(t, err)
	if fmt.Sprint(types.ClusterTypeInfos.ClusterType) != "[SSD HYBRID]" {
		t.Fatalf("ListClusterType = %+v", types.ClusterTypeInfos)
	}
}

func TestInstanceDeleteGuardAndPermissions(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	c := otsClient(t, s, rootCred(t, s, sandbox.DemoAccountA))
	must(t, insertInstance(c, "cap1", "SSD", ""))
	s.SetInstanceDeleteGuard(func(region, name string) *sandbox.APIError {
		return &sandbox.APIError{Status: http.StatusConflict, Code: "OTSInstanceNotEmpty", Message: "instance " + name + " still has tables"}
	})
	dreq := ots.CreateDeleteInstanceRequest()
	dreq.InstanceName = "cap1"
	_, err := c.DeleteInstance(dreq)
	wantError(t, err, "OTSInstanceNotEmpty", 409, "still has tables")
	s.SetInstanceDeleteGuard(nil)

	u, err := s.AddUser(sandbox.DemoAccountA, "viewer")
	must(t, err)
	must(t, s.AttachPolicyToUser(sandbox.DemoAccountA, "viewer", sandbox.PolicySystem, "AliyunOTSReadOnlyAccess"))
	uc := otsClient(t, s, akCred(u.Keys[0]))
	_, err = getInstance(uc, "cap1")
	must(t, err)
	_, err = uc.DeleteInstance(dreq)
	wantError(t, err, "NoPermission", 403)
	wantError(t, insertInstance(uc, "cap2", "SSD", ""), "NoPermission", 403)
	_, err = c.DeleteInstance(dreq)
	must(t, err)
}
