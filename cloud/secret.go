package cloud

import "fmt"

// Secret holds an AccessKey secret or an STS token in memory. It cannot be
// printed, logged or encoded by accident: every formatting path yields a mask.
// Only Reveal gives the value, and only the SDK adapters call it.
type Secret struct{ value string }

// NewSecret wraps a secret value.
func NewSecret(v string) Secret { return Secret{value: v} }

// Reveal returns the secret itself, for handing to an SDK.
func (s Secret) Reveal() string { return s.value }

// IsZero reports whether no secret was given.
func (s Secret) IsZero() bool { return s.value == "" }

const mask = "******"

func (s Secret) String() string   { return mask }
func (s Secret) GoString() string { return "cloud.Secret(" + mask + ")" }

// Format masks the secret for every verb, including %v, %+v, %#v, %q and %x.
func (s Secret) Format(f fmt.State, verb rune) { fmt.Fprint(f, mask) }

// MarshalJSON, MarshalText and MarshalYAML keep the secret out of encoded output.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + mask + `"`), nil }
func (s Secret) MarshalText() ([]byte, error) { return []byte(mask), nil }
func (s Secret) MarshalYAML() (any, error)    { return mask, nil }
