// Package sandbox is a local emulator of the Alibaba Cloud services the
// wizard uses. One HTTP listener serves the RPC-style APIs (STS, RAM and the
// Tablestore instance API) with their real wire protocol, signatures and
// error codes, so that the official SDK clients run against it unchanged;
// the Tablestore data plane (package tablestore) and MaxCompute REST
// (package maxcompute) are mounted under /host/<real-host>/ (see URLFor).
//
// The core is the planes' backend: it resolves every AccessKey and STS token,
// owns the instances and projects, decides RAM authorization, and walks the
// cross-account chain when MaxCompute reads an external table — assume the
// role as the project owner's MaxCompute principal, reach the LOCATION host
// from the project's region, then read Tablestore through the Go API as the
// assumed role, so the same RAM checks apply as over HTTP.
//
// The sandbox holds a world of accounts (UIDs with AccessKey pairs and RAM
// users), RAM roles and policies, Tablestore instances and MaxCompute
// projects. It refuses what the cloud refuses — unknown keys, bad
// signatures, replayed nonces, malformed policies, names the services
// reject — so that the wizard cannot learn false things from it.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/maxcompute"
	"github.com/mcots/wizard/cloud/sandbox/tablestore"
)

// Ready delays for demos: short, yet long enough that a client must poll a
// new instance and retry a new table, as it must in the cloud.
const (
	// DefaultInstanceReadyDelay is how long a new instance takes to run.
	DefaultInstanceReadyDelay = time.Second
	// DefaultTableReadyDelay is how long a new table answers
	// OTSTableNotReady.
	DefaultTableReadyDelay = 500 * time.Millisecond
)

// DefaultTimestampSkew is how far a request's Timestamp may be from the
// sandbox's clock, as the RPC gateway allows.
const DefaultTimestampSkew = 15 * time.Minute

// Options configure a sandbox. The zero value is a valid configuration for
// tests: loopback on a port chosen by the OS, instances ready at once, no
// faults, seed 0, no state file, the wall clock.
type Options struct {
	// Listen is the address to serve on; default "127.0.0.1:0".
	Listen string
	// AllowRemote permits a non-loopback Listen address. The sandbox's keys
	// are printed in the clear, so it stays on loopback unless told.
	AllowRemote bool
	// InstanceReadyDelay is how long a new Tablestore instance stays
	// not-running (and a deleted one stays "deleting"). Zero: immediate.
	InstanceReadyDelay time.Duration
	// TableReadyDelay is how long a new Tablestore table answers row
	// operations with OTSTableNotReady (which the SDK retries). Zero:
	// immediate.
	TableReadyDelay time.Duration
	// TimestampSkew bounds request Timestamp drift; default 15 minutes.
	TimestampSkew time.Duration
	// Faults are injected from the start; see ParseFaults.
	Faults []FaultRule
	// Seed makes IDs, keys and fault dice reproducible.
	Seed int64
	// StatePath, if set, is where the world is loaded from at start and
	// saved to (atomically, mode 0600) after every change and at Close. The
	// file holds the sandbox's own fake AccessKey secrets.
	StatePath string
	// Clock replaces the wall clock (see ManualClock).
	Clock Clock
	// Logger receives one line per request (never secrets); nil: discard.
	Logger *slog.Logger
	// DemoRows is how many deterministic vehicle-track rows a table named
	// vehicle_track with the key (vid INTEGER, gt INTEGER) holds as soon as
	// the user's setup creates it; zero: none. See tablestore.DemoPreload.
	DemoRows int
}

// Sandbox is a running (or ready-to-run) emulator.
type Sandbox struct {
	opts  Options
	clock Clock
	log   *slog.Logger
	ids   *ids

	mu          sync.Mutex // guards w and deleteGuard
	w           *world
	deleteGuard InstanceDeleteGuard
	rpc         map[string]map[string]rpcAction

	nonces *nonceCache
	faults *faults
	calls  *callCounter
	mounts mounts
	state  stateParts

	// The data planes, mounted on the router by New.
	ts          *tablestore.Service
	mc          *maxcompute.Service
	planesDirty atomic.Bool // a plane changed its state since the last save

	handler  http.Handler
	srv      *http.Server
	ln       net.Listener
	endpoint string
	closed   chan struct{}
	serveErr error
}

// New builds a sandbox without listening: a fresh world with the demo
// accounts, or the world saved at opts.StatePath if that file exists. Serve
// it with Start, or mount Handler on a server of your own.
func New(opts Options) (*Sandbox, error) {
	if opts.Listen == "" {
		opts.Listen = "127.0.0.1:0"
	}
	if opts.TimestampSkew <= 0 {
		opts.TimestampSkew = DefaultTimestampSkew
	}
	if opts.InstanceReadyDelay < 0 || opts.TableReadyDelay < 0 {
		return nil, errors.New("sandbox: ready delays must not be negative")
	}
	s := &Sandbox{
		opts:   opts,
		clock:  opts.Clock,
		log:    opts.Logger,
		ids:    newIDs(opts.Seed),
		w:      &world{Sessions: map[string]*stsSession{}},
		nonces: newNonceCache(),
		faults: newFaults(opts.Seed),
		calls:  newCallCounter(),
		closed: make(chan struct{}),
		rpc:    rpcActions(),
	}
	if s.clock == nil {
		s.clock = systemClock{}
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if err := s.faults.set(opts.Faults); err != nil {
		return nil, err
	}
	loaded, err := s.loadState()
	if err != nil {
		return nil, err
	}
	if !loaded {
		s.mu.Lock()
		err := s.seedDemo()
		if err == nil {
			s.persistLocked()
		}
		s.mu.Unlock()
		if err != nil {
			return nil, err
		}
	}
	if err := s.mountPlanes(); err != nil {
		return nil, err
	}
	s.handler = http.HandlerFunc(s.serveHTTP)
	return s, nil
}

// Start builds a sandbox and serves it on opts.Listen until Close.
func Start(opts Options) (*Sandbox, error) {
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	if err := s.listen(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Sandbox) listen() error {
	if err := checkListen(s.opts.Listen, s.opts.AllowRemote); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.opts.Listen)
	if err != nil {
		return fmt.Errorf("sandbox: listen on %s: %w", s.opts.Listen, err)
	}
	s.ln = ln
	s.endpoint = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		err := s.srv.Serve(ln)
		if !errors.Is(err, http.ErrServerClosed) {
			s.serveErr = err
		}
		close(s.closed)
	}()
	return nil
}

// checkListen refuses addresses other machines can reach unless allowed.
func checkListen(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen address %q: %w (write host:port, e.g. 127.0.0.1:0)", addr, err)
	}
	if allowRemote || isLoopback(host) {
		return nil
	}
	return fmt.Errorf("sandbox: refusing to listen on %q: it is reachable from other machines and the sandbox prints its keys in the clear; use 127.0.0.1 or allow remote access explicitly", addr)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Handler is the sandbox's single HTTP handler (RPC at "/", data planes at
// "/host/<host>/…").
func (s *Sandbox) Handler() http.Handler { return s.handler }

// Endpoint is the base URL the sandbox serves on, e.g.
// "http://127.0.0.1:41234"; empty until Start.
func (s *Sandbox) Endpoint() string { return s.endpoint }

// Domain is Endpoint without the scheme, the form the alibaba-cloud-sdk-go
// clients take as Domain (with Scheme "HTTP").
func (s *Sandbox) Domain() string { return strings.TrimPrefix(s.endpoint, "http://") }

// Options returns the options the sandbox runs with.
func (s *Sandbox) Options() Options { return s.opts }

// Close stops serving and saves the state file, if any.
func (s *Sandbox) Close() error {
	var errs []error
	if s.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			errs = append(errs, err)
		}
		<-s.closed
		if s.serveErr != nil {
			errs = append(errs, s.serveErr)
		}
	}
	if err := s.SaveState(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (s *Sandbox) now() time.Time { return s.clock.Now().UTC() }

// URLFor turns a real service endpoint into the sandbox URL that reaches the
// same service: Tablestore data and MaxCompute endpoints map to
// "<Endpoint>/host/<host><path>", the RPC API hosts (ram, sts, ots.<region>)
// to Endpoint itself. The scheme of realEndpoint is dropped: the sandbox
// speaks plain HTTP.
func (s *Sandbox) URLFor(realEndpoint string) string {
	rest := realEndpoint
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	host, path, _ := strings.Cut(rest, "/")
	host = strings.ToLower(host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if isRPCHost(host) {
		return s.endpoint
	}
	u := s.endpoint + "/host/" + host
	if path = strings.TrimRight(path, "/"); path != "" {
		u += "/" + path
	}
	return u
}

// isRPCHost reports whether host is one of the RPC API endpoints the
// sandbox serves at "/".
func isRPCHost(host string) bool {
	switch {
	case host == "ram.aliyuncs.com", host == "sts.aliyuncs.com":
		return true
	case strings.HasPrefix(host, "sts.") && strings.HasSuffix(host, ".aliyuncs.com"),
		strings.HasPrefix(host, "sts-vpc.") && strings.HasSuffix(host, ".aliyuncs.com"):
		return true
	case strings.HasPrefix(host, "ots.") && strings.HasSuffix(host, ".aliyuncs.com") && strings.Count(host, ".") == 3:
		return true
	}
	return false
}

// exists reports whether a path exists (for the state file).
func exists(path string) (bool, error) {
	_, err := os.Stat(path)
	if err == nil {
		return true, nil
	}
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return false, err
}
