package sandbox

import (
	"context"
	"slices"
	"sort"

	"github.com/mcots/wizard/cloud/sandbox/maxcompute"
	"github.com/mcots/wizard/cloud/sandbox/tablestore"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// splitSizeBytes is the split size the sandbox's MaxCompute asks Tablestore
// for before a read (ComputeSplitPointsBySize), as the storage handler plans
// its workers.
const splitSizeBytes = 256 << 20

// externalTable is a Tablestore table opened through the chain: every
// operation goes through the Tablestore plane's Go API as the caller the
// chain produced (the assumed role, or a LOCATION's AccessKey), so RAM and
// the instance checks apply exactly as over HTTP.
type externalTable struct {
	s      *Sandbox
	caller tablestore.Caller
	host   string // the LOCATION host
	table  string
	key    []tablestore.PKColumn
	meta   maxcompute.TableMeta
}

// count records a Go API call in Calls(); its time is part of the
// MaxCompute request that made it.
func (t *externalTable) count(a tablestore.Action, err error) {
	t.s.chainCall(ServiceTablestore, a.String(), errorCode(err))
}

func (t *externalTable) Meta() maxcompute.TableMeta { return t.meta }

// Scan plans the read (ComputeSplitPointsBySize), then reads the rows whose
// key starts with prefix page by page (GetRange), as the storage handler
// does; a full key reads at most its one row.
func (t *externalTable) Scan(ctx context.Context, prefix []maxcompute.Value, limit int) ([]maxcompute.Row, error) {
	_, err := t.s.ts.SplitPoints(t.caller, t.host, t.table, splitSizeBytes)
	t.count(tablestore.ActionComputeSplitPointsBySize, err)
	if err != nil {
		return nil, tablestoreFault(err)
	}
	full := len(prefix) == len(t.key)
	q := tablestore.ScanQuery{Start: t.bound(prefix, plainbuffer.InfMin()), End: t.bound(prefix, plainbuffer.InfMax())}
	if full {
		// [key, key) is empty: read from the key on and keep it only if it
		// is there.
		q.End, q.Limit = nil, 1
	}
	var out []maxcompute.Row
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		page, err := t.s.ts.Scan(t.caller, t.host, t.table, q)
		t.count(tablestore.ActionGetRange, err)
		if err != nil {
			return nil, tablestoreFault(err)
		}
		for _, r := range page.Rows {
			if full && !sameKey(r.PrimaryKey, q.Start) {
				return out, nil
			}
			out = append(out, externalRow(r))
			if full || limit > 0 && len(out) >= limit {
				return out, nil
			}
		}
		if page.Next == nil {
			return out, nil
		}
		q.Start = page.Next
	}
}

// bound is prefix padded with fill to a whole primary key.
func (t *externalTable) bound(prefix []maxcompute.Value, fill tablestore.Value) []tablestore.Value {
	k := make([]tablestore.Value, len(t.key))
	for i := range k {
		k[i] = fill
		if i < len(prefix) {
			k[i] = tablestoreValue(prefix[i])
		}
	}
	return k
}

// maxBatchWrite is how many rows one BatchWriteRow may carry.
const maxBatchWrite = 200

// Write stores rows in batches of BatchWriteRow: UpdateRow (only the given
// attributes change) or PutRow (the row is replaced).
func (t *externalTable) Write(ctx context.Context, rows []maxcompute.Row, mode maxcompute.WriteMode) error {
	tsMode := tablestore.WriteUpdate
	if mode == maxcompute.WritePutRow {
		tsMode = tablestore.WritePut
	}
	for batch := range slices.Chunk(rows, maxBatchWrite) {
		if err := ctx.Err(); err != nil {
			return err
		}
		out := make([]tablestore.Row, len(batch))
		for i, r := range batch {
			out[i] = t.tablestoreRow(r)
		}
		err := t.s.ts.Write(t.caller, t.host, t.table, tsMode, out)
		t.count(tablestore.ActionBatchWriteRow, err)
		if err != nil {
			return tablestoreFault(err)
		}
	}
	return nil
}

// tablestoreRow splits a MaxCompute row into the key, in schema order, and
// the attributes, in name order.
func (t *externalTable) tablestoreRow(r maxcompute.Row) tablestore.Row {
	var out tablestore.Row
	isKey := map[string]bool{}
	for _, k := range t.key {
		isKey[k.Name] = true
		if v, ok := r[k.Name]; ok {
			out.PrimaryKey = append(out.PrimaryKey, tablestore.Column{Name: k.Name, Value: tablestoreValue(v)})
		}
	}
	names := make([]string, 0, len(r))
	for name := range r {
		if !isKey[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		out.Columns = append(out.Columns, tablestore.Column{Name: name, Value: tablestoreValue(r[name])})
	}
	return out
}

// externalMeta is the schema as the MaxCompute plane reads it.
func externalMeta(m tablestore.TableMeta) maxcompute.TableMeta {
	var out maxcompute.TableMeta
	for _, c := range m.PrimaryKey {
		t := maxcompute.TypeBinary
		switch c.Type {
		case tablestore.PKInteger:
			t = maxcompute.TypeInteger
		case tablestore.PKString:
			t = maxcompute.TypeString
		}
		out.PrimaryKey = append(out.PrimaryKey, maxcompute.Column{Name: c.Name, Type: t})
	}
	for _, c := range m.DefinedColumns {
		var t maxcompute.ColumnType
		switch c.Type {
		case tablestore.ColumnInteger:
			t = maxcompute.TypeInteger
		case tablestore.ColumnString:
			t = maxcompute.TypeString
		case tablestore.ColumnBinary:
			t = maxcompute.TypeBinary
		case tablestore.ColumnDouble:
			t = maxcompute.TypeDouble
		case tablestore.ColumnBoolean:
			t = maxcompute.TypeBoolean
		default:
			continue
		}
		out.Defined = append(out.Defined, maxcompute.Column{Name: c.Name, Type: t})
	}
	return out
}

// externalRow is a Tablestore row as the MaxCompute plane reads it: the
// key and each attribute's newest value by name.
func externalRow(r tablestore.Row) maxcompute.Row {
	out := maxcompute.Row{}
	for _, cols := range [][]tablestore.Column{r.PrimaryKey, r.Columns} {
		for _, c := range cols {
			if _, seen := out[c.Name]; seen {
				continue // versions come newest first
			}
			if v, ok := externalValue(c.Value); ok {
				out[c.Name] = v
			}
		}
	}
	return out
}

// externalValue converts a stored value; placeholders and NULL have no
// MaxCompute counterpart.
func externalValue(v tablestore.Value) (maxcompute.Value, bool) {
	switch v.Kind {
	case plainbuffer.KindInteger:
		return maxcompute.IntValue(v.Int), true
	case plainbuffer.KindString:
		return maxcompute.StringValue(v.Str), true
	case plainbuffer.KindBinary:
		return maxcompute.BinaryValue(slices.Clone(v.Bin)), true
	case plainbuffer.KindDouble:
		return maxcompute.DoubleValue(v.Float), true
	case plainbuffer.KindBoolean:
		return maxcompute.BoolValue(v.Bool), true
	}
	return maxcompute.Value{}, false
}

// tablestoreValue converts a MaxCompute value to the one Tablestore stores.
func tablestoreValue(v maxcompute.Value) tablestore.Value {
	switch v.Type {
	case maxcompute.TypeInteger:
		return plainbuffer.Integer(v.Int)
	case maxcompute.TypeString:
		return plainbuffer.String(v.Str)
	case maxcompute.TypeBinary:
		return plainbuffer.Binary(slices.Clone(v.Bytes))
	case maxcompute.TypeDouble:
		return plainbuffer.Double(v.Float)
	case maxcompute.TypeBoolean:
		return plainbuffer.Boolean(v.Bool)
	}
	return tablestore.Value{Kind: plainbuffer.KindNull}
}

// sameKey reports whether a row's key equals key.
func sameKey(cols []tablestore.Column, key []tablestore.Value) bool {
	if len(cols) != len(key) {
		return false
	}
	for i, c := range cols {
		if plainbuffer.Compare(c.Value, key[i]) != 0 {
			return false
		}
	}
	return true
}
