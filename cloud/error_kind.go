package cloud

import (
	"context"
	"errors"
	"fmt"
)

// ErrorKind is what a failed call means for the caller: whether anything may
// have happened, whether to try again, and whether the thing asked about is
// simply absent.
type ErrorKind int

// Error kinds.
const (
	KindUnknown       ErrorKind = iota // not in the catalogue: never retried
	KindNotFound                       // the object does not exist
	KindAlreadyExists                  // a create found the object already there
	KindThrottled                      // flow control refused the call; nothing was done
	KindBusy                           // the service refused for now (busy, table loading); nothing was done
	KindRefused                        // the request never arrived (connection refused, unknown host)
	KindUnavailable                    // a 5xx answer: the call may or may not have taken effect
	KindTimeout                        // no answer in time: the call may or may not have taken effect
	KindAuth                           // the credentials are wrong, expired or unknown
	KindPermission                     // the caller may not do this
	KindLimit                          // a quota is reached
	KindInvalid                        // the request itself is wrong
	KindConflict                       // the object is in a state that forbids the call
	KindCanceled                       // the caller cancelled (Ctrl+C) or its deadline passed
)

func (k ErrorKind) String() string {
	switch k {
	case KindUnknown:
		return "unknown"
	case KindNotFound:
		return "not found"
	case KindAlreadyExists:
		return "already exists"
	case KindThrottled:
		return "throttled"
	case KindBusy:
		return "busy"
	case KindRefused:
		return "refused"
	case KindUnavailable:
		return "unavailable"
	case KindTimeout:
		return "timeout"
	case KindAuth:
		return "authentication"
	case KindPermission:
		return "permission"
	case KindLimit:
		return "limit"
	case KindInvalid:
		return "invalid"
	case KindConflict:
		return "conflict"
	case KindCanceled:
		return "canceled"
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// Transient reports whether trying again later may succeed.
func (k ErrorKind) Transient() bool {
	switch k {
	case KindThrottled, KindBusy, KindRefused, KindUnavailable, KindTimeout:
		return true
	}
	return false
}

// Refusal reports whether the failure proves the call did nothing, so that
// even a create may simply be sent again.
func (k ErrorKind) Refusal() bool {
	return k == KindThrottled || k == KindBusy || k == KindRefused
}

// KindOf returns the kind of err: an *Error's Kind when it has one,
// KindCanceled for a cancelled or expired context, KindAuth for a credential
// source that gives no key, KindUnknown otherwise. An *Error's own kind
// comes first: an HTTP client's timeout wraps context.DeadlineExceeded, but
// it is no cancellation of the caller's (TransportError tells them apart).
func KindOf(err error) ErrorKind {
	if err == nil {
		return KindUnknown
	}
	var ce *Error
	if errors.As(err, &ce) && ce.Kind != KindUnknown {
		return ce.Kind
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return KindCanceled
	}
	var cred *CredentialsError
	if errors.As(err, &cred) {
		return KindAuth
	}
	return KindUnknown
}

// IsNotFound reports whether err says the object does not exist.
func IsNotFound(err error) bool { return KindOf(err) == KindNotFound }

// IsAlreadyExists reports whether err says a create found the object there.
func IsAlreadyExists(err error) bool { return KindOf(err) == KindAlreadyExists }
