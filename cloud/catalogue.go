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
	// The faults' diagnoses (fault.go); each rule gets its own copy.
	d := func(f Fault) *Diagnosis {
		diag, _ := f.Diagnosis()
		diag.Fault = f
		return &diag
	}
	return []rule{
		// Flow control and outages, whatever the service.
		{code: "Throttling*", kind: KindThrottled},
		{code: "ServiceUnavailable", kind: KindUnavailable},
		{code: "InternalError", kind: KindUnavailable},
		// Credentials.
		{code: "InvalidAccessKeyId*", kind: KindAuth, diag: d(FaultBadKeyID)},
		{code: "SignatureDoesNotMatch", kind: KindAuth, diag: d(FaultBadSecret)},
		{code: "IncompleteSignature", kind: KindAuth, diag: d(FaultBadSecret)},
		{code: "InvalidSecurityToken*", kind: KindAuth, diag: d(FaultBadToken)},
		{code: "MissingSecurityToken", kind: KindAuth, diag: d(FaultBadToken)},
		{code: "InvalidTimeStamp*", kind: KindInvalid, diag: &Diagnosis{Link: "clock",
			Cause: "the request's timestamp is too far from the service's clock", Fix: "synchronise the system clock (NTP)"}},
		{code: "NoPermission", service: ServiceRAM, kind: KindPermission, diag: d(FaultRAMDenied)},
		{code: "NoPermission", service: ServiceOTS, kind: KindPermission, diag: d(FaultRAMDenied)},
		{code: "Forbidden*", kind: KindPermission, diag: d(FaultRAMDenied)},

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
		{code: "OTSAuthFailed", text: "vpc", kind: KindPermission, diag: d(FaultVPCOnly)},
		{code: "OTSAuthFailed", text: "instance is not found", kind: KindInvalid, diag: &Diagnosis{Link: "Tablestore instance",
			Cause: "the endpoint's region has no instance of this name owned by these credentials", Fix: "check tablestore.instance and region"}},
		{code: "OTSAuthFailed", text: "signature", kind: KindAuth, diag: d(FaultBadSecret)},
		{code: "OTSAuthFailed", text: "not running", kind: KindBusy},
		{code: "OTSAuthFailed", kind: KindAuth, diag: d(FaultBadKeyID)},
		{code: "OTSNoPermissionAccess", kind: KindPermission, diag: d(FaultOTSDenied)},
		{code: "OTSInvalidPK", kind: KindInvalid, diag: &Diagnosis{Link: "primary key",
			Cause: "the row's primary key does not match the table's (names, order or types)", Fix: "use the table's primary key as DescribeTable reports it"}},
		{code: "OTSParameterInvalid", kind: KindInvalid},
		{code: "OTSConditionCheckFail", kind: KindConflict},

		// MaxCompute REST and SQL. SQL failures carry MaxCompute's text, which
		// names the broken link more precisely than the code: match it first.
		{service: ServiceMaxCompute, text: "entitynotexist.role", kind: KindInvalid, diag: d(FaultRoleMissing)},
		{service: ServiceMaxCompute, text: "not authorized", kind: KindPermission, diag: d(FaultTrust)},
		{service: ServiceMaxCompute, text: "assumerole", kind: KindPermission, diag: d(FaultTrust)},
		{service: ServiceMaxCompute, text: "a timeout was reached", kind: KindInvalid, diag: d(FaultTimeout)},
		{service: ServiceMaxCompute, text: "otsnopermissionaccess", kind: KindPermission, diag: d(FaultOTSDenied)},
		{service: ServiceMaxCompute, text: "primarykeyvalue is not", kind: KindInvalid, diag: d(FaultPKType)},
		{service: ServiceMaxCompute, text: "binded vpc", kind: KindPermission, diag: d(FaultVPCOnly)},
		{service: ServiceMaxCompute, text: "instance is not found", kind: KindInvalid, diag: d(FaultInstanceGone)},
		{service: ServiceMaxCompute, text: "requested table does not exist", kind: KindInvalid, diag: d(FaultTableMissing)},
		{service: ServiceMaxCompute, text: "non-external table with stord by", kind: KindInvalid, diag: d(FaultNotExternal)},
		{service: ServiceMaxCompute, text: "workerpackagenotexist", kind: KindInvalid, diag: &Diagnosis{Link: "project settings",
			Cause: "an old project runs external tables only with the unstructured-data runtime", Fix: "run with the hint odps.task.major.version=unstructured_data"}},
		{service: ServiceMaxCompute, text: "odps-0420111", kind: KindNotFound, diag: d(FaultProjectMissing)},
		{service: ServiceMaxCompute, text: "odps-0410042", kind: KindAuth, diag: d(FaultBadSecret)},
		{service: ServiceMaxCompute, text: "odps-0410051", kind: KindAuth, diag: d(FaultBadKeyID)},
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
