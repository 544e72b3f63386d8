package sandbox_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ots"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/mcots/wizard/cloud/sandbox"
)

func TestParseFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		spec string
		want []sandbox.FaultRule
		err  string
	}{
		{"*=throttle:0.3", []sandbox.FaultRule{{Action: "*", Kind: sandbox.FaultThrottle, Probability: 0.3}}, ""},
		{"ram:CreateRole=unavailable:2x, GetInstance=throttle:25%",
			[]sandbox.FaultRule{
				{Service: sandbox.ServiceRAM, Action: "CreateRole", Kind: sandbox.FaultUnavailable, Count: 2},
				{Action: "GetInstance", Kind: sandbox.FaultThrottle, Probability: 0.25},
			}, ""},
		{"tablestore:*=latency:200ms", []sandbox.FaultRule{{Service: sandbox.ServiceTablestore, Action: "*", Kind: sandbox.FaultLatency, Latency: 200 * time.Millisecond, Probability: 1}}, ""},
		{"*=latency:1s/0.5", []sandbox.FaultRule{{Action: "*", Kind: sandbox.FaultLatency, Latency: time.Second, Probability: 0.5}}, ""},
		{"*=latency:1s/3x", []sandbox.FaultRule{{Action: "*", Kind: sandbox.FaultLatency, Latency: time.Second, Count: 3}}, ""},
		{"", nil, ""},
		{"throttle", nil, "missing '='"},
		{"*=throttle", nil, "missing ':amount'"},
		{"*=explode:0.1", nil, "unknown kind"},
		{"*=throttle:1.5", nil, "between 0 and 1"},
		{"*=throttle:150%", nil, "between 0% and 100%"},
		{"*=throttle:0x", nil, "positive whole number"},
		{"*=latency:fast", nil, "positive duration"},
		{"s3:*=throttle:0.1", nil, "unknown service"},
		{"=throttle:0.1", nil, "missing action"},
	}
	for _, tt := range tests {
		got, err := sandbox.ParseFaults(tt.spec)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "e.g.") {
				t.Errorf("ParseFaults(%q) error = %v, want it to mention %q and an example", tt.spec, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFaults(%q) = %+v, %v; want %+v", tt.spec, got, err, tt.want)
		}
		for _, r := range got {
			again, err := sandbox.ParseFaults(r.String())
			if err != nil || len(again) != 1 || !reflect.DeepEqual(again[0], r) {
				t.Errorf("String() %q does not parse back: %+v %v", r.String(), again, err)
			}
		}
	}
}

// withRetry is the simplest client that retries what the cloud asks it to
// retry: throttling (400) and unavailability (503).
func withRetry[T any](t *testing.T, throttled *int, call func() (T, error)) T {
	t.Helper()
	for attempt := 0; ; attempt++ {
		v, err := call()
		var se *sdkerrors.ServerError
		if err == nil {
			return v
		}
		if !errors.As(err, &se) || (se.ErrorCode() != "Throttling.User" && se.ErrorCode() != "ServiceUnavailable") || attempt == 20 {
			t.Fatalf("attempt %d: %v", attempt, err)
		}
		*throttled++
	}
}

func TestThrottlingEverywhereConverges(t *testing.T) {
	t.Parallel()
	rules, err := sandbox.ParseFaults("*=throttle:0.3")
	must(t, err)
	s := start(t, sandbox.Options{Seed: 7, Faults: rules})
	a, b := account(t, s, sandbox.DemoAccountA), account(t, s, sandbox.DemoAccountB)
	rc := ramClient(t, s, akCred(a.Keys[0]))
	oc := otsClient(t, s, akCred(a.Keys[0]))
	sc := stsClient(t, s, akCred(b.Keys[0]))

	throttled := 0
	// A whole wizard run, every call behind the same retry loop.
	withRetry(t, &throttled, func() (any, error) { return callerIdentity(t, sc) })
	withRetry(t, &throttled, func() (any, error) {
		req := ram.CreateCreateRoleRequest()
		req.RoleName, req.AssumeRolePolicyDocument = "AliyunODPSRoleForOtherUser", fmt.Sprintf(trustODPS, b.UID)
		return rc.CreateRole(req)
	})
	withRetry(t, &throttled, func() (any, error) {
		req := ram.CreateCreatePolicyRequest()
		req.PolicyName, req.PolicyDocument = "cap1-read", readOTS
		return rc.CreatePolicy(req)
	})
	withRetry(t, &throttled, func() (any, error) {
		req := ram.CreateAttachPolicyToRoleRequest()
		req.RoleName, req.PolicyType, req.PolicyName = "AliyunODPSRoleForOtherUser", "Custom", "cap1-read"
		return rc.AttachPolicyToRole(req)
	})
	withRetry(t, &throttled, func() (any, error) { return nil, insertInstance(oc, "cap1", "HYBRID", "") })
	for i := 0; i < 30; i++ {
		withRetry(t, &throttled, func() (any, error) { return getInstance(oc, "cap1") })
		withRetry(t, &throttled, func() (any, error) {
			req := ram.CreateListPoliciesForRoleRequest()
			req.RoleName = "AliyunODPSRoleForOtherUser"
			return rc.ListPoliciesForRole(req)
		})
	}
	if throttled < 10 {
		t.Fatalf("only %d throttled answers in 65 calls at 30%%", throttled)
	}
	// The run converged to the intended end state.
	list := withRetry(t, &throttled, func() (*ram.ListPoliciesForRoleResponse, error) {
		req := ram.CreateListPoliciesForRoleRequest()
		req.RoleName = "AliyunODPSRoleForOtherUser"
		return rc.ListPoliciesForRole(req)
	})
	if len(list.Policies.Policy) != 1 {
		t.Fatalf("policies = %+v", list.Policies)
	}

	// Without retries the error has the real shape.
	var last error
	for i := 0; i < 100 && last == nil; i++ {
		_, last = callerIdentity(t, sc)
	}
	wantError(t, last, "Throttling.User", 400, "Request was denied due to user flow control.")
	stats := s.Calls()[sandbox.Call{Service: sandbox.ServiceRAM, Action: "ListPoliciesForRole"}]
	if stats.Count < 31 || stats.Errors == 0 {
		t.Fatalf("calls of ListPoliciesForRole = %+v", stats)
	}
}

func TestUnavailableIsRetriedBySDK(t *testing.T) {
	t.Parallel()
	rules, err := sandbox.ParseFaults("ots:InsertInstance=unavailable:2x")
	must(t, err)
	s := start(t, sandbox.Options{Faults: rules})
	key := account(t, s, sandbox.DemoAccountA).Keys[0]
	// The SDK's own AutoRetry retries 5xx (re-signing with a new nonce).
	must(t, insertInstance(otsClient(t, s, akCred(key), clientOptions{autoRetry: true}), "cap1", "SSD", ""))
	st := s.Calls()[sandbox.Call{Service: sandbox.ServiceOTS, Action: "InsertInstance"}]
	if st.Count != 3 || st.Errors != 2 {
		t.Fatalf("InsertInstance calls = %+v, want 3 with 2 errors", st)
	}
	must(t, s.SetFaults(sandbox.FaultRule{Action: "*", Kind: sandbox.FaultUnavailable, Count: 1}))
	_, err = getInstance(otsClient(t, s, akCred(key)), "cap1")
	wantError(t, err, "ServiceUnavailable", 503)
	_, err = getInstance(otsClient(t, s, akCred(key)), "cap1")
	must(t, err)
}

func TestLatencyAndCalls(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	c := ramClient(t, s, rootCred(t, s, sandbox.DemoAccountA))
	must(t, s.AddFaults(sandbox.FaultRule{Service: sandbox.ServiceRAM, Action: "GetRole", Kind: sandbox.FaultLatency, Latency: 60 * time.Millisecond, Probability: 1}))
	if len(s.Faults()) != 1 {
		t.Fatalf("Faults() = %v", s.Faults())
	}
	s.ResetCalls()
	startAt := time.Now()
	req := ram.CreateGetRoleRequest()
	req.RoleName = "none"
	_, err := c.GetRole(req)
	wantError(t, err, "EntityNotExist.Role", 404)
	if took := time.Since(startAt); took < 60*time.Millisecond {
		t.Fatalf("GetRole took %v despite 60ms latency", took)
	}
	if s.ServeTime() < 60*time.Millisecond {
		t.Fatalf("ServeTime = %v", s.ServeTime())
	}
	_, err = otsClient(t, s, rootCred(t, s, sandbox.DemoAccountA)).ListClusterType(ots.CreateListClusterTypeRequest())
	must(t, err)
	want := map[sandbox.Call]sandbox.CallStats{
		{Service: sandbox.ServiceRAM, Action: "GetRole"}:         {Count: 1, Errors: 1},
		{Service: sandbox.ServiceOTS, Action: "ListClusterType"}: {Count: 1},
	}
	if got := s.Calls(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Calls() = %v, want %v", got, want)
	}
	s.ResetCalls()
	if len(s.Calls()) != 0 || s.ServeTime() != 0 {
		t.Fatal("ResetCalls did not reset")
	}
	if err := s.SetFaults(sandbox.FaultRule{Action: "*", Probability: 0.5}); err == nil {
		t.Fatal("a rule without a kind was accepted")
	}
}
