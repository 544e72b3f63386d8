package maxcompute

import (
	"net"
	"strings"
)

// regionOfHost reads the region from a MaxCompute service host:
// service.<region>.maxcompute.aliyun.com (public),
// service.<region>.maxcompute.aliyun-inc.com (classic internal) or
// service.<region>-vpc.maxcompute.aliyun-inc.com (VPC).
func regionOfHost(host string) (string, bool) {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	var rest string
	switch {
	case strings.HasSuffix(host, ".maxcompute.aliyun.com"):
		rest = strings.TrimSuffix(host, ".maxcompute.aliyun.com")
	case strings.HasSuffix(host, ".maxcompute.aliyun-inc.com"):
		rest = strings.TrimSuffix(host, ".maxcompute.aliyun-inc.com")
	default:
		return "", false
	}
	region, ok := strings.CutPrefix(rest, "service.")
	if !ok {
		return "", false
	}
	region = strings.TrimSuffix(region, "-vpc")
	if region == "" || strings.Contains(region, ".") {
		return "", false
	}
	return region, true
}
