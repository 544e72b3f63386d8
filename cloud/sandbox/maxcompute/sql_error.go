package maxcompute

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/mcots/wizard/steps/odpssql"
)

// sqlError is a failed statement: Text is the message exactly as MaxCompute
// puts it in the task result, "ODPS-<code>:[line,col] <kind> - <detail>".
type sqlError struct{ Text string }

func (e *sqlError) Error() string { return e.Text }

func at(pos odpssql.Pos) string {
	if !pos.IsValid() {
		pos = odpssql.Pos{Line: 1, Col: 1}
	}
	return fmt.Sprintf("[%d,%d]", pos.Line, pos.Col)
}

// parseError is ODPS-0130161, SQL the compiler cannot read.
func parseError(pos odpssql.Pos, msg string) *sqlError {
	return &sqlError{"ODPS-0130161:" + at(pos) + " Parse exception - " + msg}
}

// semanticError is ODPS-0130071, SQL that reads but does not make sense.
func semanticError(pos odpssql.Pos, format string, args ...any) *sqlError {
	return &sqlError{"ODPS-0130071:" + at(pos) + " Semantic analysis exception - " + fmt.Sprintf(format, args...)}
}

// tableNotFound is ODPS-0130131.
func tableNotFound(pos odpssql.Pos, project, table string) *sqlError {
	return &sqlError{fmt.Sprintf("ODPS-0130131:%s Table not found - table %s.%s cannot be resolved", at(pos), project, table)}
}

// tableExists is ODPS-0130211.
func tableExists(pos odpssql.Pos, project, table string) *sqlError {
	return &sqlError{fmt.Sprintf("ODPS-0130211:%s Table or view already exists - table %s.%s", at(pos), project, table)}
}

// columnNotFound is the semantic error for a column name that is not in the
// table.
func columnNotFound(pos odpssql.Pos, column string) *sqlError {
	return semanticError(pos, "column %s cannot be resolved", column)
}

// systemError is ODPS-0010000, a failure below the SQL layer.
func systemError(detail string) *sqlError {
	return &sqlError{"ODPS-0010000:System internal error - " + detail}
}

// jobFailed is how a failure inside the storage handler reaches the user:
// the job's worker threw, and MaxCompute passes its message on.
func jobFailed(msg string) *sqlError {
	return systemError("fuxi job failed, caused by: std::exception:Message: " + msg)
}

// endpointTimeout is what MaxCompute reports when the LOCATION host leads
// nowhere: it never learns why, only that its connection timed out.
func endpointTimeout() *sqlError {
	return systemError("std::exception:Message: a timeout was reached")
}

// stsErrorBody is the JSON STS answered with, which MaxCompute quotes whole
// in "external table checking failure".
type stsErrorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
}

// externalFailure renders a backend failure the way MaxCompute reports that
// link of the chain. pos is the statement being compiled.
//
// Role faults surface while compiling (the compiler assumes the role to read
// the table's metadata), as ODPS-0130071 "external table checking failure"
// quoting STS's answer. Endpoint faults surface only as a connection timeout.
// Tablestore faults surface from the running job.
func externalFailure(pos odpssql.Pos, err error) *sqlError {
	var ext *ExternalError
	if !errors.As(err, &ext) {
		return systemError(err.Error())
	}
	switch ext.Fault {
	case FaultRole:
		body := stsErrorBody{RequestID: ext.RequestID, HostID: ext.HostID, Code: ext.Code, Message: ext.Message}
		if body.RequestID == "" {
			body.RequestID = newRequestID()
		}
		if body.HostID == "" {
			body.HostID = "sts.aliyuncs.com"
		}
		raw, _ := json.Marshal(body) // strings only: cannot fail
		return semanticError(pos, "external table checking failure, error message: %s", raw)
	case FaultEndpoint:
		return endpointTimeout()
	case FaultTablestore:
		return tablestoreFailure(ext.Code, ext.Message, ext.RequestID)
	}
	return systemError(ext.Error())
}

// tablestoreFailure quotes a Tablestore error the way the handler's client
// formats it.
func tablestoreFailure(code, message, requestID string) *sqlError {
	if requestID == "" {
		requestID = newRequestID()
	}
	return jobFailed(fmt.Sprintf("[ErrorCode]:%s, [Message]:%s, [RequestId]:%s", code, message, requestID))
}
