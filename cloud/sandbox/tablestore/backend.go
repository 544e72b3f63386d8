package tablestore

import (
	"errors"
	"fmt"
	"strings"
)

// Backend is what the data plane needs from the sandbox core: who holds an
// AccessKey, which instances exist, and what RAM allows.
type Backend interface {
	// Credential resolves an AccessKey ID, with the STS token when the
	// caller sent one, to the secret that signed the request and the caller
	// it stands for. It returns one of the Err* values below when the key
	// or token is not usable.
	Credential(accessKeyID, securityToken string) (Credential, error)
	// Instance looks up a Tablestore instance by region and name; names are
	// case-insensitive.
	Instance(region, name string) (Instance, bool)
	// Authorize reports whether RAM lets caller perform ramAction (such as
	// "ots:GetRange") on resource (an acs:ots ARN, see ResourceARN). It is
	// asked only for RAM users and assumed roles acting in the instance
	// owner's account: account keys may do anything on their own instances
	// and other accounts may do nothing.
	Authorize(caller Caller, ramAction, resource string) bool
}

// Credential is a resolved AccessKey: its secret, for checking the request
// signature, and the caller it identifies.
type Credential struct {
	Secret string
	Caller Caller
}

// Errors a Backend returns from Credential; each becomes OTSAuthFailed with
// the service's message.
var (
	ErrUnknownAccessKey     = errors.New("The AccessKeyID does not exist.")
	ErrAccessKeyDisabled    = errors.New("The AccessKeyID is disabled.")
	ErrSecurityTokenInvalid = errors.New("The security token you provided is invalid.")
	ErrSecurityTokenExpired = errors.New("The security token you provided has expired.")
)

// CallerKind says what sort of identity signed a request.
type CallerKind int

// The identities the sandbox knows.
const (
	// CallerAccount is an account's own AccessKey (the root identity).
	CallerAccount CallerKind = iota + 1
	// CallerRAMUser is a RAM user's AccessKey.
	CallerRAMUser
	// CallerAssumedRole is an STS token from AssumeRole.
	CallerAssumedRole
)

// String names the kind as STS GetCallerIdentity does.
func (k CallerKind) String() string {
	switch k {
	case CallerAccount:
		return "Account"
	case CallerRAMUser:
		return "RAMUser"
	case CallerAssumedRole:
		return "AssumedRoleUser"
	default:
		return fmt.Sprintf("CallerKind(%d)", int(k))
	}
}

// Caller is the identity behind a request. The data plane reads Kind and
// AccountUID; Ref is opaque here and handed back to Backend.Authorize.
type Caller struct {
	Kind CallerKind
	// AccountUID is the account the identity acts in: for an assumed role,
	// the account that owns the role.
	AccountUID string
	// ARN names the identity in logs and test failures (never a secret).
	ARN string
	Ref any
}

// Network is an instance's network access type, as the OTS instance API
// spells it.
type Network string

// Instance network types.
const (
	NetworkNormal     Network = "NORMAL"      // any network
	NetworkVPC        Network = "VPC"         // bound VPCs only
	NetworkVPCConsole Network = "VPC_CONSOLE" // bound VPCs and the console
)

// vpcOnly reports whether the network refuses the public and classic
// endpoints.
func (n Network) vpcOnly() bool { return n == NetworkVPC || n == NetworkVPCConsole }

// ClusterType is an instance's storage type.
type ClusterType string

// Cluster types: SSD is high performance, HYBRID is capacity (which cannot
// reserve throughput).
const (
	ClusterSSD    ClusterType = "SSD"
	ClusterHybrid ClusterType = "HYBRID"
)

// DefaultTableQuota is the number of tables an instance may hold unless the
// core says otherwise.
const DefaultTableQuota = 64

// Instance is what the data plane needs to know about a Tablestore instance.
type Instance struct {
	Name        string // as created; matched case-insensitively
	Region      string
	OwnerUID    string
	Network     Network
	ClusterType ClusterType
	Running     bool
	TableQuota  int // 0 means DefaultTableQuota
}

func (i Instance) tableQuota() int {
	if i.TableQuota > 0 {
		return i.TableQuota
	}
	return DefaultTableQuota
}

// ResourceARN is the RAM resource of a table: the instance name is lowercase
// because RAM matches it that way. table "*" names every table (ListTable).
func ResourceARN(region, ownerUID, instance, table string) string {
	return fmt.Sprintf("acs:ots:%s:%s:instance/%s/table/%s", region, ownerUID, strings.ToLower(instance), table)
}
