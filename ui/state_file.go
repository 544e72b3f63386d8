package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/mcots/wizard/steps"
)

// savedSource is where one account's credentials came from: a profile's
// name, "environment" or "pasted" — never a key or a secret.
type savedSource struct {
	Source  string `yaml:"source"`
	Profile string `yaml:"profile,omitempty"`
}

// savedSources holds both accounts' sources.
type savedSources struct {
	Tablestore savedSource `yaml:"tablestore"`
	MaxCompute savedSource `yaml:"maxcompute"`
}

// savedSession is the resume file: the answers (as a spec file), the steps
// already done and the credential sources.
type savedSession struct {
	Saved       time.Time    `yaml:"saved"`
	Target      string       `yaml:"target,omitempty"`
	Spec        string       `yaml:"spec"`
	Completed   []string     `yaml:"completed,omitempty"`
	Credentials savedSources `yaml:"credentials"`

	spec steps.Spec // parsed from Spec
}

// describe says what the saved session holds, for the welcome screen.
func (s *savedSession) describe() string {
	done := "no step was applied yet"
	if len(s.Completed) > 0 {
		done = "done: " + strings.Join(s.Completed, ", ")
	}
	on := ""
	if s.Target != "" {
		on = " on " + s.Target
	}
	return fmt.Sprintf("A session%s from %s was interrupted (%s; table %s.%s).",
		on, s.Saved.Local().Format("2006-01-02 15:04"), done, s.spec.Tablestore.Instance, s.spec.Tablestore.Table)
}

func (s *savedSession) completed(id steps.StepID) bool {
	if s == nil {
		return false
	}
	for _, c := range s.Completed {
		if c == id.String() {
			return true
		}
	}
	return false
}

// DefaultStateFile is where the session is saved for resume:
// $XDG_STATE_HOME/mcots-wizard/session.yaml, or ~/.local/state/… without it.
func DefaultStateFile(getenv func(string) string, home string) string {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "mcots-wizard", "session.yaml")
}

// loadSession reads a resume file; a missing file is no session (nil, nil).
func loadSession(path string) (*savedSession, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the saved session: %w", err)
	}
	var s savedSession
	if err := yaml.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s is not a saved session (%v); remove it or pass --no-resume", path, err)
	}
	spec, err := steps.Parse(path+" (spec)", []byte(s.Spec))
	if err != nil {
		return nil, fmt.Errorf("the saved session's answers cannot be read: %w", err)
	}
	s.spec = spec
	return &s, nil
}

// encodeSession renders the resume file.
func encodeSession(s savedSession, spec steps.Spec) ([]byte, error) {
	data, err := steps.Marshal(spec)
	if err != nil {
		return nil, err
	}
	s.Spec = string(data)
	out, err := yaml.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encode the session: %w", err)
	}
	return append([]byte("# mcots wizard session: answers and completed steps, never secrets.\n"), out...), nil
}

// stateStore writes the resume file. Writes run in commands, possibly at
// once; a sequence number keeps an older write from landing after a newer.
type stateStore struct {
	path string
	mu   sync.Mutex
	last int
}

func (s *stateStore) write(seq int, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq <= s.last {
		return nil
	}
	s.last = seq
	if data == nil {
		if err := os.Remove(s.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	return writeFileAtomic(s.path, data)
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory and a rename, readable by the owner only.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
