package steps

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mcots/wizard/steps/naming"
	"github.com/mcots/wizard/steps/odpssql"
	"github.com/mcots/wizard/steps/policy"
)

// FuzzPolicies: for arbitrary names, a spec that passes validation renders
// policies that parse as JSON with exactly the intended principal and
// resources; a spec that does not pass is refused by Render, never rendered.
func FuzzPolicies(f *testing.F) {
	f.Add("AliyunODPSRoleForOtherUser", "cap1", "vehicle_track", "1111111111111111", "2222222222222222", "cn-hangzhou", false, uint8(2))
	f.Add("r", "Cap1", "t", "1111111111111111", "1111111111111111", "cn-shanghai", true, uint8(0))
	f.Add("role.with-dots", "my-ots-1", "1t", "123", "x", "Hangzhou", true, uint8(1))
	f.Add(`a"b`, `c"}]`, `t","*`, "1111111111111111\"", "2222222222222222", "cn-hangzhou", false, uint8(2))
	f.Add("ROLE", "abc-def", "_", "00000000000000000000", "99999999999999999999", "ap-southeast-1", false, uint8(1))
	f.Fuzz(func(t *testing.T, role, instance, table, uidA, uidB, region string, readWrite bool, scope uint8) {
		s := seedSpec()
		s.RAM.Role, s.Tablestore.Instance, s.Tablestore.Table = role, instance, table
		s.Accounts.Tablestore.UID, s.Accounts.MaxCompute.UID, s.Region = uidA, uidB, region
		s.ExternalTable.Name = "" // derived from the table
		if readWrite {
			s.RAM.Access = AccessReadWrite
		}
		s.RAM.Scope = []Scope{ScopeAccount, ScopeInstance, ScopeTable}[scope%3]

		// Whatever the input, the documents are JSON of the policy grammar.
		trust := parsePolicy(t, TrustPolicy(s).Marshal())
		perm := parsePolicy(t, PermissionPolicy(s).Marshal())
		if !json.Valid([]byte(compactJSON(PermissionPolicy(s)))) {
			t.Fatal("compact policy is not JSON")
		}

		ps := Validate(s)
		// Every name a naming rule refuses is refused by Validate, on its field.
		for field, bad := range map[string]bool{
			"ram.role":                naming.RoleName(role) != nil,
			"tablestore.instance":     naming.InstanceName(instance) != nil,
			"tablestore.table":        naming.TableName(table) != nil,
			"accounts.tablestore.uid": naming.UID(uidA) != nil,
			"accounts.maxcompute.uid": naming.UID(uidB) != nil,
		} {
			if _, found := findProblem(ps.Errors(), field); bad && !found {
				t.Fatalf("%s is invalid but Validate did not say so: %v", field, ps)
			}
		}
		a, err := Render(s)
		if ps.HasErrors() {
			if err == nil || a.TrustPolicy != "" || a.PermissionPolicy != "" {
				t.Fatalf("Render rendered an invalid spec: %v", ps)
			}
			return
		}
		if err != nil {
			t.Fatalf("Render refused a valid spec: %v", err)
		}
		if a.TrustPolicy != TrustPolicy(s).Marshal() || a.PermissionPolicy != PermissionPolicy(s).Marshal() {
			t.Fatal("Render's policies differ from the policy functions'")
		}

		principal := uidB + "@odps.aliyuncs.com"
		if uidA == uidB {
			principal = "odps.aliyuncs.com"
		}
		wantTrust := []policy.Statement{{Effect: policy.Allow, Action: policy.List{"sts:AssumeRole"}, Principal: &policy.Principal{Service: policy.List{principal}}}}
		if trust.Version != "1" || !reflect.DeepEqual(trust.Statement, wantTrust) {
			t.Fatalf("trust policy %+v, want principal %s", trust, principal)
		}

		prefix := "acs:ots:" + region + ":" + uidA + ":instance/"
		inst := strings.ToLower(instance)
		var want []string
		switch s.RAM.Scope {
		case ScopeAccount:
			want = []string{prefix + "*", prefix + "*/table/*"}
		case ScopeInstance:
			want = []string{prefix + inst, prefix + inst + "/table/*"}
		case ScopeTable:
			want = []string{prefix + inst, prefix + inst + "/table/*", prefix + inst + "/table/" + table}
		}
		var got []string
		actions := map[string]bool{}
		for _, st := range perm.Statement {
			if st.Effect != policy.Allow || st.Principal != nil || st.Condition != nil {
				t.Fatalf("unexpected statement %+v", st)
			}
			got = append(got, st.Resource...)
			for _, act := range st.Action {
				actions[act] = true
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("resources %q, want %q", got, want)
		}
		wantActions := PolicyActions(s.RAM.Access)
		if len(actions) != len(wantActions) {
			t.Fatalf("actions %v, want %v", actions, wantActions)
		}
		for _, act := range wantActions {
			if !actions[act] {
				t.Fatalf("missing action %s", act)
			}
		}
		if a.RoleARN != "acs:ram::"+uidA+":role/"+strings.ToLower(role) {
			t.Fatalf("role ARN %s", a.RoleARN)
		}
	})
}

// FuzzDDL: whatever the spec holds, valid or not, the DDL and the
// verification query tokenize into exactly the intended statement: no value
// ends a literal or an identifier early, and each decodes back to itself.
func FuzzDDL(f *testing.F) {
	f.Add("vehicle_track_ext", "vid", "bigint", ":vid", "vehicle_track", "AliyunODPSRoleForOtherUser", "cap1", "cn-hangzhou", "tablestore.read.mode", "permissive", "", "1001")
	f.Add("t`x", "c'ol", "big int", "a',b", "t\\'", "r';--", "in\nst", "re;gion", "k'=", "v\\", "u,'", "x' OR '1'='1")
	f.Add("select", "from", "STRING)", ":x", "", "", "", "", "", "", "j.jar", "")
	f.Add("a\x00b", "\x7f", "\x01", "\xff", "\u2028", "\u0085", "中文", "`", "\\\\", "'", "'';", "\\")
	f.Fuzz(func(t *testing.T, name, col, typ, source, tsTable, role, instance, region, propKey, propVal, using, sample string) {
		s := seedSpec()
		s.ExternalTable.Name = name
		s.ExternalTable.Mapping = []Mapping{{col, typ, source}, {"gt", "bigint", ":gt"}}
		s.Tablestore.Table, s.RAM.Role, s.Tablestore.Instance, s.Region = tsTable, role, instance, region
		s.Tablestore.PrimaryKey[0].Type = "STRING"
		s.Tablestore.SampleKey = []string{sample}
		s.ExternalTable.Mapping[0].Source = ":vid"
		if source != "" {
			s.ExternalTable.Mapping = append(s.ExternalTable.Mapping, Mapping{"extra", "double", source})
		}
		if propKey != "" {
			s.ExternalTable.Properties = map[string]string{propKey: propVal}
		}
		if using != "" {
			s.ExternalTable.Using = []string{using}
		}

		// Validation never panics, whatever the spec holds; and a spec it
		// accepts renders without problems.
		if _, err := Render(s); (err == nil) == Validate(s).HasErrors() {
			t.Fatalf("Render and Validate disagree: %v", err)
		}

		// An invalid spec never reaches a user as DDL (Render and every
		// command refuse it); the quoting itself is fuzzed on its own in
		// odpssql (FuzzQuoteRoundTrip). A valid spec must round-trip.
		if Validate(s).HasErrors() {
			return
		}
		ddl := DDL(s)
		st, err := odpssql.ParseStatement(ddl)
		if err != nil {
			t.Fatalf("DDL does not parse: %v\n%s", err, ddl)
		}
		ct, ok := st.(*odpssql.CreateTable)
		if !ok {
			t.Fatalf("DDL parsed as %T\n%s", st, ddl)
		}
		d := s.WithDefaults()
		if !ct.External || !ct.IfNotExists || len(ct.Columns) != len(d.ExternalTable.Mapping) ||
			len(ct.Properties) != 3+len(d.ExternalTable.Properties) || (len(ct.Using) > 0) != (using != "") {
			t.Fatalf("DDL structure changed: %+v\n%s", ct, ddl)
		}
		plain := func(vals ...string) bool { // values odpssql.QuoteString keeps exactly
			for _, v := range vals {
				if !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool { return r >= 0x80 && unicode.IsControl(r) }) {
					return false
				}
			}
			return true
		}
		// MaxCompute names are case-insensitive: the parser lower-cases them.
		if ct.Name != strings.ToLower(d.ExternalTable.Name) || ct.StoredBy != StorageHandler {
			t.Fatalf("table %q handler %q do not decode back\n%s", ct.Name, ct.StoredBy, ddl)
		}
		if plain(col) && ct.Columns[0].Name != strings.ToLower(col) {
			t.Fatalf("column %q decoded as %q\n%s", col, ct.Columns[0].Name, ddl)
		}
		if plain(typ) && strings.ToLower(strings.TrimSpace(typ)) != ct.Columns[0].Type && !strings.ContainsAny(typ, "<>(),` \t") {
			t.Fatalf("type %q decoded as %q", typ, ct.Columns[0].Type)
		}
		if plain(tsTable, role, instance, region, propKey, propVal, using, source) {
			want := [][2]string{{propMapping, ColumnsMapping(d.ExternalTable.Mapping)}, {propTable, tsTable}, {propRoleARN, RoleARN(s)}}
			if propKey != "" {
				want = append(want, [2]string{propKey, propVal})
			}
			var got [][2]string
			for _, p := range ct.Properties {
				got = append(got, [2]string{p.Key, p.Value})
			}
			var gotUsing string
			if len(ct.Using) > 0 {
				gotUsing = strings.Join(ct.Using, ",")
			}
			if !reflect.DeepEqual(got, want) || ct.Location != Location(s) || gotUsing != using {
				t.Fatalf("literals do not decode back:\n got %q %q %q\nwant %q %q %q", got, ct.Location, gotUsing, want, Location(s), using)
			}
		}

		q := VerificationQuery(s)
		qs, err := odpssql.ParseStatement(q)
		if err != nil {
			t.Fatalf("query does not parse: %v\n%s", err, q)
		}
		sel, ok := qs.(*odpssql.Select)
		if !ok || sel.Limit == nil || *sel.Limit != VerifyLimit || sel.From != strings.ToLower(d.ExternalTable.Name) ||
			len(sel.Columns) != len(d.ExternalTable.Mapping) || len(sel.Where) != 1 {
			t.Fatalf("query structure changed: %+v\n%s", qs, q)
		}
		if plain(sample, col) && (sel.Where[0].Column != strings.ToLower(col) || sel.Where[0].Value.Str != sample) {
			t.Fatalf("predicate %+v, want %s = %q", sel.Where[0], col, sample)
		}
	})
}
