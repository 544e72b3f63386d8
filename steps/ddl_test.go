package steps

import (
	"strings"
	"testing"
)

func TestDDLQuotesNamesAndOrdersProperties(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	s.ExternalTable.Name = "order"
	s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", ":vid"}, {"gt", "bigint", ":gt"}, {"date", "DOUBLE", "speed"}}
	s.ExternalTable.Properties = map[string]string{"tablestore.timestamp.ticks.unit": "seconds", "tablestore.read.mode": "permissive"}
	s.ExternalTable.Using = []string{"a.jar", "b.jar"}
	s.ExternalTable.Endpoint = EndpointPublic
	want := "CREATE EXTERNAL TABLE IF NOT EXISTS `order` (\n" +
		"  vid bigint,\n  gt bigint,\n  `date` double\n)\n" +
		"STORED BY 'com.aliyun.odps.TableStoreStorageHandler'\n" +
		"WITH SERDEPROPERTIES (\n" +
		"  'tablestore.columns.mapping'=':vid,:gt,speed',\n" +
		"  'tablestore.table.name'='vehicle_track',\n" +
		"  'odps.properties.rolearn'='acs:ram::1111111111111111:role/aliyunodpsroleforotheruser',\n" +
		"  'tablestore.read.mode'='permissive',\n" +
		"  'tablestore.timestamp.ticks.unit'='seconds'\n" +
		")\n" +
		"LOCATION 'tablestore://cap1.cn-hangzhou.ots.aliyuncs.com'\n" +
		"USING 'a.jar,b.jar';\n"
	if got := DDL(s); got != want {
		t.Errorf("DDL:\n%s\nwant:\n%s", got, want)
	}
}

func TestLocationHosts(t *testing.T) {
	t.Parallel()
	cases := map[Endpoint]string{
		EndpointInternal: "tablestore://cap1.cn-beijing.ots-internal.aliyuncs.com",
		EndpointPublic:   "tablestore://cap1.cn-beijing.ots.aliyuncs.com",
		EndpointVPC:      "tablestore://cap1.cn-beijing.vpc.tablestore.aliyuncs.com",
		"":               "tablestore://cap1.cn-beijing.ots-internal.aliyuncs.com",
	}
	for e, want := range cases {
		s := seedSpec()
		s.Region = "cn-beijing" // B2: the host follows the instance's region, never typed
		s.ExternalTable.Endpoint = e
		if got := Location(s); got != want {
			t.Errorf("%q: %s, want %s", e, got, want)
		}
	}
}

// B16: the verification query never scans: it always has a LIMIT, and with a
// sample key it selects on the leading primary-key columns.
func TestVerificationQuery(t *testing.T) {
	t.Parallel()
	const cols = "vid, gt, longitude, latitude, distance, speed, oil_consumption"
	cases := []struct {
		name   string
		mutate func(*Spec)
		want   string
	}{
		{"no sample key", func(*Spec) {}, "SELECT " + cols + " FROM vehicle_track_ext LIMIT 10;\n"},
		{"one key value", func(s *Spec) { s.Tablestore.SampleKey = []string{"1001"} }, "SELECT " + cols + " FROM vehicle_track_ext WHERE vid = 1001 LIMIT 10;\n"},
		{"whole key", func(s *Spec) { s.Tablestore.SampleKey = []string{"1001", "-5"} }, "SELECT " + cols + " FROM vehicle_track_ext WHERE vid = 1001 AND gt = -5 LIMIT 10;\n"},
		{"string key is a literal", func(s *Spec) {
			s.Tablestore.PrimaryKey[0].Type = "STRING"
			s.Tablestore.SampleKey = []string{"o'brien"}
		}, "SELECT " + cols + " FROM vehicle_track_ext WHERE vid = 'o\\'brien' LIMIT 10;\n"},
		{"stops at a binary key", func(s *Spec) {
			s.Tablestore.PrimaryKey[1].Type = "BINARY"
			s.Tablestore.SampleKey = []string{"7", "x"}
		}, "SELECT " + cols + " FROM vehicle_track_ext WHERE vid = 7 LIMIT 10;\n"},
		{"not an integer is left out", func(s *Spec) { s.Tablestore.SampleKey = []string{"1 OR 1=1"} }, "SELECT " + cols + " FROM vehicle_track_ext LIMIT 10;\n"},
		{"renamed key column", func(s *Spec) {
			s.ExternalTable.Name = "t"
			s.ExternalTable.Mapping = []Mapping{{"vehicle", "bigint", ":vid"}, {"time", "bigint", ":gt"}}
			s.Tablestore.SampleKey = []string{"3"}
		}, "SELECT vehicle, time FROM t WHERE vehicle = 3 LIMIT 10;\n"},
	}
	for _, c := range cases {
		s := seedSpec()
		c.mutate(&s)
		got := VerificationQuery(s)
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
		if strings.Contains(strings.ToLower(got), "count(") {
			t.Errorf("%s: the query counts", c.name)
		}
	}
}
