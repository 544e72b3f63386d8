package ui

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/steps"
)

// planTab is one viewer of the review screen.
type planTab int

// Viewers, in tab order.
const (
	tabStep planTab = iota
	tabTrust
	tabPermission
	tabDDL
	tabCLI
	tabTerraform
	planTabs
)

func (t planTab) String() string {
	switch t {
	case tabStep:
		return "Step"
	case tabTrust:
		return "Trust policy"
	case tabPermission:
		return "Permission policy"
	case tabDDL:
		return "DDL"
	case tabCLI:
		return "CLI"
	case tabTerraform:
		return "Terraform"
	}
	return fmt.Sprintf("planTab(%d)", int(t))
}

// planView is the review: every step with what observation found, and
// viewers for the selected step and each artifact, before anything is written.
type planView struct {
	cursor int // the selected step (index in apply order)
	moved  bool
	tab    planTab
	offset int // the viewer's scroll
	art    steps.Artifacts
	artErr error
	artFor steps.Spec
	have   bool
}

// refresh renders the artifacts again when the spec changed.
func (v *planView) refresh(spec steps.Spec) {
	if v.have && reflect.DeepEqual(spec, v.artFor) {
		return
	}
	v.art, v.artErr = steps.Render(spec)
	v.artFor, v.have = spec, true
}

// follow selects the first step that needs the user (failed or blocked),
// else the first that will write, unless the user moved the selection.
func (v *planView) follow(w steps.Wizard) {
	if v.moved {
		return
	}
	first := -1
	for i, s := range w.Steps() {
		if s.Status == steps.StatusFailed || s.Status == steps.StatusPlanned && s.Plan.Action == steps.ActionBlocked {
			v.cursor = i
			return
		}
		if first < 0 && s.Status == steps.StatusPlanned && s.Plan.Action.Writes() {
			first = i
		}
	}
	if first >= 0 {
		v.cursor = first
	}
}

func (v *planView) selected(w steps.Wizard) steps.StepState { return w.Steps()[v.cursor] }

func (v *planView) update(k tea.KeyMsg, keys keyMap, w steps.Wizard, pageLines int) tea.Cmd {
	sel := v.selected(w)
	switch {
	case key.Matches(k, keys.Confirm):
		return emit(confirmMsg{})
	case key.Matches(k, keys.NextTab):
		v.tab, v.offset = (v.tab+1)%planTabs, 0
	case key.Matches(k, keys.PrevTab):
		v.tab, v.offset = (v.tab+planTabs-1)%planTabs, 0
	case key.Matches(k, keys.StepUp):
		if v.cursor > 0 {
			v.cursor--
		}
		v.moved, v.offset = true, 0
	case key.Matches(k, keys.StepDown):
		if v.cursor < len(w.Steps())-1 {
			v.cursor++
		}
		v.moved, v.offset = true, 0
	case scrollPage(k, keys, &v.offset, pageLines):
	case key.Matches(k, keys.Retry) && sel.Status == steps.StatusFailed:
		return emit(retryMsg{step: sel.ID})
	case key.Matches(k, keys.Skip): // the machine says why when it refuses
		return emit(skipMsg{step: sel.ID})
	case key.Matches(k, keys.Edit):
		return emit(editMsg{screen: sel.ID.Form()})
	}
	return nil
}

func (m model) planBindings() []key.Binding {
	v, w := m.plan, m.wiz
	var b []key.Binding
	if ok, _ := w.CanConfirm(); ok {
		b = append(b, m.keys.Confirm)
	}
	sel := v.selected(w)
	if sel.Status == steps.StatusFailed {
		b = append(b, m.keys.Retry)
	}
	if sel.ID.Info().SafeToSkip && (sel.Status == steps.StatusPlanned || sel.Status == steps.StatusFailed) {
		b = append(b, m.keys.Skip)
	}
	b = append(b, withHelp(m.keys.Edit, "e", "edit the "+sel.ID.Form().String()+" form"), m.keys.StepUp, m.keys.NextTab, m.keys.PageUp)
	return b
}

func (m model) planBody(width, height int) string {
	head, content, h := m.planParts(width, height)
	shown, _ := scrolled(content, h, m.plan.offset)
	return head + clip(shown, width)
}

// planParts is the review's fixed head (the steps and the tabs), the
// current viewer's text and the height the viewer has.
func (m model) planParts(width, height int) (head, content string, viewerHeight int) {
	v, w, st := m.plan, m.wiz, m.st
	var hb strings.Builder
	switch w.Phase() {
	case steps.PhaseObserving:
		hb.WriteString(st.Title.Render("Looking at what exists…") + st.Muted.Render("  (read-only: nothing is changed yet)") + "\n")
	default:
		ok, why := w.CanConfirm()
		if ok {
			hb.WriteString(st.Title.Render("The plan") + st.Muted.Render("  + create  ~ change  = in place  — enter applies it") + "\n")
		} else {
			hb.WriteString(st.Title.Render("The plan") + "\n" + paint(st.Warn, wrap(why, width)) + "\n")
		}
	}
	for i, s := range w.Steps() {
		hb.WriteString(m.stepLine(s, i == v.cursor, width) + "\n")
	}
	var tabs []string
	for t := tabStep; t < planTabs; t++ {
		if t == v.tab {
			// Brackets mark the view on screen without colour too.
			tabs = append(tabs, st.TabOn.Render("["+t.String()+"]"))
		} else {
			tabs = append(tabs, st.Tab.Render(t.String()))
		}
	}
	hb.WriteString(clip(strings.Join(tabs, st.Muted.Render(" │ ")), width) + "\n")
	// Long lines (a CLI command, a policy) wrap at their spaces, commas and
	// slashes rather than lose their ends to the screen's edge.
	return hb.String(), wrapCode(m.planContent(width), width), max(2, height-linesAbove(hb.String()))
}

// planContent is the text of the current viewer.
func (m model) planContent(width int) string {
	v := m.plan
	if v.tab == tabStep {
		return m.stepDetails(v.selected(m.wiz), width)
	}
	if v.artErr != nil {
		return paint(m.st.Warn, wrap("The artifacts are rendered once the spec is complete and both accounts are known:\n"+v.artErr.Error(), width))
	}
	a := v.art
	switch v.tab {
	case tabTrust:
		return "Trust policy of role " + a.RoleARN + "\n\n" + a.TrustPolicy
	case tabPermission:
		return a.PermissionPolicy
	case tabDDL:
		return a.DDL
	case tabCLI:
		var b strings.Builder
		for _, c := range a.CLI {
			fmt.Fprintf(&b, "# %s: %s\n%s\n\n", c.Step, c.Title, wrap(c.Command, width))
		}
		return b.String()
	case tabTerraform:
		return a.Terraform
	}
	return ""
}

// stepDetails says what a step does, where, what observation found and,
// when it failed, why and what to do.
func (m model) stepDetails(s steps.StepState, width int) string {
	st := m.st
	info := s.ID.Info()
	var b strings.Builder
	b.WriteString(st.Heading.Render(info.Title) + st.Muted.Render(" — "+info.Account.String()) + "\n")
	if m.saved != nil && m.saved.completed(s.ID) {
		b.WriteString(st.Muted.Render("completed before the interruption; looked at again to be sure") + "\n")
	}
	switch {
	case s.Status == steps.StatusFailed:
		b.WriteString(m.failureLines(s, width) + "\n")
	case s.Status == steps.StatusPlanned && s.Plan.Action == steps.ActionBlocked:
		b.WriteString(paint(st.Warn, hang("! ", "blocked: "+s.Plan.Summary, width)) + "\n")
		b.WriteString(paint(st.Muted, wrap("e goes to the "+s.ID.Form().String()+" form to change what this step uses.", width)) + "\n")
	case s.Status == steps.StatusDone:
		b.WriteString(hang(stepWord(s)+": ", s.Result.Summary, width) + "\n")
		for _, d := range s.Result.Details {
			b.WriteString(paint(st.Muted, hang("  ", d, width)) + "\n")
		}
	case s.Status == steps.StatusPlanned:
		b.WriteString(hang(s.Plan.Action.String()+": ", s.Plan.Summary, width) + "\n")
		for _, d := range s.Plan.Details {
			b.WriteString(paint(st.Muted, hang("  ", d, width)) + "\n")
		}
	default:
		b.WriteString(st.Muted.Render(stepWord(s)) + "\n")
	}
	if !info.SafeToSkip && info.SkipRisk != "" {
		b.WriteString(paint(st.Muted, wrap("Cannot be skipped: "+info.SkipRisk+".", width)) + "\n")
	}
	return b.String()
}
