package sandbox_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/mcots/wizard/cloud/sandbox"
)

// The whole cross-account chain, with the official SDKs only: role, trust,
// policy and attachment in A; instance, table and rows in A; the external
// table in B; the SELECT returns A's rows.
func TestChainEndToEnd(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	c.mustRun(c.good.String())
	c.s.ResetCalls()
	c.wantVehicleOne(c.query(chainQuery))

	// The read went the way MaxCompute goes: one role assumption as B's
	// MaxCompute principal, then Tablestore as that role — and wrote
	// nothing.
	calls := c.s.Calls()
	for _, want := range []sandbox.Call{
		{Service: sandbox.ServiceSTS, Action: "AssumeRole"},
		{Service: sandbox.ServiceTablestore, Action: "DescribeTable"},
		{Service: sandbox.ServiceTablestore, Action: "ComputeSplitPointsBySize"},
		{Service: sandbox.ServiceTablestore, Action: "GetRange"},
		{Service: sandbox.ServiceMaxCompute, Action: "SQL Select"},
		{Service: sandbox.ServiceMaxCompute, Action: "CreateInstance"},
	} {
		if st := calls[want]; st.Count != 1 || st.Errors != 0 {
			t.Errorf("%s: %+v, want one successful call (all calls: %v)", want, st, calls)
		}
	}
	if n := c.s.Writes(); n != 0 {
		t.Errorf("a SELECT made %d writes", n)
	}

	// Every column type converts by the type table, NULLs included.
	all := c.query("SELECT * FROM ots_vehicle_track;")
	if len(all) != 4 || !reflect.DeepEqual(all[3], []string{"2", "1717200000000", "12.25", "ZJ-B 2"}) {
		t.Errorf("SELECT * = %q", all)
	}
	count := c.query("SELECT COUNT(*) FROM ots_vehicle_track WHERE vid = 1 AND gt = 1717200030000;")
	if !reflect.DeepEqual(count, [][]string{{"_c0"}, {"1"}}) {
		t.Errorf("a full-key count = %q", count)
	}
}

// Each single breakage of the chain makes the SELECT fail with the text
// MaxCompute gives, at the link that broke and nowhere else; undoing it
// makes the same SELECT work again.
func TestChainSingleBreakages(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	c.mustRun(c.good.String())
	c.wantVehicleOne(c.query(chainQuery))

	const (
		checking = `ODPS-0130071:[1,1] Semantic analysis exception - external table checking failure, error message: `
		job      = "ODPS-0010000:System internal error - fuxi job failed, caused by: std::exception:Message: "
		timeout  = "ODPS-0010000:System internal error - std::exception:Message: a timeout was reached"
		noPerm   = job + "[ErrorCode]:OTSNoPermissionAccess, [Message]:You have no permission to access the requested resource, please contact the resource owner, [RequestId]:{ID}"
		selectF  = "maxcompute:SQL Select"
	)
	principalB := c.b.UID + "@odps.aliyuncs.com"
	untrusted := func(principal string) string {
		return checking + `{"RequestId":"{ID}","HostId":"sts.aliyuncs.com","Code":"NoPermission","Message":"You are not authorized to do this action. You should be authorized by RAM. (sandbox: the trust policy of role ` +
			chainRole + ` does not admit the service principal ` + principal + `)"}`
	}
	withDDL := func(d chainDDL) func(*chain) func() {
		return func(c *chain) func() {
			c.createExternal(d)
			return func() { c.createExternal(c.good) }
		}
	}
	ddl := func(edit func(*chainDDL)) chainDDL {
		d := c.good
		edit(&d)
		return d
	}
	cases := []struct {
		name   string
		breaks func(c *chain) (restore func())
		want   string
		failed []string // the calls that fail, besides nothing else
	}{
		{"trust names odps.aliyuncs.com across accounts",
			func(c *chain) func() { return c.setTrust(trustDoc("odps.aliyuncs.com")) },
			untrusted(principalB), []string{selectF, "sts:AssumeRole"}},
		{"trust names A's UID",
			func(c *chain) func() { return c.setTrust(trustDoc(c.a.UID + "@odps.aliyuncs.com")) },
			untrusted(principalB), []string{selectF, "sts:AssumeRole"}},
		{"policy not attached",
			func(c *chain) func() {
				must(c.t, ramDetach(c.t, c.ram, chainRole, "Custom", chainPolicy))
				return func() { must(c.t, attach(c.t, c.ram, chainRole, "Custom", chainPolicy)) }
			},
			noPerm, []string{selectF, "tablestore:DescribeTable"}},
		{"policy without ots:GetRange",
			func(c *chain) func() {
				var actions []string
				for _, a := range chainReadActions() {
					if a != "ots:GetRange" {
						actions = append(actions, a)
					}
				}
				return c.setDefaultPolicy(permissionDoc(c.a.UID, chainInstance, actions))
			},
			noPerm, []string{selectF, "tablestore:GetRange"}},
		{"policy scoped to instance/Cap1",
			func(c *chain) func() { return c.setDefaultPolicy(permissionDoc(c.a.UID, "Cap1", chainReadActions())) },
			noPerm, []string{selectF, "tablestore:DescribeTable"}},
		{"LOCATION in another region",
			withDDL(ddl(func(d *chainDDL) { d.location = "tablestore://cap1.cn-shanghai.ots-internal.aliyuncs.com" })),
			timeout, []string{selectF}},
		{"wrong instance label",
			withDDL(ddl(func(d *chainDDL) { d.location = "tablestore://cap2.cn-hangzhou.ots-internal.aliyuncs.com" })),
			timeout, []string{selectF}},
		{"mapping missing :gt",
			withDDL(ddl(func(d *chainDDL) {
				d.columns, d.mapping = "vid bigint, speed double, plate string", ":vid, speed, plate"
			})),
			job + "[ErrorCode]:OTSParameterInvalid, [Message]:Validate PK size fail. Input: 1, Meta: 2., [RequestId]:{ID}", []string{selectF}},
		{"vid string",
			withDDL(ddl(func(d *chainDDL) { d.columns = "vid string, gt bigint, speed double, plate string" })),
			job + "PrimaryKeyValue is not STRING type.", []string{selectF}},
		{"role ARN naming a role that does not exist",
			func(c *chain) func() {
				must(c.t, ramDetach(c.t, c.ram, chainRole, "Custom", chainPolicy))
				del := ram.CreateDeleteRoleRequest()
				del.RoleName = chainRole
				_, err := c.ram.DeleteRole(del)
				must(c.t, err)
				return func() {
					createRole(c.t, c.ram, chainRole, trustDoc(principalB))
					must(c.t, attach(c.t, c.ram, chainRole, "Custom", chainPolicy))
				}
			},
			checking + `{"RequestId":"{ID}","HostId":"sts.aliyuncs.com","Code":"EntityNotExist.Role","Message":"The role not exists: ` + c.roleARN + `."}`,
			[]string{selectF, "sts:AssumeRole"}},
	}
	// SELECT * names no column a broken DDL may lack.
	const broken = "SELECT * FROM ots_vehicle_track WHERE vid = 1 LIMIT 10;"
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := c.with(t)
			restore := tc.breaks(c)
			c.s.ResetCalls()
			matchText(t, c.fails(broken), tc.want)
			if got := failedCalls(c.s); !reflect.DeepEqual(got, sortedCopy(tc.failed)) {
				t.Errorf("failed calls %v, want only %v", got, sortedCopy(tc.failed))
			}
			restore()
			c.wantVehicleOne(c.query(chainQuery))
		})
	}
}

func sortedCopy(s []string) []string { return slices.Sorted(slices.Values(s)) }

// A role with write actions lets INSERT reach Tablestore as that role; the
// read-only role is refused and changes nothing.
func TestChainWritesThroughTheRole(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	c.mustRun(c.good.String())
	insert := "INSERT INTO ots_vehicle_track (vid, gt, speed, plate) VALUES (7, 1717200090000, 55.5, 'ZJ-C 7');"
	matchText(t, c.fails(insert), "ODPS-0010000:System internal error - fuxi job failed, caused by: std::exception:Message: "+
		"[ErrorCode]:OTSNoPermissionAccess, [Message]:You have no permission to access the requested resource, please contact the resource owner, [RequestId]:{ID}")

	c.setDefaultPolicy(permissionDoc(c.a.UID, chainInstance, append(chainReadActions(), "ots:BatchWriteRow")))
	c.s.ResetCalls()
	c.mustRun(insert)
	if n := c.s.Writes(); n != 2 {
		t.Errorf("an INSERT counted %d writes (want the statement and its BatchWriteRow): %v", n, c.s.Calls())
	}
	got, err := getRow(c.owner, 7, 1717200090000)
	must(t, err)
	if fmt.Sprint(got) != "map[plate:ZJ-C 7 speed:55.5]" {
		t.Errorf("account A reads back %v", got)
	}
	if rows := c.query("SELECT plate FROM ots_vehicle_track WHERE vid = 7;"); !reflect.DeepEqual(rows, [][]string{{"plate"}, {"ZJ-C 7"}}) {
		t.Errorf("B reads back %q", rows)
	}
}

// A LOCATION that embeds an AccessKey needs no role: MaxCompute acts with
// that key, and Tablestore judges it like any caller's. Instance labels
// compare case-insensitively.
func TestChainLocationWithAccessKey(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	keyed := func(id, secret, label string) chainDDL {
		d := c.good
		d.roleARN = ""
		d.location = "tablestore://" + id + ":" + secret + "@" + label + ".cn-hangzhou.ots-internal.aliyuncs.com"
		return d
	}
	const authFailed = "ODPS-0010000:System internal error - fuxi job failed, caused by: std::exception:Message: [ErrorCode]:OTSAuthFailed, [Message]:"
	for _, tc := range []struct {
		name string
		ddl  chainDDL
		want string // "" means the SELECT works
	}{
		{"the owner's key", keyed(c.a.Keys[0].ID, c.a.Keys[0].Secret, "Cap1"), ""},
		{"a wrong secret", keyed(c.a.Keys[0].ID, "not-the-secret", "cap1"), authFailed + "Signature mismatch., [RequestId]:{ID}"},
		{"an unknown key", keyed("LTAInobody", "x", "cap1"), authFailed + "The AccessKeyID does not exist., [RequestId]:{ID}"},
		{"another account's key", keyed(c.b.Keys[0].ID, c.b.Keys[0].Secret, "cap1"), authFailed + "The user has no privilege to access the instance., [RequestId]:{ID}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := c.with(t)
			c.createExternal(tc.ddl)
			c.s.ResetCalls()
			if tc.want == "" {
				c.wantVehicleOne(c.query(chainQuery))
			} else {
				matchText(t, c.fails(chainQuery), tc.want)
			}
			if n := c.s.Calls()[sandbox.Call{Service: sandbox.ServiceSTS, Action: "AssumeRole"}].Count; n != 0 {
				t.Errorf("a keyed LOCATION assumed a role %d times", n)
			}
		})
	}
}
