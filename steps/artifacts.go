package steps

import (
	"fmt"
	"strings"
)

// Artifacts is everything the wizard renders from a spec, for `plan
// --offline`, the review screen and the final summary.
type Artifacts struct {
	Summary           string
	TrustPolicy       string // JSON
	PermissionPolicy  string // JSON
	RoleARN           string
	DDL               string
	VerificationQuery string
	CLI               []CLICommand
	Terraform         string
	Warnings          Problems // what validation found that does not block
}

// Render validates the spec and renders every artifact. When the spec has
// errors it returns them all (as Problems, warnings included) and no
// artifacts, so nothing broken is ever shown as ready to paste.
func Render(s Spec) (Artifacts, error) {
	ps := Validate(s)
	if err := ps.Err(); err != nil {
		return Artifacts{}, err
	}
	s = s.WithDefaults()
	return Artifacts{
		Summary:           Summary(s),
		TrustPolicy:       TrustPolicy(s).Marshal(),
		PermissionPolicy:  PermissionPolicy(s).Marshal(),
		RoleARN:           RoleARN(s),
		DDL:               DDL(s),
		VerificationQuery: VerificationQuery(s),
		CLI:               CLICommands(s),
		Terraform:         Terraform(s),
		Warnings:          ps.Warnings(),
	}, nil
}

// Summary says in a few lines what the setup connects and how.
func Summary(s Spec) string {
	s = s.WithDefaults()
	a, b := s.Accounts.Tablestore.UID, s.Accounts.MaxCompute.UID
	var lines []string
	if s.SameAccount() {
		lines = append(lines, fmt.Sprintf("Same account: MaxCompute and Tablestore both belong to account %s, so the role trusts %s.", a, TrustPrincipal(s)))
	} else {
		lines = append(lines, fmt.Sprintf("Cross-account: MaxCompute in account B (%s) reads Tablestore in account A (%s); the role in A trusts %s.", b, a, TrustPrincipal(s)))
	}
	lines = append(lines,
		fmt.Sprintf("Tablestore: instance %s (%s, network %s), table %s, region %s.", s.Tablestore.Instance, s.Tablestore.ClusterType, s.Tablestore.Network, s.Tablestore.Table, s.Region),
		fmt.Sprintf("RAM in account A: role %s, policy %s, %s access scoped to the %s.", s.RAM.Role, s.RAM.Policy, s.RAM.Access, s.RAM.Scope),
		fmt.Sprintf("MaxCompute in account B: project %s, external table %s over the %s endpoint.", s.MaxCompute.Project, s.ExternalTable.Name, s.ExternalTable.Endpoint),
	)
	return strings.Join(lines, "\n") + "\n"
}

// Section is one titled block of the offline plan.
type Section struct{ Title, Body string }

// Sections lists the artifacts under their headings, in the order a person
// would set things up.
func (a Artifacts) Sections() []Section {
	var cli strings.Builder
	for i, c := range a.CLI {
		if i > 0 {
			cli.WriteByte('\n')
		}
		fmt.Fprintf(&cli, "# %s: %s\n%s\n", c.Step, c.Title, c.Command)
	}
	sections := []Section{{"Summary", a.Summary}}
	if len(a.Warnings) > 0 {
		sections = append(sections, Section{"Warnings", a.Warnings.Error() + "\n"})
	}
	return append(sections,
		Section{"Trust policy (role in account A)", a.TrustPolicy + "\n"},
		Section{"Permission policy (account A)", a.PermissionPolicy + "\n"},
		Section{"Role ARN", a.RoleARN + "\n"},
		Section{"External table DDL (run in account B's project)", a.DDL},
		Section{"Verification query", a.VerificationQuery},
		Section{"Equivalent CLI commands", cli.String()},
		Section{"Terraform (account A)", a.Terraform},
	)
}

// Text renders every section under a heading: the output of `wizard plan --offline`.
func (a Artifacts) Text() string {
	var b strings.Builder
	for i, s := range a.Sections() {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "== %s ==\n%s", s.Title, s.Body)
	}
	return b.String()
}
