package sandbox_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps/policy"
)

func TestAccountsAPI(t *testing.T) {
	t.Parallel()
	s := start(t, sandbox.Options{})
	all := s.Accounts()
	if len(all) != 2 || all[0].Name != sandbox.DemoAccountA || all[1].Name != sandbox.DemoAccountB {
		t.Fatalf("Accounts() = %v", all)
	}
	if got, ok := s.AccountByUID(all[1].UID); !ok || got.Name != sandbox.DemoAccountB {
		t.Fatalf("AccountByUID = %v %t", got, ok)
	}
	if _, ok := s.AccountByUID("1"); ok {
		t.Fatal("found an account that does not exist")
	}
	// A second key of the same root works and is the same identity.
	k, err := s.AddAccessKey(sandbox.DemoAccountA)
	must(t, err)
	resp, err := stsClient(t, s, akCred(k)).GetCallerIdentity(sts.CreateGetCallerIdentityRequest())
	must(t, err)
	if resp.AccountId != all[0].UID || resp.IdentityType != "Account" {
		t.Fatalf("second key = %+v", resp)
	}
	if _, err := s.AddAccessKey("Z"); err == nil {
		t.Fatal("key for a missing account")
	}
	if _, err := s.AddUser(sandbox.DemoAccountA, ""); err == nil {
		t.Fatal("user without a name")
	}
	if err := s.AttachPolicyToUser(sandbox.DemoAccountA, "nobody", sandbox.PolicySystem, "AdministratorAccess"); err == nil {
		t.Fatal("policy attached to a missing user")
	}
	_, err = s.AddUser(sandbox.DemoAccountA, "u1")
	must(t, err)
	if err := s.AttachPolicyToUser(sandbox.DemoAccountA, "u1", sandbox.PolicyCustom, "missing"); err == nil {
		t.Fatal("missing policy attached")
	}
	must(t, s.AttachPolicyToUser(sandbox.DemoAccountA, "u1", sandbox.PolicySystem, "administratoraccess"))
	u := account(t, s, sandbox.DemoAccountA).Users[0]
	if u.ARN != "acs:ram::"+all[0].UID+":user/u1" || len(u.Policies) != 1 || u.Policies[0] != "System:AdministratorAccess" {
		t.Fatalf("user = %+v", u)
	}
	must(t, insertInstance(otsClient(t, s, akCred(k)), "cap1", "SSD", ""))
	if ins := s.Instances(); len(ins) != 1 || ins[0].Name != "cap1" || ins[0].Status != sandbox.InstanceRunning {
		t.Fatalf("Instances() = %+v", ins)
	}
	if s.Options().Listen != "127.0.0.1:0" {
		t.Fatalf("Options() = %+v", s.Options())
	}
}

// The handler also serves from a server of the caller's own.
func TestHandlerOnHTTPTest(t *testing.T) {
	t.Parallel()
	s, err := sandbox.New(sandbox.Options{})
	must(t, err)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	c := stsClient(t, s, rootCred(t, s, sandbox.DemoAccountB))
	c.Domain = strings.TrimPrefix(srv.URL, "http://")
	resp, err := c.GetCallerIdentity(sts.CreateGetCallerIdentityRequest())
	must(t, err)
	if resp.AccountId != account(t, s, sandbox.DemoAccountB).UID {
		t.Fatalf("got %+v", resp)
	}
}

func TestEnumStrings(t *testing.T) {
	t.Parallel()
	for _, c := range [][2]string{
		{sandbox.InstanceCreating.String(), "Creating"},
		{sandbox.InstanceRunning.String(), "Running"},
		{sandbox.InstanceDisabled.String(), "Disabled"},
		{sandbox.InstanceDeleting.String(), "Deleting"},
		{sandbox.InstanceStatus(7).String(), "InstanceStatus(7)"},
		{sandbox.IdentityRAMUser.String(), "RAMUser"},
		{sandbox.IdentityAssumedRole.String(), "AssumedRoleUser"},
		{sandbox.HostTablestore.String(), "tablestore"},
		{sandbox.HostMaxComputeTunnel.String(), "maxcompute-tunnel"},
		{sandbox.EndpointInternal.String(), "internal"},
		{sandbox.FaultUnavailable.String(), "unavailable"},
		{sandbox.NetworkVPCConsole.String(), "VPC_CONSOLE"},
		{sandbox.PolicySystem.String(), "System"},
		{sandbox.ServiceOTS.String(), "ots"},
		{sandbox.Call{Service: sandbox.ServiceRAM, Action: "GetRole"}.String(), "ram:GetRole"},
		{(&sandbox.APIError{Code: "X", Message: "y"}).Error(), "X: y"},
		{policy.Allowed.String(), "Allow"},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
}
