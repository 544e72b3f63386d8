package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// welcomeView says what will happen, to which accounts and where, and
// offers to resume an interrupted session.
type welcomeView struct {
	target  int  // index into Options.Targets
	targets int  // how many there are
	resume  bool // a saved session is on offer
}

func (v *welcomeView) update(k tea.KeyMsg, keys keyMap) tea.Cmd {
	switch {
	case key.Matches(k, keys.Start):
		return emit(startMsg{resume: v.resume})
	case v.resume && key.Matches(k, keys.Fresh):
		return emit(startMsg{resume: false})
	case key.Matches(k, keys.Check):
		return emit(startMsg{check: true})
	case v.targets > 1 && key.Matches(k, keys.Target):
		if k.String() == "left" {
			v.target = (v.target + v.targets - 1) % v.targets
		} else {
			v.target = (v.target + 1) % v.targets
		}
	}
	return nil
}

func (v *welcomeView) bindings(keys keyMap) []key.Binding {
	start := keys.Start
	if v.resume {
		start = withHelp(start, "enter", "resume")
	}
	b := []key.Binding{start}
	if v.resume {
		b = append(b, keys.Fresh)
	}
	b = append(b, keys.Check)
	if v.targets > 1 {
		b = append(b, keys.Target)
	}
	return b
}

func (m model) welcomeBody(width, height int) string {
	st := m.st
	spec := m.wiz.Spec().WithDefaults()
	uid := func(u string) string {
		if u == "" {
			return "UID read from its credentials"
		}
		return u
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("Connect MaxCompute to a Tablestore table in another account") + "\n")
	// Where it will act comes first: it must show on the smallest screen.
	t := m.currentTarget()
	line := "Target: "
	if v := m.welcome; v.targets > 1 {
		var parts []string
		for i, tg := range m.opts.Targets {
			if i == v.target {
				parts = append(parts, st.Form.Selected.Render("● "+tg.Name))
			} else {
				parts = append(parts, st.Form.Unselected.Render("○ "+tg.Name))
			}
		}
		line += strings.Join(parts, "  ")
	} else {
		line += st.Accent.Render(t.Name)
	}
	b.WriteString(clip(line, width) + "\n")
	if m.opts.SpecName != "" {
		b.WriteString(st.Muted.Render(clip("Starting answers: "+m.opts.SpecName, width)) + "\n")
	}
	if m.welcome.resume && m.saved != nil {
		b.WriteString(paint(st.Warn, wrap(m.saved.describe(), width)) + "\n")
		b.WriteString(paint(st.Muted, wrap("Resuming is safe: every step looks at what exists before it changes anything.", width)) + "\n")
		if m.opts.SpecPath != "" {
			b.WriteString(paint(st.Warn, wrap("enter resumes with that session's answers, not "+m.opts.SpecPath+"'s; n starts afresh from "+m.opts.SpecPath+".", width)) + "\n")
		}
		if t.StartsEmpty && m.saved.Target == t.Name {
			b.WriteString(paint(st.Muted, wrap("This sandbox starts empty each run: the answers are resumed and the steps run again.", width)) + "\n")
		}
	}
	b.WriteString("\n" + wrap(fmt.Sprintf(
		"Account A (%s) owns the Tablestore table %s.%s; account B (%s) runs MaxCompute project %s. "+
			"The wizard will, in this order:", uid(spec.Accounts.Tablestore.UID), spec.Tablestore.Instance, spec.Tablestore.Table,
		uid(spec.Accounts.MaxCompute.UID), spec.MaxCompute.Project), width) + "\n")
	items := []string{
		"check both accounts' credentials and read their UIDs;",
		fmt.Sprintf("in account A: create the RAM role %s that MaxCompute in B may assume, its permission policy (%s, scoped to the %s) and the attachment;", spec.RAM.Role, spec.RAM.Access, spec.RAM.Scope),
		fmt.Sprintf("in account A: create the Tablestore instance %s and table %s if they are missing;", spec.Tablestore.Instance, spec.Tablestore.Table),
		fmt.Sprintf("in account B: create the external table %s and read a few rows through it.", spec.ExternalTable.Name),
	}
	for i, it := range items {
		b.WriteString(hang(fmt.Sprintf(" %d. ", i+1), it, width) + "\n")
	}
	b.WriteString("\n" + wrap("Nothing is changed before you have reviewed the plan and confirmed it; existing resources are kept.", width) + "\n")
	b.WriteString(wrap("Already set up, and reads fail? Press "+st.Key.Render("c")+" to check every link of it instead, read-only.", width) + "\n")
	return b.String()
}
