package odpssql

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The field reports: DDL real users pasted, and the message the linter must
// give them instead of the service's.

// B4: a primary key declared string where the Tablestore key is INTEGER;
// MaxCompute fails at read time with "PrimaryKeyValue is not STRING type".
func TestFieldReportB4PrimaryKeyType(t *testing.T) {
	t.Parallel()
	ddl := `CREATE EXTERNAL TABLE IF NOT EXISTS ots_vehicle_track
(
vid string,
gt bigint
)
STORED BY 'com.aliyun.odps.TableStoreStorageHandler'
WITH SERDEPROPERTIES (
'tablestore.columns.mapping'=':vid,:gt',
'tablestore.table.name'='vehicle_track',
'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser'
)
LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com';`
	expect := seedExpect()
	expect.Attributes = nil
	assertFindings(t, Lint(ddl, expect), []string{
		`3:1: error: column vid is declared string, but Tablestore primary-key column 'vid' is INTEGER; reading fails with "PrimaryKeyValue is not STRING type" (fix: declare ` + "`vid`" + ` bigint)`,
	})
	// Without the table's description the DDL is consistent in itself.
	assertFindings(t, Lint(ddl, nil), nil)
}

// B5: CREATE TABLE without EXTERNAL; DataWorks answers "unsupported feature
// non-external table with stord by location".
func TestFieldReportB5MissingExternal(t *testing.T) {
	t.Parallel()
	ddl := `CREATE TABLE IF NOT EXISTS ots_vehicle_track (vid bigint, gt bigint) STORED BY 'com.aliyun.odps.TableStoreStorageHandler' WITH SERDEPROPERTIES ('tablestore.columns.mapping'=':vid,:gt', 'tablestore.table.name'='vehicle_track', 'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser') LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com';`
	fs := Lint(ddl, nil)
	assertFindings(t, fs, []string{
		`1:8: error: a table with STORED BY and LOCATION must be created with CREATE EXTERNAL TABLE; MaxCompute rejects this one as a non-external table with stored by location ("unsupported feature non-external table with stord by location") (fix: write CREATE EXTERNAL TABLE)`,
	})
	if fs[0].Code != "missing-external" {
		t.Errorf("code = %q", fs[0].Code)
	}
	// Applying the fix leaves nothing to report.
	fixed := strings.Replace(ddl, "CREATE TABLE", "CREATE EXTERNAL TABLE", 1)
	assertFindings(t, Lint(fixed, nil), nil)
}

// B6: the documentation's example, pasted, lacks the comma after
// 'tablestore.table.name'; the linter points at the next pair and goes on to
// check everything after it.
func TestFieldReportB6MissingComma(t *testing.T) {
	t.Parallel()
	ddl := readFieldReport(t, "b6.sql")
	assertFindings(t, Lint(ddl, nil), []string{
		"13:1: error: missing comma between properties (fix: add a comma after 'tablestore.table.name'='ots_tpch_orders')",
		`13:27: error: role ARN 'acs:ram::xxxxx:role/aliyunodpsdefaultrole': account UID "xxxxx" must contain only digits, found 'x' (fix: write acs:ram::<UID of the Tablestore account>:role/<role name in lower case>)`,
		`15:24: warning: LOCATION: Tablestore instance name "odps-ots-dev" must not contain the reserved text "ots" (reserved: ali, ay, ots, taobao, admin) (fix: check the instance name in the Tablestore console)`,
	})
	if _, err := ParseStatement(ddl); err == nil || err.Error() != "line 13, column 1: missing comma between properties: add a comma after 'tablestore.table.name'='ots_tpch_orders'" {
		t.Errorf("strict parse error = %v", err)
	}
}

// B15: int for a Tablestore INTEGER holding epoch milliseconds.
func TestFieldReportB15NarrowInt(t *testing.T) {
	t.Parallel()
	ddl := strings.NewReplacer("vid bigint", "vid int", "gt bigint", "gt int").Replace(goodDDL)
	assertFindings(t, Lint(ddl, nil), []string{
		"2:5: warning: column vid is int, but Tablestore integers are 64-bit INTEGER, read as bigint; larger values (epoch milliseconds, say) cannot be read (fix: declare `vid` bigint)",
		"3:5: warning: column gt is int, but Tablestore integers are 64-bit INTEGER, read as bigint; larger values (epoch milliseconds, say) cannot be read (fix: declare `gt` bigint)",
	})
	// Against the table, a key read through int is an error; an attribute a warning.
	expect := seedExpect()
	expect.PrimaryKey = []TSColumn{{"vid", TSInteger}}
	expect.Attributes = []TSColumn{{"gt", TSInteger}, {"speed", TSDouble}}
	ddl = strings.Replace(ddl, ":vid, :gt, speed", ":vid, gt, speed", 1)
	assertFindings(t, Lint(ddl, expect), []string{
		"2:5: error: column vid is int, but Tablestore primary-key column 'vid' is a 64-bit INTEGER: values beyond int's range cannot be read; a primary key must be read whole (fix: declare `vid` bigint)",
		"3:5: warning: column gt is int, but Tablestore column 'gt' is a 64-bit INTEGER: values beyond int's range cannot be read (fix: declare `gt` bigint)",
	})
}

// B2: the LOCATION names the wrong region; MaxCompute says only that "a
// timeout was reached".
func TestFieldReportB2WrongRegion(t *testing.T) {
	t.Parallel()
	ddl := strings.Replace(goodDDL, "cap1.cn-hangzhou", "cap1.cn-shanghai", 1)
	assertFindings(t, Lint(ddl, seedExpect()), []string{
		`12:29: error: LOCATION names region cn-shanghai, but instance 'cap1' is in cn-hangzhou; MaxCompute cannot reach it and reports only "a timeout was reached" (ODPS-0010000) (fix: LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com')`,
	})
}

// B1: the DDL names a role the Tablestore account does not have.
func TestFieldReportB1UnknownRole(t *testing.T) {
	t.Parallel()
	ddl := strings.Replace(goodDDL, "role/aliyunodpsroleforotheruser", "role/aliyunodpsdefaultrole", 1)
	assertFindings(t, Lint(ddl, seedExpect()), []string{
		"10:31: error: role ARN names role aliyunodpsdefaultrole, but the spec's role is aliyunodpsroleforotheruser; MaxCompute fails with EntityNotExist.Role if aliyunodpsdefaultrole does not exist in account 1234567890123456 (fix: 'odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsroleforotheruser')",
	})
}

// readFieldReport reads a DDL as a field report pasted it (shared with
// cloud/aliyun's doctor tests).
func readFieldReport(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "field-reports", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(string(b), "\n")
}
