package maxcompute

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/mcots/wizard/steps/odpssql"
)

// tsTypeOf returns the Tablestore type a MaxCompute column of type extType
// reads: the type table (bigint↔INTEGER, string↔STRING, binary↔BINARY,
// double↔DOUBLE, boolean↔BOOLEAN), plus the narrower integers, which read
// INTEGER too but fail on values that do not fit. Other types have no
// Tablestore counterpart.
func tsTypeOf(extType string) (ColumnType, bool) {
	switch strings.ToLower(strings.TrimSpace(extType)) {
	case "bigint", "int", "smallint", "tinyint":
		return TypeInteger, true
	case "string":
		return TypeString, true
	case "binary":
		return TypeBinary, true
	case "double":
		return TypeDouble, true
	case "boolean":
		return TypeBoolean, true
	}
	return 0, false
}

// intRange is the range of MaxCompute's integer types.
func intRange(extType string) (lo, hi int64) {
	switch strings.ToLower(strings.TrimSpace(extType)) {
	case "int":
		return math.MinInt32, math.MaxInt32
	case "smallint":
		return math.MinInt16, math.MaxInt16
	case "tinyint":
		return math.MinInt8, math.MaxInt8
	}
	return math.MinInt64, math.MaxInt64
}

// decodeCell turns the Tablestore value behind column col into a result cell.
// The handler reads each cell as the type the column declares, so a value of
// another type throws inside the job — the "PrimaryKeyValue is not STRING
// type." of a string column over an INTEGER key.
func decodeCell(col ColumnDef, v Value, present, primaryKey bool) (cell, error) {
	if !present {
		return nullCell(), nil
	}
	want, _ := tsTypeOf(col.Type)
	if v.Type != want {
		kind := "AttributeValue"
		if primaryKey {
			kind = "PrimaryKeyValue"
		}
		return cell{}, jobFailed(fmt.Sprintf("%s is not %s type.", kind, want))
	}
	if want == TypeInteger {
		if lo, hi := intRange(col.Type); v.Int < lo || v.Int > hi {
			return cell{}, jobFailed(fmt.Sprintf("value %d of column %s does not fit in %s; declare the column bigint", v.Int, col.Name, col.Type))
		}
	}
	return cell{text: valueText(v)}, nil
}

// literalValue converts a SQL literal to the Tablestore value a column of
// col's type holds. It reports null for NULL. Only the implicit conversions
// MaxCompute makes without a cast are allowed: integers widen to double,
// strings serve as binary.
func literalValue(lit odpssql.Literal, col ColumnDef) (v Value, null bool, err error) {
	want, _ := tsTypeOf(col.Type)
	mismatch := func() error {
		return fmt.Errorf("%s column %s cannot take the %s literal %s", col.Type, col.Name, lit.Kind, lit.Text)
	}
	switch lit.Kind {
	case odpssql.LitNull:
		return Value{}, true, nil
	case odpssql.LitInt:
		switch want {
		case TypeInteger:
			if lo, hi := intRange(col.Type); lit.Int < lo || lit.Int > hi {
				return Value{}, false, fmt.Errorf("%s is out of the range of %s column %s", lit.Text, col.Type, col.Name)
			}
			return IntValue(lit.Int), false, nil
		case TypeDouble:
			return DoubleValue(float64(lit.Int)), false, nil
		}
	case odpssql.LitFloat:
		if want == TypeDouble {
			return DoubleValue(lit.Float), false, nil
		}
	case odpssql.LitString:
		switch want {
		case TypeString:
			return StringValue(lit.Str), false, nil
		case TypeBinary:
			return BinaryValue([]byte(lit.Str)), false, nil
		}
	case odpssql.LitBool:
		if want == TypeBoolean {
			return BoolValue(lit.Bool), false, nil
		}
	}
	return Value{}, false, mismatch()
}

// looseLiteral is the double a literal compares as against a column it does
// not match exactly: a number against a string column, or a string against a
// numeric column. ok is false for the pairs MaxCompute refuses to compare.
func looseLiteral(lit odpssql.Literal, col ColumnDef) (num float64, ok bool) {
	want, _ := tsTypeOf(col.Type)
	numeric := want == TypeInteger || want == TypeDouble
	switch {
	case want == TypeString && lit.Kind == odpssql.LitInt:
		return float64(lit.Int), true
	case want == TypeString && lit.Kind == odpssql.LitFloat:
		return lit.Float, true
	case numeric && lit.Kind == odpssql.LitString:
		f, err := strconv.ParseFloat(strings.TrimSpace(lit.Str), 64)
		if err != nil {
			return math.NaN(), true
		}
		return f, true
	}
	return 0, false
}

// asDouble converts a value for a loose comparison.
func asDouble(v Value) (float64, bool) {
	switch v.Type {
	case TypeInteger:
		return float64(v.Int), true
	case TypeDouble:
		return v.Float, true
	case TypeString:
		f, err := strconv.ParseFloat(strings.TrimSpace(v.Str), 64)
		return f, err == nil
	}
	return 0, false
}

// sameValue reports whether two Tablestore values are equal.
func sameValue(a, b Value) bool {
	if a.Type != b.Type {
		return false
	}
	switch a.Type {
	case TypeInteger:
		return a.Int == b.Int
	case TypeString:
		return a.Str == b.Str
	case TypeBinary:
		return bytes.Equal(a.Bytes, b.Bytes)
	case TypeDouble:
		return a.Float == b.Float
	case TypeBoolean:
		return a.Bool == b.Bool
	}
	return false
}
