package plainbuffer

// crc8Table is CRC-8 with polynomial 0x07 and initial value 0, the checksum
// PlainBuffer puts after every cell and row. It is computed at compile time
// from the polynomial so there is no mutable package state.
var crc8Table = func() (t [256]byte) {
	for i := range t {
		x := byte(i)
		for range 8 {
			if x&0x80 != 0 {
				x = x<<1 ^ 0x07
			} else {
				x <<= 1
			}
		}
		t[i] = x
	}
	return t
}()

func crcByte(crc, b byte) byte { return crc8Table[crc^b] }

func crcBytes(crc byte, bs []byte) byte {
	for _, b := range bs {
		crc = crcByte(crc, b)
	}
	return crc
}

func crcUint32(crc byte, v uint32) byte {
	for range 4 {
		crc = crcByte(crc, byte(v))
		v >>= 8
	}
	return crc
}

func crcUint64(crc byte, v uint64) byte {
	for range 8 {
		crc = crcByte(crc, byte(v))
		v >>= 8
	}
	return crc
}
