package steps

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSeedExampleIsTheSeedSpec(t *testing.T) {
	t.Parallel()
	got := loadExample(t, "seed")
	if !reflect.DeepEqual(got, seedSpec()) {
		t.Fatalf("examples/cap1-vehicle-track.yaml:\n got %+v\nwant %+v", got, seedSpec())
	}
	for _, uid := range []string{got.Accounts.Tablestore.UID, got.Accounts.MaxCompute.UID} {
		if len(uid) != 16 {
			t.Errorf("UID %q is not 16 digits", uid)
		}
	}
}

func TestParseErrorsNameFileLineAndFix(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, yaml string
		want       []string // every line must appear
		notWant    string
	}{
		{"unknown key", "region: cn-hangzhou\nram:\n  polcy: x\n",
			[]string{`s.yaml:3: unknown key "polcy" in ram (known keys: access, policy, role, scope)`}, ""},
		{"unknown top-level key", "regoin: cn-hangzhou\n",
			[]string{`s.yaml:1: unknown key "regoin" in the spec (known keys: accounts, external_table, maxcompute, ram, region, tablestore)`}, ""},
		{"every unknown key, not the first only", "foo: 1\ntablestore:\n  primary_key: [{name: vid, typ: INTEGER}]\n",
			[]string{`s.yaml:1: unknown key "foo"`, `s.yaml:3: unknown key "typ" in tablestore.primary_key[0]`}, ""},
		{"secret refused without echoing it", "accounts:\n  tablestore: {uid: \"1111111111111111\", access_key_secret: LTAIs3cr3tValue}\n",
			[]string{`s.yaml:2: "access_key_secret" does not belong in a spec: a spec never holds secrets`}, "LTAIs3cr3tValue"},
		{"secret as a value shape error is not echoed", "accounts:\n  tablestore: LTAIs3cr3tValue\n",
			[]string{`s.yaml:2: accounts.tablestore must be a mapping of keys (profile, uid), not a single value`}, "LTAIs3cr3tValue"},
		{"list where one value belongs", "region: [cn-hangzhou]\n",
			[]string{`s.yaml:1: region must be a single value, not a list`}, ""},
		{"mapping where a list belongs", "tablestore:\n  primary_key: {name: vid}\n",
			[]string{`s.yaml:2: tablestore.primary_key must be a list, not a mapping`}, ""},
		{"syntax error", "region: cn-hangzhou\nram: x\n  role: y\n",
			[]string{`s.yaml:3: mapping values are not allowed in this context`}, ""},
		{"tab indentation", "region: cn\n\tram: x\n",
			[]string{`s.yaml:2: found a tab character that violates indentation`}, ""},
		{"empty", "", []string{"s.yaml: the spec is empty"}, ""},
		{"only a comment", "# nothing\n", []string{"s.yaml: the spec is empty"}, ""},
		{"two documents", "region: a\n---\nregion: b\n", []string{"s.yaml:2: a spec file holds one YAML document"}, ""},
		{"duplicate key", "region: a\nregion: b\n", []string{`s.yaml:2: mapping key "region" already defined at line 1`}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("s.yaml", []byte(c.yaml))
			if err == nil {
				t.Fatalf("Parse accepted %q", c.yaml)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\ndoes not contain\n%s", err, w)
				}
			}
			if c.notWant != "" && strings.Contains(err.Error(), c.notWant) {
				t.Errorf("error echoes %q: %s", c.notWant, err)
			}
		})
	}
}

func TestParseAcceptsScalarsAsText(t *testing.T) {
	t.Parallel()
	// Unquoted UIDs and sample keys are YAML integers; the spec keeps their text.
	s, err := Parse("s.yaml", []byte("accounts:\n  tablestore: {uid: 1111111111111111}\ntablestore:\n  sample_key: [1001, abc]\nexternal_table:\n  properties: {tablestore.table.put.row: true}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Accounts.Tablestore.UID != "1111111111111111" || !reflect.DeepEqual(s.Tablestore.SampleKey, []string{"1001", "abc"}) ||
		s.ExternalTable.Properties["tablestore.table.put.row"] != "true" {
		t.Fatalf("got %+v", s)
	}
}

func TestMarshalRoundTrips(t *testing.T) {
	t.Parallel()
	full := seedSpec()
	full.Tablestore.Network = NetworkVPCConsole
	full.Tablestore.SampleKey = []string{"1001", "1500000000"}
	full.ExternalTable.Mapping = DeriveMapping(full.Tablestore)
	full.ExternalTable.Properties = map[string]string{"tablestore.read.mode": "permissive", "b": "it's \"quoted\"\n"}
	full.ExternalTable.Using = []string{"handler.jar"}
	specs := map[string]Spec{"full": full, "empty": {}}
	for v := range examples() {
		specs[v] = loadExample(t, v)
	}
	for name, s := range specs {
		data, err := Marshal(s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		back, err := Parse(name, data)
		if name == "empty" {
			if err != nil {
				t.Fatalf("empty spec does not round-trip: %v\n%s", err, data)
			}
		} else if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, data)
		}
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%s: round trip changed the spec:\n got %+v\nwant %+v\n%s", name, back, s, data)
		}
		again, _ := Marshal(back)
		if string(again) != string(data) {
			t.Errorf("%s: Marshal is not stable", name)
		}
	}
}

func TestSaveAndLoad(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "spec.yaml")
	if err := Save(path, seedSpec()); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("saved with mode %o, want 600", perm)
	}
	got, err := Load(path)
	if err != nil || !reflect.DeepEqual(got, seedSpec()) {
		t.Fatalf("Load after Save: %v, %+v", err, got)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "cannot read the spec") {
		t.Errorf("missing file: %v", err)
	}
}

// The spec has no place for a secret: no key of the file format names one.
func TestSpecHasNoSecretField(t *testing.T) {
	t.Parallel()
	var walk func(reflect.Type, string)
	walk = func(tp reflect.Type, path string) {
		switch tp.Kind() {
		case reflect.Struct:
			for i := 0; i < tp.NumField(); i++ {
				f := tp.Field(i)
				name := yamlName(f)
				if looksSecret(name) || looksSecret(f.Name) {
					t.Errorf("spec field %s.%s looks like a secret", path, name)
				}
				walk(f.Type, path+"."+name)
			}
		case reflect.Slice, reflect.Map:
			walk(tp.Elem(), path+"[]")
		}
	}
	walk(reflect.TypeOf(Spec{}), "spec")
	for _, k := range []string{"access_key_secret", "AccessKeySecret", "sts_token", "password", "access-key-id", "ak", "sk"} {
		if !looksSecret(k) {
			t.Errorf("looksSecret(%q) = false", k)
		}
	}
}
