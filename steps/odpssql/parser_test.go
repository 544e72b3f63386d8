package odpssql

import (
	"reflect"
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// seedDDL is the external table the wizard's example spec produces.
const seedDDL = `-- vehicle tracks from Tablestore
CREATE EXTERNAL TABLE IF NOT EXISTS ots_vehicle_track (
    vid bigint COMMENT 'vehicle id',
    gt bigint,
    speed double
)
COMMENT 'tracks'
STORED BY 'com.aliyun.odps.TableStoreStorageHandler'
WITH SERDEPROPERTIES (
    'tablestore.columns.mapping'=':vid, :gt, speed',
    'tablestore.table.name'='vehicle_track',
    'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser'
)
LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com'
LIFECYCLE 7;
`

func TestParseCreateTable(t *testing.T) {
	t.Parallel()
	st, err := ParseStatement(seedDDL)
	if err != nil {
		t.Fatal(err)
	}
	want := &CreateTable{
		Pos: Pos{2, 1}, External: true, IfNotExists: true, Name: "ots_vehicle_track", NamePos: Pos{2, 37},
		Columns: []ColumnDef{
			{Name: "vid", Type: "bigint", Comment: "vehicle id", Pos: Pos{3, 5}},
			{Name: "gt", Type: "bigint", Pos: Pos{4, 5}},
			{Name: "speed", Type: "double", Pos: Pos{5, 5}},
		},
		Comment:       "tracks",
		StoredBy:      TableStoreHandler,
		StoredByPos:   Pos{8, 11},
		PropertiesPos: Pos{9, 1},
		Properties: []Property{
			{Key: PropColumnsMapping, Value: ":vid, :gt, speed", KeyPos: Pos{10, 5}, ValuePos: Pos{10, 34}},
			{Key: PropTableName, Value: "vehicle_track", KeyPos: Pos{11, 5}, ValuePos: Pos{11, 29}},
			{Key: PropRoleARN, Value: "acs:ram::1234567890123456:role/aliyunodpsroleforotheruser", KeyPos: Pos{12, 5}, ValuePos: Pos{12, 31}},
		},
		Location:    "tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com",
		LocationPos: Pos{14, 10},
		Lifecycle:   ptr(7),
	}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("got  %+v\nwant %+v", st, want)
	}
	ct := st.(*CreateTable)
	if p, ok := ct.Property(PropTableName); !ok || p.Value != "vehicle_track" {
		t.Errorf("Property(%q) = %+v, %v", PropTableName, p, ok)
	}
	if _, ok := ct.Property("nope"); ok {
		t.Error("Property(nope) found")
	}
}

func TestParseCreateTableVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, sql string
		check     func(t *testing.T, ct *CreateTable)
	}{
		{"qualified name, backticks, upper case",
			"create external table MyProj.`Ots Track` (`VID` BIGINT NOT NULL, `select` String) stored by 'h' location 'l'",
			func(t *testing.T, ct *CreateTable) {
				if ct.Qualifier != "myproj" || ct.Name != "ots track" {
					t.Errorf("name = %q.%q", ct.Qualifier, ct.Name)
				}
				want := []ColumnDef{{Name: "vid", Type: "bigint", NotNull: true, Pos: Pos{1, 43}}, {Name: "select", Type: "string", Pos: Pos{1, 66}}}
				if !reflect.DeepEqual(ct.Columns, want) {
					t.Errorf("columns = %+v", ct.Columns)
				}
			}},
		{"three-part name", "CREATE EXTERNAL TABLE p.s.t (a bigint)", func(t *testing.T, ct *CreateTable) {
			if ct.Qualifier != "p.s" || ct.Name != "t" {
				t.Errorf("name = %q.%q", ct.Qualifier, ct.Name)
			}
		}},
		{"complex and parameterised types",
			"CREATE EXTERNAL TABLE t (a DECIMAL(10, 2), b array<BIGINT>, c map<string, array<int>>, d struct<x:int, y:string comment 'c'>, e varchar(20))",
			func(t *testing.T, ct *CreateTable) {
				var got []string
				for _, c := range ct.Columns {
					got = append(got, c.Type)
				}
				want := []string{"decimal(10,2)", "array<bigint>", "map<string,array<int>>", "struct<x:int,y:string>", "varchar(20)"}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("types = %q, want %q", got, want)
				}
			}},
		{"USING splits jars, TBLPROPERTIES",
			"CREATE EXTERNAL TABLE t (a bigint) STORED BY 'h' LOCATION 'l' USING 'a.jar, b.jar' TBLPROPERTIES ('k'=\"v\")",
			func(t *testing.T, ct *CreateTable) {
				if !reflect.DeepEqual(ct.Using, []string{"a.jar", "b.jar"}) || ct.UsingPos != (Pos{1, 69}) {
					t.Errorf("using = %q at %v", ct.Using, ct.UsingPos)
				}
				if len(ct.TblProperties) != 1 || ct.TblProperties[0].Key != "k" || ct.TblProperties[0].Value != "v" {
					t.Errorf("tblproperties = %+v", ct.TblProperties)
				}
			}},
		{"column named like a clause keyword",
			"CREATE EXTERNAL TABLE t (location string, using bigint, stored bigint) LOCATION 'x'",
			func(t *testing.T, ct *CreateTable) {
				if len(ct.Columns) != 3 || ct.Columns[0].Name != "location" || ct.Location != "x" {
					t.Errorf("got %+v", ct)
				}
			}},
		{"plain CREATE TABLE parses; the linter judges it",
			"CREATE TABLE t (a bigint) STORED BY 'h'",
			func(t *testing.T, ct *CreateTable) {
				if ct.External || ct.StoredBy != "h" {
					t.Errorf("got %+v", ct)
				}
			}},
		{"comments everywhere",
			"CREATE /* block\ncomment */ EXTERNAL TABLE t -- line\n(a bigint -- trailing\n)",
			func(t *testing.T, ct *CreateTable) {
				if !ct.External || len(ct.Columns) != 1 || ct.Columns[0].Pos != (Pos{3, 2}) {
					t.Errorf("got %+v", ct)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st, err := ParseStatement(tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, st.(*CreateTable))
		})
	}
}

func TestParseOtherStatements(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sql  string
		want Statement
	}{
		{"DROP TABLE t", &DropTable{Pos: Pos{1, 1}, Name: "t"}},
		{"drop table if exists P.T;", &DropTable{Pos: Pos{1, 1}, IfExists: true, Qualifier: "p", Name: "t"}},
		{"DESC t", &Desc{Pos: Pos{1, 1}, Name: "t"}},
		{"describe extended `T`", &Desc{Pos: Pos{1, 1}, Extended: true, Name: "t"}},
		{"desc extended", &Desc{Pos: Pos{1, 1}, Name: "extended"}},
		{"  SHOW TABLES ;", &ShowTables{Pos: Pos{1, 3}}},
		{"set odps.sql.type.system.odps2 = true", &Set{Pos: Pos{1, 1}, Key: "odps.sql.type.system.odps2", Value: "true"}},
		{"SET odps.sql.timezone=Asia/Shanghai;", &Set{Pos: Pos{1, 1}, Key: "odps.sql.timezone", Value: "Asia/Shanghai"}},
		{"set odps.task.major.version=unstructured_data", &Set{Pos: Pos{1, 1}, Key: "odps.task.major.version", Value: "unstructured_data"}},
		{"SELECT * FROM t", &Select{Pos: Pos{1, 1}, Star: true, From: "t"}},
		{"select count(*) from proj.T", &Select{Pos: Pos{1, 1}, CountStar: true, FromQualifier: "proj", From: "t"}},
		{"SELECT vid, GT FROM t WHERE vid = 42 AND gt = -7 LIMIT 10",
			&Select{Pos: Pos{1, 1}, Columns: []string{"vid", "gt"}, From: "t",
				Where: []Equality{
					{Column: "vid", Value: Literal{Kind: LitInt, Int: 42, Text: "42"}},
					{Column: "gt", Value: Literal{Kind: LitInt, Int: -7, Text: "-7"}},
				}, Limit: ptr(int64(10))}},
		{"select a from t where s = 'x\\'y' and f = 1.5e3 and b = TRUE and n = null and l = 10L",
			&Select{Pos: Pos{1, 1}, Columns: []string{"a"}, From: "t", Where: []Equality{
				{Column: "s", Value: Literal{Kind: LitString, Str: "x'y", Text: `'x\'y'`}},
				{Column: "f", Value: Literal{Kind: LitFloat, Float: 1500, Text: "1.5e3"}},
				{Column: "b", Value: Literal{Kind: LitBool, Bool: true, Text: "TRUE"}},
				{Column: "n", Value: Literal{Kind: LitNull, Text: "null"}},
				{Column: "l", Value: Literal{Kind: LitInt, Int: 10, Text: "10L"}},
			}}},
		{"INSERT INTO t VALUES (1, 'a'), (2, \"b\")",
			&Insert{Pos: Pos{1, 1}, Table: "t", Rows: [][]Literal{
				{{Kind: LitInt, Int: 1, Text: "1"}, {Kind: LitString, Str: "a", Text: "'a'"}},
				{{Kind: LitInt, Int: 2, Text: "2"}, {Kind: LitString, Str: "b", Text: `"b"`}},
			}}},
		{"insert into table t (vid, gt) values (-9223372036854775808, 0.5)",
			&Insert{Pos: Pos{1, 1}, Table: "t", Columns: []string{"vid", "gt"}, Rows: [][]Literal{
				{{Kind: LitInt, Int: -9223372036854775808, Text: "-9223372036854775808"}, {Kind: LitFloat, Float: 0.5, Text: "0.5"}},
			}}},
		{"INSERT OVERWRITE TABLE p.t VALUES (false)",
			&Insert{Pos: Pos{1, 1}, Overwrite: true, Qualifier: "p", Table: "t", Rows: [][]Literal{
				{{Kind: LitBool, Bool: false, Text: "false"}},
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.sql, func(t *testing.T) {
			t.Parallel()
			got, err := ParseStatement(tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
			if got.Position() != tt.want.Position() {
				t.Errorf("Position() = %v", got.Position())
			}
		})
	}
}

func TestParseScript(t *testing.T) {
	t.Parallel()
	src := "set odps.sql.type.system.odps2=true;\nset odps.sql.allow.fullscan=true;;\n" + seedDDL + "\nSELECT * FROM ots_vehicle_track WHERE vid = 1 LIMIT 10;\n-- done\n"
	sts, err := ParseScript(src)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, s := range sts {
		kinds = append(kinds, reflect.TypeOf(s).Elem().Name())
	}
	if want := []string{"Set", "Set", "CreateTable", "Select"}; !reflect.DeepEqual(kinds, want) {
		t.Fatalf("statements = %v, want %v", kinds, want)
	}
	if s := sts[1].(*Set); s.Key != "odps.sql.allow.fullscan" || s.Pos != (Pos{2, 1}) {
		t.Errorf("second set = %+v", s)
	}
	if got, err := ParseScript("  -- nothing\n"); err != nil || len(got) != 0 {
		t.Errorf("empty script = %v, %v", got, err)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ sql, want string }{
		{"", "line 1, column 1: empty statement"},
		{"-- only a comment\n", "line 2, column 1: empty statement"},
		{"SHOW TABLES; DESC t", "line 1, column 14: a second statement starts here; pass one statement, or use a script"},
		{"UPDATE t SET a = 1", `line 1, column 1: unsupported statement starting with "UPDATE"; expected CREATE, DROP, DESC, SHOW TABLES, SELECT, INSERT or SET`},
		{"CREATE VIEW v AS SELECT 1", `line 1, column 8: expected TABLE after CREATE, found "VIEW"; only CREATE [EXTERNAL] TABLE is supported`},
		{"CREATE EXTRENAL TABLE t (a bigint)", `line 1, column 8: "EXTRENAL" is not a keyword; did you mean EXTERNAL?: write CREATE EXTERNAL TABLE`},
		{"CREATE EXTERNAL TABLE t (a bigint b string)", "line 1, column 35: missing comma between columns: add a comma after `a` bigint"},
		{"CREATE EXTERNAL TABLE t (a bigint,)", "line 1, column 34: comma after the last column: remove the comma before ')'"},
		{"CREATE EXTERNAL TABLE t (a integer)", "line 1, column 28: INTEGER is not a MaxCompute type (INTEGER is Tablestore's name for its 64-bit integers; MaxCompute calls them bigint): declare `a` bigint"},
		{"CREATE EXTERNAL TABLE t (a bignit)", "line 1, column 28: BIGNIT is not a MaxCompute type: did you mean bigint?"},
		{"CREATE EXTERNAL TABLE t (select bigint)", "line 1, column 26: SELECT is a reserved word in MaxCompute and cannot be a bare column name: quote it as `select`"},
		{"CREATE EXTERNAL TABLE t (a bigint) WITH SERDEPROPERTIES ('a'='b' 'c'='d')",
			"line 1, column 66: missing comma between properties: add a comma after 'a'='b'"},
		{"CREATE EXTERNAL TABLE t (a bigint) WITH SERDEPROPERTIES ('a'='b',)",
			"line 1, column 65: comma after the last property: remove the comma before ')'"},
		{"CREATE EXTERNAL TABLE t (a bigint) WITH SERDEPROPERTIES ('a'='b' = 'c')",
			`line 1, column 66: expected "," or ")" after property 'a', found "="`},
		{"CREATE EXTERNAL TABLE t (a bigint) WITH SERDEPROPERTIES ('a' 'b')",
			`line 1, column 62: missing "=" between property key 'a' and its value: write 'a'='…'`},
		{"CREATE EXTERNAL TABLE t (a bigint) WITH SERDEPROPERTIES (tablestore.table.name='x')",
			"line 1, column 58: property key tablestore.table.name must be quoted: write 'tablestore.table.name'"},
		{"CREATE EXTERNAL TABLE t (a bigint) WITH SERDEPROPERTIES ('a'='b') LOCATION 'x' STORED BY 'h'",
			"line 1, column 80: STORED BY must come before LOCATION: order the clauses COMMENT, STORED BY, WITH SERDEPROPERTIES, LOCATION, USING, TBLPROPERTIES, LIFECYCLE"},
		{"CREATE EXTERNAL TABLE t (a bigint) LOCATION 'x' LOCATION 'y'", "line 1, column 49: LOCATION appears twice: keep one of them"},
		{"CREATE EXTERNAL TABLE t (a bigint) PARTITIONED BY (p string)", "line 1, column 36: PARTITIONED BY is not supported for a Tablestore external table"},
		{"CREATE EXTERNAL TABLE t (a bigint) LOCATION tablestore", "line 1, column 45: the value of LOCATION must be a quoted string: write LOCATION 'tablestore'"},
		{"CREATE EXTERNAL TABLE t (a bigint) LOCATION 42", "line 1, column 45: LOCATION needs the Tablestore endpoint, as in LOCATION 'tablestore://<instance>.<region>.ots-internal.aliyuncs.com'; found number 42"},
		{"CREATE EXTERNAL TABLE t (a bigint) CLUSTERED BY (a) INTO 4 BUCKETS", "line 1, column 36: CLUSTERED BY is not supported for a Tablestore external table"},
		{"CREATE EXTERNAL TABLE t (a bigint) ROW FORMAT SERDE 'x'", "line 1, column 36: ROW FORMAT is not supported for a Tablestore external table"},
		{"CREATE EXTERNAL TABLE t (a bigint) STORED AS ORC", "line 1, column 36: STORED AS is not supported for a Tablestore external table"},
		{"CREATE TABLE t AS SELECT * FROM s", "line 1, column 16: CREATE TABLE … AS SELECT is not supported for a Tablestore external table"},
		{"CREATE TABLE t LIKE s", "line 1, column 16: CREATE TABLE … LIKE is not supported for a Tablestore external table"},
		{"CREATE EXTERNAL TABLE t (a struct<x bigint>)", `line 1, column 37: expected ":", found "bigint"`},
		{"CREATE EXTERNAL TABLE t (a decimal(10, x))", `line 1, column 40: expected a whole number in decimal(…), found "x"`},
		{"CREATE EXTERNAL TABLE t (a bigint) LIFECYCLE 0", "line 1, column 46: LIFECYCLE needs a positive whole number of days, found number 0"},
		{"CREATE EXTERNAL TABLE t (a bigint", "line 1, column 34: the column list opened at line 1, column 25 is not closed: add ')' before the end of the statement"},
		{"CREATE EXTERNAL TABLE t (a bigint) STORED BY 'h' WITH SERDEPROPERTIES ('a'='b' LOCATION 'x'",
			"line 1, column 80: the WITH SERDEPROPERTIES list opened at line 1, column 71 is not closed: add ')' before \"LOCATION\""},
		{"CREATE EXTERNAL TABLE t (a bigint) LOCATION 'unclosed", "line 1, column 45: string opened here is never closed: add the closing '"},
		{"CREATE EXTERNAL TABLE t (a bigint) LOCATION ‘x’", "line 1, column 45: typographic quote \"‘\" starts a string, probably pasted from a document; MaxCompute only accepts ' and \": retype the quotes as plain ' characters"},
		{"CREATE EXTERNAL TABLE t (a bigint，b string)", "line 1, column 34: full-width \"，\" where MaxCompute needs the ASCII \",\": replace \"，\" with \",\""},
		{"SELECT a FROM t WHERE a > 1", `line 1, column 25: expected "=" after a, found ">"; only column = constant conditions joined by AND are supported`},
		{"SELECT count(a) FROM t", `line 1, column 14: only COUNT(*) is supported, found COUNT("a"`},
		{"SELECT * FROM t LIMIT -1", `line 1, column 23: LIMIT needs a whole number of rows, found "-"`},
		{"SELECT * FROM t WHERE a = 99999999999999999999", "line 1, column 27: malformed number 99999999999999999999"},
		{"INSERT OVERWRITE t VALUES (1)", `line 1, column 18: MaxCompute writes INSERT OVERWRITE TABLE <name>: TABLE is required, found "t"`},
		{"INSERT INTO t (a, b) VALUES (1)", "line 1, column 29: this row has 1 values but 2 are expected"},
		{"INSERT INTO t VALUES (1, 2), (3)", "line 1, column 30: this row has 1 values but 2 are expected"},
		{"INSERT INTO t VALUES (x)", `line 1, column 23: expected a constant (number, string, TRUE, FALSE or NULL), found "x"`},
		{"DROP TABLE IF t", `line 1, column 15: expected EXISTS, found "t"`},
		{"SHOW TABLES extra", `line 1, column 13: unexpected "extra" after the end of the statement`},
		{"SET = 1", "line 1, column 5: expected a property name after SET, as in set odps.sql.type.system.odps2=true"},
		{"SET a.b", `line 1, column 8: expected "=" after SET a.b, as in set a.b=true`},
		{"DESC t # x", "line 1, column 8: unexpected character '#': remove it"},
		{"/* open comment", "line 1, column 1: comment opened with /* is never closed: add */ where the comment ends"},
		{"SHOW TABLES; /* open", "line 1, column 14: comment opened with /* is never closed: add */ where the comment ends"},
		{"DESC ``", "line 1, column 6: empty `` name: write a table name between the backticks"},
		{"DESC `abc", "line 1, column 6: name quoted with ` is never closed: add the closing `"},
	}
	for _, tt := range tests {
		t.Run(tt.sql, func(t *testing.T) {
			t.Parallel()
			_, err := ParseStatement(tt.sql)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if _, ok := err.(*SyntaxError); !ok {
				t.Errorf("error is %T, want *SyntaxError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %q\nwant %q", err.Error(), tt.want)
			}
		})
	}
}

// SET values are free text: characters SQL would reject are fine there.
func TestParseSetValueIsFreeText(t *testing.T) {
	t.Parallel()
	st, err := ParseStatement("set odps.x=a#b$c")
	if err != nil {
		t.Fatal(err)
	}
	if s := st.(*Set); s.Value != "a#b$c" {
		t.Errorf("value = %q", s.Value)
	}
}

func TestStringEscapes(t *testing.T) {
	t.Parallel()
	tests := []struct{ lit, want string }{
		{`'plain'`, "plain"},
		{`"I'm"`, "I'm"},
		{`'I\'m'`, "I'm"},
		{`'say \"hi\"'`, `say "hi"`},
		{`'a\tb\nc\rd\be'`, "a\tb\nc\rd\be"},
		{`'back\\slash'`, `back\slash`},
		{`'semi\;colon'`, "semi;colon"},
		{`'ctrl\Z'`, "ctrl\x1a"},
		{`'nul\0x'`, "nul\x00x"},
		{`'nul\00x'`, "nul\x00x"},
		{`'oct\101\102'`, "octAB"},
		{`'oct\177'`, "oct\x7f"},
		{`'not oct\200'`, "not oct200"},
		{`'\a\q'`, "aq"},
		{"'multi\nline'", "multi\nline"},
		{`'汉字'`, "汉字"},
	}
	for _, tt := range tests {
		t.Run(tt.lit, func(t *testing.T) {
			t.Parallel()
			st, err := ParseStatement("SELECT a FROM t WHERE a = " + tt.lit)
			if err != nil {
				t.Fatal(err)
			}
			got := st.(*Select).Where[0].Value
			if got.Kind != LitString || got.Str != tt.want || got.Text != tt.lit {
				t.Errorf("got %+v, want Str %q", got, tt.want)
			}
		})
	}
}

// Columns count runes, so positions after CJK text match an editor's.
func TestPositionsCountRunes(t *testing.T) {
	t.Parallel()
	st, err := ParseStatement("CREATE EXTERNAL TABLE t (`列一` bigint COMMENT '中文注释', b string)")
	if err != nil {
		t.Fatal(err)
	}
	cols := st.(*CreateTable).Columns
	if cols[0].Name != "列一" || cols[1].Pos != (Pos{1, 54}) {
		t.Errorf("columns = %+v", cols)
	}
}

func TestLiteralStrings(t *testing.T) {
	t.Parallel()
	want := map[LiteralKind]string{LitInt: "int", LitFloat: "float", LitString: "string", LitBool: "bool", LitNull: "null", 9: "LiteralKind(9)"}
	for k, s := range want {
		if k.String() != s {
			t.Errorf("%d.String() = %q, want %q", int(k), k.String(), s)
		}
	}
	if l := (Literal{Kind: LitString, Str: "x", Text: `"x"`}); l.String() != `"x"` {
		t.Errorf("Literal.String() = %q", l.String())
	}
}

func TestSyntaxErrorFormat(t *testing.T) {
	t.Parallel()
	e := &SyntaxError{Pos: Pos{3, 14}, Msg: "boom"}
	if e.Error() != "line 3, column 14: boom" {
		t.Errorf("Error() = %q", e.Error())
	}
	if !strings.Contains((Pos{2, 5}).String(), "2:5") {
		t.Errorf("Pos.String() = %q", (Pos{2, 5}).String())
	}
}

// The ODPS Go SDK's TableSchema.ToExternalSQLString writes DDL in this shape
// (lower-case keywords, backticks, doubled spaces, no space before '(').
func TestParseSDKGeneratedDDL(t *testing.T) {
	t.Parallel()
	sdk := "create external table if not exists proj.`ots_t` (\n" +
		"    `vid` bigint  ,\n" +
		"    `gt` bigint not null comment 'it\\'s time'\n" +
		")\n" +
		"stored by 'com.aliyun.odps.TableStoreStorageHandler'\n" +
		"with serdeproperties('tablestore.columns.mapping'=':vid,:gt', 'tablestore.table.name'='t')\n" +
		"location 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com'\n" +
		"lifecycle 3;"
	st, err := ParseStatement(sdk)
	if err != nil {
		t.Fatal(err)
	}
	ct := st.(*CreateTable)
	if ct.Qualifier != "proj" || ct.Name != "ots_t" || len(ct.Columns) != 2 || !ct.Columns[1].NotNull ||
		ct.Columns[1].Comment != "it's time" || len(ct.Properties) != 2 || *ct.Lifecycle != 3 {
		t.Errorf("parsed %+v", ct)
	}
}
