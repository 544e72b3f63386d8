package cloud

import (
	"context"
	"errors"
	"testing"
	"time"
)

func kindErr(k ErrorKind) error { return &Error{Service: "S", Op: "op", Kind: k} }

func TestRetryByKindOfCall(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{Attempts: 4, Base: time.Microsecond, Cap: 10 * time.Microsecond}
	if refusedAttempts >= p.Attempts {
		t.Fatal("the refused cases must stop before the policy's attempts")
	}
	cases := []struct {
		name  string
		kind  callKind
		fail  ErrorKind
		calls int // how often the call is made when it always fails this way
	}{
		{"read retries throttling", callRead, KindThrottled, 4},
		{"read retries 5xx", callRead, KindUnavailable, 4},
		{"read does not retry not found", callRead, KindNotFound, 1},
		{"write retries timeouts", callWrite, KindTimeout, 4},
		{"create retries throttling", callCreate, KindThrottled, 4},
		{"create retries busy", callCreate, KindBusy, 4},
		{"create does not repeat after a 5xx", callCreate, KindUnavailable, 1},
		{"create does not repeat after a timeout", callCreate, KindTimeout, 1},
		{"auth is never retried", callRead, KindAuth, 1},
		{"a refused connection is tried three times, not every attempt", callRead, KindRefused, refusedAttempts},
		{"a refused create is tried three times too", callCreate, KindRefused, refusedAttempts},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			calls, notified := 0, 0
			err := p.retry(context.Background(), c.kind, func(context.Context) error { calls++; return kindErr(c.fail) },
				func(int, error, time.Duration) { notified++ })
			if KindOf(err) != c.fail || calls != c.calls || notified != c.calls-1 {
				t.Fatalf("err %v, %d calls, %d notices; want %d calls", err, calls, notified, c.calls)
			}
		})
	}
}

func TestRetryStopsAtOnceOnCancel(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{Attempts: 100, Base: time.Hour, Cap: time.Hour}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	done := make(chan error)
	go func() {
		done <- p.retry(ctx, callRead, func(context.Context) error { calls++; return kindErr(KindThrottled) }, nil)
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || calls != 1 {
			t.Fatalf("err %v after %d calls", err, calls)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("retry kept sleeping after the context was cancelled")
	}
}

func TestPauseIsCappedExponentialWithJitter(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{Attempts: 10, Base: 100 * time.Millisecond, Cap: time.Second}
	for n, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 5: time.Second, 9: time.Second} {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := p.pause(n)
			if d < want/2 || d > want {
				t.Fatalf("pause(%d) = %s, want within [%s, %s]", n, d, want/2, want)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("pause(%d) has no jitter", n)
		}
	}
	if (RetryPolicy{}).attempts() != 1 || (RetryPolicy{}).pause(3) != 0 {
		t.Error("zero policy")
	}
}

func TestAmbiguous(t *testing.T) {
	t.Parallel()
	for k, want := range map[ErrorKind]bool{KindUnavailable: true, KindTimeout: true, KindThrottled: false, KindRefused: false, KindNotFound: false} {
		if ambiguous(kindErr(k)) != want {
			t.Errorf("ambiguous(%s) != %v", k, want)
		}
	}
}

func TestPollGrowsAndTimesOut(t *testing.T) {
	t.Parallel()
	p := PollPolicy{First: time.Millisecond, Cap: 4 * time.Millisecond, Timeout: time.Hour}
	var looks []time.Time
	err := p.wait(context.Background(), "thing", func(context.Context) (bool, string, error) {
		looks = append(looks, time.Now())
		return len(looks) == 6, "starting", nil
	}, nil)
	if err != nil || len(looks) != 6 {
		t.Fatalf("err %v after %d looks", err, len(looks))
	}
	if gap := looks[5].Sub(looks[4]); gap < 4*time.Millisecond {
		t.Errorf("the last pause %s is below the cap", gap)
	}
	p = PollPolicy{First: time.Millisecond, Cap: time.Millisecond, Timeout: 20 * time.Millisecond}
	var msgs []string
	err = p.wait(context.Background(), "instance cap1", func(context.Context) (bool, string, error) { return false, "starting", nil },
		func(m string) { msgs = append(msgs, m) })
	var still *errStillWaiting
	if !errors.As(err, &still) || len(msgs) == 0 {
		t.Fatalf("err %v, progress %q", err, msgs)
	}
	boom := errors.New("boom")
	if err := p.wait(context.Background(), "x", func(context.Context) (bool, string, error) { return false, "", boom }, nil); err != boom {
		t.Fatalf("err %v", err)
	}
}
