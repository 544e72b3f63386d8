package aliyun

import (
	"testing"

	"github.com/mcots/wizard/cloud"
)

func TestEndpoints(t *testing.T) {
	t.Parallel()
	real, err := newEndpoints(cloud.Target{})
	if err != nil {
		t.Fatal(err)
	}
	sb, err := newEndpoints(cloud.Target{Endpoint: "http://127.0.0.1:8080/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{real.scheme(), "HTTPS"},
		{real.ram(), "ram.aliyuncs.com"},
		{real.sts("cn-beijing"), "sts.cn-beijing.aliyuncs.com"},
		{real.ots("cn-beijing"), "ots.cn-beijing.aliyuncs.com"},
		{real.tablestore("cn-beijing", "Cap1"), "https://cap1.cn-beijing.ots.aliyuncs.com"},
		{real.maxcompute("cn-beijing"), "https://service.cn-beijing.maxcompute.aliyun.com/api"},
		{sb.scheme(), "HTTP"},
		{sb.ram(), "127.0.0.1:8080"},
		{sb.sts("cn-beijing"), "127.0.0.1:8080"},
		{sb.ots("cn-beijing"), "127.0.0.1:8080"},
		{sb.tablestore("cn-beijing", "cap1"), "http://127.0.0.1:8080/host/cap1.cn-beijing.ots.aliyuncs.com"},
		{sb.maxcompute("cn-beijing"), "http://127.0.0.1:8080/host/service.cn-beijing.maxcompute.aliyun.com/api"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
	for _, bad := range []string{"127.0.0.1:8080", "ftp://127.0.0.1", "http://127.0.0.1:8080/api", "http://"} {
		if _, err := newEndpoints(cloud.Target{Endpoint: bad}); err == nil {
			t.Errorf("endpoint %q was accepted", bad)
		}
	}
}
