package testguard

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFilesAndAdded(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kept"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := files(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "yes"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "yes", "ddl.sql"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	after, err := files(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "yes"), filepath.Join(dir, "yes", "ddl.sql")}
	if got := Added(before, after); !reflect.DeepEqual(got, want) {
		t.Fatalf("added %v, want %v", got, want)
	}
	if got := Added(after, after); len(got) != 0 {
		t.Fatalf("nothing added, got %v", got)
	}
}
