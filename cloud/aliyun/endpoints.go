package aliyun

import (
	"net/url"
	"strings"

	"github.com/mcots/wizard/cloud"
)

// endpoints says where each service's calls go for one target.
type endpoints struct {
	sandbox string // base URL of a sandbox; empty for Alibaba Cloud
	host    string // the sandbox's host:port
}

func newEndpoints(t cloud.Target) (endpoints, error) {
	if !t.IsSandbox() {
		return endpoints{}, nil
	}
	u, err := url.Parse(strings.TrimRight(t.Endpoint, "/"))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || (u.Path != "" && u.Path != "/") {
		return endpoints{}, &endpointError{t.Endpoint}
	}
	return endpoints{sandbox: u.Scheme + "://" + u.Host, host: u.Host}, nil
}

type endpointError struct{ endpoint string }

func (e *endpointError) Error() string {
	return "endpoint " + e.endpoint + " is not a sandbox base URL such as http://127.0.0.1:8080 (scheme, host and port, no path)"
}

// scheme is what the RPC SDK is told: HTTPS for the cloud (its default is
// HTTP), the sandbox's own scheme otherwise.
func (e endpoints) scheme() string {
	if e.sandbox != "" && strings.HasPrefix(e.sandbox, "http://") {
		return "HTTP"
	}
	return "HTTPS"
}

// The RPC APIs: Domain as alibaba-cloud-sdk-go takes it (host[:port]). The
// Tablestore instance API has no endpoint map in the SDK, which would ask
// the Location service: its domain is always set.
func (e endpoints) ram() string {
	if e.sandbox != "" {
		return e.host
	}
	return "ram.aliyuncs.com"
}

func (e endpoints) sts(region string) string {
	if e.sandbox != "" {
		return e.host
	}
	return "sts." + region + ".aliyuncs.com"
}

func (e endpoints) ots(region string) string {
	if e.sandbox != "" {
		return e.host
	}
	return "ots." + region + ".aliyuncs.com"
}

// tablestore is the data endpoint of an instance: the public one, since
// the wizard runs outside Alibaba Cloud.
func (e endpoints) tablestore(region, instance string) string {
	return e.data("https://" + strings.ToLower(instance) + "." + region + ".ots.aliyuncs.com")
}

// maxcompute is the MaxCompute REST endpoint of a region, with the /api
// base path the ODPS SDK expects.
func (e endpoints) maxcompute(region string) string {
	return e.data("https://service." + region + ".maxcompute.aliyun.com/api")
}

// data maps a real data-plane URL to the sandbox's /host/<host>/<path>
// form, the sandbox's documented routing convention.
func (e endpoints) data(real string) string {
	if e.sandbox == "" {
		return real
	}
	rest := strings.TrimPrefix(real, "https://")
	return e.sandbox + "/host/" + rest
}
