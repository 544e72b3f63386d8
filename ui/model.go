package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// page is one screen of the wizard.
type page int

// Pages, in the order a run meets them.
const (
	pageWelcome page = iota
	pageAccounts
	pageProject
	pageRAM
	pageTablestore
	pageMapping
	pagePlan // observation and the review
	pageRun
	pageResults
	pageDone
	pageCheck // the check of an existing setup, read-only
)

func (p page) String() string {
	switch p {
	case pageWelcome:
		return "Welcome"
	case pageAccounts:
		return "Accounts"
	case pageProject:
		return "Project"
	case pageRAM:
		return "RAM"
	case pageTablestore:
		return "Tablestore"
	case pageMapping:
		return "Mapping"
	case pagePlan:
		return "Review"
	case pageRun:
		return "Run"
	case pageResults:
		return "Rows"
	case pageDone:
		return "Done"
	case pageCheck:
		return "Check"
	}
	return fmt.Sprintf("page(%d)", int(p))
}

// isForm reports whether the page is one of the forms.
func (p page) isForm() bool { return p >= pageAccounts && p <= pageMapping }

func pageOf(s steps.Screen) page {
	switch s {
	case steps.ScreenAccounts:
		return pageAccounts
	case steps.ScreenMaxCompute:
		return pageProject
	case steps.ScreenRAM:
		return pageRAM
	case steps.ScreenTablestore:
		return pageTablestore
	}
	return pageMapping
}

// overlay is a panel drawn over the page.
type overlay int

// Overlays.
const (
	overlayNone overlay = iota
	overlayHelp
	overlayQuit      // leave the wizard?
	overlayOverwrite // replace existing files?
	overlayReplace   // drop and re-create the external table?
)

// model is the wizard's root model. It owns the step machine, the session
// and the calls in flight; it routes keys to the page on screen and turns
// the pages' intents and the calls' results into steps events.
type model struct {
	opts Options
	ctx  context.Context
	keys keyMap
	st   theme
	help help.Model

	width, height int
	now           time.Time

	wiz         steps.Wizard
	started     bool // past the welcome screen
	everStarted bool // was past it once: the answers were saved then
	resuming    bool // submit the whole spec once the accounts are checked (resume, --check)
	resultsSeen bool

	session    cloud.Session
	calls      *calls
	verifySeq  int
	verifying  bool
	checked    bool // identities hold a finished check
	identities [2]identityResult
	checkedFor [2]cloud.Credentials
	target     cloud.Target // where the checked session goes
	consented  bool         // the user agreed to replace the external table
	runs       map[steps.StepID]*stepRun
	ticking    bool
	noTicks    bool // pure tests drive the clock themselves

	overlay   overlay
	notice    string
	noticeBad bool
	pending   []string // files an overwrite would replace

	welcome    *welcomeView
	accounts   *accountsView
	project    *projectView
	ram        *ramView
	tablestore *tablestoreView
	mapping    *mappingView
	plan       *planView
	run        *runView
	done       *doneView
	check      *checkView

	saved   *savedSession
	store   *stateStore
	saveSeq int

	result Result
}

// newModel builds the wizard's model; saved is a session an earlier run
// left (nil for none), offered on the welcome screen.
func newModel(ctx context.Context, opts Options, saved *savedSession) model {
	if len(opts.Targets) == 0 {
		opts.Targets = []Target{{Name: "Alibaba Cloud"}}
	}
	st := newStyles(newRenderer(outputOf(opts), opts.NoColor, opts.forceColor))
	m := model{
		opts:   opts,
		ctx:    ctx,
		keys:   defaultKeys(),
		st:     st,
		help:   help.New(),
		width:  80,
		height: 24,
		now:    opts.now(),
		wiz:    steps.New(opts.Spec),
		calls:  newCalls(),
		runs:   map[steps.StepID]*stepRun{},
		plan:   &planView{},
		run:    &runView{},
		done:   newDoneView(st, opts.OutputDir),
		check:  &checkView{},
	}
	m.help.Styles = st.Help
	m.help.ShortSeparator = " · "
	if opts.StateFile != "" {
		m.store = &stateStore{path: opts.StateFile}
	}
	if saved != nil && opts.Resume != ResumeNever {
		m.saved = saved
	}
	m.welcome = &welcomeView{targets: len(opts.Targets), resume: m.saved != nil}
	m.buildForms(opts.Spec)
	return m
}

// buildForms makes every form from spec and the chosen target's credentials.
func (m *model) buildForms(spec steps.Spec) {
	t := m.currentTarget()
	m.accounts = newAccountsView(m.st, m.opts.Profiles, t.Tablestore, t.MaxCompute)
	m.project = newProjectView(m.st, spec)
	m.ram = newRAMView(m.st, spec)
	m.tablestore = newTablestoreView(m.st, spec)
	m.mapping = newMappingView(m.st, spec)
}

func (m model) currentTarget() Target {
	i := 0
	if m.welcome != nil {
		i = m.welcome.target
	}
	return m.opts.Targets[i]
}

// page returns the screen to show, from the step machine's phase.
func (m model) page() page {
	if !m.started {
		return pageWelcome
	}
	switch m.wiz.Phase() {
	case steps.PhaseEditing:
		return pageOf(m.wiz.Screen())
	case steps.PhaseObserving, steps.PhaseReviewing:
		return pagePlan
	case steps.PhaseApplying:
		return pageRun
	case steps.PhaseChecking:
		return pageCheck
	case steps.PhaseDone:
		if m.resultsSeen {
			return pageDone
		}
		return pageResults
	}
	return pageWelcome
}

// Result returns how the wizard ended (after the program quits).
func (m model) Result() Result { return m.result }

// verified reports whether both accounts' credentials were checked as
// answered now.
func (m model) verified() bool {
	a, b := m.accounts.credentials()
	return m.checked && m.identities[0].err == nil && m.identities[1].err == nil &&
		m.checkedFor[0] == a && m.checkedFor[1] == b
}

// bodyHeight is what is left for a page between the header (two lines)
// and the footer (the notice, one to three lines, and the help line).
func (m model) bodyHeight() int {
	return max(4, max(8, m.height)-3-len(m.noticeText(max(20, m.width))))
}

// bodyWidth is the width pages draw in (a margin of one on the left).
func (m model) bodyWidth() int { return max(20, m.width-2) }
