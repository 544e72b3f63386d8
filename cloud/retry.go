package cloud

import (
	"context"
	"math/rand/v2"
	"time"
)

// RetryPolicy says how often and how patiently a failed call is tried again.
// Only transient failures are retried (throttling, busy, 5xx, timeouts, a
// request that never arrived), and a create only when the failure proves
// nothing was done; a cancelled context stops at once.
type RetryPolicy struct {
	Attempts int           // tries in all, the first included; below 1 means 1
	Base     time.Duration // the pause before the second try
	Cap      time.Duration // the longest pause
}

// DefaultRetryPolicy rides out a few seconds of throttling or an outage.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{Attempts: 8, Base: 200 * time.Millisecond, Cap: 5 * time.Second}
}

// pause is the wait before try n+1 (n ≥ 1): capped exponential backoff with
// jitter, half fixed and half random, so that many clients spread out
// without any pause collapsing to nothing.
func (p RetryPolicy) pause(n int) time.Duration {
	d := p.Base
	for i := 1; i < n && d < p.Cap; i++ {
		d *= 2
	}
	if p.Cap > 0 && d > p.Cap {
		d = p.Cap
	}
	if d <= 0 {
		return 0
	}
	half := d / 2
	return half + rand.N(half+1)
}

func (p RetryPolicy) attempts() int { return max(p.Attempts, 1) }

// refusedAttempts bounds the tries of a call whose connection was refused
// or whose host did not resolve: a blip passes within them; a wrong
// endpoint is reported in well under a second or two.
const refusedAttempts = 3

// callKind says whether a call may simply be sent again after a failure
// that leaves open whether it took effect.
type callKind int

const (
	callRead   callKind = iota // reads: always repeatable
	callWrite                  // idempotent writes: setting a value, PUT of fixed rows, IF NOT EXISTS
	callCreate                 // creates: repeatable only after a refusal; otherwise re-observe first
)

// retryable reports whether a failure of a call of this kind is tried again.
func (k callKind) retryable(err error) bool {
	kind := KindOf(err)
	if k == callCreate {
		return kind.Refusal()
	}
	return kind.Transient()
}

// ambiguous reports whether a create failed in a way that leaves open
// whether it took effect: the caller must look before creating again.
func ambiguous(err error) bool {
	k := KindOf(err)
	return k.Transient() && !k.Refusal()
}

// retry runs call until it succeeds, fails for good, the attempts are spent
// or ctx ends. notify, if set, hears of each retry.
func (p RetryPolicy) retry(ctx context.Context, kind callKind, call func(context.Context) error, notify func(attempt int, err error, pause time.Duration)) error {
	var err error
	for n := 1; ; n++ {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		err = call(ctx)
		if err == nil || !kind.retryable(err) || n >= p.attempts() {
			return err
		}
		if KindOf(err) == KindRefused && n >= refusedAttempts {
			// Nothing listens there, or the name does not resolve: that
			// rarely passes in seconds, and the user should hear at once.
			return err
		}
		pause := p.pause(n)
		if notify != nil {
			notify(n, err, pause)
		}
		if err := sleep(ctx, pause); err != nil {
			return err
		}
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
