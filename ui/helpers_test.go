package ui

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcots/wizard/examples"
	"github.com/mcots/wizard/steps"
)

// seed is the embedded seed example.
func seed(t testing.TB) steps.Spec {
	t.Helper()
	s, err := steps.Parse(examples.SeedName, examples.Seed())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testOptions are the options main would pass for the sandbox: demo pairs
// prefilled, the seed as the starting spec, a state file in a temp dir.
func testOptions(t testing.TB, f *fakeCloud) Options {
	t.Helper()
	a, b := demoCredentials()
	dir := t.TempDir()
	fixed := time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC)
	return Options{
		Targets:   []Target{{Name: "test sandbox", Tablestore: a, MaxCompute: b}},
		Connect:   f.connect,
		Spec:      seed(t),
		SpecName:  examples.SeedName + " (built in)",
		StateFile: filepath.Join(dir, "state", "session.yaml"),
		OutputDir: filepath.Join(dir, "out"),
		Now:       func() time.Time { return fixed },
		Out:       &bytes.Buffer{},
	}
}

// driver runs the model as bubbletea would, without a terminal: each
// message goes through Update and every command it returns runs
// concurrently, its message fed back, until nothing is left to run.
type driver struct {
	t    testing.TB
	m    model
	quit bool
}

func newDriver(t testing.TB, opts Options, saved *savedSession) *driver {
	t.Helper()
	m := newModel(context.Background(), opts, saved)
	m.noTicks = true
	d := &driver{t: t, m: m}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.send(nil) // Init's command
	return d
}

// send processes msgs (or held-back commands) and everything they cause.
func (d *driver) send(msgs ...tea.Msg) *driver {
	d.t.Helper()
	results := make(chan tea.Msg, 256)
	pending := 0
	exec := func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		pending++
		go func() { results <- cmd() }()
	}
	var process func(msg tea.Msg)
	process = func(msg tea.Msg) {
		switch msg := msg.(type) {
		case nil:
			return
		case tea.BatchMsg:
			for _, c := range msg {
				exec(c)
			}
			return
		case tea.QuitMsg:
			d.quit = true
			return
		case tea.Cmd: // a command held back by the test, run now
			exec(msg)
			return
		}
		// tea.Sequence: its commands run one after the other.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().String() == "tea.sequenceMsg" {
			for i := 0; i < v.Len(); i++ {
				if c, _ := v.Index(i).Interface().(tea.Cmd); c != nil {
					process(c())
				}
			}
			return
		}
		next, cmd := d.m.Update(msg)
		d.m = next.(model)
		exec(cmd)
	}
	for _, msg := range msgs {
		if msg == nil {
			exec(d.m.Init())
			continue
		}
		process(msg)
	}
	timeout := time.After(10 * time.Second)
	for pending > 0 {
		select {
		case msg := <-results:
			pending--
			process(msg)
		case <-timeout:
			d.t.Fatalf("commands still running after 10s (%d); screen:\n%s", pending, d.screen())
		}
	}
	return d
}

// keys sends key presses: named keys ("enter", "esc", "ctrl+c", "tab",
// "up", …) or text typed rune by rune.
func (d *driver) keys(ks ...string) *driver {
	d.t.Helper()
	for _, k := range ks {
		for _, msg := range keyMsgs(k) {
			d.send(msg)
		}
	}
	return d
}

func keyMsgs(k string) []tea.Msg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "ctrl+c": tea.KeyCtrlC, "ctrl+n": tea.KeyCtrlN, "ctrl+p": tea.KeyCtrlP,
		"ctrl+x": tea.KeyCtrlX, "ctrl+r": tea.KeyCtrlR, "ctrl+u": tea.KeyCtrlU, "f1": tea.KeyF1,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "space": tea.KeySpace,
	}
	if t, ok := named[k]; ok {
		return []tea.Msg{tea.KeyMsg{Type: t}}
	}
	var out []tea.Msg
	for _, r := range k {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// enterUntil presses Enter until the page is p (at most n times).
func (d *driver) enterUntil(p page, n int) *driver {
	d.t.Helper()
	for i := 0; i < n && d.m.page() != p; i++ {
		d.keys("enter")
	}
	if d.m.page() != p {
		d.t.Fatalf("after %d enters on %s, not on %s; notice %q; screen:\n%s", n, d.m.page(), p, d.m.notice, d.screen())
	}
	return d
}

// pressHeld sends a key and the intent it emits, and holds back what the
// intent starts: the returned command is the call in flight (one a fake
// blocks until cancelled), which d.send runs when the test is ready.
func (d *driver) pressHeld(k tea.KeyMsg) tea.Cmd {
	d.t.Helper()
	next, cmd := d.m.Update(k)
	d.m = next.(model)
	if cmd == nil {
		d.t.Fatalf("%s did nothing on %s", k, d.m.page())
	}
	next, held := d.m.Update(cmd())
	d.m = next.(model)
	return held
}

// screen is the view without colour codes.
func (d *driver) screen() string { return ansi.Strip(d.m.View()) }

func (d *driver) mustShow(parts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			d.t.Fatalf("the screen lacks %q:\n%s", p, s)
		}
	}
}

// mustShowText is mustShow for prose the screen may wrap anywhere: the
// screen's words are compared with single spaces between them.
func (d *driver) mustShowText(parts ...string) {
	d.t.Helper()
	flat := strings.Join(strings.Fields(d.screen()), " ")
	for _, p := range parts {
		if !strings.Contains(flat, p) {
			d.t.Fatalf("the screen lacks %q:\n%s", p, d.screen())
		}
	}
}

func (d *driver) mustNotShow(parts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, p := range parts {
		if strings.Contains(s, p) {
			d.t.Fatalf("the screen shows %q:\n%s", p, s)
		}
	}
}

// toReview presses Enter through the welcome screen and every form.
func (d *driver) toReview() *driver {
	d.t.Helper()
	return d.enterUntil(pagePlan, 40)
}

// toDone applies the plan and goes to the done screen.
func (d *driver) toDone() *driver {
	d.t.Helper()
	d.toReview()
	d.keys("enter")
	if d.m.page() != pageResults {
		d.t.Fatalf("after applying, on %s; notice %q\n%s", d.m.page(), d.m.notice, d.screen())
	}
	d.keys("enter")
	return d
}
