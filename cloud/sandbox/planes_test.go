package sandbox_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/restclient"
	tsdk "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"

	"github.com/mcots/wizard/cloud/sandbox"
)

// One state file keeps the world, the Tablestore tables and rows, and the
// MaxCompute external tables; a restarted sandbox serves the same chain.
// A LOCATION's embedded secret is never written.
func TestStateRoundTripAcrossPlanes(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sandbox.json")
	c := newChain(t, sandbox.Options{StatePath: path, Seed: 7})
	c.mustRun(c.good.String())
	withKey := c.good
	withKey.roleARN = "" // the LOCATION's key instead of a role
	withKey.location = "tablestore://" + c.a.Keys[0].ID + ":" + c.a.Keys[0].Secret + "@cap1.cn-hangzhou.ots-internal.aliyuncs.com"
	c.mustRun(strings.Replace(withKey.String(), chainExternal, "ots_with_key", 1))
	c.wantVehicleOne(c.query("SELECT vid, gt, speed, plate FROM ots_with_key WHERE vid = 1;"))

	// Saved as it changed, before any Close: the rows and both tables.
	b, err := os.ReadFile(path)
	must(t, err)
	for _, want := range []string{`"vehicle_track"`, `"ots_vehicle_track"`, `ZJ-B 2`, `"ots_with_key"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the state file lacks %s", want)
		}
	}
	if strings.Contains(string(b), c.a.Keys[0].Secret+"@") {
		t.Error("the state file holds a LOCATION's AccessKey secret")
	}
	must(t, c.s.Close())

	s2 := start(t, sandbox.Options{StatePath: path, Seed: 7})
	c2 := &chain{t: t, s: s2, a: c.a, b: c.b, good: c.good}
	c2.odps = newODPS(c2, c.b, sandbox.DemoProject)
	c2.wantVehicleOne(c2.query(chainQuery))
	c2.owner = c2.tablestoreClient(c.a.Keys[0].ID, c.a.Keys[0].Secret, "")
	if got, err := getRow(c2.owner, 2, 1717200000000); err != nil || got["plate"] != "ZJ-B 2" {
		t.Fatalf("row after restart: %v, %v", got, err)
	}
	// The masked LOCATION no longer authenticates: its table must be
	// created again, as the snapshot says.
	matchText(t, c2.fails("SELECT * FROM ots_with_key;"), "ODPS-0010000:System internal error - fuxi job failed, caused by: std::exception:Message: "+
		"[ErrorCode]:OTSAuthFailed, [Message]:Signature mismatch., [RequestId]:{ID}")
	info, err := os.Stat(path)
	must(t, err)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v", info.Mode().Perm())
	}
}

// Calls() covers every plane; Writes() counts exactly the calls that change
// something, so a repeated apply can prove it changed nothing.
func TestCallsAndWritesAcrossPlanes(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	c.mustRun(c.good.String())

	// An "observe" pass reads every plane and writes nothing.
	c.s.ResetCalls()
	get := ram.CreateGetRoleRequest()
	get.RoleName = chainRole
	_, err := c.ram.GetRole(get)
	must(t, err)
	_, err = getInstance(otsClient(t, c.s, akCred(c.a.Keys[0])), chainInstance)
	must(t, err)
	_, err = c.owner.DescribeTable(&tsdk.DescribeTableRequest{TableName: chainTable})
	must(t, err)
	if ok, err := c.odps.Table(chainExternal).Exists(); !ok || err != nil {
		t.Fatalf("table exists: %v %v", ok, err)
	}
	c.query(chainQuery)
	if n := c.s.Writes(); n != 0 {
		t.Fatalf("reads counted %d writes: %v", n, c.s.Calls())
	}
	calls := c.s.Calls()
	for _, want := range []sandbox.Call{
		{Service: sandbox.ServiceRAM, Action: "GetRole"},
		{Service: sandbox.ServiceOTS, Action: "GetInstance"},
		{Service: sandbox.ServiceTablestore, Action: "DescribeTable"},
		{Service: sandbox.ServiceMaxCompute, Action: "GetTable"},
		{Service: sandbox.ServiceMaxCompute, Action: "SQL Select"},
	} {
		if calls[want].Count == 0 {
			t.Errorf("%s not counted: %v", want, calls)
		}
	}
	if c.s.ServeTime() <= 0 {
		t.Error("no serving time counted")
	}

	// Writes on each plane count, failed attempts included.
	_, err = c.ram.CreateRole(func() *ram.CreateRoleRequest {
		r := ram.CreateCreateRoleRequest()
		r.RoleName, r.AssumeRolePolicyDocument = chainRole, trustDoc("odps.aliyuncs.com")
		return r
	}())
	wantError(t, err, "EntityAlreadyExists.Role", http.StatusConflict)
	putTrackRow(t, c.owner, map[string]interface{}{"vid": int64(3), "gt": int64(1)})
	c.fails(c.good.String()) // the table exists: a failed CREATE is still a write attempt
	if n := c.s.Writes(); n != 3 {
		t.Errorf("Writes() = %d, want 3: %v", n, c.s.Calls())
	}
	for call, write := range map[sandbox.Call]bool{
		{Service: sandbox.ServiceRAM, Action: "CreatePolicyVersion"}:        true,
		{Service: sandbox.ServiceRAM, Action: "ListPoliciesForRole"}:        false,
		{Service: sandbox.ServiceOTS, Action: "InsertInstance"}:             true,
		{Service: sandbox.ServiceSTS, Action: "AssumeRole"}:                 false,
		{Service: sandbox.ServiceTablestore, Action: "BatchWriteRow"}:       true,
		{Service: sandbox.ServiceTablestore, Action: "GetRange"}:            false,
		{Service: sandbox.ServiceMaxCompute, Action: "SQL Insert"}:          true,
		{Service: sandbox.ServiceMaxCompute, Action: "SQL Desc"}:            false,
		{Service: sandbox.ServiceMaxCompute, Action: "CreateInstance"}:      false,
		{Service: sandbox.Service("s3"), Action: "PutObject"}:               false,
		{Service: sandbox.ServiceRAM, Action: "NoSuchAction"}:               false,
		{Service: sandbox.ServiceTablestore, Action: "NoSuchOperationHere"}: false,
	} {
		if call.IsWrite() != write {
			t.Errorf("%s.IsWrite() = %t", call, !write)
		}
	}
	c.s.ResetCalls()
	if len(c.s.Calls()) != 0 || c.s.Writes() != 0 || c.s.ServeTime() != 0 {
		t.Error("ResetCalls left counts behind")
	}
}

// Faults reach the data planes in their own protocols.
func TestFaultsOnDataPlanes(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})
	c.mustRun(c.good.String())

	must(t, c.s.AddFaults(sandbox.FaultRule{Service: sandbox.ServiceTablestore, Action: "GetRow", Kind: sandbox.FaultThrottle, Count: 1}))
	_, err := getRow(c.owner, 1, 1717200000000)
	wantOTS(t, err, "OTSServerBusy", "Server is busy.", http.StatusServiceUnavailable)
	// The SDK's own retries ride out a passing fault.
	must(t, c.s.AddFaults(sandbox.FaultRule{Service: sandbox.ServiceTablestore, Action: "GetRow", Kind: sandbox.FaultUnavailable, Count: 1}))
	patient := tsdk.NewClientWithConfig(c.s.TablestoreEndpoint(chainInstance, chainRegion), chainInstance, c.a.Keys[0].ID, c.a.Keys[0].Secret, "", tsdk.NewDefaultTableStoreConfig())
	if got, err := getRow(patient, 1, 1717200000000); err != nil || got["speed"] != 42.5 {
		t.Fatalf("GetRow with retries: %v, %v", got, err)
	}

	must(t, c.s.AddFaults(sandbox.FaultRule{Service: sandbox.ServiceMaxCompute, Action: "CreateInstance", Kind: sandbox.FaultUnavailable, Count: 1}))
	_, err = c.run(chainQuery)
	var he restclient.HttpError
	if !errors.As(err, &he) || he.StatusCode != http.StatusServiceUnavailable || he.ErrorMessage == nil || he.ErrorMessage.ErrorCode != "ServiceUnavailable" {
		t.Fatalf("injected MaxCompute fault: %v", err)
	}
	must(t, c.s.AddFaults(sandbox.FaultRule{Service: sandbox.ServiceMaxCompute, Action: "*", Kind: sandbox.FaultThrottle, Count: 1}))
	_, err = c.run(chainQuery)
	if !errors.As(err, &he) || he.StatusCode != http.StatusTooManyRequests || he.ErrorMessage.ErrorCode != "Throttling" {
		t.Fatalf("throttled MaxCompute: %v", err)
	}
	c.wantVehicleOne(c.query(chainQuery))
}

// StartDemo: random keys per start, the demo project, demo rows once the
// setup creates vehicle_track, and a stop when the context ends.
func TestStartDemo(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	path := filepath.Join(t.TempDir(), "demo.json")
	s, err := sandbox.StartDemo(ctx, sandbox.DemoOptions{Instant: true, DemoRows: 7, StatePath: path})
	must(t, err)
	info, err := s.Demo()
	must(t, err)
	if info.Endpoint != s.Endpoint() || info.Project.Name != sandbox.DemoProject || info.Project.Owner != info.B.UID ||
		info.Region != "cn-hangzhou" || info.MaxComputeEndpoint != s.Endpoint()+"/host/service.cn-hangzhou.maxcompute.aliyun.com/api" {
		t.Fatalf("Demo() = %+v", info)
	}
	if txt := fmt.Sprintf("%v %+v %#v", info.A, info, info.B); strings.Contains(txt, info.A.AccessKeySecret) || strings.Contains(txt, info.B.AccessKeySecret) {
		t.Fatalf("printing demo accounts leaks a secret: %s", txt)
	}

	other, err := sandbox.StartDemo(context.Background(), sandbox.DemoOptions{Instant: true, DemoRows: -1})
	must(t, err)
	t.Cleanup(func() { _ = other.Close() })
	oinfo, err := other.Demo()
	must(t, err)
	if oinfo.A.AccessKeySecret == info.A.AccessKeySecret || oinfo.A.UID == info.A.UID {
		t.Error("two demos share keys")
	}

	// The user's setup creates the seed's table; the rows are there.
	c := &chain{t: t, s: s, a: account(t, s, sandbox.DemoAccountA)}
	must(t, insertInstance(otsClient(t, s, akCred(c.a.Keys[0])), chainInstance, "SSD", ""))
	c.owner = c.tablestoreClient(info.A.AccessKeyID, info.A.AccessKeySecret, "")
	createTrackTable(t, c.owner)
	if n := countRows(t, c.owner); n != 7 {
		t.Errorf("vehicle_track holds %d rows, want the 7 demo rows", n)
	}
	must(t, s.LoadDemoRows(chainRegion, chainInstance, 12))
	if n := countRows(t, c.owner); n != 12 {
		t.Errorf("after LoadDemoRows(12): %d rows", n)
	}
	if err := s.LoadDemoRows(chainRegion, "nope", 1); err == nil {
		t.Error("LoadDemoRows on a missing instance succeeded")
	}

	// Cancelling the context stops the sandbox and saves its state; a
	// restart from that state keeps the keys and the rows.
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := http.Get(s.Endpoint()); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the sandbox still serves after its context ended")
		}
		time.Sleep(20 * time.Millisecond)
	}
	again, err := sandbox.StartDemo(context.Background(), sandbox.DemoOptions{Instant: true, StatePath: path})
	must(t, err)
	t.Cleanup(func() { _ = again.Close() })
	ainfo, err := again.Demo()
	must(t, err)
	if ainfo.A != info.A || ainfo.B != info.B {
		t.Errorf("restored demo accounts differ: %v %v", ainfo.A, info.A)
	}
	c.s = again
	c.owner = c.tablestoreClient(info.A.AccessKeyID, info.A.AccessKeySecret, "")
	if n := countRows(t, c.owner); n != 12 {
		t.Errorf("after restart: %d rows", n)
	}
}

// countRows reads vehicle_track whole with GetRange.
func countRows(t *testing.T, c *tsdk.TableStoreClient) int {
	t.Helper()
	start, end := &tsdk.PrimaryKey{}, &tsdk.PrimaryKey{}
	for _, col := range []string{"vid", "gt"} {
		start.AddPrimaryKeyColumnWithMinValue(col)
		end.AddPrimaryKeyColumnWithMaxValue(col)
	}
	n := 0
	crit := &tsdk.RangeRowQueryCriteria{TableName: chainTable, StartPrimaryKey: start, EndPrimaryKey: end, Direction: tsdk.FORWARD, MaxVersion: 1}
	for {
		resp, err := c.GetRange(&tsdk.GetRangeRequest{RangeRowQueryCriteria: crit})
		must(t, err)
		n += len(resp.Rows)
		if resp.NextStartPrimaryKey == nil {
			return n
		}
		crit.StartPrimaryKey = resp.NextStartPrimaryKey
	}
}
