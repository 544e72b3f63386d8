package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcots/wizard/steps"
)

const seedSpecPath = "../../examples/cap1-vehicle-track.yaml"

func TestLintReportsEveryProblemWithPosition(t *testing.T) {
	t.Parallel()
	// Field reports B5 (no EXTERNAL), B6 (missing comma), B4 (vid string),
	// B2 (wrong region) and a stray USING jar, pasted as one DDL.
	bad := "CREATE TABLE IF NOT EXISTS vehicle_track_ext (vid string, gt bigint)\n" +
		"STORED BY 'com.aliyun.odps.TableStoreStorageHandler'\n" +
		"WITH SERDEPROPERTIES ('tablestore.columns.mapping'=':vid,:gt', 'tablestore.table.name'='vehicle_track'\n" +
		"'odps.properties.rolearn'='acs:ram::1111111111111111:role/aliyunodpsroleforotheruser')\n" +
		"LOCATION 'tablestore://cap1.cn-shanghai.ots-internal.aliyuncs.com'\nUSING 'odps-udf-example.jar';\n"
	path := filepath.Join(t.TempDir(), "ext.sql")
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCapture(t, "lint", "-f", seedSpecPath, path)
	if code != exitProblems {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitProblems, out, errs)
	}
	for _, want := range []string{
		path + ":1:8: error:",                        // CREATE TABLE without EXTERNAL
		"PrimaryKeyValue is not STRING type",         // vid string on an INTEGER key
		path + ":4:1: error: missing comma",          // between the properties
		"a timeout was reached",                      // LOCATION in another region
		"tablestore://cap1.cn-hangzhou.ots-internal", // the fix names the right host
		path + ":6:7: warning: USING",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "error(s)") {
		t.Errorf("stderr lacks the summary: %q", errs)
	}
}

func TestLintCleanDDLFromStdin(t *testing.T) {
	t.Parallel()
	spec, err := steps.Load(seedSpecPath)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runWithStdin(t, steps.DDL(spec), "lint", "-f", seedSpecPath, "-")
	if code != exitOK || out != "" || !strings.Contains(errs, "<stdin>: no problems found") {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", code, out, errs)
	}
}

func TestLintUsageErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"no file":       {[]string{"lint"}, "give one DDL file"},
		"missing file":  {[]string{"lint", "/nonexistent/ext.sql"}, "cannot read /nonexistent/ext.sql"},
		"both on stdin": {[]string{"lint", "-f", "-", "-"}, "cannot both come from standard input"},
		"bad spec":      {[]string{"lint", "-f", "/nonexistent/spec.yaml", "-"}, "spec.yaml"},
	} {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runWithStdin(t, "CREATE EXTERNAL TABLE t (a bigint);", tc.args...)
			if code != exitUsage || out != "" || !strings.Contains(errs, tc.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q (want %q)", code, out, errs, tc.want)
			}
		})
	}
}
