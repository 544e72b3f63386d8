package ui

import (
	"io"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// Target is one place the wizard can set things up: Alibaba Cloud, or a
// sandbox that speaks the same protocols.
type Target struct {
	Name  string // "in-process sandbox with demo data", "Alibaba Cloud"
	Cloud cloud.Target
	// Tablestore and MaxCompute are the credentials the accounts screen
	// starts with (the sandbox's demo AccessKey pairs, or profiles).
	Tablestore, MaxCompute cloud.Credentials
	// StartsEmpty says the target holds no setup until this run makes one
	// (the in-process sandbox): a check there says so.
	StartsEmpty bool
	// Apply is the wizard apply command, without -f, that reaches this
	// target's accounts from a shell (empty: none does, as for a sandbox
	// that ends with the wizard); a check's fixes name it.
	Apply string
}

// ResumeMode says what to do with a session an earlier run left behind.
type ResumeMode int

// Resume modes.
const (
	ResumeAsk    ResumeMode = iota // offer it on the welcome screen
	ResumeAlways                   // resume without asking
	ResumeNever                    // start over and replace it
)

func (r ResumeMode) String() string {
	switch r {
	case ResumeAsk:
		return "ask"
	case ResumeAlways:
		return "always"
	case ResumeNever:
		return "never"
	}
	return "ResumeMode(?)"
}

// Options is everything the wizard gets from main.
type Options struct {
	// Targets lists where the wizard can work; the first is chosen unless
	// the user picks another on the welcome screen.
	Targets []Target
	// Connect opens a Session for a target and both accounts' credentials.
	Connect cloud.ConnectFunc
	// ConnectReplacing is Connect with the user's consent to drop and
	// re-create an external table whose definition differs from the spec;
	// the review asks before using it. Nil: such a table blocks the apply.
	ConnectReplacing cloud.ConnectFunc
	// Spec holds the forms' starting answers; SpecName says where it came
	// from, and SpecPath is its file (empty for the built-in example), named
	// in the fixes a check suggests.
	Spec     steps.Spec
	SpecName string
	SpecPath string
	// Check starts at once on checking an existing setup (--check): the
	// accounts are checked, then the whole spec; nothing is written.
	Check bool
	// Profiles are the profile names of the aliyun CLI's config file.
	Profiles []string
	// NoColor draws without colour or emphasis (NO_COLOR, --no-color).
	NoColor bool
	// Accessible asks the same questions as plain line prompts.
	Accessible bool
	// StateFile is where answers and completed steps are saved for resume
	// (never secrets); empty saves nothing.
	StateFile string
	Resume    ResumeMode
	// OutputDir is where the done screen writes the spec, DDL and policies.
	OutputDir string
	// Clipboard copies text to the terminal's clipboard (OSC 52); nil when
	// the terminal cannot.
	Clipboard func(text string) error
	// In and Out are the terminal (Out is where the screen is drawn).
	In  io.Reader
	Out io.Writer
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// forceColor draws in colour whatever the output is (tests compare the
	// coloured and the monochrome screens).
	forceColor bool
}

// Result is how the wizard ended.
type Result struct {
	Spec        steps.Spec // the answers and what the run learned
	Finished    bool       // every step is done or skipped
	DDL         string     // the external table's DDL, when finished
	Interrupted bool       // the user left before the end (exit 130)
	Files       []string   // files written on the done screen
	// SavedTo is the file the answers were saved in for resume, when the
	// run ended before the setup did and something was saved.
	SavedTo string
	// Checking says the wizard was checking an existing setup: it wrote
	// and saved nothing.
	Checking bool
	// Check is the last finished check of every link (nil when none ran):
	// the check goal's answer, or the done screen's v.
	Check *cloud.DoctorReport
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
