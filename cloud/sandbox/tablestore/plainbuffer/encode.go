package plainbuffer

import (
	"encoding/binary"
	"math"
)

// Wire tags and the stream header.
const (
	header uint32 = 0x75

	tagRowPK         byte = 0x01
	tagRowData       byte = 0x02
	tagCell          byte = 0x03
	tagCellName      byte = 0x04
	tagCellValue     byte = 0x05
	tagCellOp        byte = 0x06
	tagCellTimestamp byte = 0x07
	tagDeleteMarker  byte = 0x08
	tagRowChecksum   byte = 0x09
	tagCellChecksum  byte = 0x0A
	tagExtension     byte = 0x0B
)

// Encode writes rows as one PlainBuffer stream: the header, then each row.
func Encode(rows ...Row) []byte {
	b := binary.LittleEndian.AppendUint32(nil, header)
	for _, r := range rows {
		b = appendRow(b, r)
	}
	return b
}

func appendRow(b []byte, r Row) []byte {
	var crc byte
	b = append(b, tagRowPK)
	for _, c := range r.PrimaryKey {
		var sum byte
		b, sum = appendCell(b, c)
		crc = crcByte(crc, sum)
	}
	if len(r.Cells) > 0 {
		b = append(b, tagRowData)
		for _, c := range r.Cells {
			var sum byte
			b, sum = appendCell(b, c)
			crc = crcByte(crc, sum)
		}
	}
	var marker byte
	if r.DeleteMarker {
		b = append(b, tagDeleteMarker)
		marker = 1
	}
	crc = crcByte(crc, marker)
	return append(b, tagRowChecksum, crc)
}

// appendCell writes one cell and returns its checksum too, which the row
// checksum folds in.
func appendCell(b []byte, c Cell) ([]byte, byte) {
	b = append(b, tagCell, tagCellName)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(c.Name)))
	b = append(b, c.Name...)
	if c.HasValue {
		payload := AppendVariant(nil, c.Value)
		b = append(b, tagCellValue)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
		b = append(b, payload...)
	}
	if c.Op != OpNone {
		b = append(b, tagCellOp, byte(c.Op))
	}
	if c.HasTimestamp {
		b = append(b, tagCellTimestamp)
		b = binary.LittleEndian.AppendUint64(b, uint64(c.Timestamp))
	}
	sum := cellChecksum(c)
	return append(b, tagCellChecksum, sum), sum
}

// cellChecksum folds name, value, timestamp and operation, in that order
// (the timestamp comes before the operation here although the wire has them
// the other way round).
func cellChecksum(c Cell) byte {
	crc := crcBytes(0, []byte(c.Name))
	if c.HasValue {
		crc = variantChecksum(crc, c.Value)
	}
	if c.HasTimestamp {
		crc = crcUint64(crc, uint64(c.Timestamp))
	}
	if c.Op != OpNone {
		crc = crcByte(crc, byte(c.Op))
	}
	return crc
}

func variantChecksum(crc byte, v Value) byte {
	crc = crcByte(crc, byte(v.Kind))
	switch v.Kind {
	case KindInteger:
		crc = crcUint64(crc, uint64(v.Int))
	case KindDouble:
		crc = crcUint64(crc, math.Float64bits(v.Float))
	case KindBoolean:
		crc = crcByte(crc, boolByte(v.Bool))
	case KindString:
		crc = crcUint32(crc, uint32(len(v.Str)))
		crc = crcBytes(crc, []byte(v.Str))
	case KindBinary:
		crc = crcUint32(crc, uint32(len(v.Bin)))
		crc = crcBytes(crc, v.Bin)
	}
	return crc
}

// AppendVariant writes a value as a variant: the type byte and the payload,
// without the outer length. Filters carry their comparison value this way.
func AppendVariant(b []byte, v Value) []byte {
	b = append(b, byte(v.Kind))
	switch v.Kind {
	case KindInteger:
		b = binary.LittleEndian.AppendUint64(b, uint64(v.Int))
	case KindDouble:
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Float))
	case KindBoolean:
		b = append(b, boolByte(v.Bool))
	case KindString:
		b = binary.LittleEndian.AppendUint32(b, uint32(len(v.Str)))
		b = append(b, v.Str...)
	case KindBinary:
		b = binary.LittleEndian.AppendUint32(b, uint32(len(v.Bin)))
		b = append(b, v.Bin...)
	}
	return b
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}
