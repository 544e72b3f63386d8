package ui

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// mappingView asks for the external table: its name, the endpoint kind its
// LOCATION uses, and the column mapping, prefilled from the Tablestore
// table and editable.
type mappingView struct {
	formScreen
	name     *form.Text
	endpoint *form.Choice
	mapping  *form.Grid
	// derivedFrom is the table the mapping rows were derived from; nil
	// once the user has edited them.
	derivedFrom *steps.Tablestore
	// nameFrom is the Tablestore table the default name came from; empty
	// once the user has typed a name.
	nameFrom string
	note     string
	rederive key.Binding
}

func mappingCols() []form.Column {
	return []form.Column{
		{Title: "column", Field: "column", Width: 22, Placeholder: "external column"},
		{Title: "type", Field: "type", Width: 9, Placeholder: "string"},
		{Title: "source", Field: "source", Width: 22, Placeholder: ":key or column"},
	}
}

func newMappingView(st theme, spec steps.Spec) *mappingView {
	e := spec.ExternalTable
	v := &mappingView{
		name: form.NewText(st.Form, "external_table.name", "External table", "the table created in account B's project",
			e.Name, fieldCheck("external_table.name")),
		endpoint: form.NewChoice("external_table.endpoint", "Endpoint", "internal: MaxCompute reads over Alibaba Cloud's internal network in the same region (recommended)",
			[]form.Option{{Value: string(steps.EndpointInternal), Label: "internal"}, {Value: string(steps.EndpointPublic), Label: "public"}, {Value: string(steps.EndpointVPC), Label: "vpc"}},
			orDefault(string(e.Endpoint), string(steps.EndpointInternal))),
		mapping: form.NewGrid(st.Form, "external_table.mapping", "Column mapping", "one row per external column; the source is the Tablestore column, with ':' for a primary-key column, key columns first and in key order",
			mappingCols(), nil, checkField),
		rederive: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "derive again")),
	}
	if e.Name == "" {
		v.nameFrom = spec.Tablestore.Table
		v.name.SetValue(spec.WithDefaults().ExternalTable.Name)
	}
	if len(e.Mapping) > 0 {
		v.mapping.SetRows(mappingRows(e.Mapping))
	} else {
		v.derive(spec.Tablestore)
	}
	v.formScreen = formScreen{
		screen: steps.ScreenExternalTable,
		title:  "External table in account B",
		form:   form.New(form.DefaultKeyMap(), v.name, v.endpoint, v.mapping),
	}
	return v
}

func mappingRows(ms []steps.Mapping) [][]string {
	rows := make([][]string, len(ms))
	for i, m := range ms {
		rows[i] = []string{m.Column, m.Type, m.Source}
	}
	return rows
}

func (v *mappingView) rows() []steps.Mapping {
	var ms []steps.Mapping
	for _, r := range v.mapping.Rows() {
		if r[0] == "" && r[1] == "" && r[2] == "" {
			continue
		}
		ms = append(ms, steps.Mapping{Column: r[0], Type: strings.ToLower(r[1]), Source: r[2]})
	}
	return ms
}

// derive fills the mapping from the table: every key column, then every
// attribute column, with the types that can hold them.
func (v *mappingView) derive(t steps.Tablestore) {
	t.PrimaryKey = append([]steps.Column(nil), t.PrimaryKey...)
	t.Columns = append([]steps.Column(nil), t.Columns...)
	v.derivedFrom = &t
	v.mapping.SetRows(mappingRows(steps.DeriveMapping(t)))
}

// enter brings the answers up to date with the Tablestore form: a mapping
// and a name the user has not touched follow the table; edited ones are
// kept, with a note when the table changed under them.
func (v *mappingView) enter(spec steps.Spec) tea.Cmd {
	t := spec.Tablestore
	v.note = ""
	if v.nameFrom != "" && v.nameFrom != t.Table {
		v.nameFrom = t.Table
		v.name.SetValue(spec.WithDefaults().ExternalTable.Name)
	}
	sameTable := func(a *steps.Tablestore) bool {
		return a != nil && reflect.DeepEqual(a.PrimaryKey, t.PrimaryKey) && reflect.DeepEqual(a.Columns, t.Columns)
	}
	switch {
	case v.derivedFrom != nil && !sameTable(v.derivedFrom):
		v.derive(t)
		v.note = "The mapping was derived again: the table's key or columns changed."
	case v.derivedFrom == nil && len(v.rows()) > 0 && !reflect.DeepEqual(steps.DeriveMapping(t), v.rows()):
		v.note = "You edited this mapping; ctrl+r derives it again from the table."
	}
	return v.form.Init()
}

func (v *mappingView) update(k tea.KeyMsg, spec steps.Spec) tea.Cmd {
	if key.Matches(k, v.rederive) {
		v.derive(spec.Tablestore)
		v.note = ""
		return nil
	}
	cmd, ev := v.updateForm(k)
	switch ev.Changed {
	case "external_table.mapping":
		v.derivedFrom = nil
	case "external_table.name":
		v.nameFrom = ""
	}
	return cmd
}

func (v *mappingView) bindings() []key.Binding {
	return append(v.form.Bindings(), v.rederive)
}

// answer writes the external table; a mapping equal to the derived one is
// left out, so the spec file stays as short as the user's choices.
func (v *mappingView) answer(spec steps.Spec) steps.Spec {
	e := &spec.ExternalTable
	e.Name = v.name.Value()
	e.Endpoint = steps.Endpoint(v.endpoint.Value())
	e.Mapping = v.rows()
	if reflect.DeepEqual(e.Mapping, steps.DeriveMapping(spec.Tablestore)) {
		e.Mapping = nil
	}
	if v.nameFrom != "" && e.Name == spec.Tablestore.Table+"_ext" {
		e.Name = "" // the default follows the table
	}
	return spec
}

func (m model) mappingBody(width, height int) string {
	v := m.mapping
	spec := v.answer(m.wiz.Spec())
	extra := paint(m.st.Muted, clip(fmt.Sprintf("LOCATION   %s", steps.Location(spec)), width))
	if v.note != "" {
		extra = paint(m.st.Warn, wrap(v.note, width)) + "\n" + extra
	}
	return v.body(m.st, width, height, extra)
}
