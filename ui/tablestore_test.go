package ui

import (
	"errors"
	"reflect"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

func instanceCap1() cloud.InstanceSummary {
	return cloud.InstanceSummary{Name: "cap1", Region: "cn-hangzhou", ClusterType: "HYBRID", Network: "NORMAL", Running: true}
}

func TestTablestoreDiscoversAnExistingTable(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.instances = []cloud.InstanceSummary{instanceCap1(), {Name: "other", Region: "cn-hangzhou", ClusterType: "SSD", Network: "NORMAL", Running: true}}
	existing := steps.Tablestore{
		Instance: "cap1", Table: "vehicle_track",
		PrimaryKey: []steps.Column{{Name: "vid", Type: "STRING"}, {Name: "gt", Type: "INTEGER"}},
		Columns:    []steps.Column{{Name: "speed", Type: "STRING"}, {Name: "heading", Type: "INTEGER"}},
	}
	f.tables["cap1/vehicle_track"] = existing
	f.tables["cap1/other_table"] = existing
	d := newDriver(t, testOptions(t, f), nil)
	d.enterUntil(pageTablestore, 20)
	v := d.m.tablestore
	d.mustShow("exists (HYBRID, NORMAL, running): the wizard uses it as it is", "exists: key and columns read from the table (3 rows sampled)")
	if v.cluster.Value() != "HYBRID" {
		t.Errorf("the existing instance's type was not taken: %s", v.cluster.Value())
	}
	// What exists replaces the spec's key and columns.
	if got := rowColumns(v.pk.Rows()); !reflect.DeepEqual(got, existing.PrimaryKey) {
		t.Errorf("key %v", got)
	}
	// The answered columns keep their order, with the table's types; the
	// table's other columns follow.
	wantCols := append([]steps.Column(nil), seed(t).Tablestore.Columns...)
	wantCols[3].Type = "STRING" // speed
	wantCols = append(wantCols, steps.Column{Name: "heading", Type: "INTEGER"})
	if got := rowColumns(v.cols.Rows()); !reflect.DeepEqual(got, wantCols) {
		t.Errorf("columns %v, want %v", got, wantCols)
	}
	// Picking another existing instance lists its tables (none).
	d.keys("ctrl+n")
	if v.instance.Value() != "other" {
		t.Fatalf("pick gave %q", v.instance.Value())
	}
	d.keys("ctrl+p")
	d.keys("tab", "tab", "tab") // to the table
	d.keys("ctrl+n")
	if v.table.Value() != "other_table" {
		t.Fatalf("table pick gave %q", v.table.Value())
	}
	// The sample key read by discovery reaches the spec.
	d.keys("ctrl+p")
	d.enterUntil(pageMapping, 5)
	if got := d.m.wiz.Spec().Tablestore.SampleKey; !reflect.DeepEqual(got, []string{"1001"}) {
		t.Errorf("sample key %v", got)
	}
	if rows := d.m.mapping.rows(); rows[0] != (steps.Mapping{Column: "vid", Type: "string", Source: ":vid"}) {
		t.Errorf("the mapping was not derived from the discovered key: %v", rows)
	}
}

func TestTablestoreLookupErrorsAndStaleResults(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.enterUntil(pageTablestore, 20)
	v := d.m.tablestore
	seq := v.lookups[lookupInstances].seq
	// A result from an earlier listing is dropped.
	d.send(instancesMsg{seq: seq - 1, list: []cloud.InstanceSummary{instanceCap1()}})
	if v.instanceExists() != nil {
		t.Fatal("a stale listing was used")
	}
	// A failed listing says so under the answer, and the form still works.
	d.send(lookupMsg{kind: lookupInstances})
	d.send(instancesMsg{seq: v.lookups[lookupInstances].seq + 1}) // not the current one either
	v.lookups[lookupInstances].pending = true
	d.send(instancesMsg{seq: v.lookups[lookupInstances].seq, err: &cloud.Error{Service: "OTS", Op: "ListInstance", Code: "Forbidden.RAM", Message: "User not authorized to operate on the specified resource.", RequestID: "R-77"}})
	d.mustShow("could not list the instances: OTS ListInstance: Forbidden.RAM")
	d.enterUntil(pageMapping, 10)
}

func TestDiscoveryErrorIsShown(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.instances = []cloud.InstanceSummary{instanceCap1()}
	f.tables["cap1/vehicle_track"] = seed(t).Tablestore
	d := newDriver(t, testOptions(t, f), nil)
	d.enterUntil(pageTablestore, 20)
	v := d.m.tablestore
	seq := v.begin(lookupTable, "cap1/vehicle_track")
	d.send(discoveredMsg{seq: seq, instance: "cap1", table: "vehicle_track", err: errors.New("OTSNoPermissionAccess: no permission")})
	d.mustShow("could not read the table: OTSNoPermissionAccess: no permission")
}

func TestDiscoveredColumnsKeepTheAnsweredOrder(t *testing.T) {
	t.Parallel()
	col := func(n, ty string) steps.Column { return steps.Column{Name: n, Type: ty} }
	cases := []struct {
		answered, discovered, want []steps.Column
	}{
		{ // a re-run: the same columns, sampled in another order
			answered:   []steps.Column{col("longitude", "DOUBLE"), col("latitude", "DOUBLE"), col("speed", "DOUBLE")},
			discovered: []steps.Column{col("latitude", "DOUBLE"), col("longitude", "DOUBLE"), col("speed", "DOUBLE")},
			want:       []steps.Column{col("longitude", "DOUBLE"), col("latitude", "DOUBLE"), col("speed", "DOUBLE")},
		},
		{ // types come from the table; a column the sample lacks stays; new ones follow
			answered:   []steps.Column{col("speed", "INTEGER"), col("sparse", "STRING"), col("latitude", "DOUBLE")},
			discovered: []steps.Column{col("alt", "INTEGER"), col("latitude", "DOUBLE"), col("speed", "DOUBLE")},
			want:       []steps.Column{col("speed", "DOUBLE"), col("sparse", "STRING"), col("latitude", "DOUBLE"), col("alt", "INTEGER")},
		},
		{answered: nil, discovered: []steps.Column{col("a", "STRING")}, want: []steps.Column{col("a", "STRING")}},
	}
	for i, c := range cases {
		if got := mergeColumns(c.answered, c.discovered); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%d: %v, want %v", i, got, c.want)
		}
	}
}
