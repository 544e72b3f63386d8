package maxcompute

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Backend is everything the MaxCompute emulator needs from the rest of the
// sandbox: who holds an AccessKey, which projects exist, and MaxCompute's side
// of the cross-account chain to Tablestore. The sandbox core implements it;
// this package never reaches into other services directly.
type Backend interface {
	// Credential resolves the AccessKeyId of a request (and its STS token, if
	// the request carries one) to the secret it was signed with and the
	// account it acts for. An unknown key returns ErrNoSuchAccessKey; a bad
	// or expired token returns ErrInvalidSecurityToken.
	Credential(ctx context.Context, accessKeyID, securityToken string) (Credential, error)

	// Project looks a MaxCompute project up by name; a missing one returns
	// ErrNoSuchProject.
	Project(ctx context.Context, name string) (Project, error)

	// AssumeRole is what MaxCompute does when it compiles a statement over a
	// Tablestore external table: it assumes odps.properties.rolearn as the
	// service principal of the project owner. It checks that the role exists
	// in the ARN's account and that its trust policy admits that principal.
	// Failures are *ExternalError with Fault FaultRole.
	AssumeRole(ctx context.Context, src ExternalSource) error

	// OpenExternal runs the whole chain at read or write time: assume the
	// role (FaultRole), resolve LOCATION to an instance in a region MaxCompute
	// can reach from src.ProjectRegion (FaultEndpoint otherwise), and find the
	// table with the role session's permissions (FaultTablestore with
	// OTSNoPermissionAccess, OTSObjectNotExist, …). A LOCATION that embeds an
	// AccessKey (tablestore://<id>:<secret>@host) acts with that key instead
	// of a role; src.RoleARN is then empty. Failures are *ExternalError.
	OpenExternal(ctx context.Context, src ExternalSource) (ExternalTable, error)
}

// ErrNoSuchAccessKey means no account holds the AccessKeyId.
var ErrNoSuchAccessKey = errors.New("no such AccessKeyId")

// ErrInvalidSecurityToken means the STS token is unknown, expired, or was not
// issued for the AccessKeyId it came with.
var ErrInvalidSecurityToken = errors.New("invalid or expired security token")

// ErrNoSuchProject means no MaxCompute project has the name.
var ErrNoSuchProject = errors.New("no such project")

// Credential is a resolved AccessKey: the secret that signs requests and the
// account the caller acts for (a RAM user's or role session's parent account).
type Credential struct {
	Secret     string
	AccountUID string
}

// Project is a MaxCompute project as the sandbox holds it.
type Project struct {
	Name     string
	OwnerUID string
	Region   string // e.g. cn-hangzhou
	Comment  string
	Created  time.Time
}

// ExternalSource is what an external table's DDL tells MaxCompute about the
// Tablestore table behind it, plus the project it lives in.
type ExternalSource struct {
	ProjectOwnerUID string // trust must admit <ProjectOwnerUID>@odps.aliyuncs.com (or odps.aliyuncs.com in the same account)
	ProjectRegion   string
	RoleARN         string // odps.properties.rolearn; empty when LOCATION embeds an AccessKey
	Location        string // LOCATION exactly as written, e.g. tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com
	Table           string // tablestore.table.name
}

// ExternalTable is an opened Tablestore table, seen through the role session.
// Opening it needs the session to allow ots:DescribeTable on the table, Scan
// ots:ComputeSplitPointsBySize and ots:GetRange, Write ots:BatchWriteRow (the
// storage handler writes in batches; tablestore.table.put.row only chooses
// whether each row is put whole or updated); refusals and other Tablestore
// errors are *ExternalError with FaultTablestore.
type ExternalTable interface {
	// Meta returns the table's primary key and its defined attribute columns.
	Meta() TableMeta
	// Scan returns rows whose leading primary-key columns equal prefix (in
	// primary-key order; empty means the whole table), at most limit rows
	// when limit > 0, in primary-key order.
	Scan(ctx context.Context, prefix []Value, limit int) ([]Row, error)
	// Write stores rows with PutRow (replace the row) or UpdateRow (change
	// only the given attribute columns).
	Write(ctx context.Context, rows []Row, mode WriteMode) error
}

// TableMeta is the schema Tablestore reports for a table.
type TableMeta struct {
	PrimaryKey []Column
	Defined    []Column // attribute columns declared on the table, if any
}

// Column is a named, typed Tablestore column.
type Column struct {
	Name string
	Type ColumnType
}

// ColumnType is a Tablestore column type.
type ColumnType int

// The Tablestore column types.
const (
	TypeInteger ColumnType = iota + 1
	TypeString
	TypeBinary
	TypeDouble
	TypeBoolean
)

func (t ColumnType) String() string {
	switch t {
	case TypeInteger:
		return "INTEGER"
	case TypeString:
		return "STRING"
	case TypeBinary:
		return "BINARY"
	case TypeDouble:
		return "DOUBLE"
	case TypeBoolean:
		return "BOOLEAN"
	}
	return fmt.Sprintf("ColumnType(%d)", int(t))
}

// Value is one typed Tablestore cell. Only the field matching Type is used.
type Value struct {
	Type  ColumnType
	Int   int64
	Str   string
	Bytes []byte
	Float float64
	Bool  bool
}

// IntValue builds an INTEGER Value.
func IntValue(v int64) Value { return Value{Type: TypeInteger, Int: v} }

// StringValue builds a STRING Value.
func StringValue(v string) Value { return Value{Type: TypeString, Str: v} }

// BinaryValue builds a BINARY Value.
func BinaryValue(v []byte) Value { return Value{Type: TypeBinary, Bytes: v} }

// DoubleValue builds a DOUBLE Value.
func DoubleValue(v float64) Value { return Value{Type: TypeDouble, Float: v} }

// BoolValue builds a BOOLEAN Value.
func BoolValue(v bool) Value { return Value{Type: TypeBoolean, Bool: v} }

// Row is one Tablestore row keyed by column name; a missing attribute is NULL.
type Row map[string]Value

// WriteMode says how INSERT writes a row into Tablestore.
type WriteMode int

// The write modes, chosen by the tablestore.table.put.row property.
const (
	WriteUpdateRow WriteMode = iota + 1 // default: only the mapped attributes change
	WritePutRow                         // tablestore.table.put.row=true: the whole row is replaced
)

func (m WriteMode) String() string {
	switch m {
	case WriteUpdateRow:
		return "UpdateRow"
	case WritePutRow:
		return "PutRow"
	}
	return fmt.Sprintf("WriteMode(%d)", int(m))
}

// Fault says which link of the chain broke, which decides how MaxCompute
// reports it.
type Fault int

// The links of the chain a backend can report broken.
const (
	// FaultRole: RAM/STS refused the role (missing role, trust policy that
	// does not admit the project owner, ...). MaxCompute reports it while
	// compiling, as "external table checking failure".
	FaultRole Fault = iota + 1
	// FaultEndpoint: the LOCATION host reaches no instance (wrong name,
	// wrong region, not reachable from MaxCompute's network). MaxCompute
	// only sees its connection time out.
	FaultEndpoint
	// FaultTablestore: Tablestore answered with an error (no permission,
	// table missing, bad request). MaxCompute reports it from the job.
	FaultTablestore
)

func (f Fault) String() string {
	switch f {
	case FaultRole:
		return "role"
	case FaultEndpoint:
		return "endpoint"
	case FaultTablestore:
		return "tablestore"
	}
	return fmt.Sprintf("Fault(%d)", int(f))
}

// ExternalError is a failure on the far side of the chain, with the service's
// own code and message (e.g. EntityNotExist.Role, NoPermission,
// OTSNoPermissionAccess, OTSObjectNotExist).
type ExternalError struct {
	Fault     Fault
	Code      string
	Message   string
	RequestID string
	HostID    string // the service host that answered, e.g. sts.aliyuncs.com
}

func (e *ExternalError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Fault, e.Code, e.Message)
}
