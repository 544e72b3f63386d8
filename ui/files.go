package ui

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// writeFilesCmd writes the done screen's files into dir. Unless overwrite
// is set, it writes nothing when any of them exists and reports which.
func writeFilesCmd(dir string, files map[string][]byte, overwrite bool) tea.Cmd {
	return func() tea.Msg {
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		if !overwrite {
			var existing []string
			for _, n := range names {
				p := filepath.Join(dir, n)
				if _, err := os.Stat(p); err == nil {
					existing = append(existing, p)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return writtenMsg{err: err}
				}
			}
			if len(existing) > 0 {
				return writtenMsg{existing: existing}
			}
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return writtenMsg{err: fmt.Errorf("cannot create %s: %w", dir, err)}
		}
		var paths []string
		for _, n := range names {
			p := filepath.Join(dir, n)
			// The spec names accounts and profiles: owner-only, like the policies.
			if err := writeFileAtomic(p, files[n]); err != nil {
				return writtenMsg{paths: paths, err: fmt.Errorf("cannot write %s: %w", p, err)}
			}
			paths = append(paths, p)
		}
		return writtenMsg{paths: paths}
	}
}

// OSC52 returns a clipboard function for Options.Clipboard that sends text
// to the terminal's clipboard with the OSC 52 escape sequence, which works
// over SSH and in tmux (with set-clipboard on).
func OSC52(w io.Writer) func(string) error {
	return func(text string) error {
		_, err := io.WriteString(w, ansi.SetSystemClipboard(text))
		return err
	}
}

func copyCmd(clipboard func(string) error, text string) tea.Cmd {
	return func() tea.Msg { return copiedMsg{err: clipboard(text)} }
}
