package tablestore

import (
	"bytes"
	"math"
	"net/http"
	"reflect"
	"testing"
	"time"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
)

func TestPutGetRowAllTypes(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)

	f.put(c, "track", pk("vid", int64(7), "gt", int64(1000)),
		"speed", 61.5, "plate", "浙A·12345", "moving", true, "odometer", int64(123456), "raw", []byte{0, 1, 255})

	r, err := getRow(c, "track", pk("vid", int64(7), "gt", int64(1000)))
	if err != nil {
		t.Fatalf("GetRow: %v", err)
	}
	if len(r.PrimaryKey.PrimaryKeys) != 2 || r.PrimaryKey.PrimaryKeys[0].Value != int64(7) || r.PrimaryKey.PrimaryKeys[1].Value != int64(1000) {
		t.Errorf("primary key = %v", r.PrimaryKey.PrimaryKeys)
	}
	got := columns(r.Columns)
	want := map[string]any{"speed": 61.5, "plate": "浙A·12345", "moving": true, "odometer": int64(123456), "raw": []byte{0, 1, 255}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns = %v, want %v", got, want)
	}
	// Attribute columns come back sorted by name, as from the service.
	var order []string
	for _, col := range r.Columns {
		order = append(order, col.ColumnName)
		if col.Timestamp == 0 {
			t.Errorf("column %s has no version timestamp", col.ColumnName)
		}
	}
	if !reflect.DeepEqual(order, []string{"moving", "odometer", "plate", "raw", "speed"}) {
		t.Errorf("column order = %v", order)
	}
	if r.ConsumedCapacityUnit.Read < 1 {
		t.Errorf("consumed read CU = %d", r.ConsumedCapacityUnit.Read)
	}

	r, err = getRow(c, "track", pk("vid", int64(7), "gt", int64(1000)), "speed", "nope")
	if err != nil {
		t.Fatal(err)
	}
	if got := columns(r.Columns); !reflect.DeepEqual(got, map[string]any{"speed": 61.5}) {
		t.Errorf("columns_to_get speed = %v", got)
	}
	r, err = getRow(c, "track", pk("vid", int64(7), "gt", int64(1000)), "nope")
	if err != nil || r.PrimaryKey.PrimaryKeys != nil || r.Columns != nil {
		t.Errorf("row without the asked column = %+v, %v; want empty", r, err)
	}
	r, err = getRow(c, "track", pk("vid", int64(8), "gt", int64(1000)))
	if err != nil || r.PrimaryKey.PrimaryKeys != nil || r.Columns != nil {
		t.Errorf("missing row = %+v, %v; want empty", r, err)
	}
}

func TestPutRowReplacesAndChecksConditions(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	key := func() *ots.PrimaryKey { return pk("vid", int64(1), "gt", int64(1)) }
	f.put(c, "track", key(), "a", int64(1), "speed", 30.0)
	f.put(c, "track", key(), "b", int64(2), "speed", 30.0)
	r, _ := getRow(c, "track", key())
	if got := columns(r.Columns); !reflect.DeepEqual(got, map[string]any{"b": int64(2), "speed": 30.0}) {
		t.Errorf("PutRow must replace the row; got %v", got)
	}

	put := func(expect ots.RowExistenceExpectation, cond ots.ColumnFilter, k *ots.PrimaryKey) error {
		ch := &ots.PutRowChange{TableName: "track", PrimaryKey: k}
		ch.AddColumn("c", int64(3))
		ch.SetCondition(expect)
		if cond != nil {
			ch.SetColumnCondition(cond)
		}
		_, err := c.PutRow(&ots.PutRowRequest{PutRowChange: ch})
		return err
	}
	wantOTSError(t, put(ots.RowExistenceExpectation_EXPECT_NOT_EXIST, nil, key()), CodeConditionCheckFail, MsgConditionCheckFail, http.StatusForbidden)
	wantOTSError(t, put(ots.RowExistenceExpectation_EXPECT_EXIST, nil, pk("vid", int64(2), "gt", int64(1))), CodeConditionCheckFail, MsgConditionCheckFail, http.StatusForbidden)
	fast := ots.NewSingleColumnCondition("speed", ots.CT_GREATER_THAN, 50.0)
	wantOTSError(t, put(ots.RowExistenceExpectation_EXPECT_EXIST, fast, key()), CodeConditionCheckFail, MsgConditionCheckFail, http.StatusForbidden)

	slowOrMissing := ots.NewCompositeColumnCondition(ots.LO_OR)
	slowOrMissing.AddFilter(ots.NewSingleColumnCondition("speed", ots.CT_LESS_EQUAL, 30.0))
	slowOrMissing.AddFilter(ots.NewSingleColumnCondition("other", ots.CT_EQUAL, "x"))
	if err := put(ots.RowExistenceExpectation_EXPECT_EXIST, slowOrMissing, key()); err != nil {
		t.Fatalf("conditional put that should pass: %v", err)
	}
	if err := put(ots.RowExistenceExpectation_EXPECT_NOT_EXIST, nil, pk("vid", int64(3), "gt", int64(1))); err != nil {
		t.Fatalf("EXPECT_NOT_EXIST on a new row: %v", err)
	}
	r, _ = getRow(c, "track", key())
	if got := columns(r.Columns); !reflect.DeepEqual(got, map[string]any{"c": int64(3)}) {
		t.Errorf("after conditional put: %v", got)
	}
}

func TestUpdateRowOperations(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	key := func() *ots.PrimaryKey { return pk("vid", int64(1), "gt", int64(1)) }

	upd := &ots.UpdateRowChange{TableName: "track", PrimaryKey: pk("vid", int64(9), "gt", int64(9))}
	upd.PutColumn("x", int64(1))
	upd.SetCondition(ots.RowExistenceExpectation_EXPECT_EXIST)
	_, err := c.UpdateRow(&ots.UpdateRowRequest{UpdateRowChange: upd})
	wantOTSError(t, err, CodeConditionCheckFail, MsgConditionCheckFail, http.StatusForbidden)

	f.put(c, "track", key(), "keep", "k", "drop", "d", "count", int64(40))
	upd = &ots.UpdateRowChange{TableName: "track", PrimaryKey: key()}
	upd.PutColumn("added", 1.5)
	upd.DeleteColumn("drop")
	upd.IncrementColumn("count", 2)
	upd.IncrementColumn("fresh", 5)
	upd.SetCondition(ots.RowExistenceExpectation_EXPECT_EXIST)
	upd.SetReturnIncrementValue()
	upd.AppendIncrementColumnToReturn("count")
	upd.AppendIncrementColumnToReturn("fresh")
	resp, err := c.UpdateRow(&ots.UpdateRowRequest{UpdateRowChange: upd})
	if err != nil {
		t.Fatalf("UpdateRow: %v", err)
	}
	if got := columns(resp.Columns); !reflect.DeepEqual(got, map[string]any{"count": int64(42), "fresh": int64(5)}) {
		t.Errorf("returned after modify = %v", got)
	}
	if resp.ConsumedCapacityUnit.Write < 1 {
		t.Errorf("write CU = %d", resp.ConsumedCapacityUnit.Write)
	}
	r, _ := getRow(c, "track", key())
	if got := columns(r.Columns); !reflect.DeepEqual(got, map[string]any{"keep": "k", "added": 1.5, "count": int64(42), "fresh": int64(5)}) {
		t.Errorf("row after update = %v", got)
	}

	inc := &ots.UpdateRowChange{TableName: "track", PrimaryKey: key()}
	inc.IncrementColumn("keep", 1)
	inc.SetCondition(ots.RowExistenceExpectation_IGNORE)
	_, err = c.UpdateRow(&ots.UpdateRowRequest{UpdateRowChange: inc})
	wantOTSError(t, err, CodeParameterInvalid, "Column keep holds STRING, not INTEGER", http.StatusBadRequest)

	notExist := &ots.UpdateRowChange{TableName: "track", PrimaryKey: key()}
	notExist.PutColumn("x", int64(1))
	notExist.SetCondition(ots.RowExistenceExpectation_EXPECT_NOT_EXIST)
	_, err = c.UpdateRow(&ots.UpdateRowRequest{UpdateRowChange: notExist})
	wantOTSError(t, err, CodeParameterInvalid, "Invalid condition: EXPECT_NOT_EXIST.", http.StatusBadRequest)

	// UpdateRow with IGNORE creates the row.
	create := &ots.UpdateRowChange{TableName: "track", PrimaryKey: pk("vid", int64(5), "gt", int64(5))}
	create.PutColumn("x", "new")
	create.SetCondition(ots.RowExistenceExpectation_IGNORE)
	if _, err := c.UpdateRow(&ots.UpdateRowRequest{UpdateRowChange: create}); err != nil {
		t.Fatal(err)
	}
	r, _ = getRow(c, "track", pk("vid", int64(5), "gt", int64(5)))
	if got := columns(r.Columns); !reflect.DeepEqual(got, map[string]any{"x": "new"}) {
		t.Errorf("created by update = %v", got)
	}
}

func TestVersions(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 3)
	now := time.Now().UnixMilli()
	key := func() *ots.PrimaryKey { return pk("vid", int64(1), "gt", int64(1)) }
	for i := range int64(4) {
		upd := &ots.UpdateRowChange{TableName: "track", PrimaryKey: key()}
		upd.PutColumnWithTimestamp("speed", float64(10*i), now-1000+i)
		upd.SetCondition(ots.RowExistenceExpectation_IGNORE)
		if _, err := c.UpdateRow(&ots.UpdateRowRequest{UpdateRowChange: upd}); err != nil {
			t.Fatal(err)
		}
	}
	read := func(crit *ots.SingleRowQueryCriteria) []*ots.AttributeColumn {
		t.Helper()
		crit.TableName, crit.PrimaryKey = "track", key()
		r, err := c.GetRow(&ots.GetRowRequest{SingleRowQueryCriteria: crit})
		if err != nil {
			t.Fatal(err)
		}
		return r.Columns
	}
	speeds := func(cols []*ots.AttributeColumn) (out []float64) {
		for _, c := range cols {
			out = append(out, c.Value.(float64))
		}
		return out
	}
	if got := speeds(read(&ots.SingleRowQueryCriteria{MaxVersion: 10})); !reflect.DeepEqual(got, []float64{30, 20, 10}) {
		t.Errorf("max_versions 3 keeps the newest three, newest first; got %v", got)
	}
	if got := speeds(read(&ots.SingleRowQueryCriteria{MaxVersion: 1})); !reflect.DeepEqual(got, []float64{30}) {
		t.Errorf("latest only: %v", got)
	}
	if got := speeds(read(&ots.SingleRowQueryCriteria{TimeRange: &ots.TimeRange{Start: now - 999, End: now - 997}})); !reflect.DeepEqual(got, []float64{20, 10}) {
		t.Errorf("time range [now-999, now-997): %v", got)
	}
	if got := speeds(read(&ots.SingleRowQueryCriteria{TimeRange: &ots.TimeRange{Specific: now - 998}})); !reflect.DeepEqual(got, []float64{20}) {
		t.Errorf("specific time: %v", got)
	}
	del := &ots.UpdateRowChange{TableName: "track", PrimaryKey: key()}
	del.DeleteColumnWithTimestamp("speed", now-998)
	del.SetCondition(ots.RowExistenceExpectation_IGNORE)
	if _, err := c.UpdateRow(&ots.UpdateRowRequest{UpdateRowChange: del}); err != nil {
		t.Fatal(err)
	}
	if got := speeds(read(&ots.SingleRowQueryCriteria{MaxVersion: 10})); !reflect.DeepEqual(got, []float64{30, 10}) {
		t.Errorf("after deleting one version: %v", got)
	}

	old := &ots.PutRowChange{TableName: "track", PrimaryKey: key()}
	old.AddColumnWithTimestamp("speed", 1.0, 1000)
	old.SetCondition(ots.RowExistenceExpectation_IGNORE)
	_, err := c.PutRow(&ots.PutRowRequest{PutRowChange: old})
	wantOTSError(t, err, CodeParameterInvalid, "Invalid timestamp. Cell:speed.", http.StatusBadRequest)
}

func TestDeleteRow(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	del := func(k *ots.PrimaryKey, expect ots.RowExistenceExpectation) error {
		d := &ots.DeleteRowChange{TableName: "track", PrimaryKey: k}
		d.SetCondition(expect)
		_, err := c.DeleteRow(&ots.DeleteRowRequest{DeleteRowChange: d})
		return err
	}
	wantOTSError(t, del(pk("vid", int64(1), "gt", int64(1)), ots.RowExistenceExpectation_EXPECT_EXIST), CodeConditionCheckFail, MsgConditionCheckFail, http.StatusForbidden)
	if err := del(pk("vid", int64(1), "gt", int64(1)), ots.RowExistenceExpectation_IGNORE); err != nil {
		t.Fatalf("deleting a missing row with IGNORE: %v", err)
	}
	f.put(c, "track", pk("vid", int64(1), "gt", int64(1)), "a", int64(1))
	if err := del(pk("vid", int64(1), "gt", int64(1)), ots.RowExistenceExpectation_EXPECT_EXIST); err != nil {
		t.Fatal(err)
	}
	if r, _ := getRow(c, "track", pk("vid", int64(1), "gt", int64(1))); r.Columns != nil {
		t.Errorf("row survived DeleteRow: %v", r.Columns)
	}
}

func TestAutoIncrementKey(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	meta := &ots.TableMeta{TableName: "events"}
	meta.AddPrimaryKeyColumn("device", ots.PrimaryKeyType_STRING)
	meta.AddPrimaryKeyColumnOption("seq", ots.PrimaryKeyType_INTEGER, ots.AUTO_INCREMENT)
	if _, err := c.CreateTable(&ots.CreateTableRequest{TableMeta: meta, TableOption: &ots.TableOption{TimeToAlive: -1, MaxVersion: 1}, ReservedThroughput: &ots.ReservedThroughput{}}); err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	for range 2 {
		k := &ots.PrimaryKey{}
		k.AddPrimaryKeyColumn("device", "d1")
		k.AddPrimaryKeyColumnWithAutoIncrement("seq")
		ch := &ots.PutRowChange{TableName: "events", PrimaryKey: k}
		ch.AddColumn("v", int64(1))
		ch.SetCondition(ots.RowExistenceExpectation_IGNORE)
		ch.SetReturnPk()
		resp, err := c.PutRow(&ots.PutRowRequest{PutRowChange: ch})
		if err != nil {
			t.Fatalf("PutRow with AUTO_INCREMENT: %v", err)
		}
		if len(resp.PrimaryKey.PrimaryKeys) != 2 || resp.PrimaryKey.PrimaryKeys[0].Value != "d1" {
			t.Fatalf("returned key = %v", resp.PrimaryKey.PrimaryKeys)
		}
		seqs = append(seqs, resp.PrimaryKey.PrimaryKeys[1].Value.(int64))
	}
	if seqs[1] <= seqs[0] {
		t.Errorf("auto-increment values %v do not increase", seqs)
	}

	k := &ots.PrimaryKey{}
	k.AddPrimaryKeyColumn("device", "d1")
	k.AddPrimaryKeyColumnWithAutoIncrement("seq")
	ch := &ots.PutRowChange{TableName: "events", PrimaryKey: k}
	ch.AddColumn("v", int64(1))
	ch.SetCondition(ots.RowExistenceExpectation_EXPECT_NOT_EXIST)
	_, err := c.PutRow(&ots.PutRowRequest{PutRowChange: ch})
	wantOTSError(t, err, CodeParameterInvalid, "Invalid expect: EXPECT_NOT_EXIST when modify row with pk auto increment", http.StatusBadRequest)
}

func TestRowRequestRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	putErr := func(table string, k *ots.PrimaryKey, name string, v any) error {
		ch := &ots.PutRowChange{TableName: table, PrimaryKey: k}
		ch.AddColumn(name, v)
		ch.SetCondition(ots.RowExistenceExpectation_IGNORE)
		_, err := c.PutRow(&ots.PutRowRequest{PutRowChange: ch})
		return err
	}
	good := func() *ots.PrimaryKey { return pk("vid", int64(1), "gt", int64(1)) }
	tests := []struct {
		name   string
		err    error
		code   string
		msg    string
		status int
	}{
		{"missing table", putErr("nope", good(), "a", int64(1)), CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound},
		{"key type", putErr("track", pk("vid", "1", "gt", int64(1)), "a", int64(1)), CodeInvalidPK, MsgPKSchemaMismatch, http.StatusBadRequest},
		{"key name", putErr("track", pk("vid", int64(1), "time", int64(1)), "a", int64(1)), CodeInvalidPK, MsgPKSchemaMismatch, http.StatusBadRequest},
		{"key too short", putErr("track", pk("vid", int64(1)), "a", int64(1)), CodeInvalidPK, MsgPKSchemaMismatch, http.StatusBadRequest},
		{"key order", putErr("track", pk("gt", int64(1), "vid", int64(1)), "a", int64(1)), CodeInvalidPK, MsgPKSchemaMismatch, http.StatusBadRequest},
		{"NaN", putErr("track", good(), "a", math.NaN()), CodeParameterInvalid, "NaN can't be set to double value.", http.StatusBadRequest},
		{"column named like key", putErr("track", good(), "vid", int64(1)), CodeParameterInvalid, "Duplicated attribute column name with primary key column: vid.", http.StatusBadRequest},
		{"bad column name", putErr("track", good(), "a b", int64(1)), CodeParameterInvalid, "Invalid column name: a b.", http.StatusBadRequest},
		{"attribute value too long", putErr("track", pk("vid", int64(1), "gt", int64(1)), "a", bytes.Repeat([]byte{1}, maxAttrValueBytes+1)), CodeParameterInvalid, "The length of attribute column: a exceeded", http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantOTSError(t, tc.err, tc.code, tc.msg, tc.status)
		})
	}

	_, err := getRow(c, "track", pk("vid", int64(1)))
	wantOTSError(t, err, CodeInvalidPK, MsgPKSchemaMismatch, http.StatusBadRequest)
	_, err = getRow(c, "nope", good())
	wantOTSError(t, err, CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound)
}
