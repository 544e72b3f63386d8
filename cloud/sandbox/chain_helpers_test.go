package sandbox_test

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ots"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/aliyun-odps-go-sdk/odps"
	odpsaccount "github.com/aliyun/aliyun-odps-go-sdk/odps/account"
	tsdk "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"

	"github.com/mcots/wizard/cloud/sandbox"
)

// The seed's setup: account A owns the role, the policy, instance cap1 and
// table vehicle_track in cn-hangzhou; account B's demo_project reads it
// through the external table ots_vehicle_track.
const (
	chainRole     = "AliyunODPSRoleForOtherUser"
	chainPolicy   = "OdpsReadVehicleTrack"
	chainRegion   = "cn-hangzhou"
	chainInstance = "cap1"
	chainTable    = "vehicle_track"
	chainExternal = "ots_vehicle_track"
	chainQuery    = "SELECT vid, gt, speed, plate FROM ots_vehicle_track WHERE vid = 1 LIMIT 10;"
)

// chainReadActions is the least-privilege read set MaxCompute needs.
func chainReadActions() []string {
	return []string{"ots:DescribeTable", "ots:GetRow", "ots:GetRange", "ots:BatchGetRow", "ots:ComputeSplitPointsBySize"}
}

// trustDoc admits one service principal to sts:AssumeRole.
func trustDoc(principal string) string {
	return fmt.Sprintf(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":[%q]}}]}`, principal)
}

// permissionDoc allows actions on an instance (as written) and its table.
func permissionDoc(uid, instanceLabel string, actions []string) string {
	quoted := make([]string, len(actions))
	for i, a := range actions {
		quoted[i] = fmt.Sprintf("%q", a)
	}
	base := "acs:ots:" + chainRegion + ":" + uid + ":instance/" + instanceLabel
	return fmt.Sprintf(`{"Version":"1","Statement":[{"Effect":"Allow","Action":[%s],"Resource":[%q,%q]}]}`,
		strings.Join(quoted, ","), base, base+"/table/"+chainTable)
}

// chainDDL is the external table's DDL; each field may be overridden. An
// empty roleARN leaves odps.properties.rolearn out.
type chainDDL struct {
	columns, mapping, roleARN, location string
}

func (d chainDDL) String() string {
	role := ""
	if d.roleARN != "" {
		role = fmt.Sprintf(",\n  'odps.properties.rolearn'='%s'", d.roleARN)
	}
	return fmt.Sprintf(`CREATE EXTERNAL TABLE %s (%s)
STORED BY 'com.aliyun.odps.TableStoreStorageHandler'
WITH SERDEPROPERTIES (
  'tablestore.columns.mapping'='%s',
  'tablestore.table.name'='%s'%s
)
LOCATION '%s';`, chainExternal, d.columns, d.mapping, chainTable, role, d.location)
}

// chain is a cross-account setup made with the official SDKs only, over
// the sandbox's loopback listener.
type chain struct {
	t       *testing.T
	s       *sandbox.Sandbox
	a, b    sandbox.Account
	ram     *ram.Client              // account A's RAM
	owner   *tsdk.TableStoreClient   // account A's Tablestore client for cap1
	odps    *odps.Odps               // account B's MaxCompute client on demo_project
	roleARN string                   // as GetRole reports it
	good    chainDDL                 // the working DDL
	rows    []map[string]interface{} // what was put into vehicle_track
}

// newChain builds accounts' resources up to, but not including, the
// external table: role, policy and attachment, instance, table and rows.
func newChain(t *testing.T, opts sandbox.Options) *chain {
	t.Helper()
	s := start(t, opts)
	c := &chain{t: t, s: s, a: account(t, s, sandbox.DemoAccountA), b: account(t, s, sandbox.DemoAccountB)}
	c.ram = ramClient(t, s, akCred(c.a.Keys[0]))

	createRole(t, c.ram, chainRole, trustDoc(c.b.UID+"@odps.aliyuncs.com"))
	get := ram.CreateGetRoleRequest()
	get.RoleName = chainRole
	role, err := c.ram.GetRole(get)
	must(t, err)
	c.roleARN = role.Role.Arn
	createPolicy(t, c.ram, chainPolicy, permissionDoc(c.a.UID, chainInstance, chainReadActions()))
	must(t, attach(t, c.ram, chainRole, "Custom", chainPolicy))

	inst := otsClient(t, s, akCred(c.a.Keys[0]))
	must(t, insertInstance(inst, chainInstance, "SSD", "NORMAL"))
	waitRunning(t, inst, chainInstance)

	c.owner = c.tablestoreClient(c.a.Keys[0].ID, c.a.Keys[0].Secret, "")
	createTrackTable(t, c.owner)
	c.rows = []map[string]interface{}{
		{"vid": int64(1), "gt": int64(1717200000000), "speed": 42.5, "plate": `ZJ-A "1"`},
		{"vid": int64(1), "gt": int64(1717200030000), "speed": 40.0, "plate": "ZJ-A, 1"},
		{"vid": int64(2), "gt": int64(1717200000000), "speed": 12.25, "plate": "ZJ-B 2"},
	}
	for _, r := range c.rows {
		putTrackRow(t, c.owner, r)
	}

	c.odps = newODPS(c, c.b, sandbox.DemoProject)
	c.good = chainDDL{
		columns:  "vid bigint, gt bigint, speed double, plate string",
		mapping:  ":vid, :gt, speed, plate",
		roleARN:  c.roleARN,
		location: "tablestore://" + chainInstance + "." + chainRegion + ".ots-internal.aliyuncs.com",
	}
	return c
}

// with returns the chain reporting to t, for use inside subtests.
func (c *chain) with(t *testing.T) *chain {
	cp := *c
	cp.t = t
	return &cp
}

// tablestoreClient is an official Tablestore client for cap1's public
// endpoint; retries are off so errors surface at once.
func (c *chain) tablestoreClient(ak, sk, token string) *tsdk.TableStoreClient {
	cfg := tsdk.NewDefaultTableStoreConfig()
	cfg.RetryTimes = 0
	cfg.HTTPTimeout.RequestTimeout = 10 * time.Second
	return tsdk.NewClientWithConfig(c.s.TablestoreEndpoint(chainInstance, chainRegion), chainInstance, ak, sk, token, cfg)
}

// waitRunning polls GetInstance until the instance runs, as the wizard
// must after InsertInstance.
func waitRunning(t *testing.T, c *ots.Client, name string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := getInstance(c, name)
		must(t, err)
		if resp.InstanceInfo.Status == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("instance %s did not start running", name)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// createTrackTable creates vehicle_track keyed (vid INTEGER, gt INTEGER).
func createTrackTable(t *testing.T, c *tsdk.TableStoreClient) {
	t.Helper()
	meta := &tsdk.TableMeta{TableName: chainTable}
	meta.AddPrimaryKeyColumn("vid", tsdk.PrimaryKeyType_INTEGER)
	meta.AddPrimaryKeyColumn("gt", tsdk.PrimaryKeyType_INTEGER)
	_, err := c.CreateTable(&tsdk.CreateTableRequest{
		TableMeta:          meta,
		TableOption:        &tsdk.TableOption{TimeToAlive: -1, MaxVersion: 1},
		ReservedThroughput: &tsdk.ReservedThroughput{},
	})
	must(t, err)
}

func putTrackRow(t *testing.T, c *tsdk.TableStoreClient, r map[string]interface{}) {
	t.Helper()
	pk := &tsdk.PrimaryKey{}
	pk.AddPrimaryKeyColumn("vid", r["vid"])
	pk.AddPrimaryKeyColumn("gt", r["gt"])
	ch := &tsdk.PutRowChange{TableName: chainTable, PrimaryKey: pk}
	for _, name := range []string{"speed", "plate"} {
		if v, ok := r[name]; ok {
			ch.AddColumn(name, v)
		}
	}
	ch.SetCondition(tsdk.RowExistenceExpectation_IGNORE)
	_, err := c.PutRow(&tsdk.PutRowRequest{PutRowChange: ch})
	must(t, err)
}

// run submits SQL as B and waits for it, as the wizard's adapter does.
func (c *chain) run(sql string) (*odps.Instance, error) {
	ins, err := c.odps.ExecSQl(sql)
	if err != nil {
		return nil, err
	}
	return ins, ins.WaitForSuccess()
}

func (c *chain) mustRun(sql string) {
	c.t.Helper()
	if _, err := c.run(sql); err != nil {
		c.t.Fatalf("%s\nfailed: %v", sql, err)
	}
}

// query runs a SELECT and returns its CSV, header first.
func (c *chain) query(sql string) [][]string {
	c.t.Helper()
	ins, err := c.run(sql)
	if err != nil {
		c.t.Fatalf("%s\nfailed: %v", sql, err)
	}
	var task odps.SQLTask
	r, err := task.GetSelectResultAsCsv(ins, true)
	must(c.t, err)
	rows, err := r.ReadAll()
	must(c.t, err)
	return rows
}

// fails runs sql and returns the error text the SDK gives the user.
func (c *chain) fails(sql string) string {
	c.t.Helper()
	_, err := c.run(sql)
	if err == nil {
		c.t.Fatalf("%s\nsucceeded, want a failure", sql)
	}
	return err.Error()
}

// createExternal (re)creates the external table from d.
func (c *chain) createExternal(d chainDDL) {
	c.t.Helper()
	c.mustRun("DROP TABLE IF EXISTS " + chainExternal + ";")
	c.mustRun(d.String())
}

// wantVehicleOne checks the rows of vehicle 1 came back as put, through
// the CSV the SDK parses.
func (c *chain) wantVehicleOne(rows [][]string) {
	c.t.Helper()
	want := [][]string{
		{"vid", "gt", "speed", "plate"},
		{"1", "1717200000000", "42.5", `ZJ-A "1"`},
		{"1", "1717200030000", "40.0", "ZJ-A, 1"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		c.t.Fatalf("SELECT returned %q, want %q", rows, want)
	}
}

// failedCalls lists the calls answered with an error since the last
// ResetCalls, as "service:action", sorted.
func failedCalls(s *sandbox.Sandbox) []string {
	var out []string
	for call, st := range s.Calls() {
		if st.Errors > 0 {
			out = append(out, call.String())
		}
	}
	sort.Strings(out)
	return out
}

// matchText compares an error text with want, in which {ID} stands for a
// request ID (which is random).
func matchText(t *testing.T, got, want string) {
	t.Helper()
	pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(want), regexp.QuoteMeta("{ID}"), "[0-9A-Za-z-]+") + "$"
	if !regexp.MustCompile(pattern).MatchString(got) {
		t.Errorf("the SDK returned\n  %s\nwant\n  %s", got, want)
	}
}

// setDefaultPolicy makes doc the policy's default version and returns a
// function that puts v1 back and deletes the new version.
func (c *chain) setDefaultPolicy(doc string) func() {
	c.t.Helper()
	req := ram.CreateCreatePolicyVersionRequest()
	req.PolicyName, req.PolicyDocument, req.SetAsDefault = chainPolicy, doc, requests.NewBoolean(true)
	v, err := c.ram.CreatePolicyVersion(req)
	must(c.t, err)
	return func() {
		set := ram.CreateSetDefaultPolicyVersionRequest()
		set.PolicyName, set.VersionId = chainPolicy, "v1"
		_, err := c.ram.SetDefaultPolicyVersion(set)
		must(c.t, err)
		del := ram.CreateDeletePolicyVersionRequest()
		del.PolicyName, del.VersionId = chainPolicy, v.PolicyVersion.VersionId
		_, err = c.ram.DeletePolicyVersion(del)
		must(c.t, err)
	}
}

// setTrust replaces the role's trust policy and returns a function that
// restores the working one.
func (c *chain) setTrust(doc string) func() {
	c.t.Helper()
	update := func(doc string) {
		req := ram.CreateUpdateRoleRequest()
		req.RoleName, req.NewAssumeRolePolicyDocument = chainRole, doc
		_, err := c.ram.UpdateRole(req)
		must(c.t, err)
	}
	update(doc)
	return func() { update(trustDoc(c.b.UID + "@odps.aliyuncs.com")) }
}

// getRow reads one vehicle_track row's attributes with the Tablestore SDK.
func getRow(c *tsdk.TableStoreClient, vid, gt int64) (map[string]interface{}, error) {
	pk := &tsdk.PrimaryKey{}
	pk.AddPrimaryKeyColumn("vid", vid)
	pk.AddPrimaryKeyColumn("gt", gt)
	resp, err := c.GetRow(&tsdk.GetRowRequest{SingleRowQueryCriteria: &tsdk.SingleRowQueryCriteria{
		TableName: chainTable, PrimaryKey: pk, MaxVersion: 1,
	}})
	if err != nil {
		return nil, err
	}
	out := map[string]interface{}{}
	for _, col := range resp.Columns {
		out[col.ColumnName] = col.Value
	}
	return out, nil
}

// newODPS is an official MaxCompute client for acct on project.
func newODPS(c *chain, acct sandbox.Account, project string) *odps.Odps {
	o := odps.NewOdps(odpsaccount.NewAliyunAccount(acct.Keys[0].ID, acct.Keys[0].Secret), c.s.MaxComputeEndpoint(chainRegion))
	o.SetDefaultProjectName(project)
	return o
}
