package steps

import (
	"fmt"
	"math"
	"strings"
)

// DemoCell is one value of a demo row; Type (a Tablestore type) says which
// field holds it.
type DemoCell struct {
	Name  string
	Type  string
	Int   int64
	Float float64
	Str   string
	Bytes []byte
	Bool  bool
}

// DemoRow is a demo row: its primary key in key order, then its attributes.
type DemoRow struct {
	Key, Attrs []DemoCell
}

// The demo data's shape: a few vehicles reporting a GPS fix every 30 s
// around West Lake, Hangzhou, from 2024-06-01 08:00 (UTC+8).
const (
	demoVehicles  = 5
	demoFirstID   = 10001
	demoStartMS   = 1717200000000
	demoStepMS    = 30_000
	demoCenterLon = 120.1551
	demoCenterLat = 30.2741
	kmPerDegree   = 111.32
)

// DemoRows returns n deterministic rows for table t, so a new table has
// something to verify with: the same t and n always give the same rows, and
// no two rows share a key. With two or more key columns the first names one
// of five vehicles and the second a time (epoch milliseconds when INTEGER),
// so the verification query's key prefix selects one vehicle's track.
// Attributes named longitude, latitude, distance, speed and oil_consumption
// (DOUBLE) follow each vehicle through plausible city driving; any other
// column gets a plain deterministic value of its type.
func DemoRows(t Tablestore, n int) []DemoRow {
	type vehicle struct{ lon, lat, heading, distance float64 }
	vehicles := make([]vehicle, demoVehicles)
	for v := range vehicles {
		angle := float64(v) * 2 * math.Pi / demoVehicles
		vehicles[v] = vehicle{
			lon:     demoCenterLon + 0.03*math.Cos(angle),
			lat:     demoCenterLat + 0.03*math.Sin(angle),
			heading: angle + math.Pi/2,
		}
	}
	grouped := len(t.PrimaryKey) > 1
	rows := make([]DemoRow, 0, max(n, 0))
	for i := range max(n, 0) {
		entity, step := i, 0
		if grouped {
			entity, step = i%demoVehicles, i/demoVehicles
		}
		var row DemoRow
		for j, c := range t.PrimaryKey {
			k := step
			if j == 0 {
				k = entity
			}
			row.Key = append(row.Key, demoKeyCell(c, j, k))
		}

		// Move the vehicle one step, whether or not the table keeps its position.
		v := &vehicles[entity%demoVehicles]
		speed := 40 + 25*math.Sin(float64(step)/6+float64(entity)) // 15–65 km/h in city traffic
		km := speed * demoStepMS / 3_600_000
		v.heading += 0.15 * math.Sin(float64(step)/4+float64(entity)*1.7)
		v.lat += km * math.Sin(v.heading) / kmPerDegree
		v.lon += km * math.Cos(v.heading) / (kmPerDegree * math.Cos(v.lat*math.Pi/180))
		v.distance += km
		track := map[string]float64{
			"longitude":       round(v.lon, 6),
			"latitude":        round(v.lat, 6),
			"distance":        round(v.distance, 3),
			"speed":           round(speed, 1),
			"oil_consumption": round(6.5+0.04*speed, 2),
		}
		for j, c := range t.Columns {
			cell := demoCell(c, len(t.PrimaryKey)+j, i)
			if f, ok := track[strings.ToLower(c.Name)]; ok && cell.Type == "DOUBLE" {
				cell.Float = f
			}
			row.Attrs = append(row.Attrs, cell)
		}
		rows = append(rows, row)
	}
	return rows
}

// demoKeyCell is key column c (the j-th) for entity or step k.
func demoKeyCell(c Column, j, k int) DemoCell {
	cell := demoCell(c, j, k)
	if cell.Type == "INTEGER" {
		cell.Int = int64(demoFirstID + k)
		if j == 1 {
			cell.Int = demoStartMS + int64(k)*demoStepMS
		}
	}
	return cell
}

// demoCell is a plain value of column c (the j-th of the row) for row k.
func demoCell(c Column, j, k int) DemoCell {
	cell := DemoCell{Name: c.Name, Type: strings.ToUpper(c.Type)}
	switch cell.Type {
	case "INTEGER":
		cell.Int = int64(k)
	case "DOUBLE":
		cell.Float = float64(j)*10 + float64(k)*0.25
	case "BOOLEAN":
		cell.Bool = k%2 == 0
	case "BINARY":
		cell.Bytes = []byte(fmt.Sprintf("%s-%d", c.Name, k))
	default:
		cell.Type = "STRING"
		cell.Str = fmt.Sprintf("%s-%04d", c.Name, k)
	}
	return cell
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
