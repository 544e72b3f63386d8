package steps

import (
	"strings"
	"testing"

	"github.com/mcots/wizard/steps/odpssql"
)

// The DDL the wizard renders passes its own linter against its own spec, for
// every example variant.
func TestRenderedDDLLintsClean(t *testing.T) {
	t.Parallel()
	for variant := range examples() {
		s := loadExample(t, variant)
		if fs := odpssql.Lint(DDL(s), LintExpect(s)); len(fs) > 0 {
			t.Errorf("%s: the rendered DDL has findings:\n%v\n%s", variant, fs, DDL(s))
		}
	}
}

// A DDL for another spec is caught: the expectations carry the spec's facts.
func TestLintExpectCatchesAnotherSpec(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	other := seedSpec()
	other.Region = "cn-shanghai"
	other.Tablestore.PrimaryKey[0].Type = "STRING"
	other.ExternalTable.Mapping = nil
	fs := odpssql.Lint(DDL(s), LintExpect(other))
	var got []string
	for _, f := range fs {
		got = append(got, f.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"cn-shanghai", "STRING"} {
		if !strings.Contains(all, want) {
			t.Errorf("findings do not mention %q:\n%s", want, all)
		}
	}
}
