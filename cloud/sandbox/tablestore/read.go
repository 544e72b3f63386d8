package tablestore

import (
	"slices"

	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// maxColumnsToGet is how many names columns_to_get may list.
const maxColumnsToGet = 128

// readSpec is what a read returns of each row: which columns, which
// versions, which rows pass the filter.
type readSpec struct {
	columns     []string // empty means all
	entirePK    bool     // return every key column even if columns names some
	hasRange    bool
	start, end  int64 // [start, end) when hasRange
	hasSpecific bool
	specific    int64
	maxVersions int32 // 0 when only a time range was given
	startColumn string
	endColumn   string
	filter      *compiledFilter
}

// readQuery is the part of GetRow, BatchGetRow and GetRange requests that
// shapes the returned rows.
type readQuery struct {
	columns     []string
	timeRange   *otsprotocol.TimeRange
	maxVersions *int32
	filter      []byte
	startColumn string
	endColumn   string
	entirePK    bool
	transaction string
}

func newReadSpec(q readQuery) (readSpec, *Error) {
	spec := readSpec{entirePK: q.entirePK, startColumn: q.startColumn, endColumn: q.endColumn}
	if q.transaction != "" {
		return spec, paramInvalid("Try to call method using explicit transaction on explicit-transaction-disabled table")
	}
	if len(q.columns) > maxColumnsToGet {
		return spec, paramInvalid("The number of columns from the request exceeds the limit, limit count: %d, column count: %d.", maxColumnsToGet, len(q.columns))
	}
	for _, c := range q.columns {
		if !slices.Contains(spec.columns, c) {
			spec.columns = append(spec.columns, c)
		}
	}
	tr := q.timeRange
	switch {
	case tr == nil && q.maxVersions == nil:
		return spec, paramInvalid("No version condition is specified while querying row.")
	case tr != nil && tr.SpecificTime != nil && (tr.StartTime != nil || tr.EndTime != nil):
		return spec, paramInvalid("Specific tiemstamp and time range cannot be given at the same time.")
	case tr != nil && tr.SpecificTime != nil && q.maxVersions != nil:
		return spec, paramInvalid("Specific tiemstamp and max versions cannot be given at the same time.")
	}
	if q.maxVersions != nil {
		if *q.maxVersions <= 0 {
			return spec, paramInvalid("Invalid max versions: %d . Reason: Max versions must be positive.", *q.maxVersions)
		}
		spec.maxVersions = *q.maxVersions
	}
	if tr != nil {
		switch {
		case tr.SpecificTime != nil:
			if tr.GetSpecificTime() < 0 {
				return spec, paramInvalid("Specific timestamp cannot be less than 0..")
			}
			spec.hasSpecific, spec.specific = true, tr.GetSpecificTime()
		case tr.StartTime == nil || tr.EndTime == nil:
			return spec, paramInvalid("Start and end time must be given at the same time.")
		case tr.GetStartTime() < 0 || tr.GetEndTime() <= tr.GetStartTime():
			return spec, paramInvalid("Invalid time range: [%d, %d).", tr.GetStartTime(), tr.GetEndTime())
		default:
			spec.hasRange, spec.start, spec.end = true, tr.GetStartTime(), tr.GetEndTime()
		}
	}
	if len(q.filter) > 0 {
		f, err := parseFilter(q.filter, true)
		if err != nil {
			return spec, err
		}
		spec.filter = f
	}
	return spec, nil
}

// project returns what the read shows of a stored row, or false when the
// row is filtered out or has none of the asked-for columns.
func (spec readSpec) project(meta TableMeta, r *storedRow, oldest int64) (plainbuffer.Row, bool) {
	var out plainbuffer.Row
	var cols []storedColumn
	for _, c := range r.cols {
		if !spec.wantsColumn(c.name) {
			continue
		}
		var vs []version
		for _, v := range c.versions {
			if spec.wantsVersion(v.ts, oldest) {
				vs = append(vs, v)
				if spec.maxVersions > 0 && len(vs) == int(spec.maxVersions) {
					break
				}
			}
		}
		if len(vs) > 0 {
			cols = append(cols, storedColumn{name: c.name, versions: vs})
		}
	}
	if spec.filter != nil && spec.filter.cond != nil && !spec.filter.cond.holds(viewOf(meta, r.pk, cols, 0)) {
		return out, false
	}
	if p := spec.filter; p != nil && p.page != nil {
		cols = cols[min(p.page.offset, len(cols)):]
		cols = cols[:min(p.page.limit, len(cols))]
	}
	wantsKey := false
	for i, pk := range meta.PrimaryKey {
		asked := slices.Contains(spec.columns, pk.Name)
		wantsKey = wantsKey || asked
		if len(spec.columns) == 0 || spec.entirePK || asked {
			out.PrimaryKey = append(out.PrimaryKey, plainbuffer.KeyCell(pk.Name, r.pk[i]))
		}
	}
	if len(spec.columns) > 0 && !wantsKey && len(cols) == 0 {
		return out, false
	}
	for _, c := range cols {
		for _, v := range c.versions {
			out.Cells = append(out.Cells, plainbuffer.DataCell(c.name, v.v, v.ts))
		}
	}
	return out, true
}

func (spec readSpec) wantsColumn(name string) bool {
	if len(spec.columns) > 0 && !slices.Contains(spec.columns, name) {
		return false
	}
	if spec.startColumn != "" && name < spec.startColumn {
		return false
	}
	return spec.endColumn == "" || name < spec.endColumn
}

func (spec readSpec) wantsVersion(ts, oldest int64) bool {
	switch {
	case ts < oldest:
		return false
	case spec.hasSpecific:
		return ts == spec.specific
	case spec.hasRange:
		return ts >= spec.start && ts < spec.end
	}
	return true
}

// rowSize is the billed size of a returned row.
func rowSize(r plainbuffer.Row) int {
	n := 0
	for _, c := range r.PrimaryKey {
		n += len(c.Name) + c.Value.Size()
	}
	for _, c := range r.Cells {
		n += len(c.Name) + c.Value.Size()
	}
	return n
}

// consumed is the protobuf capacity block every row response must carry.
func consumed(read, write int32) *otsprotocol.ConsumedCapacity {
	return &otsprotocol.ConsumedCapacity{CapacityUnit: &otsprotocol.CapacityUnit{Read: ptr(read), Write: ptr(write)}}
}
