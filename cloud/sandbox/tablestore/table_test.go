package tablestore

import (
	"net/http"
	"reflect"
	"testing"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
)

func TestTableLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()

	meta := &ots.TableMeta{TableName: "vehicle_track"}
	meta.AddPrimaryKeyColumn("vid", ots.PrimaryKeyType_INTEGER)
	meta.AddPrimaryKeyColumn("name", ots.PrimaryKeyType_STRING)
	meta.AddPrimaryKeyColumnOption("seq", ots.PrimaryKeyType_INTEGER, ots.AUTO_INCREMENT)
	meta.AddDefinedColumn("speed", ots.DefinedColumn_DOUBLE)
	if _, err := c.CreateTable(&ots.CreateTableRequest{
		TableMeta:          meta,
		TableOption:        &ots.TableOption{TimeToAlive: -1, MaxVersion: 3},
		ReservedThroughput: &ots.ReservedThroughput{Readcap: 1, Writecap: 2},
	}); err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	f.trackTable(c, "another", 1)

	list, err := c.ListTable()
	if err != nil {
		t.Fatalf("ListTable: %v", err)
	}
	if want := []string{"another", "vehicle_track"}; !reflect.DeepEqual(list.TableNames, want) {
		t.Errorf("ListTable = %v, want %v", list.TableNames, want)
	}

	d, err := c.DescribeTable(&ots.DescribeTableRequest{TableName: "vehicle_track"})
	if err != nil {
		t.Fatalf("DescribeTable: %v", err)
	}
	if d.TableMeta.TableName != "vehicle_track" || len(d.TableMeta.SchemaEntry) != 3 {
		t.Fatalf("DescribeTable meta = %+v", d.TableMeta)
	}
	for i, want := range []struct {
		name string
		typ  ots.PrimaryKeyType
		auto bool
	}{{"vid", ots.PrimaryKeyType_INTEGER, false}, {"name", ots.PrimaryKeyType_STRING, false}, {"seq", ots.PrimaryKeyType_INTEGER, true}} {
		e := d.TableMeta.SchemaEntry[i]
		if *e.Name != want.name || *e.Type != want.typ || (e.Option != nil && *e.Option == ots.AUTO_INCREMENT) != want.auto {
			t.Errorf("PK %d = %s %v %v, want %+v", i, *e.Name, *e.Type, e.Option, want)
		}
	}
	if len(d.TableMeta.DefinedColumns) != 1 || d.TableMeta.DefinedColumns[0].Name != "speed" || d.TableMeta.DefinedColumns[0].ColumnType != ots.DefinedColumn_DOUBLE {
		t.Errorf("defined columns = %+v", d.TableMeta.DefinedColumns)
	}
	if d.TableOption.TimeToAlive != -1 || d.TableOption.MaxVersion != 3 || d.TableOption.DeviationCellVersionInSec != 86400 || !*d.TableOption.AllowUpdate {
		t.Errorf("options = %+v", d.TableOption)
	}
	if *d.ReservedThroughput != (ots.ReservedThroughput{Readcap: 1, Writecap: 2}) {
		t.Errorf("reserved = %+v", d.ReservedThroughput)
	}
	if d.StreamDetails.EnableStream {
		t.Error("stream reported enabled")
	}

	u, err := c.UpdateTable(&ots.UpdateTableRequest{
		TableName:          "vehicle_track",
		TableOption:        &ots.TableOption{TimeToAlive: 86400 * 30, MaxVersion: 2},
		ReservedThroughput: &ots.ReservedThroughput{Readcap: 0, Writecap: 5},
	})
	if err != nil {
		t.Fatalf("UpdateTable: %v", err)
	}
	if u.TableOption.TimeToAlive != 86400*30 || u.TableOption.MaxVersion != 2 || *u.ReservedThroughput != (ots.ReservedThroughput{Writecap: 5}) {
		t.Errorf("UpdateTable answered %+v %+v", u.TableOption, u.ReservedThroughput)
	}
	d, _ = c.DescribeTable(&ots.DescribeTableRequest{TableName: "vehicle_track"})
	if d.TableOption.MaxVersion != 2 || d.ReservedThroughput.Writecap != 5 {
		t.Errorf("update not kept: %+v %+v", d.TableOption, d.ReservedThroughput)
	}

	if _, err := c.DeleteTable(&ots.DeleteTableRequest{TableName: "vehicle_track"}); err != nil {
		t.Fatalf("DeleteTable: %v", err)
	}
	_, err = c.DescribeTable(&ots.DescribeTableRequest{TableName: "vehicle_track"})
	wantOTSError(t, err, CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound)
	_, err = c.DeleteTable(&ots.DeleteTableRequest{TableName: "vehicle_track"})
	wantOTSError(t, err, CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound)
	_, err = c.UpdateTable(&ots.UpdateTableRequest{TableName: "gone", TableOption: &ots.TableOption{TimeToAlive: -1, MaxVersion: 1}})
	wantOTSError(t, err, CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound)
	list, _ = c.ListTable()
	if !reflect.DeepEqual(list.TableNames, []string{"another"}) {
		t.Errorf("after delete ListTable = %v", list.TableNames)
	}

	want := map[Action]int64{ActionCreateTable: 2, ActionListTable: 2, ActionDescribeTable: 3, ActionUpdateTable: 2, ActionDeleteTable: 2}
	if got := f.svc.Calls(); !reflect.DeepEqual(got, want) {
		t.Errorf("Calls() = %v, want %v", got, want)
	}
	if got := f.svc.WriteCalls(); got != 6 {
		t.Errorf("WriteCalls() = %d, want 6", got)
	}
	f.svc.ResetCalls()
	if got := f.svc.Calls(); len(got) != 0 {
		t.Errorf("after ResetCalls, Calls() = %v", got)
	}
}

func TestCreateTableRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	f.trackTable(f.owner(), "taken", 1)

	pks := func(names ...string) []*ots.PrimaryKeySchema {
		var out []*ots.PrimaryKeySchema
		for _, n := range names {
			n, typ := n, ots.PrimaryKeyType_STRING
			out = append(out, &ots.PrimaryKeySchema{Name: &n, Type: &typ})
		}
		return out
	}
	auto := ots.AUTO_INCREMENT
	intType, strType := ots.PrimaryKeyType_INTEGER, ots.PrimaryKeyType_STRING
	first, second := "first", "second"

	tests := []struct {
		name     string
		instance string
		table    string
		pk       []*ots.PrimaryKeySchema
		opt      ots.TableOption
		cu       ots.ReservedThroughput
		index    bool
		code     string
		msg      string
		status   int
	}{
		{"duplicate", "cap1", "taken", pks("id"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeObjectAlreadyExist, MsgTableExists, http.StatusConflict},
		{"bad table name", "cap1", "1st", pks("id"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "Invalid table name: 1st.", http.StatusBadRequest},
		{"bad column name", "cap1", "t", pks("a-b"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "Invalid column name: a-b.", http.StatusBadRequest},
		{"five primary keys", "cap1", "t", pks("a", "b", "c", "d", "e"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "The number of primary key columns must be in range: [1, 4].", http.StatusBadRequest},
		{"duplicate key name", "cap1", "t", pks("a", "a"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "Duplicated primary key name: a.", http.StatusBadRequest},
		{"ttl zero", "cap1", "t", pks("id"), ots.TableOption{TimeToAlive: 0, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "TimeToLive cannot be 0", http.StatusBadRequest},
		{"ttl under a day", "cap1", "t", pks("id"), ots.TableOption{TimeToAlive: 3600, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "TimeToLive must be -1 or at least 86400 seconds.", http.StatusBadRequest},
		{"max versions zero", "cap1", "t", pks("id"), ots.TableOption{TimeToAlive: -1, MaxVersion: 0}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "The maximum versions cannot be less than or equal to 0", http.StatusBadRequest},
		{"negative CU", "cap1", "t", pks("id"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{Readcap: -1}, false,
			CodeParameterInvalid, "The value of read capacity unit can not be less than 0.", http.StatusBadRequest},
		{"reserved read on capacity instance", "Hyb1", "t", pks("id"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{Readcap: 1}, false,
			CodeParameterInvalid, "Can not reserve read capacity unit on capacity.", http.StatusBadRequest},
		{"reserved write on capacity instance", "hyb1", "t", pks("id"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{Writecap: 1}, false,
			CodeParameterInvalid, "Can not reserve write capacity unit on capacity.", http.StatusBadRequest},
		{"auto increment first", "cap1", "t", []*ots.PrimaryKeySchema{{Name: &first, Type: &intType, Option: &auto}}, ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "PkAutoIncr cannot be set as first pk column", http.StatusBadRequest},
		{"auto increment string", "cap1", "t", []*ots.PrimaryKeySchema{{Name: &first, Type: &intType}, {Name: &second, Type: &strType, Option: &auto}}, ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{}, false,
			CodeParameterInvalid, "AUTO_INCREMENT primary key must be integer.", http.StatusBadRequest},
		{"secondary index", "cap1", "t", pks("id"), ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ots.ReservedThroughput{}, true,
			CodeParameterInvalid, "The sandbox does not support secondary indexes", http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := f.client(tc.instance+".cn-hangzhou.ots.aliyuncs.com", tc.instance, ownerAK, ownerSK, "", 0)
			opt, cu := tc.opt, tc.cu
			req := &ots.CreateTableRequest{TableMeta: &ots.TableMeta{TableName: tc.table, SchemaEntry: tc.pk}, TableOption: &opt, ReservedThroughput: &cu}
			if tc.index {
				req.AddIndexMeta(&ots.IndexMeta{IndexName: "idx", Primarykey: []string{"id"}})
			}
			_, err := c.CreateTable(req)
			wantOTSError(t, err, tc.code, tc.msg, tc.status)
		})
	}
}

func TestCapacityInstanceCanCreateWithoutReservedThroughput(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.client("hyb1.cn-hangzhou.ots.aliyuncs.com", "hyb1", ownerAK, ownerSK, "", 0)
	f.trackTable(c, "t", 1)
	_, err := c.UpdateTable(&ots.UpdateTableRequest{TableName: "t", ReservedThroughput: &ots.ReservedThroughput{Readcap: 1}})
	wantOTSError(t, err, CodeForbiddenUpdateCapacity, "Your instance is forbidden to update capacity unit.", http.StatusBadRequest)
}

func TestTableQuota(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.client("tiny1.cn-hangzhou.ots.aliyuncs.com", "tiny1", ownerAK, ownerSK, "", 0)
	f.trackTable(c, "a", 1)
	f.trackTable(c, "b", 1)
	meta := &ots.TableMeta{TableName: "c"}
	meta.AddPrimaryKeyColumn("id", ots.PrimaryKeyType_STRING)
	_, err := c.CreateTable(&ots.CreateTableRequest{TableMeta: meta, TableOption: &ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ReservedThroughput: &ots.ReservedThroughput{}})
	wantOTSError(t, err, CodeQuotaExhausted, MsgTableQuota, http.StatusForbidden)
}
