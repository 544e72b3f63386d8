package sandbox_test

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/mcots/wizard/cloud/sandbox"
)

func TestParseHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want sandbox.Host
		err  bool
	}{
		{"cap1.cn-hangzhou.ots.aliyuncs.com", sandbox.Host{Name: "cap1.cn-hangzhou.ots.aliyuncs.com", Kind: sandbox.HostTablestore, Region: "cn-hangzhou", Network: sandbox.EndpointPublic, Instance: "cap1"}, false},
		{"Cap1.cn-hangzhou.ots-internal.aliyuncs.com:443", sandbox.Host{Name: "cap1.cn-hangzhou.ots-internal.aliyuncs.com", Kind: sandbox.HostTablestore, Region: "cn-hangzhou", Network: sandbox.EndpointInternal, Instance: "cap1"}, false},
		{"cap1.cn-shanghai.vpc.tablestore.aliyuncs.com", sandbox.Host{Name: "cap1.cn-shanghai.vpc.tablestore.aliyuncs.com", Kind: sandbox.HostTablestore, Region: "cn-shanghai", Network: sandbox.EndpointVPC, Instance: "cap1"}, false},
		{"service.cn-hangzhou.maxcompute.aliyun.com", sandbox.Host{Name: "service.cn-hangzhou.maxcompute.aliyun.com", Kind: sandbox.HostMaxCompute, Region: "cn-hangzhou", Network: sandbox.EndpointPublic}, false},
		{"service.cn-beijing-vpc.maxcompute.aliyun-inc.com", sandbox.Host{Name: "service.cn-beijing-vpc.maxcompute.aliyun-inc.com", Kind: sandbox.HostMaxCompute, Region: "cn-beijing", Network: sandbox.EndpointVPC}, false},
		{"service.cn-shanghai.maxcompute.aliyun-inc.com", sandbox.Host{Name: "service.cn-shanghai.maxcompute.aliyun-inc.com", Kind: sandbox.HostMaxCompute, Region: "cn-shanghai", Network: sandbox.EndpointInternal}, false},
		{"dt.cn-hangzhou.maxcompute.aliyun.com", sandbox.Host{Name: "dt.cn-hangzhou.maxcompute.aliyun.com", Kind: sandbox.HostMaxComputeTunnel, Region: "cn-hangzhou", Network: sandbox.EndpointPublic}, false},
		{"cap1.xx-nowhere.ots.aliyuncs.com", sandbox.Host{}, true},
		{"cap1.ots.aliyuncs.com", sandbox.Host{}, true},
		{"www.cn-hangzhou.maxcompute.aliyun.com", sandbox.Host{}, true},
		{"service.xx-nowhere-vpc.maxcompute.aliyun-inc.com", sandbox.Host{}, true},
		{"example.com", sandbox.Host{}, true},
	}
	for _, tt := range tests {
		got, err := sandbox.ParseHost(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseHost(%q) = %+v, %v; want %+v (error %t)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestURLFor(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	e := s.Endpoint()
	if !strings.HasPrefix(e, "http://127.0.0.1:") || s.Domain() != strings.TrimPrefix(e, "http://") {
		t.Fatalf("Endpoint %q, Domain %q", e, s.Domain())
	}
	for in, want := range map[string]string{
		"https://cap1.cn-hangzhou.ots.aliyuncs.com":                  e + "/host/cap1.cn-hangzhou.ots.aliyuncs.com",
		"cap1.cn-hangzhou.ots-internal.aliyuncs.com":                 e + "/host/cap1.cn-hangzhou.ots-internal.aliyuncs.com",
		"https://service.cn-hangzhou.maxcompute.aliyun.com/api":      e + "/host/service.cn-hangzhou.maxcompute.aliyun.com/api",
		"https://Service.cn-hangzhou.maxcompute.aliyun.com:443/api/": e + "/host/service.cn-hangzhou.maxcompute.aliyun.com/api",
		"https://ram.aliyuncs.com":                                   e,
		"sts.cn-hangzhou.aliyuncs.com":                               e,
		"https://ots.cn-beijing.aliyuncs.com":                        e,
	} {
		if got := s.URLFor(in); got != want {
			t.Errorf("URLFor(%q) = %q, want %q", in, got, want)
		}
	}
}

// recordingPlane is a stand-in data plane that records what it was handed.
type recordingPlane struct {
	mu      sync.Mutex
	paths   []string
	hosts   []sandbox.Host
	reqHost []string
}

func (p *recordingPlane) ServeHost(w http.ResponseWriter, r *http.Request, h sandbox.Host) {
	p.mu.Lock()
	p.paths = append(p.paths, r.URL.Path)
	p.hosts = append(p.hosts, h)
	p.reqHost = append(p.reqHost, r.Host)
	p.mu.Unlock()
	w.WriteHeader(http.StatusTeapot)
	_, _ = io.WriteString(w, "plane")
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "application/octet-stream", strings.NewReader("x"))
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestHostRouting(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	ts := s.URLFor("https://cap1.cn-hangzhou.ots-internal.aliyuncs.com")

	// No instance: the host name does not resolve.
	code, body := get(t, ts+"/ListTable")
	if code != http.StatusBadGateway || !strings.Contains(body, `no Tablestore instance "cap1" in cn-hangzhou`) {
		t.Fatalf("missing instance: %d %q", code, body)
	}
	must(t, insertInstance(otsClient(t, s, rootCred(t, s, sandbox.DemoAccountA)), "cap1", "SSD", ""))
	// The sandbox's own Tablestore plane answers (an unsigned request is
	// refused in its protocol)…
	code, body = get(t, ts+"/ListTable")
	if code != http.StatusBadRequest || !strings.Contains(body, "OTSParameterInvalid") || !strings.Contains(body, "Missing header") {
		t.Fatalf("mounted plane: %d %q", code, body)
	}
	// …and with no plane mounted, the router says so.
	s.MountTablestore(nil)
	code, body = get(t, ts+"/ListTable")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "not mounted") {
		t.Fatalf("unmounted: %d %q", code, body)
	}
	code, body = get(t, s.Endpoint()+"/host/example.com/x")
	if code != http.StatusBadGateway || !strings.Contains(body, "no such host") {
		t.Fatalf("unknown host: %d %q", code, body)
	}

	ots, mc := &recordingPlane{}, &recordingPlane{}
	s.MountTablestore(ots)
	s.MountMaxCompute(mc)
	s.ResetCalls()
	if code, body = get(t, ts+"/PutRow"); code != http.StatusTeapot || body != "plane" {
		t.Fatalf("mounted: %d %q", code, body)
	}
	if code, _ = get(t, s.URLFor("https://service.cn-hangzhou.maxcompute.aliyun.com/api")+"/projects/demo_project/instances"); code != http.StatusTeapot {
		t.Fatalf("maxcompute: %d", code)
	}
	if ots.paths[0] != "/PutRow" || ots.reqHost[0] != "cap1.cn-hangzhou.ots-internal.aliyuncs.com" ||
		ots.hosts[0].Instance != "cap1" || ots.hosts[0].Network != sandbox.EndpointInternal {
		t.Fatalf("tablestore plane saw %v %v %+v", ots.paths, ots.reqHost, ots.hosts)
	}
	if mc.paths[0] != "/api/projects/demo_project/instances" || mc.hosts[0].Kind != sandbox.HostMaxCompute {
		t.Fatalf("maxcompute plane saw %v %+v", mc.paths, mc.hosts)
	}
	calls := s.Calls()
	if calls[sandbox.Call{Service: sandbox.ServiceTablestore, Action: "PutRow"}].Count != 1 ||
		calls[sandbox.Call{Service: sandbox.ServiceMaxCompute, Action: "POST /projects/{}/instances"}].Count != 1 {
		t.Fatalf("Calls() = %v", calls)
	}
}

func TestListenStaysOnLoopback(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0"} {
		if _, err := sandbox.Start(sandbox.Options{Listen: addr}); err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("Listen %q: %v", addr, err)
		}
	}
	if _, err := sandbox.Start(sandbox.Options{Listen: "nonsense"}); err == nil {
		t.Error("a malformed address was accepted")
	}
	s := start(t, sandbox.Options{Listen: "localhost:0"})
	if s.Endpoint() == "" {
		t.Fatal("no endpoint")
	}
}
