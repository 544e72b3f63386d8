package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// doneView is the end: the rows in brief, the DDL to keep, and ways to
// take it away (clipboard, files), then what to do next.
type doneView struct {
	dir     *form.Text // where the files go
	editing bool       // the directory has the focus
	offset  int        // the DDL's scroll
	written []string
}

func newDoneView(st theme, dir string) *doneView {
	if dir == "" {
		dir = "."
	}
	return &doneView{dir: form.NewText(st.Form, "dir", "Directory", "", dir, nil)}
}

func (v *doneView) update(k tea.KeyMsg, keys keyMap, pageLines int) tea.Cmd {
	if v.editing {
		switch k.Type {
		case tea.KeyEnter:
			v.editing = false
			v.dir.Blur()
			return emit(writeMsg{dir: v.dir.Value()})
		case tea.KeyEsc:
			v.editing = false
			v.dir.Blur()
			return nil
		}
		cmd, _ := v.dir.Update(k, form.DefaultKeyMap())
		return cmd
	}
	switch {
	case key.Matches(k, keys.Finish):
		return emit(quitMsg{ask: false})
	case key.Matches(k, keys.Copy):
		return emit(copyMsg{})
	case key.Matches(k, keys.Write):
		return emit(writeMsg{dir: v.dir.Value()})
	case key.Matches(k, keys.Doctor):
		return emit(goalMsg{goal: steps.GoalCheck})
	case key.Matches(k, keys.Dir):
		v.editing = true
		return v.dir.Focus()
	default:
		scrollLine(k, keys, &v.offset, pageLines)
	}
	return nil
}

func (m model) doneBindings() []key.Binding {
	if m.done.editing {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write the files there")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "keep the directory")),
		}
	}
	b := []key.Binding{m.keys.Finish}
	if m.opts.Clipboard != nil {
		b = append(b, m.keys.Copy)
	}
	return append(b, m.keys.Write, m.keys.Dir, m.keys.Doctor, m.keys.PageUp)
}

// fileNames are the files the done screen writes, in order.
func fileNames() []string {
	return []string{"spec.yaml", "ddl.sql", "trust-policy.json", "permission-policy.json"}
}

func (m model) doneBody(width, height int) string {
	head, tail, ddlHeight := m.doneParts(width, height)
	shown, _ := scrolled(m.plan.art.DDL, ddlHeight, m.done.offset)
	return head + fit(clip(shown, width), ddlHeight) + "\n" + tail
}

// doneParts is the done page around the DDL's viewer: the verdict above it,
// the files and next steps below, and the height left for the DDL.
func (m model) doneParts(width, height int) (head, tail string, ddlHeight int) {
	st, v := m.st, m.done
	rows, ran := verification(m.wiz)
	var hb strings.Builder
	hb.WriteString(st.Good.Render("✓ ") + st.Title.Render("Setup complete") + "\n")
	switch {
	case ran && len(rows) > 1:
		hb.WriteString(fmt.Sprintf("Verified: %d rows read through %s.", len(rows)-1, m.wiz.Spec().WithDefaults().ExternalTable.Name) + "\n")
		hb.WriteString(m.rowsTable(rows, width, 2) + "\n")
	case ran:
		hb.WriteString("Verified: the query ran; the table has no rows yet.\n")
	default:
		hb.WriteString(st.Warn.Render("Not verified: the verification query was skipped.") + "\n")
	}
	hb.WriteString(st.Heading.Render("DDL (run in account B's project; printed on leaving, too)") + "\n")

	var tb strings.Builder
	if v.editing {
		dv, _ := v.dir.View(st.Form, width, true)
		tb.WriteString(dv + "\n")
	} else {
		tb.WriteString(paint(st.Muted, clip("Files: "+strings.Join(fileNames(), ", ")+" → "+v.dir.Value(), width)) + "\n")
	}
	if len(v.written) > 0 {
		tb.WriteString(paint(st.Good, clip("Written: "+strings.Join(v.written, ", "), width)) + "\n")
	}
	tb.WriteString(st.Heading.Render("Next") + "\n")
	for _, n := range m.nextSteps() {
		tb.WriteString(clip(hang("  • ", n, width), width) + "\n")
	}

	return hb.String(), tb.String(), max(3, height-linesAbove(hb.String())-lineCount(tb.String()))
}

// nextSteps says what to do with the setup, in a few lines.
func (m model) nextSteps() []string {
	spec := m.wiz.Spec().WithDefaults()
	specFile := steps.ShellCommand(filepath.Join(m.done.dir.Value(), "spec.yaml"))
	query := "query it: " + strings.TrimSpace(steps.VerificationQuery(spec))
	if m.currentTarget().StartsEmpty {
		// The sandbox ends with the wizard: the commands would meet
		// another, empty one.
		return []string{
			query,
			"this sandbox ends when you leave: v checks every link now; on Alibaba Cloud, wizard doctor and wizard destroy -f " + specFile + " check and remove a setup later",
		}
	}
	return []string{
		query,
		fmt.Sprintf("if reads fail later: wizard doctor -f %s", specFile),
		fmt.Sprintf("to remove what the wizard created: wizard destroy -f %s", specFile),
	}
}

// files returns the contents of the files the done screen writes.
func (m model) files() (map[string][]byte, error) {
	spec, err := steps.Marshal(m.wiz.Spec())
	if err != nil {
		return nil, err
	}
	a := m.plan.art
	return map[string][]byte{
		"spec.yaml":              spec,
		"ddl.sql":                []byte(a.DDL),
		"trust-policy.json":      []byte(a.TrustPolicy + "\n"),
		"permission-policy.json": []byte(a.PermissionPolicy + "\n"),
	}, nil
}
