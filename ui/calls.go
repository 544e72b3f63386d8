package ui

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// callID names one cloud call in flight, so Ctrl+C can cancel it.
type callID int

// Time limits. A step's apply may wait for an instance to start, so it
// gets longer than a lookup.
const (
	identifyTimeout = 60 * time.Second
	lookupTimeout   = 60 * time.Second
	stepTimeout     = 15 * time.Minute
	progressBuffer  = 64
)

// calls holds the cancel functions of the calls in flight. It is shared by
// every copy of the model (a map), which is what cancelling needs.
type calls struct {
	next    callID
	cancels map[callID]context.CancelFunc
}

func newCalls() *calls { return &calls{cancels: map[callID]context.CancelFunc{}} }

// start returns a context for a new call under parent.
func (c *calls) start(parent context.Context, timeout time.Duration) (callID, context.Context) {
	c.next++
	ctx, cancel := context.WithTimeout(parent, timeout)
	c.cancels[c.next] = cancel
	return c.next, ctx
}

// end releases a finished call's context.
func (c *calls) end(id callID) {
	if cancel, ok := c.cancels[id]; ok {
		cancel()
		delete(c.cancels, id)
	}
}

// cancelAll cancels every call in flight; each still reports back, with
// the context's error.
func (c *calls) cancelAll() int {
	n := len(c.cancels)
	for id, cancel := range c.cancels {
		cancel()
		delete(c.cancels, id)
	}
	return n
}

func (c *calls) inFlight() int { return len(c.cancels) }

// identifyCmd connects to both accounts and asks who each key belongs to.
func identifyCmd(ctx context.Context, id callID, seq int, connect cloud.ConnectFunc, t cloud.Target, a, b cloud.Credentials) tea.Cmd {
	return func() tea.Msg {
		msg := identifiedMsg{call: id, seq: seq}
		if connect == nil {
			msg.err = errNoConnect
			return msg
		}
		s, err := connect(ctx, t, a, b)
		if err != nil {
			msg.err = err
			return msg
		}
		msg.session = s
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			msg.a.id, msg.a.err = s.Identify(ctx, steps.SideTablestore)
		}()
		go func() {
			defer wg.Done()
			msg.b.id, msg.b.err = s.Identify(ctx, steps.SideMaxCompute)
		}()
		wg.Wait()
		return msg
	}
}

// reconnectCmd opens a new session with the same target and credentials
// (with the consent the connect function carries).
func reconnectCmd(ctx context.Context, id callID, connect cloud.ConnectFunc, t cloud.Target, a, b cloud.Credentials) tea.Cmd {
	return func() tea.Msg {
		s, err := connect(ctx, t, a, b)
		return reconnectedMsg{call: id, session: s, err: err}
	}
}

// effectCmds runs one effect of the step machine and streams its progress:
// the run command reports the outcome, and the listener reads progress
// lines until the run closes the channel.
func effectCmds(ctx context.Context, id callID, s cloud.Session, spec steps.Spec, e steps.Effect) tea.Cmd {
	ch := make(chan cloud.Progress, progressBuffer)
	run := func() tea.Msg {
		defer close(ch)
		progress := func(p cloud.Progress) {
			select { // never block the call: a full buffer drops the line
			case ch <- p:
			default:
			}
		}
		var out steps.Outcome
		var err error
		if e.Kind == steps.EffectApply {
			out, err = s.Apply(ctx, spec, e.Step, progress)
		} else {
			out, err = s.Observe(ctx, spec, e.Step, progress)
		}
		return effectDoneMsg{call: id, effect: e, out: out, err: err}
	}
	return tea.Batch(run, listenProgress(e, ch))
}

// listenProgress reads one progress line; the model re-arms it.
func listenProgress(e steps.Effect, ch <-chan cloud.Progress) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return progressMsg{effect: e, p: p, ch: ch}
	}
}

func listInstancesCmd(ctx context.Context, id callID, seq int, s cloud.Session, region string) tea.Cmd {
	return func() tea.Msg {
		list, err := s.ListInstances(ctx, region)
		return instancesMsg{call: id, seq: seq, region: region, list: list, err: err}
	}
}

func listTablesCmd(ctx context.Context, id callID, seq int, s cloud.Session, region, instance string) tea.Cmd {
	return func() tea.Msg {
		names, err := s.ListTables(ctx, region, instance)
		return tablesMsg{call: id, seq: seq, instance: instance, names: names, err: err}
	}
}

// sampleRows bounds discovery's read of an existing table.
const sampleRows = 20

func discoverCmd(ctx context.Context, id callID, seq int, s cloud.Session, region, instance, table string) tea.Cmd {
	return func() tea.Msg {
		d, err := s.DiscoverTable(ctx, region, instance, table, sampleRows)
		return discoveredMsg{call: id, seq: seq, instance: instance, table: table, found: d, err: err}
	}
}

// tick redraws the running steps' spinners and elapsed times.
func tick() tea.Cmd {
	return tea.Tick(100*time.Millisecond, func(t time.Time) tea.Msg { return tickMsg(t) })
}
