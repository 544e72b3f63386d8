package maxcompute

import (
	"encoding/xml"
	"fmt"
	"net/http"
)

// apiError is a REST-level failure: an HTTP status plus the XML <Error> body
// the SDK parses into restclient.HttpError.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

// The REST errors the emulator returns. Statuses follow MaxCompute's API
// error table (signature and credential faults are 401); codes are the ones
// the service sends in <Code>.
func errMissingAuth() *apiError {
	return &apiError{http.StatusBadRequest, "AuthorizationRequired",
		"ODPS-0410001: Missing authentication parameters - the request has no Authorization header"}
}

func errBadAuth(detail string) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidAuthorization",
		"ODPS-0410011: Invalid authentication parameters - " + detail}
}

func errExpiredRequest() *apiError {
	return &apiError{http.StatusBadRequest, "AuthenticationRequestExpired",
		"ODPS-0410031: Authentication request expired - the Date header is more than 15 minutes away from the server's clock"}
}

func errSignature() *apiError {
	// "dose" is the service's own spelling.
	return &apiError{http.StatusUnauthorized, "SignatureNotMatch",
		"ODPS-0410042:Invalid signature value - User signature dose not match"}
}

func errUnknownKey(accessKeyID string) *apiError {
	return &apiError{http.StatusUnauthorized, "AccessKeyIdNotFound",
		"ODPS-0410051:Invalid credentials - accessKeyId not found: " + accessKeyID}
}

func errBadToken() *apiError {
	return &apiError{http.StatusUnauthorized, "InvalidSecurityToken",
		"ODPS-0410051:Invalid credentials - the security token is invalid or expired"}
}

func errProjectNotFound(project string) *apiError {
	return &apiError{http.StatusNotFound, "NoSuchObject",
		fmt.Sprintf("ODPS-0420111: Project not found - '%s'.", project)}
}

func errNotInProject(project string) *apiError {
	return &apiError{http.StatusForbidden, "NoPermission",
		fmt.Sprintf("ODPS-0420095: Access Denied - Authorization Failed [4002], You don't exist in project %s.", project)}
}

func errInstanceNotFound(id string) *apiError {
	return &apiError{http.StatusNotFound, "NoSuchObject",
		fmt.Sprintf("ODPS-0420111: Instance not found - '%s'.", id)}
}

func errTableNotFound(project, table string) *apiError {
	return &apiError{http.StatusNotFound, "NoSuchObject",
		fmt.Sprintf("ODPS-0130131:Table not found - '%s.%s'.", project, table)}
}

func errNoSuchResource(path string) *apiError {
	return &apiError{http.StatusNotFound, "NoSuchObject",
		fmt.Sprintf("ODPS-0420111: Object not found - '%s' is not a resource this endpoint serves.", path)}
}

func errMethod(method, path string) *apiError {
	return &apiError{http.StatusMethodNotAllowed, "MethodNotAllowed",
		fmt.Sprintf("ODPS-0420071: Method not allowed - %s %s", method, path)}
}

func errBadXML(detail string) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidArgument",
		"ODPS-0420031: Invalid XML in HTTP request body - " + detail}
}

func errBadParameter(detail string) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidArgument",
		"ODPS-0420061: Invalid parameter in HTTP request - " + detail}
}

func errBackend(err error) *apiError {
	return &apiError{http.StatusInternalServerError, "InternalServerError",
		"ODPS-0010000:System internal error - " + err.Error()}
}

// errorBody is the XML the service sends with every non-2xx answer.
type errorBody struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   cdata    `xml:"Message"`
	RequestID string   `xml:"RequestId"`
	HostID    string   `xml:"HostId"`
}

// cdata marshals as a CDATA section, as the service writes messages.
type cdata struct {
	Text string `xml:",cdata"`
}
