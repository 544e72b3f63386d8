package sandbox

import (
	"fmt"
	"net/url"
	"testing"
)

// The account-wide RAM quotas are too large to reach over HTTP in a fast
// test; these drive the handlers directly. (The error shape of quota
// errors is covered over the SDK by the per-role and per-policy limits.)
func TestAccountQuotas(t *testing.T) {
	t.Parallel()
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Account(DemoAccountA)
	_, root, err := s.ResolveAccessKey(a.Keys[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	call := func(params url.Values) *rpcCall { return &rpcCall{params: params, id: root} }
	trust := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::` + a.UID + `:root"}}]}`
	doc := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:GetRow","Resource":"*"}]}`
	tests := []struct {
		name  string
		limit int
		try   func(i int) *APIError
		code  string
	}{
		{"roles", maxRoles, func(i int) *APIError {
			_, e := s.ramCreateRole(call(url.Values{"RoleName": {fmt.Sprintf("r%d", i)}, "AssumeRolePolicyDocument": {trust}}))
			return e
		}, "LimitExceeded.Role"},
		{"custom policies", maxCustomPolicies, func(i int) *APIError {
			_, e := s.ramCreatePolicy(call(url.Values{"PolicyName": {fmt.Sprintf("p%d", i)}, "PolicyDocument": {doc}}))
			return e
		}, "LimitExceeded.Policy"},
	}
	for _, tt := range tests {
		for i := range tt.limit {
			if e := tt.try(i); e != nil {
				t.Fatalf("%s: #%d refused: %v", tt.name, i+1, e)
			}
		}
		if e := tt.try(tt.limit); e == nil || e.Code != tt.code || e.Status != 409 {
			t.Fatalf("%s: one over the limit: %v", tt.name, e)
		}
	}
}
