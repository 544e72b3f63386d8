package aliyun

import (
	"os"
	"testing"

	"github.com/mcots/wizard/internal/testguard"
)

// TestMain fails the package when a test leaves files in its directory.
func TestMain(m *testing.M) { os.Exit(testguard.Main(m)) }
