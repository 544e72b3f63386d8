package odpssql

import (
	"fmt"
	"strings"
)

// EndpointKind is the network a Tablestore endpoint is reached over.
type EndpointKind int

// Endpoint kinds. MaxCompute should use the internal one: it stays inside
// Alibaba Cloud's network and needs no public access on the instance.
const (
	EndpointInternal EndpointKind = iota // <inst>.<region>.ots-internal.aliyuncs.com
	EndpointPublic                       // <inst>.<region>.ots.aliyuncs.com
	EndpointVPC                          // <inst>.<region>.vpc.tablestore.aliyuncs.com
)

func (k EndpointKind) String() string {
	switch k {
	case EndpointInternal:
		return "internal"
	case EndpointPublic:
		return "public"
	case EndpointVPC:
		return "vpc"
	}
	return fmt.Sprintf("EndpointKind(%d)", int(k))
}

// hostSuffix is the part of the host after <instance>.<region>.
func (k EndpointKind) hostSuffix() string {
	switch k {
	case EndpointPublic:
		return ".ots.aliyuncs.com"
	case EndpointVPC:
		return ".vpc.tablestore.aliyuncs.com"
	}
	return ".ots-internal.aliyuncs.com"
}

// locationScheme starts every Tablestore external-table LOCATION.
const locationScheme = "tablestore://"

// Location is a parsed LOCATION value. It never holds the AccessKey pair of
// a LOCATION that embeds one, only the fact that it does.
type Location struct {
	Instance       string
	Region         string
	Kind           EndpointKind
	Host           string
	HasCredentials bool
}

// LocationError is a LOCATION value that is not a Tablestore endpoint.
// BadScheme is set when it does not start with tablestore:// at all.
type LocationError struct {
	BadScheme bool
	Msg       string
}

func (e *LocationError) Error() string { return e.Msg }

// LocationFor is the LOCATION value for a Tablestore instance. The instance
// label is lower-cased: instance names are case-insensitive and hosts are
// conventionally lower case.
func LocationFor(instance, region string, kind EndpointKind) string {
	return locationScheme + strings.ToLower(instance) + "." + region + kind.hostSuffix()
}

// ParseLocation reads tablestore://[AK:SK@]<instance>.<region>.<endpoint
// suffix>, where the suffix names the internal, public or VPC endpoint.
func ParseLocation(s string) (Location, error) {
	var loc Location
	shape := "expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com"
	if len(s) < len(locationScheme) || !strings.EqualFold(s[:len(locationScheme)], locationScheme) {
		msg := fmt.Sprintf("LOCATION %s does not start with tablestore://; %s", quoteShown(maskAccessKey(s)), shape)
		if i := strings.Index(s, "://"); i >= 0 {
			msg = fmt.Sprintf("LOCATION uses the scheme %s://; a Tablestore external table needs tablestore://", quoteShown(s[:i]))
		}
		return loc, &LocationError{BadScheme: true, Msg: msg}
	}
	rest := s[len(locationScheme):]
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		loc.HasCredentials = true
		ak, sk, ok := strings.Cut(rest[:at], ":")
		if !ok || ak == "" || sk == "" {
			return loc, &LocationError{Msg: "the credentials in LOCATION must be written <AccessKeyId>:<AccessKeySecret>@ before the host"}
		}
		rest = rest[at+1:]
	}
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" {
		return loc, &LocationError{Msg: "LOCATION has no host; " + shape}
	}
	if strings.ContainsAny(rest, "/?#:") || strings.TrimSpace(rest) != rest || strings.ContainsAny(rest, " \t\r\n") {
		return loc, &LocationError{Msg: fmt.Sprintf("LOCATION host %s must be a bare host name, without spaces, port, path or query; %s", quoteShown(maskAccessKey(rest)), shape)}
	}
	loc.Host = rest
	lower := strings.ToLower(rest)
	var prefix string
	found := false
	for _, k := range []EndpointKind{EndpointInternal, EndpointVPC, EndpointPublic} {
		if strings.HasSuffix(lower, k.hostSuffix()) {
			loc.Kind, prefix, found = k, rest[:len(rest)-len(k.hostSuffix())], true
			break
		}
	}
	if !found {
		return loc, &LocationError{Msg: fmt.Sprintf("LOCATION host %s is not a Tablestore endpoint; %s (or .ots.aliyuncs.com for public, .vpc.tablestore.aliyuncs.com for VPC)", quoteShown(rest), shape)}
	}
	inst, region, ok := strings.Cut(prefix, ".")
	if !ok || inst == "" || region == "" || strings.Contains(region, ".") {
		return loc, &LocationError{Msg: fmt.Sprintf("LOCATION host %s must start with <instance>.<region>., e.g. cap1.cn-hangzhou.", quoteShown(rest))}
	}
	if !validLabel(inst) {
		return loc, &LocationError{Msg: fmt.Sprintf("instance %s in LOCATION may contain only letters, digits and '-'", quoteShown(inst))}
	}
	if !validRegion(region) {
		return loc, &LocationError{Msg: fmt.Sprintf("region %s in LOCATION is not a region ID such as cn-hangzhou", quoteShown(region))}
	}
	loc.Instance, loc.Region = inst, region
	return loc, nil
}

func validLabel(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || isDigit(r) || r == '-') {
			return false
		}
	}
	return s != ""
}

// validRegion accepts region IDs: lower-case words joined by '-', starting
// with a letter, such as cn-hangzhou, ap-southeast-1, cn-shanghai-finance-1.
func validRegion(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z') || !strings.Contains(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || isDigit(r) || r == '-') {
			return false
		}
	}
	return true
}

// maskAccessKey hides what may be an AccessKey pair in a mistyped LOCATION:
// everything before an '@', or an "id:secret" before the first '/' when the
// part before ':' is not a host name (hosts have dots, key IDs do not).
func maskAccessKey(s string) string {
	if at := strings.LastIndex(s, "@"); at >= 0 {
		return "***" + s[at:]
	}
	colon := strings.Index(s, ":")
	if colon <= 0 || strings.Contains(s[:colon], ".") {
		return s
	}
	if slash := strings.Index(s[colon:], "/"); slash >= 0 {
		return "***" + s[colon+slash:]
	}
	return "***"
}
