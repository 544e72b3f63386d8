package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// projectView asks for the region and account B's MaxCompute project.
type projectView struct {
	formScreen
	region, project *form.Text
}

func newProjectView(st theme, spec steps.Spec) *projectView {
	v := &projectView{
		region: form.NewText(st.Form, "region", "Region", "the region ID of the MaxCompute project and the Tablestore instance, e.g. cn-hangzhou",
			spec.Region, fieldCheck("region")),
		project: form.NewText(st.Form, "maxcompute.project", "MaxCompute project", "an existing project in account B; the wizard does not create projects",
			spec.MaxCompute.Project, fieldCheck("maxcompute.project")),
	}
	v.formScreen = formScreen{
		screen: steps.ScreenMaxCompute,
		title:  "MaxCompute project and region",
		intro:  "The external table is created in this project of account B. The Tablestore instance must be in the same region.",
		form:   form.New(form.DefaultKeyMap(), v.region, v.project),
	}
	return v
}

func (v *projectView) update(k tea.KeyMsg) tea.Cmd {
	cmd, _ := v.updateForm(k)
	return cmd
}

func (v *projectView) answer(spec steps.Spec) steps.Spec {
	spec.Region = v.region.Value()
	spec.MaxCompute.Project = v.project.Value()
	return spec
}

func (m model) projectBody(width, height int) string {
	return m.project.body(m.st, width, height, "")
}
