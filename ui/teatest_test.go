package ui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/aliyun"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

// flowBackend is where the teatest flows' calls go: the in-process
// sandbox, reached through cloud/aliyun with the official SDKs, as `make
// run` does. (Only this test file imports them; the ui package does not.)
type flowBackend struct {
	sb   *sandbox.Sandbox
	demo sandbox.DemoInfo
	a    cloud.Credentials // account A's key: the root key, or a RAM user's
}

func newFlowBackend(t *testing.T) *flowBackend {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	sb, err := sandbox.StartDemo(ctx, sandbox.DemoOptions{Instant: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = sb.Close() })
	demo, err := sb.Demo()
	if err != nil {
		t.Fatal(err)
	}
	return &flowBackend{sb: sb, demo: demo, a: demoKey(demo.A)}
}

func demoKey(a sandbox.DemoAccount) cloud.Credentials {
	return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: a.AccessKeyID, Secret: cloud.NewSecret(a.AccessKeySecret)}
}

func (b *flowBackend) options(t *testing.T) Options {
	opts := testOptions(t, newFakeCloud())
	opts.Targets = []Target{{
		Name:       "in-process sandbox",
		Cloud:      cloud.Target{Endpoint: b.demo.Endpoint, Region: b.demo.Region},
		Tablestore: b.a,
		MaxCompute: demoKey(b.demo.B),
	}}
	o := aliyun.DefaultOptions()
	o.Session.Retry.Attempts = 2 // a refusal is not retried anyway; keep a hung test short
	transport := aliyun.NewTransport()
	t.Cleanup(transport.CloseIdleConnections)
	o.Transport = transport
	opts.Connect = aliyun.ConnectWith(o)
	opts.Now = nil
	return opts
}

// denyCreateRole makes account A's key a RAM user's that may read RAM and
// use Tablestore but not create roles: the role's apply is refused with
// NoPermission, as for a real user with too little.
func (b *flowBackend) denyCreateRole(t *testing.T) {
	t.Helper()
	u, err := b.sb.AddUser(sandbox.DemoAccountA, "wizard")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"AliyunRAMReadOnlyAccess", "AliyunOTSFullAccess"} {
		if err := b.sb.AttachPolicyToUser(sandbox.DemoAccountA, "wizard", sandbox.PolicySystem, p); err != nil {
			t.Fatal(err)
		}
	}
	b.a = cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: u.Keys[0].ID, Secret: cloud.NewSecret(u.Keys[0].Secret)}
}

// allowCreateRole is the fix the diagnosis names: RAM full access.
func (b *flowBackend) allowCreateRole(t *testing.T) {
	t.Helper()
	if err := b.sb.AttachPolicyToUser(sandbox.DemoAccountA, "wizard", sandbox.PolicySystem, "AliyunRAMFullAccess"); err != nil {
		t.Fatal(err)
	}
}

// slowCreateRole makes CreateRole take long enough to press Ctrl+C during it.
func (b *flowBackend) slowCreateRole(t *testing.T) {
	t.Helper()
	if err := b.sb.AddFaults(sandbox.FaultRule{Service: sandbox.ServiceRAM, Action: "CreateRole", Kind: sandbox.FaultLatency, Latency: 3 * time.Second, Count: 1}); err != nil {
		t.Fatal(err)
	}
}

// flow drives a whole program at 100×30 through teatest. The renderer
// redraws only what changed, so a marker is looked for in everything drawn
// since the last key was sent.
type flow struct {
	t    *testing.T
	tm   *teatest.TestModel
	out  []byte // everything drawn so far
	mark int    // where the output stood when the last key was sent
}

func startFlow(t *testing.T, b *flowBackend) *flow {
	t.Helper()
	f := startFlowWith(t, b.options(t))
	f.waitFor("enter start")
	return f
}

func startFlowWith(t *testing.T, opts Options) *flow {
	t.Helper()
	m := newModel(context.Background(), opts, nil)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	return &flow{t: t, tm: tm}
}

// detachPolicy breaks one link as a person with the console would: the
// permission policy is detached from the role, through the SDK.
func (b *flowBackend) detachPolicy(t *testing.T, spec steps.Spec) {
	t.Helper()
	acct, err := aliyun.NewAccount(cloud.Target{Endpoint: b.demo.Endpoint, Region: b.demo.Region}, b.a, aliyun.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := acct.RAM().DetachPolicyFromRole(context.Background(), "Custom", spec.RAM.Policy, spec.RAM.Role); err != nil {
		t.Fatal(err)
	}
}

// drawn reports whether every part was drawn since the last key, reading
// for at most within.
func (f *flow) drawn(within time.Duration, parts ...string) bool {
	deadline := time.Now().Add(within)
	buf := make([]byte, 8192)
	for {
		n, _ := f.tm.Output().Read(buf)
		f.out = append(f.out, buf[:n]...)
		all := true
		for _, p := range parts {
			if !bytes.Contains(f.out[f.mark:], []byte(p)) {
				all = false
			}
		}
		if all {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		if n == 0 {
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// waitFor waits until the screen has drawn all of parts since the last key.
func (f *flow) waitFor(parts ...string) {
	f.t.Helper()
	if !f.drawn(30*time.Second, parts...) {
		f.t.Fatalf("not drawn within 30s: %q; drawn since the last key:\n%s", parts, f.out[f.mark:])
	}
}

// enterUntil presses Enter, one at a time, until marker is drawn: after
// each, it waits for the redraw the key causes to settle (a moved focus, a
// new page) and presses again only when the marker is not in it.
func (f *flow) enterUntil(marker string, max int) {
	f.t.Helper()
	for i := 0; i < max; i++ {
		if i > 0 && f.drawn(0, marker) {
			return // drawn after the screen seemed settled
		}
		f.keys("enter")
		f.settle()
		if f.drawn(0, marker) {
			return
		}
	}
	// The last look, for a page drawn after the screen settled.
	if f.drawn(2*time.Second, marker) {
		return
	}
	f.t.Fatalf("%q not drawn after %d enters; drawn since the last key:\n%s", marker, max, f.out[f.mark:])
}

// settle reads until something was drawn and then nothing more for a
// while. The quiet spell is longer than the spinners' tick, so a screen
// waiting for a call (checking the keys, looking up instances) has not
// settled until the call returns — or 10 s passed.
func (f *flow) settle() {
	deadline := time.Now().Add(2 * time.Second)
	for len(f.out) == f.mark && time.Now().Before(deadline) {
		f.drawn(10 * time.Millisecond)
	}
	const quiet = 250 * time.Millisecond
	quietUntil := time.Now().Add(quiet)
	stop := time.Now().Add(10 * time.Second)
	for n := len(f.out); time.Now().Before(quietUntil) && time.Now().Before(stop); {
		f.drawn(10 * time.Millisecond)
		if len(f.out) != n {
			n = len(f.out)
			quietUntil = time.Now().Add(quiet)
		}
	}
}

func (f *flow) keys(ks ...string) {
	f.drawn(0) // what was drawn before the keys is not their effect
	f.mark = len(f.out)
	for _, k := range ks {
		for _, msg := range keyMsgs(k) {
			f.tm.Send(msg)
		}
	}
}

func (f *flow) final() (model, string) {
	f.t.Helper()
	out, err := io.ReadAll(f.tm.FinalOutput(f.t, teatest.WithFinalTimeout(10*time.Second)))
	if err != nil {
		f.t.Fatal(err)
	}
	return f.tm.FinalModel(f.t).(model), string(out)
}

// toReview presses Enter through the welcome screen and every form.
func (f *flow) toReview() {
	f.t.Helper()
	for _, marker := range []string{"Accounts", "MaxCompute project and region", "RAM role and policy", "Tablestore instance and table", "External table in account B", "7/10 Review"} {
		f.enterUntil(marker, 12)
	}
	// No key while observation runs: an Enter on the finished plan applies it.
	f.waitFor("enter applies it")
}

func TestFlowEnterThroughEndsOnDone(t *testing.T) {
	t.Parallel()
	f := startFlow(t, newFlowBackend(t))
	f.toReview()
	// One Enter applies the plan; the run takes as long as it takes (more
	// under -race on a busy machine), and Enter does nothing meanwhile.
	f.keys("enter")
	f.waitFor("rows read from Tablestore through MaxCompute")
	f.enterUntil("Setup complete", 3)
	f.waitFor("CREATE EXTERNAL TABLE IF NOT EXISTS vehicle_track_ext")
	f.keys("enter")
	m, _ := f.final()
	r := m.Result()
	if !r.Finished || !strings.Contains(r.DDL, "LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com'") {
		t.Fatalf("result %+v", r)
	}
	if rows, ok := verification(m.wiz); !ok || len(rows) < 2 || rows[0][0] != "vid" {
		t.Fatalf("rows %v", rows)
	}
}

func TestFlowFailureShowsDiagnosisAndRetrySucceeds(t *testing.T) {
	t.Parallel()
	b := newFlowBackend(t)
	b.denyCreateRole(t)
	f := startFlow(t, b)
	f.toReview()
	f.keys("enter")
	f.waitFor("stopped at a failed step")
	f.waitFor("RAM CreateRole: NoPermission", "Link ", "Cause ", "Fix ", "request id", "r retry")
	b.allowCreateRole(t)
	f.keys("r")
	f.waitFor("rows read from Tablestore through MaxCompute")
	f.keys("ctrl+c")
	f.waitFor("Leave the wizard?")
	f.keys("y")
	m, _ := f.final()
	if !m.Result().Finished {
		t.Fatalf("result %+v", m.Result())
	}
}

func TestFlowBackFromMappingKeepsEveryAnswer(t *testing.T) {
	t.Parallel()
	f := startFlow(t, newFlowBackend(t))
	for _, marker := range []string{"Accounts", "MaxCompute project and region", "RAM role and policy", "Tablestore instance and table"} {
		f.enterUntil(marker, 12)
	}
	f.keys("ctrl+u", "cap9")
	f.enterUntil("External table in account B", 10)
	f.keys("ctrl+u", "track_ext", "tab", "right")
	f.keys("esc")
	f.waitFor("Tablestore instance and table", "cap9")
	f.enterUntil("External table in account B", 10)
	f.waitFor("track_ext", "● public", "tablestore://cap9.cn-hangzhou.ots.aliyuncs.com")
	f.keys("ctrl+c", "y")
	m, _ := f.final()
	spec := m.mapping.answer(m.tablestore.answer(m.wiz.Spec()))
	if spec.Tablestore.Instance != "cap9" || spec.ExternalTable.Name != "track_ext" || spec.ExternalTable.Endpoint != steps.EndpointPublic ||
		spec.MaxCompute.Project != "demo_project" || len(spec.Tablestore.Columns) != 5 {
		t.Fatalf("answers after going back: %+v", spec)
	}
	if !m.Result().Interrupted {
		t.Fatalf("result %+v", m.Result())
	}
}

func TestFlowCtrlCDuringAStepExitsRestored(t *testing.T) {
	t.Parallel()
	b := newFlowBackend(t)
	b.slowCreateRole(t)
	f := startFlow(t, b)
	f.toReview()
	f.keys("enter")
	f.waitFor("creating…")
	f.keys("ctrl+c")
	f.waitFor("Leave the wizard?")
	f.keys("y")
	m, out := f.final()
	if r := m.Result(); !r.Interrupted || r.Finished {
		t.Fatalf("result %+v", r)
	}
	if s := m.wiz.Step(steps.StepRole); s.Status != steps.StatusApplying && s.Status != steps.StatusFailed {
		t.Fatalf("role is %s", s.Status)
	}
	if m.calls.inFlight() != 0 {
		t.Fatalf("%d calls still running", m.calls.inFlight())
	}
	// bubbletea shows the cursor again on the way out: the terminal is restored.
	if !strings.Contains(out, "\x1b[?25h") {
		t.Fatalf("the cursor was not restored: %q", out[max(0, len(out)-200):])
	}
}

// The check of the finished setup, through the real sandbox: every link
// holds; then one link is broken behind the wizard's back, and checking
// again names exactly that link with its fix.
func TestFlowCheckTheFinishedSetupThenABrokenLink(t *testing.T) {
	t.Parallel()
	b := newFlowBackend(t)
	f := startFlow(t, b)
	f.toReview()
	f.keys("enter")
	f.waitFor("rows read from Tablestore through MaxCompute")
	f.enterUntil("Setup complete", 3)
	f.keys("v")
	f.waitFor("Done › Check", "Every link holds", "✓ project", "r check again")

	b.detachPolicy(t, seed(t))
	f.keys("r")
	f.waitFor("1 link broken: permission policy", "✗ permission policy", "is not attached to role",
		"AttachPolicyToRole --PolicyType Custom --PolicyName")
	f.keys("q")
	m, _ := f.final()
	r := m.Result()
	if !r.Finished || r.Check == nil {
		t.Fatalf("result %+v", r)
	}
	if got := r.Check.Broken(); len(got) != 1 || got[0] != cloud.LinkPolicy {
		t.Fatalf("broken %v", got)
	}
	for _, c := range r.Check.Checks {
		if c.Link != cloud.LinkPolicy && c.Link != cloud.LinkVerify && c.Verdict != cloud.VerdictOK && c.Verdict != cloud.VerdictWarning {
			t.Errorf("%s: %s %s", c.Link, c.Verdict, c.Detail)
		}
	}
}

// wizard --check on accounts where nothing is set up: after the accounts,
// the check names the missing role, instance and external table, and
// writes nothing.
func TestFlowCheckFlagOnAnEmptySetup(t *testing.T) {
	t.Parallel()
	b := newFlowBackend(t)
	opts := b.options(t)
	opts.Check = true
	f := startFlowWith(t, opts)
	f.waitFor("2/7 Accounts")
	writes := b.sb.Writes()
	f.enterUntil("7/7 Check", 8)
	f.waitFor("3 links broken: role, instance, external table", "✗ role", "aliyun ram CreateRole --RoleName AliyunODPSRoleForOtherUser")
	if n := b.sb.Writes(); n != writes {
		t.Fatalf("the check wrote %d times", n-writes)
	}
	f.keys("q")
	m, _ := f.final()
	r := m.Result()
	if !r.Checking || r.Interrupted || r.Check == nil || len(r.Check.Broken()) != 3 {
		t.Fatalf("result %+v", r)
	}
	if c, _ := r.Check.Check(cloud.LinkTable); c.Verdict != cloud.VerdictSkipped || c.Needs != cloud.LinkInstance {
		t.Errorf("table: %+v", c)
	}
}
