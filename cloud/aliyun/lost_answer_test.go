package aliyun_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

// lossyProxy stands between the wizard and the sandbox like a bad network:
// the first call of each listed action reaches the sandbox and takes
// effect, but its answer is replaced by a 503.
type lossyProxy struct {
	mu      sync.Mutex
	target  *url.URL
	pending map[string]bool
	lost    []string
}

func (p *lossyProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action := r.URL.Query().Get("Action")
	p.mu.Lock()
	lose := p.pending[action]
	delete(p.pending, action)
	if lose {
		p.lost = append(p.lost, action)
	}
	p.mu.Unlock()
	out := r.Clone(r.Context())
	out.URL.Scheme, out.URL.Host, out.RequestURI = p.target.Scheme, p.target.Host, ""
	resp, err := http.DefaultTransport.RoundTrip(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if lose {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"Code":"ServiceUnavailable","Message":"The answer was lost on the way.","RequestId":"lost-1"}`)
		return
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body)
}

// A create whose answer is lost took effect: the step looks before
// creating again, and nothing is made twice.
func TestLostAnswersDoNotDuplicate(t *testing.T) {
	t.Parallel()
	w := newWorld(t, sandbox.Options{})
	u, _ := url.Parse(w.sb.Endpoint())
	proxy := &lossyProxy{target: u, pending: map[string]bool{"CreateRole": true, "CreatePolicy": true, "InsertInstance": true, "CreatePolicyVersion": true}}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	target := cloud.Target{Endpoint: srv.URL, Region: sandbox.DefaultRegion}
	s, err := aliyun.ConnectWith(w.options())(context.Background(), target, w.ca, w.cb)
	if err != nil {
		t.Fatal(err)
	}
	spec := w.seedSpec()
	for _, id := range []steps.StepID{steps.StepRole, steps.StepPolicy, steps.StepInstance} {
		if out := apply(t, s, spec, id); out.Action != steps.ActionCreate {
			t.Errorf("%s: %s (%s)", id, out.Action, out.Summary)
		}
	}
	// A changed policy adds exactly one version, though the answer is lost.
	spec.RAM.Access = steps.AccessReadWrite
	if out := apply(t, s, spec, steps.StepPolicy); out.Action != steps.ActionChange {
		t.Errorf("policy update: %+v", out)
	}
	proxy.mu.Lock()
	lost := strings.Join(proxy.lost, ",")
	proxy.mu.Unlock()
	if lost != "CreateRole,CreatePolicy,InsertInstance,CreatePolicyVersion" {
		t.Fatalf("answers lost: %s", lost)
	}
	ctx := context.Background()
	acct := w.accountA()
	versions, err := acct.RAM().ListPolicyVersions(ctx, spec.RAM.Policy)
	if err != nil || len(versions) != 2 {
		t.Errorf("policy versions %+v, %v", versions, err)
	}
	for _, c := range []sandbox.Call{{Service: sandbox.ServiceRAM, Action: "CreateRole"}, {Service: sandbox.ServiceRAM, Action: "CreatePolicy"},
		{Service: sandbox.ServiceOTS, Action: "InsertInstance"}, {Service: sandbox.ServiceRAM, Action: "CreatePolicyVersion"}} {
		if st := w.sb.Calls()[c]; st.Count != 1 {
			t.Errorf("%s was sent %d times", c, st.Count)
		}
	}
}
