package wire

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestParseHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Host
		err  bool
	}{
		{"cap1.cn-hangzhou.ots.aliyuncs.com", Host{"cap1.cn-hangzhou.ots.aliyuncs.com", Tablestore, "cn-hangzhou", Public, "cap1"}, false},
		{"https://Cap1.cn-hangzhou.ots-internal.aliyuncs.com:443/x", Host{"cap1.cn-hangzhou.ots-internal.aliyuncs.com", Tablestore, "cn-hangzhou", Internal, "cap1"}, false},
		{"tablestore://ak:sk@cap1.cn-shanghai.vpc.tablestore.aliyuncs.com.", Host{"cap1.cn-shanghai.vpc.tablestore.aliyuncs.com", Tablestore, "cn-shanghai", VPC, "cap1"}, false},
		{"service.cn-hangzhou.maxcompute.aliyun.com", Host{"service.cn-hangzhou.maxcompute.aliyun.com", MaxCompute, "cn-hangzhou", Public, ""}, false},
		{"service.cn-hangzhou.maxcompute.aliyun-inc.com", Host{"service.cn-hangzhou.maxcompute.aliyun-inc.com", MaxCompute, "cn-hangzhou", Internal, ""}, false},
		{"service.cn-beijing-vpc.maxcompute.aliyun-inc.com", Host{"service.cn-beijing-vpc.maxcompute.aliyun-inc.com", MaxCompute, "cn-beijing", VPC, ""}, false},
		{"dt.cn-hangzhou.maxcompute.aliyun.com", Host{"dt.cn-hangzhou.maxcompute.aliyun.com", MaxComputeTunnel, "cn-hangzhou", Public, ""}, false},
		{"www.cn-hangzhou.maxcompute.aliyun.com", Host{}, true},
		{"service.-vpc.maxcompute.aliyun-inc.com", Host{}, true},
		{"cap1.ots.aliyuncs.com", Host{}, true},
		{"cap1.a.b.ots.aliyuncs.com", Host{}, true},
		{".cn-hangzhou.ots.aliyuncs.com", Host{}, true},
		{"ram.aliyuncs.com", Host{}, true},
		{"127.0.0.1:8080", Host{}, true},
		{"", Host{}, true},
	}
	for _, tt := range tests {
		got, err := ParseHost(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseHost(%q) = %+v, %v; want %+v (error %t)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestSplitHostPath(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path, host, rest string
		ok               bool
	}{
		{"/host/cap1.cn-hangzhou.ots.aliyuncs.com/PutRow", "cap1.cn-hangzhou.ots.aliyuncs.com", "/PutRow", true},
		{"/host/service.cn-hangzhou.maxcompute.aliyun.com/api/projects/p", "service.cn-hangzhou.maxcompute.aliyun.com", "/api/projects/p", true},
		{"/host/h", "h", "/", true},
		{"/PutRow", "", "", false},
		{"/host//PutRow", "", "", false},
	} {
		host, rest, ok := SplitHostPath(tc.path)
		if host != tc.host || rest != tc.rest || ok != tc.ok {
			t.Errorf("SplitHostPath(%q) = %q, %q, %v", tc.path, host, rest, ok)
		}
	}
}

func TestSignHMACSHA1(t *testing.T) {
	t.Parallel()
	// RFC 2202 test case 2.
	if got := SignHMACSHA1([]byte("Jefe"), "what do ya want for nothing?"); got != "7/zfauXrL6LSdBbV8YTfnCWafHk=" {
		t.Errorf("SignHMACSHA1 = %s", got)
	}
	if !SameSignature("abc", "abc") || SameSignature("abc", "abd") || SameSignature("abc", "") {
		t.Error("SameSignature compares wrongly")
	}
}

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	rec.Header().Set("x-keep", "1")
	WriteJSON(rec, 403, map[string]string{"Code": "NoPermission", "Doc": "<a>&"})
	if rec.Code != 403 || rec.Header().Get("x-keep") != "1" || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, headers %v", rec.Code, rec.Header())
	}
	if body := rec.Body.String(); body != `{"Code":"NoPermission","Doc":"<a>&"}`+"\n" || rec.Header().Get("Content-Length") != "37" {
		t.Errorf("body %q, length %s", body, rec.Header().Get("Content-Length"))
	}
	bad := httptest.NewRecorder()
	WriteJSON(bad, 200, map[string]any{"f": func() {}})
	if bad.Code != 500 || !strings.Contains(bad.Body.String(), "InternalError") {
		t.Errorf("unencodable answer: %d %q", bad.Code, bad.Body.String())
	}
}

func TestMaskLocation(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com":                "tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com",
		"tablestore://LTAIabc:s3cr3t@cap1.cn-hangzhou.ots-internal.aliyuncs.com": "tablestore://LTAIabc:******@cap1.cn-hangzhou.ots-internal.aliyuncs.com",
		"tablestore://LTAIabc@cap1.x":                                            "tablestore://LTAIabc@cap1.x",
		"no scheme":                                                              "no scheme",
		"tablestore://a:b:c@host":                                                "tablestore://a:******@host",
	} {
		if got := MaskLocation(in); got != want {
			t.Errorf("MaskLocation(%q) = %q, want %q", in, got, want)
		}
	}
}
