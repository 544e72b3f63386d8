package tablestore

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// Snapshot is the data plane's whole state as plain JSON-serialisable
// values, for the core's --state file.
type Snapshot struct {
	Instances []InstanceSnapshot `json:"instances"`
}

// InstanceSnapshot holds one instance's tables.
type InstanceSnapshot struct {
	Region   string          `json:"region"`
	Instance string          `json:"instance"`
	Tables   []TableSnapshot `json:"tables"`
}

// TableSnapshot holds one table with its rows.
type TableSnapshot struct {
	Meta              TableMeta     `json:"meta"`
	Options           TableOptions  `json:"options"`
	Reserved          Throughput    `json:"reserved"`
	LastIncrease      int64         `json:"lastIncrease"`
	LastDecrease      int64         `json:"lastDecrease,omitempty"`
	CreatedAt         time.Time     `json:"createdAt"`
	ReadyAt           time.Time     `json:"readyAt"`
	LastAutoIncrement int64         `json:"lastAutoIncrement,omitempty"`
	Rows              []RowSnapshot `json:"rows"`
}

// RowSnapshot is one stored row.
type RowSnapshot struct {
	PrimaryKey []ValueSnapshot  `json:"pk"`
	Columns    []ColumnSnapshot `json:"columns,omitempty"`
}

// ColumnSnapshot is one attribute column with its versions, newest first.
type ColumnSnapshot struct {
	Name     string            `json:"name"`
	Versions []VersionSnapshot `json:"versions"`
}

// VersionSnapshot is one version of a cell.
type VersionSnapshot struct {
	Timestamp int64         `json:"ts"`
	Value     ValueSnapshot `json:"value"`
}

// ValueSnapshot is a value as text so that 64-bit integers and binaries
// survive JSON exactly: Type is the Tablestore type name, Value the decimal
// integer, shortest round-trip double, "true"/"false", the string itself or
// base64 for binaries.
type ValueSnapshot struct {
	Type  string `json:"t"`
	Value string `json:"v"`
}

func snapValue(v Value) ValueSnapshot {
	s := ValueSnapshot{Type: v.Kind.String()}
	switch v.Kind {
	case plainbuffer.KindInteger:
		s.Value = strconv.FormatInt(v.Int, 10)
	case plainbuffer.KindDouble:
		s.Value = strconv.FormatFloat(v.Float, 'g', -1, 64)
	case plainbuffer.KindBoolean:
		s.Value = strconv.FormatBool(v.Bool)
	case plainbuffer.KindString:
		s.Value = v.Str
	case plainbuffer.KindBinary:
		s.Value = base64.StdEncoding.EncodeToString(v.Bin)
	}
	return s
}

func (s ValueSnapshot) value() (Value, error) {
	var err error
	v := Value{}
	switch s.Type {
	case "INTEGER":
		v.Kind = plainbuffer.KindInteger
		v.Int, err = strconv.ParseInt(s.Value, 10, 64)
	case "DOUBLE":
		v.Kind = plainbuffer.KindDouble
		v.Float, err = strconv.ParseFloat(s.Value, 64)
	case "BOOLEAN":
		v.Kind = plainbuffer.KindBoolean
		v.Bool, err = strconv.ParseBool(s.Value)
	case "STRING":
		v.Kind, v.Str = plainbuffer.KindString, s.Value
	case "BINARY":
		v.Kind = plainbuffer.KindBinary
		v.Bin, err = base64.StdEncoding.DecodeString(s.Value)
	default:
		return v, fmt.Errorf("unknown value type %q", s.Type)
	}
	if err != nil {
		return v, fmt.Errorf("bad %s value %q: %w", s.Type, s.Value, err)
	}
	return v, nil
}

// Snapshot copies the whole state, instances and tables in name order.
func (s *Service) Snapshot() Snapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	keys := make([]instanceKey, 0, len(s.tables))
	for k := range s.tables {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].region != keys[j].region {
			return keys[i].region < keys[j].region
		}
		return keys[i].instance < keys[j].instance
	})
	var snap Snapshot
	for _, k := range keys {
		is := InstanceSnapshot{Region: k.region, Instance: k.instance}
		for _, n := range sortedNames(s.tables[k]) {
			is.Tables = append(is.Tables, snapTable(s.tables[k][n]))
		}
		snap.Instances = append(snap.Instances, is)
	}
	return snap
}

func snapTable(t *table) TableSnapshot {
	ts := TableSnapshot{
		Meta: cloneMeta(t.meta), Options: t.opts, Reserved: t.reserved,
		LastIncrease: t.lastIncrease, LastDecrease: t.lastDecrease,
		CreatedAt: t.createdAt.UTC().Round(0), ReadyAt: t.readyAt.UTC().Round(0), LastAutoIncrement: t.lastAutoInc,
		Rows: make([]RowSnapshot, 0, len(t.rows)),
	}
	for _, r := range t.rows {
		rs := RowSnapshot{}
		for _, v := range r.pk {
			rs.PrimaryKey = append(rs.PrimaryKey, snapValue(v))
		}
		for _, c := range r.cols {
			cs := ColumnSnapshot{Name: c.name}
			for _, v := range c.versions {
				cs.Versions = append(cs.Versions, VersionSnapshot{Timestamp: v.ts, Value: snapValue(v.v)})
			}
			rs.Columns = append(rs.Columns, cs)
		}
		ts.Rows = append(ts.Rows, rs)
	}
	return ts
}

// Restore replaces the whole state with snap. It checks every schema and
// row and changes nothing if any is invalid.
func (s *Service) Restore(snap Snapshot) error {
	tables := map[instanceKey]map[string]*table{}
	for _, is := range snap.Instances {
		k := keyOf(is.Region, is.Instance)
		if tables[k] == nil {
			tables[k] = map[string]*table{}
		}
		for _, ts := range is.Tables {
			t, err := restoreTable(ts)
			if err != nil {
				return fmt.Errorf("restore %s/%s table %q: %w", is.Region, is.Instance, ts.Meta.Name, err)
			}
			if _, dup := tables[k][t.meta.Name]; dup {
				return fmt.Errorf("restore %s/%s: table %q appears twice", is.Region, is.Instance, t.meta.Name)
			}
			tables[k][t.meta.Name] = t
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tables = tables
	return nil
}

func restoreTable(ts TableSnapshot) (*table, error) {
	if err := checkMeta(ts.Meta); err != nil {
		return nil, err
	}
	if err := checkOptions(ts.Options); err != nil {
		return nil, err
	}
	t := &table{
		meta: cloneMeta(ts.Meta), opts: ts.Options, reserved: ts.Reserved,
		lastIncrease: ts.LastIncrease, lastDecrease: ts.LastDecrease,
		createdAt: ts.CreatedAt, readyAt: ts.ReadyAt, lastAutoInc: ts.LastAutoIncrement,
	}
	for i, rs := range ts.Rows {
		r := &storedRow{}
		for _, vs := range rs.PrimaryKey {
			v, err := vs.value()
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i, err)
			}
			r.pk = append(r.pk, v)
		}
		if err := checkKeyValues(t.meta, r.pk, keyRead); err != nil {
			return nil, fmt.Errorf("row %d: primary key does not fit the schema", i)
		}
		for _, cs := range rs.Columns {
			for _, vs := range cs.Versions {
				v, err := vs.Value.value()
				if err != nil {
					return nil, fmt.Errorf("row %d column %q: %w", i, cs.Name, err)
				}
				if err := checkAttrValue(cs.Name, v); err != nil {
					return nil, fmt.Errorf("row %d: %w", i, err)
				}
				r.addVersion(cs.Name, vs.Timestamp, v)
			}
		}
		if t.get(r.pk) != nil {
			return nil, fmt.Errorf("row %d: duplicate primary key", i)
		}
		t.put(r)
	}
	return t, nil
}
