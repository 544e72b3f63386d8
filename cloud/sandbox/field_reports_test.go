package sandbox_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud/sandbox"
)

// Field reports: real users' failures, replayed against the sandbox with the
// official SDKs. Each must fail the way it failed for them.

// B1: the DDL names aliyunodpsdefaultrole, which account A never created (it
// has AliyunODPSRoleForOtherUser). MaxCompute assumes the role when it
// compiles the DDL, so CREATE fails, quoting STS whole.
func TestFieldReportB1RoleMissing(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	ddl := c.good
	ddl.roleARN = "acs:ram::" + c.a.UID + ":role/aliyunodpsdefaultrole"
	matchText(t, c.fails(ddl.String()),
		`ODPS-0130071:[1,1] Semantic analysis exception - external table checking failure, error message: `+
			`{"RequestId":"{ID}","HostId":"sts.aliyuncs.com","Code":"EntityNotExist.Role",`+
			`"Message":"The role not exists: acs:ram::`+c.a.UID+`:role/aliyunodpsdefaultrole."}`)
	if ok, err := c.odps.Table(chainExternal).Exists(); ok || err != nil {
		t.Errorf("the table exists (%v) after a failed CREATE", err)
	}
	// The role that does exist works.
	c.mustRun(c.good.String())
	c.wantVehicleOne(c.query(chainQuery))
}

// B2: instance cap1 is in cn-hangzhou, the user typed a cn-shanghai host.
// MaxCompute never reaches an instance there and times out; CREATE itself
// succeeds, as it does not connect.
func TestFieldReportB2WrongEndpoint(t *testing.T) {
	t.Parallel()
	var log syncBuffer
	c := newChain(t, sandbox.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	for _, location := range []string{
		"tablestore://cap1.cn-shanghai.ots-internal.aliyuncs.com", // the report's host
		"tablestore://cap1.cn-hangzhou.ots.aliyuncs.com",          // a non-internal host
		"tablestore://cap1.cn-hangzhou.vpc.tablestore.aliyuncs.com",
	} {
		ddl := c.good
		ddl.location = location
		c.createExternal(ddl)
		if got := c.fails(chainQuery); got != "ODPS-0010000:System internal error - std::exception:Message: a timeout was reached" {
			t.Errorf("LOCATION %s: %s", location, got)
		}
	}
	c.createExternal(c.good)
	c.wantVehicleOne(c.query(chainQuery))
	// MaxCompute only says "timeout"; the sandbox's log says why, and
	// never a secret.
	text := log.String()
	for _, why := range []string{"is in cn-shanghai", "is not the classic internal endpoint"} {
		if !strings.Contains(text, why) {
			t.Errorf("the log does not explain %q:\n%s", why, text)
		}
	}
	for _, k := range []sandbox.Account{c.a, c.b} {
		if strings.Contains(text, k.Keys[0].Secret) {
			t.Fatal("the log holds a secret")
		}
	}
}

// B4: vid is declared string over an INTEGER key. The job fails reading the
// key with the storage handler's own message.
func TestFieldReportB4PrimaryKeyType(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	ddl := c.good
	ddl.columns, ddl.mapping = "vid string, gt bigint", ":vid,:gt"
	c.mustRun(ddl.String())
	got := c.fails("SELECT * FROM ots_vehicle_track LIMIT 10;")
	if got != "ODPS-0010000:System internal error - fuxi job failed, caused by: std::exception:Message: PrimaryKeyValue is not STRING type." {
		t.Errorf("got %s", got)
	}
}

// B9: the trust policy in A names odps.aliyuncs.com (right only when one
// account owns both sides) or A's own UID; across accounts MaxCompute
// presents <UID of B>@odps.aliyuncs.com and STS refuses it at CREATE.
func TestFieldReportB9SameAccountPrincipal(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	for _, principal := range []string{"odps.aliyuncs.com", c.a.UID + "@odps.aliyuncs.com"} {
		restore := c.setTrust(trustDoc(principal))
		matchText(t, c.fails(c.good.String()),
			`ODPS-0130071:[1,1] Semantic analysis exception - external table checking failure, error message: `+
				`{"RequestId":"{ID}","HostId":"sts.aliyuncs.com","Code":"NoPermission","Message":"You are not authorized to do this action. You should be authorized by RAM. `+
				`(sandbox: the trust policy of role `+chainRole+` does not admit the service principal `+c.b.UID+`@odps.aliyuncs.com)"}`)
		restore()
	}
	c.mustRun(c.good.String())
	c.wantVehicleOne(c.query(chainQuery))
}

// B9's other half: when one account owns both the project and the role,
// MaxCompute presents odps.aliyuncs.com, and that principal is right.
func TestSameAccountChainTrustsODPS(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	// A project of account A's own reads A's table through A's role.
	must(t, c.s.AddProject(sandbox.Project{Name: "a_project", Owner: c.a.UID, Region: chainRegion}))
	c.odps = newODPS(c, c.a, "a_project")
	ddl := c.good.String()
	if got := c.fails(ddl); !strings.Contains(got, "does not admit the service principal odps.aliyuncs.com") {
		t.Fatalf("a same-account project with a cross-account trust: %s", got)
	}
	c.setTrust(trustDoc("odps.aliyuncs.com"))
	c.mustRun(ddl)
	c.wantVehicleOne(c.query(chainQuery))
}
