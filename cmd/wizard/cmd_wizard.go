package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/examples"
	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui"
)

// The interactive wizard's targets. With no flag it works on an in-process
// sandbox with demo accounts and rows (nothing leaves the machine), and the
// welcome screen also offers Alibaba Cloud; --cloud works on Alibaba Cloud
// only; --endpoint on a running `wizard sandbox`.
//
// The screen is drawn on standard error (or standard output when only that
// is a terminal); when the setup finishes, the DDL is printed on standard
// output after the screen is gone, so `wizard > ext.sql` keeps it.

// wizardConfig is what `wizard [flags]` says.
type wizardConfig struct {
	sandbox    bool
	cloud      bool
	endpoint   string
	specPath   string
	profileA   string
	profileB   string
	configFile string
	// profilesFlag is --profiles-file as given (configFile has the default).
	profilesFlag string
	noColor      bool
	accessible   bool
	check        bool
	resume       ui.ResumeMode
	// reportShown: the check's report is already on the screen stdout is.
	reportShown bool
	stateFile   string
	outDir      string
}

// wizardEnv is what the wizard needs from the process; tests replace it.
type wizardEnv struct {
	getenv       func(string) string
	home         string
	isTerminal   func(any) bool
	connect      cloud.ConnectFunc
	replacing    cloud.ConnectFunc // connect with the consent to replace an external table
	startSandbox func(ctx context.Context, spec steps.Spec) (ui.Target, func(), error)
	run          func(context.Context, ui.Options) (ui.Result, error)
}

func defaultWizardEnv() wizardEnv {
	home, _ := os.UserHomeDir()
	return wizardEnv{
		getenv:       os.Getenv,
		home:         home,
		isTerminal:   isTerminal,
		connect:      connectWizard(false),
		replacing:    connectWizard(true),
		startSandbox: startInProcessSandbox,
		run:          ui.Run,
	}
}

func cmdWizard(ctx context.Context, args []string, s stdio) int {
	return runWizard(ctx, args, s, defaultWizardEnv())
}

func parseWizardFlags(args []string, env wizardEnv, errOut io.Writer) (wizardConfig, error) {
	var c wizardConfig
	var resume, noResume bool
	fs := flag.NewFlagSet("wizard", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() {
		fmt.Fprintf(errOut, "usage: wizard [flags]\n\n"+
			"The interactive wizard. By default it works on an in-process sandbox with demo accounts\n"+
			"and rows (nothing leaves this machine); --cloud works on Alibaba Cloud. The screen is drawn\n"+
			"on stderr; the finished setup's DDL is printed on stdout.\n\nflags:\n")
		fs.PrintDefaults()
	}
	fs.BoolVar(&c.sandbox, "sandbox", false, "work on the in-process sandbox only (by default the welcome screen also offers Alibaba Cloud)")
	fs.BoolVar(&c.cloud, "cloud", false, "work on Alibaba Cloud (credentials from profiles, the environment, or pasted)")
	fs.StringVar(&c.endpoint, "endpoint", "", "work on a running wizard sandbox at this `URL`")
	fs.StringVar(&c.specPath, "f", "", "the spec file to start from (default: the built-in "+examples.SeedName+")")
	fs.StringVar(&c.profileA, "profile-a", "", "aliyun CLI `profile` for account A (Tablestore)")
	fs.StringVar(&c.profileB, "profile-b", "", "aliyun CLI `profile` for account B (MaxCompute)")
	fs.StringVar(&c.configFile, "profiles-file", "", "the aliyun CLI config `file` (default ~/.aliyun/config.json)")
	fs.BoolVar(&c.noColor, "no-color", false, "draw without colour (also when NO_COLOR is set)")
	fs.BoolVar(&c.accessible, "accessible", false, "ask the questions as plain line prompts (screen readers)")
	fs.BoolVar(&c.check, "check", false, "check an existing setup instead of setting one up: every link of the chain, read-only (like wizard doctor)")
	fs.BoolVar(&resume, "resume", false, "resume an interrupted session without asking")
	fs.BoolVar(&noResume, "no-resume", false, "start afresh, replacing an interrupted session")
	fs.StringVar(&c.stateFile, "state-file", "", "where answers are saved for resume, never secrets (default $XDG_STATE_HOME/mcots-wizard/session.yaml)")
	fs.StringVar(&c.outDir, "out", ".", "the `directory` the done screen writes the spec, DDL and policies to")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected argument %q (run 'wizard -h' for the flags, 'wizard help' for the commands)", fs.Arg(0))
	case btoi(c.sandbox)+btoi(c.cloud)+btoi(c.endpoint != "") > 1:
		return c, errors.New("--sandbox, --cloud and --endpoint exclude each other: choose one target")
	case resume && noResume:
		return c, errors.New("--resume and --no-resume exclude each other")
	case c.check && resume:
		return c, errors.New("--check and --resume exclude each other: a check writes nothing, so there is nothing to resume")
	}
	if err := checkEndpoint(c.endpoint); err != nil {
		return c, err
	}
	switch {
	case resume:
		c.resume = ui.ResumeAlways
	case noResume:
		c.resume = ui.ResumeNever
	}
	if env.getenv("NO_COLOR") != "" {
		c.noColor = true
	}
	if c.stateFile == "" {
		c.stateFile = ui.DefaultStateFile(env.getenv, env.home)
	}
	c.profilesFlag = c.configFile
	if c.configFile == "" {
		c.configFile = orEnv(env.getenv("ALIBABA_CLOUD_CONFIG_FILE"), ui.DefaultConfigFile(env.home))
	}
	return c, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func orEnv(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

func runWizard(ctx context.Context, args []string, s stdio, env wizardEnv) int {
	cfg, err := parseWizardFlags(args, env, s.err)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(s.err, "wizard: %v\n", err)
		return exitUsage
	}
	screen, ok := screenOf(s, env.isTerminal)
	if !ok && !cfg.accessible {
		if cfg.check {
			fmt.Fprintln(s.err, "wizard: the interactive wizard needs a terminal (standard input and standard error).\n"+
				"For scripts and CI, run the same check headless:  wizard doctor -f SPEC  (--output json for a machine),\n"+
				"or use --accessible for plain line prompts.")
			return exitUsage
		}
		fmt.Fprintln(s.err, "wizard: the interactive wizard needs a terminal (standard input and standard error).\n"+
			"For scripts and CI, run the same setup headless:  wizard apply -f SPEC\n"+
			"(see what it would do first with  wizard plan --offline -f SPEC), or use --accessible for plain line prompts.")
		return exitUsage
	}
	if screen == nil {
		screen = s.err
	}

	spec, err := startingSpec(cfg.specPath, s.in)
	if err != nil {
		fmt.Fprintf(s.err, "wizard: %v\n", err)
		return exitUsage
	}
	profiles, err := ui.ProfileNames(cfg.configFile)
	if err != nil {
		fmt.Fprintf(s.err, "wizard: reading profiles from %s: %v (continuing without them)\n", cfg.configFile, err)
	}
	targets, closeTargets, err := wizardTargets(ctx, cfg, spec, env)
	if err != nil {
		fmt.Fprintf(s.err, "wizard: %v\n", err)
		return exitProblems
	}
	defer closeTargets()

	opts := ui.Options{
		Targets:          targets,
		Connect:          env.connect,
		ConnectReplacing: env.replacing,
		Spec:             spec,
		SpecName:         specName(cfg.specPath),
		SpecPath:         cfg.specPath,
		Check:            cfg.check,
		Profiles:         profiles,
		NoColor:          cfg.noColor,
		Accessible:       cfg.accessible,
		StateFile:        cfg.stateFile,
		Resume:           cfg.resume,
		OutputDir:        cfg.outDir,
		In:               s.in,
		Out:              screen,
	}
	if !cfg.accessible {
		opts.Clipboard = ui.OSC52(screen)
	}
	res, err := env.run(ctx, opts)
	// Plain prompts print the check's report as it runs; on a terminal
	// standard output is that same screen, so it is not printed twice.
	cfg.reportShown = cfg.accessible && env.isTerminal(s.out)
	return finish(res, err, cfg, s)
}

// finish prints the DDL of a finished setup, or the report of a check, on
// stdout (the screen is gone by now) and turns the result into the exit
// code.
func finish(res ui.Result, err error, cfg wizardConfig, s stdio) int {
	switch {
	case err != nil:
		fmt.Fprintf(s.err, "wizard: %v\n", err)
		return exitProblems
	case res.Checking && res.Interrupted:
		fmt.Fprintln(s.err, "wizard: the check stopped before the end; nothing was written")
		return exitInterrupted
	case res.Checking && res.Check != nil:
		if !cfg.reportShown {
			for _, c := range res.Check.Checks {
				printCheck(s.out, c)
			}
		}
		fmt.Fprintf(s.err, "wizard: check: %s\n", res.Check.Summary())
		if len(res.Check.Broken()) > 0 {
			return exitProblems
		}
		return exitOK
	case res.Interrupted && res.SavedTo != "":
		fmt.Fprintf(s.err, "wizard: stopped; your answers are saved in %s — run wizard again to resume\n", res.SavedTo)
		return exitInterrupted
	case res.Interrupted:
		fmt.Fprintln(s.err, "wizard: stopped; your answers were not saved")
		return exitInterrupted
	case !res.Finished:
		return exitProblems
	}
	fmt.Fprint(s.out, res.DDL)
	for _, f := range res.Files {
		fmt.Fprintf(s.err, "wizard: wrote %s\n", f)
	}
	return exitOK
}

// screenOf picks where to draw: standard error if it is a terminal, else
// standard output; standard input must be a terminal too.
func screenOf(s stdio, isTTY func(any) bool) (io.Writer, bool) {
	if !isTTY(s.in) {
		return nil, false
	}
	switch {
	case isTTY(s.err):
		return s.err, true
	case isTTY(s.out):
		return s.out, true
	}
	return nil, false
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// startingSpec reads -f, or the built-in seed example without its UIDs:
// they are placeholders that match nobody's accounts, and the wizard reads
// the real ones from the credentials.
func startingSpec(path string, in io.Reader) (steps.Spec, error) {
	if path == "" {
		spec, err := steps.Parse(examples.SeedName, examples.Seed())
		spec.Accounts.Tablestore.UID, spec.Accounts.MaxCompute.UID = "", ""
		return spec, err
	}
	f := &specFlags{path: path}
	return f.load(in)
}

func specName(path string) string {
	if path == "" {
		return examples.SeedName + " (built in)"
	}
	return path
}

// wizardTargets lists where the wizard can work, the default first, and
// what to close when it ends.
func wizardTargets(ctx context.Context, cfg wizardConfig, spec steps.Spec, env wizardEnv) ([]ui.Target, func(), error) {
	profile := func(flagValue, specValue string) cloud.Credentials {
		name := orEnv(flagValue, specValue)
		if name == "" {
			return cloud.Credentials{Source: cloud.SourceEnvironment}
		}
		return cloud.Credentials{Source: cloud.SourceProfile, Profile: name, ConfigFile: cfg.configFile}
	}
	a := profile(cfg.profileA, spec.Accounts.Tablestore.Profile)
	b := profile(cfg.profileB, spec.Accounts.MaxCompute.Profile)
	flags := cloudFlags{profileA: cfg.profileA, profileB: cfg.profileB, profilesFile: cfg.profilesFlag}
	aliyun := ui.Target{Name: "Alibaba Cloud", Cloud: cloud.Target{Region: spec.Region}, Tablestore: a, MaxCompute: b,
		Apply: flags.applyPrefix()}
	switch {
	case cfg.cloud:
		return []ui.Target{aliyun}, func() {}, nil
	case cfg.endpoint != "":
		t := aliyun
		t.Name = "sandbox at " + cfg.endpoint
		t.Cloud.Endpoint = cfg.endpoint
		// The wizard reads the UIDs from the credentials; so must apply.
		flags.endpoint, flags.uidsFromCredentials = cfg.endpoint, true
		t.Apply = flags.applyPrefix()
		return []ui.Target{t}, func() {}, nil
	}
	demo, stop, err := env.startSandbox(ctx, spec)
	if err != nil {
		return nil, nil, fmt.Errorf("starting the in-process sandbox: %w (use --cloud for Alibaba Cloud)", err)
	}
	if cfg.sandbox {
		return []ui.Target{demo}, stop, nil
	}
	return []ui.Target{demo, aliyun}, stop, nil
}

// sandboxDemoRows is how many demo rows the sample-rows step writes into a
// table the run creates on a sandbox, so that the verification query
// selects on a key it read (never on Alibaba Cloud).
const sandboxDemoRows = 20

// connectWizard is aliyun.Connect with demo rows on a sandbox, and with
// the consent to replace an external table when the user gave it.
func connectWizard(replace bool) cloud.ConnectFunc {
	return func(ctx context.Context, t cloud.Target, a, b cloud.Credentials) (cloud.Session, error) {
		o := aliyun.DefaultOptions()
		o.Session.ReplaceExternalTable = replace
		if t.IsSandbox() {
			o.Session.DemoRows = sandboxDemoRows
		}
		return aliyun.ConnectWith(o)(ctx, t, a, b)
	}
}

// startInProcessSandbox starts the sandbox `make run` works on (the one
// of `apply --sandbox`): demo accounts A and B with fresh keys that never
// leave this process, B's project, the project spec names (in the account
// spec runs MaxCompute in) and demo rows once the setup creates
// vehicle_track.
func startInProcessSandbox(ctx context.Context, spec steps.Spec) (ui.Target, func(), error) {
	conn, err := startDemoSandbox(ctx, spec)
	if err != nil {
		return ui.Target{}, nil, err
	}
	t := conn.target
	t.Region = spec.Region
	return ui.Target{Name: "in-process sandbox with demo data", Cloud: t, Tablestore: conn.a, MaxCompute: conn.b, StartsEmpty: true}, conn.close, nil
}
