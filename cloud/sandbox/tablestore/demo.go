package tablestore

import (
	"slices"

	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
	"github.com/mcots/wizard/steps"
)

// DemoTableName is the seed's demo table: vehicle tracks keyed by vehicle
// and GPS time.
const DemoTableName = "vehicle_track"

// demoSchema is the seed's table as the spec describes it: vid and gt
// (epoch milliseconds) INTEGER keys, five DOUBLE attributes.
func demoSchema() steps.Tablestore {
	return steps.Tablestore{
		Table:      DemoTableName,
		PrimaryKey: []steps.Column{{Name: "vid", Type: "INTEGER"}, {Name: "gt", Type: "INTEGER"}},
		Columns: []steps.Column{{Name: "longitude", Type: "DOUBLE"}, {Name: "latitude", Type: "DOUBLE"},
			{Name: "distance", Type: "DOUBLE"}, {Name: "speed", Type: "DOUBLE"}, {Name: "oil_consumption", Type: "DOUBLE"}},
	}
}

// DemoVehicleTrackMeta is the demo table's schema: vid and gt (epoch
// milliseconds), both INTEGER.
func DemoVehicleTrackMeta() TableMeta {
	return TableMeta{Name: DemoTableName, PrimaryKey: []PKColumn{{Name: "vid", Type: PKInteger}, {Name: "gt", Type: PKInteger}}}
}

// DemoVehicleTrackRows returns n deterministic vehicle-track rows, the same
// the wizard's own "sample rows" step writes (steps.DemoRows): five vehicles
// reporting every 30 seconds around Hangzhou, with longitude, latitude,
// distance, speed and oil_consumption as DOUBLE.
func DemoVehicleTrackRows(n int) []Row {
	demo := steps.DemoRows(demoSchema(), n)
	rows := make([]Row, len(demo))
	for i, d := range demo {
		rows[i] = Row{PrimaryKey: demoColumns(d.Key), Columns: demoColumns(d.Attrs)}
	}
	return rows
}

func demoColumns(cs []steps.DemoCell) []Column {
	out := make([]Column, len(cs))
	for i, c := range cs {
		var v plainbuffer.Value
		switch c.Type {
		case "INTEGER":
			v = plainbuffer.Integer(c.Int)
		case "DOUBLE":
			v = plainbuffer.Double(c.Float)
		case "BOOLEAN":
			v = plainbuffer.Boolean(c.Bool)
		case "BINARY":
			v = plainbuffer.Binary(c.Bytes)
		default:
			v = plainbuffer.String(c.Str)
		}
		out[i] = Column{Name: c.Name, Value: v}
	}
	return out
}

// DemoPreload is an Options.Preload that fills a newly created
// vehicle_track table whose key is (vid INTEGER, gt INTEGER) with n demo
// rows; other tables start empty.
func DemoPreload(n int) func(region, instance string, meta TableMeta) []Row {
	return func(_, _ string, meta TableMeta) []Row {
		want := DemoVehicleTrackMeta()
		if meta.Name != want.Name || !slices.EqualFunc(meta.PrimaryKey, want.PrimaryKey, func(a, b PKColumn) bool {
			return a.Name == b.Name && a.Type == b.Type
		}) {
			return nil
		}
		return DemoVehicleTrackRows(n)
	}
}
