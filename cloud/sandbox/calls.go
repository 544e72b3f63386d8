package sandbox

import (
	"sync"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/maxcompute"
	"github.com/mcots/wizard/cloud/sandbox/tablestore"
)

// Service names one of the emulated services.
type Service string

// The services the sandbox serves (or mounts).
const (
	ServiceSTS        Service = "sts"
	ServiceRAM        Service = "ram"
	ServiceOTS        Service = "ots" // the Tablestore instance API (2016-06-20)
	ServiceTablestore Service = "tablestore"
	ServiceMaxCompute Service = "maxcompute"
)

func (s Service) String() string { return string(s) }

func (s Service) known() bool {
	switch s {
	case ServiceSTS, ServiceRAM, ServiceOTS, ServiceTablestore, ServiceMaxCompute:
		return true
	}
	return false
}

// Call identifies an API action of a service, e.g. {ram, CreateRole}.
type Call struct {
	Service Service
	Action  string
}

func (c Call) String() string { return string(c.Service) + ":" + c.Action }

// IsWrite reports whether the call changes what an account owns: the RAM
// and instance API actions that create, change or delete; the Tablestore
// operations that change tables or rows; and the MaxCompute statements that
// create or drop tables or insert rows ("SQL CreateTable", …). STS calls,
// reads, and the MaxCompute REST calls themselves (whose SQL is counted
// apart) are not writes.
func (c Call) IsWrite() bool {
	switch c.Service {
	case ServiceRAM:
		return rpcActions()[versionRAM][c.Action].write
	case ServiceOTS:
		return rpcActions()[versionOTS][c.Action].write
	case ServiceTablestore:
		return tablestore.Action(c.Action).IsWrite()
	case ServiceMaxCompute:
		for _, k := range maxcompute.StatementKinds() {
			if c.Action == statementAction(k) {
				return k.IsWrite()
			}
		}
	}
	return false
}

// CallStats counts the requests seen for one Call.
type CallStats struct {
	Count  int // requests received (authenticated or not)
	Errors int // of which answered with an error status
}

type callCounter struct {
	mu    sync.Mutex
	stats map[Call]CallStats
	busy  time.Duration
}

func newCallCounter() *callCounter { return &callCounter{stats: map[Call]CallStats{}} }

func (c *callCounter) record(call Call, failed bool, took time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.stats[call]
	st.Count++
	if failed {
		st.Errors++
	}
	c.stats[call] = st
	c.busy += took
}

// Calls returns how often each action was called since the start or the
// last ResetCalls, across every service: the RPC APIs and both data planes
// over HTTP, the calls the MaxCompute plane makes to STS and Tablestore while
// it reads an external table (counted with no serving time of their own),
// and each SQL statement MaxCompute runs ("SQL Select", …).
func (s *Sandbox) Calls() map[Call]CallStats {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	out := make(map[Call]CallStats, len(s.calls.stats))
	for k, v := range s.calls.stats {
		out[k] = v
	}
	return out
}

// Writes counts the calls since the start or the last ResetCalls that
// change what an account owns (see Call.IsWrite), failed ones included: a
// second apply of a finished setup must make none.
func (s *Sandbox) Writes() int {
	n := 0
	for c, st := range s.Calls() {
		if c.IsWrite() {
			n += st.Count
		}
	}
	return n
}

// ResetCalls forgets the counted calls and the serving time.
func (s *Sandbox) ResetCalls() {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	s.calls.stats = map[Call]CallStats{}
	s.calls.busy = 0
}

// ServeTime is the total time spent serving requests (injected latency
// included) since the start or the last ResetCalls.
func (s *Sandbox) ServeTime() time.Duration {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return s.calls.busy
}
