package tablestore

import (
	"fmt"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
)

// EndpointKind is the network an endpoint host belongs to.
type EndpointKind int

// Endpoint kinds. The numbers are those of the shared host parser.
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

// ParseEndpoint reads instance, region and network kind from a Tablestore
// data endpoint host such as "cap1.cn-hangzhou.ots-internal.aliyuncs.com".
// A scheme, port or trailing dot is tolerated.
func ParseEndpoint(host string) (Endpoint, error) {
	h, err := wire.ParseHost(host)
	if err != nil || h.Service != wire.Tablestore {
		return Endpoint{}, fmt.Errorf("%q is not a Tablestore endpoint; expected <instance>.<region>.ots.aliyuncs.com, "+
			"<instance>.<region>.ots-internal.aliyuncs.com or <instance>.<region>.vpc.tablestore.aliyuncs.com", host)
	}
	return Endpoint{Host: h.Name, Instance: h.Instance, Region: h.Region, Kind: EndpointKind(h.Network)}, nil
}

// SplitHostPath splits a sandbox path "/host/<real-host>/<rest>" into the real
// host and "/<rest>". ok is false for any other path.
func SplitHostPath(p string) (host, rest string, ok bool) { return wire.SplitHostPath(p) }
