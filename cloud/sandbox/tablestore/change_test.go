package tablestore

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// Malformed row changes the SDK would never build but a hand-made client
// can send: each is refused with the service's message.
func TestChangeValidation(t *testing.T) {
	t.Parallel()
	now := time.Now()
	tbl := &table{
		meta: TableMeta{Name: "t", PrimaryKey: []PKColumn{{Name: "id", Type: PKString}, {Name: "seq", Type: PKInteger, AutoIncrement: true}}},
		opts: TableOptions{TimeToLive: -1, MaxVersions: 1, DeviationSeconds: 60, AllowUpdate: true},
	}
	key := []plainbuffer.Cell{plainbuffer.KeyCell("id", plainbuffer.String("a")), plainbuffer.KeyCell("seq", plainbuffer.Integer(1))}
	row := func(cells ...plainbuffer.Cell) plainbuffer.Row { return plainbuffer.Row{PrimaryKey: key, Cells: cells} }
	val := func(name string, v Value) plainbuffer.Cell {
		return plainbuffer.Cell{Name: name, Value: v, HasValue: true}
	}
	op := func(name string, o plainbuffer.Op) plainbuffer.Cell { return plainbuffer.Cell{Name: name, Op: o} }
	tests := []struct {
		name string
		kind changeKind
		row  plainbuffer.Row
		msg  string
	}{
		{"put with an operation", changePut, row(plainbuffer.Cell{Name: "a", Value: plainbuffer.Integer(1), HasValue: true, Op: plainbuffer.OpIncrement}),
			"OpType cannot be given for column name:a in PutRow."},
		{"put without a value", changePut, row(plainbuffer.Cell{Name: "a"}), "Invalid request of put row: find cells without values"},
		{"put with a delete marker", changePut, plainbuffer.Row{PrimaryKey: key, DeleteMarker: true}, "Invalid request of put/update row: unexpected RowDeleteMarker in request."},
		{"update with nothing", changeUpdate, row(), "Invalid update row request: missing cells in request"},
		{"update put without a value", changeUpdate, row(plainbuffer.Cell{Name: "a"}), "Invalid cell: a. Reason: missing value"},
		{"delete-all with a timestamp", changeUpdate, row(plainbuffer.Cell{Name: "a", Op: plainbuffer.OpDeleteAllVersion, Timestamp: 1, HasTimestamp: true}),
			"Timestamp cannot be given when type is DELETE_ALL_VERSION."},
		{"delete-one without a timestamp", changeUpdate, row(op("a", plainbuffer.OpDeleteOneVersion)), "Timestamp must be given when type is DELETE_ONE_VERSION."},
		{"delete with a value", changeUpdate, row(plainbuffer.Cell{Name: "a", Op: plainbuffer.OpDeleteAllVersion, Value: plainbuffer.Integer(1), HasValue: true}),
			"Column value cannot be given when type is DELETE_ONE_VERSION,DELETE_ALL_VERSION."},
		{"increment by a string", changeUpdate, row(plainbuffer.Cell{Name: "a", Op: plainbuffer.OpIncrement, Value: plainbuffer.String("1"), HasValue: true}),
			"Invalid cell: a. Reason: INCREMENT needs an INTEGER value."},
		{"delete without marker", changeDelete, plainbuffer.Row{PrimaryKey: key}, "Invalid request of delete row: missing RowDeleteMarker in request"},
		{"delete with cells", changeDelete, plainbuffer.Row{PrimaryKey: key, Cells: []plainbuffer.Cell{val("a", plainbuffer.Integer(1))}, DeleteMarker: true},
			"Invalid delete row request: unexpected cells in request"},
		{"infinity", changePut, row(val("a", plainbuffer.Double(math.Inf(1)))), "Infinity can't be set to double value."},
		{"invalid UTF-8", changePut, row(val("a", plainbuffer.String("\xff"))), "Value of column a must be UTF8 encoding."},
		{"null attribute", changePut, row(val("a", Value{Kind: plainbuffer.KindNull})), "NULL is an invalid type for the attribute column."},
		{"placeholder attribute", changePut, row(val("a", plainbuffer.InfMax())), "INF_MAX is an invalid type for the attribute column."},
		{"empty column name", changePut, row(val("", plainbuffer.Integer(1))), "invalid name of column: empty name."},
		{"negative timestamp", changePut, row(plainbuffer.DataCell("a", plainbuffer.Integer(1), -5)), "Timestamp must be in range [0, INT64_MAX/1000)."},
		{"timestamp beyond deviation", changePut, row(plainbuffer.DataCell("a", plainbuffer.Integer(1), now.UnixMilli()+61_000)), "Invalid timestamp. Cell:a."},
		{"too many columns", changePut, row(make([]plainbuffer.Cell, maxColumnsPerRow+1)...), "The number of attribute columns exceeds the limit, limit count: 1024, column count: 1025."},
		{"key with timestamp", changePut, plainbuffer.Row{PrimaryKey: []plainbuffer.Cell{{Name: "id", Value: plainbuffer.String("a"), HasValue: true, HasTimestamp: true}, key[1]}},
			"Timestamp cannot be given for primary key name: id."},
		{"key without value", changePut, plainbuffer.Row{PrimaryKey: []plainbuffer.Cell{{Name: "id"}, key[1]}}, "No value is given for primary key name: id."},
		{"key placeholder in a write", changePut, plainbuffer.Row{PrimaryKey: []plainbuffer.Cell{plainbuffer.KeyCell("id", plainbuffer.InfMin()), key[1]}},
			"INF_MIN and INF_MAX are only allowed in range bounds"},
		{"auto-increment on a plain column", changePut, plainbuffer.Row{PrimaryKey: []plainbuffer.Cell{plainbuffer.KeyCell("id", plainbuffer.AutoIncrement()), key[1]}},
			"Primary key id is not an auto-increment column."},
		{"key too long", changePut, plainbuffer.Row{PrimaryKey: []plainbuffer.Cell{plainbuffer.KeyCell("id", plainbuffer.String(strings.Repeat("k", 1025))), key[1]}},
			"The length of primary key column: id exceeds the MaxLength: 1024 with CurrentLength: 1025."},
		{"delete with auto-increment", changeDelete, plainbuffer.Row{PrimaryKey: []plainbuffer.Cell{key[0], plainbuffer.KeyCell("seq", plainbuffer.AutoIncrement())}, DeleteMarker: true},
			"Invalid row to delete which with pk auto increment"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newChange(tbl, tc.kind, tc.row, now)
			if err == nil || err.Code != CodeParameterInvalid || !strings.HasPrefix(err.Message, tc.msg) {
				t.Errorf("newChange = %v, want OTSParameterInvalid %q", err, tc.msg)
			}
		})
	}
	if _, err := decodeChange(tbl, changePut, plainbuffer.Encode(row(), row()), now); err == nil || !strings.Contains(err.Message, "exactly one row") {
		t.Errorf("two rows in one change: %v", err)
	}
	if _, err := decodeChange(tbl, changePut, []byte{1, 2, 3}, now); err == nil || err.Code != CodeParameterInvalid {
		t.Errorf("broken PlainBuffer: %v", err)
	}
	noUpdate := *tbl
	noUpdate.opts.AllowUpdate = false
	if _, err := newChange(&noUpdate, changeUpdate, row(val("a", plainbuffer.Integer(1))), now); err == nil || !strings.Contains(err.Message, "does not allow update") {
		t.Errorf("UpdateRow on an AllowUpdate=false table: %v", err)
	}
}

func TestReadSpecValidation(t *testing.T) {
	t.Parallel()
	one, zero := int32(1), int32(0)
	tr := func(start, end, specific *int64) *otsprotocol.TimeRange {
		return &otsprotocol.TimeRange{StartTime: start, EndTime: end, SpecificTime: specific}
	}
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		name string
		q    readQuery
		msg  string
	}{
		{"no version condition", readQuery{}, "No version condition is specified while querying row."},
		{"zero max versions", readQuery{maxVersions: &zero}, "Invalid max versions: 0"},
		{"specific and max versions", readQuery{maxVersions: &one, timeRange: tr(nil, nil, n(5))}, "Specific tiemstamp and max versions cannot be given at the same time."},
		{"specific and range", readQuery{timeRange: tr(n(1), n(2), n(5))}, "Specific tiemstamp and time range cannot be given at the same time."},
		{"half a range", readQuery{timeRange: tr(n(1), nil, nil)}, "Start and end time must be given at the same time."},
		{"empty range", readQuery{timeRange: tr(n(5), n(5), nil)}, "Invalid time range: [5, 5)."},
		{"too many columns", readQuery{maxVersions: &one, columns: make([]string, 129)}, "The number of columns from the request exceeds the limit"},
		{"transaction", readQuery{maxVersions: &one, transaction: "tx"}, "Try to call method using explicit transaction"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newReadSpec(tc.q)
			if err == nil || err.Code != CodeParameterInvalid || !strings.HasPrefix(err.Message, tc.msg) {
				t.Errorf("newReadSpec = %v, want %q", err, tc.msg)
			}
		})
	}
}

// Data older than the table's time to live disappears from reads.
func TestTimeToLiveHidesExpiredData(t *testing.T) {
	t.Parallel()
	clock := newFakeClock(time.Now())
	f := newFixture(t, Options{Now: clock.Now})
	if err := f.svc.CreateTable(ownerCaller, internalCap, TableSpec{Meta: DemoVehicleTrackMeta(),
		Options: TableOptions{TimeToLive: 86400, MaxVersions: 1, DeviationSeconds: 86400, AllowUpdate: true}}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.LoadRows(region, "cap1", DemoTableName, DemoVehicleTrackRows(3)); err != nil {
		t.Fatal(err)
	}
	scan := func() int {
		page, err := f.svc.Scan(ownerCaller, internalCap, DemoTableName, ScanQuery{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range page.Rows {
			n += len(r.Columns)
		}
		return n
	}
	if got := scan(); got != 15 {
		t.Fatalf("fresh rows show %d cells, want 15", got)
	}
	clock.Advance(86401 * time.Second)
	if got := scan(); got != 0 {
		t.Errorf("after the TTL, %d cells are still visible", got)
	}
}

func TestEnumNames(t *testing.T) {
	t.Parallel()
	for got, want := range map[string]string{
		ActionGetRange.String():                   "GetRange",
		CallerAssumedRole.String():                "AssumedRoleUser",
		CallerKind(9).String():                    "CallerKind(9)",
		EndpointInternal.String():                 "internal",
		EndpointKind(0).String():                  "EndpointKind(0)",
		PKBinary.String():                         "BINARY",
		PKType(9).String():                        "PKType(9)",
		ColumnDouble.String():                     "DOUBLE",
		ColumnType(5).String():                    "ColumnType(5)",
		(&Error{Code: "C", Message: "m"}).Error(): "C: m",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
