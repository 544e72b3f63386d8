package maxcompute

import (
	"math"
	"strconv"
	"strings"
)

// The text of a SELECT result, as the SDK's GetSelectResultAsCsv (and the Java
// SDK's CSVRecordParser) read it: a header row of column names, then one row
// per record; every field quoted, quotes doubled; NULL written \N; booleans
// true/false; binary as its bytes.
const csvNull = `\N`

// cell is one output value; null marks SQL NULL.
type cell struct {
	null bool
	text string
}

func nullCell() cell { return cell{null: true} }

// formatCSV renders a header and rows.
func formatCSV(header []string, rows [][]cell) string {
	var b strings.Builder
	for i, h := range header {
		if i > 0 {
			b.WriteByte(',')
		}
		writeCSVField(&b, h)
	}
	b.WriteByte('\n')
	for _, row := range rows {
		for i, c := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			if c.null {
				writeCSVField(&b, csvNull)
				continue
			}
			writeCSVField(&b, c.text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func writeCSVField(b *strings.Builder, s string) {
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(s, `"`, `""`))
	b.WriteByte('"')
}

// valueText renders a Tablestore value as MaxCompute prints it.
func valueText(v Value) string {
	switch v.Type {
	case TypeInteger:
		return strconv.FormatInt(v.Int, 10)
	case TypeString:
		return v.Str
	case TypeBinary:
		return string(v.Bytes)
	case TypeDouble:
		return formatDouble(v.Float)
	case TypeBoolean:
		return strconv.FormatBool(v.Bool)
	}
	return ""
}

// formatDouble writes a double the way MaxCompute results show one, which is
// Java's Double.toString: the shortest digits that read back exactly, at least
// one digit after the point, and E notation outside [1e-3, 1e7).
func formatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(f, 'E', -1, 64) // e.g. 1.5E+10, 1E-05
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	neg := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(exp, "+-")
	exp = strings.TrimLeft(exp, "0")
	if neg {
		exp = "-" + exp
	}
	return mant + "E" + exp
}
