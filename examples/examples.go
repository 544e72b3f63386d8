// Package examples ships the spec files under examples/. The seed's example
// is embedded so that the wizard starts prefilled without reading any file.
package examples

import _ "embed"

// seed is a string, not a []byte, so nothing can change it at run time.
//
//go:embed cap1-vehicle-track.yaml
var seed string

// SeedName is the seed example's file name, for messages and parse errors.
const SeedName = "examples/cap1-vehicle-track.yaml"

// Seed returns the seed example: MaxCompute in account B reading the
// Tablestore table vehicle_track (instance cap1) in account A.
func Seed() []byte { return []byte(seed) }
