package maxcompute

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestSnapshotRestore(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{}))
	h.mustRun(ddl(ddlOpts{name: "names", columns: "name string", mapping: ":name", table: "names",
		role: "-", location: "tablestore://LTAI-x:very-secret@" + otsHost}))

	st := h.svc.Snapshot()
	raw, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "very-secret") {
		t.Fatalf("the snapshot holds an AccessKey secret: %s", raw)
	}
	var back State
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Tables) != 2 || back.Tables[0].Name != "names" || back.Tables[1].Name != "ots_vehicle_track" {
		t.Fatalf("snapshot tables = %+v", back.Tables)
	}

	fresh := newHarness(t)
	if err := fresh.svc.Restore(back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fresh.svc.Snapshot(), st) {
		t.Errorf("restored state differs:\n%+v\nwant\n%+v", fresh.svc.Snapshot(), st)
	}
	rows := fresh.query("select vid, gt from ots_vehicle_track where vid = 2")
	if !reflect.DeepEqual(rows, [][]string{{"vid", "gt"}, {"2", "100"}}) {
		t.Errorf("query on the restored table: %q", rows)
	}
}

func TestRestoreRefusesBadState(t *testing.T) {
	t.Parallel()
	good := ExternalTableDef{
		Project: demo, Name: "t", OwnerUID: uidB, StorageHandler: tableStoreHandler, Location: location,
		Columns:         []ColumnDef{{Name: "vid", Type: "bigint"}},
		SerDeProperties: []Property{{propMapping, ":vid"}, {propTable, otsTable}, {propRoleARN, readerARN}},
	}
	mutate := func(f func(*ExternalTableDef)) ExternalTableDef {
		d := good
		d.Columns = append([]ColumnDef(nil), good.Columns...)
		d.SerDeProperties = append([]Property(nil), good.SerDeProperties...)
		f(&d)
		return d
	}
	cases := []struct {
		name   string
		tables []ExternalTableDef
		want   string
	}{
		{"no project", []ExternalTableDef{mutate(func(d *ExternalTableDef) { d.Project = "" })}, "required"},
		{"other handler", []ExternalTableDef{mutate(func(d *ExternalTableDef) { d.StorageHandler = "x" })}, "storage handler"},
		{"no mapping", []ExternalTableDef{mutate(func(d *ExternalTableDef) { d.SerDeProperties = d.SerDeProperties[1:] })}, propMapping},
		{"mapping count", []ExternalTableDef{mutate(func(d *ExternalTableDef) { d.SerDeProperties[0].Value = ":vid,x" })}, "maps 2"},
		{"column type", []ExternalTableDef{mutate(func(d *ExternalTableDef) { d.Columns[0].Type = "datetime" })}, "datetime"},
		{"duplicate", []ExternalTableDef{good, mutate(func(d *ExternalTableDef) { d.Name = "T" })}, "twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := New(newFakeBackend(), Options{})
			err := svc.Restore(State{Tables: c.tables})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Restore() = %v, want an error mentioning %q", err, c.want)
			}
		})
	}
	svc := New(newFakeBackend(), Options{})
	if err := svc.Restore(State{Tables: []ExternalTableDef{good}}); err != nil {
		t.Errorf("Restore(good) = %v", err)
	}
}
