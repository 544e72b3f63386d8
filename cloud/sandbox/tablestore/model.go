package tablestore

import (
	"fmt"

	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// Value is one typed Tablestore value; build them with the plainbuffer
// constructors (plainbuffer.Integer, plainbuffer.String, …).
type Value = plainbuffer.Value

// PKType is the type of a primary-key column; the numbers are the protocol's.
type PKType int32

// Primary-key column types.
const (
	PKInteger PKType = 1
	PKString  PKType = 2
	PKBinary  PKType = 3
)

// String names the type as Tablestore does.
func (t PKType) String() string {
	switch t {
	case PKInteger:
		return "INTEGER"
	case PKString:
		return "STRING"
	case PKBinary:
		return "BINARY"
	default:
		return fmt.Sprintf("PKType(%d)", int32(t))
	}
}

// kind is the PlainBuffer variant type values of this column carry.
func (t PKType) kind() plainbuffer.Kind {
	switch t {
	case PKInteger:
		return plainbuffer.KindInteger
	case PKString:
		return plainbuffer.KindString
	default:
		return plainbuffer.KindBinary
	}
}

// ColumnType is the type of a predefined attribute column; the numbers are
// the protocol's DefinedColumnType.
type ColumnType int32

// Predefined attribute column types.
const (
	ColumnInteger ColumnType = 1
	ColumnDouble  ColumnType = 2
	ColumnBoolean ColumnType = 3
	ColumnString  ColumnType = 4
	ColumnBinary  ColumnType = 7
)

// String names the type as Tablestore does.
func (t ColumnType) String() string {
	switch t {
	case ColumnInteger:
		return "INTEGER"
	case ColumnDouble:
		return "DOUBLE"
	case ColumnBoolean:
		return "BOOLEAN"
	case ColumnString:
		return "STRING"
	case ColumnBinary:
		return "BINARY"
	default:
		return fmt.Sprintf("ColumnType(%d)", int32(t))
	}
}

// PKColumn is one primary-key column of a table's schema.
type PKColumn struct {
	Name          string `json:"name"`
	Type          PKType `json:"type"`
	AutoIncrement bool   `json:"autoIncrement,omitempty"`
}

// DefinedColumn is a predefined attribute column.
type DefinedColumn struct {
	Name string     `json:"name"`
	Type ColumnType `json:"type"`
}

// TableMeta is a table's fixed schema.
type TableMeta struct {
	Name           string          `json:"name"`
	PrimaryKey     []PKColumn      `json:"primaryKey"`
	DefinedColumns []DefinedColumn `json:"definedColumns,omitempty"`
}

// TableOptions are a table's changeable options.
type TableOptions struct {
	TimeToLive       int32 `json:"timeToLive"` // seconds; -1 keeps data forever
	MaxVersions      int32 `json:"maxVersions"`
	DeviationSeconds int64 `json:"deviationSeconds"` // how far a written timestamp may stray from now
	AllowUpdate      bool  `json:"allowUpdate"`
}

// Throughput is reserved read and write capacity units.
type Throughput struct {
	Read  int32 `json:"read"`
	Write int32 `json:"write"`
}

// TableInfo is what DescribeTable tells about a table.
type TableInfo struct {
	Meta     TableMeta
	Options  TableOptions
	Reserved Throughput
	Ready    bool // false while a new table is still loading
}

// Column is one primary-key or attribute value of a row. Timestamp is the
// version in milliseconds; on writes 0 means "now".
type Column struct {
	Name      string
	Value     Value
	Timestamp int64
}

// Row is a row as the Go API reads and writes it: its primary key in schema
// order and its attribute columns (one entry per version, newest first).
type Row struct {
	PrimaryKey []Column
	Columns    []Column
}

// Get returns the newest value of a primary-key or attribute column.
func (r Row) Get(name string) (Value, bool) {
	for _, c := range r.PrimaryKey {
		if c.Name == name {
			return c.Value, true
		}
	}
	for _, c := range r.Columns {
		if c.Name == name {
			return c.Value, true
		}
	}
	return Value{}, false
}
