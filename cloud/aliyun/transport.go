package aliyun

import (
	"context"
	"net"
	"net/http"
	"time"
)

// newTransport is the HTTP transport every client of one connection
// shares: proxies from the environment (never for loopback, so a sandbox on
// 127.0.0.1 is reached directly even with HTTP_PROXY set), bounded dials
// and handshakes, kept-alive connections.
func newTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
}

// ctxTransport gives every request the context of the call it belongs to:
// the SDKs build requests without one, so cancelling would otherwise not
// reach the connection.
type ctxTransport struct {
	ctx  context.Context
	base http.RoundTripper
}

func (t ctxTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return t.base.RoundTrip(r.WithContext(t.ctx))
}

// inBackground runs a call that cannot take a context (the ODPS SDK) and
// returns as soon as ctx ends; the call finishes on its own, bounded by the
// client's HTTP timeout, and its result is dropped.
func inBackground[T any](ctx context.Context, call func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	if err := ctx.Err(); err != nil {
		var zero T
		return zero, err
	}
	done := make(chan result, 1)
	go func() {
		v, err := call()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
