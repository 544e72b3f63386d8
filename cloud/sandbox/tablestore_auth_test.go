package sandbox_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ots"
	"github.com/aliyun/aliyun-odps-go-sdk/odps"
	odpsaccount "github.com/aliyun/aliyun-odps-go-sdk/odps/account"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/restclient"
	tsdk "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"

	"github.com/mcots/wizard/cloud/sandbox"
)

// wantOTS checks the Tablestore SDK surfaced the service error.
func wantOTS(t *testing.T, err error, code, msg string, status int) {
	t.Helper()
	var oe *tsdk.OtsError
	if !errors.As(err, &oe) {
		t.Fatalf("got %v (%T), want Tablestore error %s", err, err, code)
	}
	if oe.Code != code || !strings.HasPrefix(oe.Message, msg) || oe.HttpStatusCode != status || oe.RequestId == "" {
		t.Fatalf("got %s %q HTTP %d (request %q), want %s %q HTTP %d", oe.Code, oe.Message, oe.HttpStatusCode, oe.RequestId, code, msg, status)
	}
}

// Who may use Tablestore data in the integrated sandbox: the instance
// owner's keys anything; an STS token only what its role's policies allow;
// another account nothing; and nobody a VPC-only instance except through
// its VPC endpoint.
func TestTablestoreAuthorizationThroughTheCore(t *testing.T) {
	t.Parallel()
	c := newChain(t, sandbox.Options{})

	// A role account B may assume (through a RAM user: an account's own key
	// cannot), with the chain's read policy.
	rootTrust := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::` + c.b.UID + `:root"]}}]}`
	createRole(t, c.ram, "BRootReader", rootTrust)
	must(t, attach(t, c.ram, "BRootReader", "Custom", chainPolicy))
	resp, err := assumeRole(stsClient(t, c.s, akCred(assumer(t, c.s, sandbox.DemoAccountB))), "acs:ram::"+c.a.UID+":role/brootreader", "wizard", "", "")
	must(t, err)
	cr := resp.Credentials
	session := c.tablestoreClient(cr.AccessKeyId, cr.AccessKeySecret, cr.SecurityToken)

	if got, err := getRow(session, 1, 1717200000000); err != nil || got["plate"] != `ZJ-A "1"` {
		t.Fatalf("the role reads: %v, %v", got, err)
	}
	_, err = session.ListTable()
	wantOTS(t, err, "OTSNoPermissionAccess", "You have no permission to access the requested resource", http.StatusForbidden)
	pk := &tsdk.PrimaryKey{}
	pk.AddPrimaryKeyColumn("vid", int64(9))
	pk.AddPrimaryKeyColumn("gt", int64(9))
	put := &tsdk.PutRowChange{TableName: chainTable, PrimaryKey: pk}
	put.AddColumn("speed", 1.0)
	put.SetCondition(tsdk.RowExistenceExpectation_IGNORE)
	_, err = session.PutRow(&tsdk.PutRowRequest{PutRowChange: put})
	wantOTS(t, err, "OTSNoPermissionAccess", "You have no permission", http.StatusForbidden)

	// The owner may do anything, including what the role may not.
	if _, err := c.owner.PutRow(&tsdk.PutRowRequest{PutRowChange: put}); err != nil {
		t.Fatalf("the owner writes: %v", err)
	}
	if _, err := c.owner.ListTable(); err != nil {
		t.Fatalf("the owner lists: %v", err)
	}

	// Another account's own keys reach nothing of A's.
	_, err = getRow(c.tablestoreClient(c.b.Keys[0].ID, c.b.Keys[0].Secret, ""), 1, 1)
	wantOTS(t, err, "OTSAuthFailed", "The user has no privilege to access the instance.", http.StatusForbidden)
	// A token without its secret's match, or a forged token, is refused.
	_, err = getRow(c.tablestoreClient(cr.AccessKeyId, cr.AccessKeySecret, "forged"), 1, 1)
	wantOTS(t, err, "OTSAuthFailed", "The security token you provided is invalid.", http.StatusForbidden)
	_, err = getRow(c.tablestoreClient(cr.AccessKeyId, "wrong-secret", cr.SecurityToken), 1, 1)
	wantOTS(t, err, "OTSAuthFailed", "Signature mismatch.", http.StatusForbidden)
	_, err = getRow(c.tablestoreClient("LTAInobody", "x", ""), 1, 1)
	wantOTS(t, err, "OTSAuthFailed", "The AccessKeyID does not exist.", http.StatusForbidden)

	// A VPC-only instance refuses its public and internal hosts, even to
	// its owner; its VPC host answers.
	inst := otsClient(t, c.s, akCred(c.a.Keys[0]))
	must(t, insertInstance(inst, "vpc1", "SSD", "VPC"))
	waitRunning(t, inst, "vpc1")
	cfg := tsdk.NewDefaultTableStoreConfig()
	cfg.RetryTimes = 0
	for _, host := range []string{"vpc1.cn-hangzhou.ots.aliyuncs.com", "vpc1.cn-hangzhou.ots-internal.aliyuncs.com"} {
		cl := tsdk.NewClientWithConfig(c.s.URLFor("https://"+host), "vpc1", c.a.Keys[0].ID, c.a.Keys[0].Secret, "", cfg)
		_, err := cl.ListTable()
		wantOTS(t, err, "OTSAuthFailed", "Request denied because this instance can only be accessed from the binded VPC.", http.StatusForbidden)
	}
	vpc := tsdk.NewClientWithConfig(c.s.URLFor("https://vpc1.cn-hangzhou.vpc.tablestore.aliyuncs.com"), "vpc1", c.a.Keys[0].ID, c.a.Keys[0].Secret, "", cfg)
	if _, err := vpc.ListTable(); err != nil {
		t.Fatalf("the VPC endpoint: %v", err)
	}
	// MaxCompute reaches a VPC-only instance only by its internal host,
	// which the instance refuses.
	ddl := c.good
	ddl.location = "tablestore://vpc1.cn-hangzhou.ots-internal.aliyuncs.com"
	c.setDefaultPolicy(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"ots:*","Resource":"*"}]}`)
	c.createExternal(ddl)
	matchText(t, c.fails(chainQuery), "ODPS-0010000:System internal error - fuxi job failed, caused by: std::exception:Message: "+
		"[ErrorCode]:OTSAuthFailed, [Message]:Request denied because this instance can only be accessed from the binded VPC., [RequestId]:{ID}")
}

// A new instance's host does not answer until the instance exists, and its
// data API refuses calls until it runs.
func TestTablestoreInstanceMustRun(t *testing.T) {
	t.Parallel()
	clock := sandbox.NewManualClock(time.Now())
	s := start(t, sandbox.Options{Clock: clock, InstanceReadyDelay: 10 * time.Second})
	a := account(t, s, sandbox.DemoAccountA)
	must(t, insertInstance(otsClient(t, s, akCred(a.Keys[0])), "cap1", "SSD", ""))
	cfg := tsdk.NewDefaultTableStoreConfig()
	cfg.RetryTimes = 0
	cl := tsdk.NewClientWithConfig(s.TablestoreEndpoint("cap1", "cn-hangzhou"), "cap1", a.Keys[0].ID, a.Keys[0].Secret, "", cfg)
	_, err := cl.ListTable()
	wantOTS(t, err, "OTSAuthFailed", "The instance is not running.", http.StatusForbidden)
	clock.Advance(10 * time.Second)
	if _, err := cl.ListTable(); err != nil {
		t.Fatalf("after the instance runs: %v", err)
	}
	// Deleting it needs its tables gone first.
	meta := &tsdk.TableMeta{TableName: "t1"}
	meta.AddPrimaryKeyColumn("id", tsdk.PrimaryKeyType_STRING)
	_, err = cl.CreateTable(&tsdk.CreateTableRequest{TableMeta: meta, TableOption: &tsdk.TableOption{TimeToAlive: -1, MaxVersion: 1}, ReservedThroughput: &tsdk.ReservedThroughput{}})
	must(t, err)
	del := ots.CreateDeleteInstanceRequest()
	del.InstanceName = "cap1"
	_, err = otsClient(t, s, akCred(a.Keys[0])).DeleteInstance(del)
	wantError(t, err, "OperationDenied", http.StatusForbidden, "still holds 1 table(s) (t1)")
	_, err = cl.DeleteTable(&tsdk.DeleteTableRequest{TableName: "t1"})
	must(t, err)
	_, err = otsClient(t, s, akCred(a.Keys[0])).DeleteInstance(del)
	must(t, err)
}

// STS credentials work on both data planes until they expire, and then
// fail with each plane's own words.
func TestSTSCredentialsOnDataPlanes(t *testing.T) {
	t.Parallel()
	clock := sandbox.NewManualClock(time.Now())
	c := newChain(t, sandbox.Options{Clock: clock, TimestampSkew: time.Hour})
	// A role in B that B's RAM user may assume, to call MaxCompute with STS.
	rootTrust := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::%s:root"]}}]}`
	createRole(t, ramClient(t, c.s, akCred(c.b.Keys[0])), "BAnalyst", fmt.Sprintf(rootTrust, c.b.UID))
	createRole(t, c.ram, "BRootReader", fmt.Sprintf(rootTrust, c.b.UID))
	must(t, attach(t, c.ram, "BRootReader", "Custom", chainPolicy))
	bSTS := stsClient(t, c.s, akCred(assumer(t, c.s, sandbox.DemoAccountB)))
	inA, err := assumeRole(bSTS, "acs:ram::"+c.a.UID+":role/brootreader", "reader", "900", "")
	must(t, err)
	inB, err := assumeRole(bSTS, "acs:ram::"+c.b.UID+":role/banalyst", "analyst", "900", "")
	must(t, err)

	reader := c.tablestoreClient(inA.Credentials.AccessKeyId, inA.Credentials.AccessKeySecret, inA.Credentials.SecurityToken)
	if _, err := getRow(reader, 1, 1717200000000); err != nil {
		t.Fatalf("A's role reads Tablestore: %v", err)
	}
	analyst := odps.NewOdps(odpsaccount.NewStsAccount(inB.Credentials.AccessKeyId, inB.Credentials.AccessKeySecret, inB.Credentials.SecurityToken),
		c.s.MaxComputeEndpoint(chainRegion))
	if ok, err := analyst.Projects().Exists(sandbox.DemoProject); !ok || err != nil {
		t.Fatalf("B's role sees B's project: %v %v", ok, err)
	}
	// A's role acts in A: B's project does not know it.
	outsider := odps.NewOdps(odpsaccount.NewStsAccount(inA.Credentials.AccessKeyId, inA.Credentials.AccessKeySecret, inA.Credentials.SecurityToken),
		c.s.MaxComputeEndpoint(chainRegion))
	_, err = outsider.Projects().Exists(sandbox.DemoProject)
	wantHTTP(t, err, http.StatusForbidden, "NoPermission", "ODPS-0420095")

	clock.Advance(901 * time.Second)
	_, err = getRow(reader, 1, 1717200000000)
	wantOTS(t, err, "OTSAuthFailed", "The security token you provided has expired.", http.StatusForbidden)
	_, err = analyst.Projects().Exists(sandbox.DemoProject)
	wantHTTP(t, err, http.StatusUnauthorized, "InvalidSecurityToken", "ODPS-0410051")
}

// wantHTTP checks the ODPS SDK surfaced a REST error.
func wantHTTP(t *testing.T, err error, status int, code, msgPrefix string) {
	t.Helper()
	var he restclient.HttpError
	if !errors.As(err, &he) || he.ErrorMessage == nil {
		t.Fatalf("got %v, want HTTP %d %s", err, status, code)
	}
	if he.StatusCode != status || he.ErrorMessage.ErrorCode != code || !strings.HasPrefix(he.ErrorMessage.Message, msgPrefix) {
		t.Fatalf("got HTTP %d %s %q, want %d %s %q…", he.StatusCode, he.ErrorMessage.ErrorCode, he.ErrorMessage.Message, status, code, msgPrefix)
	}
}
