package ui

import (
	"os/exec"
	"strings"
	"testing"
)

// The ui carries calls out through cloud.Session and never talks to a
// service itself: no SDK, no adapter, no sandbox among its dependencies
// (its tests may start the sandbox; the shipped package does not).
func TestUIImportsNoSDKOrAdapter(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".", "./form").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/aliyun/", "github.com/alibabacloud-go/", "github.com/mcots/wizard/cloud/aliyun", "github.com/mcots/wizard/cloud/sandbox"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("ui depends on %s", dep)
			}
		}
	}
}
