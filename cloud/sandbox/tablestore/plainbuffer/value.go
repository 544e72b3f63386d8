package plainbuffer

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// Kind is the variant type byte of a PlainBuffer value.
type Kind uint8

// The variant types Tablestore knows. The numbers are the wire bytes.
const (
	KindInteger       Kind = 0x0
	KindDouble        Kind = 0x1
	KindBoolean       Kind = 0x2
	KindString        Kind = 0x3
	KindNull          Kind = 0x6
	KindBinary        Kind = 0x7
	KindInfMin        Kind = 0x9
	KindInfMax        Kind = 0xa
	KindAutoIncrement Kind = 0xb
)

// String names the kind the way Tablestore messages do.
func (k Kind) String() string {
	switch k {
	case KindInteger:
		return "INTEGER"
	case KindDouble:
		return "DOUBLE"
	case KindBoolean:
		return "BOOLEAN"
	case KindString:
		return "STRING"
	case KindNull:
		return "NULL"
	case KindBinary:
		return "BINARY"
	case KindInfMin:
		return "INF_MIN"
	case KindInfMax:
		return "INF_MAX"
	case KindAutoIncrement:
		return "AUTO_INCREMENT"
	default:
		return fmt.Sprintf("Kind(0x%x)", uint8(k))
	}
}

// Value is one typed Tablestore value. Only the field that matches Kind is
// meaningful.
type Value struct {
	Kind  Kind
	Int   int64
	Float float64
	Bool  bool
	Str   string
	Bin   []byte
}

// Integer returns an INTEGER value.
func Integer(v int64) Value { return Value{Kind: KindInteger, Int: v} }

// Double returns a DOUBLE value.
func Double(v float64) Value { return Value{Kind: KindDouble, Float: v} }

// Boolean returns a BOOLEAN value.
func Boolean(v bool) Value { return Value{Kind: KindBoolean, Bool: v} }

// String returns a STRING value.
func String(v string) Value { return Value{Kind: KindString, Str: v} }

// Binary returns a BINARY value.
func Binary(v []byte) Value { return Value{Kind: KindBinary, Bin: v} }

// InfMin returns the lower bound placeholder of a range.
func InfMin() Value { return Value{Kind: KindInfMin} }

// InfMax returns the upper bound placeholder of a range.
func InfMax() Value { return Value{Kind: KindInfMax} }

// AutoIncrement returns the placeholder of an auto-increment key column.
func AutoIncrement() Value { return Value{Kind: KindAutoIncrement} }

// Equal reports whether v and o are the same kind and value. Doubles compare
// by bits, so NaN equals the same NaN.
func (v Value) Equal(o Value) bool {
	if v.Kind != o.Kind {
		return false
	}
	switch v.Kind {
	case KindInteger:
		return v.Int == o.Int
	case KindDouble:
		return math.Float64bits(v.Float) == math.Float64bits(o.Float)
	case KindBoolean:
		return v.Bool == o.Bool
	case KindString:
		return v.Str == o.Str
	case KindBinary:
		return bytes.Equal(v.Bin, o.Bin)
	}
	return true
}

// Compare orders two values the way Tablestore orders primary keys: INF_MIN
// first, INF_MAX last, integers numerically, strings and binaries bytewise.
// Values of different concrete kinds order by kind so the order stays total;
// callers that need "incomparable" check the kinds first.
func Compare(a, b Value) int {
	if a.Kind == KindInfMin || b.Kind == KindInfMin {
		return boolCmp(b.Kind == KindInfMin, a.Kind == KindInfMin)
	}
	if a.Kind == KindInfMax || b.Kind == KindInfMax {
		return boolCmp(a.Kind == KindInfMax, b.Kind == KindInfMax)
	}
	if a.Kind != b.Kind {
		if a.Kind < b.Kind {
			return -1
		}
		return 1
	}
	switch a.Kind {
	case KindInteger:
		return cmpOrdered(a.Int, b.Int)
	case KindDouble:
		return cmpOrdered(a.Float, b.Float)
	case KindBoolean:
		return boolCmp(a.Bool, b.Bool)
	case KindString:
		return cmpOrdered(a.Str, b.Str)
	case KindBinary:
		return bytes.Compare(a.Bin, b.Bin)
	}
	return 0
}

// boolCmp orders false before true; it returns 0 when both are equal.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	default:
		return -1
	}
}

func cmpOrdered[T int64 | float64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Size is the value's data size as Tablestore bills it: 8 bytes for numbers,
// 1 for a boolean, the byte length of strings and binaries.
func (v Value) Size() int {
	switch v.Kind {
	case KindInteger, KindDouble:
		return 8
	case KindBoolean:
		return 1
	case KindString:
		return len(v.Str)
	case KindBinary:
		return len(v.Bin)
	}
	return 0
}

// String renders the value for messages.
func (v Value) String() string {
	switch v.Kind {
	case KindInteger:
		return strconv.FormatInt(v.Int, 10)
	case KindDouble:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case KindBoolean:
		return strconv.FormatBool(v.Bool)
	case KindString:
		return strconv.Quote(v.Str)
	case KindBinary:
		return fmt.Sprintf("0x%x", v.Bin)
	}
	return v.Kind.String()
}
