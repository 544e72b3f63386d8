package maxcompute

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/aliyun-odps-go-sdk/odps"
)

func TestInstanceLifecycle(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	before := time.Now().Add(-time.Second)
	ins := h.mustRun(ddl(ddlOpts{}))

	if err := ins.Load(); err != nil {
		t.Fatal(err)
	}
	if ins.Status() != odps.InstanceTerminated {
		t.Errorf("Status() = %v, want Terminated", ins.Status())
	}
	if ins.Owner() != "ALIYUN$"+uidB || ins.StartTime().Before(before) || ins.EndTime().Before(ins.StartTime()) {
		t.Errorf("owner %q start %v end %v", ins.Owner(), ins.StartTime(), ins.EndTime())
	}
	if !strings.Contains(ins.Id(), "g") || len(ins.Id()) != 28 {
		t.Errorf("instance ID %q is not shaped like <yyyymmddhhmmssmmm>g<10 chars>", ins.Id())
	}
	tasks, err := ins.GetTasks()
	if err != nil || len(tasks) != 1 || tasks[0].Status != odps.TaskSuccess || tasks[0].Name != "AnonymousSQLTask" || tasks[0].Type != "SQL" {
		t.Fatalf("GetTasks() = %+v, %v", tasks, err)
	}
	summary, err := ins.GetTaskSummary("AnonymousSQLTask")
	if err != nil || !strings.Contains(summary.Summary, ins.Id()) {
		t.Errorf("GetTaskSummary() = %+v, %v", summary, err)
	}
	if detail, err := ins.GetTaskDetail("AnonymousSQLTask"); err != nil || !strings.Contains(string(detail), ins.Id()) {
		t.Errorf("GetTaskDetail() = %s, %v", detail, err)
	}
	if stages, err := ins.GetTaskProgress("AnonymousSQLTask"); err != nil || len(stages) != 0 {
		t.Errorf("GetTaskProgress() = %v, %v", stages, err)
	}
	if err := ins.Terminate(); err != nil {
		t.Errorf("Terminate() on a finished instance: %v", err)
	}

	var listed []string
	if err := h.client().Instances().List(func(i *odps.Instance) { listed = append(listed, i.Id()) }); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 1 || listed[0] != ins.Id() {
		t.Errorf("List() = %v, want [%s]", listed, ins.Id())
	}
	var running []string
	err = h.client().Instances().List(func(i *odps.Instance) { running = append(running, i.Id()) },
		odps.InstanceFilter.Status(odps.InstanceRunning))
	if err != nil || len(running) != 0 {
		t.Errorf("List(Running) = %v, %v; want none", running, err)
	}

	gone := h.client().Instance("20240101000000000gnothere00")
	err = gone.Load()
	he := httpError(t, err)
	if he.StatusCode != 404 || he.ErrorMessage.ErrorCode != "NoSuchObject" {
		t.Errorf("Load() of an unknown instance: %d %s", he.StatusCode, he.ErrorMessage.ErrorCode)
	}
}

// A failed statement is a Terminated instance whose task Failed, with the
// ODPS error as its result — which WaitForSuccess returns as the error.
func TestFailedInstance(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ins, err := h.client().ExecSQl("select * from nope")
	if err != nil {
		t.Fatalf("ExecSQl: %v (failures belong in the task, not the POST)", err)
	}
	err = ins.WaitForSuccess()
	want := "ODPS-0130131:[1,1] Table not found - table " + demo + ".nope cannot be resolved"
	if err == nil || err.Error() != want {
		t.Fatalf("WaitForSuccess() = %v, want %q", err, want)
	}
	tasks, err := ins.GetTasks()
	if err != nil || len(tasks) != 1 || tasks[0].Status != odps.TaskFailed {
		t.Errorf("GetTasks() = %+v, %v; want one Failed task", tasks, err)
	}
}

func TestInstancesAreForgottenOldestFirst(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, Options{MaxInstances: 2})
	first := h.mustRun("show tables")
	h.mustRun("show tables")
	h.mustRun("show tables")
	he := httpError(t, first.Load())
	if he.StatusCode != 404 {
		t.Errorf("the oldest instance is still there (status %d)", he.StatusCode)
	}
}

func TestCallsAreCounted(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	if _, err := h.client().Projects().Exists(demo); err != nil {
		t.Fatal(err)
	}
	h.mustRun(ddl(ddlOpts{}))
	h.query("select vid from ots_vehicle_track")
	if err := h.client().Table("ots_vehicle_track").Load(); err != nil {
		t.Fatal(err)
	}
	_, _ = h.client().Projects().Exists("nope")
	want := map[Action]int64{
		ActionGetProject:     2,
		ActionCreateInstance: 2,
		ActionGetInstance:    2,
		ActionGetTaskStatus:  2,
		ActionGetResult:      1,
		ActionGetTable:       2, // plain and ?extended
	}
	for _, a := range Actions() {
		if got := h.svc.Calls(a); got != want[a] {
			t.Errorf("Calls(%v) = %d, want %d", a, got, want[a])
		}
	}
}

// Results XML cannot carry (NUL bytes of binary values, invalid UTF-8) travel
// base64-encoded with Transform="Base64", which the SDK decodes.
func TestResultBodyEncoding(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, text, transform string
	}{
		{"plain", "\"a\"\n\"b]]>c\"\n", ""},
		{"nul byte", "\"a\x00b\"\n", "Base64"},
		{"invalid utf-8", "\"\xff\"\n", "Base64"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := resultBody(&instance{taskName: "AnonymousSQLTask", outcome: outcome{status: taskSuccess, result: c.text, format: csvResult}})
			raw, err := xml.Marshal(body)
			if err != nil {
				t.Fatal(err)
			}
			var parsed struct {
				Tasks []odps.TaskResult `xml:"Tasks>Task"`
			}
			if err := xml.Unmarshal(raw, &parsed); err != nil {
				t.Fatalf("the SDK's model cannot read %s: %v", raw, err)
			}
			got := parsed.Tasks[0]
			if got.Result.TransForm != c.transform || got.Content() != c.text || got.Result.Format != "csv" {
				t.Errorf("transform %q format %q content %q; want %q csv %q", got.Result.TransForm, got.Result.Format, got.Content(), c.transform, c.text)
			}
		})
	}
}

// Submissions the SDK would not make are refused with the API's own errors.
func TestMalformedRequests(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	sqlJob := func(tasks string) string {
		return `<Instance><Job><Priority>9</Priority><Tasks>` + tasks + `</Tasks></Job></Instance>`
	}
	sqlTask := func(config string) string {
		return `<SQL><Name>AnonymousSQLTask</Name><Config>` + config + `</Config><Query>show tables;</Query></SQL>`
	}
	ins := h.mustRun("show tables")
	cases := []struct {
		name, method, resource, body string
		status                       int
		want                         string
	}{
		{"not XML", "POST", "/projects/" + demo + "/instances", "{}", 400, "ODPS-0420031: Invalid XML in HTTP request body"},
		{"no task", "POST", "/projects/" + demo + "/instances", sqlJob(""), 400, "a job must hold exactly one SQL task, got 0"},
		{"two tasks", "POST", "/projects/" + demo + "/instances", sqlJob(sqlTask("") + sqlTask("")), 400, "exactly one SQL task, got 2"},
		{"another task type", "POST", "/projects/" + demo + "/instances", sqlJob("<SQLCost><Name>x</Name></SQLCost>"), 400, "task type SQLCost is not supported"},
		{"settings not JSON", "POST", "/projects/" + demo + "/instances",
			sqlJob(sqlTask("<Property><Name>settings</Name><Value>nope</Value></Property>")), 400, "settings property is not a JSON object"},
		{"terminate to Running", "PUT", "/projects/" + demo + "/instances/" + ins.Id(), "<Instance><Status>Running</Status></Instance>", 400,
			"an instance can only be set to Terminated"},
		{"delete an instance", "DELETE", "/projects/" + demo + "/instances/" + ins.Id(), "", 405, "ODPS-0420071: Method not allowed"},
		{"post a table", "POST", "/projects/" + demo + "/tables/t", "<x/>", 405, "MethodNotAllowed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := h.with(t).do(c.method, c.resource, c.body)
			if status != c.status || !strings.Contains(body, c.want) {
				t.Errorf("%s %s = %d %s\nwant %d containing %q", c.method, c.resource, status, body, c.status, c.want)
			}
		})
	}
	if got := h.svc.Calls(ActionCreateInstance); got != 6 {
		t.Errorf("Calls(CreateInstance) = %d, want 6 (refused ones count too)", got)
	}
}
