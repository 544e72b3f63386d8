package cloud

import "fmt"

// Fault names one way the cross-account chain breaks. Each has one
// diagnosis in the catalogue, shared by the service errors that reveal it
// (Diagnose) and by what doctor finds by looking (Doctor), so the live run
// and doctor say the same thing about the same fault.
type Fault int

// Faults.
const (
	FaultNone Fault = iota

	// Credentials.
	FaultNoCredentials // the credential source gives no AccessKey: no config file or profile, variables unset
	FaultBadKeyID      // the AccessKey ID is unknown
	FaultBadSecret     // the secret does not match the AccessKey ID
	FaultBadToken      // the STS token is expired or foreign
	FaultRAMDenied     // the caller may not call a RAM or instance API action
	FaultWrongAccount  // the credentials belong to another account than the spec names
	FaultRootKey       // warning: the account's root AccessKey is in use

	// Network.
	FaultUnreachable // a service endpoint could not be reached, or did not answer

	// MaxCompute project.
	FaultProjectMissing     // no such project in the region
	FaultProjectUnavailable // the project is not AVAILABLE
	FaultRegionMismatch     // warning: the project is in another region than the spec's

	// RAM role, trust and permission policy.
	FaultRoleAbsent        // the spec's role does not exist in account A
	FaultTrust             // the trust policy does not admit B's MaxCompute
	FaultPolicyNotAttached // the spec's policy is missing or not attached, and nothing else grants
	FaultOTSDenied         // an ots action is not allowed on the table
	FaultResourceCase      // a Resource names the instance with capital letters
	FaultExplicitDeny      // a Deny statement refuses a needed action
	FaultWriteAccess       // warning: the role may write, the spec asks for read

	// Tablestore instance and table.
	FaultInstanceAbsent     // no instance of that name in account A in the region
	FaultInstanceNotRunning // the instance is starting, disabled or being deleted
	FaultVPCOnly            // the instance admits only its bound VPC
	FaultTableMissing       // the Tablestore table does not exist
	FaultKeyMismatch        // the table's primary key differs from the spec's

	// The external table and its DDL.
	FaultExternalAbsent // the external table does not exist in the project
	FaultForeignTable   // a table of that name is not a Tablestore external table
	FaultNotExternal    // CREATE TABLE where CREATE EXTERNAL TABLE is meant
	FaultDDL            // the DDL has faults MaxCompute refuses or misreads
	FaultTimeout        // LOCATION names a host MaxCompute cannot reach
	FaultInstanceGone   // LOCATION names an instance that does not exist there
	FaultNotInternal    // warning: LOCATION is not the internal endpoint
	FaultLocationKey    // warning: LOCATION embeds an AccessKey pair
	FaultPKType         // a key column is declared with another type than the key's
	FaultMapping        // the column mapping does not fit the table
	FaultRoleMissing    // rolearn names a role that does not exist in account A
	FaultRoleARN        // rolearn names another role than the spec's
	FaultVerify         // the verification query failed for another reason
)

func (f Fault) String() string {
	switch f {
	case FaultNone:
		return "none"
	case FaultNoCredentials:
		return "no-credentials"
	case FaultBadKeyID:
		return "bad-key-id"
	case FaultBadSecret:
		return "bad-secret"
	case FaultBadToken:
		return "bad-token"
	case FaultRAMDenied:
		return "ram-denied"
	case FaultWrongAccount:
		return "wrong-account"
	case FaultRootKey:
		return "root-key"
	case FaultUnreachable:
		return "unreachable"
	case FaultProjectMissing:
		return "project-missing"
	case FaultProjectUnavailable:
		return "project-unavailable"
	case FaultRegionMismatch:
		return "region-mismatch"
	case FaultRoleAbsent:
		return "role-absent"
	case FaultTrust:
		return "trust"
	case FaultPolicyNotAttached:
		return "policy-not-attached"
	case FaultOTSDenied:
		return "ots-denied"
	case FaultResourceCase:
		return "resource-case"
	case FaultExplicitDeny:
		return "explicit-deny"
	case FaultWriteAccess:
		return "write-access"
	case FaultInstanceAbsent:
		return "instance-absent"
	case FaultInstanceNotRunning:
		return "instance-not-running"
	case FaultVPCOnly:
		return "vpc-only"
	case FaultTableMissing:
		return "table-missing"
	case FaultKeyMismatch:
		return "key-mismatch"
	case FaultExternalAbsent:
		return "external-absent"
	case FaultForeignTable:
		return "foreign-table"
	case FaultNotExternal:
		return "not-external"
	case FaultDDL:
		return "ddl"
	case FaultTimeout:
		return "timeout"
	case FaultInstanceGone:
		return "instance-gone"
	case FaultNotInternal:
		return "not-internal"
	case FaultLocationKey:
		return "location-key"
	case FaultPKType:
		return "pk-type"
	case FaultMapping:
		return "mapping"
	case FaultRoleMissing:
		return "role-missing"
	case FaultRoleARN:
		return "role-arn"
	case FaultVerify:
		return "verify"
	}
	return fmt.Sprintf("Fault(%d)", int(f))
}

// Diagnosis returns the catalogue's diagnosis of f; FaultNone has none.
// Each call returns a fresh value, so no caller can change the catalogue.
func (f Fault) Diagnosis() (Diagnosis, bool) {
	d, ok := faultDiagnoses()[f]
	return d, ok
}

// faultDiagnoses is the wording of every fault: the link it breaks, its
// cause and the generic fix (doctor adds the exact command where it knows
// one). It is built on each use.
func faultDiagnoses() map[Fault]Diagnosis {
	return map[Fault]Diagnosis{
		FaultNoCredentials: {Link: "credentials",
			Cause: "no AccessKey could be read for the account: the aliyun config file or the profile is missing, or the environment variables are not set",
			Fix:   "run aliyun configure --profile NAME and name the profile (--profile-a / --profile-b, or accounts.*.profile in the spec), name the config file (--profiles-file or ALIBABA_CLOUD_CONFIG_FILE), or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
		FaultBadKeyID: {Link: "credentials",
			Cause: "the AccessKey ID is not known (deleted, disabled, or mistyped)",
			Fix:   "check the profile's access_key_id (aliyun configure list), or create a new AccessKey in the RAM console"},
		FaultBadSecret: {Link: "credentials",
			Cause: "the AccessKey secret does not match the AccessKey ID",
			Fix:   "enter the secret again for this profile (aliyun configure --profile NAME)"},
		FaultBadToken: {Link: "credentials",
			Cause: "the STS security token has expired or does not belong to the AccessKey",
			Fix:   "refresh the profile's STS credentials, or use a long-term AccessKey"},
		FaultRAMDenied: {Link: "credentials",
			Cause: "the RAM identity behind these credentials may not call this action",
			Fix:   "attach AliyunRAMFullAccess (roles and policies), AliyunOTSFullAccess (Tablestore) or the MaxCompute project permissions to it, or run with an administrator's key"},
		FaultWrongAccount: {Link: "credentials",
			Cause: "the credentials belong to another account than the spec names",
			Fix:   "use that account's credentials (--profile-a / --profile-b), or correct the account's uid in the spec"},
		FaultRootKey: {Link: "credentials",
			Cause: "the account's root AccessKey is in use: it may do anything in the account",
			Fix:   "create a RAM user with only the permissions this setup needs and use its AccessKey"},

		FaultUnreachable: {Link: "network",
			Cause: "the service's endpoint could not be reached: the connection was refused, the host name does not resolve, or no answer came in time",
			Fix:   "check the endpoint, this machine's network, proxy settings (HTTPS_PROXY) and firewall; with --endpoint, check that the wizard sandbox runs at that URL"},

		FaultProjectMissing: {Link: "MaxCompute project",
			Cause: "the project does not exist in this region, or the name is wrong",
			Fix:   "create the project in the MaxCompute console (or with aliyun maxcompute CreateProject) in the spec's region, or correct maxcompute.project"},
		FaultProjectUnavailable: {Link: "MaxCompute project",
			Cause: "the project is not AVAILABLE (read-only, frozen or being deleted), so no table can be created or read in it",
			Fix:   "check the project's state in the MaxCompute console"},
		FaultRegionMismatch: {Link: "region",
			Cause: "the project is in another region than the spec's; MaxCompute reaches a Tablestore instance's internal endpoint only within its own region",
			Fix:   "keep the project and the instance in one region, or set region in the spec to the project's"},

		FaultRoleAbsent: {Link: "role",
			Cause: "the role MaxCompute assumes does not exist in account A",
			Fix:   "create the role (wizard apply, or aliyun ram CreateRole), or set ram.role in the spec to the role that exists"},
		FaultTrust: {Link: "trust policy",
			Cause: "the role in account A does not trust MaxCompute of account B",
			Fix:   "the trust policy must name <UID of B>@odps.aliyuncs.com across accounts (odps.aliyuncs.com only within one account); the role step merges it in"},
		FaultPolicyNotAttached: {Link: "permission policy",
			Cause: "no policy attached to the role grants the Tablestore actions: the wizard's policy is missing or not attached",
			Fix:   "create the policy and attach it to the role (policy and attachment steps)"},
		FaultOTSDenied: {Link: "permission policy",
			Cause: "the role or user lacks an ots action on the table, or the policy's Resource does not match it (the instance name must be lowercase; region and account UID must be the instance's)",
			Fix:   "apply the wizard's permission policy and attach it to the role (policy and attachment steps)"},
		FaultResourceCase: {Link: "permission policy",
			Cause: "the policy's Resource writes the instance name with capital letters; Tablestore matches instance names in a Resource only in lowercase, so the policy grants nothing",
			Fix:   "write the instance name in lowercase in every Resource (acs:ots:<region>:<UID of A>:instance/<instance in lowercase>/table/<table>)"},
		FaultExplicitDeny: {Link: "permission policy",
			Cause: "a Deny statement in a policy attached to the role matches the action; Deny beats every Allow",
			Fix:   "remove or narrow the Deny statement"},
		FaultWriteAccess: {Link: "permission policy",
			Cause: "the role may also write to the table (put, update, delete rows), more than reading needs",
			Fix:   "grant only the read actions unless you INSERT into the external table (ram.access: read)"},

		FaultInstanceAbsent: {Link: "Tablestore instance",
			Cause: "account A has no Tablestore instance of that name in this region",
			Fix:   "create it (the instance step), or set tablestore.instance and region to the instance that exists"},
		FaultInstanceNotRunning: {Link: "Tablestore instance",
			Cause: "the instance is not running, so it serves no reads",
			Fix:   "wait for a new instance to start, or enable it in the Tablestore console"},
		FaultVPCOnly: {Link: "Tablestore instance network",
			Cause: "the instance accepts requests only from its bound VPC",
			Fix:   "allow any network: aliyun ots UpdateInstance --InstanceName NAME --Network NORMAL (or the instance's network settings in the Tablestore console)"},
		FaultTableMissing: {Link: "tablestore.table.name",
			Cause: "the Tablestore table named in SERDEPROPERTIES does not exist (MaxCompute never creates it)",
			Fix:   "create the table (the table step) or correct tablestore.table.name"},
		FaultKeyMismatch: {Link: "primary key",
			Cause: "the table's primary key is not the one the spec (and so the column mapping) describes",
			Fix:   "set tablestore.primary_key to the table's key as DescribeTable reports it"},

		FaultExternalAbsent: {Link: "external table",
			Cause: "the external table does not exist in account B's project",
			Fix:   "create it (the external-table step, or the DDL from wizard ddl in odpscmd)"},
		FaultForeignTable: {Link: "external table",
			Cause: "a table of that name exists in the project but is not a Tablestore external table",
			Fix:   "choose another external_table.name; the wizard never drops such a table"},
		FaultNotExternal: {Link: "DDL",
			Cause: "the statement says CREATE TABLE where it means CREATE EXTERNAL TABLE",
			Fix:   "write CREATE EXTERNAL TABLE (wizard lint fixes pasted DDL)"},
		FaultDDL: {Link: "DDL",
			Cause: "MaxCompute's semantic analysis refuses the statement, or reads it otherwise than meant",
			Fix:   "the finding names the clause; run wizard lint on the DDL"},
		FaultTimeout: {Link: "LOCATION",
			Cause: "MaxCompute could not reach the Tablestore endpoint named in LOCATION",
			Fix:   "check LOCATION first: tablestore://<instance>.<region of the instance>.ots-internal.aliyuncs.com, same region as the project"},
		FaultInstanceGone: {Link: "LOCATION",
			Cause: "no Tablestore instance of that name exists in that region",
			Fix:   "LOCATION must be tablestore://<instance>.<the instance's region>.ots-internal.aliyuncs.com; the wizard derives it from the spec"},
		FaultNotInternal: {Link: "LOCATION",
			Cause: "LOCATION does not use the instance's internal endpoint, which MaxCompute reaches within Alibaba Cloud's network",
			Fix:   "use tablestore://<instance>.<region>.ots-internal.aliyuncs.com"},
		FaultLocationKey: {Link: "LOCATION",
			Cause: "LOCATION embeds an AccessKey pair: the secret is stored in the table definition, readable by anyone who may describe the table",
			Fix:   "remove the '<AccessKeyId>:<AccessKeySecret>@' part and set 'odps.properties.rolearn' to the role in account A"},
		FaultPKType: {Link: "column mapping",
			Cause: "an external column mapped to a primary-key column has another type than the key in Tablestore",
			Fix:   "declare INTEGER keys as bigint, STRING keys as string, BINARY keys as binary (the wizard takes the types from DescribeTable)"},
		FaultMapping: {Link: "column mapping",
			Cause: "tablestore.columns.mapping does not fit the table: every primary-key column must be mapped, in key order, marked with ':', one entry per external column",
			Fix:   "map the key columns first (':vid,:gt,…'), then the attribute columns, one per external column"},
		FaultRoleMissing: {Link: "role ARN",
			Cause: "odps.properties.rolearn names a role that does not exist in account A",
			Fix:   "create the role (the role step), or correct the ARN: acs:ram::<UID of A>:role/<role name in lowercase>"},
		FaultRoleARN: {Link: "role ARN",
			Cause: "odps.properties.rolearn names another role than the one the spec sets up (or is not written as RAM reports it)",
			Fix:   "paste the ARN RAM reports for the spec's role (GetRole), in lowercase"},
		FaultVerify: {Link: "verification query",
			Cause: "the verification query failed for a reason the other checks did not find",
			Fix:   "read MaxCompute's message above; fix what it names and run doctor again"},
	}
}

// MarshalText names the fault in JSON output.
func (f Fault) MarshalText() ([]byte, error) { return []byte(f.String()), nil }
