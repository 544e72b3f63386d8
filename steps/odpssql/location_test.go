package odpssql

import (
	"strings"
	"testing"
)

func TestParseLocation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Location
	}{
		{"tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com",
			Location{Instance: "cap1", Region: "cn-hangzhou", Kind: EndpointInternal, Host: "cap1.cn-hangzhou.ots-internal.aliyuncs.com"}},
		{"tablestore://Cap1.cn-hangzhou.ots.aliyuncs.com/",
			Location{Instance: "Cap1", Region: "cn-hangzhou", Kind: EndpointPublic, Host: "Cap1.cn-hangzhou.ots.aliyuncs.com"}},
		{"tablestore://cap1.ap-southeast-1.vpc.tablestore.aliyuncs.com",
			Location{Instance: "cap1", Region: "ap-southeast-1", Kind: EndpointVPC, Host: "cap1.ap-southeast-1.vpc.tablestore.aliyuncs.com"}},
		{"TableStore://LTAIexample:s3cr3t@cap1.cn-shanghai-finance-1.ots-internal.aliyuncs.com",
			Location{Instance: "cap1", Region: "cn-shanghai-finance-1", Kind: EndpointInternal, Host: "cap1.cn-shanghai-finance-1.ots-internal.aliyuncs.com", HasCredentials: true}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseLocation(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseLocationErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want  string
		badScheme bool
	}{
		{"cap1.cn-hangzhou.ots-internal.aliyuncs.com", "LOCATION 'cap1.cn-hangzhou.ots-internal.aliyuncs.com' does not start with tablestore://; expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com", true},
		{"https://cap1.cn-hangzhou.ots.aliyuncs.com", "LOCATION uses the scheme 'https'://; a Tablestore external table needs tablestore://", true},
		{"AKID:s3cr3t@cap1.cn-hangzhou.ots.aliyuncs.com", "LOCATION '***@cap1.cn-hangzhou.ots.aliyuncs.com' does not start with tablestore://; expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com", true},
		{"tablestore://AKID:s3cr3t/cap1.cn-hangzhou.ots.aliyuncs.com", "LOCATION host '***/cap1.cn-hangzhou.ots.aliyuncs.com' must be a bare host name, without spaces, port, path or query; expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com", false},
		{"AKID:s3cr3t/cap1.cn-hangzhou.ots.aliyuncs.com", "LOCATION '***/cap1.cn-hangzhou.ots.aliyuncs.com' does not start with tablestore://; expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com", true},
		{"tablestore://", "LOCATION has no host; expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com", false},
		{"tablestore://s3cr3t@cap1.cn-hangzhou.ots.aliyuncs.com", "the credentials in LOCATION must be written <AccessKeyId>:<AccessKeySecret>@ before the host", false},
		{"tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com:80", "LOCATION host 'cap1.cn-hangzhou.ots-internal.aliyuncs.com:80' must be a bare host name, without spaces, port, path or query; expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com", false},
		{"tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com/t", "LOCATION host 'cap1.cn-hangzhou.ots-internal.aliyuncs.com/t' must be a bare host name, without spaces, port, path or query; expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com", false},
		{"tablestore://cap1.cn-hangzhou.example.com", "LOCATION host 'cap1.cn-hangzhou.example.com' is not a Tablestore endpoint; expected tablestore://<instance>.<region>.ots-internal.aliyuncs.com (or .ots.aliyuncs.com for public, .vpc.tablestore.aliyuncs.com for VPC)", false},
		{"tablestore://cap1.ots-internal.aliyuncs.com", "LOCATION host 'cap1.ots-internal.aliyuncs.com' must start with <instance>.<region>., e.g. cap1.cn-hangzhou.", false},
		{"tablestore://a.cap1.cn-hangzhou.ots-internal.aliyuncs.com", "LOCATION host 'a.cap1.cn-hangzhou.ots-internal.aliyuncs.com' must start with <instance>.<region>., e.g. cap1.cn-hangzhou.", false},
		{"tablestore://cap_1.cn-hangzhou.ots-internal.aliyuncs.com", "instance 'cap_1' in LOCATION may contain only letters, digits and '-'", false},
		{"tablestore://cap1.hangzhou.ots-internal.aliyuncs.com", "region 'hangzhou' in LOCATION is not a region ID such as cn-hangzhou", false},
		{"tablestore://cap1.CN-hangzhou.ots-internal.aliyuncs.com", "region 'CN-hangzhou' in LOCATION is not a region ID such as cn-hangzhou", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParseLocation(tt.in)
			le, ok := err.(*LocationError)
			if !ok {
				t.Fatalf("error = %v (%T), want *LocationError", err, err)
			}
			if le.Error() != tt.want || le.BadScheme != tt.badScheme {
				t.Errorf("got %q (bad scheme %v)\nwant %q (%v)", le.Error(), le.BadScheme, tt.want, tt.badScheme)
			}
			if strings.Contains(le.Error(), "s3cr3t") {
				t.Errorf("error leaks the secret: %q", le.Error())
			}
		})
	}
}

func TestLocationForRoundTrips(t *testing.T) {
	t.Parallel()
	for _, kind := range []EndpointKind{EndpointInternal, EndpointPublic, EndpointVPC} {
		s := LocationFor("Cap1", "cn-hangzhou", kind)
		loc, err := ParseLocation(s)
		if err != nil {
			t.Fatalf("%v: %v", kind, err)
		}
		if loc.Instance != "cap1" || loc.Region != "cn-hangzhou" || loc.Kind != kind {
			t.Errorf("%v: %s parsed as %+v", kind, s, loc)
		}
	}
	if got := LocationFor("cap1", "cn-hangzhou", EndpointInternal); got != "tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com" {
		t.Errorf("LocationFor = %q", got)
	}
	for kind, want := range map[EndpointKind]string{EndpointInternal: "internal", EndpointPublic: "public", EndpointVPC: "vpc", 9: "EndpointKind(9)"} {
		if kind.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(kind), kind.String(), want)
		}
	}
}
