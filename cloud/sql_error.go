package cloud

import (
	"regexp"
	"time"
)

// cancelGrace bounds the call that cancels an SQL job after the caller gave up.
const cancelGrace = 5 * time.Second

var odpsCode = regexp.MustCompile(`ODPS-\d{7}`)

// SQLError is a failed SQL job as an *Error: MaxCompute's whole text as the
// message, its ODPS-nnnnnnn code, and a diagnosis from the catalogue.
func SQLError(jobID, text string) *Error {
	e := &Error{Service: ServiceMaxCompute, Op: "SQL job " + jobID, Code: odpsCode.FindString(text), Message: text}
	if e.Message == "" {
		e.Message = "the job failed without a message"
	}
	return Classify(e)
}
