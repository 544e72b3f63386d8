package cloud

import (
	"context"
	"errors"
	"net"
	"net/url"
	"syscall"
)

// TransportError turns a call that got no answer into an *Error: the request
// never arrived (refused, the host does not resolve yet), no answer came in
// time, the connection broke, or the caller cancelled. ctx is the call's:
// only when it has ended is the failure a cancellation; an HTTP client's own
// timeout wraps context.DeadlineExceeded too, and is a timeout. Every
// failure but a cancellation carries the diagnosis of an unreachable
// endpoint, naming it. The message names the method, host and path only: a
// request URL's query can carry an STS token.
func TransportError(ctx context.Context, service, op string, err error) *Error {
	e := &Error{Service: service, Op: op, Err: err, Message: describeTransport(err)}
	var dns *net.DNSError
	var ne net.Error
	why := "the connection broke before an answer came"
	switch {
	case ctx.Err() != nil:
		e.Kind = KindCanceled
		return e
	case errors.As(err, &dns):
		// A new instance's host name takes a while to resolve; the request
		// never left, so even a create may be sent again.
		e.Kind, why = KindRefused, "the host name does not resolve"
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Kind, why = KindRefused, "the connection was refused"
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		e.Kind, why = KindTimeout, "no answer came in time"
	default: // EOF, a reset connection: the call may have arrived
		e.Kind = KindUnavailable
	}
	d, _ := FaultUnreachable.Diagnosis()
	d.Fault = FaultUnreachable
	where := service
	if ep := endpointOf(err); ep != "" {
		where += " at " + ep
		d.Fix = "check that " + ep + " is the right endpoint and is reachable from this machine (network, proxy settings such as HTTPS_PROXY, firewall); with --endpoint, check that the wizard sandbox runs at that URL"
	}
	d.Cause = where + " could not be reached: " + why
	e.Diagnosis = &d
	return e
}

// endpointOf is the scheme and host a failed request went to, or "".
func endpointOf(err error) string {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return ""
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
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
