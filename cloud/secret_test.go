package cloud

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestSecretNeverFormats(t *testing.T) {
	const value = "s3cr3t-VALUE-do-not-print"
	s := NewSecret(value)
	c := Credentials{Source: SourceAccessKey, AccessKeyID: "LTAI5tExampleKeyID", Secret: s, Token: NewSecret(value)}
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X"} {
		outs = append(outs, fmt.Sprintf(verb, s), fmt.Sprintf(verb, c), fmt.Sprintf(verb, &c))
	}
	j, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	outs = append(outs, string(j), c.String())
	for _, o := range outs {
		if strings.Contains(o, value) || strings.Contains(o, fmt.Sprintf("%x", value)) {
			t.Fatalf("secret leaked: %s", o)
		}
	}
	if s.Reveal() != value {
		t.Fatalf("Reveal = %q", s.Reveal())
	}
	if got := c.String(); got != "AccessKey LTAI****eyID" {
		t.Fatalf("String() = %q", got)
	}
}
