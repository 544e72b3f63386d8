package steps

import (
	"errors"
	"strings"
	"testing"
)

func TestExamplesAreValid(t *testing.T) {
	t.Parallel()
	wantWarnings := map[string][]string{
		"seed":             nil,
		"same-account":     nil,
		"table-read-write": {"ram.access"},
	}
	for v := range examples() {
		ps := Validate(loadExample(t, v))
		if ps.HasErrors() {
			t.Errorf("%s: %v", v, ps.Errors())
		}
		var fields []string
		for _, w := range ps.Warnings() {
			fields = append(fields, w.Field)
		}
		if strings.Join(fields, ",") != strings.Join(wantWarnings[v], ",") {
			t.Errorf("%s: warnings %v, want on %v", v, ps.Warnings(), wantWarnings[v])
		}
	}
}

func TestValidateRules(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("r", 65)
	cases := []struct {
		name   string
		mutate func(*Spec)
		field  string
		sev    Severity
		rule   string // substring of the rule
		others bool   // other errors are expected too
	}{
		{"region missing", func(s *Spec) { s.Region = "" }, "region", SeverityError, "is required", false},
		{"region not an ID", func(s *Spec) { s.Region = "Hangzhou" }, "region", SeverityError, `"Hangzhou" is not a region ID`, false},
		{"UID A too short", func(s *Spec) { s.Accounts.Tablestore.UID = "123" }, "accounts.tablestore.uid", SeverityError, "must be 10–20 digits", false},
		{"UID B not digits", func(s *Spec) { s.Accounts.MaxCompute.UID = "2222-2222-2222" }, "accounts.maxcompute.uid", SeverityError, "only digits", false},
		{"UID B missing", func(s *Spec) { s.Accounts.MaxCompute.UID = "" }, "accounts.maxcompute.uid", SeverityError, "is required to render", false},
		{"profile with space", func(s *Spec) { s.Accounts.MaxCompute.Profile = "my b" }, "accounts.maxcompute.profile", SeverityError, "spaces", false},
		{"project uppercase", func(s *Spec) { s.MaxCompute.Project = "Demo" }, "maxcompute.project", SeverityError, "lowercase", false},
		{"project missing", func(s *Spec) { s.MaxCompute.Project = "" }, "maxcompute.project", SeverityError, "is required", false},
		{"role with space", func(s *Spec) { s.RAM.Role = "my role" }, "ram.role", SeverityError, "may contain only", false},
		{"role too long", func(s *Spec) { s.RAM.Role = long }, "ram.role", SeverityError, "1–64 characters", false},
		{"policy with underscore", func(s *Spec) { s.RAM.Policy = "my_policy" }, "ram.policy", SeverityError, "found '_'", false},
		{"access unknown", func(s *Spec) { s.RAM.Access = "write" }, "ram.access", SeverityError, `"write" is not an access level`, false},
		{"access read-write", func(s *Spec) { s.RAM.Access = AccessReadWrite }, "ram.access", SeverityWarning, "delete rows", false},
		{"scope unknown", func(s *Spec) { s.RAM.Scope = "bucket" }, "ram.scope", SeverityError, "not a policy scope", false},
		{"scope account", func(s *Spec) { s.RAM.Scope = ScopeAccount }, "ram.scope", SeverityWarning, "every Tablestore instance", false},
		{"instance reserved text", func(s *Spec) { s.Tablestore.Instance = "my-ots-1" }, "tablestore.instance", SeverityError, `reserved text "ots"`, false},
		{"instance reserved in any case", func(s *Spec) { s.Tablestore.Instance = "MyALIstore" }, "tablestore.instance", SeverityError, `reserved text "ali"`, false},
		{"instance too short", func(s *Spec) { s.Tablestore.Instance = "cp" }, "tablestore.instance", SeverityError, "3–16 characters", false},
		{"instance too long", func(s *Spec) { s.Tablestore.Instance = "capcapcapcapcapcap" }, "tablestore.instance", SeverityError, "3–16 characters", false},
		{"instance digit first", func(s *Spec) { s.Tablestore.Instance = "1cap" }, "tablestore.instance", SeverityError, "start with a letter", false},
		{"instance trailing hyphen", func(s *Spec) { s.Tablestore.Instance = "cap-" }, "tablestore.instance", SeverityError, "end with '-'", false},
		{"cluster type lowercase", func(s *Spec) { s.Tablestore.ClusterType = "ssd" }, "tablestore.cluster_type", SeverityError, "not a cluster type", false},
		{"network unknown", func(s *Spec) { s.Tablestore.Network = "CLASSIC" }, "tablestore.network", SeverityError, "not an instance network", false},
		{"VPC instance read over internal", func(s *Spec) { s.Tablestore.Network = NetworkVPC }, "tablestore.network", SeverityError, "refuse requests from outside their VPC", false},
		{"VPC instance read over vpc", func(s *Spec) {
			s.Tablestore.Network = NetworkVPCConsole
			s.ExternalTable.Endpoint = EndpointVPC
		}, "external_table.endpoint", SeverityWarning, "not confirmed", false},
		{"table digit first", func(s *Spec) { s.Tablestore.Table = "1track" }, "tablestore.table", SeverityError, "must not start with a digit", true},
		{"no primary key", func(s *Spec) { s.Tablestore.PrimaryKey = nil }, "tablestore.primary_key", SeverityError, "1–4 primary-key columns", false},
		{"five key columns", func(s *Spec) {
			s.Tablestore.PrimaryKey = []Column{{"a", "STRING"}, {"b", "STRING"}, {"c", "STRING"}, {"d", "STRING"}, {"e", "STRING"}}
		}, "tablestore.primary_key", SeverityError, "at most 4", false},
		{"DOUBLE key", func(s *Spec) { s.Tablestore.PrimaryKey[1].Type = "DOUBLE" }, "tablestore.primary_key[1].type", SeverityError, "cannot be a primary-key type", false},
		{"key type missing", func(s *Spec) { s.Tablestore.PrimaryKey[1].Type = "" }, "tablestore.primary_key[1].type", SeverityError, "is required", false},
		{"column type unknown", func(s *Spec) { s.Tablestore.Columns[0].Type = "FLOAT" }, "tablestore.columns[0].type", SeverityError, `"FLOAT" is not a Tablestore type`, false},
		{"column repeats a key", func(s *Spec) { s.Tablestore.Columns[0].Name = "vid" }, "tablestore.columns[0].name", SeverityError, "already declared at tablestore.primary_key[0].name", false},
		{"column name digit first", func(s *Spec) { s.Tablestore.Columns[0].Name = "2lon" }, "tablestore.columns[0].name", SeverityError, "must not start with a digit", true},
		{"sample key not an integer", func(s *Spec) { s.Tablestore.SampleKey = []string{"abc"} }, "tablestore.sample_key[0]", SeverityError, "not a 64-bit integer", false},
		{"sample key too long", func(s *Spec) { s.Tablestore.SampleKey = []string{"1", "2", "3"} }, "tablestore.sample_key", SeverityError, "3 values but the primary key has 2", false},
		{"sample key on BINARY", func(s *Spec) {
			s.Tablestore.PrimaryKey[0].Type = "BINARY"
			s.Tablestore.SampleKey = []string{"x"}
		}, "tablestore.sample_key[0]", SeverityError, "BINARY", false},
		{"sample key with newline", func(s *Spec) {
			s.Tablestore.PrimaryKey[0].Type = "STRING"
			s.Tablestore.SampleKey = []string{"a\nb"}
		}, "tablestore.sample_key[0]", SeverityError, "control character", false},
		{"external name digit first", func(s *Spec) { s.ExternalTable.Name = "9ext" }, "external_table.name", SeverityError, "must start with a letter", false},
		{"derived external name invalid", func(s *Spec) {
			s.Tablestore.Table = "_track"
			s.ExternalTable.Name = ""
		}, "external_table.name", SeverityError, `"_track_ext" must start with a letter`, false},
		{"endpoint unknown", func(s *Spec) { s.ExternalTable.Endpoint = "private" }, "external_table.endpoint", SeverityError, "not an endpoint kind", false},
		{"endpoint public", func(s *Spec) { s.ExternalTable.Endpoint = EndpointPublic }, "external_table.endpoint", SeverityWarning, "Internet", false},
		{"derived column not a MaxCompute name", func(s *Spec) { s.Tablestore.Columns[4].Name = "_hidden" }, "tablestore.columns[4].name", SeverityError, `becomes an external column of the same name, and "_hidden" must start with a letter`, false},
		{"derived columns collide without case", func(s *Spec) { s.Tablestore.Columns[3].Name = "Distance" }, "tablestore.columns[3].name", SeverityError, "become the same external column", false},
		{"mapping misses a key", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", ":vid"}, {"speed", "double", "speed"}}
		}, "external_table.mapping", SeverityError, "does not map primary-key column gt", false},
		{"mapping keys out of order", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"gt", "bigint", ":gt"}, {"vid", "bigint", ":vid"}}
		}, "external_table.mapping", SeverityError, "order gt, vid; the table's key order is vid, gt", false},
		{"mapping attribute before key", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", ":vid"}, {"speed", "double", "speed"}, {"gt", "bigint", ":gt"}}
		}, "external_table.mapping", SeverityWarning, "attribute column before a primary-key column", false},
		{"mapping key without colon", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", "vid"}, {"gt", "bigint", ":gt"}}
		}, "external_table.mapping[0].source", SeverityError, `"vid" is a primary-key column and needs the ':' marker`, false},
		{"mapping attribute with colon", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", ":vid"}, {"gt", "bigint", ":gt"}, {"lon", "double", ":longitude"}}
		}, "external_table.mapping[2].source", SeverityError, "marks longitude as a primary-key column, but the key is vid, gt", false},
		{"mapping unknown column", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", ":vid"}, {"gt", "bigint", ":gt"}, {"alt", "double", "altitude"}}
		}, "external_table.mapping[2].source", SeverityError, `"altitude" is not a column of tablestore.primary_key or tablestore.columns`, false},
		{"mapping same external name twice", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", ":vid"}, {"gt", "bigint", ":gt"}, {"VID", "double", "speed"}}
		}, "external_table.mapping[2].column", SeverityError, "MaxCompute names ignore case", false},
		{"mapping same source twice", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", ":vid"}, {"gt", "bigint", ":gt"}, {"a", "double", "speed"}, {"b", "double", "speed"}}
		}, "external_table.mapping[3].source", SeverityError, "already read by external_table.mapping[2]", false},
		{"mapping attribute type mismatch", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "bigint", ":vid"}, {"gt", "bigint", ":gt"}, {"speed", "string", "speed"}}
		}, "external_table.mapping[2].type", SeverityError, `"string" does not match speed, a Tablestore DOUBLE column`, false},
		{"mapping type missing", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"vid", "", ":vid"}, {"gt", "bigint", ":gt"}}
		}, "external_table.mapping[0].type", SeverityError, "is required", false},
		{"mapping column missing", func(s *Spec) {
			s.ExternalTable.Mapping = []Mapping{{"", "bigint", ":vid"}, {"gt", "bigint", ":gt"}}
		}, "external_table.mapping[0].column", SeverityError, "is required", false},
		{"property overrides the mapping", func(s *Spec) {
			s.ExternalTable.Properties = map[string]string{"tablestore.columns.mapping": ":vid"}
		}, "external_table.properties.tablestore.columns.mapping", SeverityError, "cannot be overridden", false},
		{"property overrides the role in another case", func(s *Spec) {
			s.ExternalTable.Properties = map[string]string{"ODPS.Properties.RoleArn": "x"}
		}, "external_table.properties.ODPS.Properties.RoleArn", SeverityError, "cannot be overridden", false},
		{"property key with a quote", func(s *Spec) {
			s.ExternalTable.Properties = map[string]string{"a'b": "x"}
		}, "external_table.properties.a'b", SeverityError, "not a property key", false},
		{"property value with newline", func(s *Spec) {
			s.ExternalTable.Properties = map[string]string{"tablestore.read.mode": "a\nb"}
		}, "external_table.properties.tablestore.read.mode", SeverityError, "control character", false},
		{"property unknown to the handler", func(s *Spec) {
			s.ExternalTable.Properties = map[string]string{"read.mode": "permissive"}
		}, "external_table.properties.read.mode", SeverityWarning, "not a key the Tablestore handler", false},
		{"ticks unit unknown", func(s *Spec) {
			s.ExternalTable.Properties = map[string]string{"tablestore.timestamp.ticks.unit": "hours"}
		}, "external_table.properties.tablestore.timestamp.ticks.unit", SeverityWarning, "not a known ticks unit", false},
		{"using with a comma", func(s *Spec) { s.ExternalTable.Using = []string{"a.jar,b.jar"} }, "external_table.using[0]", SeverityError, "contains ','", false},
		{"using at all", func(s *Spec) { s.ExternalTable.Using = []string{"odps-udf-example.jar"} }, "external_table.using", SeverityWarning, "needs no jar", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := seedSpec()
			c.mutate(&s)
			ps := Validate(s)
			var found bool
			for _, p := range ps {
				if p.Field == c.field && p.Severity == c.sev && strings.Contains(p.Rule, c.rule) {
					found = true
					if p.Fix == "" {
						t.Errorf("%s has no fix", p)
					}
				}
			}
			if !found {
				t.Fatalf("no %s on %s with rule containing %q; got:\n%v", c.sev, c.field, c.rule, ps)
			}
			if !c.others {
				for _, p := range ps.Errors() {
					if p.Field != c.field {
						t.Errorf("unexpected extra error: %s", p)
					}
				}
			}
		})
	}
}

// Every problem is reported at once, not the first one only.
func TestValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	s.Region = ""
	s.Accounts.MaxCompute.UID = "12"
	s.RAM.Role = "bad role"
	s.Tablestore.Instance = "my-ots-1"
	s.Tablestore.PrimaryKey[1].Type = "DOUBLE"
	s.ExternalTable.Endpoint = "private"
	ps := Validate(s)
	for _, f := range []string{"region", "accounts.maxcompute.uid", "ram.role", "tablestore.instance", "tablestore.primary_key[1].type", "external_table.endpoint"} {
		if _, ok := findProblem(ps, f); !ok {
			t.Errorf("no problem on %s in:\n%v", f, ps)
		}
	}
	if n := len(ps.Errors()); n != 6 {
		t.Errorf("%d errors, want 6:\n%v", n, ps)
	}
	var err error = ps
	if lines := strings.Split(err.Error(), "\n"); len(lines) != len(ps) {
		t.Errorf("Error() has %d lines for %d problems", len(lines), len(ps))
	}
}

// B4 and B15: a key column declared with a type that cannot hold the
// Tablestore key. The user sees the field, the rule and the fix.
func TestFieldReportsB4AndB15(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		mapping []Mapping
		want    []string
	}{
		{"B4 string over INTEGER key", []Mapping{{"vid", "string", ":vid"}, {"gt", "bigint", ":gt"}}, []string{
			`external_table.mapping[0].type: "string" does not match vid, a Tablestore INTEGER primary-key column; reads fail with "PrimaryKeyValue is not STRING type" — write bigint`,
		}},
		{"B15 int over 64-bit keys", []Mapping{{"vid", "int", ":vid"}, {"gt", "int", ":gt"}}, []string{
			`external_table.mapping[0].type: "int" cannot hold vid, a Tablestore INTEGER primary-key column, which is 64-bit — write bigint`,
			`external_table.mapping[1].type: "int" cannot hold gt, a Tablestore INTEGER primary-key column, which is 64-bit — write bigint`,
		}},
	}
	for _, c := range cases {
		s := seedSpec()
		s.ExternalTable.Mapping = c.mapping
		ps := Validate(s)
		if got, want := ps.Error(), strings.Join(c.want, "\n"); got != want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, want)
		}
	}
	// The form's inline check says the same without the rest of the spec.
	err := ValidateField("external_table.mapping[0].type", "int")
	if err == nil || err.Error() != `external_table.mapping[0].type: "int" cannot hold a Tablestore INTEGER, which is 64-bit — write bigint` {
		t.Errorf("ValidateField int: %v", err)
	}
}

func TestInteractiveValidationLetsUIDsBeDiscovered(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	s.Accounts.Tablestore.UID, s.Accounts.MaxCompute.UID = "", ""
	if ps := validate(s, false); ps.HasErrors() {
		t.Errorf("without UIDs, interactive validation: %v", ps)
	}
	ps := Validate(s)
	for _, f := range []string{"accounts.tablestore.uid", "accounts.maxcompute.uid"} {
		if p, ok := findProblem(ps, f); !ok || !strings.Contains(p.Fix, "reads it from the credentials") {
			t.Errorf("offline validation on %s: %v", f, ps)
		}
	}
}

func TestWithDefaults(t *testing.T) {
	t.Parallel()
	s := Spec{Tablestore: Tablestore{Table: "t", PrimaryKey: []Column{{"k", "STRING"}}, Columns: []Column{{"v", "BOOLEAN"}, {"w", "BAD"}}}}
	d := s.WithDefaults()
	if d.RAM.Role != DefaultRole || d.RAM.Policy != DefaultPolicy || d.RAM.Access != AccessRead || d.RAM.Scope != ScopeTable ||
		d.Tablestore.ClusterType != ClusterSSD || d.Tablestore.Network != NetworkNormal ||
		d.ExternalTable.Endpoint != EndpointInternal || d.ExternalTable.Name != "t_ext" {
		t.Errorf("defaults: %+v", d)
	}
	want := []Mapping{{"k", "string", ":k"}, {"v", "boolean", "v"}, {"w", "", "w"}}
	if len(d.ExternalTable.Mapping) != 3 || d.ExternalTable.Mapping[0] != want[0] || d.ExternalTable.Mapping[1] != want[1] || d.ExternalTable.Mapping[2] != want[2] {
		t.Errorf("derived mapping %+v, want %+v", d.ExternalTable.Mapping, want)
	}
	if len(s.ExternalTable.Mapping) != 0 || s.RAM.Role != "" {
		t.Error("WithDefaults changed its receiver")
	}
	given := seedSpec()
	given.RAM = RAM{Role: "r", Policy: "p", Access: AccessReadWrite, Scope: ScopeInstance}
	given.ExternalTable.Mapping = []Mapping{{"x", "bigint", ":vid"}}
	g := given.WithDefaults()
	if g.RAM != given.RAM || len(g.ExternalTable.Mapping) != 1 {
		t.Errorf("WithDefaults overrode given values: %+v", g)
	}
}

func TestValidateField(t *testing.T) {
	t.Parallel()
	cases := []struct {
		field, value string
		ok           bool
		rule         string
	}{
		{"tablestore.instance", "cap1", true, ""},
		{"tablestore.instance", "my-ots-1", false, `"my-ots-1" must not contain the reserved text "ots"`},
		{"tablestore.instance", "", false, "is required"},
		{"ram.role", "", true, ""}, // the default applies
		{"ram.role", "a b", false, "may contain only"},
		{"ram.access", "read-write", true, ""},
		{"ram.access", "rw", false, "not an access level"},
		{"accounts.tablestore.uid", "", true, ""}, // read from the credentials
		{"accounts.maxcompute.uid", "12ab", false, "only digits"},
		{"region", "ap-southeast-1", true, ""},
		{"region", "cn_hangzhou", false, "not a region ID"},
		{"tablestore.primary_key[3].type", "BOOLEAN", false, "cannot be a primary-key type"},
		{"tablestore.primary_key[0].type", "string", true, ""},
		{"tablestore.columns[12].name", "speed", true, ""},
		{"tablestore.columns[12].type", "FLOAT", false, "not a Tablestore type"},
		{"external_table.mapping[0].source", ":vid", true, ""},
		{"external_table.mapping[0].source", ":", false, "is required"},
		{"external_table.mapping[0].source", ":v id", false, "may contain only"},
		{"external_table.mapping[1].type", "DOUBLE", true, ""},
		{"external_table.mapping[1].type", "float", false, "not a type a Tablestore column maps to"},
		{"external_table.mapping[1].column", "lon", true, ""},
		{"external_table.properties.tablestore.read.mode", "permissive", true, ""},
		{"external_table.properties.x", "a\x00b", false, "control character"},
		{"external_table.properties.x", "a\xffb", false, "not valid UTF-8"},
		{"external_table.using[0]", "a.jar", true, ""},
		{"tablestore.sample_key[0]", "1001", true, ""},
		{"maxcompute.project", "demo_project", true, ""},
		{"external_table.endpoint", "vpc", true, ""},
	}
	for _, c := range cases {
		err := ValidateField(c.field, c.value)
		if (err == nil) != c.ok {
			t.Errorf("ValidateField(%q, %q) = %v, want ok=%v", c.field, c.value, err, c.ok)
			continue
		}
		if err == nil {
			continue
		}
		var p Problem
		if !errors.As(err, &p) || p.Field != c.field || !strings.Contains(p.Rule, c.rule) || p.Fix == "" {
			t.Errorf("ValidateField(%q, %q) = %#v, want field %q and rule containing %q", c.field, c.value, err, c.field, c.rule)
		}
	}
	if err := ValidateField("tablestore.instanse", "cap1"); err == nil || !strings.Contains(err.Error(), `no spec field "tablestore.instanse"`) {
		t.Errorf("unknown field: %v", err)
	}
}

func TestProblemsHelpers(t *testing.T) {
	t.Parallel()
	ps := Problems{
		{Field: "tablestore.primary_key[0].name", Rule: "r1", Fix: "f1"},
		{Field: "tablestore_extra", Rule: "r2", Severity: SeverityWarning},
		{Field: "ram.scope", Rule: "r3", Fix: "f3", Severity: SeverityWarning},
	}
	if got := ps.Under("tablestore"); len(got) != 1 || got[0].Rule != "r1" {
		t.Errorf("Under(tablestore) = %v", got)
	}
	if ps.Warnings()[1].String() != "warning: ram.scope: r3 — f3" || ps[0].String() != "tablestore.primary_key[0].name: r1 — f1" {
		t.Errorf("String: %q %q", ps.Warnings()[1], ps[0])
	}
	if ps.Warnings().Err() != nil || ps.Err() == nil {
		t.Error("Err: warnings alone must not be an error; an error must be")
	}
}

func TestUnknownRegionIsAWarningWithTheNearest(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	s.Region = "cn-hangzou"
	ps := Validate(s)
	if ps.HasErrors() {
		t.Fatalf("an unknown region is not an error (regions open): %v", ps)
	}
	w := ps.Under("region").Warnings()
	if len(w) != 1 || !strings.Contains(w[0].String(), `"cn-hangzou" is not a region the wizard knows`) || !strings.Contains(w[0].String(), "did you mean cn-hangzhou?") {
		t.Fatalf("warnings %v", w)
	}
	s.Region = "xx-nowhere-9"
	if w := Validate(s).Under("region").Warnings(); len(w) != 1 || strings.Contains(w[0].String(), "did you mean") {
		t.Fatalf("far from any region: %v", w)
	}
	for _, r := range Regions() {
		s.Region = r
		if ps := Validate(s).Under("region"); len(ps) != 0 {
			t.Errorf("%s: %v", r, ps)
		}
	}
}
