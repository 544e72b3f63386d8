package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
)

// RPC signature version 1.0 (HMAC-SHA1), as the gateway checks it:
// every parameter except Signature, encoded as sorted key=value pairs,
// percent-encoded the RFC 3986 way, then
//
//	StringToSign = METHOD + "&%2F&" + percentEncode(canonicalQuery)
//	Signature    = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
func rpcStringToSign(method string, params url.Values) string {
	v := url.Values{}
	for k, vals := range params {
		if k != "Signature" {
			v[k] = vals
		}
	}
	canon := v.Encode()
	canon = strings.ReplaceAll(canon, "+", "%20")
	canon = strings.ReplaceAll(canon, "*", "%2A")
	canon = strings.ReplaceAll(canon, "%7E", "~")
	return method + "&%2F&" + url.QueryEscape(canon)
}

func rpcSignature(secret, stringToSign string) string {
	return wire.SignHMACSHA1([]byte(secret+"&"), stringToSign)
}

// authenticate checks an RPC request's credentials and signature and
// returns who sent it. The order is the gateway's: the key must exist, the
// timestamp must be fresh, the signature must match, and only then is the
// nonce remembered, so a bad request cannot burn a nonce.
func (s *Sandbox) authenticate(method string, params url.Values) (Identity, *APIError) {
	akID := params.Get("AccessKeyId")
	if akID == "" {
		return Identity{}, missingParam("AccessKeyId")
	}
	s.mu.Lock()
	secret, id, err := s.resolveLocked(akID, params.Get("SecurityToken"))
	s.mu.Unlock()
	if err != nil {
		return Identity{}, err
	}
	if m := params.Get("SignatureMethod"); m != "HMAC-SHA1" {
		return Identity{}, invalidParam("InvalidSignatureMethod",
			"Specified signature method %q is not valid; the sandbox checks HMAC-SHA1 (SignatureVersion 1.0).", m)
	}
	ts := params.Get("Timestamp")
	if ts == "" {
		return Identity{}, missingParam("Timestamp")
	}
	t, perr := time.Parse("2006-01-02T15:04:05Z", ts)
	if perr != nil {
		return Identity{}, invalidParam("InvalidTimeStamp.Format",
			"Specified time stamp or date value is not well formatted (want UTC YYYY-MM-DDThh:mm:ssZ, got %q).", ts)
	}
	if skew := s.now().Sub(t); skew > s.opts.TimestampSkew || -skew > s.opts.TimestampSkew {
		return Identity{}, invalidParam("InvalidTimeStamp.Expired",
			"Specified time stamp or date value is expired (request %s, server %s; check the clock of the calling machine).",
			ts, s.now().Format("2006-01-02T15:04:05Z"))
	}
	sig := params.Get("Signature")
	if sig == "" {
		return Identity{}, apiErr(http.StatusBadRequest, "IncompleteSignature",
			"The request signature does not conform to Aliyun standards: Signature is missing.")
	}
	sts := rpcStringToSign(method, params)
	if !wire.SameSignature(rpcSignature(secret, sts), sig) {
		// The real gateway shows its string-to-sign so that clients can
		// tell a wrong secret from a signing bug; the SDK parses this text.
		return Identity{}, apiErr(http.StatusBadRequest, "SignatureDoesNotMatch",
			"Specified signature is not matched with our calculation. server string to sign is:%s", sts)
	}
	nonce := params.Get("SignatureNonce")
	if nonce == "" {
		return Identity{}, missingParam("SignatureNonce")
	}
	if !s.nonces.remember(akID+"\x00"+nonce, s.now(), s.opts.TimestampSkew) {
		return Identity{}, invalidParam("SignatureNonceUsed", "Specified signature nonce was used already.")
	}
	return id, nil
}

// nonceCache remembers the nonces seen within the timestamp window; older
// requests are refused by their timestamp, so older nonces can be dropped.
type nonceCache struct {
	mu    sync.Mutex
	seen  map[string]time.Time // nonce → when it may be forgotten
	sweep time.Time
}

func newNonceCache() *nonceCache { return &nonceCache{seen: map[string]time.Time{}} }

// remember records key and reports whether it was new.
func (c *nonceCache) remember(key string, now time.Time, window time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.After(c.sweep) {
		for k, until := range c.seen {
			if now.After(until) {
				delete(c.seen, k)
			}
		}
		c.sweep = now.Add(window / 4)
	}
	if until, ok := c.seen[key]; ok && !now.After(until) {
		return false
	}
	// Twice the window: a request stamped at the far edge of the window
	// stays replayable-in-principle that long.
	c.seen[key] = now.Add(2 * window)
	return true
}
