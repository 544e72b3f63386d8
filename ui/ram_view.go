package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// ramView asks for the role MaxCompute assumes in account A, its policy,
// the access it grants and how far the policy reaches.
type ramView struct {
	formScreen
	role, policy  *form.Text
	access, scope *form.Choice
}

func newRAMView(st theme, spec steps.Spec) *ramView {
	r := spec.RAM
	v := &ramView{
		role: form.NewText(st.Form, "ram.role", "Role name", "the RAM role in account A that MaxCompute assumes (a setup keeps an existing one and merges its trust policy)",
			r.Role, fieldCheck("ram.role")).Placeholder(steps.DefaultRole),
		policy: form.NewText(st.Form, "ram.policy", "Policy name", "the custom permission policy attached to the role",
			r.Policy, fieldCheck("ram.policy")).Placeholder(steps.DefaultPolicy),
		access: form.NewChoice("ram.access", "Access", "read is enough for SELECT; read-write also lets MaxCompute INSERT into the table",
			[]form.Option{{Value: string(steps.AccessRead), Label: "read"}, {Value: string(steps.AccessReadWrite), Label: "read-write"}},
			orDefault(string(r.Access), string(steps.AccessRead))),
		scope: form.NewChoice("ram.scope", "Scope", "table grants only this table (least privilege); instance or account reach further",
			[]form.Option{{Value: string(steps.ScopeTable), Label: "table"}, {Value: string(steps.ScopeInstance), Label: "instance"}, {Value: string(steps.ScopeAccount), Label: "account"}},
			orDefault(string(r.Scope), string(steps.ScopeTable))),
	}
	v.formScreen = formScreen{
		screen: steps.ScreenRAM,
		title:  "RAM role and policy in account A",
		intro:  "MaxCompute in account B reads the table by assuming this role; the policy says what the role may do.",
		form:   form.New(form.DefaultKeyMap(), v.role, v.policy, v.access, v.scope),
	}
	return v
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

func (v *ramView) update(k tea.KeyMsg) tea.Cmd {
	cmd, _ := v.updateForm(k)
	return cmd
}

func (v *ramView) answer(spec steps.Spec) steps.Spec {
	spec.RAM = steps.RAM{
		Role:   v.role.Value(),
		Policy: v.policy.Value(),
		Access: steps.Access(v.access.Value()),
		Scope:  steps.Scope(v.scope.Value()),
	}
	return spec
}

func (m model) ramBody(width, height int) string {
	spec := m.ram.answer(m.wiz.Spec()).WithDefaults()
	preview := paint(m.st.Muted, clip(fmt.Sprintf("Role ARN   %s\nTrusts     %s", steps.RoleARN(spec), steps.TrustPrincipal(spec)), width))
	return m.ram.body(m.st, width, height, preview)
}
