// Command wizard connects MaxCompute in one Alibaba Cloud account to
// Tablestore in another.
package main

import (
	"fmt"
	"os"
)

// version is set at build time with -X main.version=….
var version = "dev"

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "--version" || os.Args[1] == "version") {
		fmt.Println("wizard", version)
		return
	}
	fmt.Fprintln(os.Stderr, "wizard: not yet wired; see README")
	os.Exit(2)
}
