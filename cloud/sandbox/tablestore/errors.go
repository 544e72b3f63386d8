package tablestore

import (
	"fmt"
	"net/http"
)

// Error is a Tablestore service error: the code and message the service puts
// in its protobuf Error body, and the HTTP status it answers with.
type Error struct {
	Code       string
	Message    string
	HTTPStatus int
	// RequestID is the ID of the request that failed. Over HTTP it travels
	// in the x-ots-requestid header; the Go API sets it here.
	RequestID string
}

// Error renders the error as "Code: Message".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Error codes the sandbox returns, as the service spells them.
const (
	CodeAuthFailed              = "OTSAuthFailed"
	CodeNoPermissionAccess      = "OTSNoPermissionAccess"
	CodeParameterInvalid        = "OTSParameterInvalid"
	CodeInvalidPK               = "OTSInvalidPK"
	CodeObjectNotExist          = "OTSObjectNotExist"
	CodeObjectAlreadyExist      = "OTSObjectAlreadyExist"
	CodeTableNotReady           = "OTSTableNotReady"
	CodeQuotaExhausted          = "OTSQuotaExhausted"
	CodeConditionCheckFail      = "OTSConditionCheckFail"
	CodeMethodNotAllowed        = "OTSMethodNotAllowed"
	CodeRequestBodyTooLarge     = "OTSRequestBodyTooLarge"
	CodeForbiddenUpdateCapacity = "OTSForbiddenUpdateCapacityUnit"
	CodeInternalServerError     = "OTSInternalServerError"
	CodeServerBusy              = "OTSServerBusy"
	CodeServerUnavailable       = "OTSServerUnavailable"
)

// Messages the service uses verbatim; callers (the error catalogue, doctor)
// match on them.
const (
	MsgInstanceNotFound    = "The instance is not found."
	MsgInstanceNotRunning  = "The instance is not running."
	MsgNoInstancePrivilege = "The user has no privilege to access the instance."
	MsgSignatureMismatch   = "Signature mismatch."
	MsgVPCOnly             = "Request denied because this instance can only be accessed from the binded VPC."
	MsgNoPermission        = "You have no permission to access the requested resource, please contact the resource owner"
	MsgTableNotExist       = "Requested table does not exist."
	MsgTableExists         = "Requested table already exists."
	MsgTableNotReady       = "The table is not ready."
	MsgTableQuota          = "Number of tables exceeded the quota."
	MsgConditionCheckFail  = "Condition check failed."
	MsgPKSchemaMismatch    = "Primary key schema mismatch."
	MsgServerBusy          = "Server is busy."
	MsgServerUnavailable   = "Server is unavailable."
)

// ServerBusy is the answer of a partition shedding load (HTTP 503); the SDK
// retries it for every operation.
func ServerBusy() *Error {
	return &Error{Code: CodeServerBusy, Message: MsgServerBusy, HTTPStatus: http.StatusServiceUnavailable}
}

// ServerUnavailable is the answer of a front end that cannot reach the
// service (HTTP 503); the SDK retries it for reads only.
func ServerUnavailable() *Error {
	return &Error{Code: CodeServerUnavailable, Message: MsgServerUnavailable, HTTPStatus: http.StatusServiceUnavailable}
}

func authFailed(msg string) *Error {
	return &Error{Code: CodeAuthFailed, Message: msg, HTTPStatus: http.StatusForbidden}
}

func paramInvalid(format string, args ...any) *Error {
	return &Error{Code: CodeParameterInvalid, Message: fmt.Sprintf(format, args...), HTTPStatus: http.StatusBadRequest}
}

func noPermission() *Error {
	return &Error{Code: CodeNoPermissionAccess, Message: MsgNoPermission, HTTPStatus: http.StatusForbidden}
}

func tableNotExist() *Error {
	return &Error{Code: CodeObjectNotExist, Message: MsgTableNotExist, HTTPStatus: http.StatusNotFound}
}

func tableNotReady() *Error {
	return &Error{Code: CodeTableNotReady, Message: MsgTableNotReady, HTTPStatus: http.StatusNotFound}
}

func pkMismatch() *Error {
	return &Error{Code: CodeInvalidPK, Message: MsgPKSchemaMismatch, HTTPStatus: http.StatusBadRequest}
}

func conditionFailed() *Error {
	return &Error{Code: CodeConditionCheckFail, Message: MsgConditionCheckFail, HTTPStatus: http.StatusForbidden}
}
