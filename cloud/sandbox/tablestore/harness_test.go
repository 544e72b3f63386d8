package tablestore

import (
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
)

// Accounts and credentials of the test backend. Account A owns the
// instances; B is another account; the role caller is an AssumeRole
// session in A.
const (
	uidA      = "1111111111111111"
	uidB      = "2222222222222222"
	ownerAK   = "LTAIownerA"
	ownerSK   = "owner-secret"
	otherAK   = "LTAIaccountB"
	otherSK   = "other-secret"
	roleAK    = "STS.roleSession"
	roleSK    = "role-secret"
	roleToken = "role-security-token"
	expiredAK = "STS.expired"
	region    = "cn-hangzhou"
	publicCap = "cap1.cn-hangzhou.ots.aliyuncs.com"
)

const roleARN = "acs:ram::" + uidA + ":assumed-role/odpsreader/session"

// testBackend is a small stand-in for the sandbox core: fixed keys, a few
// instances, and grants that allow (caller ARN, RAM action, resource).
type testBackend struct {
	mu        sync.Mutex
	instances map[string]Instance // "region/lowercase name"
	grants    map[string]bool     // arn|action|resource; resource may end in '*'
	asked     []string
}

func newTestBackend() *testBackend {
	b := &testBackend{instances: map[string]Instance{}, grants: map[string]bool{}}
	for _, inst := range []Instance{
		{Name: "cap1", Region: region, OwnerUID: uidA, Network: NetworkNormal, ClusterType: ClusterSSD, Running: true},
		{Name: "Hyb1", Region: region, OwnerUID: uidA, Network: NetworkNormal, ClusterType: ClusterHybrid, Running: true},
		{Name: "vpc1", Region: region, OwnerUID: uidA, Network: NetworkVPC, ClusterType: ClusterSSD, Running: true},
		{Name: "idle1", Region: region, OwnerUID: uidA, Network: NetworkNormal, ClusterType: ClusterSSD, Running: false},
		{Name: "tiny1", Region: region, OwnerUID: uidA, Network: NetworkNormal, ClusterType: ClusterSSD, Running: true, TableQuota: 2},
		{Name: "bee1", Region: region, OwnerUID: uidB, Network: NetworkNormal, ClusterType: ClusterSSD, Running: true},
	} {
		b.instances[inst.Region+"/"+strings.ToLower(inst.Name)] = inst
	}
	return b
}

func (b *testBackend) Credential(ak, token string) (Credential, error) {
	switch {
	case ak == ownerAK && token == "":
		return Credential{Secret: ownerSK, Caller: Caller{Kind: CallerAccount, AccountUID: uidA, ARN: "acs:ram::" + uidA + ":root"}}, nil
	case ak == otherAK && token == "":
		return Credential{Secret: otherSK, Caller: Caller{Kind: CallerAccount, AccountUID: uidB, ARN: "acs:ram::" + uidB + ":root"}}, nil
	case ak == roleAK && token == roleToken:
		return Credential{Secret: roleSK, Caller: Caller{Kind: CallerAssumedRole, AccountUID: uidA, ARN: roleARN}}, nil
	case ak == roleAK:
		return Credential{}, ErrSecurityTokenInvalid
	case ak == expiredAK:
		return Credential{}, ErrSecurityTokenExpired
	}
	return Credential{}, ErrUnknownAccessKey
}

func (b *testBackend) Instance(region, name string) (Instance, bool) {
	inst, ok := b.instances[region+"/"+strings.ToLower(name)]
	return inst, ok
}

func (b *testBackend) Authorize(c Caller, action, resource string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.asked = append(b.asked, action+" "+resource)
	for g := range b.grants {
		parts := strings.SplitN(g, "|", 3)
		if parts[0] != c.ARN || (parts[1] != action && parts[1] != "ots:*") {
			continue
		}
		if p, ok := strings.CutSuffix(parts[2], "*"); ok && strings.HasPrefix(resource, p) || parts[2] == resource {
			return true
		}
	}
	return false
}

func (b *testBackend) grant(arn, action, resource string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.grants[arn+"|"+action+"|"+resource] = true
}

func (b *testBackend) questions() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.asked...)
}

// fixture is a running sandbox data plane behind a real loopback listener.
type fixture struct {
	t       testing.TB
	svc     *Service
	backend *testBackend
	srv     *httptest.Server
}

func newFixture(t testing.TB, opts Options) *fixture {
	t.Helper()
	b := newTestBackend()
	svc := New(b, opts)
	srv := httptest.NewServer(svc.Handler())
	t.Cleanup(srv.Close)
	return &fixture{t: t, svc: svc, backend: b, srv: srv}
}

// client is an official SDK client for host with the given keys. retries 0
// makes errors surface at once.
func (f *fixture) client(host, instance, ak, sk, token string, retries uint) *ots.TableStoreClient {
	cfg := ots.NewDefaultTableStoreConfig()
	cfg.RetryTimes = retries
	cfg.HTTPTimeout.RequestTimeout = 10 * time.Second
	return ots.NewClientWithConfig(f.srv.URL+"/host/"+host, instance, ak, sk, token, cfg)
}

// owner is account A's client for cap1 over the public endpoint.
func (f *fixture) owner() *ots.TableStoreClient {
	return f.client(publicCap, "cap1", ownerAK, ownerSK, "", 0)
}

// wantOTSError asserts the SDK surfaced the service error code, message
// (prefix) and HTTP status.
func wantOTSError(t *testing.T, err error, code, msgPrefix string, status int) {
	t.Helper()
	var oe *ots.OtsError
	if !errors.As(err, &oe) {
		t.Fatalf("got %v (%T), want *tablestore.OtsError %s", err, err, code)
	}
	if oe.Code != code || !strings.HasPrefix(oe.Message, msgPrefix) || oe.HttpStatusCode != status {
		t.Fatalf("got %s %q HTTP %d, want %s %q… HTTP %d", oe.Code, oe.Message, oe.HttpStatusCode, code, msgPrefix, status)
	}
	if oe.RequestId == "" {
		t.Errorf("error carries no request ID")
	}
}

// trackTable creates the demo-shaped table (vid INTEGER, gt INTEGER).
func (f *fixture) trackTable(c *ots.TableStoreClient, name string, maxVersions int) {
	f.t.Helper()
	meta := &ots.TableMeta{TableName: name}
	meta.AddPrimaryKeyColumn("vid", ots.PrimaryKeyType_INTEGER)
	meta.AddPrimaryKeyColumn("gt", ots.PrimaryKeyType_INTEGER)
	_, err := c.CreateTable(&ots.CreateTableRequest{
		TableMeta:          meta,
		TableOption:        &ots.TableOption{TimeToAlive: -1, MaxVersion: maxVersions},
		ReservedThroughput: &ots.ReservedThroughput{},
	})
	if err != nil {
		f.t.Fatalf("CreateTable %s: %v", name, err)
	}
}

func pk(cols ...any) *ots.PrimaryKey {
	k := &ots.PrimaryKey{}
	for i := 0; i < len(cols); i += 2 {
		k.AddPrimaryKeyColumn(cols[i].(string), cols[i+1])
	}
	return k
}

func (f *fixture) put(c *ots.TableStoreClient, table string, key *ots.PrimaryKey, cols ...any) {
	f.t.Helper()
	ch := &ots.PutRowChange{TableName: table, PrimaryKey: key}
	for i := 0; i < len(cols); i += 2 {
		ch.AddColumn(cols[i].(string), cols[i+1])
	}
	ch.SetCondition(ots.RowExistenceExpectation_IGNORE)
	if _, err := c.PutRow(&ots.PutRowRequest{PutRowChange: ch}); err != nil {
		f.t.Fatalf("PutRow: %v", err)
	}
}

func getRow(c *ots.TableStoreClient, table string, key *ots.PrimaryKey, cols ...string) (*ots.GetRowResponse, error) {
	return c.GetRow(&ots.GetRowRequest{SingleRowQueryCriteria: &ots.SingleRowQueryCriteria{
		TableName: table, PrimaryKey: key, MaxVersion: 1, ColumnsToGet: cols,
	}})
}

// columns flattens a row's attribute columns to name=value.
func columns(cols []*ots.AttributeColumn) map[string]any {
	m := map[string]any{}
	for _, c := range cols {
		if _, seen := m[c.ColumnName]; !seen {
			m[c.ColumnName] = c.Value
		}
	}
	return m
}

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{now: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
