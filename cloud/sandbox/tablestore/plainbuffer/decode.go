package plainbuffer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrEmpty is returned by Decode for an empty input: callers decide whether
// "nothing" is allowed where they are (a GetRow miss, an empty GetRange).
var ErrEmpty = errors.New("Cell data broken, the buffer is empty.")

// Decode parses a PlainBuffer stream into rows, verifying every cell and row
// checksum. Its error messages follow the service's ("Cell data broken, …").
func Decode(b []byte) ([]Row, error) {
	if len(b) == 0 {
		return nil, ErrEmpty
	}
	d := decoder{b: b}
	h, err := d.uint32()
	if err != nil {
		return nil, err
	}
	if h != header {
		return nil, fmt.Errorf("Cell data broken, mismatch header, actual: %d, expect: %d.", h, header)
	}
	var rows []Row
	for d.more() {
		r, err := d.row()
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// DecodeVariant parses a value written by AppendVariant (type byte and
// payload, no outer length).
func DecodeVariant(b []byte) (Value, error) {
	d := decoder{b: b}
	v, err := d.variant()
	if err != nil {
		return Value{}, err
	}
	if d.more() {
		return Value{}, errTrailing
	}
	return v, nil
}

var (
	errShort    = errors.New("Cell data broken, length is shorter than expected.")
	errTrailing = errors.New("Cell data broken, has more data in cell, but they can't be parsed.")
)

type decoder struct {
	b   []byte
	off int
}

func (d *decoder) more() bool { return d.off < len(d.b) }

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.b)-d.off {
		return nil, errShort
	}
	s := d.b[d.off : d.off+n]
	d.off += n
	return s, nil
}

func (d *decoder) byte() (byte, error) {
	s, err := d.take(1)
	if err != nil {
		return 0, err
	}
	return s[0], nil
}

// peek returns the next byte without consuming it; ok is false at the end.
func (d *decoder) peek() (byte, bool) {
	if !d.more() {
		return 0, false
	}
	return d.b[d.off], true
}

func (d *decoder) uint32() (uint32, error) {
	s, err := d.take(4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(s), nil
}

func (d *decoder) uint64() (uint64, error) {
	s, err := d.take(8)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(s), nil
}

// length reads a uint32 length and checks that many bytes remain.
func (d *decoder) length() (int, error) {
	n, err := d.uint32()
	if err != nil {
		return 0, err
	}
	if uint64(n) > uint64(len(d.b)-d.off) {
		return 0, errShort
	}
	return int(n), nil
}

func (d *decoder) expect(tag byte) error {
	t, err := d.byte()
	if err != nil {
		return err
	}
	if t != tag {
		return fmt.Errorf("Cell data broken, mismatch tag, actual tag(%d), expect(%d).", t, tag)
	}
	return nil
}

func (d *decoder) row() (Row, error) {
	var r Row
	if err := d.expect(tagRowPK); err != nil {
		return r, err
	}
	var crc byte
	var err error
	if r.PrimaryKey, crc, err = d.cells(crc); err != nil {
		return r, err
	}
	if t, _ := d.peek(); t == tagRowData {
		d.off++
		if r.Cells, crc, err = d.cells(crc); err != nil {
			return r, err
		}
	}
	var marker byte
	if t, _ := d.peek(); t == tagDeleteMarker {
		d.off++
		r.DeleteMarker = true
		marker = 1
	}
	if t, _ := d.peek(); t == tagExtension {
		d.off++
		// The extension carries stream sequence information the sandbox
		// never needs; skip it by its length.
		n, err := d.length()
		if err != nil {
			return r, err
		}
		d.off += n
	}
	crc = crcByte(crc, marker)
	t, err := d.byte()
	if err != nil || t != tagRowChecksum {
		return r, errors.New("Invalid row: missing checksum.")
	}
	sum, err := d.byte()
	if err != nil {
		return r, errors.New("Invalid row: missing checksum.")
	}
	if sum != crc {
		return r, fmt.Errorf("Cell data broken, checksum is mismatch, %d : %d.", sum, crc)
	}
	return r, nil
}

// cells reads consecutive cells and folds their checksums into crc.
func (d *decoder) cells(crc byte) ([]Cell, byte, error) {
	var cs []Cell
	for {
		t, ok := d.peek()
		if !ok || t != tagCell {
			return cs, crc, nil
		}
		d.off++
		c, sum, err := d.cell()
		if err != nil {
			return nil, crc, err
		}
		cs = append(cs, c)
		crc = crcByte(crc, sum)
	}
}

func (d *decoder) cell() (Cell, byte, error) {
	var c Cell
	if err := d.expect(tagCellName); err != nil {
		return c, 0, err
	}
	n, err := d.length()
	if err != nil {
		return c, 0, err
	}
	name, _ := d.take(n)
	c.Name = string(name)

	if t, _ := d.peek(); t == tagCellValue {
		d.off++
		n, err := d.length()
		if err != nil {
			return c, 0, err
		}
		inner := decoder{b: d.b[d.off : d.off+n]}
		d.off += n
		if c.Value, err = inner.variant(); err != nil {
			return c, 0, err
		}
		if inner.more() {
			return c, 0, errTrailing
		}
		c.HasValue = true
	}
	if t, _ := d.peek(); t == tagCellOp {
		d.off++
		op, err := d.byte()
		if err != nil {
			return c, 0, err
		}
		switch Op(op) {
		case OpDeleteAllVersion, OpDeleteOneVersion, OpIncrement:
			c.Op = Op(op)
		default:
			return c, 0, fmt.Errorf("Invalid op type of cell: %d.", op)
		}
	}
	if t, _ := d.peek(); t == tagCellTimestamp {
		d.off++
		ts, err := d.uint64()
		if err != nil {
			return c, 0, err
		}
		c.Timestamp, c.HasTimestamp = int64(ts), true
	}
	t, err := d.byte()
	if err != nil || t != tagCellChecksum {
		return c, 0, fmt.Errorf("Invalid Column(%s): missing checksum.", c.Name)
	}
	sum, err := d.byte()
	if err != nil {
		return c, 0, fmt.Errorf("Invalid Column(%s): missing checksum.", c.Name)
	}
	if want := cellChecksum(c); sum != want {
		return c, 0, fmt.Errorf("Cell data broken, checksum is mismatch, %d : %d.", sum, want)
	}
	return c, sum, nil
}

func (d *decoder) variant() (Value, error) {
	k, err := d.byte()
	if err != nil {
		return Value{}, err
	}
	v := Value{Kind: Kind(k)}
	switch v.Kind {
	case KindInteger:
		u, err := d.uint64()
		v.Int = int64(u)
		return v, err
	case KindDouble:
		u, err := d.uint64()
		v.Float = math.Float64frombits(u)
		return v, err
	case KindBoolean:
		b, err := d.byte()
		if err != nil {
			return v, fmt.Errorf("Invalid boolean real value, value length: %d.", 0)
		}
		v.Bool = b != 0
		return v, nil
	case KindString, KindBinary:
		n, err := d.length()
		if err != nil {
			return v, fmt.Errorf("Cell data broken, wrong string format, size: %d.", len(d.b)-d.off)
		}
		s, _ := d.take(n)
		if v.Kind == KindString {
			v.Str = string(s)
		} else {
			v.Bin = append([]byte{}, s...)
		}
		return v, nil
	case KindNull, KindInfMin, KindInfMax, KindAutoIncrement:
		return v, nil
	}
	return v, errors.New("data format is invalid, unknown variant type occured.")
}
