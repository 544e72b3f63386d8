package tablestore

import (
	"strings"
	"testing"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

func TestFilters(t *testing.T) {
	t.Parallel()
	meta := TableMeta{Name: "t", PrimaryKey: []PKColumn{{Name: "id", Type: PKInteger}}}
	pk := []Value{plainbuffer.Integer(7)}
	cols := []storedColumn{
		{name: "speed", versions: []version{{ts: 300, v: plainbuffer.Double(40)}, {ts: 200, v: plainbuffer.Double(90)}}},
		{name: "tag", versions: []version{{ts: 100, v: plainbuffer.String("b")}}},
	}
	view := viewOf(meta, pk, cols, 0)
	single := func(col string, cmp ots.ComparatorType, v any, mods ...func(*ots.SingleColumnCondition)) *ots.SingleColumnCondition {
		c := ots.NewSingleColumnCondition(col, cmp, v)
		c.LatestVersionOnly = true
		for _, m := range mods {
			m(c)
		}
		return c
	}
	allVersions := func(c *ots.SingleColumnCondition) { c.LatestVersionOnly = false }
	dropMissing := func(c *ots.SingleColumnCondition) { c.FilterIfMissing = true }
	not := func(f ots.ColumnFilter) ots.ColumnFilter {
		c := ots.NewCompositeColumnCondition(ots.LO_NOT)
		c.AddFilter(f)
		return c
	}
	and := func(fs ...ots.ColumnFilter) ots.ColumnFilter {
		c := ots.NewCompositeColumnCondition(ots.LO_AND)
		for _, f := range fs {
			c.AddFilter(f)
		}
		return c
	}
	tests := []struct {
		name   string
		filter ots.ColumnFilter
		want   bool
	}{
		{"equal latest", single("speed", ots.CT_EQUAL, 40.0), true},
		{"equal old version, latest only", single("speed", ots.CT_EQUAL, 90.0), false},
		{"equal old version, all versions", single("speed", ots.CT_EQUAL, 90.0, allVersions), true},
		{"greater than", single("speed", ots.CT_GREATER_THAN, 39.5), true},
		{"greater equal", single("speed", ots.CT_GREATER_EQUAL, 40.0), true},
		{"less than", single("speed", ots.CT_LESS_THAN, 40.0), false},
		{"less equal", single("speed", ots.CT_LESS_EQUAL, 40.0), true},
		{"not equal", single("tag", ots.CT_NOT_EQUAL, "a"), true},
		{"type mismatch is never equal", single("speed", ots.CT_EQUAL, int64(40)), false},
		{"type mismatch is not equal", single("speed", ots.CT_NOT_EQUAL, int64(40)), true},
		{"missing column passes by default", single("nope", ots.CT_EQUAL, "x"), true},
		{"missing column dropped when asked", single("nope", ots.CT_EQUAL, "x", dropMissing), false},
		{"primary key column", single("id", ots.CT_EQUAL, int64(7)), true},
		{"not", not(single("tag", ots.CT_EQUAL, "b")), false},
		{"and", and(single("tag", ots.CT_EQUAL, "b"), single("speed", ots.CT_LESS_THAN, 50.0)), true},
		{"and, one false", and(single("tag", ots.CT_EQUAL, "b"), single("speed", ots.CT_LESS_THAN, 5.0)), false},
		{"nested", and(not(single("tag", ots.CT_EQUAL, "z")), single("speed", ots.CT_GREATER_THAN, 1.0)), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parseFilter(tc.filter.Serialize(), false)
			if err != nil {
				t.Fatalf("parseFilter: %v", err)
			}
			if got := f.cond.holds(view); got != tc.want {
				t.Errorf("holds = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFilterRefusals(t *testing.T) {
	t.Parallel()
	page := (&ots.PaginationFilter{Offset: 0, Limit: 2}).Serialize()
	regex := ots.NewSingleColumnCondition("a", ots.CT_EQUAL, "x")
	regex.TransferRule = ots.NewValueTransferRule("[0-9]+", ots.Variant_INTEGER)
	oneAnd := ots.NewCompositeColumnCondition(ots.LO_AND)
	oneAnd.AddFilter(ots.NewSingleColumnCondition("a", ots.CT_EQUAL, "x"))
	pagedAnd := marshalFilter(t, &otsprotocol.CompositeColumnValueFilter{Combinator: otsprotocol.LogicalOperator_LO_OR.Enum(), SubFilters: []*otsprotocol.Filter{
		(&ots.PaginationFilter{Limit: 1}).ToFilter(), ots.NewSingleColumnCondition("a", ots.CT_EQUAL, "x").ToFilter()}})
	negativePage := (&ots.PaginationFilter{Offset: -1, Limit: 2}).Serialize()
	tests := []struct {
		name    string
		b       []byte
		forRead bool
		msg     string
	}{
		{"pagination in a write condition", page, false, "Invalid type of filter: FT_COLUMN_PAGINATION."},
		{"regex rule", regex.Serialize(), true, "The sandbox does not support ValueTransferRule"},
		{"AND of one", oneAnd.Serialize(), true, "Invalid AND/OR operator"},
		{"pagination inside a composite", pagedAnd, true, "Invalid type of sub-filter"},
		{"negative offset", negativePage, true, "Offset in ColumnPaginationFilter must be greater than or equal to 0."},
		{"garbage", []byte{0xff, 0x01}, true, "Deserialize filter failed."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseFilter(tc.b, tc.forRead)
			if err == nil || err.Code != CodeParameterInvalid || !strings.HasPrefix(err.Message, tc.msg) {
				t.Errorf("parseFilter = %v, want OTSParameterInvalid %q", err, tc.msg)
			}
		})
	}
	if f, err := parseFilter(page, true); err != nil || f.page == nil || f.page.limit != 2 {
		t.Errorf("pagination filter for a read = %+v, %v", f, err)
	}
}

func marshalFilter(t *testing.T, c *otsprotocol.CompositeColumnValueFilter) []byte {
	t.Helper()
	inner, err := marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := marshal(&otsprotocol.Filter{Type: otsprotocol.FilterType_FT_COMPOSITE_COLUMN_VALUE.Enum(), Filter: inner})
	if err != nil {
		t.Fatal(err)
	}
	return b
}
