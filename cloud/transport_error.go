package cloud

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"syscall"
)

// TransportError turns a call that got no answer into an *Error: the request
// never arrived (refused, the host does not resolve yet), no answer came in
// time, the connection broke, or the caller cancelled. The message names the
// method, host and path only: a request URL's query can carry an STS token.
func TransportError(service, op string, err error) *Error {
	e := &Error{Service: service, Op: op, Err: err, Message: describeTransport(err)}
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		e.Kind = KindCanceled
	case errors.As(err, &dns):
		// A new instance's host name takes a while to resolve; the request
		// never left, so even a create may be sent again.
		e.Kind = KindRefused
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Kind = KindRefused
	case errors.As(err, &ne) && ne.Timeout():
		e.Kind = KindTimeout
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		e.Kind = KindUnavailable
	default:
		e.Kind = KindUnavailable
	}
	return e
}

func describeTransport(err error) string {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err.Error()
	}
	where := ue.URL
	if u, perr := url.Parse(ue.URL); perr == nil {
		u.RawQuery, u.User, u.Fragment = "", nil, ""
		where = u.String()
	}
	return ue.Op + " " + where + ": " + ue.Err.Error()
}
