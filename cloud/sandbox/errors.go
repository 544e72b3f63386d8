package sandbox

import (
	"fmt"
	"net/http"
)

// APIError is a service error as the sandbox returns it: the real code, the
// real HTTP status and a message. RPC APIs render it as the JSON error body
// the SDK parses; the seams (ResolveAccessKey, AssumeRoleForService) return
// it so the data planes can render it in their own protocols.
type APIError struct {
	Status  int    // HTTP status
	Code    string // e.g. "EntityNotExist.Role"
	Message string
	// AccessDeniedDetail is set on NoPermission errors, as RAM does.
	AccessDeniedDetail map[string]string
}

func (e *APIError) Error() string { return e.Code + ": " + e.Message }

func apiErr(status int, code, format string, args ...any) *APIError {
	return &APIError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func missingParam(name string) *APIError {
	return apiErr(http.StatusBadRequest, "MissingParameter",
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func invalidParam(code, format string, args ...any) *APIError {
	return apiErr(http.StatusBadRequest, code, format, args...)
}

// Messages of the common gateway errors, worded as the services word them.
const (
	msgThrottled      = "Request was denied due to user flow control."
	msgUnavailable    = "The request has failed due to a temporary failure of the server."
	msgNoPermission   = "You are not authorized to do this action. You should be authorized by RAM."
	msgAKNotFound     = "Specified access key is not found."
	msgActionNotFound = "Specified api is not found, please check your url and method."
)

func errThrottled() *APIError {
	return apiErr(http.StatusBadRequest, "Throttling.User", msgThrottled)
}

func errUnavailable() *APIError {
	return apiErr(http.StatusServiceUnavailable, "ServiceUnavailable", msgUnavailable)
}

// errNoPermission is RAM's refusal. hint, if any, is appended in the
// sandbox's own words to say which policy or trust statement is missing.
func errNoPermission(id Identity, action, resource, denial, hint string) *APIError {
	msg := msgNoPermission
	if hint != "" {
		msg += " (sandbox: " + hint + ")"
	}
	e := apiErr(http.StatusForbidden, "NoPermission", "%s", msg)
	e.AccessDeniedDetail = map[string]string{
		"AuthAction":               action,
		"AuthPrincipalOwnerId":     id.AccountID,
		"AuthPrincipalType":        id.Type.principalType(),
		"AuthPrincipalDisplayName": id.displayName(),
		"NoPermissionType":         denial,
		"PolicyType":               "AccountLevelIdentityBasedPolicy",
		"AuthResource":             resource,
	}
	return e
}
