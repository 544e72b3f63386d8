package tablestore

import (
	"fmt"
	"net"
	"strings"
)

// EndpointKind is the network an endpoint host belongs to.
type EndpointKind int

// Endpoint kinds.
const (
	EndpointPublic   EndpointKind = iota + 1 // <inst>.<region>.ots.aliyuncs.com
	EndpointInternal                         // <inst>.<region>.ots-internal.aliyuncs.com (classic network)
	EndpointVPC                              // <inst>.<region>.vpc.tablestore.aliyuncs.com
)

// String names the endpoint kind.
func (k EndpointKind) String() string {
	switch k {
	case EndpointPublic:
		return "public"
	case EndpointInternal:
		return "internal"
	case EndpointVPC:
		return "vpc"
	default:
		return fmt.Sprintf("EndpointKind(%d)", int(k))
	}
}

// Endpoint is a parsed Tablestore data endpoint host.
type Endpoint struct {
	Host     string // lowercase, without port
	Instance string // the host's first label
	Region   string
	Kind     EndpointKind
}

// endpointSuffixes lists what follows "<inst>.<region>." for each endpoint
// kind.
func endpointSuffixes() []struct {
	suffix string
	kind   EndpointKind
} {
	return []struct {
		suffix string
		kind   EndpointKind
	}{
		{".ots.aliyuncs.com", EndpointPublic},
		{".ots-internal.aliyuncs.com", EndpointInternal},
		{".vpc.tablestore.aliyuncs.com", EndpointVPC},
	}
}

// ParseEndpoint reads instance, region and network kind from a Tablestore
// data endpoint host such as "cap1.cn-hangzhou.ots-internal.aliyuncs.com".
// A scheme, port or trailing dot is tolerated.
func ParseEndpoint(host string) (Endpoint, error) {
	h := strings.ToLower(strings.TrimSpace(host))
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	h = strings.TrimSuffix(strings.SplitN(h, "/", 2)[0], ".")
	if hostOnly, _, err := net.SplitHostPort(h); err == nil {
		h = hostOnly
	}
	for _, s := range endpointSuffixes() {
		rest, ok := strings.CutSuffix(h, s.suffix)
		if !ok {
			continue
		}
		inst, region, ok := strings.Cut(rest, ".")
		if !ok || inst == "" || region == "" || strings.Contains(region, ".") {
			break
		}
		return Endpoint{Host: h, Instance: inst, Region: region, Kind: s.kind}, nil
	}
	return Endpoint{}, fmt.Errorf("%q is not a Tablestore endpoint; expected <instance>.<region>.ots.aliyuncs.com, "+
		"<instance>.<region>.ots-internal.aliyuncs.com or <instance>.<region>.vpc.tablestore.aliyuncs.com", host)
}

// SplitHostPath splits a sandbox path "/host/<real-host>/<rest>" into the real
// host and "/<rest>". ok is false for any other path.
func SplitHostPath(p string) (host, rest string, ok bool) {
	after, found := strings.CutPrefix(p, "/host/")
	if !found {
		return "", "", false
	}
	host, rest, _ = strings.Cut(after, "/")
	if host == "" {
		return "", "", false
	}
	return host, "/" + rest, true
}
