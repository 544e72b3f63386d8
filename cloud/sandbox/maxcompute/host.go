package maxcompute

import "github.com/mcots/wizard/cloud/sandbox/internal/wire"

// regionOfHost reads the region from a MaxCompute service host:
// service.<region>.maxcompute.aliyun.com (public),
// service.<region>.maxcompute.aliyun-inc.com (classic internal) or
// service.<region>-vpc.maxcompute.aliyun-inc.com (VPC).
func regionOfHost(host string) (string, bool) {
	h, err := wire.ParseHost(host)
	if err != nil || h.Service != wire.MaxCompute {
		return "", false
	}
	return h.Region, true
}
