package tablestore

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"reflect"
	"testing"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

var (
	ownerCaller = Caller{Kind: CallerAccount, AccountUID: uidA, ARN: "acs:ram::" + uidA + ":root"}
	roleCaller  = Caller{Kind: CallerAssumedRole, AccountUID: uidA, ARN: roleARN}
)

const internalCap = "cap1.cn-hangzhou.ots-internal.aliyuncs.com"

func wantError(t *testing.T, err error, code, msg string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != code || e.Message != msg {
		t.Fatalf("got %v, want %s %q", err, code, msg)
	}
}

// The MaxCompute plane reads through the Go API as the role it assumed,
// with the checks the HTTP path applies.
func TestGoAPIAsAnExternalTableReader(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	if err := f.svc.CreateTable(ownerCaller, internalCap, TableSpec{
		Meta: DemoVehicleTrackMeta(), Options: TableOptions{TimeToLive: -1, MaxVersions: 1, DeviationSeconds: 86400, AllowUpdate: true},
	}); err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	if err := f.svc.LoadRows(region, "CAP1", DemoTableName, DemoVehicleTrackRows(23)); err != nil {
		t.Fatalf("LoadRows: %v", err)
	}

	_, err := f.svc.Describe(roleCaller, internalCap, DemoTableName)
	wantError(t, err, CodeNoPermissionAccess, MsgNoPermission)
	wantError(t, f.svc.Check(roleCaller, internalCap, DemoTableName, ActionGetRange), CodeNoPermissionAccess, MsgNoPermission)

	arn := ResourceARN(region, uidA, "cap1", DemoTableName)
	for _, a := range []Action{ActionDescribeTable, ActionGetRange} {
		f.backend.grant(roleARN, a.RAMAction(), arn)
	}
	if err := f.svc.Check(roleCaller, internalCap, DemoTableName, ActionGetRange); err != nil {
		t.Errorf("Check after grant: %v", err)
	}
	wantError(t, f.svc.Check(roleCaller, internalCap, DemoTableName, ActionComputeSplitPointsBySize), CodeNoPermissionAccess, MsgNoPermission)

	info, err := f.svc.Describe(roleCaller, internalCap, DemoTableName)
	if err != nil {
		t.Fatalf("Describe: %v", err)
	}
	if !reflect.DeepEqual(info.Meta, DemoVehicleTrackMeta()) || !info.Ready {
		t.Errorf("Describe = %+v", info)
	}

	var got []Row
	q := ScanQuery{Limit: 10, Columns: []string{"speed"}}
	for pages := 0; ; pages++ {
		page, err := f.svc.Scan(roleCaller, internalCap, DemoTableName, q)
		if err != nil {
			t.Fatalf("Scan: %v", err)
		}
		got = append(got, page.Rows...)
		if page.Next == nil {
			if pages != 2 {
				t.Errorf("23 rows in pages of 10 took %d pages", pages+1)
			}
			break
		}
		q.Start = page.Next
	}
	if len(got) != 23 {
		t.Fatalf("scanned %d rows, want 23", len(got))
	}
	for i := 1; i < len(got); i++ {
		if comparePK(values(got[i-1].PrimaryKey), values(got[i].PrimaryKey)) >= 0 {
			t.Fatalf("rows out of key order at %d", i)
		}
	}
	if v, ok := got[0].Get("vid"); !ok || v.Int != 10001 {
		t.Errorf("first row vid = %v", v)
	}
	if len(got[0].Columns) != 1 || got[0].Columns[0].Name != "speed" {
		t.Errorf("columns = %+v, want only speed", got[0].Columns)
	}

	// Writes need their own grant; refused writes change nothing.
	row := Row{PrimaryKey: []Column{{Name: "vid", Value: plainbuffer.Integer(1)}, {Name: "gt", Value: plainbuffer.Integer(2)}},
		Columns: []Column{{Name: "speed", Value: plainbuffer.Double(3)}}}
	wantError(t, f.svc.Write(roleCaller, internalCap, DemoTableName, WriteUpdate, []Row{row}), CodeNoPermissionAccess, MsgNoPermission)
	f.backend.grant(roleARN, "ots:BatchWriteRow", arn)
	if err := f.svc.Write(roleCaller, internalCap, DemoTableName, WriteUpdate, []Row{row}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	bad := row
	bad.PrimaryKey = bad.PrimaryKey[:1]
	wantError(t, f.svc.Write(roleCaller, internalCap, DemoTableName, WritePut, []Row{bad}), CodeInvalidPK, MsgPKSchemaMismatch)
	wantError(t, f.svc.Write(roleCaller, internalCap, DemoTableName, WritePut, make([]Row, 201)), CodeParameterInvalid, "Rows count exceeds the upper limit: 200.")

	page, err := f.svc.Scan(roleCaller, internalCap, DemoTableName, ScanQuery{
		Start: []Value{plainbuffer.Integer(1), plainbuffer.InfMin()}, End: []Value{plainbuffer.Integer(2), plainbuffer.InfMin()}})
	if err != nil || len(page.Rows) != 1 {
		t.Fatalf("scan of the written row: %+v, %v", page, err)
	}
	if v, _ := page.Rows[0].Get("speed"); v.Float != 3 {
		t.Errorf("written speed = %v", v)
	}
	_, err = f.svc.Scan(roleCaller, internalCap, DemoTableName, ScanQuery{Start: []Value{plainbuffer.String("x"), plainbuffer.InfMin()}})
	wantError(t, err, CodeInvalidPK, MsgPKSchemaMismatch)

	// Each Go API call counts as its action, like HTTP calls.
	calls := f.svc.Calls()
	if calls[ActionGetRange] < 3 || calls[ActionBatchWriteRow] != 4 || calls[ActionCreateTable] != 1 {
		t.Errorf("Calls() = %v", calls)
	}
}

func values(cols []Column) []Value {
	out := make([]Value, len(cols))
	for i, c := range cols {
		out[i] = c.Value
	}
	return out
}

func TestGoAPIResolvesLocationHosts(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	tests := []struct {
		name string
		host string
		code string
		msg  string
	}{
		{"wrong region", "cap1.cn-shanghai.ots-internal.aliyuncs.com", CodeAuthFailed, MsgInstanceNotFound},
		{"vpc-only instance over the classic network", "vpc1.cn-hangzhou.ots-internal.aliyuncs.com", CodeAuthFailed, MsgVPCOnly},
		{"stopped instance", "idle1.cn-hangzhou.ots-internal.aliyuncs.com", CodeAuthFailed, MsgInstanceNotRunning},
		{"another account's instance", "bee1.cn-hangzhou.ots-internal.aliyuncs.com", CodeAuthFailed, MsgNoInstancePrivilege},
		{"missing table", internalCap, CodeObjectNotExist, MsgTableNotExist},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := f.svc.Describe(ownerCaller, tc.host, "track")
			wantError(t, err, tc.code, tc.msg)
		})
	}
	_, err := f.svc.Scan(ownerCaller, "not-a-host", "track", ScanQuery{})
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeParameterInvalid || e.HTTPStatus != http.StatusBadRequest {
		t.Errorf("bad host: %v", err)
	}
}

func TestSnapshotRestore(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 2)
	f.put(c, "track", pk("vid", int64(math.MaxInt64), "gt", int64(-1)), "s", "héllo", "b", []byte{0, 255}, "d", 0.1, "t", true, "i", int64(math.MinInt64))
	upd := &ots.UpdateRowChange{TableName: "track", PrimaryKey: pk("vid", int64(math.MaxInt64), "gt", int64(-1))}
	upd.PutColumn("d", 0.2)
	upd.SetCondition(ots.RowExistenceExpectation_IGNORE)
	if _, err := c.UpdateRow(&ots.UpdateRowRequest{UpdateRowChange: upd}); err != nil {
		t.Fatal(err)
	}
	hyb := f.client("hyb1.cn-hangzhou.ots.aliyuncs.com", "hyb1", ownerAK, ownerSK, "", 0)
	f.trackTable(hyb, "empty", 1)

	snap := f.svc.Snapshot()
	blob, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	var back Snapshot
	if err := json.Unmarshal(blob, &back); err != nil {
		t.Fatal(err)
	}
	g := newFixture(t, Options{})
	if err := g.svc.Restore(back); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if again := g.svc.Snapshot(); !reflect.DeepEqual(again, snap) {
		t.Errorf("snapshot changed across JSON and Restore:\n%+v\n%+v", again, snap)
	}
	r, err := getRow(g.owner(), "track", pk("vid", int64(math.MaxInt64), "gt", int64(-1)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"s": "héllo", "b": []byte{0, 255}, "d": 0.2, "t": true, "i": int64(math.MinInt64)}
	if got := columns(r.Columns); !reflect.DeepEqual(got, want) {
		t.Errorf("restored row = %v, want %v", got, want)
	}

	broken := back
	broken.Instances = append([]InstanceSnapshot(nil), back.Instances...)
	broken.Instances[0].Tables = append([]TableSnapshot(nil), back.Instances[0].Tables...)
	broken.Instances[0].Tables[0].Rows = []RowSnapshot{{PrimaryKey: []ValueSnapshot{{Type: "STRING", Value: "x"}}}}
	if err := g.svc.Restore(broken); err == nil {
		t.Error("Restore accepted a row whose key does not fit the schema")
	}
	if again := g.svc.Snapshot(); !reflect.DeepEqual(again, snap) {
		t.Error("a failed Restore changed the state")
	}
}

func TestDemoRows(t *testing.T) {
	t.Parallel()
	a, b := DemoVehicleTrackRows(40), DemoVehicleTrackRows(40)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("demo rows differ between calls")
	}
	if len(DemoVehicleTrackRows(0)) != 0 || len(DemoVehicleTrackRows(-1)) != 0 {
		t.Error("non-positive n must give no rows")
	}
	vehicles := map[int64]bool{}
	for _, r := range a {
		vid, _ := r.Get("vid")
		vehicles[vid.Int] = true
		lon, _ := r.Get("longitude")
		lat, _ := r.Get("latitude")
		speed, _ := r.Get("speed")
		if lon.Float < 119.9 || lon.Float > 120.4 || lat.Float < 30.0 || lat.Float > 30.5 {
			t.Errorf("position %v,%v is not around Hangzhou", lon.Float, lat.Float)
		}
		if speed.Float < 0 || speed.Float > 120 {
			t.Errorf("implausible speed %v", speed.Float)
		}
		for _, name := range []string{"distance", "oil_consumption"} {
			if v, ok := r.Get(name); !ok || v.Kind != plainbuffer.KindDouble {
				t.Errorf("column %s = %v", name, v)
			}
		}
	}
	if len(vehicles) != 5 {
		t.Errorf("demo has %d vehicles, want 5", len(vehicles))
	}

	// Preload fills the seed's table when the user's setup creates it.
	f := newFixture(t, Options{Preload: DemoPreload(12)})
	c := f.owner()
	f.trackTable(c, DemoTableName, 1)
	f.trackTable(c, "other", 1)
	for table, want := range map[string]int{DemoTableName: 12, "other": 0} {
		r, err := c.GetRange(&ots.GetRangeRequest{RangeRowQueryCriteria: &ots.RangeRowQueryCriteria{TableName: table, MaxVersion: 1,
			StartPrimaryKey: rangeKey(ots.MIN, ots.MIN), EndPrimaryKey: rangeKey(ots.MAX, ots.MAX)}})
		if err != nil || len(r.Rows) != want {
			t.Errorf("%s has %d rows (%v), want %d", table, len(r.Rows), err, want)
		}
	}
	if err := f.svc.LoadRows(region, "cap1", "nope", a); err == nil {
		t.Error("LoadRows into a missing table succeeded")
	}
}

func TestCoreHelpers(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	spec := TableSpec{Meta: DemoVehicleTrackMeta(), Options: TableOptions{TimeToLive: -1, MaxVersions: 1, DeviationSeconds: 86400, AllowUpdate: true}}
	wantError(t, f.svc.CreateTable(roleCaller, internalCap, spec), CodeNoPermissionAccess, MsgNoPermission)
	for _, name := range []string{"b_table", "a_table"} {
		spec.Meta.Name = name
		if err := f.svc.CreateTable(ownerCaller, internalCap, spec); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.svc.TableNames(region, "CAP1"); !reflect.DeepEqual(got, []string{"a_table", "b_table"}) {
		t.Errorf("TableNames = %v", got)
	}
	f.svc.DropInstance(region, "cap1")
	if got := f.svc.TableNames(region, "cap1"); len(got) != 0 {
		t.Errorf("after DropInstance, TableNames = %v", got)
	}
	if got := (WriteMode(0)).String(); got != "WriteMode(0)" || WritePut.String() != "PutRow" {
		t.Errorf("WriteMode.String = %q", got)
	}
}

func TestGoAPIDoesNotShareBytesWithCallers(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	spec := TableSpec{Meta: TableMeta{Name: "blobs", PrimaryKey: []PKColumn{{Name: "k", Type: PKBinary}}},
		Options: TableOptions{TimeToLive: -1, MaxVersions: 1, DeviationSeconds: 86400, AllowUpdate: true}}
	if err := f.svc.CreateTable(ownerCaller, internalCap, spec); err != nil {
		t.Fatal(err)
	}
	key, data := []byte("key"), []byte("data")
	row := Row{PrimaryKey: []Column{{Name: "k", Value: plainbuffer.Binary(key)}}, Columns: []Column{{Name: "v", Value: plainbuffer.Binary(data)}}}
	if err := f.svc.LoadRows(region, "cap1", "blobs", []Row{row}); err != nil {
		t.Fatal(err)
	}
	key[0], data[0] = 'X', 'X'
	page, err := f.svc.Scan(ownerCaller, internalCap, "blobs", ScanQuery{})
	if err != nil || len(page.Rows) != 1 {
		t.Fatalf("Scan: %+v %v", page, err)
	}
	got := page.Rows[0]
	if string(got.PrimaryKey[0].Value.Bin) != "key" || string(got.Columns[0].Value.Bin) != "data" {
		t.Fatalf("stored row changed with the caller's slices: %+v", got)
	}
	got.Columns[0].Value.Bin[0] = 'Y'
	again, _ := f.svc.Scan(ownerCaller, internalCap, "blobs", ScanQuery{})
	if string(again.Rows[0].Columns[0].Value.Bin) != "data" {
		t.Error("a returned row shares bytes with the store")
	}
}
