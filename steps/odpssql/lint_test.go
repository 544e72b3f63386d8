package odpssql

import (
	"strings"
	"testing"
)

// goodDDL is a correct external table over the seed's Tablestore table.
// Line numbers in the tests below refer to this layout.
const goodDDL = `CREATE EXTERNAL TABLE IF NOT EXISTS ots_vehicle_track (
    vid bigint,
    gt bigint,
    speed double
)
STORED BY 'com.aliyun.odps.TableStoreStorageHandler'
WITH SERDEPROPERTIES (
    'tablestore.columns.mapping'=':vid, :gt, speed',
    'tablestore.table.name'='vehicle_track',
    'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser'
)
LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com';
`

// seedExpect describes the seed's Tablestore side.
func seedExpect() *Expect {
	return &Expect{
		Instance: "cap1", Region: "cn-hangzhou", Table: "vehicle_track",
		RoleARN:    "acs:ram::1234567890123456:role/aliyunodpsroleforotheruser",
		PrimaryKey: []TSColumn{{"vid", TSInteger}, {"gt", TSInteger}},
		Attributes: []TSColumn{{"speed", TSDouble}},
	}
}

// edit applies old→new replacements to goodDDL, failing if one does not apply.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := goodDDL
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("edit: %q not in the DDL", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func findingStrings(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.String()
	}
	return out
}

func assertFindings(t *testing.T, got []Finding, want []string) {
	t.Helper()
	gs := findingStrings(got)
	if strings.Join(gs, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n got:\n  %s\nwant:\n  %s", strings.Join(gs, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestLintGoodDDL(t *testing.T) {
	t.Parallel()
	assertFindings(t, Lint(goodDDL, nil), nil)
	assertFindings(t, Lint(goodDDL, seedExpect()), nil)
	// Leading set statements and a verifying query around the DDL are fine.
	script := "set odps.sql.type.system.odps2=true;\n" + goodDDL + "SELECT * FROM ots_vehicle_track WHERE vid = 1 LIMIT 10;\n"
	assertFindings(t, Lint(script, seedExpect()), nil)
}

func TestLintFindings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		ddl    func(t *testing.T) string
		expect *Expect
		want   []string
	}{
		{"missing EXTERNAL", func(t *testing.T) string { return edit(t, "CREATE EXTERNAL TABLE", "CREATE TABLE") }, nil, []string{
			`1:8: error: a table with STORED BY and LOCATION must be created with CREATE EXTERNAL TABLE; MaxCompute rejects this one as a non-external table with stored by location ("unsupported feature non-external table with stord by location") (fix: write CREATE EXTERNAL TABLE)`,
		}},
		{"plain table without any external clause", func(t *testing.T) string { return "CREATE TABLE t (a bigint);" }, nil, []string{
			"1:8: error: CREATE TABLE without EXTERNAL makes an ordinary MaxCompute table, not one that reads Tablestore (fix: write CREATE EXTERNAL TABLE … STORED BY 'com.aliyun.odps.TableStoreStorageHandler')",
		}},
		{"missing comma between properties, and the rest is still checked", func(t *testing.T) string {
			return edit(t, "'vehicle_track',", "'vehicle_track'", "role/aliyunodps", "role/AliyunODPS")
		}, nil, []string{
			"10:5: error: missing comma between properties (fix: add a comma after 'tablestore.table.name'='vehicle_track')",
			"10:31: error: role ARN 'acs:ram::1234567890123456:role/AliyunODPSroleforotheruser' is not all lower case; RAM role ARNs are lower case, and MaxCompute cannot assume the role as written; no Tablestore account UID is known to check 1234567890123456 against, so it is kept: make sure it is the UID of the account that owns the role (fix: 'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser')",
		}},
		{"handler near miss", func(t *testing.T) string { return edit(t, "TableStoreStorage", "TablestoreStorage") }, nil, []string{
			"6:11: error: unknown storage handler 'com.aliyun.odps.TablestoreStorageHandler'; did you mean 'com.aliyun.odps.TableStoreStorageHandler'? (class names are case-sensitive) (fix: STORED BY 'com.aliyun.odps.TableStoreStorageHandler')",
		}},
		{"handler for something else", func(t *testing.T) string {
			return edit(t, "com.aliyun.odps.TableStoreStorageHandler", "com.aliyun.odps.CsvStorageHandler")
		}, nil, []string{
			"6:11: error: storage handler 'com.aliyun.odps.CsvStorageHandler' does not read Tablestore; the Tablestore handler is 'com.aliyun.odps.TableStoreStorageHandler' (fix: STORED BY 'com.aliyun.odps.TableStoreStorageHandler')",
		}},
		{"no STORED BY", func(t *testing.T) string {
			return edit(t, "STORED BY 'com.aliyun.odps.TableStoreStorageHandler'\n", "")
		}, nil, []string{
			"6:1: error: no STORED BY clause: an external table over Tablestore needs the Tablestore storage handler (fix: add STORED BY 'com.aliyun.odps.TableStoreStorageHandler' after the column list)",
		}},
		{"stray USING jar", func(t *testing.T) string {
			return edit(t, "aliyuncs.com';", "aliyuncs.com'\nUSING 'odps-udf-example.jar';")
		}, nil, []string{
			"13:7: warning: USING 'odps-udf-example.jar' names jar resources the built-in Tablestore handler does not need; the statement fails if the project has no such resource (fix: delete the USING clause)",
		}},
		{"missing role ARN", func(t *testing.T) string {
			return edit(t, "'vehicle_track',\n    'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser'", "'vehicle_track'")
		}, seedExpect(), []string{
			"7:1: error: WITH SERDEPROPERTIES has no 'odps.properties.rolearn', the role in the Tablestore account that MaxCompute assumes to read it (fix: add 'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser')",
		}},
		{"no SERDEPROPERTIES at all", func(t *testing.T) string {
			s := goodDDL
			return s[:strings.Index(s, "WITH")] + s[strings.Index(s, "LOCATION"):]
		}, nil, []string{
			"7:10: error: no WITH SERDEPROPERTIES: the Tablestore handler needs 'tablestore.columns.mapping', 'tablestore.table.name', 'odps.properties.rolearn' (fix: add WITH SERDEPROPERTIES ('tablestore.columns.mapping'=':<primary key>,…,<column>', 'tablestore.table.name'='…', 'odps.properties.rolearn'='acs:ram::<UID of the Tablestore account>:role/<role name in lower case>') between STORED BY and LOCATION)",
		}},
		{"AccessKey in LOCATION instead of a role", func(t *testing.T) string {
			return edit(t, ",\n    'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser'", "",
				"tablestore://cap1", "tablestore://LTAI5tExample:Sup3rS3cret@cap1")
		}, nil, []string{
			"11:10: warning: LOCATION embeds an AccessKey pair: the secret is stored in the table definition, readable by anyone who can describe the table (fix: remove the '<AccessKeyId>:<AccessKeySecret>@' part and set 'odps.properties.rolearn' to a role in the Tablestore account)",
		}},
		{"misspelled and unknown property keys", func(t *testing.T) string {
			return edit(t, "'tablestore.table.name'", "'tablestore.tabel.name'",
				"    'odps.properties.rolearn'", "    'tablestore.read.timeout'='10',\n    'odps.properties.rolearn'")
		}, nil, []string{
			"9:5: error: unknown property 'tablestore.tabel.name'; did you mean 'tablestore.table.name'? (fix: rename it to 'tablestore.table.name')",
			"10:5: warning: unknown property 'tablestore.read.timeout'; the Tablestore handler ignores it (fix: remove it, or check the key against the Tablestore external table documentation)",
		}},
		{"duplicate property", func(t *testing.T) string {
			return edit(t, "    'odps.properties.rolearn'", "    'tablestore.table.name'='other',\n    'odps.properties.rolearn'")
		}, nil, []string{
			"10:5: error: property 'tablestore.table.name' is set twice (first at line 9, column 5) (fix: remove one of them)",
		}},
		{"mapping property in TBLPROPERTIES", func(t *testing.T) string {
			return edit(t, "'tablestore.table.name'='vehicle_track',\n", "",
				"aliyuncs.com';", "aliyuncs.com'\nTBLPROPERTIES ('tablestore.table.name'='vehicle_track');")
		}, nil, []string{
			"12:16: error: 'tablestore.table.name' belongs in WITH SERDEPROPERTIES; the handler does not read TBLPROPERTIES (fix: move it into WITH SERDEPROPERTIES)",
		}},
		{"mapping count", func(t *testing.T) string {
			return edit(t, "    speed double\n", "    speed double,\n    heading double\n")
		}, nil, []string{
			"9:34: error: tablestore.columns.mapping has 3 entries but the table declares 4 columns; entry N feeds column N, so the counts must match (fix: add mapping entries for column heading, or drop the column)",
		}},
		{"mapping longer than the columns", func(t *testing.T) string { return edit(t, ":vid, :gt, speed", ":vid, :gt, speed, heading") }, nil, []string{
			"8:34: error: tablestore.columns.mapping has 4 entries but the table declares 3 columns; entry N feeds column N, so the counts must match (fix: add columns for heading, or remove them from the mapping)",
		}},
		{"no primary-key entry at all", func(t *testing.T) string { return edit(t, ":vid, :gt, speed", "vid, gt, speed") }, nil, []string{
			"8:34: error: tablestore.columns.mapping marks no primary-key column; every Tablestore primary-key column must be listed with a leading ':' (fix: prefix each Tablestore primary-key column with ':', e.g. ':vid,:gt,speed')",
		}},
		{"primary-key entry without colon", func(t *testing.T) string { return edit(t, ":vid, :gt, speed", ":vid, gt, speed") }, seedExpect(), []string{
			"8:41: error: 'gt' is a primary-key column of the Tablestore table but is mapped without ':', as if it were an attribute (fix: write ':gt')",
		}},
		{"primary key missing from the mapping", func(t *testing.T) string {
			return edit(t, ":vid, :gt, speed", ":vid, speed", "    gt bigint,\n", "")
		}, seedExpect(), []string{
			"7:34: error: Tablestore primary-key column 'gt' is not in tablestore.columns.mapping; every primary-key column must be mapped (fix: add ':gt' to the mapping, and a column for it)",
		}},
		{"primary key out of order", func(t *testing.T) string {
			return edit(t, ":vid, :gt, speed", ":gt, :vid, speed", "    vid bigint,\n    gt bigint,", "    gt bigint,\n    vid bigint,")
		}, seedExpect(), []string{
			"8:34: error: primary-key columns are mapped in the order gt, vid, but the Tablestore primary key is (vid, gt) (fix: list them as ':vid,:gt', with the columns in the same order)",
		}},
		{"colon on an attribute", func(t *testing.T) string { return edit(t, ":vid, :gt, speed", ":vid, :gt, :speed") }, seedExpect(), []string{
			"8:46: error: 'speed' is an attribute column, not part of the Tablestore primary key (vid, gt) (fix: write 'speed' without ':')",
		}},
		{"primary key after an attribute", func(t *testing.T) string {
			return edit(t, ":vid, :gt, speed", "speed, :vid, :gt", "    vid bigint,\n    gt bigint,\n    speed double", "    speed double,\n    vid bigint,\n    gt bigint")
		}, nil, []string{
			"8:42: warning: primary-key entry ':vid' comes after attribute 'speed' (fix: list all primary-key columns first, in key order)",
		}},
		{"unknown attribute", func(t *testing.T) string { return edit(t, ":vid, :gt, speed", ":vid, :gt, sped") }, seedExpect(), []string{
			"8:46: warning: 'sped' is not one of the Tablestore table's known attribute columns (speed); it reads as NULL in rows that lack it (fix: did you mean 'speed'?)",
		}},
		{"attribute type mismatch", func(t *testing.T) string { return edit(t, "speed double", "speed string") }, seedExpect(), []string{
			"4:5: error: column speed is declared string, but Tablestore column 'speed' is DOUBLE (fix: declare `speed` double)",
		}},
		{"columns swapped against the mapping", func(t *testing.T) string {
			return edit(t, "    vid bigint,\n    gt bigint,", "    gt bigint,\n    vid bigint,")
		}, nil, []string{
			"2:5: warning: column gt is fed by mapping entry 1 ('vid'), while the entry named 'gt' is number 2; the mapping pairs columns by position, not by name (fix: put the mapping entries in the order of the columns)",
			"3:5: warning: column vid is fed by mapping entry 2 ('gt'), while the entry named 'vid' is number 1; the mapping pairs columns by position, not by name (fix: put the mapping entries in the order of the columns)",
		}},
		{"unsupported and key types without a spec", func(t *testing.T) string {
			return edit(t, "vid bigint", "vid double", "speed double", "speed decimal(10,2)")
		}, nil, []string{
			"2:5: error: column vid is double, but it feeds a primary-key column, and Tablestore primary keys are INTEGER, STRING or BINARY (bigint, string or binary here) (fix: declare `vid` bigint, string or binary to match the key's Tablestore type)",
			"4:5: error: column speed is decimal(10,2), which no Tablestore column type maps to (fix: declare `speed` double)",
		}},
		{"duplicate column", func(t *testing.T) string { return edit(t, "    gt bigint,", "    VID bigint,") }, nil, []string{
			"3:5: error: column vid is declared twice (first at line 2, column 5); MaxCompute names are case-insensitive (fix: rename or remove one of them)",
			"3:5: warning: column vid is fed by mapping entry 2 ('gt'), while the entry named 'vid' is number 1; the mapping pairs columns by position, not by name (fix: put the mapping entries in the order of the columns)",
		}},
		{"mapping syntax error points into the value", func(t *testing.T) string { return edit(t, ":vid, :gt, speed", ":vid, :gt,, speed") }, nil, []string{
			"8:45: error: tablestore.columns.mapping: empty entry: two commas in a row",
		}},
		{"positions inside a value account for escapes", func(t *testing.T) string { return edit(t, ":vid, :gt, speed", `\:vid,, :gt, speed`) }, nil, []string{
			"8:41: error: tablestore.columns.mapping: empty entry: two commas in a row",
		}},
		{"timestamp column without a ticks unit", func(t *testing.T) string { return edit(t, "speed double", "ts timestamp", ":gt, speed", ":gt, ts") }, nil, []string{
			"4:5: warning: column ts is timestamp, but no ticks unit says what the Tablestore INTEGER counts (fix: add 'tablestore.timestamp.ticks.unit'='millis' (or seconds, micros, nanos))",
		}},
		{"bad ticks unit and put.row values", func(t *testing.T) string {
			return edit(t, "    'odps.properties.rolearn'", "    'tablestore.timestamp.ticks.unit'='ms',\n    'tablestore.table.put.row'='yes',\n    'odps.properties.rolearn'")
		}, nil, []string{
			"10:39: error: 'tablestore.timestamp.ticks.unit' must be one of seconds, millis, micros, nanos, not 'ms' (fix: use one of seconds, millis, micros, nanos)",
			"11:32: error: 'tablestore.table.put.row' must be 'true' or 'false', not 'yes' (fix: use 'true' (PutRow, replace whole rows) or 'false' (UpdateRow))",
		}},
		{"names that break the naming rules", func(t *testing.T) string {
			return edit(t, "ots_vehicle_track (", "`1track` (", "    gt bigint,", "    `g-t` bigint,", "='vehicle_track'", "='vehicle-track'")
		}, nil, []string{
			`1:37: error: MaxCompute table name "1track" must start with a letter`,
			`3:5: error: MaxCompute column name "g-t" may contain only letters, digits and '_', found '-'`,
			`9:29: error: Tablestore table name "vehicle-track" may contain only letters, digits and '_', found '-'`,
		}},
		{"corrupt column and per-column ticks unit", func(t *testing.T) string {
			return edit(t, "    'odps.properties.rolearn'", "    'tablestore.corrupt.column'='bad',\n    'tablestore.column.gt.timestamp.ticks.unit'='hours',\n    'odps.properties.rolearn'")
		}, nil, []string{
			"10:33: warning: 'tablestore.corrupt.column' names 'bad', which is not a column of this table (fix: name one of the table's columns)",
			"11:49: error: 'tablestore.column.gt.timestamp.ticks.unit' must be one of seconds, millis, micros, nanos, not 'hours' (fix: use one of seconds, millis, micros, nanos)",
		}},
		{"LOCATION with another scheme", func(t *testing.T) string { return edit(t, "tablestore://cap1", "https://cap1") }, seedExpect(), []string{
			"12:10: error: LOCATION uses the scheme 'https'://; a Tablestore external table needs tablestore:// (fix: LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com')",
		}},
		{"LOCATION host malformed", func(t *testing.T) string { return edit(t, "cap1.cn-hangzhou.ots-internal", "cap1.ots-internal") }, nil, []string{
			"12:10: error: LOCATION host 'cap1.ots-internal.aliyuncs.com' must start with <instance>.<region>., e.g. cap1.cn-hangzhou. (fix: LOCATION 'tablestore://<instance>.<region>.ots-internal.aliyuncs.com')",
		}},
		{"LOCATION on the public endpoint", func(t *testing.T) string { return edit(t, ".ots-internal.", ".ots.") }, nil, []string{
			`12:10: warning: LOCATION uses the public endpoint; MaxCompute reaches Tablestore through the internal endpoint (.ots-internal.aliyuncs.com), and an unreachable host fails with "a timeout was reached" (fix: LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com')`,
		}},
		{"LOCATION instance is not the spec's", func(t *testing.T) string { return edit(t, "//cap1.", "//cap2.") }, seedExpect(), []string{
			`12:24: error: LOCATION points at instance 'cap2', but the Tablestore instance is 'cap1'; MaxCompute cannot reach it and reports only "a timeout was reached" (ODPS-0010000) (if the DDL names the right instance, correct the instance's name in the spec instead) (fix: LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com')`,
		}},
		{"LOCATION instance name breaks the naming rules", func(t *testing.T) string { return edit(t, "//cap1.", "//my-ots-1.") }, nil, []string{
			`12:24: warning: LOCATION: Tablestore instance name "my-ots-1" must not contain the reserved text "ots" (reserved: ali, ay, ots, taobao, admin) (fix: check the instance name in the Tablestore console)`,
		}},
		{"role ARN malformed", func(t *testing.T) string { return edit(t, "acs:ram::1234567890123456:role/", "acs:ram::<UID_A>:role/") }, nil, []string{
			`10:31: error: role ARN 'acs:ram::<UID_A>:role/aliyunodpsroleforotheruser': account UID "<UID_A>" must contain only digits, found '<' (fix: write acs:ram::<UID of the Tablestore account>:role/<role name in lower case>)`,
		}},
		{"role ARN of another account", func(t *testing.T) string { return edit(t, "acs:ram::1234567890123456", "acs:ram::6543210987654321") }, seedExpect(), []string{
			"10:31: error: role ARN names account 6543210987654321, but the role belongs in the Tablestore account 1234567890123456; MaxCompute fails with EntityNotExist.Role if the role is not there (fix: 'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser')",
		}},
		{"Tablestore table is not the spec's", func(t *testing.T) string { return edit(t, "='vehicle_track'", "='Vehicle_Track'") }, seedExpect(), []string{
			"9:29: error: tablestore.table.name is 'Vehicle_Track', but the Tablestore table is 'vehicle_track'; Tablestore table names are case-sensitive (if the DDL names the right table, correct the table's name in the spec instead) (fix: 'tablestore.table.name'='vehicle_track')",
		}},
		{"external table name is not the spec's", func(t *testing.T) string { return goodDDL }, &Expect{ExternalTable: "ots_track"}, []string{
			"1:37: error: the DDL creates table ots_vehicle_track, but the spec's external table is ots_track (fix: name the table ots_track)",
		}},
		{"broken column list is reported and the rest still checked", func(t *testing.T) string {
			return edit(t, "gt bigint,", "gt big int,", ".ots-internal.", ".ots.")
		}, nil, []string{
			"3:8: error: BIG is not a MaxCompute type (fix: use bigint, string, double, boolean or binary, the types a Tablestore column can be read as)",
			`3:12: error: expected "," or ")" after column gt, found "int"`,
			`12:10: warning: LOCATION uses the public endpoint; MaxCompute reaches Tablestore through the internal endpoint (.ots-internal.aliyuncs.com), and an unreachable host fails with "a timeout was reached" (fix: LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com')`,
		}},
		{"a broken property in a list never closed is reported once each", func(t *testing.T) string {
			return edit(t, "aliyunodpsroleforotheruser'\n)\n", "aliyunodpsroleforotheruser',\n    =\n")
		}, nil, []string{
			`11:5: error: expected a quoted property key such as 'tablestore.table.name', found "="`,
			`12:1: error: the WITH SERDEPROPERTIES list opened at line 7, column 22 is not closed (fix: add ')' before "LOCATION")`,
		}},
		{"typographic quotes are reported and read", func(t *testing.T) string {
			return edit(t, "'tablestore.table.name'='vehicle_track'", "‘tablestore.table.name’=‘vehicle_track’")
		}, seedExpect(), []string{
			`9:5: error: typographic quote "‘" starts a string, probably pasted from a document; MaxCompute only accepts ' and " (fix: retype the quotes as plain ' characters)`,
			`9:29: error: typographic quote "‘" starts a string, probably pasted from a document; MaxCompute only accepts ' and " (fix: retype the quotes as plain ' characters)`,
		}},
		{"non-breaking spaces from a web page", func(t *testing.T) string { return edit(t, "    vid", "\u00a0\u00a0\u00a0\u00a0vid") }, nil, []string{
			"2:1: warning: non-breaking space (U+00A0) in the SQL, probably pasted from a web page; MaxCompute may not accept it (fix: retype it as a plain space)",
		}},
		{"misspelled TABLE", func(t *testing.T) string { return edit(t, "EXTERNAL TABLE", "EXTERNAL TABEL") }, seedExpect(), []string{
			`1:17: error: "TABEL" is not a keyword; did you mean TABLE? (fix: write CREATE EXTERNAL TABLE)`,
		}},
		{"Tablestore type name used as a column type is reported once", func(t *testing.T) string { return edit(t, "vid bigint", "vid INTEGER") }, seedExpect(), []string{
			"2:9: error: INTEGER is not a MaxCompute type (INTEGER is Tablestore's name for its 64-bit integers; MaxCompute calls them bigint) (fix: declare `vid` bigint)",
		}},
		{"CREATE too broken to check", func(t *testing.T) string { return "CREATE EXTERNAL TABLE;" }, nil, []string{
			"1:22: error: expected table name, found the end of the statement",
		}},
		{"other statements are not judged", func(t *testing.T) string {
			return "set odps.sql.allow.fullscan=true;\n" + goodDDL + "SELECT count(*) AS n FROM ots_vehicle_track GROUP BY vid;\nCREATE VIEW v AS SELECT 1;\n"
		}, nil, nil},
		{"no CREATE statement", func(t *testing.T) string { return "set a=b;\nSELECT * FROM t;" }, nil, []string{
			"1:1: error: no CREATE EXTERNAL TABLE statement found (fix: paste the whole DDL, from CREATE EXTERNAL TABLE to LOCATION)",
		}},
		{"empty input", func(t *testing.T) string { return "" }, nil, []string{
			"1:1: error: no CREATE EXTERNAL TABLE statement found (fix: paste the whole DDL, from CREATE EXTERNAL TABLE to LOCATION)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertFindings(t, Lint(tt.ddl(t), tt.expect), tt.want)
		})
	}
}

// Secrets in a LOCATION never reach a finding, whatever goes wrong around them.
func TestLintNeverEchoesSecrets(t *testing.T) {
	t.Parallel()
	const secret = "Sup3rS3cretValue"
	srcs := []string{
		edit(t, "tablestore://cap1", "tablestore://LTAI5tExample:"+secret+"@cap1"),
		edit(t, "tablestore://cap1", "tablestore://LTAI5tExample:"+secret+"@cap1", "aliyuncs.com';", "aliyuncs.com' 'junk';"),
		edit(t, "tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com", "LTAI5tExample:"+secret+"@cap1.cn-hangzhou.ots.aliyuncs.com"),
		edit(t, "tablestore://cap1", "https://LTAI5tExample:"+secret+"@cap1"),
		edit(t, "tablestore://cap1.cn-hangzhou", "tablestore://LTAI5tExample:"+secret+"@cap1.cn-hangzhou:80"),
		edit(t, "tablestore://cap1", "tablestore://LTAI5tExample:"+secret+"/cap1"),
		edit(t, "tablestore://cap1", "LTAI5tExample:"+secret+"/cap1"),
		edit(t, "STORED BY 'com.aliyun.odps.TableStoreStorageHandler'", "STORED BY 'h' 'tablestore://LTAI5tExample:"+secret+"@cap1'"),
		edit(t, "    'odps.properties.rolearn'", "    'tablestore.access.key.secret'='"+secret+"'\n    'odps.properties.rolearn'"),
	}
	for _, src := range srcs {
		fs := Lint(src, seedExpect())
		if len(fs) == 0 {
			t.Errorf("no findings for %q", src)
		}
		for _, f := range fs {
			if strings.Contains(f.String(), secret) {
				t.Errorf("finding leaks the secret: %s", f)
			}
		}
		if _, err := ParseScript(src); err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("parse error leaks the secret: %v", err)
		}
	}
}

func TestFindingString(t *testing.T) {
	t.Parallel()
	f := Finding{Pos: Pos{3, 7}, Severity: Warning, Code: "x", Message: "something odd", Fix: "do this"}
	if got := f.String(); got != "3:7: warning: something odd (fix: do this)" {
		t.Errorf("String() = %q", got)
	}
	f.Fix, f.Severity = "", Error
	if got := f.String(); got != "3:7: error: something odd" {
		t.Errorf("String() = %q", got)
	}
	if Severity(5).String() != "Severity(5)" {
		t.Errorf("unknown severity = %q", Severity(5).String())
	}
	if !HasErrors([]Finding{{Severity: Warning}, {Severity: Error}}) || HasErrors([]Finding{{Severity: Warning}}) {
		t.Error("HasErrors is wrong")
	}
}

// Findings come back in source order, each with a stable code.
func TestLintOrderAndCodes(t *testing.T) {
	t.Parallel()
	src := edit(t, "CREATE EXTERNAL TABLE", "CREATE TABLE", "'vehicle_track',", "'vehicle_track'",
		"TableStoreStorage", "TablestoreStorage", "aliyuncs.com';", "aliyuncs.com'\nUSING 'x.jar';")
	fs := Lint(src, nil)
	var codes []string
	for i, f := range fs {
		codes = append(codes, f.Code)
		if i > 0 && f.Pos.Before(fs[i-1].Pos) {
			t.Errorf("finding %d (%s) comes before finding %d (%s)", i, f.Pos, i-1, fs[i-1].Pos)
		}
	}
	want := "missing-external unknown-handler missing-comma stray-using"
	if strings.Join(codes, " ") != want {
		t.Errorf("codes = %v, want %s", codes, want)
	}
}
