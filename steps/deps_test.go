package steps

import (
	"os/exec"
	"strings"
	"testing"
)

// The core stays pure: neither the TUI nor any cloud SDK is a dependency.
func TestStepsImportsNoTUIOrSDK(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/charmbracelet/", "github.com/aliyun/", "github.com/alibabacloud-go/"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("steps depends on %s", dep)
			}
		}
	}
}
