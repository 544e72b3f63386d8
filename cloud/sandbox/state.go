package sandbox

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// stateFormat is the version of the state file layout.
const stateFormat = 1

// stateFile is what --state writes. It contains the sandbox's own fake
// AccessKey secrets and STS tokens (never real ones), hence mode 0600.
type stateFile struct {
	Format int                        `json:"format"`
	IDs    string                     `json:"ids"` // generator state, so new IDs do not repeat old ones
	World  *world                     `json:"world"`
	Parts  map[string]json.RawMessage `json:"parts,omitempty"`
}

// StatePart is state a mounted plane keeps (tables, rows, external
// tables) and wants saved with the world.
type StatePart interface {
	MarshalState() ([]byte, error)
	UnmarshalState([]byte) error
}

type stateParts struct {
	mu    sync.Mutex
	parts map[string]StatePart
	raw   map[string]json.RawMessage // last saved or loaded form of each part
}

// RegisterState adds a plane's state to the state file under name. If the
// loaded file holds state for name, p receives it now.
func (s *Sandbox) RegisterState(name string, p StatePart) error {
	s.state.mu.Lock()
	if s.state.parts == nil {
		s.state.parts = map[string]StatePart{}
	}
	if _, dup := s.state.parts[name]; dup {
		s.state.mu.Unlock()
		return fmt.Errorf("sandbox: state part %q registered twice", name)
	}
	s.state.parts[name] = p
	raw, ok := s.state.raw[name]
	s.state.mu.Unlock()
	// Outside the lock: the part may call back into the sandbox.
	if ok {
		if err := p.UnmarshalState(raw); err != nil {
			return fmt.Errorf("sandbox: state part %q in %s: %w", name, s.opts.StatePath, err)
		}
	}
	return nil
}

// SaveState writes the state file now (a no-op without StatePath). The
// sandbox also saves after every change to its world and at Close; planes
// call this after changing their own parts.
func (s *Sandbox) SaveState() error {
	if s.opts.StatePath == "" {
		return nil
	}
	// Parts are marshalled outside every lock: they may call back into the
	// sandbox.
	s.state.mu.Lock()
	parts := make(map[string]StatePart, len(s.state.parts))
	for name, p := range s.state.parts {
		parts[name] = p
	}
	s.state.mu.Unlock()
	for name, p := range parts {
		b, err := p.MarshalState()
		if err != nil {
			return fmt.Errorf("sandbox: save state part %q: %w", name, err)
		}
		s.state.mu.Lock()
		if s.state.raw == nil {
			s.state.raw = map[string]json.RawMessage{}
		}
		s.state.raw[name] = b
		s.state.mu.Unlock()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writeStateLocked()
}

// persistLocked saves after a change, with s.mu held. A failure is logged:
// the change itself has happened and the caller's request succeeded.
func (s *Sandbox) persistLocked() {
	if s.opts.StatePath == "" {
		return
	}
	if err := s.writeStateLocked(); err != nil {
		s.log.Error("state not saved", "path", s.opts.StatePath, "error", err)
	}
}

func (s *Sandbox) writeStateLocked() error {
	ids, err := s.ids.marshal()
	if err != nil {
		return err
	}
	s.state.mu.Lock()
	parts := make(map[string]json.RawMessage, len(s.state.raw))
	for k, v := range s.state.raw {
		parts[k] = v
	}
	s.state.mu.Unlock()
	b, err := json.MarshalIndent(stateFile{Format: stateFormat, IDs: ids, World: s.w, Parts: parts}, "", "  ")
	if err != nil {
		return fmt.Errorf("sandbox: encode state: %w", err)
	}
	return writeFileAtomic(s.opts.StatePath, append(b, '\n'))
}

// loadState reads StatePath if it exists; false means start afresh.
func (s *Sandbox) loadState() (bool, error) {
	if s.opts.StatePath == "" {
		return false, nil
	}
	ok, err := exists(s.opts.StatePath)
	if err != nil || !ok {
		return false, err
	}
	b, err := os.ReadFile(s.opts.StatePath)
	if err != nil {
		return false, fmt.Errorf("sandbox: read state: %w", err)
	}
	var f stateFile
	if err := json.Unmarshal(b, &f); err != nil {
		return false, fmt.Errorf("sandbox: state file %s is not valid JSON (%v); move it away to start afresh", s.opts.StatePath, err)
	}
	if f.Format != stateFormat || f.World == nil {
		return false, fmt.Errorf("sandbox: state file %s has format %d, this sandbox reads format %d; move it away to start afresh", s.opts.StatePath, f.Format, stateFormat)
	}
	if err := s.ids.unmarshal(f.IDs); err != nil {
		return false, fmt.Errorf("sandbox: state file %s: generator state: %w", s.opts.StatePath, err)
	}
	if f.World.Sessions == nil {
		f.World.Sessions = map[string]*stsSession{}
	}
	s.w = f.World
	s.state.raw = f.Parts
	return true, nil
}

// writeFileAtomic replaces path with data: a temporary file in the same
// directory, mode 0600, synced, then renamed over path.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err == nil {
		if _, err = f.Write(data); err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sandbox: write state %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	return nil
}
