package cloud

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"time"

	"github.com/mcots/wizard/steps"
)

// The per-service interfaces below are what the step logic needs from each
// Alibaba Cloud API, in plain types. cloud/aliyun implements them over the
// official SDKs; every method returns *Error on a service failure, with
// Kind KindNotFound when the object asked for does not exist.

// STS answers who a set of credentials belongs to.
type STS interface {
	GetCallerIdentity(ctx context.Context) (Identity, error)
}

// Role is a RAM role.
type Role struct {
	Name        string
	ID          string
	ARN         string
	Description string
	TrustPolicy string // AssumeRolePolicyDocument, JSON
}

// Policy is a custom RAM policy with its default version's document.
type Policy struct {
	Name            string
	Type            string // Custom | System
	Description     string
	DefaultVersion  string // "v1", "v2", …
	Document        string // the default version's document, JSON
	AttachmentCount int
}

// PolicyVersion is one version of a custom policy.
type PolicyVersion struct {
	ID        string // "v1", "v2", …
	IsDefault bool
	Document  string
	Created   time.Time
}

// AttachedPolicy is a policy attached to a role.
type AttachedPolicy struct {
	Name string
	Type string // Custom | System
}

// RAM is the part of the RAM API the steps use, in account A.
type RAM interface {
	GetRole(ctx context.Context, name string) (Role, error)
	CreateRole(ctx context.Context, name, trustPolicy, description string) (Role, error)
	// UpdateRole sets the trust policy and the description; an empty value
	// leaves that field as it is.
	UpdateRole(ctx context.Context, name, trustPolicy, description string) (Role, error)
	GetPolicy(ctx context.Context, name string) (Policy, error)
	ListPolicyVersions(ctx context.Context, name string) ([]PolicyVersion, error)
	CreatePolicy(ctx context.Context, name, document, description string) (Policy, error)
	CreatePolicyVersion(ctx context.Context, name, document string, setAsDefault bool) (PolicyVersion, error)
	DeletePolicyVersion(ctx context.Context, name, versionID string) error
	ListPoliciesForRole(ctx context.Context, role string) ([]AttachedPolicy, error)
	AttachPolicyToRole(ctx context.Context, policyType, policyName, role string) error

	// The calls below serve doctor and destroy.

	// ListRoles lists every role of the account, all pages.
	ListRoles(ctx context.Context) ([]Role, error)
	// GetSystemPolicy reads a system policy and its default document.
	GetSystemPolicy(ctx context.Context, name string) (Policy, error)
	DetachPolicyFromRole(ctx context.Context, policyType, policyName, role string) error
	// DeletePolicy deletes a custom policy; RAM refuses while it is attached
	// or has versions other than the default.
	DeletePolicy(ctx context.Context, name string) error
	// DeleteRole deletes a role; RAM refuses while policies are attached.
	DeleteRole(ctx context.Context, name string) error
}

// InstanceStatus is a Tablestore instance's status as GetInstance reports it.
type InstanceStatus int

// Instance statuses. The API reports 1 for running; other values mean the
// instance is starting, disabled or being deleted.
const (
	InstanceStarting InstanceStatus = 0
	InstanceRunning  InstanceStatus = 1
	InstanceDisabled InstanceStatus = 2
	InstanceDeleting InstanceStatus = 3
)

func (s InstanceStatus) String() string {
	switch s {
	case InstanceStarting:
		return "starting"
	case InstanceRunning:
		return "running"
	case InstanceDisabled:
		return "disabled"
	case InstanceDeleting:
		return "being deleted"
	}
	return "status " + strconv.Itoa(int(s))
}

// Instance is a Tablestore instance.
type Instance struct {
	Name        string
	Region      string
	ClusterType string // SSD | HYBRID
	Network     string // NORMAL | VPC | VPC_CONSOLE
	Description string
	Status      InstanceStatus
	OwnerUID    string
	Tags        map[string]string
}

// Instances is the Tablestore instance API of one region, in account A.
type Instances interface {
	GetInstance(ctx context.Context, name string) (Instance, error)
	// InsertInstance creates an instance from Name, ClusterType, Network,
	// Description and Tags.
	InsertInstance(ctx context.Context, inst Instance) error
	ListInstances(ctx context.Context) ([]Instance, error)
	// DeleteInstance starts deleting an instance; it must hold no tables.
	DeleteInstance(ctx context.Context, name string) error
}

// TableMeta is a Tablestore table's schema.
type TableMeta struct {
	Name       string
	PrimaryKey []steps.Column // in key order
	// Defined lists the attribute columns declared on the table (most
	// tables declare none: attributes are schema-free).
	Defined []steps.Column
}

// Value is one Tablestore cell value; Type is one of the odpssql.TS* names.
type Value struct {
	Type  string
	Int   int64
	Float float64
	Str   string
	Bytes []byte
	Bool  bool
}

// String renders the value as the verification query and the spec's
// sample key write it (binary values in base64).
func (v Value) String() string {
	switch v.Type {
	case "INTEGER":
		return strconv.FormatInt(v.Int, 10)
	case "DOUBLE":
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case "BOOLEAN":
		return strconv.FormatBool(v.Bool)
	case "BINARY":
		return base64.StdEncoding.EncodeToString(v.Bytes)
	case "STRING":
		return v.Str
	}
	return fmt.Sprintf("<%s>", v.Type)
}

// Cell is one named value of a row.
type Cell struct {
	Name  string
	Value Value
}

// Row is a Tablestore row: its primary key in key order and its attributes.
type Row struct {
	Key   []Cell
	Attrs []Cell
}

// Tables is the Tablestore data API of one instance, in account A.
type Tables interface {
	ListTables(ctx context.Context) ([]string, error)
	DescribeTable(ctx context.Context, name string) (TableMeta, error)
	// CreateTable creates a table that keeps every row forever, one version
	// per cell, with no reserved capacity.
	CreateTable(ctx context.Context, meta TableMeta) error
	// GetRange reads up to limit rows from the start of the table; key
	// names the primary-key columns in order.
	GetRange(ctx context.Context, table string, key []string, limit int) ([]Row, error)
	// PutRows writes whole rows (replacing any with the same key).
	PutRows(ctx context.Context, table string, rows []Row) error
	// DeleteTable deletes a table and every row in it.
	DeleteTable(ctx context.Context, name string) error
}

// Project is a MaxCompute project.
type Project struct {
	Name   string
	Owner  string
	Region string
	State  string // AVAILABLE, READONLY, DELETING, FROZEN
}

// Column is a MaxCompute column: name and type in lower case.
type Column struct {
	Name string
	Type string
}

// ExternalTable is a MaxCompute table as its metadata describes it.
type ExternalTable struct {
	Name           string
	Comment        string
	IsExternal     bool
	StorageHandler string
	Location       string
	Columns        []Column
	Properties     map[string]string // SERDEPROPERTIES
}

// SQLState is where an SQL job stands.
type SQLState int

// SQL job states.
const (
	SQLRunning SQLState = iota // waiting or running
	SQLSucceeded
	SQLFailed // failed, cancelled or suspended; SQLStatus.Message says why
)

func (s SQLState) String() string {
	switch s {
	case SQLRunning:
		return "running"
	case SQLSucceeded:
		return "succeeded"
	case SQLFailed:
		return "failed"
	}
	return fmt.Sprintf("SQLState(%d)", int(s))
}

// SQLStatus is an SQL job's state; Message is MaxCompute's own text when
// it failed (ODPS-0130071: …).
type SQLStatus struct {
	State   SQLState
	Message string
}

// SQLJob is a submitted SQL statement. When MaxCompute answered at once
// (a synchronous job), Done is set and Status and Result are final.
type SQLJob struct {
	ID     string
	Done   bool
	Status SQLStatus
	Result string
}

// MaxCompute is the MaxCompute REST API of one region, in account B.
type MaxCompute interface {
	GetProject(ctx context.Context, name string) (Project, error)
	GetTable(ctx context.Context, project, name string) (ExternalTable, error)
	SubmitSQL(ctx context.Context, project, sql string, hints map[string]string) (SQLJob, error)
	SQLStatus(ctx context.Context, project, jobID string) (SQLStatus, error)
	// SQLResult is the finished job's result text: CSV with a header row
	// for a SELECT, "OK" or empty for DDL.
	SQLResult(ctx context.Context, project, jobID string) (string, error)
	CancelSQL(ctx context.Context, project, jobID string) error
}

// Account is one account's services. Each account has its own
// credentials: an Account never signs with the other's.
type Account interface {
	STS() STS
	RAM() RAM
	Instances(region string) Instances
	Tables(region, instance string) Tables
	MaxCompute(region string) MaxCompute
}
