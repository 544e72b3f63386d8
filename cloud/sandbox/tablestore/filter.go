package tablestore

import (
	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// rowView is what a filter sees of a row: every primary-key and attribute
// column by name, values newest first.
type rowView func(name string) ([]Value, bool)

// condition is a compiled column condition or filter.
type condition interface {
	holds(rowView) bool
}

// compiledFilter is a parsed Filter: a condition on column values and, for
// reads only, a page of attribute columns.
type compiledFilter struct {
	cond condition
	page *columnPage
}

type columnPage struct{ offset, limit int }

// maxFilterDepth bounds nesting so a hostile filter cannot recurse forever.
const maxFilterDepth = 32

// parseFilter reads a serialized Filter. Column pagination is a read-only
// filter: conditions on writes may not use it.
func parseFilter(b []byte, forRead bool) (*compiledFilter, *Error) {
	var f otsprotocol.Filter
	if err := unmarshal(b, &f); err != nil {
		return nil, paramInvalid("Deserialize filter failed.")
	}
	if f.GetType() == otsprotocol.FilterType_FT_COLUMN_PAGINATION {
		if !forRead {
			return nil, paramInvalid("Invalid type of filter: %s.", f.GetType())
		}
		var p otsprotocol.ColumnPaginationFilter
		if err := unmarshal(f.GetFilter(), &p); err != nil {
			return nil, paramInvalid("Deserialize column pagination filter failed.")
		}
		if p.GetOffset() < 0 {
			return nil, paramInvalid("Offset in ColumnPaginationFilter must be greater than or equal to 0.")
		}
		if p.GetLimit() <= 0 {
			return nil, paramInvalid("Limit in ColumnPaginationFilter must be greater than 0.")
		}
		return &compiledFilter{page: &columnPage{offset: int(p.GetOffset()), limit: int(p.GetLimit())}}, nil
	}
	c, err := compileCondition(&f, 0)
	if err != nil {
		return nil, err
	}
	return &compiledFilter{cond: c}, nil
}

func compileCondition(f *otsprotocol.Filter, depth int) (condition, *Error) {
	if depth > maxFilterDepth {
		return nil, paramInvalid("The count of filter exceeds the max: %d.", maxFilterDepth)
	}
	switch f.GetType() {
	case otsprotocol.FilterType_FT_SINGLE_COLUMN_VALUE:
		var sf otsprotocol.SingleColumnValueFilter
		if err := unmarshal(f.GetFilter(), &sf); err != nil {
			return nil, paramInvalid("Deserialize relation filter failed.")
		}
		if sf.ValueTransRule != nil {
			return nil, paramInvalid("The sandbox does not support ValueTransferRule (regex) filters.")
		}
		v, err := plainbuffer.DecodeVariant(sf.GetColumnValue())
		if err != nil {
			return nil, paramInvalid("Deserialize relation filter failed.")
		}
		if sf.GetComparator() < otsprotocol.ComparatorType_CT_EQUAL || sf.GetComparator() > otsprotocol.ComparatorType_CT_LESS_EQUAL {
			return nil, paramInvalid("Invalid relation operator: %d.", sf.GetComparator())
		}
		return single{cmp: sf.GetComparator(), column: sf.GetColumnName(), value: v,
			ifMissing: sf.GetFilterIfMissing(), latestOnly: sf.GetLatestVersionOnly()}, nil
	case otsprotocol.FilterType_FT_COMPOSITE_COLUMN_VALUE:
		var cf otsprotocol.CompositeColumnValueFilter
		if err := unmarshal(f.GetFilter(), &cf); err != nil {
			return nil, paramInvalid("Deserialize composite filter failed.")
		}
		op := cf.GetCombinator()
		switch {
		case op == otsprotocol.LogicalOperator_LO_NOT && len(cf.GetSubFilters()) != 1:
			return nil, paramInvalid("Invalid NOT operator: the number of sub-filters must be 1.")
		case (op == otsprotocol.LogicalOperator_LO_AND || op == otsprotocol.LogicalOperator_LO_OR) && len(cf.GetSubFilters()) < 2:
			return nil, paramInvalid("Invalid AND/OR operator: the number of sub-filters must be 2.")
		}
		c := composite{op: op}
		for _, sub := range cf.GetSubFilters() {
			if sub.GetType() == otsprotocol.FilterType_FT_COLUMN_PAGINATION {
				return nil, paramInvalid("Invalid type of sub-filter: %s.", sub.GetType())
			}
			sc, err := compileCondition(sub, depth+1)
			if err != nil {
				return nil, err
			}
			c.subs = append(c.subs, sc)
		}
		return c, nil
	}
	return nil, paramInvalid("Invalid type of filter: %s.", f.GetType())
}

// single compares one column with a value.
type single struct {
	cmp        otsprotocol.ComparatorType
	column     string
	value      Value
	ifMissing  bool // drop rows without the column
	latestOnly bool // compare only the newest version
}

func (s single) holds(view rowView) bool {
	vals, ok := view(s.column)
	if !ok || len(vals) == 0 {
		return !s.ifMissing
	}
	if s.latestOnly {
		vals = vals[:1]
	}
	for _, v := range vals {
		if s.match(v) {
			return true
		}
	}
	return false
}

// match compares one value; values of different types are only ever
// "not equal".
func (s single) match(v Value) bool {
	if v.Kind != s.value.Kind {
		return s.cmp == otsprotocol.ComparatorType_CT_NOT_EQUAL
	}
	c := plainbuffer.Compare(v, s.value)
	switch s.cmp {
	case otsprotocol.ComparatorType_CT_EQUAL:
		return c == 0
	case otsprotocol.ComparatorType_CT_NOT_EQUAL:
		return c != 0
	case otsprotocol.ComparatorType_CT_GREATER_THAN:
		return c > 0
	case otsprotocol.ComparatorType_CT_GREATER_EQUAL:
		return c >= 0
	case otsprotocol.ComparatorType_CT_LESS_THAN:
		return c < 0
	case otsprotocol.ComparatorType_CT_LESS_EQUAL:
		return c <= 0
	}
	return false
}

type composite struct {
	op   otsprotocol.LogicalOperator
	subs []condition
}

func (c composite) holds(view rowView) bool {
	switch c.op {
	case otsprotocol.LogicalOperator_LO_NOT:
		return !c.subs[0].holds(view)
	case otsprotocol.LogicalOperator_LO_AND:
		for _, s := range c.subs {
			if !s.holds(view) {
				return false
			}
		}
		return true
	default:
		for _, s := range c.subs {
			if s.holds(view) {
				return true
			}
		}
		return false
	}
}

// viewOf lets a filter see a stored row's key and its versions at or after
// oldest (the TTL horizon).
func viewOf(meta TableMeta, pk []Value, cols []storedColumn, oldest int64) rowView {
	return func(name string) ([]Value, bool) {
		for i, c := range meta.PrimaryKey {
			if c.Name == name {
				return []Value{pk[i]}, true
			}
		}
		for _, c := range cols {
			if c.name != name {
				continue
			}
			var vs []Value
			for _, v := range c.versions {
				if v.ts >= oldest {
					vs = append(vs, v.v)
				}
			}
			return vs, len(vs) > 0
		}
		return nil, false
	}
}
