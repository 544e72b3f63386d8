package cloud

import (
	"net/http"
	"strings"
)

// Service names as errors and progress lines show them.
const (
	ServiceSTS        = "STS"
	ServiceRAM        = "RAM"
	ServiceOTS        = "Tablestore instance API"
	ServiceTablestore = "Tablestore"
	ServiceMaxCompute = "MaxCompute"
)

// rule is one entry of the error catalogue: a service's code (a trailing
// '*' matches a prefix) and a fragment of its message select a kind and a
// diagnosis. Empty fields match anything.
type rule struct {
	service string
	code    string
	text    string // lower case; matched against the lower-cased message
	kind    ErrorKind
	diag    *Diagnosis
}

func (r rule) matches(service, code, lowerMsg string) bool {
	if r.service != "" && r.service != service {
		return false
	}
	if r.code != "" {
		if p, ok := strings.CutSuffix(r.code, "*"); ok {
			if !strings.HasPrefix(code, p) {
				return false
			}
		} else if code != r.code {
			return false
		}
	}
	return r.text == "" || strings.Contains(lowerMsg, r.text)
}

// catalogue is every failure the wizard knows, first match wins. It serves
// the live run, doctor and the tests; the codes are the services' own. It is
// built on each use so that no caller can change a shared diagnosis.
func catalogue() []rule {
	// Diagnoses named more than once.
	var (
		diagBadKeyID = &Diagnosis{Link: "credentials",
			Cause: "the AccessKey ID is not known (deleted, disabled, or mistyped)",
			Fix:   "check the profile's access_key_id (aliyun configure list), or create a new AccessKey in the RAM console"}
		diagBadSecret = &Diagnosis{Link: "credentials",
			Cause: "the AccessKey secret does not belong to the AccessKey ID",
			Fix:   "enter the secret again for this profile (aliyun configure --profile NAME)"}
		diagBadToken = &Diagnosis{Link: "credentials",
			Cause: "the STS security token has expired or does not belong to the AccessKey",
			Fix:   "refresh the profile's STS credentials, or use a long-term AccessKey"}
		diagRAMDenied = &Diagnosis{Link: "credentials",
			Cause: "the RAM identity behind these credentials may not call this action",
			Fix:   "attach AliyunRAMFullAccess (roles and policies), AliyunOTSFullAccess (Tablestore) or the MaxCompute project permissions to it, or run with an administrator's key"}
		diagOTSDenied = &Diagnosis{Link: "permission policy",
			Cause: "the role or user lacks an ots action on the table, or the policy's Resource does not match it (the instance name must be lowercase; region and account UID must be the instance's)",
			Fix:   "apply the wizard's permission policy and attach it to the role (policy and attachment steps)"}
		diagVPCOnly = &Diagnosis{Link: "Tablestore instance network",
			Cause: "the instance accepts requests only from its bound VPC",
			Fix:   "allow any network: aliyun ots UpdateInstance --InstanceName NAME --Network NORMAL (or the instance's network settings in the Tablestore console)"}
		diagInstanceGone = &Diagnosis{Link: "LOCATION",
			Cause: "no Tablestore instance of that name exists in that region",
			Fix:   "LOCATION must be tablestore://<instance>.<the instance's region>.ots-internal.aliyuncs.com; the wizard derives it from the spec"}
		diagRoleMissing = &Diagnosis{Link: "role ARN",
			Cause: "odps.properties.rolearn names a role that does not exist in account A",
			Fix:   "create the role (the role step), or correct the ARN: acs:ram::<UID of A>:role/<role name in lowercase>"}
		diagTrust = &Diagnosis{Link: "trust policy",
			Cause: "the role in account A does not trust MaxCompute of account B",
			Fix:   "the trust policy must name <UID of B>@odps.aliyuncs.com across accounts (odps.aliyuncs.com only within one account); the role step merges it in"}
		diagTimeout = &Diagnosis{Link: "LOCATION",
			Cause: "MaxCompute could not reach the Tablestore endpoint named in LOCATION",
			Fix:   "check LOCATION first: tablestore://<instance>.<region of the instance>.ots-internal.aliyuncs.com, same region as the project"}
		diagPKType = &Diagnosis{Link: "column mapping",
			Cause: "an external column mapped to a primary-key column has another type than the key in Tablestore",
			Fix:   "declare INTEGER keys as bigint, STRING keys as string, BINARY keys as binary (the wizard takes the types from DescribeTable)"}
		diagProjectMissing = &Diagnosis{Link: "MaxCompute project",
			Cause: "the project does not exist in this region, or the name is wrong",
			Fix:   "create the project in the MaxCompute console (or with aliyun maxcompute CreateProject) in the spec's region, or correct maxcompute.project"}
	)
	return []rule{
		// Flow control and outages, whatever the service.
		{code: "Throttling*", kind: KindThrottled},
		{code: "ServiceUnavailable", kind: KindUnavailable},
		{code: "InternalError", kind: KindUnavailable},
		// Credentials.
		{code: "InvalidAccessKeyId*", kind: KindAuth, diag: diagBadKeyID},
		{code: "SignatureDoesNotMatch", kind: KindAuth, diag: diagBadSecret},
		{code: "IncompleteSignature", kind: KindAuth, diag: diagBadSecret},
		{code: "InvalidSecurityToken*", kind: KindAuth, diag: diagBadToken},
		{code: "MissingSecurityToken", kind: KindAuth, diag: diagBadToken},
		{code: "InvalidTimeStamp*", kind: KindInvalid, diag: &Diagnosis{Link: "clock",
			Cause: "the request's timestamp is too far from the service's clock", Fix: "synchronise the system clock (NTP)"}},
		{code: "NoPermission", service: ServiceRAM, kind: KindPermission, diag: diagRAMDenied},
		{code: "NoPermission", service: ServiceOTS, kind: KindPermission, diag: diagRAMDenied},
		{code: "Forbidden*", kind: KindPermission, diag: diagRAMDenied},

		// RAM.
		{service: ServiceRAM, code: "EntityNotExist*", kind: KindNotFound},
		{service: ServiceRAM, code: "EntityAlreadyExists*", kind: KindAlreadyExists},
		{service: ServiceRAM, code: "LimitExceeded.Policy.Version", kind: KindLimit, diag: &Diagnosis{Link: "permission policy",
			Cause: "the policy already has the maximum of 5 versions",
			Fix:   "delete a version that is not the default (the wizard prunes the oldest one itself and says so)"}},
		{service: ServiceRAM, code: "LimitExceeded*", kind: KindLimit, diag: &Diagnosis{Link: "RAM quota",
			Cause: "account A has reached a RAM quota (1000 roles, 1500 custom policies, 5 custom policies per role)",
			Fix:   "remove unused roles or policies, or ask for a higher quota"}},
		{service: ServiceRAM, code: "DeleteConflict*", kind: KindConflict},
		{service: ServiceRAM, code: "MalformedPolicyDocument", kind: KindInvalid, diag: &Diagnosis{Link: "policy document",
			Cause: "RAM rejected the policy's JSON or grammar", Fix: "the message names the fault; the wizard's own documents always parse"}},
		{service: ServiceRAM, code: "InvalidParameter*", kind: KindInvalid},

		// The Tablestore instance API.
		{service: ServiceOTS, code: "*", text: "not found", kind: KindNotFound},
		{service: ServiceOTS, code: "*NotFound*", kind: KindNotFound},
		{service: ServiceOTS, code: "OTSObjectAlreadyExist", kind: KindAlreadyExists, diag: &Diagnosis{Link: "Tablestore instance",
			Cause: "instance names are unique per region across all accounts, case-insensitively",
			Fix:   "if account A has no instance of this name, another account owns it: choose another tablestore.instance"}},
		{service: ServiceOTS, code: "InvalidRegionId", kind: KindInvalid, diag: &Diagnosis{Link: "region",
			Cause: "Tablestore has no endpoint in this region", Fix: "set region to one where Tablestore runs, e.g. cn-hangzhou"}},

		// The Tablestore data plane (also the instance API's quota and busy codes).
		{code: "OTSObjectNotExist", kind: KindNotFound},
		{code: "OTSObjectAlreadyExist", kind: KindAlreadyExists},
		{code: "OTSTableNotReady", kind: KindBusy},
		{code: "OTSServerBusy", kind: KindBusy},
		{code: "OTSStorageServerBusy", kind: KindBusy},
		{code: "OTSPartitionUnavailable", kind: KindBusy},
		{code: "OTSNotEnoughCapacityUnit", kind: KindBusy},
		{code: "OTSRowOperationConflict", kind: KindBusy},
		{code: "OTSQuotaExhausted", text: "too frequent", kind: KindThrottled},
		{code: "OTSQuotaExhausted", kind: KindLimit, diag: &Diagnosis{Link: "Tablestore quota",
			Cause: "an account may have 10 instances and an instance 64 tables", Fix: "delete unused instances or tables, or ask for a higher quota"}},
		{code: "OTSTimeout", kind: KindUnavailable},
		{code: "OTSInternalServerError", kind: KindUnavailable},
		{code: "OTSServerUnavailable", kind: KindUnavailable},
		{code: "OTSAuthFailed", text: "vpc", kind: KindPermission, diag: diagVPCOnly},
		{code: "OTSAuthFailed", text: "instance is not found", kind: KindInvalid, diag: &Diagnosis{Link: "Tablestore instance",
			Cause: "the endpoint's region has no instance of this name owned by these credentials", Fix: "check tablestore.instance and region"}},
		{code: "OTSAuthFailed", text: "signature", kind: KindAuth, diag: diagBadSecret},
		{code: "OTSAuthFailed", text: "not running", kind: KindBusy},
		{code: "OTSAuthFailed", kind: KindAuth, diag: diagBadKeyID},
		{code: "OTSNoPermissionAccess", kind: KindPermission, diag: diagOTSDenied},
		{code: "OTSInvalidPK", kind: KindInvalid, diag: &Diagnosis{Link: "primary key",
			Cause: "the row's primary key does not match the table's (names, order or types)", Fix: "use the table's primary key as DescribeTable reports it"}},
		{code: "OTSParameterInvalid", kind: KindInvalid},
		{code: "OTSConditionCheckFail", kind: KindConflict},

		// MaxCompute REST and SQL. SQL failures carry MaxCompute's text, which
		// names the broken link more precisely than the code: match it first.
		{service: ServiceMaxCompute, text: "entitynotexist.role", kind: KindInvalid, diag: diagRoleMissing},
		{service: ServiceMaxCompute, text: "not authorized", kind: KindPermission, diag: diagTrust},
		{service: ServiceMaxCompute, text: "assumerole", kind: KindPermission, diag: diagTrust},
		{service: ServiceMaxCompute, text: "a timeout was reached", kind: KindInvalid, diag: diagTimeout},
		{service: ServiceMaxCompute, text: "otsnopermissionaccess", kind: KindPermission, diag: diagOTSDenied},
		{service: ServiceMaxCompute, text: "primarykeyvalue is not", kind: KindInvalid, diag: diagPKType},
		{service: ServiceMaxCompute, text: "binded vpc", kind: KindPermission, diag: diagVPCOnly},
		{service: ServiceMaxCompute, text: "instance is not found", kind: KindInvalid, diag: diagInstanceGone},
		{service: ServiceMaxCompute, text: "requested table does not exist", kind: KindInvalid, diag: &Diagnosis{Link: "tablestore.table.name",
			Cause: "the Tablestore table named in SERDEPROPERTIES does not exist (MaxCompute never creates it)", Fix: "create the table (the table step) or correct tablestore.table.name"}},
		{service: ServiceMaxCompute, text: "non-external table with stord by", kind: KindInvalid, diag: &Diagnosis{Link: "DDL",
			Cause: "the statement says CREATE TABLE where it means CREATE EXTERNAL TABLE", Fix: "write CREATE EXTERNAL TABLE (wizard lint fixes pasted DDL)"}},
		{service: ServiceMaxCompute, text: "workerpackagenotexist", kind: KindInvalid, diag: &Diagnosis{Link: "project settings",
			Cause: "an old project runs external tables only with the unstructured-data runtime", Fix: "run with the hint odps.task.major.version=unstructured_data"}},
		{service: ServiceMaxCompute, text: "odps-0420111", kind: KindNotFound, diag: diagProjectMissing},
		{service: ServiceMaxCompute, text: "odps-0410042", kind: KindAuth, diag: diagBadSecret},
		{service: ServiceMaxCompute, text: "odps-0410051", kind: KindAuth, diag: diagBadKeyID},
		{service: ServiceMaxCompute, text: "odps-0130131", kind: KindNotFound},
		{service: ServiceMaxCompute, text: "odps-0130211", kind: KindAlreadyExists},
		{service: ServiceMaxCompute, code: "NoSuchObject", kind: KindNotFound},
		{service: ServiceMaxCompute, code: "ODPS-0130071", kind: KindInvalid, diag: &Diagnosis{Link: "DDL",
			Cause: "MaxCompute's semantic analysis refused the statement", Fix: "the message names the clause; run wizard lint on the DDL"}},
		{service: ServiceMaxCompute, code: "NoPermission", kind: KindPermission, diag: &Diagnosis{Link: "MaxCompute permissions",
			Cause: "the identity of account B may not do this in the project", Fix: "grant it CreateTable and Select in the project (or use the project owner's key)"}},
	}
}

// Diagnose looks a service failure up in the catalogue: what kind of failure
// it is and, where the catalogue knows, which link is broken and what to do.
// The HTTP status decides the kind of failures the catalogue does not name.
func Diagnose(service, code, message string, httpStatus int) (ErrorKind, *Diagnosis) {
	lower := strings.ToLower(message)
	for _, r := range catalogue() {
		if r.matches(service, code, lower) {
			return r.kind, r.diag
		}
	}
	switch {
	case httpStatus == http.StatusTooManyRequests:
		return KindThrottled, nil
	case httpStatus >= 500:
		return KindUnavailable, nil
	case httpStatus == http.StatusNotFound:
		return KindNotFound, nil
	case httpStatus == http.StatusForbidden:
		return KindPermission, nil
	}
	return KindUnknown, nil
}

// Classify fills e's Kind and Diagnosis from the catalogue, keeping any the
// caller already set, and returns e.
func Classify(e *Error) *Error {
	kind, diag := Diagnose(e.Service, e.Code, e.Message, e.HTTPStatus)
	if e.Kind == KindUnknown {
		e.Kind = kind
	}
	if e.Diagnosis == nil {
		e.Diagnosis = diag
	}
	return e
}
