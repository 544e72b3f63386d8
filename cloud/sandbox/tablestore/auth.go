package tablestore

import (
	"crypto/md5"
	"encoding/base64"
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
)

// Request headers of the data protocol.
const (
	hdrDate         = "x-ots-date"
	hdrAPIVersion   = "x-ots-apiversion"
	hdrAccessKeyID  = "x-ots-accesskeyid"
	hdrContentMD5   = "x-ots-contentmd5"
	hdrInstanceName = "x-ots-instancename"
	hdrSTSToken     = "x-ots-ststoken"
	hdrSignature    = "x-ots-signature"
	hdrSignatureV4  = "x-ots-signaturev4"
	hdrRequestID    = "x-ots-requestid"
)

// authenticate checks a request's headers, date, body digest and signature,
// and returns the caller that signed it.
func (s *Service) authenticate(r *http.Request, path string, body []byte) (Caller, *Error) {
	for _, h := range []string{hdrDate, hdrAPIVersion, hdrAccessKeyID, hdrContentMD5, hdrInstanceName, hdrSignature} {
		if r.Header.Get(h) == "" {
			return Caller{}, paramInvalid("Missing header: %s.", h)
		}
	}
	date := r.Header.Get(hdrDate)
	// The Go SDK formats the date with the layout "…05.123Z", which puts
	// month, day and hour digits where milliseconds belong; only the first
	// 19 characters are a time.
	if len(date) < 19 {
		return Caller{}, paramInvalid("Invalid date format: %s.", date)
	}
	sent, err := time.Parse("2006-01-02T15:04:05", date[:19])
	if err != nil {
		return Caller{}, paramInvalid("Invalid date format: %s.", date)
	}
	if skew := s.now().Sub(sent); skew > s.opts.MaxDateSkew || -skew > s.opts.MaxDateSkew {
		return Caller{}, authFailed("Mismatch between system time and x-ots-date: " + date + ".")
	}
	sum := md5.Sum(body)
	if r.Header.Get(hdrContentMD5) != base64.StdEncoding.EncodeToString(sum[:]) {
		return Caller{}, authFailed("Mismatch between MD5 value of request body and x-ots-contentmd5 in header.")
	}
	cred, err := s.backend.Credential(r.Header.Get(hdrAccessKeyID), r.Header.Get(hdrSTSToken))
	if err != nil {
		return Caller{}, credentialError(err)
	}
	want := Sign(cred.Secret, path, r.Header)
	if !wire.SameSignature(want, r.Header.Get(hdrSignature)) {
		return Caller{}, authFailed(MsgSignatureMismatch)
	}
	return cred.Caller, nil
}

func credentialError(err error) *Error {
	for _, known := range []error{ErrUnknownAccessKey, ErrAccessKeyDisabled, ErrSecurityTokenInvalid, ErrSecurityTokenExpired} {
		if errors.Is(err, known) {
			return authFailed(known.Error())
		}
	}
	return authFailed(err.Error())
}

// Sign computes the V1 request signature: HMAC-SHA1 with the AccessKey
// secret over the path, the method, an empty query and every non-empty
// x-ots-* header (lower-case name, trimmed value, sorted by name) except the
// signatures themselves, each followed by a newline. The SDK signs the path
// it appends to its endpoint ("/PutRow"), not the sandbox's routing prefix.
func Sign(secret, path string, h http.Header) string {
	type kv struct{ k, v string }
	var hs []kv
	for name, values := range h {
		k := strings.ToLower(name)
		if !strings.HasPrefix(k, "x-ots-") || k == hdrSignature || k == hdrSignatureV4 || len(values) != 1 {
			continue
		}
		if v := strings.TrimSpace(values[0]); v != "" {
			hs = append(hs, kv{k, v})
		}
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].k < hs[j].k })
	var b strings.Builder
	b.WriteString(path + "\nPOST\n\n")
	for _, e := range hs {
		b.WriteString(e.k + ":" + e.v + "\n")
	}
	return wire.SignHMACSHA1([]byte(secret), b.String())
}
