package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
)

// HostKind is which data plane a real host name belongs to.
type HostKind int

const (
	// HostTablestore is a Tablestore instance endpoint.
	HostTablestore HostKind = iota + 1
	// HostMaxCompute is the MaxCompute service endpoint.
	HostMaxCompute
	// HostMaxComputeTunnel is the MaxCompute Tunnel endpoint.
	HostMaxComputeTunnel
)

func (k HostKind) String() string {
	switch k {
	case HostTablestore:
		return "tablestore"
	case HostMaxCompute:
		return "maxcompute"
	case HostMaxComputeTunnel:
		return "maxcompute-tunnel"
	}
	return "unknown"
}

// EndpointNetwork is the network a host name addresses.
type EndpointNetwork int

const (
	// EndpointPublic: reachable from the internet (*.ots.aliyuncs.com,
	// service.<region>.maxcompute.aliyun.com).
	EndpointPublic EndpointNetwork = iota + 1
	// EndpointInternal: the classic internal network
	// (*.ots-internal.aliyuncs.com), what MaxCompute should use.
	EndpointInternal
	// EndpointVPC: a VPC endpoint.
	EndpointVPC
)

func (n EndpointNetwork) String() string {
	switch n {
	case EndpointPublic:
		return "public"
	case EndpointInternal:
		return "internal"
	case EndpointVPC:
		return "vpc"
	}
	return "unknown"
}

// Host is a real service host name, classified.
type Host struct {
	Name     string // lower-case, without port, e.g. "cap1.cn-hangzhou.ots.aliyuncs.com"
	Kind     HostKind
	Region   string
	Network  EndpointNetwork
	Instance string // Tablestore: the instance, the host's first label
}

// ParseHost classifies a real endpoint host: Tablestore instance endpoints
// <instance>.<region>.ots.aliyuncs.com (public),
// <instance>.<region>.ots-internal.aliyuncs.com (classic internal) and
// <instance>.<region>.vpc.tablestore.aliyuncs.com (VPC); MaxCompute
// service.<region>.maxcompute.aliyun.com (public),
// service.<region>.maxcompute.aliyun-inc.com (classic internal) and
// service.<region>-vpc.maxcompute.aliyun-inc.com (VPC); and the matching
// dt.… Tunnel hosts. The region must be one the sandbox knows.
func ParseHost(name string) (Host, error) {
	h, err := wire.ParseHost(name)
	if err != nil {
		return Host{}, err
	}
	if !knownRegion(h.Region) {
		return Host{}, fmt.Errorf("%q: unknown region %q", h.Name, h.Region)
	}
	return Host{Name: h.Name, Kind: HostKind(h.Service), Region: h.Region, Network: EndpointNetwork(h.Network), Instance: h.Instance}, nil
}

// HostHandler serves a data plane. The request it receives has its URL
// path rewritten to what the client signed (e.g. "/PutRow" or
// "/api/projects/p/instances") and its Host set to the real host name.
type HostHandler interface {
	ServeHost(w http.ResponseWriter, r *http.Request, h Host)
}

// HostHandlerFunc adapts a function to HostHandler.
type HostHandlerFunc func(w http.ResponseWriter, r *http.Request, h Host)

// ServeHost calls f.
func (f HostHandlerFunc) ServeHost(w http.ResponseWriter, r *http.Request, h Host) { f(w, r, h) }

// ActionNamer may be implemented by a HostHandler to name the action of a
// request for Calls(); otherwise the router names it from the path.
type ActionNamer interface {
	ActionName(r *http.Request, h Host) string
}

type mounts struct {
	mu         sync.RWMutex
	tablestore HostHandler
	maxcompute HostHandler
}

// MountTablestore makes h serve every Tablestore instance endpoint.
func (s *Sandbox) MountTablestore(h HostHandler) {
	s.mounts.mu.Lock()
	defer s.mounts.mu.Unlock()
	s.mounts.tablestore = h
}

// MountMaxCompute makes h serve the MaxCompute service and Tunnel endpoints.
func (s *Sandbox) MountMaxCompute(h HostHandler) {
	s.mounts.mu.Lock()
	defer s.mounts.mu.Unlock()
	s.mounts.maxcompute = h
}

// serveHost routes /host/<host>/<path> to the mounted data plane.
func (s *Sandbox) serveHost(w http.ResponseWriter, r *http.Request, start time.Time) {
	hostName, path, ok := wire.SplitHostPath(r.URL.Path)
	h, err := ParseHost(hostName)
	if !ok || err != nil {
		if err == nil {
			err = errors.New("the path names no host")
		}
		// A name no resolver knows: like a DNS failure, with a hint.
		http.Error(w, "sandbox: no such host: "+err.Error(), http.StatusBadGateway)
		s.log.Info("host", "host", hostName, "status", http.StatusBadGateway, "took", time.Since(start))
		return
	}
	svc := ServiceTablestore
	if h.Kind != HostTablestore {
		svc = ServiceMaxCompute
	}
	if h.Kind == HostTablestore {
		// An instance's host name exists only while the instance does.
		if _, ok := s.Instance(h.Region, h.Instance); !ok {
			http.Error(w, fmt.Sprintf("sandbox: no such host %s: there is no Tablestore instance %q in %s", h.Name, h.Instance, h.Region), http.StatusBadGateway)
			s.log.Info("host", "host", h.Name, "status", http.StatusBadGateway, "took", time.Since(start))
			return
		}
	}
	s.mounts.mu.RLock()
	handler := s.mounts.tablestore
	if svc == ServiceMaxCompute {
		handler = s.mounts.maxcompute
	}
	s.mounts.mu.RUnlock()

	r2 := r.Clone(r.Context())
	r2.URL.Path = path
	r2.URL.RawPath = ""
	r2.RequestURI = r2.URL.RequestURI()
	r2.Host = h.Name

	action := defaultActionName(r2, h)
	if n, ok := handler.(ActionNamer); ok {
		action = n.ActionName(r2, h)
	}
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	if handler == nil {
		http.Error(rec, fmt.Sprintf("sandbox: the %s data plane is not mounted in this sandbox", svc), http.StatusServiceUnavailable)
	} else {
		handler.ServeHost(rec, r2, h)
	}
	took := time.Since(start)
	call := Call{Service: svc, Action: action}
	s.calls.record(call, rec.status >= 300, took)
	s.log.Info("host", "host", h.Name, "action", action, "status", rec.status, "took", took)
	if svc == ServiceTablestore && call.IsWrite() && rec.status < 300 {
		s.planesDirty.Store(true)
	}
	s.saveIfPlanesChanged()
}

// defaultActionName: Tablestore's action is the path ("/PutRow");
// MaxCompute's is the method and the path with names elided
// ("POST /projects/{}/instances").
func defaultActionName(r *http.Request, h Host) string {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if h.Kind == HostTablestore {
		return segs[0]
	}
	if len(segs) > 0 && segs[0] == "api" {
		segs = segs[1:]
	}
	for i := 1; i < len(segs); i += 2 {
		segs[i] = "{}"
	}
	return r.Method + " /" + strings.Join(segs, "/")
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// Flush lets streaming handlers flush through the recorder.
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
