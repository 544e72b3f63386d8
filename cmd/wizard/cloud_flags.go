package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/steps"
)

// cloudFlags are the flags plan and apply share for reaching the accounts.
type cloudFlags struct {
	sandbox             bool
	endpoint            string
	profileA, profileB  string
	profilesFile        string
	uidsFromCredentials bool
	output              string
}

func addCloudFlags(f *specFlags) *cloudFlags {
	c := &cloudFlags{}
	f.BoolVar(&c.sandbox, "sandbox", false, "run against an in-process sandbox with demo accounts A and B and demo rows (nothing leaves this machine)")
	f.StringVar(&c.endpoint, "endpoint", "", "send every call to a running wizard sandbox at this `URL` (e.g. http://127.0.0.1:8080);\nname the profiles it wrote: --profile-a sandbox-a --profile-b sandbox-b, and add --uids-from-credentials")
	f.StringVar(&c.profileA, "profile-a", "", "aliyun CLI `profile` of account A (Tablestore); overrides the spec's")
	f.StringVar(&c.profileB, "profile-b", "", "aliyun CLI `profile` of account B (MaxCompute); overrides the spec's")
	f.StringVar(&c.profilesFile, "profiles-file", "", "the aliyun CLI config `file` holding the profiles (default $ALIBABA_CLOUD_CONFIG_FILE or ~/.aliyun/config.json)")
	f.BoolVar(&c.uidsFromCredentials, "uids-from-credentials", false, "ignore the spec's account UIDs and take them from the credentials (implied by --sandbox)")
	f.StringVar(&c.output, "output", "text", "`format` of the result on stdout: text or json")
	return c
}

func (c *cloudFlags) check() error {
	switch {
	case c.sandbox && c.endpoint != "":
		return errors.New("--sandbox and --endpoint exclude each other: --sandbox starts its own sandbox")
	case c.output != "text" && c.output != "json":
		return fmt.Errorf("--output %q: use text or json", c.output)
	case c.sandbox && (c.profileA != "" || c.profileB != "" || c.profilesFile != ""):
		return errors.New("--sandbox uses its own demo accounts: drop --profile-a, --profile-b and --profiles-file")
	}
	return checkEndpoint(c.endpoint)
}

// checkEndpoint refuses an --endpoint that is not an http(s) URL with a
// host, before anything is said to go there.
func checkEndpoint(endpoint string) error {
	if endpoint == "" {
		return nil
	}
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--endpoint %q: give the URL wizard sandbox printed, with its scheme, e.g. http://127.0.0.1:8080", endpoint)
	}
	return nil
}

// applyPrefix is wizard apply with the flags that reach the same accounts
// as this run, without -f, for the fixes a command suggests. With --sandbox
// it is apply --sandbox, which works on a sandbox of its own: the fixes say
// what to change, not that this sandbox will keep it.
func (c *cloudFlags) applyPrefix() string {
	words := []string{"wizard", "apply"}
	switch {
	case c.sandbox:
		words = append(words, "--sandbox")
	case c.endpoint != "":
		words = append(words, "--endpoint", c.endpoint)
	}
	for _, f := range []struct{ name, value string }{{"--profile-a", c.profileA}, {"--profile-b", c.profileB}, {"--profiles-file", c.profilesFile}} {
		if f.value != "" {
			words = append(words, f.name, f.value)
		}
	}
	if c.uidsFromCredentials && !c.sandbox {
		words = append(words, "--uids-from-credentials")
	}
	return steps.ShellCommand(words...)
}

// connection is where a run's calls go and with which credentials.
type connection struct {
	target cloud.Target
	a, b   cloud.Credentials
	notes  []string // said on stderr before the run
	close  func()
}

// connect decides the target and credentials, starting an in-process
// sandbox for --sandbox. It returns the spec as the run should see it.
func (c *cloudFlags) connect(ctx context.Context, spec steps.Spec, errOut io.Writer) (connection, steps.Spec, error) {
	if c.sandbox {
		conn, err := startDemoSandbox(ctx, spec)
		if err != nil {
			return connection{}, spec, err
		}
		spec.Accounts.Tablestore.UID, spec.Accounts.MaxCompute.UID = "", ""
		spec.Accounts.Tablestore.Profile, spec.Accounts.MaxCompute.Profile = "", ""
		conn.target.Region = spec.Region
		return conn, spec, nil
	}
	if c.uidsFromCredentials {
		spec.Accounts.Tablestore.UID, spec.Accounts.MaxCompute.UID = "", ""
	}
	if c.profileA != "" {
		spec.Accounts.Tablestore.Profile = c.profileA
	}
	if c.profileB != "" {
		spec.Accounts.MaxCompute.Profile = c.profileB
	}
	conn := connection{
		target: cloud.Target{Endpoint: c.endpoint, Region: spec.Region},
		a:      c.credentials(spec.Accounts.Tablestore),
		b:      c.credentials(spec.Accounts.MaxCompute),
		close:  func() {},
	}
	if c.endpoint != "" {
		conn.notes = append(conn.notes, "every call goes to the sandbox at "+c.endpoint)
	}
	return conn, spec, nil
}

// credentials of one account: its profile, or the default chain
// (environment variables, then the CLI's current profile).
func (c *cloudFlags) credentials(a steps.Account) cloud.Credentials {
	if a.Profile == "" {
		return cloud.Credentials{Source: cloud.SourceDefault, ConfigFile: c.profilesFile}
	}
	return cloud.Credentials{Source: cloud.SourceProfile, Profile: a.Profile, ConfigFile: c.profilesFile}
}

// session is an open Session on both accounts, with the spec as the run
// should see it.
type session struct {
	cloud.Session
	spec  steps.Spec
	close func()
}

// open connects as connect does, says its notes on stderr, and opens a
// Session over the SDKs with the default options, tuned by tune (nil
// allowed). Close it when done.
func (c *cloudFlags) open(ctx context.Context, name string, spec steps.Spec, s stdio, tune func(*aliyun.Options)) (session, error) {
	conn, spec, err := c.connect(ctx, spec, s.err)
	if err != nil {
		return session{}, err
	}
	for _, n := range conn.notes {
		fmt.Fprintf(s.err, "%s: %s\n", name, n)
	}
	// The spec's warnings (an unknown region, say) come before the calls
	// whose failures they explain.
	for _, w := range steps.Validate(spec).Warnings() {
		fmt.Fprintf(s.err, "%s: %s\n", name, w)
	}
	opts := aliyun.DefaultOptions()
	if tune != nil {
		tune(&opts)
	}
	// Idle connections close before an in-process sandbox stops, so that
	// stopping does not wait on them.
	opts.Transport = aliyun.NewTransport()
	closeAll := func() {
		opts.Transport.CloseIdleConnections()
		conn.close()
	}
	sess, err := aliyun.ConnectWith(opts)(ctx, conn.target, conn.a, conn.b)
	if err != nil {
		closeAll()
		return session{}, err
	}
	return session{Session: sess, spec: spec, close: closeAll}, nil
}

// openChecked is open for the commands that do not drive the steps machine
// (doctor, destroy): it validates the spec first, as a run against the
// accounts does, and says on stderr why it failed; ok false means the
// command exits with code.
func (c *cloudFlags) openChecked(ctx context.Context, name string, spec steps.Spec, s stdio) (sess session, code int, ok bool) {
	w, _ := steps.New(spec).Apply(steps.Submitted{Spec: spec})
	if w.Phase() == steps.PhaseEditing {
		fmt.Fprintf(s.err, "%s: the spec has problems; nothing was called:\n%v\n", name, w.Problems())
		return session{}, exitProblems, false
	}
	sess, err := c.open(ctx, name, spec, s, nil)
	if err != nil {
		fmt.Fprintf(s.err, "%s: %v\n", name, err)
		printDiagnosis(s.err, err)
		return session{}, exitProblems, false
	}
	return sess, exitOK, true
}
