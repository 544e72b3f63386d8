package cloud

import (
	"context"
	"fmt"
	"time"
)

// PollPolicy says how to wait for something the cloud does in the
// background (an instance starting, a table loading, an SQL job): a short
// first look, then pauses doubling up to Cap, for at most Timeout.
type PollPolicy struct {
	First   time.Duration
	Cap     time.Duration
	Timeout time.Duration
}

// DefaultPollPolicy looks after 50 ms and then at most every 2 s, for up to
// 10 minutes; MaxCompute's own SDK would sleep a whole second every time.
func DefaultPollPolicy() PollPolicy {
	return PollPolicy{First: 50 * time.Millisecond, Cap: 2 * time.Second, Timeout: 10 * time.Minute}
}

// errStillWaiting is returned by wait when the timeout passes.
type errStillWaiting struct {
	what    string
	waited  time.Duration
	lastMsg string
}

func (e *errStillWaiting) Error() string {
	msg := fmt.Sprintf("%s: still not ready after %s", e.what, e.waited.Round(time.Second))
	if e.lastMsg != "" {
		msg += " (last seen: " + e.lastMsg + ")"
	}
	return msg + "; run the step again to keep waiting"
}

// wait calls check until it reports done, fails, the timeout passes or ctx
// ends. check returns a short status for progress lines.
func (p PollPolicy) wait(ctx context.Context, what string, check func(context.Context) (done bool, status string, err error), progress func(string)) error {
	start := time.Now()
	pause := p.First
	last := ""
	for n := 1; ; n++ {
		done, status, err := check(ctx)
		if err != nil || done {
			return err
		}
		last = status
		if p.Timeout > 0 && time.Since(start)+pause > p.Timeout {
			return &errStillWaiting{what: what, waited: time.Since(start), lastMsg: last}
		}
		if progress != nil {
			progress(fmt.Sprintf("%s: %s (look %d)", what, status, n))
		}
		if err := sleep(ctx, pause); err != nil {
			return err
		}
		pause *= 2
		if p.Cap > 0 && pause > p.Cap {
			pause = p.Cap
		}
		if pause <= 0 {
			pause = time.Millisecond
		}
	}
}
