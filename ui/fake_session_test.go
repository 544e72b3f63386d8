package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// fakeCloud is a small stand-in for both accounts, for the ui's own tests:
// it keeps what the steps create, observes before it acts, fails on
// demand with catalogued errors and honours cancellation. The teatest
// flows and the tmux script get their session from fakeConnect alone, so
// switching them to the real sandbox is one function.
type fakeCloud struct {
	mu        sync.Mutex
	keys      map[string]fakeKey // AccessKey ID → whose
	projects  map[string]bool
	created   map[steps.StepID]bool
	instances []cloud.InstanceSummary
	tables    map[string]steps.Tablestore // instance/table → schema
	rows      [][]string
	failOnce  map[steps.StepID]error // the next apply of the step fails
	failObs   map[steps.StepID]error // the next observe of the step fails
	block     map[steps.StepID]bool  // apply waits until cancelled
	delay     time.Duration
	calls     []string
	// extDiffers: the external table exists with another definition.
	extDiffers bool
	// blockDoctor: Doctor waits until cancelled.
	blockDoctor bool
	// connectErr fails connecting; identifyErr fails every Identify.
	connectErr, identifyErr error
}

type fakeKey struct {
	secret string
	uid    string
	kind   string
}

// Demo credentials, like the sandbox's: pasted pairs for accounts A and B.
const (
	demoKeyA    = "LTAI5tDemoAccountA0001"
	demoSecretA = "demo-secret-A-9f8e7d6c5b4a"
	demoKeyB    = "LTAI5tDemoAccountB0002"
	demoSecretB = "demo-secret-B-1a2b3c4d5e6f"
	uidA        = "1111111111111111"
	uidB        = "2222222222222222"
)

func newFakeCloud() *fakeCloud {
	return &fakeCloud{
		keys: map[string]fakeKey{
			demoKeyA: {secret: demoSecretA, uid: uidA, kind: "RAMUser"},
			demoKeyB: {secret: demoSecretB, uid: uidB, kind: "RAMUser"},
		},
		projects: map[string]bool{"demo_project": true},
		created:  map[steps.StepID]bool{},
		tables:   map[string]steps.Tablestore{},
		rows: [][]string{
			{"1001", "1700000000", "120.15", "30.28", "12.5", "60.0", "7.1"},
			{"1001", "1700000060", "120.16", "30.29", "13.0", "58.5", "7.3"},
			{"1001", "1700000120", "120.17", "30.30", "13.6", "61.2", "7.0"},
		},
		failOnce: map[steps.StepID]error{},
		failObs:  map[steps.StepID]error{},
		block:    map[steps.StepID]bool{},
	}
}

func demoCredentials() (a, b cloud.Credentials) {
	return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: demoKeyA, Secret: cloud.NewSecret(demoSecretA)},
		cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: demoKeyB, Secret: cloud.NewSecret(demoSecretB)}
}

// connect is the fake's cloud.ConnectFunc.
func (f *fakeCloud) connect(ctx context.Context, t cloud.Target, a, b cloud.Credentials) (cloud.Session, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.connectErr != nil {
		return nil, f.connectErr
	}
	return &fakeSession{f: f, creds: [2]cloud.Credentials{a, b}}, nil
}

// fail makes the next apply of step fail with a catalogued error.
func (f *fakeCloud) fail(step steps.StepID, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failOnce[step] = err
}

func (f *fakeCloud) callLog() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// noPermission is the error RAM returns when the caller may not act, with
// the diagnosis cloud/aliyun attaches.
func noPermission(op string) error {
	return &cloud.Error{
		Service: "RAM", Op: op, Code: "NoPermission", HTTPStatus: 403,
		Message:   "You are not authorized to do this action. You should be authorized by RAM.",
		RequestID: "5F2D-REQ-0001",
		Diagnosis: &cloud.Diagnosis{Link: "credentials of account A", Cause: "the RAM user lacks ram:CreateRole", Fix: "attach AliyunRAMFullAccess to the user, or run the step as an administrator"},
	}
}

type fakeSession struct {
	f       *fakeCloud
	creds   [2]cloud.Credentials
	replace bool // the user consented to replacing the external table
}

// connectReplacing is the fake's connect with the consent to replace.
func (f *fakeCloud) connectReplacing(ctx context.Context, t cloud.Target, a, b cloud.Credentials) (cloud.Session, error) {
	s, err := f.connect(ctx, t, a, b)
	if err != nil {
		return nil, err
	}
	s.(*fakeSession).replace = true
	return s, nil
}

func (s *fakeSession) wait(ctx context.Context, block bool) error {
	if block {
		<-ctx.Done()
		return ctx.Err()
	}
	if s.f.delay > 0 {
		select {
		case <-time.After(s.f.delay):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return ctx.Err()
}

func (s *fakeSession) Identify(ctx context.Context, side steps.AccountSide) (cloud.Identity, error) {
	if err := s.wait(ctx, false); err != nil {
		return cloud.Identity{}, err
	}
	c := s.creds[0]
	if side == steps.SideMaxCompute {
		c = s.creds[1]
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.calls = append(s.f.calls, "Identify "+side.String())
	if s.f.identifyErr != nil {
		return cloud.Identity{}, s.f.identifyErr
	}
	k, ok := s.f.keys[c.AccessKeyID]
	if c.Source != cloud.SourceAccessKey || !ok || k.secret != c.Secret.Reveal() {
		return cloud.Identity{}, &cloud.Error{
			Service: "STS", Op: "GetCallerIdentity", Code: "InvalidAccessKeyId.NotFound", HTTPStatus: 404,
			Message: "Specified access key is not found.", RequestID: "5F2D-REQ-0002",
			Diagnosis: &cloud.Diagnosis{Link: "credentials", Cause: "the AccessKey ID is unknown", Fix: "copy the AccessKey ID again from the RAM console"},
		}
	}
	return cloud.Identity{AccountUID: k.uid, Type: k.kind, ARN: "acs:ram::" + k.uid + ":user/wizard"}, nil
}

func (s *fakeSession) outcome(spec steps.Spec, step steps.StepID) steps.Outcome {
	f := s.f
	switch step {
	case steps.StepIdentities:
		return steps.Outcome{Action: steps.ActionInPlace, Summary: "both keys are known",
			Discovered: steps.Discovery{TablestoreUID: uidA, MaxComputeUID: uidB}}
	case steps.StepProject:
		if f.projects[spec.MaxCompute.Project] {
			return steps.Outcome{Action: steps.ActionInPlace, Summary: "project " + spec.MaxCompute.Project + " exists"}
		}
		return steps.Outcome{Action: steps.ActionCreate, Summary: "project " + spec.MaxCompute.Project + " does not exist in account B"}
	case steps.StepInstance:
		for _, in := range f.instances {
			if strings.EqualFold(in.Name, spec.Tablestore.Instance) {
				return steps.Outcome{Action: steps.ActionInPlace, Summary: "instance " + in.Name + " is running"}
			}
		}
	case steps.StepTable:
		if _, ok := f.tables[spec.Tablestore.Instance+"/"+spec.Tablestore.Table]; ok {
			return steps.Outcome{Action: steps.ActionInPlace, Summary: "table " + spec.Tablestore.Table + " exists"}
		}
	case steps.StepVerify:
		return steps.Outcome{Action: steps.ActionCreate, Summary: "runs " + strings.TrimSpace(steps.VerificationQuery(spec))}
	case steps.StepExternalTable:
		if f.extDiffers {
			return steps.Outcome{Action: steps.ActionChange, Summary: "external table exists with another definition: replace it (DROP TABLE, then CREATE)",
				Details: []string{"columns: (vid bigint, gt string) → (vid bigint, gt bigint)", "replacing needs consent: wizard apply --replace-external-table (the interactive wizard asks)"}}
		}
	}
	if f.created[step] {
		return steps.Outcome{Action: steps.ActionInPlace, Summary: step.String() + " is in place"}
	}
	return steps.Outcome{Action: steps.ActionCreate, Summary: "creates the " + step.String(), Details: []string{"call: Create " + step.String()}}
}

func (s *fakeSession) Observe(ctx context.Context, spec steps.Spec, step steps.StepID, progress cloud.ProgressFunc) (steps.Outcome, error) {
	if err := s.wait(ctx, false); err != nil {
		return steps.Outcome{}, err
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.calls = append(s.f.calls, "Observe "+step.String())
	if err, ok := s.f.failObs[step]; ok {
		delete(s.f.failObs, step)
		return steps.Outcome{}, err
	}
	return s.outcome(spec, step), nil
}

func (s *fakeSession) Apply(ctx context.Context, spec steps.Spec, step steps.StepID, progress cloud.ProgressFunc) (steps.Outcome, error) {
	s.f.mu.Lock()
	block := s.f.block[step]
	s.f.calls = append(s.f.calls, "Apply "+step.String())
	s.f.mu.Unlock()
	if progress != nil {
		progress(cloud.Progress{Step: step, Message: "observing " + step.String() + " again before writing"})
	}
	if err := s.wait(ctx, block); err != nil {
		return steps.Outcome{}, err
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	if err, ok := s.f.failOnce[step]; ok {
		delete(s.f.failOnce, step)
		return steps.Outcome{}, err
	}
	out := s.outcome(spec, step)
	if !out.Action.Writes() {
		return out, nil
	}
	if step == steps.StepExternalTable && s.f.extDiffers {
		if !s.replace {
			return steps.Outcome{}, &cloud.Error{Service: "MaxCompute", Op: "SQL", Code: "Blocked", Message: "external table exists with another definition"}
		}
		s.f.extDiffers = false
		s.f.calls = append(s.f.calls, "DROP external table")
	}
	if progress != nil {
		progress(cloud.Progress{Step: step, Message: "Create " + step.String()})
	}
	s.f.created[step] = true
	switch step {
	case steps.StepInstance:
		s.f.instances = append(s.f.instances, cloud.InstanceSummary{Name: spec.Tablestore.Instance, Region: spec.Region,
			ClusterType: string(spec.Tablestore.ClusterType), Network: string(spec.Tablestore.Network), Running: true})
	case steps.StepTable:
		s.f.tables[spec.Tablestore.Instance+"/"+spec.Tablestore.Table] = spec.Tablestore
	case steps.StepSampleRows:
		out.Summary = "wrote 3 demo rows for vid 1001"
		out.Discovered.SampleKey = []string{"1001"}
	case steps.StepVerify:
		header := make([]string, len(spec.ExternalTable.Mapping))
		for i, m := range spec.ExternalTable.Mapping {
			header[i] = m.Column
		}
		out.Summary = fmt.Sprintf("read %d rows", len(s.f.rows))
		out.Rows = append([][]string{header}, s.f.rows...)
	}
	return out, nil
}

func (s *fakeSession) ListInstances(ctx context.Context, region string) ([]cloud.InstanceSummary, error) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.calls = append(s.f.calls, "ListInstances "+region)
	var out []cloud.InstanceSummary
	for _, in := range s.f.instances {
		if in.Region == region {
			out = append(out, in)
		}
	}
	return out, ctx.Err()
}

func (s *fakeSession) ListTables(ctx context.Context, region, instance string) ([]string, error) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.calls = append(s.f.calls, "ListTables "+instance)
	var out []string
	for k := range s.f.tables {
		if inst, table, _ := strings.Cut(k, "/"); inst == instance {
			out = append(out, table)
		}
	}
	sort.Strings(out)
	return out, ctx.Err()
}

func (s *fakeSession) DiscoverTable(ctx context.Context, region, instance, table string, sampleRows int) (cloud.TableDiscovery, error) {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.calls = append(s.f.calls, "DiscoverTable "+instance+"/"+table)
	t, ok := s.f.tables[instance+"/"+table]
	if !ok {
		return cloud.TableDiscovery{}, &cloud.Error{Service: "Tablestore", Op: "DescribeTable", Code: "OTSObjectNotExist", Message: "Requested table does not exist.", RequestID: "5F2D-REQ-0003"}
	}
	return cloud.TableDiscovery{Tablestore: t, SampleKey: []string{"1001"}, SampledRows: len(s.f.rows)}, nil
}

// Doctor judges each link from what the fake holds: a link holds when the
// step that makes it is in place, and is skipped when a link it needs does
// not hold, as cloud's doctor does. It reports each link as it goes and
// stops when ctx ends (blockDoctor waits for that before the first link).
func (s *fakeSession) Doctor(ctx context.Context, spec steps.Spec, opts cloud.DoctorOptions, onCheck func(cloud.Check)) (cloud.DoctorReport, error) {
	s.f.mu.Lock()
	apply := cloud.ApplyCommand(opts.Apply, opts.SpecPath) // as cloud's doctor names it
	s.f.calls = append(s.f.calls, "Doctor "+opts.SpecPath+" | "+apply)
	block := s.f.blockDoctor
	s.f.mu.Unlock()
	var report cloud.DoctorReport
	if err := s.wait(ctx, block); err != nil {
		return report, err
	}
	holds := map[cloud.LinkID]bool{}
	made := func(step steps.StepID) bool {
		out := s.outcome(spec, step)
		return !out.Action.Writes()
	}
	for _, l := range cloud.Links() {
		if err := ctx.Err(); err != nil {
			return report, err
		}
		s.f.mu.Lock()
		var ok bool
		var needs cloud.LinkID
		switch l {
		case cloud.LinkCredentialsA, cloud.LinkCredentialsB:
			ok = true
		case cloud.LinkProject:
			ok = made(steps.StepProject)
		case cloud.LinkRole:
			ok, needs = made(steps.StepRole), cloud.LinkCredentialsA
		case cloud.LinkTrust:
			ok, needs = made(steps.StepRole), cloud.LinkRole
		case cloud.LinkPolicy:
			ok, needs = made(steps.StepPolicy) && made(steps.StepAttachment), cloud.LinkRole
		case cloud.LinkInstance:
			ok = made(steps.StepInstance)
		case cloud.LinkTable:
			ok, needs = made(steps.StepTable), cloud.LinkInstance
		case cloud.LinkExternalTable:
			ok, needs = made(steps.StepExternalTable), cloud.LinkProject
		default:
			ok, needs = made(steps.StepExternalTable), cloud.LinkExternalTable
		}
		s.f.mu.Unlock()
		c := cloud.Check{Link: l, Verdict: cloud.VerdictOK, Detail: l.String() + " holds"}
		switch {
		case needs != 0 && !holds[needs]:
			c = cloud.Check{Link: l, Verdict: cloud.VerdictSkipped, Detail: "skipped (needs " + needs.String() + ")", Needs: needs}
		case !ok:
			c = cloud.Check{Link: l, Verdict: cloud.VerdictBroken, Detail: l.String() + " is missing",
				Cause: "the " + l.String() + " does not exist", Fix: apply}
			switch l {
			case cloud.LinkTable:
				c.Fault = cloud.FaultTableMissing
			case cloud.LinkInstance:
				c.Fault = cloud.FaultInstanceAbsent
			}
		}
		holds[l] = c.Verdict.Holds()
		report.Checks = append(report.Checks, c)
		if onCheck != nil {
			onCheck(c)
		}
	}
	return report, nil
}

func (s *fakeSession) PlanDestroy(context.Context, steps.Spec, cloud.DestroyOptions) (cloud.DestroyPlan, error) {
	return cloud.DestroyPlan{}, fmt.Errorf("fake session: PlanDestroy is not faked")
}

func (s *fakeSession) Destroy(context.Context, cloud.DestroyPlan, func(cloud.Removal)) error {
	return fmt.Errorf("fake session: Destroy is not faked")
}
