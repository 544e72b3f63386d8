package maxcompute

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// fakeBackend is a small model of the sandbox core for these tests: accounts
// with AccessKeys, projects, RAM roles with trust lists and ots grants, and
// Tablestore instances holding tables. It enforces the chain the way the
// core will, so every failure the engine must render can be provoked.
type fakeBackend struct {
	mu        sync.Mutex
	keys      map[string]fakeKey
	projects  map[string]Project
	roles     map[string]*fakeRole     // ARN → role
	instances map[string]*fakeInstance // LOCATION host → instance
	failWith  error                    // when set, Project fails with it (a broken backend)
	assumes   int
	opens     int
	scans     []fakeScan
	writes    []fakeWrite
}

type fakeKey struct {
	secret, uid, token string
}

type fakeRole struct {
	trusted  []string // service principals the trust policy admits
	canRead  bool
	canWrite bool
}

type fakeInstance struct {
	region string
	tables map[string]*fakeTable
}

type fakeTable struct {
	meta TableMeta
	rows []Row
}

type fakeScan struct {
	prefix []Value
	limit  int
}

type fakeWrite struct {
	rows []Row
	mode WriteMode
}

// Test identities: account B runs MaxCompute, account A owns Tablestore.
const (
	uidA       = "1111111111111111"
	uidB       = "2222222222222222"
	akB        = "LTAI-test-b"
	skB        = "secret-b"
	akA        = "LTAI-test-a"
	skA        = "secret-a"
	stsAK      = "STS.test-b"
	stsSK      = "sts-secret-b"
	stsToken   = "token-b"
	demo       = "demo_project"
	region     = "cn-hangzhou"
	roleName   = "aliyunodpsroleforotheruser"
	readerARN  = "acs:ram::" + uidA + ":role/" + roleName
	writerARN  = "acs:ram::" + uidA + ":role/odpswriter"
	badTrust   = "acs:ram::" + uidA + ":role/sameaccountonly"
	noReadARN  = "acs:ram::" + uidA + ":role/noread"
	otsHost    = "cap1." + region + ".ots-internal.aliyuncs.com"
	otsTable   = "vehicle_track"
	location   = "tablestore://" + otsHost
	odpsDomain = "@odps.aliyuncs.com"
)

func newFakeBackend() *fakeBackend {
	b := &fakeBackend{
		keys: map[string]fakeKey{
			akB:   {secret: skB, uid: uidB},
			akA:   {secret: skA, uid: uidA},
			stsAK: {secret: stsSK, uid: uidB, token: stsToken},
		},
		projects: map[string]Project{
			demo:         {Name: demo, OwnerUID: uidB, Region: region, Created: time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)},
			"sh_project": {Name: "sh_project", OwnerUID: uidB, Region: "cn-shanghai"},
			"a_project":  {Name: "a_project", OwnerUID: uidA, Region: region},
		},
		roles: map[string]*fakeRole{
			readerARN: {trusted: []string{uidB + odpsDomain}, canRead: true},
			writerARN: {trusted: []string{uidB + odpsDomain}, canRead: true, canWrite: true},
			badTrust:  {trusted: []string{"odps.aliyuncs.com"}, canRead: true},
			noReadARN: {trusted: []string{uidB + odpsDomain}},
		},
		instances: map[string]*fakeInstance{
			otsHost: {region: region, tables: map[string]*fakeTable{}},
		},
	}
	b.instances[otsHost].tables[otsTable] = &fakeTable{
		meta: TableMeta{PrimaryKey: []Column{{"vid", TypeInteger}, {"gt", TypeInteger}}},
		rows: []Row{
			{"vid": IntValue(1), "gt": IntValue(100), "speed": DoubleValue(12.5), "plate": StringValue(`ZJ "A", 1`), "ok": BoolValue(true)},
			{"vid": IntValue(1), "gt": IntValue(200), "speed": DoubleValue(1e21), "plate": StringValue("line\nbreak"), "ok": BoolValue(false)},
			{"vid": IntValue(2), "gt": IntValue(100), "raw": BinaryValue([]byte("a\x00b"))},
		},
	}
	b.instances[otsHost].tables["names"] = &fakeTable{
		meta: TableMeta{PrimaryKey: []Column{{"name", TypeString}}},
		rows: []Row{{"name": StringValue("x")}},
	}
	return b
}

func (b *fakeBackend) Credential(_ context.Context, ak, token string) (Credential, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	k, ok := b.keys[ak]
	if !ok {
		return Credential{}, ErrNoSuchAccessKey
	}
	if k.token != token {
		return Credential{}, ErrInvalidSecurityToken
	}
	return Credential{Secret: k.secret, AccountUID: k.uid}, nil
}

func (b *fakeBackend) Project(_ context.Context, name string) (Project, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failWith != nil {
		return Project{}, b.failWith
	}
	p, ok := b.projects[name]
	if !ok {
		return Project{}, ErrNoSuchProject
	}
	return p, nil
}

func (b *fakeBackend) AssumeRole(_ context.Context, src ExternalSource) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.assumes++
	_, err := b.assumeLocked(src)
	return err
}

func (b *fakeBackend) assumeLocked(src ExternalSource) (*fakeRole, error) {
	role, ok := b.roles[src.RoleARN]
	if !ok {
		return nil, &ExternalError{Fault: FaultRole, Code: "EntityNotExist.Role",
			Message: "The role not exists: " + src.RoleARN + ".", RequestID: "REQ-STS-1", HostID: "sts.aliyuncs.com"}
	}
	principal := src.ProjectOwnerUID + odpsDomain
	if strings.Contains(src.RoleARN, "::"+src.ProjectOwnerUID+":") {
		principal = "odps.aliyuncs.com"
	}
	for _, t := range role.trusted {
		if t == principal {
			return role, nil
		}
	}
	return nil, &ExternalError{Fault: FaultRole, Code: "NoPermission",
		Message: "You are not authorized to do this action. You should be authorized by RAM.", RequestID: "REQ-STS-2"}
}

func (b *fakeBackend) OpenExternal(_ context.Context, src ExternalSource) (ExternalTable, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.opens++
	host := strings.TrimPrefix(src.Location, "tablestore://")
	role := &fakeRole{canRead: true}
	if userinfo, h, embedded := strings.Cut(host, "@"); embedded {
		// An AccessKey in LOCATION acts as account A itself.
		if !strings.HasPrefix(userinfo, "LTAI-x:") {
			return nil, &ExternalError{Fault: FaultTablestore, Code: "OTSAuthFailed", Message: "The AccessKeyID is disabled."}
		}
		host = h
	} else {
		var err error
		if role, err = b.assumeLocked(src); err != nil {
			return nil, err
		}
	}
	inst, ok := b.instances[host]
	if !ok || inst.region != src.ProjectRegion {
		return nil, &ExternalError{Fault: FaultEndpoint, Code: "ConnectTimeout", Message: "no instance answers at " + host}
	}
	if !role.canRead {
		return nil, &ExternalError{Fault: FaultTablestore, Code: "OTSNoPermissionAccess",
			Message: "You have no permission to access the requested resource, please contact the resource owner.", RequestID: "REQ-OTS-1"}
	}
	if src.Table == "broken" {
		return nil, errors.New("backend lost its tables")
	}
	t, ok := inst.tables[src.Table]
	if !ok {
		return nil, &ExternalError{Fault: FaultTablestore, Code: "OTSObjectNotExist", Message: "Requested table does not exist.", RequestID: "REQ-OTS-2"}
	}
	return &fakeHandle{b: b, t: t, canWrite: role.canWrite}, nil
}

// fakeHandle is an opened fakeTable.
type fakeHandle struct {
	b        *fakeBackend
	t        *fakeTable
	canWrite bool
}

func (h *fakeHandle) Meta() TableMeta { return h.t.meta }

func (h *fakeHandle) Scan(_ context.Context, prefix []Value, limit int) ([]Row, error) {
	h.b.mu.Lock()
	defer h.b.mu.Unlock()
	h.b.scans = append(h.b.scans, fakeScan{prefix: prefix, limit: limit})
	var out []Row
	for _, r := range h.t.rows {
		match := true
		for i, v := range prefix {
			if !sameValue(r[h.t.meta.PrimaryKey[i].Name], v) {
				match = false
			}
		}
		if match {
			out = append(out, r)
		}
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, nil
}

func (h *fakeHandle) Write(_ context.Context, rows []Row, mode WriteMode) error {
	h.b.mu.Lock()
	defer h.b.mu.Unlock()
	if !h.canWrite {
		return &ExternalError{Fault: FaultTablestore, Code: "OTSNoPermissionAccess",
			Message: "You have no permission to access the requested resource, please contact the resource owner.", RequestID: "REQ-OTS-3"}
	}
	h.b.writes = append(h.b.writes, fakeWrite{rows: rows, mode: mode})
	for _, r := range rows {
		h.t.rows = append(h.t.rows, r)
	}
	pk := h.t.meta.PrimaryKey
	sort.SliceStable(h.t.rows, func(i, j int) bool {
		for _, c := range pk {
			a, b := h.t.rows[i][c.Name], h.t.rows[j][c.Name]
			if c := compareValues(a, b); c != 0 {
				return c < 0
			}
		}
		return false
	})
	return nil
}

func compareValues(a, b Value) int {
	switch a.Type {
	case TypeInteger:
		switch {
		case a.Int < b.Int:
			return -1
		case a.Int > b.Int:
			return 1
		}
	case TypeString:
		return strings.Compare(a.Str, b.Str)
	case TypeBinary:
		return bytes.Compare(a.Bytes, b.Bytes)
	}
	return 0
}

func (b *fakeBackend) lastScan() fakeScan {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.scans) == 0 {
		return fakeScan{limit: -1}
	}
	return b.scans[len(b.scans)-1]
}

func (b *fakeBackend) counts() (assumes, opens int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.assumes, b.opens
}

func (s fakeScan) String() string { return fmt.Sprintf("prefix=%v limit=%d", s.prefix, s.limit) }
