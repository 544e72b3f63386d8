package examples

import (
	"os"
	"testing"

	"github.com/mcots/wizard/steps"
)

func TestSeedIsTheFileAndValid(t *testing.T) {
	t.Parallel()
	onDisk, err := os.ReadFile("cap1-vehicle-track.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(Seed()) != string(onDisk) {
		t.Fatal("the embedded seed differs from examples/cap1-vehicle-track.yaml")
	}
	s, err := steps.Parse(SeedName, Seed())
	if err != nil {
		t.Fatal(err)
	}
	if ps := steps.Validate(s); ps.HasErrors() {
		t.Fatalf("the seed has problems:\n%v", ps)
	}
	// Seed returns a copy: changing it changes nothing for the next caller.
	b := Seed()
	b[0] = 'X'
	if Seed()[0] == 'X' {
		t.Fatal("Seed shares its bytes")
	}
}
