package ui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcots/wizard/cloud"
)

// Every error a call or a file can return reaches the screen, in words.
func TestErrorsReachTheScreen(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		setup  func(*testing.T, *Options)
		drive  func(*driver)
		show   []string
		notice string
	}{
		{
			name: "connecting fails",
			setup: func(t *testing.T, o *Options) {
				o.Connect = func(context.Context, cloud.Target, cloud.Credentials, cloud.Credentials) (cloud.Session, error) {
					return nil, errors.New("dial tcp 127.0.0.1:1: connect: connection refused")
				}
			},
			drive: func(d *driver) {
				d.keys("enter").enterUntil(pageAccounts, 1).keys("enter", "enter", "enter", "enter", "enter", "enter")
			},
			show: []string{"✗ A: dial tcp 127.0.0.1:1: connect: connection refused", "could not connect: dial tcp"},
		},
		{
			name:  "a build without a way to connect",
			setup: func(t *testing.T, o *Options) { o.Connect = nil },
			drive: func(d *driver) { d.keys("enter", "enter", "enter", "enter", "enter", "enter", "enter") },
			show:  []string{"cannot connect to any account", "wizard apply -f SPEC"},
		},
		{
			name: "the tables cannot be listed",
			drive: func(d *driver) {
				d.enterUntil(pageTablestore, 20)
				v := d.m.tablestore
				seq := v.begin(lookupTables, "cap1")
				d.send(tablesMsg{seq: seq, instance: "cap1", err: &cloud.Error{Service: "Tablestore", Op: "ListTable", Code: "OTSAuthFailed", Message: "Signature mismatch.", RequestID: "R-5"}})
			},
			show: []string{"could not list the tables: Tablestore ListTable: OTSAuthFailed: Signature", "mismatch. (request id R-5)"},
		},
		{
			name: "the session cannot be saved",
			drive: func(d *driver) {
				d.keys("enter")
				d.send(savedMsg{err: errors.New("open /state/session.yaml: permission denied")})
			},
			show: []string{"could not save the session for resume: open /state/session.yaml: permission denied"},
		},
		{
			name: "the files cannot be written",
			setup: func(t *testing.T, o *Options) {
				blocker := filepath.Join(t.TempDir(), "a-file")
				if err := os.WriteFile(blocker, nil, 0o600); err != nil {
					t.Fatal(err)
				}
				o.OutputDir = filepath.Join(blocker, "out") // a directory under a file
			},
			drive:  func(d *driver) { d.toDone().keys("w") },
			show:   []string{"Setup complete"},
			notice: "a-file/out/ddl.sql: not a directory",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			opts := testOptions(t, newFakeCloud())
			if c.setup != nil {
				c.setup(t, &opts)
			}
			d := newDriver(t, opts, nil)
			c.drive(d)
			d.mustShow(c.show...)
			if !strings.Contains(d.m.notice, c.notice) || !d.m.noticeBad && c.notice != "" {
				t.Fatalf("notice %q, want %q", d.m.notice, c.notice)
			}
		})
	}
}

// Run shows a broken resume file as a notice and starts afresh; Ctrl+C and
// y leave as interrupted.
func TestRunWithABrokenResumeFile(t *testing.T) {
	t.Parallel()
	opts := testOptions(t, newFakeCloud())
	if err := os.MkdirAll(filepath.Dir(opts.StateFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(opts.StateFile, []byte("saved: [not, a, time]\nspec: 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := &bytes.Buffer{}
	opts.Out = out
	opts.In = strings.NewReader("\x03y") // Ctrl+C, then y
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Interrupted || res.Finished {
		t.Fatalf("result %+v", res)
	}
	// Lines wrap where the temporary path ends: compare words.
	screen := strings.Join(strings.Fields(ansi.Strip(out.String())), " ")
	for _, want := range []string{"is not a saved session", "starting afresh", "Leave the wizard?"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
}

func TestResizeReflows(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.enterUntil(pageRAM, 12)
	for _, w := range []int{120, 72, 100} {
		d.send(tea.WindowSizeMsg{Width: w, Height: 26})
		lines := strings.Split(d.screen(), "\n")
		if len(lines) != 26 {
			t.Fatalf("width %d: %d lines", w, len(lines))
		}
		if got := ansi.StringWidth(lines[1]); got != w {
			t.Fatalf("width %d: the rule is %d wide", w, got)
		}
	}
}
