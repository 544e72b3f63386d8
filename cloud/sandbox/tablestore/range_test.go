package tablestore

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// loadTrack fills table with n rows keyed vid = i/10, gt = i%10, carrying
// speed = i.
func (f *fixture) loadTrack(table string, n int) {
	f.t.Helper()
	rows := make([]Row, n)
	for i := range rows {
		rows[i] = Row{
			PrimaryKey: []Column{{Name: "vid", Value: plainbuffer.Integer(int64(i / 10))}, {Name: "gt", Value: plainbuffer.Integer(int64(i % 10))}},
			Columns:    []Column{{Name: "speed", Value: plainbuffer.Integer(int64(i))}, {Name: "tag", Value: plainbuffer.String(fmt.Sprint("t", i%3))}},
		}
	}
	if err := f.svc.LoadRows(region, "cap1", table, rows); err != nil {
		f.t.Fatalf("LoadRows: %v", err)
	}
}

func rangeKey(vid, gt any) *ots.PrimaryKey {
	k := &ots.PrimaryKey{}
	for _, p := range []struct {
		name string
		v    any
	}{{"vid", vid}, {"gt", gt}} {
		switch p.v {
		case ots.MIN:
			k.AddPrimaryKeyColumnWithMinValue(p.name)
		case ots.MAX:
			k.AddPrimaryKeyColumnWithMaxValue(p.name)
		default:
			k.AddPrimaryKeyColumn(p.name, p.v)
		}
	}
	return k
}

func speedsOf(rows []*ots.Row) []int64 {
	var out []int64
	for _, r := range rows {
		for _, c := range r.Columns {
			if c.ColumnName == "speed" {
				out = append(out, c.Value.(int64))
			}
		}
	}
	return out
}

func TestGetRange(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	f.loadTrack("track", 50)

	get := func(crit ots.RangeRowQueryCriteria) (*ots.GetRangeResponse, error) {
		crit.TableName = "track"
		if crit.MaxVersion == 0 {
			crit.MaxVersion = 1
		}
		return c.GetRange(&ots.GetRangeRequest{RangeRowQueryCriteria: &crit})
	}

	r, err := get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey(int64(1), int64(5)), EndPrimaryKey: rangeKey(int64(2), int64(2)), Direction: ots.FORWARD})
	if err != nil {
		t.Fatalf("GetRange: %v", err)
	}
	if got, want := speedsOf(r.Rows), []int64{15, 16, 17, 18, 19, 20, 21}; !reflect.DeepEqual(got, want) {
		t.Errorf("forward [ (1,5), (2,2) ) = %v, want %v", got, want)
	}
	if r.NextStartPrimaryKey != nil {
		t.Errorf("complete range returned next key %v", r.NextStartPrimaryKey)
	}
	if len(r.Rows[0].PrimaryKey.PrimaryKeys) != 2 || r.Rows[0].PrimaryKey.PrimaryKeys[1].Value != int64(5) {
		t.Errorf("first row key = %v", r.Rows[0].PrimaryKey.PrimaryKeys)
	}

	r, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey(int64(2), ots.MIN), EndPrimaryKey: rangeKey(int64(1), int64(7)), Direction: ots.BACKWARD})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := speedsOf(r.Rows), []int64{19, 18}; !reflect.DeepEqual(got, want) {
		t.Errorf("backward from (2,-inf) to (1,7) = %v, want %v", got, want)
	}

	// Paging with a limit: next_start_primary_key continues exactly.
	var all []int64
	start := rangeKey(ots.MIN, ots.MIN)
	pages := 0
	for start != nil {
		r, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: start, EndPrimaryKey: rangeKey(ots.MAX, ots.MAX), Direction: ots.FORWARD, Limit: 12})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, speedsOf(r.Rows)...)
		start = r.NextStartPrimaryKey
		pages++
	}
	if len(all) != 50 || all[0] != 0 || all[49] != 49 || pages != 5 {
		t.Errorf("paged scan read %d rows in %d pages (%v…)", len(all), pages, all[:min(3, len(all))])
	}

	// Columns and filters.
	filter := ots.NewSingleColumnCondition("tag", ots.CT_EQUAL, "t1")
	filter.FilterIfMissing = true
	r, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey(int64(0), ots.MIN), EndPrimaryKey: rangeKey(int64(1), ots.MIN), Direction: ots.FORWARD,
		ColumnsToGet: []string{"speed", "tag"}, Filter: filter})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := speedsOf(r.Rows), []int64{1, 4, 7}; !reflect.DeepEqual(got, want) {
		t.Errorf("filter tag == t1 in vid 0 = %v, want %v", got, want)
	}
	r, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey(int64(0), ots.MIN), EndPrimaryKey: rangeKey(int64(0), int64(2)), Direction: ots.FORWARD,
		ColumnsToGet: []string{"tag"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != 2 || len(r.Rows[0].Columns) != 1 || r.Rows[0].Columns[0].ColumnName != "tag" || len(r.Rows[0].PrimaryKey.PrimaryKeys) != 2 {
		t.Errorf("columns_to_get tag: %+v", r.Rows)
	}
	page := &ots.PaginationFilter{Offset: 1, Limit: 1}
	r, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey(int64(0), int64(0)), EndPrimaryKey: rangeKey(int64(0), int64(1)), Direction: ots.FORWARD, Filter: page})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != 1 || len(r.Rows[0].Columns) != 1 || r.Rows[0].Columns[0].ColumnName != "tag" {
		t.Errorf("column pagination offset 1 limit 1: %+v", r.Rows[0].Columns)
	}

	// Refusals.
	_, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey(int64(2), int64(0)), EndPrimaryKey: rangeKey(int64(1), int64(0)), Direction: ots.FORWARD})
	wantOTSError(t, err, CodeParameterInvalid, "Begin key must less than end key in FORWARD.", http.StatusBadRequest)
	_, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey(int64(1), int64(0)), EndPrimaryKey: rangeKey(int64(2), int64(0)), Direction: ots.BACKWARD})
	wantOTSError(t, err, CodeParameterInvalid, "Begin key must more than end key in BACKWARD.", http.StatusBadRequest)
	_, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey("a", int64(0)), EndPrimaryKey: rangeKey(int64(2), int64(0)), Direction: ots.FORWARD})
	wantOTSError(t, err, CodeInvalidPK, MsgPKSchemaMismatch, http.StatusBadRequest)
	_, err = get(ots.RangeRowQueryCriteria{StartPrimaryKey: rangeKey(int64(0), int64(0)), EndPrimaryKey: rangeKey(int64(2), int64(0)), Direction: ots.FORWARD, Limit: -1})
	wantOTSError(t, err, CodeParameterInvalid, "The limit must be greater than 0.", http.StatusBadRequest)
	_, err = c.GetRange(&ots.GetRangeRequest{RangeRowQueryCriteria: &ots.RangeRowQueryCriteria{TableName: "nope", MaxVersion: 1,
		StartPrimaryKey: rangeKey(int64(0), int64(0)), EndPrimaryKey: rangeKey(int64(1), int64(0))}})
	wantOTSError(t, err, CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound)
}

func TestGetRangeCapsAPageAt5000Rows(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	f.loadTrack("track", 5003)
	r, err := c.GetRange(&ots.GetRangeRequest{RangeRowQueryCriteria: &ots.RangeRowQueryCriteria{TableName: "track", MaxVersion: 1,
		StartPrimaryKey: rangeKey(ots.MIN, ots.MIN), EndPrimaryKey: rangeKey(ots.MAX, ots.MAX)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != 5000 || r.NextStartPrimaryKey == nil {
		t.Fatalf("got %d rows, next %v; want 5000 and a next key", len(r.Rows), r.NextStartPrimaryKey)
	}
	if got := r.NextStartPrimaryKey.PrimaryKeys; got[0].Value != int64(500) || got[1].Value != int64(0) {
		t.Errorf("next key = %v, want (500, 0)", got)
	}
}

func TestComputeSplitPointsBySize(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	f.loadTrack("track", 100)

	whole, err := c.ComputeSplitPointsBySize(&ots.ComputeSplitPointsBySizeRequest{TableName: "track", SplitSize: 1})
	if err != nil {
		t.Fatalf("ComputeSplitPointsBySize: %v", err)
	}
	if len(whole.Splits) != 1 || whole.Splits[0].Location == "" {
		t.Fatalf("a small table is one split; got %+v", whole.Splits)
	}

	unit := int64(200) // about ten rows per split
	r, err := c.ComputeSplitPointsBySize(&ots.ComputeSplitPointsBySizeRequest{TableName: "track", SplitSize: 1, SplitSizeUnitInByte: &unit})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Splits) < 3 {
		t.Fatalf("got %d splits, want several", len(r.Splits))
	}
	// Splits tile the key space: each lower bound is the previous upper
	// bound, the ends are -inf and +inf, and every split has a location.
	prev := r.Splits[0].LowerBound
	for i, s := range r.Splits {
		if !reflect.DeepEqual(s.LowerBound, prev) || s.Location == "" {
			t.Errorf("split %d = %+v does not follow %v", i, s, prev)
		}
		prev = s.UpperBound
	}
	if last := r.Splits[len(r.Splits)-1].UpperBound.PrimaryKeys[0]; last.PrimaryKeyOption != ots.MAX {
		t.Errorf("last split ends at %v, want +inf", last)
	}
	if mid := r.Splits[1].LowerBound.PrimaryKeys; mid[0].PrimaryKeyOption != ots.NONE || mid[1].PrimaryKeyOption != ots.MIN {
		t.Errorf("split point %v should be (vid value, -inf)", mid)
	}

	limit := int32(1)
	r, err = c.ComputeSplitPointsBySize(&ots.ComputeSplitPointsBySizeRequest{TableName: "track", SplitSize: 1, SplitSizeUnitInByte: &unit, SplitPointLimit: &limit})
	if err != nil || len(r.Splits) != 2 {
		t.Errorf("split point limit 1: %d splits, %v", len(r.Splits), err)
	}
	_, err = c.ComputeSplitPointsBySize(&ots.ComputeSplitPointsBySizeRequest{TableName: "track", SplitSize: 0})
	wantOTSError(t, err, CodeParameterInvalid, "Invalid split size", http.StatusBadRequest)
	_, err = c.ComputeSplitPointsBySize(&ots.ComputeSplitPointsBySizeRequest{TableName: "nope", SplitSize: 1})
	wantOTSError(t, err, CodeObjectNotExist, MsgTableNotExist, http.StatusNotFound)
}

func BenchmarkGetRange1000Rows(b *testing.B) {
	f := newFixture(b, Options{})
	c := f.owner()
	f.trackTable(c, "track", 1)
	f.loadTrack("track", 1000)
	req := &ots.GetRangeRequest{RangeRowQueryCriteria: &ots.RangeRowQueryCriteria{TableName: "track", MaxVersion: 1,
		StartPrimaryKey: rangeKey(ots.MIN, ots.MIN), EndPrimaryKey: rangeKey(ots.MAX, ots.MAX)}}
	b.ResetTimer()
	for b.Loop() {
		r, err := c.GetRange(req)
		if err != nil || len(r.Rows) != 1000 {
			b.Fatalf("GetRange: %d rows, %v", len(r.Rows), err)
		}
	}
}
