package cloud

import (
	"context"
	"time"

	"github.com/mcots/wizard/steps"
)

// Identity is who a set of credentials belongs to (STS GetCallerIdentity).
type Identity struct {
	AccountUID  string
	Type        string // Account | RAMUser | AssumedRoleUser
	ARN         string
	PrincipalID string
}

// IsRoot reports whether the key is the account's root key, which the
// wizard works with but warns about: a RAM user with only the needed
// permissions is safer.
func (i Identity) IsRoot() bool { return i.Type == "Account" }

// Progress is one line of what a running step is doing, for the live view.
type Progress struct {
	Step    steps.StepID
	Message string        // "CreateRole AliyunODPSRoleForOtherUser", "waiting for instance cap1 to run (2/30)"
	Elapsed time.Duration // since the step started
}

// ProgressFunc receives progress; it must not block. Nil is allowed.
type ProgressFunc func(Progress)

// InstanceSummary is one Tablestore instance an account owns, for pickers.
type InstanceSummary struct {
	Name        string
	Region      string
	ClusterType string // SSD | HYBRID
	Network     string // NORMAL | VPC | VPC_CONSOLE
	Running     bool
}

// TableDiscovery is what an existing table tells the mapping form: its
// primary key, the attribute columns seen in a bounded sample with their
// types, and a sample key for the verification query.
type TableDiscovery struct {
	Tablestore  steps.Tablestore // PrimaryKey and Columns filled from DescribeTable and the sample
	SampleKey   []string
	SampledRows int
}

// Session is one connection to both accounts: account A (Tablestore, RAM)
// and account B (MaxCompute). The ui and the headless commands do all cloud
// work through it. Every method honours ctx: cancelling it stops at once.
//
// Observe is read-only and returns the step's plan (Outcome.Action:
// in place, create, change or blocked). Apply observes again and makes the
// minimal change; it is idempotent, so running it on a finished setup
// changes nothing. Errors are *Error with a diagnosis wherever one is known.
type Session interface {
	Identify(ctx context.Context, side steps.AccountSide) (Identity, error)
	Observe(ctx context.Context, spec steps.Spec, step steps.StepID, progress ProgressFunc) (steps.Outcome, error)
	Apply(ctx context.Context, spec steps.Spec, step steps.StepID, progress ProgressFunc) (steps.Outcome, error)
	ListInstances(ctx context.Context, region string) ([]InstanceSummary, error)
	ListTables(ctx context.Context, region, instance string) ([]string, error)
	DiscoverTable(ctx context.Context, region, instance, table string, sampleRows int) (TableDiscovery, error)

	// Doctor checks an existing setup link by link without writing
	// anything, and says for each broken link the cause and the exact fix;
	// onCheck (nil allowed) hears of each link as it is judged. It is the
	// "check an existing setup" entry of the interactive wizard too.
	Doctor(ctx context.Context, spec steps.Spec, opts DoctorOptions, onCheck func(Check)) (DoctorReport, error)
	// PlanDestroy observes what the wizard created for spec — by the marks
	// it leaves — and returns what destroy would remove, in the safe order,
	// and what it keeps. It writes nothing.
	PlanDestroy(ctx context.Context, spec steps.Spec, opts DestroyOptions) (DestroyPlan, error)
	// Destroy removes what the plan lists, in its order, checking each
	// object's mark again first; onRemoved (nil allowed) hears of each
	// removal. Running it again removes nothing more.
	Destroy(ctx context.Context, plan DestroyPlan, onRemoved func(Removal)) error
}

// Target says where a Session's calls go.
type Target struct {
	// Endpoint is empty for Alibaba Cloud (HTTPS to the real regional
	// endpoints), or the base URL of a sandbox such as http://127.0.0.1:PORT.
	Endpoint string
	// Region is used for calls that name no region of their own (identity).
	Region string
}

// IsSandbox reports whether calls go to a sandbox.
func (t Target) IsSandbox() bool { return t.Endpoint != "" }

// ConnectFunc opens a Session for both accounts. cloud/aliyun provides it;
// the ui and the commands receive it from main.
type ConnectFunc func(ctx context.Context, t Target, a, b Credentials) (Session, error)
