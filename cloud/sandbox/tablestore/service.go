package tablestore

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// CloudLikeReadyDelay is roughly how long a new table takes to load in the
// cloud; the SDK's default retries ride it out.
const CloudLikeReadyDelay = 2 * time.Second

// DefaultMaxDateSkew is how far x-ots-date may be from the server's clock.
const DefaultMaxDateSkew = 15 * time.Minute

// Options tune a Service. The zero value is usable: real clock, tables
// ready at once, the service's 15-minute date skew.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// TableReadyDelay is how long a new table answers OTSTableNotReady to
	// row operations. Zero makes tables ready at once.
	TableReadyDelay time.Duration
	// MaxDateSkew bounds |x-ots-date - now|; zero means DefaultMaxDateSkew.
	MaxDateSkew time.Duration
	// Preload, when set, is asked for rows to put into every table created
	// through the API, so a seeded table has demo data as soon as the
	// user's setup creates it (see DemoVehicleTrackRows).
	Preload func(region, instance string, meta TableMeta) []Row
}

// Service is the Tablestore data plane. It is safe for concurrent use.
type Service struct {
	backend Backend
	opts    Options

	mu     sync.RWMutex
	tables map[instanceKey]map[string]*table

	calls   map[Action]*atomic.Int64 // fixed at construction; counts only
	nextReq atomic.Uint64
}

// New returns a Service that asks backend about keys, instances and RAM.
func New(backend Backend, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxDateSkew <= 0 {
		opts.MaxDateSkew = DefaultMaxDateSkew
	}
	s := &Service{
		backend: backend,
		opts:    opts,
		tables:  map[instanceKey]map[string]*table{},
		calls:   map[Action]*atomic.Int64{},
	}
	for _, a := range Actions() {
		s.calls[a] = new(atomic.Int64)
	}
	return s
}

func (s *Service) now() time.Time { return s.opts.Now() }

// count records one call of a.
func (s *Service) count(a Action) {
	if c, ok := s.calls[a]; ok {
		c.Add(1)
	}
}

// Calls returns how many calls of each action the service has received,
// over HTTP or the Go API, whatever their outcome. Actions never called are
// absent.
func (s *Service) Calls() map[Action]int64 {
	out := map[Action]int64{}
	for a, c := range s.calls {
		if n := c.Load(); n > 0 {
			out[a] = n
		}
	}
	return out
}

// WriteCalls is the number of calls of actions that change tables or rows.
func (s *Service) WriteCalls() int64 {
	var n int64
	for a, c := range s.calls {
		if a.IsWrite() {
			n += c.Load()
		}
	}
	return n
}

// ResetCalls sets every call counter back to zero.
func (s *Service) ResetCalls() {
	for _, c := range s.calls {
		c.Store(0)
	}
}

// requestID makes a request ID shaped like the service's
// ("0005f3c1-83a7-…"): unique per service, ordered by time.
func (s *Service) requestID() string {
	n := s.nextReq.Add(1)
	t := uint64(s.now().UnixMicro())
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", t>>24, (t>>8)&0xffff, (t&0xff)<<8|(n>>40)&0xff, (n>>24)&0xffff, n&0xffffffffffff)
}
