// Package testguard keeps tests from leaving files in the source tree: a
// test that writes into its package directory (a relative path taken for a
// temporary one, an answer read as a directory name) fails the package
// instead of landing stray files in a commit.
package testguard

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Main runs the package's tests and fails them when they added files under
// the package directory. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testguard.Main(m)) }
func Main(m *testing.M) int {
	before, err := files(".")
	if err != nil {
		fmt.Fprintf(os.Stderr, "testguard: %v\n", err)
		return 1
	}
	code := m.Run()
	after, err := files(".")
	if err != nil {
		fmt.Fprintf(os.Stderr, "testguard: %v\n", err)
		return 1
	}
	if added := Added(before, after); len(added) > 0 {
		fmt.Fprintf(os.Stderr, "testguard: the tests left files in the package directory (write them under t.TempDir()):\n")
		for _, p := range added {
			fmt.Fprintf(os.Stderr, "  %s\n", p)
		}
		return 1
	}
	return code
}

// Added returns the paths in after that are not in before, sorted.
func Added(before, after map[string]bool) []string {
	var out []string
	for p := range after {
		if !before[p] {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// files lists every path under dir.
func files(dir string) (map[string]bool, error) {
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out[p] = true
		return nil
	})
	return out, err
}
