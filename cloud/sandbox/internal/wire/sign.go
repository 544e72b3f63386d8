package wire

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
)

// SignHMACSHA1 is base64(HMAC-SHA1(key, data)), the last step of the RPC
// (key "<secret>&"), Tablestore (key "<secret>") and ODPS (key "<secret>"
// or a V4-derived key) signatures alike.
func SignHMACSHA1(key []byte, data string) string {
	mac := hmac.New(sha1.New, key)
	mac.Write([]byte(data))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// SameSignature compares a computed signature with a received one in
// constant time.
func SameSignature(want, got string) bool { return hmac.Equal([]byte(want), []byte(got)) }
