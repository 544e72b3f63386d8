package wire

import (
	"fmt"
	"net"
	"strings"
)

// Service is which data plane a host belongs to.
type Service int

// The data-plane services. The numbers match the sandbox core's HostKind.
const (
	Tablestore       Service = iota + 1 // <instance>.<region>.… Tablestore data endpoints
	MaxCompute                          // service.<region>.… MaxCompute REST endpoints
	MaxComputeTunnel                    // dt.<region>.… MaxCompute Tunnel endpoints
)

// Network is which network a host name addresses. The numbers match the
// sandbox core's EndpointNetwork and the Tablestore plane's EndpointKind.
type Network int

// The networks.
const (
	Public   Network = iota + 1 // reachable from the internet
	Internal                    // the classic internal network of a region
	VPC                         // a VPC endpoint
)

// Host is a classified real host name.
type Host struct {
	Name     string // lower case, without scheme, port, path or trailing dot
	Service  Service
	Region   string // as written; whether it is a real region is the caller's question
	Network  Network
	Instance string // Tablestore: the first label
}

// hostShape is one family of host names: what follows the region, the
// network it means, and which service answers there.
type hostShape struct {
	suffix  string
	service Service
	network Network
}

// hostShapes lists every host family the sandbox serves. Tablestore hosts
// are <instance>.<region><suffix>; MaxCompute hosts are
// service.<region><suffix> and dt.<region><suffix> (the VPC form writes the
// region as "<region>-vpc").
func hostShapes() []hostShape {
	return []hostShape{
		{".ots.aliyuncs.com", Tablestore, Public},
		{".ots-internal.aliyuncs.com", Tablestore, Internal},
		{".vpc.tablestore.aliyuncs.com", Tablestore, VPC},
		{".maxcompute.aliyun.com", MaxCompute, Public},
		{".maxcompute.aliyun-inc.com", MaxCompute, Internal}, // "<region>-vpc" makes it VPC
	}
}

// Normalize lower-cases a host and drops what a client may write around it:
// a scheme, user information, a port, a path and a trailing dot.
func Normalize(s string) string {
	h := strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	h, _, _ = strings.Cut(h, "/")
	if i := strings.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if hostOnly, _, err := net.SplitHostPort(h); err == nil {
		h = hostOnly
	}
	return strings.TrimSuffix(h, ".")
}

// ParseHost classifies a Tablestore or MaxCompute endpoint host. It checks
// the shape only: <label>.<region><suffix> with a one-label region.
func ParseHost(s string) (Host, error) {
	h := Normalize(s)
	for _, shape := range hostShapes() {
		rest, ok := strings.CutSuffix(h, shape.suffix)
		if !ok {
			continue
		}
		first, region, ok := strings.Cut(rest, ".")
		if !ok || first == "" || region == "" || strings.Contains(region, ".") {
			break
		}
		out := Host{Name: h, Service: shape.service, Region: region, Network: shape.network}
		if shape.service == Tablestore {
			out.Instance = first
			return out, nil
		}
		switch first {
		case "service":
		case "dt":
			out.Service = MaxComputeTunnel
		default:
			return Host{}, fmt.Errorf("%q is not a MaxCompute endpoint host (want service.<region>… or dt.<region>…)", s)
		}
		if r, vpc := strings.CutSuffix(region, "-vpc"); vpc && shape.network == Internal {
			out.Region, out.Network = r, VPC
		}
		if out.Region == "" {
			break
		}
		return out, nil
	}
	return Host{}, fmt.Errorf("%q is not a Tablestore or MaxCompute endpoint host", s)
}

// HostPrefix starts every path the sandbox's listener routes to a data
// plane: /host/<real-host>/<path the client signed>.
const HostPrefix = "/host/"

// SplitHostPath splits "/host/<real-host>/<rest>" into the real host and
// "/<rest>". ok is false for any other path or an empty host.
func SplitHostPath(p string) (host, rest string, ok bool) {
	after, found := strings.CutPrefix(p, HostPrefix)
	if !found {
		return "", "", false
	}
	host, rest, _ = strings.Cut(after, "/")
	if host == "" {
		return "", "", false
	}
	return host, "/" + rest, true
}

// MaskLocation hides the secret of a LOCATION that embeds an AccessKey
// (tablestore://<id>:<secret>@host → tablestore://<id>:******@host), so that
// answers, logs and files never carry it. Other values come back unchanged.
func MaskLocation(loc string) string {
	scheme, rest, ok := strings.Cut(loc, "://")
	if !ok {
		return loc
	}
	userinfo, host, ok := strings.Cut(rest, "@")
	if !ok {
		return loc
	}
	id, _, hasSecret := strings.Cut(userinfo, ":")
	if !hasSecret {
		return loc
	}
	return scheme + "://" + id + ":******@" + host
}
