package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/mcots/wizard/cloud/sandbox/tablestore"
)

// DefaultDemoRows is how many vehicle-track rows a demo preloads.
const DefaultDemoRows = 20

// DemoOptions configure StartDemo. The zero value serves on a free loopback
// port with the default ready delays and DefaultDemoRows rows.
type DemoOptions struct {
	// Listen is the address to serve on; default "127.0.0.1:0".
	Listen string
	// StatePath, if set, keeps the world across starts (see Options).
	StatePath string
	// DemoRows is how many rows vehicle_track holds once the setup creates
	// it: 0 means DefaultDemoRows, a negative number none.
	DemoRows int
	// Instant makes instances and tables ready at once, for tests.
	Instant bool
	// Faults are injected from the start.
	Faults []FaultRule
	// Logger receives one line per request; nil: discard.
	Logger *slog.Logger
}

// StartDemo starts a sandbox for a demo or the wizard's own sandbox mode:
// accounts A and B with fresh random keys (unless restored from
// StatePath), B's project demo_project, the default ready delays and demo
// rows. It
// stops when ctx ends or at Close; read its accounts with Demo.
func StartDemo(ctx context.Context, o DemoOptions) (*Sandbox, error) {
	seed, err := randomSeed()
	if err != nil {
		return nil, err
	}
	opts := Options{
		Listen:             o.Listen,
		InstanceReadyDelay: DefaultInstanceReadyDelay,
		TableReadyDelay:    DefaultTableReadyDelay,
		Faults:             o.Faults,
		Seed:               seed,
		StatePath:          o.StatePath,
		Logger:             o.Logger,
		DemoRows:           o.DemoRows,
	}
	if o.Instant {
		opts.InstanceReadyDelay, opts.TableReadyDelay = 0, 0
	}
	switch {
	case o.DemoRows == 0:
		opts.DemoRows = DefaultDemoRows
	case o.DemoRows < 0:
		opts.DemoRows = 0
	}
	s, err := Start(opts)
	if err != nil {
		return nil, err
	}
	context.AfterFunc(ctx, func() { _ = s.Close() })
	return s, nil
}

// randomSeed makes a demo's keys unguessable: the same seed gives the same
// keys, which is what tests want and a shared machine does not.
func randomSeed() (int64, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("sandbox: no randomness for the demo keys: %w", err)
	}
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1), nil
}

// DemoAccount is one demo account's UID and root AccessKey pair. String
// hides the secret.
type DemoAccount struct {
	Name            string
	UID             string
	AccessKeyID     string
	AccessKeySecret string
}

func (a DemoAccount) String() string {
	return fmt.Sprintf("account %s (UID %s, AccessKey %s, secret hidden)", a.Name, a.UID, a.AccessKeyID)
}

// GoString hides the secret from %#v as well.
func (a DemoAccount) GoString() string { return "sandbox.DemoAccount{" + a.String() + "}" }

// DemoInfo is what a client of a demo sandbox needs: where it listens, the
// two accounts, and B's project.
type DemoInfo struct {
	// Endpoint is the base URL; the RPC APIs (STS, RAM, the OTS instance
	// API) answer at it.
	Endpoint string
	// Region is the demo project's region.
	Region string
	// MaxComputeEndpoint is the demo region's MaxCompute endpoint as a
	// sandbox URL, ending in /api as the ODPS SDK wants it.
	MaxComputeEndpoint string
	// A owns Tablestore; B owns MaxCompute and Project.
	A, B    DemoAccount
	Project Project
}

// Demo returns the demo accounts and project. It fails if the world (for
// example one restored from an older state file) lacks them.
func (s *Sandbox) Demo() (DemoInfo, error) {
	info := DemoInfo{Endpoint: s.Endpoint()}
	for _, dst := range []struct {
		name string
		to   *DemoAccount
	}{{DemoAccountA, &info.A}, {DemoAccountB, &info.B}} {
		a, ok := s.Account(dst.name)
		if !ok || len(a.Keys) == 0 {
			return DemoInfo{}, fmt.Errorf("sandbox: demo account %s is missing; start with a fresh state file", dst.name)
		}
		*dst.to = DemoAccount{Name: a.Name, UID: a.UID, AccessKeyID: a.Keys[0].ID, AccessKeySecret: a.Keys[0].Secret}
	}
	p, ok := s.Project(DemoProject)
	if !ok {
		return DemoInfo{}, errors.New("sandbox: the demo project " + DemoProject + " is missing; start with a fresh state file")
	}
	info.Project, info.Region = p, p.Region
	info.MaxComputeEndpoint = s.MaxComputeEndpoint(p.Region)
	return info, nil
}

// MaxComputeEndpoint is a region's public MaxCompute endpoint as a sandbox
// URL, e.g. http://127.0.0.1:PORT/host/service.cn-hangzhou.maxcompute.aliyun.com/api.
func (s *Sandbox) MaxComputeEndpoint(region string) string {
	return s.URLFor("https://service." + region + ".maxcompute.aliyun.com/api")
}

// TablestoreEndpoint is an instance's public data endpoint as a sandbox
// URL, e.g. http://127.0.0.1:PORT/host/cap1.cn-hangzhou.ots.aliyuncs.com:
// what the Tablestore SDK takes as its endpoint.
func (s *Sandbox) TablestoreEndpoint(instance, region string) string {
	return s.URLFor("https://" + instance + "." + region + ".ots.aliyuncs.com")
}

// LoadDemoRows puts n deterministic vehicle-track rows into an existing
// vehicle_track table of the instance, as the owner would, for a "load
// sample rows" step.
func (s *Sandbox) LoadDemoRows(region, instance string, n int) error {
	if _, ok := s.Instance(region, instance); !ok {
		return fmt.Errorf("sandbox: no Tablestore instance %s in %s", instance, region)
	}
	if err := s.ts.LoadRows(region, instance, tablestore.DemoTableName, tablestore.DemoVehicleTrackRows(n)); err != nil {
		var e *tablestore.Error
		if errors.As(err, &e) && e.HTTPStatus == http.StatusNotFound {
			return fmt.Errorf("sandbox: instance %s has no table %s yet; create it first (key vid INTEGER, gt INTEGER)", instance, tablestore.DemoTableName)
		}
		return fmt.Errorf("sandbox: load demo rows: %w", err)
	}
	s.planesDirty.Store(true)
	s.saveIfPlanesChanged()
	return nil
}
