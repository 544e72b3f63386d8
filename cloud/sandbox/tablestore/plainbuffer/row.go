package plainbuffer

import "fmt"

// Op is the operation byte of a cell in an UpdateRow change.
type Op uint8

// Cell operations. OpNone is not on the wire: a cell without an operation byte
// puts its value.
const (
	OpNone             Op = 0
	OpDeleteAllVersion Op = 0x1
	OpDeleteOneVersion Op = 0x3
	OpIncrement        Op = 0x4
)

// String names the operation as the Tablestore API does.
func (o Op) String() string {
	switch o {
	case OpNone:
		return "PUT"
	case OpDeleteAllVersion:
		return "DELETE_ALL_VERSION"
	case OpDeleteOneVersion:
		return "DELETE_ONE_VERSION"
	case OpIncrement:
		return "INCREMENT"
	default:
		return fmt.Sprintf("Op(0x%x)", uint8(o))
	}
}

// Cell is one primary-key or attribute cell.
type Cell struct {
	Name         string
	Value        Value
	HasValue     bool
	Op           Op
	Timestamp    int64 // milliseconds since the epoch
	HasTimestamp bool
}

// Row is one PlainBuffer row: primary-key cells, attribute cells and the
// delete marker DeleteRow sends.
type Row struct {
	PrimaryKey   []Cell
	Cells        []Cell
	DeleteMarker bool
}

// KeyCell returns a primary-key cell.
func KeyCell(name string, v Value) Cell { return Cell{Name: name, Value: v, HasValue: true} }

// DataCell returns an attribute cell with a timestamp.
func DataCell(name string, v Value, ts int64) Cell {
	return Cell{Name: name, Value: v, HasValue: true, Timestamp: ts, HasTimestamp: true}
}
