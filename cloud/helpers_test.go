package cloud

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/policy"
)

func mustParse(t *testing.T, text string) policy.Document {
	t.Helper()
	d, err := policy.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMergeTrustPrincipal(t *testing.T) {
	t.Parallel()
	const b = "2222@odps.aliyuncs.com"
	cases := []struct {
		name, doc string
		stmts     int // statements after the merge
	}{
		{"into the service list", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com"}}]}`, 1},
		{"a RAM-only policy gets a statement", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1111:root"]}}]}`, 2},
		{"a conditioned statement is left alone", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["x.aliyuncs.com"]},"Condition":{"StringEquals":{"sts:ExternalId":["abc"]}}}]}`, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := mustParse(t, c.doc)
			before := doc.Compact()
			merged := MergeTrustPrincipal(doc, b)
			if doc.Compact() != before {
				t.Fatal("the input was changed")
			}
			if !policy.TrustAdmits(merged, policy.ServiceRequester(b)) || len(merged.Statement) != c.stmts {
				t.Fatalf("merged: %s", merged.Compact())
			}
			for _, p := range TrustPrincipals(doc) {
				if !slices.Contains(TrustPrincipals(merged), p) {
					t.Errorf("principal %s was dropped: %s", p, merged.Compact())
				}
			}
			if err := policy.ValidateTrust(merged); err != nil {
				t.Errorf("merged policy is not a valid trust policy: %v", err)
			}
		})
	}
}

func TestSameDocumentIgnoresOrderCaseAndForm(t *testing.T) {
	t.Parallel()
	a := mustParse(t, `{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:GetRow","ots:GetRange"],"Resource":["acs:ots:*:*:r1","acs:ots:*:*:r2"]},{"Effect":"Allow","Action":"ots:ListTable","Resource":"acs:ots:*:*:r3"}]}`)
	b := mustParse(t, `{"Statement":[{"Resource":"acs:ots:*:*:r3","Action":["OTS:ListTable"],"Effect":"Allow"},{"Effect":"Allow","Action":["ots:GetRange","ots:GetRow","ots:GetRow"],"Resource":["acs:ots:*:*:r2","acs:ots:*:*:r1"]}],"Version":"1"}`)
	if !SameDocument(a, b) {
		t.Fatal("equal documents compare unequal")
	}
	c := mustParse(t, `{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:GetRow","ots:GetRange"],"Resource":["acs:ots:*:*:r1","acs:ots:*:*:R2"]},{"Effect":"Allow","Action":"ots:ListTable","Resource":"acs:ots:*:*:r3"}]}`)
	if SameDocument(a, c) {
		t.Fatal("resources compare without case")
	}
	added, removed := DocumentDiff(a, c)
	if !slices.Contains(added, "Allow ots:getrow on acs:ots:*:*:R2") || !slices.Contains(removed, "Allow ots:getrow on acs:ots:*:*:r2") {
		t.Fatalf("diff: +%v -%v", added, removed)
	}
	spec := steps.Spec{Region: "cn-hangzhou", Accounts: steps.Accounts{Tablestore: steps.Account{UID: "1"}}, Tablestore: steps.Tablestore{Instance: "Cap1", Table: "t"}}
	if !SameDocument(steps.PermissionPolicy(spec), mustParse(t, steps.PermissionPolicy(spec).Compact())) {
		t.Fatal("the wizard's policy does not survive a round trip")
	}
}

func TestOldestNonDefault(t *testing.T) {
	t.Parallel()
	at := func(m int) time.Time { return time.Date(2026, 1, 1, 0, m, 0, 0, time.UTC) }
	vs := []PolicyVersion{{ID: "v10", Created: at(5)}, {ID: "v3", IsDefault: true, Created: at(1)}, {ID: "v4", Created: at(2)}, {ID: "v9", Created: at(2)}}
	if v, ok := oldestNonDefault(vs); !ok || v.ID != "v4" {
		t.Fatalf("got %v %v", v, ok)
	}
	vs = []PolicyVersion{{ID: "v12"}, {ID: "v2"}, {ID: "v1", IsDefault: true}}
	if v, _ := oldestNonDefault(vs); v.ID != "v2" {
		t.Fatalf("without times: %v", v)
	}
	if _, ok := oldestNonDefault([]PolicyVersion{{ID: "v1", IsDefault: true}}); ok {
		t.Fatal("the default was picked")
	}
}

func TestMarks(t *testing.T) {
	t.Parallel()
	spec := steps.Spec{MaxCompute: steps.MaxCompute{Project: "p"}, Tablestore: steps.Tablestore{Instance: "cap1", Table: "t"}}
	for _, d := range []string{RoleDescription(spec), PolicyDescription(spec), InstanceDescription(spec)} {
		if !HasMark(d) {
			t.Errorf("%q has no mark", d)
		}
	}
	if HasMark("made by hand") {
		t.Error("a foreign description has the mark")
	}
	d, ok := WithAddedPrincipal("made by hand", "2@odps.aliyuncs.com")
	d, ok2 := WithAddedPrincipal(d, "2@odps.aliyuncs.com")
	d, ok3 := WithAddedPrincipal(d, "odps.aliyuncs.com")
	if !ok || !ok2 || !ok3 || !slices.Equal(AddedPrincipals(d), []string{"2@odps.aliyuncs.com", "odps.aliyuncs.com"}) {
		t.Fatalf("%q → %v", d, AddedPrincipals(d))
	}
	long := strings.Repeat("x", 1020)
	if got, ok := WithAddedPrincipal(long, "p"); ok || got != long {
		t.Error("an over-long description was accepted")
	}
	if n := len([]rune(InstanceDescription(steps.Spec{Tablestore: steps.Tablestore{Table: strings.Repeat("t", 300)}}))); n > 256 {
		t.Errorf("instance description has %d characters", n)
	}
}

func TestDemoRowsAreDeterministicAndUnique(t *testing.T) {
	t.Parallel()
	ts := steps.Tablestore{
		PrimaryKey: []steps.Column{{Name: "vid", Type: "INTEGER"}, {Name: "gt", Type: "INTEGER"}},
		Columns:    []steps.Column{{Name: "speed", Type: "DOUBLE"}, {Name: "plate", Type: "STRING"}, {Name: "ok", Type: "BOOLEAN"}, {Name: "raw", Type: "BINARY"}},
	}
	a, b := DemoRows(ts, 40), DemoRows(ts, 40)
	keys := map[string]bool{}
	for i := range a {
		k := a[i].Key[0].Value.String() + "/" + a[i].Key[1].Value.String()
		if keys[k] {
			t.Fatalf("duplicate key %s", k)
		}
		keys[k] = true
		if len(a[i].Attrs) != 4 || a[i].Attrs[0].Value.Type != "DOUBLE" || a[i].Attrs[3].Value.Type != "BINARY" {
			t.Fatalf("row %d: %+v", i, a[i])
		}
		if a[i].Key[0].Value.String() != b[i].Key[0].Value.String() || a[i].Attrs[1].Value.Str != b[i].Attrs[1].Value.Str {
			t.Fatal("rows differ between calls")
		}
	}
	byVehicle := map[int64]int{}
	for _, r := range a {
		byVehicle[r.Key[0].Value.Int]++
	}
	if len(byVehicle) != 5 || byVehicle[a[0].Key[0].Value.Int] != 8 {
		t.Errorf("40 rows over a key prefix: %v, want 5 vehicles of 8 rows", byVehicle)
	}
	one := DemoRows(steps.Tablestore{PrimaryKey: []steps.Column{{Name: "id", Type: "STRING"}}}, 3)
	if one[0].Key[0].Value.Str == one[1].Key[0].Value.Str {
		t.Error("single-column keys repeat")
	}
}

func TestExternalTableDiff(t *testing.T) {
	t.Parallel()
	spec := steps.Spec{Region: "cn-hangzhou", Accounts: steps.Accounts{Tablestore: steps.Account{UID: "1111"}, MaxCompute: steps.Account{UID: "2222"}},
		MaxCompute: steps.MaxCompute{Project: "p"},
		Tablestore: steps.Tablestore{Instance: "cap1", Table: "vt", PrimaryKey: []steps.Column{{Name: "vid", Type: "INTEGER"}}, Columns: []steps.Column{{Name: "speed", Type: "DOUBLE"}}}}
	same := ExternalTable{IsExternal: true, StorageHandler: steps.StorageHandler, Location: steps.Location(spec) + "/",
		Columns: []Column{{"VID", "BIGINT"}, {"speed", "double"}},
		Properties: map[string]string{"tablestore.columns.mapping": ":vid, speed", "tablestore.table.name": "vt",
			"odps.properties.rolearn": "acs:ram::1111:role/AliyunODPSRoleForOtherUser"}}
	if d := ExternalTableDiff(same, spec); len(d) != 0 {
		t.Fatalf("same table differs: %q", d)
	}
	other := same
	other.Columns = []Column{{"vid", "string"}, {"speed", "double"}}
	other.Location = "tablestore://cap1.cn-shanghai.ots-internal.aliyuncs.com"
	other.Properties = map[string]string{"tablestore.columns.mapping": ":vid,speed", "tablestore.table.name": "vt", "tablestore.read.mode": "permissive"}
	d := strings.Join(ExternalTableDiff(other, spec), "\n")
	for _, want := range []string{"columns: (vid string, speed double) → (vid bigint, speed double)", "LOCATION: tablestore://cap1.cn-shanghai", "'odps.properties.rolearn': (absent)", "'tablestore.read.mode': 'permissive' → (absent)"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	sql := CreateExternalTableSQL(spec)
	if !strings.Contains(sql, "\nCOMMENT '"+ExternalTableComment+"'\nSTORED BY ") || !strings.HasPrefix(sql, "CREATE EXTERNAL TABLE IF NOT EXISTS") {
		t.Errorf("DDL:\n%s", sql)
	}
}

func TestAttributeColumns(t *testing.T) {
	t.Parallel()
	cell := func(n, typ string) Cell { return Cell{Name: n, Value: Value{Type: typ}} }
	rows := []Row{
		{Attrs: []Cell{cell("b", "DOUBLE"), cell("a", "STRING")}},
		{Attrs: []Cell{cell("a", "INTEGER"), cell("c", "BOOLEAN")}},
		{Attrs: []Cell{cell("a", "INTEGER")}},
		{Attrs: []Cell{cell("b", "STRING")}},
	}
	got := attributeColumns([]steps.Column{{Name: "d", Type: "STRING"}}, rows)
	want := []steps.Column{{Name: "d", Type: "STRING"}, {Name: "b", Type: "DOUBLE"}, {Name: "a", Type: "INTEGER"}, {Name: "c", Type: "BOOLEAN"}}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestValueString(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]Value{
		"42": {Type: "INTEGER", Int: 42}, "1.5": {Type: "DOUBLE", Float: 1.5}, "true": {Type: "BOOLEAN", Bool: true},
		"aGk=": {Type: "BINARY", Bytes: []byte("hi")}, "x": {Type: "STRING", Str: "x"}, "<ODD>": {Type: "ODD"},
	} {
		if want.String() != v {
			t.Errorf("%+v → %q, want %q", want, want.String(), v)
		}
	}
}
