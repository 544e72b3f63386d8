package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcots/wizard/steps"
)

// everyScreen walks a whole run, with a failure and every overlay, and
// returns each screen as drawn (with escape codes), keyed by a name.
func everyScreen(t *testing.T, opts Options, f *fakeCloud, width, height int) map[string]string {
	t.Helper()
	f.fail(steps.StepPolicy, noPermission("CreatePolicy"))
	d := newDriver(t, opts, nil)
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	out := map[string]string{}
	snap := func(name string) { out[name] = d.m.View() }
	snap("welcome")
	d.keys("?")
	snap("help")
	d.keys("esc", "enter")
	snap("accounts")
	d.keys("tab", "x") // a wrong AccessKey ID for A
	d.enterUntil(pageAccounts, 1).keys("enter", "enter", "enter", "enter", "enter")
	snap("accounts refused")
	d.keys("up", "up", "up", "up", "backspace")
	d.enterUntil(pageProject, 10)
	snap("project")
	d.keys("ctrl+u", "Bad Region")
	snap("project problem")
	d.keys("ctrl+u", "cn-hangzhou")
	d.enterUntil(pageRAM, 3)
	snap("ram")
	d.enterUntil(pageTablestore, 5)
	snap("tablestore")
	for i := 0; i < 12; i++ {
		d.keys("tab")
	}
	snap("tablestore scrolled")
	d.enterUntil(pageMapping, 12)
	snap("mapping")
	d.enterUntil(pagePlan, 4)
	for tab := tabStep; tab < planTabs; tab++ {
		snap("review " + tab.String())
		d.keys("tab")
	}
	d.keys("enter")
	snap("run failed")
	d.keys("q")
	snap("quit")
	d.keys("n", "r")
	snap("results")
	d.keys("enter")
	snap("done")
	d.keys("pgdown")
	snap("done scrolled")
	d.keys("w")
	d.keys("w")
	snap("overwrite")
	d.keys("n", "d")
	snap("done directory")
	return out
}

func TestNoSecretReachesTheScreenOrTheFiles(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	opts := testOptions(t, f)
	screens := everyScreen(t, opts, f, 100, 30)
	for name, s := range screens {
		for _, secret := range []string{demoSecretA, demoSecretB, demoSecretA[:10]} {
			if strings.Contains(ansi.Strip(s), secret) {
				t.Errorf("%s shows a secret:\n%s", name, ansi.Strip(s))
			}
		}
	}
	var files []string
	for _, dir := range []string{filepath.Dir(opts.StateFile), opts.OutputDir} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	if len(files) < 4 {
		t.Fatalf("expected the state file and the done screen's files, got %v", files)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), demoSecretA) || strings.Contains(string(data), demoSecretB) || strings.Contains(string(data), demoKeyA) {
			t.Errorf("%s holds a credential:\n%s", p, data)
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, want 0600", p, st.Mode().Perm())
		}
	}
}

func TestNoColorGivesAPlainScreen(t *testing.T) {
	t.Parallel()
	for _, noColor := range []bool{false, true} {
		f := newFakeCloud()
		opts := testOptions(t, f)
		opts.forceColor, opts.NoColor = true, noColor
		screens := everyScreen(t, opts, f, 100, 30)
		coloured := 0
		for name, s := range screens {
			// Every escape code is whole: none is left as text once the
			// codes are stripped (a style applied rune by rune around an
			// inner code breaks it in two).
			if broken := brokenEscape.FindString(ansi.Strip(s)); broken != "" {
				t.Errorf("%s has a broken escape code %q:\n%q", name, broken, s)
			}
			if strings.Contains(s, "\x1b[") {
				coloured++
				if noColor {
					t.Errorf("NO_COLOR: %s has escape codes: %q", name, s)
				}
			}
		}
		if !noColor && coloured < len(screens) {
			t.Errorf("in colour only %d of %d screens have colour (the test would not notice a leak)", coloured, len(screens))
		}
	}
}

var brokenEscape = regexp.MustCompile(`\[[0-9;]+m`)

func TestEveryScreenFits(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {100, 30}, {60, 18}} {
		f := newFakeCloud()
		screens := everyScreen(t, testOptions(t, f), f, size[0], size[1])
		for name, s := range screens {
			lines := strings.Split(ansi.Strip(s), "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d %s: %d lines", size[0], size[1], name, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d %s line %d is %d wide: %q", size[0], size[1], name, i, w, l)
				}
			}
			// The help line is always there.
			if last := lines[len(lines)-1]; !strings.Contains(last, "·") && !strings.Contains(last, "close help") {
				t.Errorf("%dx%d %s: no help line: %q", size[0], size[1], name, last)
			}
		}
	}
}

func TestSmallTerminalKeepsTheEssentials(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	s := everyScreen(t, testOptions(t, f), f, 80, 24)
	plain := func(name string) string { return ansi.Strip(s[name]) }
	for name, want := range map[string][]string{
		"review Step":         {"identities", "verify", "[Step] │ Trust policy", "enter apply the plan"},
		"run failed":          {"✗ policy", "Cause  the RAM user lacks ram:CreateRole", "r retry"},
		"results":             {"Verified: 3 rows", "1700000120"},
		"done":                {"Setup complete", "CREATE EXTERNAL TABLE IF NOT EXISTS vehicle_track_ext", "enter/q finish"},
		"done scrolled":       {"STORED BY 'com.aliyun.odps.TableStoreStorageHandler'"},
		"tablestore scrolled": {"oil_consumption"},
		"accounts refused":    {"InvalidAccessKeyId.NotFound"},
	} {
		for _, w := range want {
			if !strings.Contains(plain(name), w) {
				t.Errorf("80x24 %s lacks %q:\n%s", name, w, plain(name))
			}
		}
	}
}

func TestHelpLineIsTrueToTheFocus(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.instances = append(f.instances, instanceCap1())
	d := newDriver(t, testOptions(t, f), nil)
	help := func() string {
		lines := strings.Split(d.screen(), "\n")
		return lines[len(lines)-1]
	}
	if h := help(); !strings.Contains(h, "enter start") || strings.Contains(h, "esc back") {
		t.Fatalf("welcome help: %q", h)
	}
	d.enterUntil(pageTablestore, 20)
	if h := help(); !strings.Contains(h, "ctrl+n/p pick existing") || !strings.Contains(h, "f1 help") {
		t.Fatalf("on an instance with existing ones: %q", h)
	}
	d.keys("tab")
	if h := help(); !strings.Contains(h, "←/→ choose") || strings.Contains(h, "pick existing") || !strings.Contains(h, "? help") {
		t.Fatalf("on a choice: %q", h)
	}
	d.keys("?")
	d.mustShow("Keys on this screen", "←/→", "choose")
	d.keys("esc", "tab", "tab", "tab")
	if h := help(); !strings.Contains(h, "ctrl+n add row") {
		t.Fatalf("on the key grid: %q", h)
	}
}

// A terminal too small to be useful still gets a screen, never a panic.
func TestTinyTerminalsDoNotBreak(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{20, 8}, {1, 1}, {0, 0}} {
		f := newFakeCloud()
		if screens := everyScreen(t, testOptions(t, f), f, size[0], size[1]); len(screens) == 0 {
			t.Fatal("no screens")
		}
	}
}
