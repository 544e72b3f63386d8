package sandbox_test

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ots"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/mcots/wizard/cloud/sandbox"
)

// start runs a sandbox on a loopback port for the test.
func start(t *testing.T, opts sandbox.Options) *sandbox.Sandbox {
	t.Helper()
	s, err := sandbox.Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func account(t *testing.T, s *sandbox.Sandbox, name string) sandbox.Account {
	t.Helper()
	a, ok := s.Account(name)
	if !ok {
		t.Fatalf("no account %q", name)
	}
	return a
}

// clientOptions tune the SDK clients the tests build.
type clientOptions struct {
	region    string
	transport http.RoundTripper
	autoRetry bool
}

func sdkConfig(o clientOptions) *sdk.Config {
	cfg := sdk.NewConfig()
	cfg.Scheme = "HTTP"
	cfg.Timeout = 10 * time.Second
	cfg.Transport = o.transport
	if o.autoRetry {
		cfg.AutoRetry = true
		cfg.MaxRetryTime = 5
	}
	return cfg
}

func region(o clientOptions) string {
	if o.region == "" {
		return sandbox.DefaultRegion
	}
	return o.region
}

// sdkClient points the embedded sdk.Client at the sandbox, bypassing any
// HTTP proxy configured in the environment.
func point(c *sdk.Client, s *sandbox.Sandbox) {
	c.Domain = s.Domain()
	c.SetNoProxy("127.0.0.1")
}

// newClientMu serialises client construction: the SDK's generated
// SetEndpointDataToClient fills a package-level endpoint map lazily, without
// locking, so constructing two clients of one service concurrently is a
// data race inside the SDK (seen with -race on v1.63.107).
var newClientMu sync.Mutex

func ramClient(t *testing.T, s *sandbox.Sandbox, cred auth.Credential, o ...clientOptions) *ram.Client {
	t.Helper()
	opt := first(o)
	newClientMu.Lock()
	c, err := ram.NewClientWithOptions(region(opt), sdkConfig(opt), cred)
	newClientMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	point(&c.Client, s)
	return c
}

func stsClient(t *testing.T, s *sandbox.Sandbox, cred auth.Credential, o ...clientOptions) *sts.Client {
	t.Helper()
	opt := first(o)
	newClientMu.Lock()
	c, err := sts.NewClientWithOptions(region(opt), sdkConfig(opt), cred)
	newClientMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	point(&c.Client, s)
	return c
}

func otsClient(t *testing.T, s *sandbox.Sandbox, cred auth.Credential, o ...clientOptions) *ots.Client {
	t.Helper()
	opt := first(o)
	newClientMu.Lock()
	c, err := ots.NewClientWithOptions(region(opt), sdkConfig(opt), cred)
	newClientMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	point(&c.Client, s)
	return c
}

func first(o []clientOptions) clientOptions {
	if len(o) > 0 {
		return o[0]
	}
	return clientOptions{}
}

func akCred(k sandbox.AccessKey) auth.Credential {
	return credentials.NewAccessKeyCredential(k.ID, k.Secret)
}

func rootCred(t *testing.T, s *sandbox.Sandbox, name string) auth.Credential {
	return akCred(account(t, s, name).Keys[0])
}

// wantError checks that err is the SDK's ServerError with the given code and
// HTTP status, and that its message contains each of msgParts.
func wantError(t *testing.T, err error, code string, status int, msgParts ...string) *sdkerrors.ServerError {
	t.Helper()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("want ServerError %s (%d), got %v", code, status, err)
	}
	if se.ErrorCode() != code || se.HttpStatus() != status {
		t.Fatalf("want %s (%d), got %s (%d): %s", code, status, se.ErrorCode(), se.HttpStatus(), se.Message())
	}
	for _, p := range msgParts {
		if !strings.Contains(se.Message(), p) {
			t.Fatalf("message %q does not contain %q", se.Message(), p)
		}
	}
	if se.RequestId() == "" || se.HostId() == "" {
		t.Fatalf("error without RequestId/HostId: %v", se)
	}
	return se
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const (
	trustRootB = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::%s:root"]}}]}`
	trustODPS  = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["%s@odps.aliyuncs.com"]}}]}`
	readOTS    = `{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:GetRow","ots:GetRange","ots:DescribeTable"],"Resource":["acs:ots:*:*:instance/cap1","acs:ots:*:*:instance/cap1/table/*"]}]}`
)

func createRole(t *testing.T, c *ram.Client, name, trust string) *ram.CreateRoleResponse {
	t.Helper()
	req := ram.CreateCreateRoleRequest()
	req.RoleName = name
	req.AssumeRolePolicyDocument = trust
	resp, err := c.CreateRole(req)
	must(t, err)
	return resp
}

func createPolicy(t *testing.T, c *ram.Client, name, doc string) {
	t.Helper()
	req := ram.CreateCreatePolicyRequest()
	req.PolicyName = name
	req.PolicyDocument = doc
	_, err := c.CreatePolicy(req)
	must(t, err)
}

func attach(t *testing.T, c *ram.Client, role, typ, policy string) error {
	t.Helper()
	req := ram.CreateAttachPolicyToRoleRequest()
	req.RoleName, req.PolicyType, req.PolicyName = role, typ, policy
	_, err := c.AttachPolicyToRole(req)
	return err
}

// commonRPC sends an arbitrary RPC action through the SDK's common request.
func commonRPC(c *sdk.Client, version, action string, method string, params map[string]string) (string, error) {
	req := requests.NewCommonRequest()
	req.Method = method
	req.Scheme = "HTTP"
	req.Product = "Ram"
	req.Version = version
	req.ApiName = action
	for k, v := range params {
		req.QueryParams[k] = v
	}
	resp, err := c.ProcessCommonRequest(req)
	if err != nil {
		return "", err
	}
	return resp.GetHttpContentString(), nil
}

// assumer is the AccessKey of a RAM user of the account that may call
// AssumeRole: an account's own AccessKey may not.
func assumer(t *testing.T, s *sandbox.Sandbox, accountName string) sandbox.AccessKey {
	t.Helper()
	for _, u := range account(t, s, accountName).Users {
		if u.Name == "assumer" {
			return u.Keys[0]
		}
	}
	u, err := s.AddUser(accountName, "assumer")
	must(t, err)
	must(t, s.AttachPolicyToUser(accountName, "assumer", sandbox.PolicySystem, "AliyunSTSAssumeRoleAccess"))
	return u.Keys[0]
}

// syncBuffer is a bytes.Buffer the sandbox's handlers may log into
// concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
