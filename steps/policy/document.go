// Package policy models RAM policy documents: permission policies (Action on
// Resource) and trust policies (Action sts:AssumeRole for a Principal). The
// wizard renders its policies from these types, the sandbox parses and
// evaluates what callers send with them, and doctor evaluates what it finds
// in the account with the same code.
package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Effect is Allow or Deny.
type Effect string

const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Document is a RAM policy document. Version is always "1".
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one statement of a document. Resource is set in permission
// policies, Principal in trust policies. NotAction and NotResource invert
// the match; a statement uses Action or NotAction, never both.
type Statement struct {
	Effect      Effect                     `json:"Effect"`
	Action      List                       `json:"Action,omitempty"`
	NotAction   List                       `json:"NotAction,omitempty"`
	Resource    List                       `json:"Resource,omitempty"`
	NotResource List                       `json:"NotResource,omitempty"`
	Principal   *Principal                 `json:"Principal,omitempty"`
	Condition   map[string]map[string]List `json:"Condition,omitempty"`
}

// Principal names who may assume a role: cloud services (e.g.
// "odps.aliyuncs.com" or "<uid>@odps.aliyuncs.com"), RAM identities
// ("acs:ram::<uid>:root") or federated providers.
type Principal struct {
	Service   List `json:"Service,omitempty"`
	RAM       List `json:"RAM,omitempty"`
	Federated List `json:"Federated,omitempty"`
}

// List is a JSON value that may be written as one string or as an array of
// strings; it is always rendered as an array.
type List []string

// UnmarshalJSON accepts "x" and ["x", "y"].
func (l *List) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = List{s}
		return nil
	}
	var ss []string
	if err := json.Unmarshal(b, &ss); err != nil {
		return fmt.Errorf("want a string or an array of strings, got %s", abbreviate(b))
	}
	*l = ss
	return nil
}

func abbreviate(b []byte) string {
	const max = 40
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

// Marshal renders the document as indented JSON, the form the wizard shows
// and sends. Keys keep the order of the struct fields.
func (d Document) Marshal() string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		// Every field is a string or a slice of strings: encoding cannot fail.
		panic(fmt.Sprintf("policy: encode: %v", err))
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}
