package maxcompute

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aliyun/aliyun-odps-go-sdk/odps"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/datatype"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/tableschema"
)

func TestCreateExternalTableThenLoadSchema(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ins := h.mustRun(ddl(ddlOpts{}))
	if res, err := ins.GetResult(); err != nil || len(res) != 1 || res[0].Content() != "OK" {
		t.Fatalf("DDL result = %v, %v; want one task result OK", res, err)
	}

	tbl := h.client().Table("ots_vehicle_track")
	if ok, err := tbl.Exists(); err != nil || !ok {
		t.Fatalf("Exists() = %v, %v; want true", ok, err)
	}
	if err := tbl.Load(); err != nil {
		t.Fatal(err)
	}
	sc := tbl.Schema()
	if !sc.IsExternal || tbl.Type() != odps.ExternalTable {
		t.Errorf("IsExternal %v type %v, want an external table", sc.IsExternal, tbl.Type())
	}
	if sc.StorageHandler != tableStoreHandler || sc.Location != location {
		t.Errorf("handler %q location %q", sc.StorageHandler, sc.Location)
	}
	wantProps := map[string]string{
		"tablestore.columns.mapping": ":vid, :gt, speed, plate, ok, raw",
		"tablestore.table.name":      otsTable,
		"odps.properties.rolearn":    readerARN,
	}
	if !reflect.DeepEqual(sc.SerDeProperties, wantProps) {
		t.Errorf("serDeProperties = %v, want %v", sc.SerDeProperties, wantProps)
	}
	var got []string
	for _, c := range sc.Columns {
		got = append(got, c.Name+" "+c.Type.Name())
	}
	want := []string{"vid BIGINT", "gt BIGINT", "speed DOUBLE", "plate STRING", "ok BOOLEAN", "raw BINARY"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns = %v, want %v", got, want)
	}
	if sc.Columns[0].Type.ID() != datatype.BIGINT {
		t.Errorf("vid type id = %v", sc.Columns[0].Type.ID())
	}
	if tbl.Owner() != "ALIYUN$"+uidB {
		t.Errorf("Owner() = %q", tbl.Owner())
	}

	missing := h.client().Table("nope")
	if ok, err := missing.Exists(); ok || err != nil {
		t.Errorf("Exists() on a missing table = %v, %v; want false, nil", ok, err)
	}
}

func TestCreateTwice(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{}))
	got := h.fails(ddl(ddlOpts{}))
	want := "ODPS-0130211:[1,23] Table or view already exists - table " + demo + ".ots_vehicle_track"
	if got != want {
		t.Errorf("second CREATE: %q\nwant %q", got, want)
	}
	assumes, _ := h.backend.counts()
	h.mustRun(ddl(ddlOpts{ifNotExists: true}))
	if again, _ := h.backend.counts(); again != assumes {
		t.Errorf("CREATE IF NOT EXISTS on an existing table assumed the role again")
	}
}

func TestSelectReturnsCSVTheSDKParses(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{}))
	rows := h.query("SELECT * FROM ots_vehicle_track;")
	want := [][]string{
		{"vid", "gt", "speed", "plate", "ok", "raw"},
		{"1", "100", "12.5", `ZJ "A", 1`, "true", `\N`},
		{"1", "200", "1.0E21", "line\nbreak", "false", `\N`},
		{"2", "100", `\N`, `\N`, `\N`, "a\x00b"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows:\n%q\nwant\n%q", rows, want)
	}
}

func TestSelectColumnsWhereLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{}))
	cases := []struct {
		name, sql  string
		want       [][]string
		wantPrefix []Value
		wantLimit  int
	}{
		{"leading key prefix pushed down",
			"select gt, speed from ots_vehicle_track where vid = 1 limit 10",
			[][]string{{"gt", "speed"}, {"100", "12.5"}, {"200", "1.0E21"}},
			[]Value{IntValue(1)}, 10},
		{"whole key",
			"select plate from ots_vehicle_track where gt = 200 and vid = 1",
			[][]string{{"plate"}, {"line\nbreak"}},
			[]Value{IntValue(1), IntValue(200)}, resultCap},
		{"non-leading key filtered row by row",
			"select vid from ots_vehicle_track where gt = 100",
			[][]string{{"vid"}, {"1"}, {"2"}},
			nil, 0},
		{"attribute filter",
			"select vid, gt from ots_vehicle_track where vid = 1 and ok = false",
			[][]string{{"vid", "gt"}, {"1", "200"}},
			[]Value{IntValue(1)}, 0},
		{"qualified with the project", "select vid from " + demo + ".ots_vehicle_track where vid = 2",
			[][]string{{"vid"}, {"2"}}, []Value{IntValue(2)}, resultCap},
		{"limit", "select vid from ots_vehicle_track limit 1",
			[][]string{{"vid"}, {"1"}}, nil, 1},
		{"count", "SELECT COUNT(*) FROM ots_vehicle_track WHERE vid = 1",
			[][]string{{"_c0"}, {"2"}}, []Value{IntValue(1)}, 0},
		{"no match", "select vid from ots_vehicle_track where vid = 9",
			[][]string{{"vid"}}, []Value{IntValue(9)}, resultCap},
		{"string literal against a key compares as double, row by row",
			"select gt from ots_vehicle_track where vid = '1.0'",
			[][]string{{"gt"}, {"100"}, {"200"}}, nil, 0},
		{"number against a string column",
			"select vid from ots_vehicle_track where plate = 5",
			[][]string{{"vid"}}, nil, 0},
		{"string attribute", `select gt from ots_vehicle_track where plate = 'ZJ "A", 1'`,
			[][]string{{"gt"}, {"100"}}, nil, 0},
		{"double attribute", "select gt from ots_vehicle_track where speed = 12.5",
			[][]string{{"gt"}, {"100"}}, nil, 0},
		{"boolean attribute", "select gt from ots_vehicle_track where ok = true",
			[][]string{{"gt"}, {"100"}}, nil, 0},
		{"integer literal against a double", "select gt from ots_vehicle_track where speed = 12",
			[][]string{{"gt"}}, nil, 0},
		{"equals null matches nothing", "select vid from ots_vehicle_track where plate = null",
			[][]string{{"vid"}}, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := h.with(t)
			rows := h.query(c.sql)
			if !reflect.DeepEqual(rows, c.want) {
				t.Errorf("rows %q, want %q", rows, c.want)
			}
			scan := h.backend.lastScan()
			if !reflect.DeepEqual(scan.prefix, c.wantPrefix) || scan.limit != c.wantLimit {
				t.Errorf("scan %v, want prefix=%v limit=%d", scan, c.wantPrefix, c.wantLimit)
			}
		})
	}
}

func TestSelectCapsResultRows(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tbl := h.backend.instances[otsHost].tables["names"]
	for i := 0; i < resultCap+5; i++ {
		tbl.rows = append(tbl.rows, Row{"name": StringValue(strings.Repeat("y", 1+i%3))})
	}
	h.mustRun(ddl(ddlOpts{name: "names", columns: "name string", mapping: ":name", table: "names"}))
	if rows := h.query("select name from names"); len(rows) != resultCap+1 {
		t.Errorf("%d rows including the header, want %d", len(rows), resultCap+1)
	}
	if rows := h.query("select count(*) from names"); rows[1][0] != "10006" {
		t.Errorf("count = %v, want 10006 (the cap limits rows, not counts)", rows[1])
	}
}

func TestStatementFailures(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{}))
	cases := []struct {
		name, sql, want string
	}{
		{"syntax", "SELEC * FROM t", "ODPS-0130161:[1,1] Parse exception - "},
		{"no statement", "set odps.sql.type.system.odps2=true;", "ODPS-0130161:[1,1] Parse exception - the task holds no statement to run"},
		{"select missing table", "select * from nope", "ODPS-0130131:[1,1] Table not found - table " + demo + ".nope cannot be resolved"},
		{"other project", "select * from other.ots_vehicle_track", "ODPS-0130131:[1,1] Table not found - table other.ots_vehicle_track cannot be resolved"},
		{"unknown column", "select nope from ots_vehicle_track", "ODPS-0130071:[1,1] Semantic analysis exception - column nope cannot be resolved"},
		{"unknown where column", "select vid from ots_vehicle_track where x = 1", "ODPS-0130071:[1,1] Semantic analysis exception - column x cannot be resolved"},
		{"literal of the wrong type", "select vid from ots_vehicle_track where vid = true",
			"ODPS-0130071:[1,1] Semantic analysis exception - invalid comparison: bigint column vid cannot take the bool literal true"},
		{"drop missing", "drop table nope", "ODPS-0130131:[1,1] Table not found - table " + demo + ".nope cannot be resolved"},
		{"desc missing", "desc nope", "ODPS-0130131:[1,1] Table not found - table " + demo + ".nope cannot be resolved"},
		{"B5 plain table with STORED BY", strings.Replace(ddl(ddlOpts{name: "b5"}), "CREATE EXTERNAL TABLE", "CREATE TABLE", 1),
			"ODPS-0130071:[1,1] Semantic analysis exception - unsupported feature non-external table with stord by location"},
		{"plain table", "create table plain (a bigint)", "ODPS-0130071:[1,1] Semantic analysis exception - the sandbox holds only Tablestore external tables"},
		{"mapping count", ddl(ddlOpts{name: "m1", mapping: ":vid, :gt"}),
			"ODPS-0130071:[5,32] Semantic analysis exception - external table checking failure, error message: tablestore.columns.mapping lists 2 Tablestore columns but the table has 6 columns"},
		{"mapping without key", ddl(ddlOpts{name: "m2", columns: "speed double", mapping: "speed"}),
			"ODPS-0130071:[5,32] Semantic analysis exception - external table checking failure, error message: tablestore.columns.mapping marks no primary-key column"},
		{"type Tablestore cannot hold", ddl(ddlOpts{name: "m3", columns: "vid bigint, gt datetime", mapping: ":vid,:gt"}),
			"ODPS-0130071:[2,15] Semantic analysis exception - column gt has type datetime"},
		{"no role and no AccessKey", ddl(ddlOpts{name: "m4", role: "-"}),
			"ODPS-0130071:[4,1] Semantic analysis exception - external table checking failure, error message: no credentials to reach Tablestore"},
		{"bad role ARN", ddl(ddlOpts{name: "m5", role: "arn:role"}),
			"ODPS-0130071:[7,29] Semantic analysis exception - external table checking failure, error message: invalid odps.properties.rolearn"},
		{"bad LOCATION", ddl(ddlOpts{name: "m6", location: "http://cap1"}),
			"ODPS-0130071:[9,10] Semantic analysis exception - external table checking failure, error message: invalid LOCATION"},
		{"USING a jar the project lacks", strings.Replace(ddl(ddlOpts{name: "m7"}), ";", " USING 'odps-udf-example.jar';", 1),
			"ODPS-0130071:[9,74] Semantic analysis exception - resource odps-udf-example.jar cannot be resolved"},
		{"another handler", strings.Replace(ddl(ddlOpts{name: "m8"}), "com.aliyun.odps.TableStoreStorageHandler", "com.aliyun.odps.CsvStorageHandler", 1),
			"ODPS-0130071:[3,13] Semantic analysis exception - storage handler 'com.aliyun.odps.CsvStorageHandler' is not available"},
		{"backend failure", ddl(ddlOpts{name: "brk", table: "broken"}) + "\nselect * from brk;",
			"ODPS-0010000:System internal error - backend lost its tables"},
		{"create in another project", strings.Replace(ddl(ddlOpts{}), "TABLE ots_vehicle_track", "TABLE other.ots_vehicle_track", 1),
			"ODPS-0130071:[1,23] Semantic analysis exception - project other cannot be resolved from project " + demo},
		{"insert names a column twice", "insert into ots_vehicle_track (vid, vid) values (1, 2)",
			"ODPS-0130071:[1,1] Semantic analysis exception - column vid is listed twice"},
		{"insert arity", "insert into ots_vehicle_track values (1, 2)",
			"ODPS-0130071:[1,1] Semantic analysis exception - VALUES row 1 has 2 values but 6 columns are inserted"},
		{"insert type", "insert into ots_vehicle_track (vid, gt) values ('x', 2)",
			"ODPS-0130071:[1,1] Semantic analysis exception - cannot insert: bigint column vid cannot take the string literal 'x'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := h.with(t)
			if got := h.fails(c.sql); !strings.HasPrefix(got, c.want) {
				t.Errorf("got  %q\nwant %q…", got, c.want)
			}
		})
	}
	if _, ok := h.svc.lookupTable(demo, "m1"); ok {
		t.Errorf("a failed CREATE left its table behind")
	}
}

func TestDropDescShow(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{}))
	h.mustRun(ddl(ddlOpts{name: "names", columns: "name string comment 'the key'", mapping: ":name", table: "names"}))

	show := resultText(t, h.mustRun("show tables;"))
	if want := "ALIYUN$" + uidB + ":names\nALIYUN$" + uidB + ":ots_vehicle_track\n"; show != want {
		t.Errorf("SHOW TABLES = %q, want %q", show, want)
	}
	var listed []string
	h.client().Tables().List(func(tb *odps.Table, err error) {
		if err != nil {
			t.Errorf("Tables().List: %v", err)
			return
		}
		listed = append(listed, tb.Name()+" "+tb.Owner())
	})
	if want := []string{"names ALIYUN$" + uidB, "ots_vehicle_track ALIYUN$" + uidB}; !reflect.DeepEqual(listed, want) {
		t.Errorf("Tables().List = %v, want %v", listed, want)
	}
	var prefixed []string
	h.client().Tables().List(func(tb *odps.Table, err error) {
		if err == nil {
			prefixed = append(prefixed, tb.Name())
		}
	}, odps.TableFilter.NamePrefix("ots"))
	if !reflect.DeepEqual(prefixed, []string{"ots_vehicle_track"}) {
		t.Errorf("List(NamePrefix ots) = %v", prefixed)
	}

	desc := resultText(t, h.mustRun("desc names"))
	for _, want := range []string{"| Owner:                    ALIYUN$" + uidB, "| Project:                  " + demo, "| ExternalTable:            YES",
		"| name            | string     |       | the key"} {
		if !strings.Contains(desc, want) {
			t.Errorf("DESC lacks %q:\n%s", want, desc)
		}
	}
	if ext := resultText(t, h.mustRun("desc extended names")); !strings.Contains(ext, "tablestore.table.name") {
		t.Errorf("DESC EXTENDED lacks the SERDEPROPERTIES:\n%s", ext)
	}

	h.mustRun("drop table names;")
	h.mustRun("drop table if exists names;")
	if ok, _ := h.client().Table("names").Exists(); ok {
		t.Errorf("names still exists after DROP")
	}
	if show := resultText(t, h.mustRun("show tables")); strings.Contains(show, ":names") {
		t.Errorf("SHOW TABLES after DROP = %q", show)
	}
}

func TestScriptWithSettings(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{}))
	ins, err := h.client().ExecSQl("set odps.sql.type.system.odps2=true;\nselect count(*) from ots_vehicle_track;",
		map[string]string{"odps.sql.allow.fullscan": "true"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ins.WaitForSuccess(); err != nil {
		t.Fatal(err)
	}
	if got := resultText(t, ins); got != "\"_c0\"\n\"3\"\n" {
		t.Errorf("result = %q", got)
	}
}

func TestInsert(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{role: writerARN, extra: ",\n  'tablestore.table.put.row'='true'"}))
	h.mustRun("insert into ots_vehicle_track (vid, gt, speed, plate) values (3, 300, 7, 'new'), (3, 301, null, 'x');")
	writes := h.backend.writes
	if len(writes) != 1 || writes[0].mode != WritePutRow || len(writes[0].rows) != 2 {
		t.Fatalf("writes = %+v, want one PutRow batch of 2 rows", writes)
	}
	want := Row{"vid": IntValue(3), "gt": IntValue(300), "speed": DoubleValue(7), "plate": StringValue("new")}
	if !reflect.DeepEqual(writes[0].rows[0], want) {
		t.Errorf("first row = %v, want %v", writes[0].rows[0], want)
	}
	if _, hasSpeed := writes[0].rows[1]["speed"]; hasSpeed {
		t.Errorf("a NULL value was written: %v", writes[0].rows[1])
	}
	rows := h.query("select gt, speed from ots_vehicle_track where vid = 3")
	if !reflect.DeepEqual(rows, [][]string{{"gt", "speed"}, {"300", "7.0"}, {"301", `\N`}}) {
		t.Errorf("read back %q", rows)
	}

	got := h.fails("insert into ots_vehicle_track (vid, speed) values (4, 1.5)")
	if want := "ODPS-0010000:System internal error - fuxi job failed, caused by: std::exception:Message: [ErrorCode]:OTSParameterInvalid, [Message]:Validate PK size fail. Input: 1, Meta: 2."; !strings.HasPrefix(got, want) {
		t.Errorf("insert without the whole key: %q", got)
	}
}

func resultText(t *testing.T, ins *odps.Instance) string {
	t.Helper()
	res, err := ins.GetResult()
	if err != nil || len(res) != 1 {
		t.Fatalf("GetResult() = %v, %v", res, err)
	}
	return res[0].Content()
}

// The SDK writes DDL of its own (Tables.CreateExternal, Table.Delete):
// qualified, back-quoted names and upper-case types.
func TestSDKGeneratedDDL(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	sc := tableschema.NewSchemaBuilder().
		Name("sdk_made").
		Columns(
			tableschema.Column{Name: "name", Type: datatype.StringType},
		).
		StorageHandler(tableStoreHandler).
		Location(location).
		Build()
	err := h.client().Tables().CreateExternal(sc, true, map[string]string{
		propMapping: ":name",
		propTable:   "names",
		propRoleARN: readerARN,
	}, nil, nil, nil)
	if err != nil {
		t.Fatalf("CreateExternal: %v", err)
	}
	if rows := h.query("select * from sdk_made"); len(rows) != 2 || rows[1][0] != "x" {
		t.Errorf("rows %q", rows)
	}
	if err := h.client().Table("sdk_made").Delete(); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if ok, err := h.client().Table("sdk_made").Exists(); ok || err != nil {
		t.Errorf("Exists after Delete = %v, %v", ok, err)
	}
}

func TestInsertOverwrite(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{role: writerARN}))
	h.mustRun("insert overwrite table ots_vehicle_track (vid, gt, ok) values (5, 1, true);")
	if w := h.backend.writes; len(w) != 1 || w[0].mode != WriteUpdateRow {
		t.Fatalf("writes = %+v, want one UpdateRow batch", w)
	}
	if rows := h.query("select ok from ots_vehicle_track where vid = 5 and gt = 1"); len(rows) != 2 || rows[1][0] != "true" {
		t.Errorf("read back %q", rows)
	}
}
