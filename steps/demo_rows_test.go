package steps

import (
	"reflect"
	"testing"
)

func TestDemoRowsVehicleTrack(t *testing.T) {
	t.Parallel()
	seed := seedSpec().Tablestore
	a, b := DemoRows(seed, 40), DemoRows(seed, 40)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same table and n gave different rows")
	}
	if len(DemoRows(seed, 0)) != 0 || len(DemoRows(seed, -3)) != 0 {
		t.Error("n ≤ 0 must give no rows")
	}
	keys := map[[2]int64]bool{}
	perVehicle := map[int64]int{}
	for _, r := range a {
		if len(r.Key) != 2 || len(r.Attrs) != len(seed.Columns) {
			t.Fatalf("row shape %+v", r)
		}
		k := [2]int64{r.Key[0].Int, r.Key[1].Int}
		if keys[k] {
			t.Fatalf("duplicate key %v", k)
		}
		keys[k] = true
		perVehicle[k[0]]++
		if k[1] < 1717200000000 || k[1]%30000 != 0 {
			t.Errorf("gt %d is not an epoch-millisecond fix every 30 s", k[1])
		}
		v := map[string]float64{}
		for _, c := range r.Attrs {
			if c.Type != "DOUBLE" {
				t.Fatalf("attribute %s is %s", c.Name, c.Type)
			}
			v[c.Name] = c.Float
		}
		if v["longitude"] < 119.9 || v["longitude"] > 120.4 || v["latitude"] < 30.0 || v["latitude"] > 30.5 {
			t.Errorf("position %v,%v is not around Hangzhou", v["longitude"], v["latitude"])
		}
		if v["speed"] < 10 || v["speed"] > 70 || v["oil_consumption"] < 6 || v["oil_consumption"] > 10 || v["distance"] <= 0 {
			t.Errorf("implausible driving: %v", v)
		}
	}
	if len(perVehicle) != 5 || perVehicle[10001] != 8 {
		t.Errorf("vehicles %v, want 5 with 8 fixes each", perVehicle)
	}
}

func TestDemoRowsOtherShapes(t *testing.T) {
	t.Parallel()
	tbl := Tablestore{
		PrimaryKey: []Column{{"id", "STRING"}},
		Columns:    []Column{{"n", "INTEGER"}, {"ok", "BOOLEAN"}, {"raw", "BINARY"}, {"ratio", "DOUBLE"}},
	}
	rows := DemoRows(tbl, 3)
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.Key[0].Str] {
			t.Fatalf("single-column keys repeat: %q", r.Key[0].Str)
		}
		seen[r.Key[0].Str] = true
		for i, want := range []string{"INTEGER", "BOOLEAN", "BINARY", "DOUBLE"} {
			if r.Attrs[i].Type != want {
				t.Errorf("attribute %d is %s, want %s", i, r.Attrs[i].Type, want)
			}
		}
	}
}
