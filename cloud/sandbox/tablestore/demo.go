package tablestore

import (
	"math"
	"slices"

	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// The seed's demo table: vehicle tracks keyed by vehicle and GPS time.
const (
	DemoTableName = "vehicle_track"
	demoVehicles  = 5
	demoStartMS   = 1717200000000 // 2024-06-01 08:00 in Hangzhou (UTC+8)
	demoStepMS    = 30_000        // one fix every 30 seconds
	demoCenterLon = 120.1551      // West Lake, Hangzhou
	demoCenterLat = 30.2741
	kmPerDegree   = 111.32
)

// DemoVehicleTrackMeta is the demo table's schema: vid and gt (epoch
// milliseconds), both INTEGER.
func DemoVehicleTrackMeta() TableMeta {
	return TableMeta{Name: DemoTableName, PrimaryKey: []PKColumn{{Name: "vid", Type: PKInteger}, {Name: "gt", Type: PKInteger}}}
}

// DemoVehicleTrackRows returns n deterministic vehicle-track rows: five
// vehicles reporting every 30 seconds from 2024-06-01 08:00 (UTC+8), moving
// around Hangzhou at plausible speeds. Each row has longitude, latitude
// (degrees), distance (km driven so far), speed (km/h) and oil_consumption
// (L/100 km), all DOUBLE. The same n always gives the same rows.
func DemoVehicleTrackRows(n int) []Row {
	type state struct{ lon, lat, heading, distance float64 }
	vehicles := make([]state, demoVehicles)
	for v := range vehicles {
		angle := float64(v) * 2 * math.Pi / demoVehicles
		vehicles[v] = state{
			lon:     demoCenterLon + 0.03*math.Cos(angle),
			lat:     demoCenterLat + 0.03*math.Sin(angle),
			heading: angle + math.Pi/2,
		}
	}
	rows := make([]Row, 0, max(n, 0))
	for i := range max(n, 0) {
		v, step := i%demoVehicles, i/demoVehicles
		s := &vehicles[v]
		speed := 40 + 25*math.Sin(float64(step)/6+float64(v)) // 15–65 km/h through city traffic
		km := speed * demoStepMS / 3_600_000
		s.heading += 0.15 * math.Sin(float64(step)/4+float64(v)*1.7)
		s.lat += km * math.Sin(s.heading) / kmPerDegree
		s.lon += km * math.Cos(s.heading) / (kmPerDegree * math.Cos(s.lat*math.Pi/180))
		s.distance += km
		rows = append(rows, Row{
			PrimaryKey: []Column{
				{Name: "vid", Value: plainbuffer.Integer(int64(10001 + v))},
				{Name: "gt", Value: plainbuffer.Integer(demoStartMS + int64(step)*demoStepMS)},
			},
			Columns: []Column{
				{Name: "distance", Value: plainbuffer.Double(round(s.distance, 3))},
				{Name: "latitude", Value: plainbuffer.Double(round(s.lat, 6))},
				{Name: "longitude", Value: plainbuffer.Double(round(s.lon, 6))},
				{Name: "oil_consumption", Value: plainbuffer.Double(round(6.5+0.04*speed, 2))},
				{Name: "speed", Value: plainbuffer.Double(round(speed, 1))},
			},
		})
	}
	return rows
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
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
