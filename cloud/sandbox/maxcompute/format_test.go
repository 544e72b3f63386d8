package maxcompute

import (
	"encoding/csv"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestFormatDouble(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   float64
		want string
	}{
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{1, "1.0"},
		{-2.5, "-2.5"},
		{0.1, "0.1"},
		{1.0 / 3, "0.3333333333333333"},
		{0.001, "0.001"},
		{0.0001, "1.0E-4"},
		{1234567.5, "1234567.5"},
		{1e7, "1.0E7"},
		{1.5e21, "1.5E21"},
		{-6.02214076e23, "-6.02214076E23"},
		{math.MaxFloat64, "1.7976931348623157E308"},
		{123456789, "1.23456789E8"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
	}
	for _, c := range cases {
		if got := formatDouble(c.in); got != c.want {
			t.Errorf("formatDouble(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The CSV must read back, through the reader the SDK uses, to exactly the
// values written.
func TestFormatCSVRoundTrips(t *testing.T) {
	t.Parallel()
	header := []string{"a", "b,c"}
	rows := [][]cell{
		{{text: `say "hi"`}, nullCell()},
		{{text: "multi\nline"}, {text: ""}},
		{{text: `\N`}, {text: " spaced "}},
	}
	text := formatCSV(header, rows)
	got, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	want := [][]string{{"a", "b,c"}, {`say "hi"`, `\N`}, {"multi\nline", ""}, {`\N`, " spaced "}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %q, want %q", got, want)
	}
}

func TestValueText(t *testing.T) {
	t.Parallel()
	cases := []struct {
		v    Value
		want string
	}{
		{IntValue(-42), "-42"},
		{StringValue("héllo"), "héllo"},
		{BinaryValue([]byte{0x61, 0x00}), "a\x00"},
		{DoubleValue(2), "2.0"},
		{BoolValue(true), "true"},
		{BoolValue(false), "false"},
	}
	for _, c := range cases {
		if got := valueText(c.v); got != c.want {
			t.Errorf("valueText(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestRegionOfHost(t *testing.T) {
	t.Parallel()
	cases := []struct {
		host, region string
		ok           bool
	}{
		{"service.cn-hangzhou.maxcompute.aliyun.com", "cn-hangzhou", true},
		{"SERVICE.CN-BEIJING.MAXCOMPUTE.ALIYUN.COM", "cn-beijing", true},
		{"service.ap-southeast-1.maxcompute.aliyun.com:443", "ap-southeast-1", true},
		{"service.cn-shanghai-vpc.maxcompute.aliyun-inc.com", "cn-shanghai", true},
		{"service.cn-shanghai.maxcompute.aliyun-inc.com", "cn-shanghai", true},
		{"dt.cn-hangzhou.maxcompute.aliyun.com", "", false},
		{"service.maxcompute.aliyun.com", "", false},
		{"service.a.b.maxcompute.aliyun.com", "", false},
		{"ots.cn-hangzhou.aliyuncs.com", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		r, ok := regionOfHost(c.host)
		if r != c.region || ok != c.ok {
			t.Errorf("regionOfHost(%q) = %q, %v; want %q, %v", c.host, r, ok, c.region, c.ok)
		}
	}
}

func TestDisplayLocation(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com", "tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com"},
		{"tablestore://LTAIabc:s3cr3t@cap1.cn-hangzhou.ots-internal.aliyuncs.com", "tablestore://LTAIabc:******@cap1.cn-hangzhou.ots-internal.aliyuncs.com"},
		{"tablestore://LTAIabc@cap1.x", "tablestore://LTAIabc@cap1.x"},
		{"no scheme", "no scheme"},
	}
	for _, c := range cases {
		if got := displayLocation(c.in); got != c.want {
			t.Errorf("displayLocation(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
