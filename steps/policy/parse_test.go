package policy

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const readPolicy = `{
  "Version": "1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ots:GetRow", "ots:GetRange"],
      "Resource": "acs:ots:cn-hangzhou:1234567890123456:instance/cap1/table/vehicle_track"
    }
  ]
}`

const crossAccountTrust = `{
  "Statement": [
    {
      "Action": "sts:AssumeRole",
      "Effect": "Allow",
      "Principal": {"Service": ["6543210987654321@odps.aliyuncs.com"]}
    }
  ],
  "Version": "1"
}`

func TestParseAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want Document
	}{
		{"permission policy", readPolicy, Document{Version: "1", Statement: []Statement{{
			Effect:   Allow,
			Action:   List{"ots:GetRow", "ots:GetRange"},
			Resource: List{"acs:ots:cn-hangzhou:1234567890123456:instance/cap1/table/vehicle_track"},
		}}}},
		{"trust policy with keys in any order", crossAccountTrust, Document{Version: "1", Statement: []Statement{{
			Effect:    Allow,
			Action:    List{"sts:AssumeRole"},
			Principal: &Principal{Service: List{"6543210987654321@odps.aliyuncs.com"}},
		}}}},
		{"wildcards, NotResource and conditions", `{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","NotResource":["acs:ots:*:*:instance/c?p*"],
			"Condition":{"Bool":{"acs:SecureTransport":false},"NumericLessThan":{"k":[1,2]}}}]}`,
			Document{Version: "1", Statement: []Statement{{
				Effect:      Deny,
				Action:      List{"*"},
				NotResource: List{"acs:ots:*:*:instance/c?p*"},
				Condition: map[string]map[string]List{
					"Bool":            {"acs:SecureTransport": {"false"}},
					"NumericLessThan": {"k": {"1", "2"}},
				},
			}}}},
		{"RAM principals", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			"Principal":{"RAM":["acs:ram::1234567890123456:root","1234567890","acs:ram::1234567890123456:user/alice"]}}]}`,
			Document{Version: "1", Statement: []Statement{{
				Effect: Allow, Action: List{"sts:AssumeRole"},
				Principal: &Principal{RAM: List{"acs:ram::1234567890123456:root", "1234567890", "acs:ram::1234567890123456:user/alice"}},
			}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(tt.text)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Parse:\n got %#v\nwant %#v", got, tt.want)
			}
			// What Marshal renders parses back to the same document.
			again, err := Parse(got.Marshal())
			if err != nil || !reflect.DeepEqual(again, got) {
				t.Fatalf("round trip: %v\n%#v", err, again)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		text       string
		line, col  int
		path       string
		reasonPart string
	}{
		{"empty", "  \n", 0, 0, "", "empty"},
		{"missing comma", "{\n  \"Version\": \"1\"\n  \"Statement\": []\n}", 3, 3, "", "invalid JSON"},
		{"trailing comma", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*",}]}`, 1, 77, "", "trailing comma"},
		{"truncated", `{"Version":"1","Statement":[`, 1, 28, "", "ends too early"},
		{"text after document", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*"}]} x`, 1, 80, "", "after top-level value"},
		{"not an object", `["Version"]`, 0, 0, "(document)", "must be a JSON object"},
		{"unknown top-level key", `{"version":"1","Statement":[]}`, 0, 0, "(document)", `did you mean "Version"`},
		{"version missing", `{"Statement":[]}`, 0, 0, "Version", "missing"},
		{"version as number", `{"Version":1,"Statement":[]}`, 0, 0, "Version", "the number 1"},
		{"version 2012", `{"Version":"2012-10-17","Statement":[]}`, 0, 0, "Version", `"1"`},
		{"statement missing", `{"Version":"1"}`, 0, 0, "Statement", "missing"},
		{"statement object", `{"Version":"1","Statement":{"Effect":"Allow"}}`, 0, 0, "Statement", "wrap the statement object"},
		{"statement empty", `{"Version":"1","Statement":[]}`, 0, 0, "Statement", "at least one"},
		{"statement not object", `{"Version":"1","Statement":["x"]}`, 0, 0, "Statement[0]", "JSON object"},
		{"effect lowercase", `{"Version":"1","Statement":[{"Effect":"allow","Action":"a:b","Resource":"*"}]}`, 0, 0, "Statement[0].Effect", "spelled exactly"},
		{"effect missing", `{"Version":"1","Statement":[{"Action":"a:b","Resource":"*"}]}`, 0, 0, "Statement[0].Effect", "missing"},
		{"effect other", `{"Version":"1","Statement":[{"Effect":"Permit","Action":"a:b","Resource":"*"}]}`, 0, 0, "Statement[0].Effect", `"Permit"`},
		{"plural key", `{"Version":"1","Statement":[{"Effect":"Allow","Actions":"a:b","Resource":"*"}]}`, 0, 0, "Statement[0]", `did you mean "Action"`},
		{"action missing", `{"Version":"1","Statement":[{"Effect":"Allow","Resource":"*"}]}`, 0, 0, "Statement[0].Action", "missing"},
		{"action and not action", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:b","NotAction":"a:c","Resource":"*"}]}`, 0, 0, "Statement[0]", "both Action and NotAction"},
		{"action without service", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"GetRow","Resource":"*"}]}`, 0, 0, "Statement[0].Action", "<service>:<action>"},
		{"action with space", `{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:GetRow","ots:Get Range"],"Resource":"*"}]}`, 0, 0, "Statement[0].Action[1]", "may contain only"},
		{"action empty array", `{"Version":"1","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}`, 0, 0, "Statement[0].Action", "empty array"},
		{"action number", `{"Version":"1","Statement":[{"Effect":"Allow","Action":[7],"Resource":"*"}]}`, 0, 0, "Statement[0].Action[0]", "the number 7"},
		{"resource not ARN", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","Resource":"cap1/vehicle_track"}]}`, 0, 0, "Statement[0].Resource", "not a resource"},
		{"resource short ARN", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","Resource":"acs:ots:cn-hangzhou:instance/cap1"}]}`, 0, 0, "Statement[0].Resource", "five parts"},
		{"resource blank", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","Resource":[""]}]}`, 0, 0, "Statement[0].Resource[0]", "empty"},
		{"principal string", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":"*"}]}`, 0, 0, "Statement[0].Principal", "must be an object"},
		{"principal empty", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{}}]}`, 0, 0, "Statement[0].Principal", "names nobody"},
		{"principal lowercase key", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"service":"odps.aliyuncs.com"}}]}`, 0, 0, "Statement[0].Principal", `did you mean "Service"`},
		{"RAM principal not ARN", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["alice"]}}]}`, 0, 0, "Statement[0].Principal.RAM[0]", "not a RAM principal"},
		{"RAM principal bad uid", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::abc:root"}}]}`, 0, 0, "Statement[0].Principal.RAM", "numeric account UID"},
		{"condition not object", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":["x"]}]}`, 0, 0, "Statement[0].Condition", "object of operators"},
		{"condition value object", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":{"k":{"x":1}}}}]}`, 0, 0, "Statement[0].Condition.StringEquals.k", "non-empty array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(tt.text)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) = %v, want *Error", tt.text, err)
			}
			if pe.Line != tt.line || pe.Column != tt.col || pe.Path != tt.path || !strings.Contains(pe.Reason, tt.reasonPart) {
				t.Fatalf("Parse error = %+v (%q), want line %d col %d path %q reason containing %q",
					*pe, pe.Error(), tt.line, tt.col, tt.path, tt.reasonPart)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Line: 3, Column: 7, Reason: "bad"}, "line 3, column 7: bad"},
		{Error{Path: "Statement[0].Effect", Reason: "bad"}, "Statement[0].Effect: bad"},
		{Error{Reason: "bad"}, "bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestSyntaxColumnCountsCharacters(t *testing.T) {
	t.Parallel()
	// "é" is two bytes but one column.
	_, err := Parse("{\"Version\":\"é\" x}")
	var pe *Error
	if !errors.As(err, &pe) || pe.Line != 1 || pe.Column != 16 {
		t.Fatalf("got %v (%+v), want line 1 column 16", err, pe)
	}
}

func TestValidatePermissionAndTrust(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		text      string
		trust     bool
		wantPath  string // "" = valid
		wantInMsg string
	}{
		{"permission ok", readPolicy, false, "", ""},
		{"trust ok", crossAccountTrust, true, "", ""},
		{"trust used as permission", crossAccountTrust, false, "Statement[0].Principal", "trust policies only"},
		{"permission used as trust", readPolicy, true, "Statement[0].Principal", "is missing"},
		{"permission without resource", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:GetRow"}]}`, false, "Statement[0].Resource", "missing"},
		{"permission with NotResource", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:GetRow","NotResource":"acs:ots:*:*:instance/x"}]}`, false, "", ""},
		{"trust without AssumeRole", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Principal":{"Service":"odps.aliyuncs.com"}}]}`, true, "Statement[0].Action", "sts:AssumeRole"},
		{"trust with sts wildcard", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:*","Principal":{"Service":"odps.aliyuncs.com"}}]}`, true, "", ""},
		{"trust with lowercase action", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:assumerole","Principal":{"Service":"odps.aliyuncs.com"}}]}`, true, "", ""},
		{"trust with resource", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Principal":{"Service":"odps.aliyuncs.com"}}]}`, true, "Statement[0].Resource", "does not belong"},
		{"trust with NotAction", `{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"ots:*","Principal":{"Service":"odps.aliyuncs.com"}}]}`, true, "Statement[0].NotAction", "not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var err error
			if tt.trust {
				_, err = ParseTrust(tt.text)
			} else {
				_, err = ParsePermission(tt.text)
			}
			if tt.wantPath == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var pe *Error
			if !errors.As(err, &pe) || pe.Path != tt.wantPath || !strings.Contains(pe.Reason, tt.wantInMsg) {
				t.Fatalf("got %v, want path %q and %q in the reason", err, tt.wantPath, tt.wantInMsg)
			}
		})
	}
}

func TestCompact(t *testing.T) {
	t.Parallel()
	d, err := Parse(readPolicy)
	if err != nil {
		t.Fatal(err)
	}
	got := d.Compact()
	want := `{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:GetRow","ots:GetRange"],"Resource":["acs:ots:cn-hangzhou:1234567890123456:instance/cap1/table/vehicle_track"]}]}`
	if got != want {
		t.Fatalf("Compact() =\n%s\nwant\n%s", got, want)
	}
}
