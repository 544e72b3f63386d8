package plainbuffer

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
)

// The SDK's own encoder is the reference: what it writes we must read, and
// what we write for the same row must be byte-for-byte what it writes,
// checksums included.
func TestMatchesSDKEncoder(t *testing.T) {
	t.Parallel()

	pk := func(cols ...*ots.PrimaryKeyColumn) *ots.PrimaryKey { return &ots.PrimaryKey{PrimaryKeys: cols} }
	col := func(name string, v any) *ots.PrimaryKeyColumn {
		return &ots.PrimaryKeyColumn{ColumnName: name, Value: v}
	}
	opt := func(name string, o ots.PrimaryKeyOption) *ots.PrimaryKeyColumn {
		return &ots.PrimaryKeyColumn{ColumnName: name, PrimaryKeyOption: o}
	}

	put := &ots.PutRowChange{PrimaryKey: pk(col("vid", int64(7)), col("gt", int64(1700000000000)))}
	put.AddColumn("name", "lorry 7")
	put.AddColumn("speed", 61.5)
	put.AddColumn("moving", true)
	put.AddColumn("blob", []byte{0, 1, 2, 0xff})
	put.AddColumnWithTimestamp("oil", int64(-3), 1700000000123)

	upd := &ots.UpdateRowChange{PrimaryKey: pk(col("id", "k\x00ey"), col("b", []byte("raw")))}
	upd.PutColumn("a", "x")
	upd.PutColumnWithTimestamp("c", 1.25, 42)
	upd.DeleteColumn("d")
	upd.DeleteColumnWithTimestamp("e", 99)
	upd.IncrementColumn("f", 5)

	del := &ots.DeleteRowChange{PrimaryKey: pk(col("id", int64(-1)))}

	tests := []struct {
		name string
		sdk  []byte
		want Row
	}{
		{
			name: "range bounds",
			sdk:  pk(opt("vid", ots.MIN), opt("gt", ots.MAX)).Build(false),
			want: Row{PrimaryKey: []Cell{KeyCell("vid", InfMin()), KeyCell("gt", InfMax())}},
		},
		{
			name: "auto increment key",
			sdk:  pk(col("p", "a"), opt("seq", ots.AUTO_INCREMENT)).Build(false),
			want: Row{PrimaryKey: []Cell{KeyCell("p", String("a")), KeyCell("seq", AutoIncrement())}},
		},
		{
			name: "put row",
			sdk:  put.Serialize(),
			want: Row{
				PrimaryKey: []Cell{KeyCell("vid", Integer(7)), KeyCell("gt", Integer(1700000000000))},
				Cells: []Cell{
					{Name: "name", Value: String("lorry 7"), HasValue: true},
					{Name: "speed", Value: Double(61.5), HasValue: true},
					{Name: "moving", Value: Boolean(true), HasValue: true},
					{Name: "blob", Value: Binary([]byte{0, 1, 2, 0xff}), HasValue: true},
					DataCell("oil", Integer(-3), 1700000000123),
				},
			},
		},
		{
			name: "update row with every operation",
			sdk:  upd.Serialize(),
			want: Row{
				PrimaryKey: []Cell{KeyCell("id", String("k\x00ey")), KeyCell("b", Binary([]byte("raw")))},
				Cells: []Cell{
					{Name: "a", Value: String("x"), HasValue: true},
					DataCell("c", Double(1.25), 42),
					{Name: "d", Op: OpDeleteAllVersion},
					{Name: "e", Op: OpDeleteOneVersion, Timestamp: 99, HasTimestamp: true},
					{Name: "f", Value: Integer(5), HasValue: true, Op: OpIncrement},
				},
			},
		},
		{
			name: "delete row",
			sdk:  del.Serialize(),
			want: Row{PrimaryKey: []Cell{KeyCell("id", Integer(-1))}, DeleteMarker: true},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rows, err := Decode(tc.sdk)
			if err != nil {
				t.Fatalf("Decode(SDK bytes): %v", err)
			}
			if len(rows) != 1 || !rowsEqual(rows[0], tc.want) {
				t.Fatalf("Decode(SDK bytes) = %+v, want %+v", rows, tc.want)
			}
			if got := Encode(tc.want); !bytes.Equal(got, tc.sdk) {
				t.Fatalf("Encode differs from the SDK encoder\n got %x\nwant %x", got, tc.sdk)
			}
		})
	}
}

func rowsEqual(a, b Row) bool {
	if a.DeleteMarker != b.DeleteMarker || len(a.PrimaryKey) != len(b.PrimaryKey) || len(a.Cells) != len(b.Cells) {
		return false
	}
	eq := func(x, y Cell) bool {
		return x.Name == y.Name && x.HasValue == y.HasValue && (!x.HasValue || x.Value.Equal(y.Value)) &&
			x.Op == y.Op && x.HasTimestamp == y.HasTimestamp && x.Timestamp == y.Timestamp
	}
	for i := range a.PrimaryKey {
		if !eq(a.PrimaryKey[i], b.PrimaryKey[i]) {
			return false
		}
	}
	for i := range a.Cells {
		if !eq(a.Cells[i], b.Cells[i]) {
			return false
		}
	}
	return true
}

func TestRoundTripManyRows(t *testing.T) {
	t.Parallel()
	rows := []Row{
		{PrimaryKey: []Cell{KeyCell("k", Integer(math.MinInt64))}},
		{PrimaryKey: []Cell{KeyCell("k", Integer(math.MaxInt64))}, Cells: []Cell{DataCell("n", Value{Kind: KindNull}, 1)}},
		{PrimaryKey: []Cell{KeyCell("k", String(""))}, Cells: []Cell{DataCell("d", Double(math.Inf(-1)), 0), DataCell("e", Binary(nil), 5)}},
	}
	got, err := Decode(Encode(rows...))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("got %d rows, want %d", len(got), len(rows))
	}
	for i := range rows {
		if !rowsEqual(got[i], rows[i]) {
			t.Errorf("row %d = %+v, want %+v", i, got[i], rows[i])
		}
	}
}

func TestDecodeRejectsBrokenInput(t *testing.T) {
	t.Parallel()
	good := Encode(Row{PrimaryKey: []Cell{KeyCell("id", String("abc"))}, Cells: []Cell{DataCell("v", Integer(1), 2)}})
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		return b
	}
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "buffer is empty"},
		{"short header", good[:3], "shorter than expected"},
		{"wrong header", append([]byte{0x76, 0, 0, 0}, good[4:]...), "mismatch header"},
		{"no row tag", append(bytes.Clone(good[:4]), 0x03), "mismatch tag"},
		{"truncated cell", good[:12], "shorter than expected"},
		{"cell checksum", flip(len(good) - 3), "checksum"},
		{"row checksum", flip(len(good) - 1), "checksum is mismatch"},
		{"name changed under checksum", flip(11), "checksum is mismatch"},
		{"missing row checksum", good[:len(good)-2], "missing checksum"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Decode() error = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestVariantRoundTrip(t *testing.T) {
	t.Parallel()
	for _, v := range []Value{Integer(-9), Double(2.5), Boolean(true), String("héllo"), Binary([]byte{9}), {Kind: KindNull}} {
		got, err := DecodeVariant(AppendVariant(nil, v))
		if err != nil || !got.Equal(v) {
			t.Errorf("DecodeVariant(AppendVariant(%v)) = %v, %v", v, got, err)
		}
	}
	// The SDK writes filter values the same way.
	sdk := (&ots.ColumnValue{Type: ots.ColumnType_STRING, Value: "abc"}).WriteCellValueWithoutLengthPrefix()
	if got := AppendVariant(nil, String("abc")); !bytes.Equal(got, sdk) {
		t.Errorf("AppendVariant = %x, SDK writes %x", got, sdk)
	}
	if _, err := DecodeVariant([]byte{0x0, 1, 2}); err == nil {
		t.Error("DecodeVariant accepted a truncated integer")
	}
	if _, err := DecodeVariant([]byte{0x42}); err == nil {
		t.Error("DecodeVariant accepted an unknown type")
	}
}

func TestCompareOrdersLikeTablestore(t *testing.T) {
	t.Parallel()
	ordered := []Value{InfMin(), Integer(-5), Integer(0), Integer(10), InfMax()}
	for i := range ordered {
		for j := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := Compare(ordered[i], ordered[j]); got != want {
				t.Errorf("Compare(%v, %v) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
	if Compare(String("a"), String("b")) >= 0 || Compare(Binary([]byte{1}), Binary([]byte{1, 0})) >= 0 {
		t.Error("strings/binaries must order bytewise")
	}
	if Compare(String("Z"), String("a")) >= 0 {
		t.Error("string order must be bytewise (uppercase before lowercase)")
	}
}

func TestKindAndOpNames(t *testing.T) {
	t.Parallel()
	if KindInteger.String() != "INTEGER" || KindInfMax.String() != "INF_MAX" || Kind(0x42).String() != "Kind(0x42)" {
		t.Error("Kind.String")
	}
	if OpIncrement.String() != "INCREMENT" || OpNone.String() != "PUT" {
		t.Error("Op.String")
	}
	if !reflect.DeepEqual(String("x"), Value{Kind: KindString, Str: "x"}) {
		t.Error("String constructor")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Encode(Row{PrimaryKey: []Cell{KeyCell("id", String("abc"))}, Cells: []Cell{DataCell("v", Integer(1), 2)}}))
	f.Add(Encode(Row{PrimaryKey: []Cell{KeyCell("k", InfMin())}, DeleteMarker: true}))
	f.Add([]byte{0x75, 0, 0, 0, 1, 3, 4, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := Decode(b)
		if err != nil {
			return
		}
		// Whatever decodes must re-encode to something that decodes the same.
		again, err := Decode(Encode(rows...))
		if err != nil || len(again) != len(rows) {
			t.Fatalf("re-decode failed: %v", err)
		}
	})
}
