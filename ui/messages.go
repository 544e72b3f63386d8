package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// Intents: what a screen asks the root to do. Screens never change the
// wizard or reach into each other; they return one of these as a message.
type (
	startMsg struct {
		resume bool // resume the saved session
		check  bool // check an existing setup instead of setting one up
	} // welcome: begin
	checkMsg   struct{}                      // check: walk the chain (again), read-only
	goalMsg    struct{ goal steps.Goal }     // check ⇄ setup: what the answered forms lead to
	verifyMsg  struct{}                      // accounts: connect and identify both accounts
	submitMsg  struct{ screen steps.Screen } // a form is answered
	backMsg    struct{}                      // Esc
	editMsg    struct{ screen steps.Screen } // back to the form that feeds a step
	confirmMsg struct{}                      // apply the plan
	retryMsg   struct{ step steps.StepID }   // run a failed step again
	skipMsg    struct{ step steps.StepID }   // skip a step the catalogue marks safe
	resultsMsg struct{}                      // from the verification rows to the done screen
	lookupMsg  struct{ kind lookupKind }     // tablestore: list or discover what exists
	copyMsg    struct{}                      // done: copy the DDL
	writeMsg   struct {
		dir string
		ok  bool
	} // done: write the files (ok: overwriting confirmed)
	quitMsg   struct{ ask bool } // leave; ask first unless the setup is finished
	noticeMsg struct {
		text string
		bad  bool
	} // a line for the notice bar
)

// Results of cloud calls and I/O, each tagged so a stale one is dropped.
type (
	identifiedMsg struct {
		call    callID
		seq     int
		session cloud.Session
		a, b    identityResult
		err     error // connecting failed: both accounts are unknown
	}
	effectDoneMsg struct {
		call   callID
		effect steps.Effect
		out    steps.Outcome
		err    error
	}
	progressMsg struct {
		effect steps.Effect
		p      cloud.Progress
		ch     <-chan cloud.Progress // re-armed until the run closes it
	}
	instancesMsg struct {
		call   callID
		seq    int
		region string
		list   []cloud.InstanceSummary
		err    error
	}
	tablesMsg struct {
		call     callID
		seq      int
		instance string
		names    []string
		err      error
	}
	discoveredMsg struct {
		call            callID
		seq             int
		instance, table string
		found           cloud.TableDiscovery
		err             error
	}
	checkLineMsg struct {
		seq int
		c   cloud.Check
		ch  <-chan cloud.Check // re-armed until the check closes it
	}
	checkedMsg struct {
		call   callID
		seq    int
		report cloud.DoctorReport
		err    error // only the context's: a broken link is a verdict, not an error
	}
	reconnectedMsg struct {
		call    callID
		session cloud.Session
		err     error
	}
	savedMsg   struct{ err error }
	copiedMsg  struct{ err error }
	writtenMsg struct {
		paths    []string
		existing []string // files that would be replaced; nothing was written
		err      error
	}
	tickMsg time.Time
)

// identityResult is one account's identity or why it is unknown.
type identityResult struct {
	id  cloud.Identity
	err error
}

// emit returns a command that yields msg.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
