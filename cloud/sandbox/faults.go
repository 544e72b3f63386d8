package sandbox

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind is what a fault does to a call.
type FaultKind int

const (
	// FaultThrottle answers Throttling.User (HTTP 400), as flow control does.
	FaultThrottle FaultKind = iota + 1
	// FaultUnavailable answers ServiceUnavailable (HTTP 503).
	FaultUnavailable
	// FaultLatency delays the call, then serves it normally.
	FaultLatency
)

func (k FaultKind) String() string {
	switch k {
	case FaultThrottle:
		return "throttle"
	case FaultUnavailable:
		return "unavailable"
	case FaultLatency:
		return "latency"
	}
	return "none"
}

// FaultRule injects one kind of fault into matching calls: with a
// probability per call, or into the next Count calls.
type FaultRule struct {
	Service     Service // "" matches every service
	Action      string  // "*" (or "") matches every action; otherwise exact, case-insensitive
	Kind        FaultKind
	Probability float64       // 0–1; used when Count is 0
	Count       int           // inject into the next Count matching calls
	Latency     time.Duration // for FaultLatency
}

func (r FaultRule) String() string {
	target := r.Action
	if target == "" {
		target = "*"
	}
	if r.Service != "" {
		target = string(r.Service) + ":" + target
	}
	var amount string
	switch {
	case r.Kind == FaultLatency:
		amount = r.Latency.String()
		if r.Count > 0 {
			amount += fmt.Sprintf("/%dx", r.Count)
		} else if r.Probability < 1 {
			amount += fmt.Sprintf("/%g", r.Probability)
		}
	case r.Count > 0:
		amount = fmt.Sprintf("%dx", r.Count)
	default:
		amount = strconv.FormatFloat(r.Probability, 'g', -1, 64)
	}
	return target + "=" + r.Kind.String() + ":" + amount
}

func (r FaultRule) matches(svc Service, action string) bool {
	if r.Service != "" && r.Service != svc {
		return false
	}
	return r.Action == "" || r.Action == "*" || strings.EqualFold(r.Action, action)
}

// ParseFaults reads fault rules written as
//
//	[service:]Action=kind:amount[,…]
//
// where service is sts, ram, ots (the instance API), tablestore or
// maxcompute; Action is an API action or *; kind is throttle, unavailable or
// latency; amount is a probability (0.3 or 30%) or a count of upcoming calls
// (3x) for throttle and unavailable, and a duration (200ms), optionally with
// /probability or /count, for latency. Examples:
//
//	*=throttle:0.3              every action, 30% Throttling.User
//	ram:CreateRole=unavailable:2x  the next two CreateRole calls get 503
//	GetInstance=latency:250ms   every GetInstance waits 250 ms
func ParseFaults(spec string) ([]FaultRule, error) {
	var rules []FaultRule
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		r, err := parseFault(part)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	return rules, nil
}

func parseFault(s string) (FaultRule, error) {
	bad := func(why string) (FaultRule, error) {
		return FaultRule{}, fmt.Errorf("fault %q: %s (write [service:]Action=kind:amount, e.g. \"*=throttle:0.3\", \"ram:CreateRole=unavailable:2x\", \"GetInstance=latency:250ms\")", s, why)
	}
	target, effect, ok := strings.Cut(s, "=")
	if !ok {
		return bad("missing '='")
	}
	var r FaultRule
	if svc, act, ok := strings.Cut(target, ":"); ok {
		r.Service = Service(strings.ToLower(svc))
		if !r.Service.known() {
			return bad(fmt.Sprintf("unknown service %q (use sts, ram, ots, tablestore or maxcompute)", svc))
		}
		target = act
	}
	if target == "" {
		return bad("missing action (use * for every action)")
	}
	r.Action = target
	kind, amount, ok := strings.Cut(effect, ":")
	if !ok || amount == "" {
		return bad("missing ':amount'")
	}
	switch strings.ToLower(kind) {
	case "throttle":
		r.Kind = FaultThrottle
	case "unavailable":
		r.Kind = FaultUnavailable
	case "latency":
		r.Kind = FaultLatency
		dur, rest, _ := strings.Cut(amount, "/")
		d, err := time.ParseDuration(dur)
		if err != nil || d <= 0 {
			return bad(fmt.Sprintf("latency %q is not a positive duration such as 200ms", dur))
		}
		r.Latency = d
		if rest == "" {
			r.Probability = 1
			return r, nil
		}
		amount = rest
	default:
		return bad(fmt.Sprintf("unknown kind %q (use throttle, unavailable or latency)", kind))
	}
	switch {
	case strings.HasSuffix(amount, "x"):
		n, err := strconv.Atoi(strings.TrimSuffix(amount, "x"))
		if err != nil || n <= 0 {
			return bad(fmt.Sprintf("count %q must be a positive whole number followed by x", amount))
		}
		r.Count = n
	case strings.HasSuffix(amount, "%"):
		p, err := strconv.ParseFloat(strings.TrimSuffix(amount, "%"), 64)
		if err != nil || p < 0 || p > 100 {
			return bad(fmt.Sprintf("percentage %q must be between 0%% and 100%%", amount))
		}
		r.Probability = p / 100
	default:
		p, err := strconv.ParseFloat(amount, 64)
		if err != nil || p < 0 || p > 1 {
			return bad(fmt.Sprintf("probability %q must be between 0 and 1 (or write a percentage or a count such as 3x)", amount))
		}
		r.Probability = p
	}
	return r, nil
}

// faults holds the active rules and the dice. The dice are seeded so that a
// test with a fixed seed sees the same sequence of faults every run.
type faults struct {
	mu    sync.Mutex
	rules []FaultRule
	rng   *rand.Rand
}

func newFaults(seed int64) *faults {
	return &faults{rng: rand.New(rand.NewPCG(uint64(seed)^0x5eed, 0xfa017))}
}

func (f *faults) set(rules []FaultRule) error {
	for _, r := range rules {
		if r.Kind < FaultThrottle || r.Kind > FaultLatency {
			return fmt.Errorf("sandbox: fault %v has no kind", r)
		}
		if r.Probability < 0 || r.Probability > 1 || r.Count < 0 {
			return fmt.Errorf("sandbox: fault %v: probability must be 0–1 and count ≥ 0", r)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = append([]FaultRule(nil), rules...)
	return nil
}

// roll decides the fault for one call: the latency to add, and a failure
// (the first matching throttle/unavailable rule that fires).
func (f *faults) roll(svc Service, action string) (time.Duration, FaultKind) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var delay time.Duration
	fail := FaultKind(0)
	for i := range f.rules {
		r := &f.rules[i]
		if !r.matches(svc, action) {
			continue
		}
		fire := false
		switch {
		case r.Count > 0:
			fire = true
			r.Count--
			if r.Count == 0 {
				r.Probability = 0 // spent: the rule stays listed but never fires again
			}
		case r.Probability > 0:
			fire = f.rng.Float64() < r.Probability
		}
		if !fire {
			continue
		}
		if r.Kind == FaultLatency {
			delay += r.Latency
		} else if fail == 0 {
			fail = r.Kind
		}
	}
	return delay, fail
}

// SetFaults replaces the active fault rules.
func (s *Sandbox) SetFaults(rules ...FaultRule) error { return s.faults.set(rules) }

// AddFaults adds fault rules to the active ones.
func (s *Sandbox) AddFaults(rules ...FaultRule) error {
	s.faults.mu.Lock()
	cur := append([]FaultRule(nil), s.faults.rules...)
	s.faults.mu.Unlock()
	return s.faults.set(append(cur, rules...))
}

// Faults returns the active fault rules (spent count rules included).
func (s *Sandbox) Faults() []FaultRule {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	return append([]FaultRule(nil), s.faults.rules...)
}

// ApplyFault is for the mounted data planes: it waits out any injected
// latency (or until ctx ends) and returns the failure to answer with, if
// any, which the plane renders in its own protocol (e.g. OTSServerBusy).
func (s *Sandbox) ApplyFault(ctx context.Context, svc Service, action string) FaultKind {
	delay, fail := s.faults.roll(svc, action)
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
	return fail
}
