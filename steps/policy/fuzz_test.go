package policy

import (
	"reflect"
	"strings"
	"testing"
)

func FuzzGlob(f *testing.F) {
	for _, seed := range [][2]string{
		{"*", ""}, {"a*b?c", "axxbyc"}, {"acs:ots:*:*:instance/cap1/*", "acs:ots:cn-hangzhou:1:instance/cap1/table/t"},
		{"??*", "é"}, {"*a*a*a*a*a*b", strings.Repeat("a", 40)}, {"\xff*", "\xff\xfe"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		got := Glob(pattern, s) // must not panic or hang
		if !Glob("*", s) {
			t.Fatalf("* does not match %q", s)
		}
		// Without wildcards Glob is equality of characters (invalid UTF-8
		// bytes all read as U+FFFD).
		if !strings.ContainsAny(pattern, "*?") && got != (string([]rune(pattern)) == string([]rune(s))) {
			t.Fatalf("Glob(%q, %q) = %t without wildcards", pattern, s, got)
		}
		if !strings.ContainsAny(s, "*?") && !Glob(s, s) {
			t.Fatalf("%q does not match itself", s)
		}
		if got && !Glob(pattern+"*", s) {
			t.Fatalf("appending * lost the match: %q %q", pattern, s)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add(readPolicy)
	f.Add(crossAccountTrust)
	f.Add(`{"Version":"1","Statement":[{"Effect":"Deny","NotAction":"*","NotResource":"acs:a:b:c:d","Condition":{"x":{"y":[1,true,"z"]}}}]}`)
	f.Add(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*",}]}`)
	f.Add("{\"Version\":\"1\"\n,\"Statement\":[")
	f.Fuzz(func(t *testing.T, text string) {
		d, err := Parse(text) // must not panic
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		again, err := Parse(d.Marshal())
		if err != nil {
			t.Fatalf("re-parse of %s: %v", d.Marshal(), err)
		}
		if !reflect.DeepEqual(again, d) {
			t.Fatalf("round trip changed the document:\n%#v\n%#v", d, again)
		}
		_ = Evaluate([]Document{d}, "ots:GetRow", "acs:ots:cn-hangzhou:1:instance/cap1")
		_ = TrustAdmits(d, ServiceRequester("odps.aliyuncs.com"))
	})
}
