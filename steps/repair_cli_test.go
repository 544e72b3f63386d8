package steps

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcots/wizard/steps/policy"
)

// Each repair command survives the shell as the words the aliyun CLI must
// get: the JSON documents whole, the profile of account A.
func TestRepairCommandsThroughTheShell(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	trust := TrustPolicy(s)
	trust.Statement[0].Principal.Service = append(trust.Statement[0].Principal.Service, "it's.example")
	cases := []struct {
		name string
		line string
		want []string // the words before the JSON argument
		json string   // the JSON argument, compared as data
		tail []string
	}{
		{"trust", UpdateTrustCommand(s, trust),
			[]string{"aliyun", "ram", "UpdateRole", "--RoleName", "AliyunODPSRoleForOtherUser", "--NewAssumeRolePolicyDocument"},
			trust.Compact(), []string{"--profile", "a"}},
		{"policy version", PolicyVersionCommand(s),
			[]string{"aliyun", "ram", "CreatePolicyVersion", "--PolicyName", "AliyunODPSRolePolicyForOtherUser", "--PolicyDocument"},
			PermissionPolicy(s).Compact(), []string{"--SetAsDefault", "true", "--profile", "a"}},
		{"network", OpenNetworkCommand(s),
			[]string{"aliyun", "ots", "UpdateInstance", "--endpoint", "ots.cn-hangzhou.aliyuncs.com", "--region", "cn-hangzhou", "--InstanceName", "cap1", "--Network", "NORMAL", "--profile", "a"},
			"", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := shellWords(t, c.line)
			n := len(c.want)
			if len(got) < n || strings.Join(got[:n], " ") != strings.Join(c.want, " ") {
				t.Fatalf("words %q, want to start with %q", got, c.want)
			}
			rest := got[n:]
			if c.json != "" {
				if len(rest) == 0 {
					t.Fatal("no document")
				}
				var a, b any
				if err := json.Unmarshal([]byte(rest[0]), &a); err != nil {
					t.Fatalf("document %q: %v", rest[0], err)
				}
				_ = json.Unmarshal([]byte(c.json), &b)
				if !equalJSON(a, b) {
					t.Errorf("document %s, want %s", rest[0], c.json)
				}
				if _, err := policy.Parse(rest[0]); err != nil {
					t.Errorf("the document does not parse: %v", err)
				}
				rest = rest[1:]
			}
			if strings.Join(rest, " ") != strings.Join(c.tail, " ") {
				t.Errorf("tail %q, want %q", rest, c.tail)
			}
		})
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
