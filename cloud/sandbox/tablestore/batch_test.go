package tablestore

import (
	"net/http"
	"reflect"
	"testing"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
)

func TestBatchGetRow(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	f.trackTable(c, "other", 1)
	f.loadTrack("track", 30)
	f.put(c, "other", pk("vid", int64(1), "gt", int64(1)), "o", "x")

	req := &ots.BatchGetRowRequest{}
	q := &ots.MultiRowQueryCriteria{TableName: "track", MaxVersion: 1, ColumnsToGet: []string{"speed"}}
	q.AddRow(pk("vid", int64(0), "gt", int64(3)))
	q.AddRow(pk("vid", int64(9), "gt", int64(9))) // missing
	q.AddRow(pk("vid", int64(2), "gt", int64(1)))
	req.MultiRowQueryCriteria = append(req.MultiRowQueryCriteria, q)
	q2 := &ots.MultiRowQueryCriteria{TableName: "other", MaxVersion: 1}
	q2.AddRow(pk("vid", int64(1), "gt", int64(1)))
	req.MultiRowQueryCriteria = append(req.MultiRowQueryCriteria, q2)

	resp, err := c.BatchGetRow(req)
	if err != nil {
		t.Fatalf("BatchGetRow: %v", err)
	}
	rows := resp.TableToRowsResult["track"]
	if len(rows) != 3 {
		t.Fatalf("track results = %d, want 3", len(rows))
	}
	for i, want := range []any{int64(3), nil, int64(21)} {
		r := rows[i]
		if !r.IsSucceed || r.Index != int32(i) {
			t.Errorf("row %d: succeed=%v index=%d", i, r.IsSucceed, r.Index)
		}
		got := columns(r.Columns)["speed"]
		if got != want {
			t.Errorf("row %d speed = %v, want %v", i, got, want)
		}
	}
	if o := resp.TableToRowsResult["other"]; len(o) != 1 || columns(o[0].Columns)["o"] != "x" {
		t.Errorf("other table result = %+v", o)
	}

	tooMany := &ots.BatchGetRowRequest{}
	q = &ots.MultiRowQueryCriteria{TableName: "track", MaxVersion: 1}
	for i := range 101 {
		q.AddRow(pk("vid", int64(i), "gt", int64(0)))
	}
	tooMany.MultiRowQueryCriteria = append(tooMany.MultiRowQueryCriteria, q)
	_, err = c.BatchGetRow(tooMany)
	wantOTSError(t, err, CodeParameterInvalid, "Rows count exceeds the upper limit: 100.", http.StatusBadRequest)

	missing := &ots.BatchGetRowRequest{}
	q = &ots.MultiRowQueryCriteria{TableName: "nope", MaxVersion: 1}
	q.AddRow(pk("vid", int64(1), "gt", int64(0)))
	missing.MultiRowQueryCriteria = append(missing.MultiRowQueryCriteria, q)
	_, err = c.BatchGetRow(missing)
	wantOTSError(t, err, CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound)

	dup := &ots.BatchGetRowRequest{}
	q = &ots.MultiRowQueryCriteria{TableName: "track", MaxVersion: 1}
	q.AddRow(pk("vid", int64(1), "gt", int64(0)))
	q.AddRow(pk("vid", int64(1), "gt", int64(0)))
	dup.MultiRowQueryCriteria = append(dup.MultiRowQueryCriteria, q)
	_, err = c.BatchGetRow(dup)
	wantOTSError(t, err, CodeParameterInvalid, "Duplicate rows detected in MultiGet.", http.StatusBadRequest)

	badKey := &ots.BatchGetRowRequest{}
	q = &ots.MultiRowQueryCriteria{TableName: "track", MaxVersion: 1}
	q.AddRow(pk("vid", "one", "gt", int64(0)))
	badKey.MultiRowQueryCriteria = append(badKey.MultiRowQueryCriteria, q)
	_, err = c.BatchGetRow(badKey)
	wantOTSError(t, err, CodeInvalidPK, MsgPKSchemaMismatch, http.StatusBadRequest)
}

func TestBatchWriteRow(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	f.put(c, "track", pk("vid", int64(1), "gt", int64(1)), "speed", int64(10))
	f.put(c, "track", pk("vid", int64(3), "gt", int64(3)), "speed", int64(30))

	req := &ots.BatchWriteRowRequest{}
	put := &ots.PutRowChange{TableName: "track", PrimaryKey: pk("vid", int64(2), "gt", int64(2))}
	put.AddColumn("speed", int64(20))
	put.SetCondition(ots.RowExistenceExpectation_EXPECT_NOT_EXIST)
	req.AddRowChange(put)
	upd := &ots.UpdateRowChange{TableName: "track", PrimaryKey: pk("vid", int64(1), "gt", int64(1))}
	upd.IncrementColumn("speed", 5)
	upd.SetCondition(ots.RowExistenceExpectation_EXPECT_EXIST)
	upd.SetReturnIncrementValue()
	upd.AppendIncrementColumnToReturn("speed")
	req.AddRowChange(upd)
	del := &ots.DeleteRowChange{TableName: "track", PrimaryKey: pk("vid", int64(3), "gt", int64(3))}
	del.SetCondition(ots.RowExistenceExpectation_EXPECT_EXIST)
	req.AddRowChange(del)
	failing := &ots.PutRowChange{TableName: "track", PrimaryKey: pk("vid", int64(1), "gt", int64(9))}
	failing.AddColumn("speed", int64(0))
	failing.SetCondition(ots.RowExistenceExpectation_EXPECT_EXIST) // row (1,9) does not exist
	req.AddRowChange(failing)

	resp, err := c.BatchWriteRow(req)
	if err != nil {
		t.Fatalf("BatchWriteRow: %v", err)
	}
	rows := resp.TableToRowsResult["track"]
	if len(rows) != 4 {
		t.Fatalf("results = %d, want 4", len(rows))
	}
	for i := range 3 {
		if !rows[i].IsSucceed {
			t.Errorf("row %d failed: %+v", i, rows[i].Error)
		}
	}
	if got := columns(rows[1].Columns); !reflect.DeepEqual(got, map[string]any{"speed": int64(15)}) {
		t.Errorf("increment returned %v", got)
	}
	if rows[3].IsSucceed || rows[3].Error.Code != CodeConditionCheckFail || rows[3].Error.Message != MsgConditionCheckFail {
		t.Errorf("row 3 = %+v, want a per-row condition failure", rows[3])
	}

	for key, want := range map[[2]int64]any{{1, 1}: int64(15), {2, 2}: int64(20), {3, 3}: nil, {1, 9}: nil} {
		r, err := getRow(c, "track", pk("vid", key[0], "gt", key[1]))
		if err != nil {
			t.Fatal(err)
		}
		if got := columns(r.Columns)["speed"]; got != want {
			t.Errorf("row %v speed = %v, want %v", key, got, want)
		}
	}

	// Whole-batch refusals.
	tooMany := &ots.BatchWriteRowRequest{}
	for i := range 201 {
		p := &ots.PutRowChange{TableName: "track", PrimaryKey: pk("vid", int64(i), "gt", int64(0))}
		p.AddColumn("speed", int64(i))
		p.SetCondition(ots.RowExistenceExpectation_IGNORE)
		tooMany.AddRowChange(p)
	}
	_, err = c.BatchWriteRow(tooMany)
	wantOTSError(t, err, CodeParameterInvalid, "Rows count exceeds the upper limit: 200.", http.StatusBadRequest)

	dup := &ots.BatchWriteRowRequest{}
	for range 2 {
		p := &ots.PutRowChange{TableName: "track", PrimaryKey: pk("vid", int64(7), "gt", int64(7))}
		p.AddColumn("speed", int64(1))
		p.SetCondition(ots.RowExistenceExpectation_IGNORE)
		dup.AddRowChange(p)
	}
	_, err = c.BatchWriteRow(dup)
	wantOTSError(t, err, CodeParameterInvalid, "Duplicate rows detected in MultiPut.", http.StatusBadRequest)

	bad := &ots.BatchWriteRowRequest{}
	good := &ots.PutRowChange{TableName: "track", PrimaryKey: pk("vid", int64(8), "gt", int64(8))}
	good.AddColumn("speed", int64(1))
	good.SetCondition(ots.RowExistenceExpectation_IGNORE)
	bad.AddRowChange(good)
	wrongKey := &ots.PutRowChange{TableName: "track", PrimaryKey: pk("vid", int64(8))}
	wrongKey.AddColumn("speed", int64(1))
	wrongKey.SetCondition(ots.RowExistenceExpectation_IGNORE)
	bad.AddRowChange(wrongKey)
	_, err = c.BatchWriteRow(bad)
	wantOTSError(t, err, CodeInvalidPK, MsgPKSchemaMismatch, http.StatusBadRequest)
	if r, _ := getRow(c, "track", pk("vid", int64(8), "gt", int64(8))); r.Columns != nil {
		t.Error("a refused batch must not write its valid rows")
	}

	missing := &ots.BatchWriteRowRequest{}
	m := &ots.PutRowChange{TableName: "nope", PrimaryKey: pk("vid", int64(1), "gt", int64(1))}
	m.AddColumn("speed", int64(1))
	m.SetCondition(ots.RowExistenceExpectation_IGNORE)
	missing.AddRowChange(m)
	_, err = c.BatchWriteRow(missing)
	wantOTSError(t, err, CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound)
}
