package maxcompute

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
)

// The ODPS signature, as the SDK's account package computes it:
//
//	canonical = METHOD \n Content-MD5 \n Content-Type \n Date \n
//	            x-odps-* headers, lower-cased and sorted, "name:v1,v2\n" each
//	            resource (the path below /api) [? sorted query, decoded values,
//	            "key" alone when the value is empty]
//
// V2 signs it with HMAC-SHA1(secret). V4 first derives a key from the secret,
// the date, the region and the service, then signs with HMAC-SHA1 of that key.
const (
	authPrefix   = "ODPS "
	v4Terminator = "aliyun_v4_request"
	v4Service    = "odps"
	maxClockSkew = 15 * time.Minute
	headerSTS    = "authorization-sts-token"
	odpsHeader   = "x-odps-"
	v4DateLayout = "20060102"
)

// signedAuth is a parsed Authorization header.
type signedAuth struct {
	accessKeyID string
	signature   string
	v4          bool
	v4Date      string // yyyymmdd
	v4Region    string
}

// parseAuthorization splits "ODPS <ak>:<sig>" or
// "ODPS <ak>/<yyyymmdd>/<region>/odps/aliyun_v4_request:<sig>".
func parseAuthorization(h string) (signedAuth, *apiError) {
	if h == "" {
		return signedAuth{}, errMissingAuth()
	}
	if !strings.HasPrefix(h, authPrefix) {
		return signedAuth{}, errBadAuth("the Authorization header must start with \"ODPS \"")
	}
	rest := h[len(authPrefix):]
	colon := strings.LastIndex(rest, ":")
	if colon <= 0 || colon == len(rest)-1 {
		return signedAuth{}, errBadAuth("the Authorization header must be \"ODPS <AccessKeyId>:<signature>\"")
	}
	a := signedAuth{accessKeyID: rest[:colon], signature: rest[colon+1:]}
	if parts := strings.Split(a.accessKeyID, "/"); len(parts) > 1 {
		if len(parts) != 5 || parts[3] != v4Service || parts[4] != v4Terminator {
			return signedAuth{}, errBadAuth("a V4 credential must be <AccessKeyId>/<yyyymmdd>/<region>/odps/aliyun_v4_request")
		}
		if _, err := time.Parse(v4DateLayout, parts[1]); err != nil {
			return signedAuth{}, errBadAuth("the V4 credential date must be yyyymmdd")
		}
		a.accessKeyID, a.v4, a.v4Date, a.v4Region = parts[0], true, parts[1], parts[2]
	}
	if a.accessKeyID == "" {
		return signedAuth{}, errBadAuth("the AccessKeyId is empty")
	}
	return a, nil
}

// canonicalString rebuilds what the client signed. resource is the request
// path with the endpoint's /api base removed.
func canonicalString(r *http.Request, resource string) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(r.Header.Get("Content-MD5"))
	b.WriteByte('\n')
	b.WriteString(r.Header.Get("Content-Type"))
	b.WriteByte('\n')
	b.WriteString(r.Header.Get("Date"))
	b.WriteByte('\n')

	var keys []string
	for k := range r.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, odpsHeader) {
			keys = append(keys, lk)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte(':')
		b.WriteString(strings.Join(r.Header.Values(k), ","))
		b.WriteByte('\n')
	}

	b.WriteString(resource)
	b.WriteString(canonicalQuery(r.URL.Query()))
	return b.String()
}

func canonicalQuery(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('?')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		if v := q.Get(k); v != "" {
			b.WriteByte('=')
			b.WriteString(v)
		}
	}
	return b.String()
}

// expectedSignature signs canonical the way the client should have.
func expectedSignature(a signedAuth, secret, canonical string) string {
	key := []byte(secret)
	if a.v4 {
		key = hmacSHA256([]byte("aliyun_v4"+secret), a.v4Date)
		key = hmacSHA256(key, a.v4Region)
		key = hmacSHA256(key, v4Service)
		key = hmacSHA256(key, v4Terminator)
	}
	return wire.SignHMACSHA1(key, canonical)
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// checkDate refuses requests whose Date is missing, unparsable or too far from
// now, as the service does to bound replays.
func checkDate(r *http.Request, now time.Time) *apiError {
	d := r.Header.Get("Date")
	if d == "" {
		return errBadAuth("the Date header is missing")
	}
	t, err := http.ParseTime(d)
	if err != nil {
		return errBadAuth("the Date header is not an RFC 1123 date")
	}
	if skew := now.Sub(t); skew > maxClockSkew || skew < -maxClockSkew {
		return errExpiredRequest()
	}
	return nil
}

// checkV4Scope refuses a V4 credential dated more than a day away from the
// request's Date: a derived key is only good for the day it names.
func checkV4Scope(a signedAuth, r *http.Request) *apiError {
	scope, _ := time.Parse(v4DateLayout, a.v4Date) // checked by parseAuthorization
	t, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil {
		return errBadAuth("the Date header is not an RFC 1123 date")
	}
	if d := t.UTC().Sub(scope); d < -24*time.Hour || d > 48*time.Hour {
		return errBadAuth("the V4 credential is dated " + a.v4Date + " but the request is dated " + t.UTC().Format(v4DateLayout))
	}
	return nil
}
