package tablestore

import (
	"math"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
	"github.com/mcots/wizard/steps/naming"
)

// Row and value limits of the data API.
const (
	maxPKValueBytes   = 1024
	maxAttrValueBytes = 2 << 20
	maxColumnsPerRow  = 1024
	maxTimestampMS    = math.MaxInt64 / 1000
)

// changeKind is the kind of a row write.
type changeKind int

const (
	changePut changeKind = iota + 1
	changeUpdate
	changeDelete
)

// rowChange is one validated write of one row.
type rowChange struct {
	kind    changeKind
	pk      []Value
	autoInc int // index of an AUTO_INCREMENT placeholder in pk, or -1
	cells   []plainbuffer.Cell
	expect  otsprotocol.RowExistenceExpectation
	cond    *compiledFilter
	ret     otsprotocol.ReturnType
	retCols []string
	size    int // billed data size of the change
}

// keyMode says which placeholders a primary key may hold.
type keyMode int

const (
	keyRead  keyMode = iota + 1 // concrete values only
	keyWrite                    // AUTO_INCREMENT allowed on an auto-increment column
	keyRange                    // INF_MIN / INF_MAX allowed
)

// checkKey validates primary-key cells against the schema and returns the
// values in schema order.
func checkKey(meta TableMeta, cells []plainbuffer.Cell, mode keyMode) ([]Value, int, *Error) {
	autoInc := -1
	if len(cells) != len(meta.PrimaryKey) {
		return nil, autoInc, pkMismatch()
	}
	pk := make([]Value, len(cells))
	for i, c := range cells {
		col := meta.PrimaryKey[i]
		switch {
		case c.Name != col.Name:
			return nil, autoInc, pkMismatch()
		case !c.HasValue:
			return nil, autoInc, paramInvalid("No value is given for primary key name: %s.", c.Name)
		case c.Op != plainbuffer.OpNone:
			return nil, autoInc, paramInvalid("OpType cannot be given for primary key name: %s.", c.Name)
		case c.HasTimestamp:
			return nil, autoInc, paramInvalid("Timestamp cannot be given for primary key name: %s.", c.Name)
		}
		v := c.Value
		switch v.Kind {
		case plainbuffer.KindInfMin, plainbuffer.KindInfMax:
			if mode != keyRange {
				return nil, autoInc, paramInvalid("INF_MIN and INF_MAX are only allowed in range bounds, primary key name: %s.", c.Name)
			}
		case plainbuffer.KindAutoIncrement:
			if mode == keyRead || mode == keyRange {
				return nil, autoInc, paramInvalid("PKAutoIncr can't be used for read operations.")
			}
			if !col.AutoIncrement {
				return nil, autoInc, paramInvalid("Primary key %s is not an auto-increment column.", c.Name)
			}
			autoInc = i
		case plainbuffer.KindNull:
			return nil, autoInc, paramInvalid("Cell data broken, PK value cannot be NULL, name: %s.", c.Name)
		default:
			if v.Kind != col.Type.kind() {
				return nil, autoInc, pkMismatch()
			}
			if v.Size() > maxPKValueBytes {
				return nil, autoInc, paramInvalid("The length of primary key column: %s exceeds the MaxLength: %d with CurrentLength: %d.", c.Name, maxPKValueBytes, v.Size())
			}
			if v.Kind == plainbuffer.KindString && !utf8.ValidString(v.Str) {
				return nil, autoInc, paramInvalid("Value of column %s must be UTF8 encoding.", c.Name)
			}
		}
		pk[i] = v
	}
	return pk, autoInc, nil
}

// checkKeyValues validates a key given as bare values in schema order.
func checkKeyValues(meta TableMeta, k []Value, mode keyMode) *Error {
	if len(k) != len(meta.PrimaryKey) {
		return pkMismatch()
	}
	_, _, err := checkKey(meta, keyRow(meta, k).PrimaryKey, mode)
	return err
}

// checkAttrValue validates an attribute value that is to be stored.
func checkAttrValue(name string, v Value) *Error {
	switch v.Kind {
	case plainbuffer.KindInteger, plainbuffer.KindBoolean, plainbuffer.KindBinary:
	case plainbuffer.KindDouble:
		if math.IsNaN(v.Float) {
			return paramInvalid("NaN can't be set to double value.")
		}
		if math.IsInf(v.Float, 0) {
			return paramInvalid("Infinity can't be set to double value.")
		}
	case plainbuffer.KindString:
		if !utf8.ValidString(v.Str) {
			return paramInvalid("Value of column %s must be UTF8 encoding.", name)
		}
	default:
		return paramInvalid("%s is an invalid type for the attribute column.", v.Kind)
	}
	if v.Size() > maxAttrValueBytes {
		return paramInvalid("The length of attribute column: %s exceeded the MaxLength:%d with Current Length:%d.", name, maxAttrValueBytes, v.Size())
	}
	return nil
}

// checkTimestamp validates a user-given version: in range, and within the
// table's allowed deviation from now.
func checkTimestamp(name string, ts int64, opts TableOptions, now time.Time) *Error {
	if ts < 0 || ts >= maxTimestampMS {
		return paramInvalid("Timestamp must be in range [0, INT64_MAX/1000).")
	}
	dev := opts.DeviationSeconds * 1000
	if d := ts - now.UnixMilli(); d > dev || -d > dev {
		return paramInvalid("Invalid timestamp. Cell:%s.", name)
	}
	return nil
}

// newChange validates one row write against table t.
func newChange(t *table, kind changeKind, row plainbuffer.Row, now time.Time) (rowChange, *Error) {
	ch := rowChange{kind: kind}
	pk, autoInc, err := checkKey(t.meta, row.PrimaryKey, keyWrite)
	if err != nil {
		return ch, err
	}
	ch.pk, ch.autoInc = pk, autoInc
	for i, v := range pk {
		ch.size += len(t.meta.PrimaryKey[i].Name) + v.Size()
	}
	switch kind {
	case changeDelete:
		if !row.DeleteMarker {
			return ch, paramInvalid("Invalid request of delete row: missing RowDeleteMarker in request")
		}
		if len(row.Cells) > 0 {
			return ch, paramInvalid("Invalid delete row request: unexpected cells in request")
		}
		if autoInc >= 0 {
			return ch, paramInvalid("Invalid row to delete which with pk auto increment")
		}
		return ch, nil
	case changeUpdate:
		if len(row.Cells) == 0 {
			return ch, paramInvalid("Invalid update row request: missing cells in request")
		}
		if !t.opts.AllowUpdate {
			return ch, paramInvalid("Table %s does not allow update (AllowUpdate is false).", t.meta.Name)
		}
	}
	if row.DeleteMarker {
		return ch, paramInvalid("Invalid request of put/update row: unexpected RowDeleteMarker in request.")
	}
	if len(row.Cells) > maxColumnsPerRow {
		return ch, paramInvalid("The number of attribute columns exceeds the limit, limit count: %d, column count: %d.", maxColumnsPerRow, len(row.Cells))
	}
	for _, c := range row.Cells {
		if err := checkCell(t, kind, c, now); err != nil {
			return ch, err
		}
		ch.size += len(c.Name)
		if c.HasValue {
			ch.size += c.Value.Size()
		}
	}
	ch.cells = row.Cells
	return ch, nil
}

func checkCell(t *table, kind changeKind, c plainbuffer.Cell, now time.Time) *Error {
	if c.Name == "" {
		return paramInvalid("invalid name of column: empty name.")
	}
	if naming.ColumnName(c.Name) != nil {
		return paramInvalid("Invalid column name: %s.", c.Name)
	}
	if slices.ContainsFunc(t.meta.PrimaryKey, func(pk PKColumn) bool { return pk.Name == c.Name }) {
		return paramInvalid("Duplicated attribute column name with primary key column: %s.", c.Name)
	}
	if kind == changePut && c.Op != plainbuffer.OpNone {
		return paramInvalid("OpType cannot be given for column name:%s in PutRow.", c.Name)
	}
	switch c.Op {
	case plainbuffer.OpNone:
		if !c.HasValue {
			if kind == changePut {
				return paramInvalid("Invalid request of put row: find cells without values")
			}
			return paramInvalid("Invalid cell: %s. Reason: missing value", c.Name)
		}
		if err := checkAttrValue(c.Name, c.Value); err != nil {
			return err
		}
		if c.HasTimestamp {
			return checkTimestamp(c.Name, c.Timestamp, t.opts, now)
		}
	case plainbuffer.OpDeleteAllVersion, plainbuffer.OpDeleteOneVersion:
		if c.HasValue {
			return paramInvalid("Column value cannot be given when type is DELETE_ONE_VERSION,DELETE_ALL_VERSION.")
		}
		if c.Op == plainbuffer.OpDeleteAllVersion && c.HasTimestamp {
			return paramInvalid("Timestamp cannot be given when type is DELETE_ALL_VERSION.")
		}
		if c.Op == plainbuffer.OpDeleteOneVersion && !c.HasTimestamp {
			return paramInvalid("Timestamp must be given when type is DELETE_ONE_VERSION.")
		}
	case plainbuffer.OpIncrement:
		if !c.HasValue || c.Value.Kind != plainbuffer.KindInteger {
			return paramInvalid("Invalid cell: %s. Reason: INCREMENT needs an INTEGER value.", c.Name)
		}
		if c.HasTimestamp {
			return paramInvalid("Timestamp cannot be given when type is INCREMENT.")
		}
	default:
		return paramInvalid("Invalid op type of cell: %d.", c.Op)
	}
	return nil
}

// decodeChange parses a PlainBuffer row change and validates it.
func decodeChange(t *table, kind changeKind, b []byte, now time.Time) (rowChange, *Error) {
	rows, err := plainbuffer.Decode(b)
	if err != nil {
		return rowChange{}, paramInvalid("%s", err.Error())
	}
	if len(rows) != 1 {
		return rowChange{}, paramInvalid("A row change must hold exactly one row, got %d.", len(rows))
	}
	return newChange(t, kind, rows[0], now)
}

// withCondition attaches the row-existence expectation and column
// condition of a write.
func (ch *rowChange) withCondition(c *otsprotocol.Condition) *Error {
	ch.expect = c.GetRowExistence()
	switch ch.expect {
	case otsprotocol.RowExistenceExpectation_IGNORE, otsprotocol.RowExistenceExpectation_EXPECT_EXIST:
	case otsprotocol.RowExistenceExpectation_EXPECT_NOT_EXIST:
		if ch.kind != changePut {
			return paramInvalid("Invalid condition: %s.", ch.expect)
		}
	default:
		return paramInvalid("Invalid row-existence expectation: %d.", ch.expect)
	}
	if cc := c.GetColumnCondition(); len(cc) > 0 {
		f, err := parseFilter(cc, false)
		if err != nil {
			return err
		}
		ch.cond = f
	}
	if ch.autoInc >= 0 {
		if ch.expect != otsprotocol.RowExistenceExpectation_IGNORE {
			return paramInvalid("Invalid expect: %s when modify row with pk auto increment", ch.expect)
		}
		if ch.cond != nil {
			return paramInvalid("Can't set condition when modify row with pk auto increment")
		}
	}
	return nil
}

// withReturn attaches what the response should carry.
func (ch *rowChange) withReturn(rc *otsprotocol.ReturnContent) *Error {
	if rc == nil {
		return nil
	}
	ch.ret = rc.GetReturnType()
	switch ch.ret {
	case otsprotocol.ReturnType_RT_NONE, otsprotocol.ReturnType_RT_PK:
	case otsprotocol.ReturnType_RT_AFTER_MODIFY:
		if ch.kind != changeUpdate {
			return paramInvalid("Invalid return type: %s.", ch.ret)
		}
	default:
		return paramInvalid("Invalid return type: %d.", ch.ret)
	}
	ch.retCols = rc.GetReturnColumnNames()
	return nil
}

// applied is the outcome of one write: the row to return, if asked for, and
// the capacity it consumed.
type applied struct {
	ret         *plainbuffer.Row
	read, write int32
}

// apply performs a validated change on t; the caller holds s.mu for writing.
func (ch rowChange) apply(t *table, now time.Time) (applied, *Error) {
	out := applied{write: capacityUnits(ch.size)}
	if ch.expect != otsprotocol.RowExistenceExpectation_IGNORE || ch.cond != nil {
		out.read = 1
	}
	pk := ch.pk
	if ch.autoInc >= 0 {
		pk = slices.Clone(pk)
		pk[ch.autoInc] = plainbuffer.Integer(t.nextAutoIncrement(now))
	}
	oldest := oldestLive(t.opts.TimeToLive, now)
	existing := t.get(pk)
	switch {
	case ch.expect == otsprotocol.RowExistenceExpectation_EXPECT_EXIST && existing == nil,
		ch.expect == otsprotocol.RowExistenceExpectation_EXPECT_NOT_EXIST && existing != nil:
		return out, conditionFailed()
	}
	if ch.cond != nil {
		var cols []storedColumn
		if existing != nil {
			cols = existing.cols
		}
		if !ch.cond.cond.holds(viewOf(t.meta, pk, cols, oldest)) {
			return out, conditionFailed()
		}
	}

	var row *storedRow
	switch ch.kind {
	case changeDelete:
		t.remove(pk)
	case changePut:
		row = &storedRow{pk: pk}
		for _, c := range ch.cells {
			row.addVersion(c.Name, versionOf(c, now), c.Value)
		}
	case changeUpdate:
		if existing != nil {
			row = existing.clone()
		} else {
			row = &storedRow{pk: pk}
		}
		for _, c := range ch.cells {
			if err := row.update(c, now, oldest); err != nil {
				return out, err
			}
		}
	}
	if row != nil {
		row.trim(t.opts.MaxVersions, oldest)
		t.put(row)
	}
	out.ret = ch.returned(t.meta, pk, row, oldest)
	return out, nil
}

func versionOf(c plainbuffer.Cell, now time.Time) int64 {
	if c.HasTimestamp {
		return c.Timestamp
	}
	return now.UnixMilli()
}

// update applies one UpdateRow cell.
func (r *storedRow) update(c plainbuffer.Cell, now time.Time, oldest int64) *Error {
	switch c.Op {
	case plainbuffer.OpDeleteAllVersion:
		r.deleteColumn(c.Name)
	case plainbuffer.OpDeleteOneVersion:
		r.deleteVersion(c.Name, c.Timestamp)
	case plainbuffer.OpIncrement:
		base := int64(0)
		if col, _ := r.column(c.Name); col != nil && len(col.versions) > 0 && col.versions[0].ts >= oldest {
			cur := col.versions[0].v
			if cur.Kind != plainbuffer.KindInteger {
				return paramInvalid("Column %s holds %s, not INTEGER: it cannot be incremented.", c.Name, cur.Kind)
			}
			base = cur.Int
		}
		r.addVersion(c.Name, now.UnixMilli(), plainbuffer.Integer(base+c.Value.Int))
	default:
		r.addVersion(c.Name, versionOf(c, now), c.Value)
	}
	return nil
}

// returned builds the row a write returns: the key for RT_PK (with any
// generated auto-increment value), and the asked-for columns' newest values
// for RT_AFTER_MODIFY (the incremented ones when none are named).
func (ch rowChange) returned(meta TableMeta, pk []Value, row *storedRow, oldest int64) *plainbuffer.Row {
	if ch.ret == otsprotocol.ReturnType_RT_NONE {
		return nil
	}
	out := &plainbuffer.Row{}
	for i, v := range pk {
		out.PrimaryKey = append(out.PrimaryKey, plainbuffer.KeyCell(meta.PrimaryKey[i].Name, v))
	}
	if ch.ret != otsprotocol.ReturnType_RT_AFTER_MODIFY || row == nil {
		return out
	}
	want := ch.retCols
	if len(want) == 0 {
		for _, c := range ch.cells {
			if c.Op == plainbuffer.OpIncrement {
				want = append(want, c.Name)
			}
		}
	}
	for _, name := range want {
		if col, _ := row.column(name); col != nil && len(col.versions) > 0 && col.versions[0].ts >= oldest {
			v := col.versions[0]
			out.Cells = append(out.Cells, plainbuffer.DataCell(name, v.v, v.ts))
		}
	}
	return out
}

// rowFromAPI turns a Go API row into a stored row for table t, with the
// same checks PutRow applies.
func rowFromAPI(t *table, r Row, now time.Time) (*storedRow, *Error) {
	ch, err := newChange(t, changePut, toPlainRow(r), now)
	if err != nil {
		return nil, err
	}
	if ch.autoInc >= 0 {
		return nil, paramInvalid("Rows loaded directly need concrete primary keys; %s is AUTO_INCREMENT.", t.meta.PrimaryKey[ch.autoInc].Name)
	}
	row := &storedRow{pk: ch.pk}
	for _, c := range ch.cells {
		row.addVersion(c.Name, versionOf(c, now), c.Value)
	}
	row.trim(t.opts.MaxVersions, oldestLive(t.opts.TimeToLive, now))
	return row, nil
}

// toPlainRow converts a Go API row to PlainBuffer cells; a zero timestamp
// means "now". Binary values are copied so the caller may reuse its slices.
func toPlainRow(r Row) plainbuffer.Row {
	var out plainbuffer.Row
	for _, c := range r.PrimaryKey {
		out.PrimaryKey = append(out.PrimaryKey, plainbuffer.KeyCell(c.Name, ownValue(c.Value)))
	}
	for _, c := range r.Columns {
		cell := plainbuffer.Cell{Name: c.Name, Value: ownValue(c.Value), HasValue: true}
		if c.Timestamp != 0 {
			cell.Timestamp, cell.HasTimestamp = c.Timestamp, true
		}
		out.Cells = append(out.Cells, cell)
	}
	return out
}

// ownValue copies a value's bytes, so stored and returned values never
// share memory with the Go API's callers.
func ownValue(v Value) Value {
	if v.Bin != nil {
		v.Bin = slices.Clone(v.Bin)
	}
	return v
}
