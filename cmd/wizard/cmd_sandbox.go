package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/mcots/wizard/cloud/sandbox"
)

// sandboxConfig is what the sandbox command's flags say.
type sandboxConfig struct {
	opts         sandbox.Options
	output       string // "text" or "json"
	profilesFile string
	quiet        bool
}

// faultFlag collects repeated --fault specs.
type faultFlag struct{ rules *[]sandbox.FaultRule }

func (f faultFlag) String() string {
	if f.rules == nil {
		return ""
	}
	parts := make([]string, 0, len(*f.rules))
	for _, r := range *f.rules {
		parts = append(parts, r.String())
	}
	return strings.Join(parts, ",")
}

func (f faultFlag) Set(v string) error {
	rules, err := sandbox.ParseFaults(v)
	if err != nil {
		return err
	}
	*f.rules = append(*f.rules, rules...)
	return nil
}

func parseSandboxFlags(args []string, errOut io.Writer) (sandboxConfig, error) {
	var c sandboxConfig
	fs := flag.NewFlagSet("wizard sandbox", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() {
		fmt.Fprintf(errOut, "usage: wizard sandbox [flags]\n\n"+
			"Runs the local Alibaba Cloud emulator (STS, RAM, the Tablestore instance API, and the\n"+
			"Tablestore and MaxCompute data planes) until interrupted, and prints its endpoint and two\n"+
			"demo accounts: A owns Tablestore, B owns MaxCompute and the project %s.\n"+
			"The demo AccessKeys are fake and only open this sandbox.\n\nflags:\n", sandbox.DemoProject)
		fs.PrintDefaults()
	}
	allowRemote := fs.Bool("allow-remote", false, "allow a --listen address other machines can reach")
	fs.StringVar(&c.opts.Listen, "listen", "127.0.0.1:0", "`host:port` to serve on (port 0: chosen by the OS)")
	fs.StringVar(&c.output, "output", "text", "`format` of the startup information: text (export lines) or json (one line, for scripts)")
	fs.StringVar(&c.profilesFile, "profiles-file", "", "write the demo accounts as profiles sandbox-a and sandbox-b into this aliyun CLI config `file` (other profiles are kept)")
	fs.StringVar(&c.opts.StatePath, "state", "", "keep the sandbox's world in this `file` across restarts (written atomically, mode 0600; holds the fake keys)")
	fs.Var(faultFlag{&c.opts.Faults}, "fault", "inject faults, e.g. '*=throttle:0.3', 'ram:CreateRole=unavailable:2x', 'GetInstance=latency:250ms' (repeatable)")
	fs.Int64Var(&c.opts.Seed, "seed", 0, "seed for IDs, keys and fault dice (same seed, same keys); default: random, so each start has fresh keys")
	fs.DurationVar(&c.opts.InstanceReadyDelay, "instance-ready-delay", sandbox.DefaultInstanceReadyDelay, "how long a new Tablestore instance takes to become running")
	fs.DurationVar(&c.opts.TableReadyDelay, "table-ready-delay", sandbox.DefaultTableReadyDelay, "how long a new Tablestore table takes to become usable")
	fs.IntVar(&c.opts.DemoRows, "demo-rows", sandbox.DefaultDemoRows, "vehicle-track `rows` a table vehicle_track (key vid INTEGER, gt INTEGER) holds as soon as the setup creates it")
	fs.BoolVar(&c.quiet, "quiet", false, "do not log each request on stderr")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q (flags only; see wizard sandbox -h)", fs.Arg(0))
	}
	seeded := false
	fs.Visit(func(f *flag.Flag) { seeded = seeded || f.Name == "seed" })
	if !seeded {
		seed, err := randomSeed()
		if err != nil {
			return c, err
		}
		c.opts.Seed = seed
	}
	c.opts.AllowRemote = *allowRemote
	if c.output != "text" && c.output != "json" {
		return c, fmt.Errorf("--output %q: use text or json", c.output)
	}
	if c.opts.DemoRows < 0 {
		return c, fmt.Errorf("--demo-rows %d: must not be negative", c.opts.DemoRows)
	}
	if c.opts.InstanceReadyDelay < 0 || c.opts.TableReadyDelay < 0 {
		return c, errors.New("ready delays must not be negative")
	}
	host, _, err := net.SplitHostPort(c.opts.Listen)
	if err != nil {
		return c, fmt.Errorf("--listen %q: want host:port, e.g. 127.0.0.1:8080", c.opts.Listen)
	}
	if !c.opts.AllowRemote && !isLoopbackHost(host) {
		return c, fmt.Errorf("--listen %s is reachable from other machines, and the sandbox prints its keys in the clear; use 127.0.0.1:PORT, or add --allow-remote if you mean it", c.opts.Listen)
	}
	return c, nil
}

func isLoopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func cmdSandbox(ctx context.Context, args []string, s stdio) int {
	cfg, err := parseSandboxFlags(args, s.err)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(s.err, "wizard sandbox: %v\n", err)
		return exitUsage
	}
	if !cfg.quiet {
		// One line per request, never a secret (see package sandbox).
		cfg.opts.Logger = slog.New(slog.NewTextHandler(s.err, nil))
	}
	sb, err := sandbox.Start(cfg.opts)
	if err != nil {
		fmt.Fprintf(s.err, "wizard sandbox: %v\n", err)
		return exitProblems
	}
	info := sandboxInfoOf(sb)
	if cfg.profilesFile != "" {
		if err := writeProfiles(cfg.profilesFile, info.Accounts); err != nil {
			fmt.Fprintf(s.err, "wizard sandbox: %v\n", err)
			_ = sb.Close()
			return exitProblems
		}
	}
	if cfg.output == "json" {
		err = json.NewEncoder(s.out).Encode(info)
	} else {
		err = printSandboxText(s.out, info, cfg.profilesFile)
	}
	if err != nil {
		fmt.Fprintf(s.err, "wizard sandbox: write: %v\n", err)
	}
	fmt.Fprintf(s.err, "wizard sandbox: serving on %s; press Ctrl+C to stop\n", sb.Endpoint())

	<-ctx.Done()
	if err := sb.Close(); err != nil {
		fmt.Fprintf(s.err, "wizard sandbox: stopping: %v\n", err)
		return exitProblems
	}
	if cfg.opts.StatePath != "" {
		fmt.Fprintf(s.err, "wizard sandbox: stopped; state saved to %s\n", cfg.opts.StatePath)
	} else {
		fmt.Fprintln(s.err, "wizard sandbox: stopped")
	}
	return exitOK
}

// randomSeed gives each start fresh keys unless --seed asks for known ones.
func randomSeed() (int64, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("no randomness for the sandbox's keys (%v); pass --seed", err)
	}
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1), nil
}

// tablestoreInstancePlaceholder stands for an instance name in the JSON
// endpoint template.
const tablestoreInstancePlaceholder = "{instance}"

// sandboxInfo is the startup information; with --output json it is the
// first line on stdout.
type sandboxInfo struct {
	Endpoint string `json:"endpoint"`
	// MaxComputeEndpoint is the demo region's MaxCompute endpoint (the
	// ODPS SDK's endpoint, /api included).
	MaxComputeEndpoint string `json:"maxcompute_endpoint"`
	// TablestoreEndpoint is the data endpoint of an instance in the demo
	// region, with {instance} standing for its name.
	TablestoreEndpoint string           `json:"tablestore_endpoint"`
	Region             string           `json:"region"`
	Accounts           []sandboxAccount `json:"accounts"`
	Projects           []sandboxProject `json:"projects"`
}

type sandboxAccount struct {
	Name            string `json:"name"`
	UID             string `json:"uid"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
}

type sandboxProject struct {
	Name   string `json:"name"`
	Owner  string `json:"owner"` // the owner account's UID
	Region string `json:"region"`
}

func sandboxInfoOf(sb *sandbox.Sandbox) sandboxInfo {
	region := sandbox.DefaultRegion
	if p, ok := sb.Project(sandbox.DemoProject); ok {
		region = p.Region
	}
	info := sandboxInfo{
		Endpoint:           sb.Endpoint(),
		MaxComputeEndpoint: sb.MaxComputeEndpoint(region),
		TablestoreEndpoint: sb.TablestoreEndpoint(tablestoreInstancePlaceholder, region),
		Region:             region,
		Accounts:           []sandboxAccount{},
		Projects:           []sandboxProject{},
	}
	for _, a := range sb.Accounts() {
		if len(a.Keys) == 0 {
			continue
		}
		info.Accounts = append(info.Accounts, sandboxAccount{Name: a.Name, UID: a.UID, AccessKeyID: a.Keys[0].ID, AccessKeySecret: a.Keys[0].Secret})
	}
	for _, p := range sb.Projects() {
		info.Projects = append(info.Projects, sandboxProject{Name: p.Name, Owner: p.Owner, Region: p.Region})
	}
	return info
}

// demoInstance is the seed's instance name, used in the printed example
// endpoint.
const demoInstance = "cap1"

func accountRole(name string) string {
	switch name {
	case sandbox.DemoAccountA:
		return "the Tablestore owner"
	case sandbox.DemoAccountB:
		return "the MaxCompute owner"
	}
	return "an extra account"
}

// printSandboxText prints export lines a user can paste into a shell.
func printSandboxText(w io.Writer, info sandboxInfo, profilesFile string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Alibaba Cloud sandbox — fake accounts, nothing leaves this machine.\n")
	fmt.Fprintf(&b, "# RAM, STS and the Tablestore instance API (SDK Domain: the host:port, scheme HTTP):\n")
	fmt.Fprintf(&b, "export SANDBOX_ENDPOINT=%s\n", info.Endpoint)
	fmt.Fprintf(&b, "# MaxCompute in %s (the ODPS SDK endpoint):\n", info.Region)
	fmt.Fprintf(&b, "export SANDBOX_MAXCOMPUTE_ENDPOINT=%s\n", info.MaxComputeEndpoint)
	fmt.Fprintf(&b, "# Tablestore data endpoint of instance %s in %s (put your instance's name in place of %s):\n", demoInstance, info.Region, demoInstance)
	fmt.Fprintf(&b, "export SANDBOX_TABLESTORE_ENDPOINT=%s\n", strings.Replace(info.TablestoreEndpoint, tablestoreInstancePlaceholder, demoInstance, 1))
	for _, a := range info.Accounts {
		env := "SANDBOX_" + strings.ToUpper(a.Name)
		fmt.Fprintf(&b, "\n# Account %s: %s\n", a.Name, accountRole(a.Name))
		for _, p := range info.Projects {
			if p.Owner == a.UID {
				fmt.Fprintf(&b, "# owns MaxCompute project %s in %s\n", p.Name, p.Region)
			}
		}
		fmt.Fprintf(&b, "export %s_UID=%s\n", env, a.UID)
		fmt.Fprintf(&b, "export %s_ACCESS_KEY_ID=%s\n", env, a.AccessKeyID)
		fmt.Fprintf(&b, "export %s_ACCESS_KEY_SECRET=%s\n", env, a.AccessKeySecret)
	}
	if profilesFile != "" {
		fmt.Fprintf(&b, "\n# Profiles sandbox-a and sandbox-b are in %s\n", profilesFile)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeProfiles adds (or replaces) profiles sandbox-<name> in an aliyun CLI
// config file, keeping every other profile and key. The keys read by
// credentials-go's CLI profile provider are name, mode, access_key_id,
// access_key_secret and region_id.
func writeProfiles(path string, accounts []sandboxAccount) error {
	doc := map[string]json.RawMessage{}
	var profiles []map[string]any
	if b, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(b, &doc); err != nil {
			return fmt.Errorf("--profiles-file %s exists but is not an aliyun config (%v); not touching it", path, err)
		}
		if raw, ok := doc["profiles"]; ok {
			if err := json.Unmarshal(raw, &profiles); err != nil {
				return fmt.Errorf("--profiles-file %s: its profiles are unreadable (%v); not touching it", path, err)
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("--profiles-file: %w", err)
	}
	for _, a := range accounts {
		name := "sandbox-" + strings.ToLower(a.Name)
		p := map[string]any{
			"name": name, "mode": "AK", "access_key_id": a.AccessKeyID, "access_key_secret": a.AccessKeySecret,
			"region_id": sandbox.DefaultRegion, "output_format": "json", "language": "en",
		}
		replaced := false
		for i, old := range profiles {
			if old["name"] == name {
				profiles[i], replaced = p, true
			}
		}
		if !replaced {
			profiles = append(profiles, p)
		}
	}
	set := func(k string, v any) error {
		b, err := json.Marshal(v)
		doc[k] = b
		return err
	}
	if err := set("profiles", profiles); err != nil {
		return err
	}
	var current string
	_ = json.Unmarshal(doc["current"], &current)
	if current == "" {
		if err := set("current", "sandbox-a"); err != nil {
			return err
		}
	}
	if _, ok := doc["meta_path"]; !ok {
		if err := set("meta_path", ""); err != nil {
			return err
		}
	}
	out, err := json.MarshalIndent(doc, "", "\t")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("--profiles-file: %w", err)
	}
	return writeFileAtomic(path, append(out, '\n'))
}

// writeFileAtomic replaces path with data via a 0600 temporary file in the
// same directory.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("--profiles-file: %w", err)
	}
	tmp := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("--profiles-file %s: %w", path, err)
	}
	return nil
}
