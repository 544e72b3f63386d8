package cloud

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/odpssql"
	"github.com/mcots/wizard/steps/policy"
)

// Every named fault has its wording in the catalogue, with a link, a cause
// and a fix, and a name of its own.
func TestEveryFaultHasADiagnosis(t *testing.T) {
	t.Parallel()
	seen := map[string]Fault{}
	for f := FaultNone + 1; f <= FaultVerify; f++ {
		d, ok := f.Diagnosis()
		if !ok || d.Link == "" || d.Cause == "" || d.Fix == "" {
			t.Errorf("%s: %+v", f, d)
		}
		name := f.String()
		if strings.HasPrefix(name, "Fault(") {
			t.Errorf("fault %d has no name", int(f))
		}
		if g, dup := seen[name]; dup {
			t.Errorf("%d and %d share the name %s", int(g), int(f), name)
		}
		seen[name] = f
	}
	if _, ok := FaultNone.Diagnosis(); ok {
		t.Error("FaultNone has a diagnosis")
	}
	// The catalogue's rules carry the named fault, so doctor can name it.
	if _, d := Diagnose(ServiceMaxCompute, "ODPS-0010000", "std::exception:Message: a timeout was reached", 0); d == nil || d.Fault != FaultTimeout {
		t.Errorf("timeout: %+v", d)
	}
}

func TestLinksAreOrderedAndNamed(t *testing.T) {
	t.Parallel()
	links := Links()
	if len(links) != linkCount || links[0] != LinkCredentialsA || links[len(links)-1] != LinkVerify {
		t.Fatalf("links %v", links)
	}
	for _, l := range links {
		if strings.HasPrefix(l.String(), "LinkID(") || l.Title() == l.String() {
			t.Errorf("%d: %q %q", int(l), l, l.Title())
		}
		for _, n := range l.needs() {
			if n >= l {
				t.Errorf("%s needs %s, which is checked after it", l, n)
			}
		}
	}
	for _, v := range []Verdict{VerdictOK, VerdictWarning, VerdictBroken, VerdictSkipped} {
		if strings.HasPrefix(v.String(), "Verdict(") || v.Symbol() == "?" {
			t.Errorf("%d: %s %s", int(v), v, v.Symbol())
		}
	}
	if !VerdictWarning.Holds() || VerdictSkipped.Holds() || VerdictBroken.Holds() {
		t.Error("Holds")
	}
}

func TestWithoutTrustPrincipal(t *testing.T) {
	t.Parallel()
	const b = "2222@odps.aliyuncs.com"
	cases := []struct {
		name, doc string
		want      string // compact, after removal
	}{
		{"merged into a service list",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ecs.aliyuncs.com","2222@ODPS.aliyuncs.com"]}}]}`,
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"Service":["ecs.aliyuncs.com"]}}]}`},
		{"a statement of its own goes",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1111:root"]}},{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["2222@odps.aliyuncs.com"]}}]}`,
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"RAM":["acs:ram::1111:root"]}}]}`},
		{"a statement with a RAM principal too stays",
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["2222@odps.aliyuncs.com"],"RAM":["acs:ram::1111:root"]}}]}`,
			`{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"RAM":["acs:ram::1111:root"]}}]}`},
		{"a Deny naming it is not the wizard's",
			`{"Version":"1","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"Service":["2222@odps.aliyuncs.com"]}},{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ecs.aliyuncs.com"]}}]}`,
			`{"Version":"1","Statement":[{"Effect":"Deny","Action":["sts:AssumeRole"],"Principal":{"Service":["2222@odps.aliyuncs.com"]}},{"Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"Service":["ecs.aliyuncs.com"]}}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := mustParse(t, c.doc)
			before := doc.Compact()
			got := WithoutTrustPrincipal(doc, b)
			if doc.Compact() != before {
				t.Fatal("the input was changed")
			}
			if got.Compact() != mustParse(t, c.want).Compact() {
				t.Errorf("got  %s\nwant %s", got.Compact(), c.want)
			}
		})
	}
	// Merging and removing again gives back the document.
	orig := mustParse(t, `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}`)
	if back := WithoutTrustPrincipal(MergeTrustPrincipal(orig, b), b); !SameDocument(back, orig) || back.Compact() != orig.Compact() {
		t.Errorf("round trip: %s", back.Compact())
	}
}

func TestWithoutAddedPrincipal(t *testing.T) {
	t.Parallel()
	const p = "2222@odps.aliyuncs.com"
	for _, desc := range []string{"made by hand", "", "made by hand [mcots wizard added trust principal 3333@odps.aliyuncs.com]"} {
		with, ok := WithAddedPrincipal(desc, p)
		if !ok {
			t.Fatal(desc)
		}
		if got := WithoutAddedPrincipal(with, p); got != desc {
			t.Errorf("%q → %q → %q", desc, with, got)
		}
	}
	if got := WithoutAddedPrincipal("made by hand", p); got != "made by hand" {
		t.Errorf("no note: %q", got)
	}
}

// The DDL rebuilt from the metadata MaxCompute returns for the wizard's
// table passes the linter against the spec; each kind of fault in the
// metadata shows as a finding at its link.
func TestExternalTableDDLAndFindingLinks(t *testing.T) {
	t.Parallel()
	spec := steps.Spec{Region: "cn-hangzhou", Accounts: steps.Accounts{Tablestore: steps.Account{UID: "1111111111111111"}, MaxCompute: steps.Account{UID: "2222222222222222"}},
		MaxCompute: steps.MaxCompute{Project: "p"},
		Tablestore: steps.Tablestore{Instance: "cap1", Table: "vehicle_track", PrimaryKey: []steps.Column{{Name: "vid", Type: "INTEGER"}, {Name: "gt", Type: "INTEGER"}},
			Columns: []steps.Column{{Name: "speed", Type: "DOUBLE"}}}}.WithDefaults()
	good := ExternalTable{Name: spec.ExternalTable.Name, Comment: ExternalTableComment, IsExternal: true, StorageHandler: steps.StorageHandler,
		Location: steps.Location(spec), Properties: map[string]string{}}
	for _, m := range spec.ExternalTable.Mapping {
		good.Columns = append(good.Columns, Column{Name: m.Column, Type: m.Type})
	}
	for _, p := range steps.SerdeProperties(spec) {
		good.Properties[p.Key] = p.Value
	}
	if fs := odpssql.Lint(ExternalTableDDL(good), steps.LintExpect(spec)); len(fs) != 0 {
		t.Fatalf("the wizard's table has findings: %v\n%s", fs, ExternalTableDDL(good))
	}
	cases := []struct {
		name string
		edit func(*ExternalTable)
		link LinkID
	}{
		{"not external", func(t *ExternalTable) { t.IsExternal = false }, LinkExternalTable},
		{"another region", func(t *ExternalTable) { t.Location = "tablestore://cap1.cn-shanghai.ots-internal.aliyuncs.com" }, LinkLocation},
		{"public endpoint", func(t *ExternalTable) { t.Location = "tablestore://cap1.cn-hangzhou.ots.aliyuncs.com" }, LinkLocation},
		{"key declared string", func(t *ExternalTable) { t.Columns[0].Type = "string" }, LinkMapping},
		{"mapping without marks", func(t *ExternalTable) { t.Properties[odpssql.PropColumnsMapping] = "vid,gt,speed" }, LinkMapping},
		{"no mapping", func(t *ExternalTable) { delete(t.Properties, odpssql.PropColumnsMapping) }, LinkMapping},
		{"role in capitals", func(t *ExternalTable) {
			t.Properties[odpssql.PropRoleARN] = "acs:ram::1111111111111111:role/AliyunODPSRoleForOtherUser"
		}, LinkRoleARN},
		{"no role", func(t *ExternalTable) { delete(t.Properties, odpssql.PropRoleARN) }, LinkRoleARN},
		{"another table", func(t *ExternalTable) { t.Properties[odpssql.PropTableName] = "Vehicle_track" }, LinkExternalTable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := good
			bad.Columns = slices.Clone(good.Columns)
			bad.Properties = map[string]string{}
			for k, v := range good.Properties {
				bad.Properties[k] = v
			}
			c.edit(&bad)
			expect := steps.LintExpect(spec)
			expect.Attributes = nil
			fs := odpssql.Lint(ExternalTableDDL(bad), expect)
			if len(fs) == 0 {
				t.Fatalf("no finding:\n%s", ExternalTableDDL(bad))
			}
			for _, f := range fs {
				if got := findingLink(f); got != c.link {
					t.Errorf("%s (%s) went to %s, want %s", f.Message, f.Code, got, c.link)
				}
			}
		})
	}
}

func TestLowerInstancesOnlyTouchesTheInstance(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:GetRange","Resource":["acs:ots:cn-hangzhou:1:instance/Cap1/table/Vehicle","acs:ots:*:*:instance/CAP1"]}]}`)
	got := lowerInstances(doc)
	if want := []string{"acs:ots:cn-hangzhou:1:instance/cap1/table/Vehicle", "acs:ots:*:*:instance/cap1"}; !slices.Equal(got.Statement[0].Resource, want) {
		t.Errorf("got %v", got.Statement[0].Resource)
	}
	if doc.Statement[0].Resource[0] != "acs:ots:cn-hangzhou:1:instance/Cap1/table/Vehicle" {
		t.Error("the input was changed")
	}
	ps := []rolePolicy{{name: "p", typ: "Custom", doc: doc}}
	if got := upperInstanceResources(ps, "cap1"); len(got) != 2 {
		t.Errorf("upper: %v", got)
	}
	res := TableResource("cn-hangzhou", "1", "Cap1", "Vehicle")
	if policy.Evaluate(docsOf(ps), "ots:GetRange", res).IsAllowed() || !policy.Evaluate(lowerAll(ps), "ots:GetRange", res).IsAllowed() {
		t.Error("lowercasing the instance should be what makes the policy allow")
	}
}

// A failed call's diagnosis names the fault; without one, the link's
// fallback stands in only for a refusal, never for an outage, and no
// fallback means no guess.
func TestFailedGuessesOnlyWhatTheFallbackMeans(t *testing.T) {
	t.Parallel()
	unknown := Classify(&Error{Service: ServiceSTS, Op: "GetCallerIdentity", Code: "SomethingNew", Message: "new", HTTPStatus: 400})
	outage := Classify(&Error{Service: ServiceSTS, Op: "GetCallerIdentity", Code: "InternalError", HTTPStatus: 500})
	badSecret := Classify(&Error{Service: ServiceSTS, Op: "GetCallerIdentity", Code: "SignatureDoesNotMatch", HTTPStatus: 400})
	for _, c := range []struct {
		err      error
		fallback Fault
		fault    Fault
		cause    string // a prefix
	}{
		{badSecret, FaultNone, FaultBadSecret, "the AccessKey secret does not match"},
		{unknown, FaultNone, FaultNone, "the catalogue does not know this failure"},
		{unknown, FaultProjectMissing, FaultProjectMissing, "the project does not exist"},
		{outage, FaultProjectMissing, FaultNone, "the service could not serve the call just now (unavailable)"},
		{&CredentialsError{Who: "account B (MaxCompute)", Err: errors.New("no aliyun config file")}, FaultNone, FaultNoCredentials, "no AccessKey could be read"},
	} {
		got, err := failed(c.err, c.fallback)
		if err != nil || got.Verdict != VerdictBroken || got.Fault != c.fault || !strings.HasPrefix(got.Cause, c.cause) || got.Fix == "" || got.Detail != c.err.Error() {
			t.Errorf("%v with fallback %s: %+v, %v", c.err, c.fallback, got, err)
		}
	}
	if _, err := failed(fmt.Errorf("x: %w", context.Canceled), FaultBadKeyID); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancellation was not returned: %v", err)
	}
}
