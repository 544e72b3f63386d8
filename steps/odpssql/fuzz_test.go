package odpssql

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// parserCodes are the finding codes a tolerant parse reports where a strict
// parse fails.
var parserCodes = map[string]bool{
	"syntax": true, "missing-comma": true, "trailing-comma": true, "reserved-word": true,
	"unknown-type": true, "unquoted-value": true, "duplicate-clause": true, "clause-order": true,
	"typographic-quote": true, "non-ascii-punctuation": true,
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		goodDDL, seedDDL, "", ";", "set a=b;", "SELECT * FROM t WHERE a = 'x' AND b = -1 LIMIT 3",
		"INSERT OVERWRITE TABLE t (a) VALUES (1), (2)", "DROP TABLE IF EXISTS t", "DESC t", "SHOW TABLES",
		"CREATE TABLE t (a bigint) WITH SERDEPROPERTIES ('a'='b' 'c'='d'", "'unterminated", "/* open",
		"CREATE EXTERNAL TABLE t (a map<string,array<struct<x:int>>>) LOCATION 'tablestore://a:b@c.cn-x.ots.aliyuncs.com'",
		"CREATE EXTERNAL TABLE t (`a``b` bigint，b string) STORED BY ‘h’ USING 'x.jar'",
		"select 'a\\101\\0\\00\\Z\\", "create external table t (a bigint) lifecycle 99999999999999999999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, strictErr := ParseScript(src)
		_, stmtErr := ParseStatement(src)
		toks, probs := lex(src)
		spans, _ := splitStatements(toks, probs)
		oneCreate := len(spans) == 1 && isCreateTable(spans[0].toks)
		for _, expect := range []*Expect{nil, seedExpect()} {
			fs := Lint(src, expect)
			for i, fd := range fs {
				if !fd.Pos.IsValid() {
					t.Fatalf("finding without a position: %+v", fd)
				}
				if i > 0 && fd.Pos.Before(fs[i-1].Pos) {
					t.Fatalf("findings out of order: %v then %v", fs[i-1], fd)
				}
				if fd.Message == "" || fd.Code == "" {
					t.Fatalf("finding without message or code: %+v", fd)
				}
				if strictErr == nil && parserCodes[fd.Code] && fd.Severity == Error {
					t.Fatalf("strict parse accepted what the linter calls a syntax error: %v", fd)
				}
			}
			if oneCreate && stmtErr != nil && !HasErrors(fs) {
				t.Fatalf("strict parse failed (%v) but the linter found no error", stmtErr)
			}
		}
		_, _ = ParseMapping(src)
		_, _ = ParseLocation(src)
		_, _, _ = ParseRoleARN(src)
	})
}

// The test-only renderer: the inverse of the parser for CREATE TABLE.

func renderName(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

// renderString quotes s so the parser reads it back exactly. Control
// characters become octal escapes; a NUL is \0, and a digit right after it
// is escaped too, or \0 followed by digits would read as an octal code.
func renderString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	afterNUL := false
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`\'`)
		case r == 0:
			b.WriteString(`\0`)
		case afterNUL && isDigit(r), r < 0x20, r == 0x7f:
			fmt.Fprintf(&b, `\%03o`, r)
		default:
			b.WriteRune(r)
		}
		afterNUL = r == 0
	}
	b.WriteByte('\'')
	return b.String()
}

func renderProps(ps []Property) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = renderString(p.Key) + "=" + renderString(p.Value)
	}
	return "(" + strings.Join(parts, ",\n  ") + ")"
}

func renderCreate(ct *CreateTable) string {
	var b strings.Builder
	b.WriteString("CREATE EXTERNAL TABLE IF NOT EXISTS " + renderName(ct.Name) + " (\n")
	for i, c := range ct.Columns {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString("  " + renderName(c.Name) + " " + c.Type)
		if c.Comment != "" {
			b.WriteString(" COMMENT " + renderString(c.Comment))
		}
	}
	b.WriteString("\n)\n")
	if ct.Comment != "" {
		b.WriteString("COMMENT " + renderString(ct.Comment) + "\n")
	}
	b.WriteString("STORED BY " + renderString(ct.StoredBy) + "\n")
	b.WriteString("WITH SERDEPROPERTIES " + renderProps(ct.Properties) + "\n")
	b.WriteString("LOCATION " + renderString(ct.Location) + ";\n")
	return b.String()
}

var fuzzTypes = []string{"bigint", "string", "double", "boolean", "binary", "int", "timestamp", "decimal(10,2)", "array<bigint>", "map<string,bigint>"}

func FuzzRoundTrip(f *testing.F) {
	f.Add("ots_vehicle_track", "vid", "Gt", uint8(0), "tablestore.table.name", "vehicle_track", "odps.properties.rolearn", "acs:ram::1:role/r", "comment")
	f.Add("表", "列", "a`b", uint8(7), "k'ey", "va\\lue", "\x00", "\x001\x002", "line\nbreak\ttab")
	f.Add("T", "select", "from", uint8(9), "", "", "k", "‘quoted’ “text”", "--not a comment /* nor this */")
	f.Fuzz(func(t *testing.T, table, col1, col2 string, typ uint8, k1, v1, k2, v2, comment string) {
		for _, s := range []string{table, col1, col2, k1, v1, k2, v2, comment} {
			if !utf8.ValidString(s) {
				t.Skip("SQL text is UTF-8")
			}
		}
		if table == "" || col1 == "" || col2 == "" {
			t.Skip("names are never empty")
		}
		want := &CreateTable{
			External: true, IfNotExists: true,
			Name: strings.ToLower(table),
			Columns: []ColumnDef{
				{Name: strings.ToLower(col1), Type: fuzzTypes[int(typ)%len(fuzzTypes)], Comment: comment},
				{Name: strings.ToLower(col2), Type: "string"},
			},
			Comment:    comment,
			StoredBy:   TableStoreHandler,
			Properties: []Property{{Key: k1, Value: v1}, {Key: k2, Value: v2}},
			Location:   v2,
		}
		src := renderCreate(&CreateTable{Name: table, Columns: []ColumnDef{
			{Name: col1, Type: want.Columns[0].Type, Comment: comment}, {Name: col2, Type: "string"},
		}, Comment: comment, StoredBy: TableStoreHandler, Properties: want.Properties, Location: v2})
		st, err := ParseStatement(src)
		if err != nil {
			t.Fatalf("rendered DDL does not parse: %v\n%s", err, src)
		}
		got := st.(*CreateTable)
		if got.Name != want.Name || got.Comment != want.Comment || got.Location != want.Location || got.StoredBy != want.StoredBy {
			t.Fatalf("table: got %q %q %q, want %q %q %q\n%s", got.Name, got.Comment, got.Location, want.Name, want.Comment, want.Location, src)
		}
		for i := range got.Columns {
			got.Columns[i].Pos = Pos{}
		}
		if !reflect.DeepEqual(got.Columns, want.Columns) {
			t.Fatalf("columns:\n got %+v\nwant %+v\n%s", got.Columns, want.Columns, src)
		}
		var props []Property
		for _, p := range got.Properties {
			props = append(props, Property{Key: p.Key, Value: p.Value})
		}
		if !reflect.DeepEqual(props, want.Properties) {
			t.Fatalf("properties:\n got %q\nwant %q\n%s", props, want.Properties, src)
		}
		// The linter reads rendered DDL without any syntax complaint.
		for _, fd := range Lint(src, nil) {
			if parserCodes[fd.Code] && fd.Severity == Error {
				t.Fatalf("linter reports a syntax problem in rendered DDL: %v\n%s", fd, src)
			}
		}
	})
}

func BenchmarkLint(b *testing.B) {
	expect := seedExpect()
	b.ReportAllocs()
	for b.Loop() {
		if fs := Lint(goodDDL, expect); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

func BenchmarkParseStatement(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseStatement(seedDDL); err != nil {
			b.Fatal(err)
		}
	}
}
