package tablestore

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// instanceKey names an instance's tables: instance names are unique per
// region and case-insensitive.
type instanceKey struct {
	region, instance string
}

func keyOf(region, instance string) instanceKey {
	return instanceKey{region: region, instance: strings.ToLower(instance)}
}

// table is one stored table: its schema and options and its rows sorted by
// primary key.
type table struct {
	meta         TableMeta
	opts         TableOptions
	reserved     Throughput
	lastIncrease int64 // unix seconds
	lastDecrease int64
	createdAt    time.Time
	readyAt      time.Time
	rows         []*storedRow
	lastAutoInc  int64
}

// storedRow keeps attribute columns sorted by name, as the service returns
// them.
type storedRow struct {
	pk   []Value
	cols []storedColumn
}

// storedColumn keeps versions newest first.
type storedColumn struct {
	name     string
	versions []version
}

type version struct {
	ts int64
	v  Value
}

func comparePK(a, b []Value) int {
	for i := range min(len(a), len(b)) {
		if c := plainbuffer.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// search returns the index of the first row whose key is not less than pk,
// and whether that row has exactly pk.
func (t *table) search(pk []Value) (int, bool) {
	i := sort.Search(len(t.rows), func(i int) bool { return comparePK(t.rows[i].pk, pk) >= 0 })
	return i, i < len(t.rows) && comparePK(t.rows[i].pk, pk) == 0
}

func (t *table) get(pk []Value) *storedRow {
	if i, ok := t.search(pk); ok {
		return t.rows[i]
	}
	return nil
}

// put stores r, replacing a row with the same key.
func (t *table) put(r *storedRow) {
	i, ok := t.search(r.pk)
	if ok {
		t.rows[i] = r
		return
	}
	t.rows = slices.Insert(t.rows, i, r)
}

func (t *table) remove(pk []Value) bool {
	i, ok := t.search(pk)
	if ok {
		t.rows = slices.Delete(t.rows, i, i+1)
	}
	return ok
}

func (t *table) ready(now time.Time) bool { return !now.Before(t.readyAt) }

func (t *table) info(now time.Time) TableInfo {
	return TableInfo{Meta: cloneMeta(t.meta), Options: t.opts, Reserved: t.reserved, Ready: t.ready(now)}
}

func cloneMeta(m TableMeta) TableMeta {
	m.PrimaryKey = slices.Clone(m.PrimaryKey)
	m.DefinedColumns = slices.Clone(m.DefinedColumns)
	return m
}

// nextAutoIncrement hands out increasing keys for an auto-increment column.
// The service's values look like microsecond clocks; so do these.
func (t *table) nextAutoIncrement(now time.Time) int64 {
	t.lastAutoInc = max(t.lastAutoInc+1, now.UnixMicro())
	return t.lastAutoInc
}

func (r *storedRow) column(name string) (*storedColumn, int) {
	i := sort.Search(len(r.cols), func(i int) bool { return r.cols[i].name >= name })
	if i < len(r.cols) && r.cols[i].name == name {
		return &r.cols[i], i
	}
	return nil, i
}

// addVersion writes v at ts into column name, replacing a version with the
// same timestamp.
func (r *storedRow) addVersion(name string, ts int64, v Value) {
	c, i := r.column(name)
	if c == nil {
		r.cols = slices.Insert(r.cols, i, storedColumn{name: name})
		c = &r.cols[i]
	}
	j := sort.Search(len(c.versions), func(j int) bool { return c.versions[j].ts <= ts })
	if j < len(c.versions) && c.versions[j].ts == ts {
		c.versions[j].v = v
		return
	}
	c.versions = slices.Insert(c.versions, j, version{ts: ts, v: v})
}

func (r *storedRow) deleteColumn(name string) {
	if c, i := r.column(name); c != nil {
		r.cols = slices.Delete(r.cols, i, i+1)
	}
}

func (r *storedRow) deleteVersion(name string, ts int64) {
	c, i := r.column(name)
	if c == nil {
		return
	}
	c.versions = slices.DeleteFunc(c.versions, func(v version) bool { return v.ts == ts })
	if len(c.versions) == 0 {
		r.cols = slices.Delete(r.cols, i, i+1)
	}
}

// trim drops versions beyond maxVersions and those that expired.
func (r *storedRow) trim(maxVersions int32, oldest int64) {
	kept := r.cols[:0]
	for _, c := range r.cols {
		c.versions = slices.DeleteFunc(c.versions, func(v version) bool { return v.ts < oldest })
		if len(c.versions) > int(maxVersions) {
			c.versions = c.versions[:maxVersions]
		}
		if len(c.versions) > 0 {
			kept = append(kept, c)
		}
	}
	r.cols = kept
}

func (r *storedRow) clone() *storedRow {
	c := &storedRow{pk: r.pk, cols: make([]storedColumn, len(r.cols))}
	for i, col := range r.cols {
		c.cols[i] = storedColumn{name: col.name, versions: slices.Clone(col.versions)}
	}
	return c
}

// oldestLive is the earliest timestamp still alive under a TTL: anything
// older has expired.
func oldestLive(ttl int32, now time.Time) int64 {
	if ttl <= 0 {
		return 0
	}
	return now.UnixMilli() - int64(ttl)*1000
}

// size is the row's data size as Tablestore bills it: key and column names
// plus values.
func (r *storedRow) size(meta TableMeta) int {
	n := 0
	for i, v := range r.pk {
		n += len(meta.PrimaryKey[i].Name) + v.Size()
	}
	for _, c := range r.cols {
		for _, v := range c.versions {
			n += len(c.name) + v.v.Size()
		}
	}
	return n
}

// capacityUnits converts a data size into capacity units: one per started
// 4 KB, at least one.
func capacityUnits(size int) int32 {
	return int32(max(1, (size+4095)/4096))
}
