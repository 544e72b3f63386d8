package maxcompute

import (
	"strings"
	"testing"
)

// Every broken link of the cross-account chain reaches the user as the text
// MaxCompute itself produces, at the statement where MaxCompute notices it.
func TestChainFailuresAtCreate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		opts ddlOpts
		want string
	}{
		{"B1 role does not exist",
			ddlOpts{role: "acs:ram::" + uidA + ":role/aliyunodpsdefaultrole"},
			`ODPS-0130071:[1,1] Semantic analysis exception - external table checking failure, error message: ` +
				`{"RequestId":"REQ-STS-1","HostId":"sts.aliyuncs.com","Code":"EntityNotExist.Role",` +
				`"Message":"The role not exists: acs:ram::` + uidA + `:role/aliyunodpsdefaultrole."}`},
		{"B9 trust admits odps.aliyuncs.com, not the project owner",
			ddlOpts{role: badTrust},
			`ODPS-0130071:[1,1] Semantic analysis exception - external table checking failure, error message: ` +
				`{"RequestId":"REQ-STS-2","HostId":"sts.aliyuncs.com","Code":"NoPermission",` +
				`"Message":"You are not authorized to do this action. You should be authorized by RAM."}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			if got := h.fails(ddl(c.opts)); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if ok, _ := h.client().Table("ots_vehicle_track").Exists(); ok {
				t.Errorf("the table was created although the role check failed")
			}
		})
	}
}

// What MaxCompute only learns by reading Tablestore fails the first SELECT,
// not the CREATE.
func TestChainFailuresAtRead(t *testing.T) {
	t.Parallel()
	const (
		timeout = "ODPS-0010000:System internal error - std::exception:Message: a timeout was reached"
		job     = "ODPS-0010000:System internal error - fuxi job failed, caused by: std::exception:Message: "
	)
	cases := []struct {
		name  string
		opts  ddlOpts
		setup func(b *fakeBackend)
		query string
		want  string
	}{
		{"B2 LOCATION in another region",
			ddlOpts{location: "tablestore://cap1.cn-shanghai.ots-internal.aliyuncs.com"}, nil, "", timeout},
		{"LOCATION names no instance",
			ddlOpts{location: "tablestore://cap2." + region + ".ots-internal.aliyuncs.com"}, nil, "", timeout},
		{"role lacks the ots read actions",
			ddlOpts{role: noReadARN}, nil, "", job + "[ErrorCode]:OTSNoPermissionAccess, [Message]:You have no permission to access the requested resource, please contact the resource owner., [RequestId]:REQ-OTS-1"},
		{"Tablestore table missing",
			ddlOpts{table: "no_such_table"}, nil, "",
			job + "[ErrorCode]:OTSObjectNotExist, [Message]:Requested table does not exist., [RequestId]:REQ-OTS-2"},
		{"B4 string column over an INTEGER key",
			ddlOpts{columns: "vid string, gt bigint", mapping: ":vid,:gt"}, nil, "",
			job + "PrimaryKeyValue is not STRING type."},
		{"key columns out of order",
			ddlOpts{columns: "gt bigint, vid bigint", mapping: ":gt,:vid"}, nil, "",
			job + "[ErrorCode]:OTSParameterInvalid, [Message]:Validate PK name fail. Input: gt, Meta: vid."},
		{"key column missing from the mapping",
			ddlOpts{columns: "vid bigint, speed double", mapping: ":vid,speed"}, nil, "",
			job + "[ErrorCode]:OTSParameterInvalid, [Message]:Validate PK size fail. Input: 1, Meta: 2."},
		{"attribute declared with the wrong type",
			ddlOpts{columns: "vid bigint, gt bigint, plate bigint", mapping: ":vid,:gt,plate"}, nil, "",
			job + "AttributeValue is not INTEGER type."},
		{"B15 int column over a 64-bit value",
			ddlOpts{columns: "vid bigint, gt int", mapping: ":vid,:gt"},
			func(b *fakeBackend) {
				tbl := b.instances[otsHost].tables[otsTable]
				tbl.rows = append(tbl.rows, Row{"vid": IntValue(3), "gt": IntValue(1 << 40)})
			}, "select gt from ots_vehicle_track",
			job + "value 1099511627776 of column gt does not fit in int; declare the column bigint"},
		{"role deleted after CREATE",
			ddlOpts{}, func(b *fakeBackend) { delete(b.roles, readerARN) }, "",
			`ODPS-0130071:[1,1] Semantic analysis exception - external table checking failure, error message: {"RequestId":"REQ-STS-1","HostId":"sts.aliyuncs.com","Code":"EntityNotExist.Role"`},
		{"insert through a read-only role",
			ddlOpts{}, nil, "insert into ots_vehicle_track (vid, gt) values (9, 9)",
			job + "[ErrorCode]:OTSNoPermissionAccess, [Message]:You have no permission to access the requested resource, please contact the resource owner., [RequestId]:REQ-OTS-3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			h.mustRun(ddl(c.opts))
			if c.setup != nil {
				h.backend.mu.Lock()
				c.setup(h.backend)
				h.backend.mu.Unlock()
			}
			q := c.query
			if q == "" {
				q = "select * from ots_vehicle_track where vid = 1 limit 10;"
			}
			if got := h.fails(q); !strings.HasPrefix(got, c.want) {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// CREATE assumes the role once and never opens the table; a read opens it.
func TestCreateOnlyAssumesTheRole(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{}))
	if assumes, opens := h.backend.counts(); assumes != 1 || opens != 0 {
		t.Errorf("after CREATE: %d assumes, %d opens; want 1, 0", assumes, opens)
	}
	h.query("select count(*) from ots_vehicle_track")
	if _, opens := h.backend.counts(); opens != 1 {
		t.Errorf("after SELECT: %d opens, want 1", opens)
	}
}

// A LOCATION that embeds an AccessKey needs no role; its secret is never
// shown back.
func TestLocationWithAccessKey(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.mustRun(ddl(ddlOpts{role: "-", location: "tablestore://LTAI-x:very-secret@" + otsHost}))
	if assumes, _ := h.backend.counts(); assumes != 0 {
		t.Errorf("CREATE assumed a role for an AccessKey LOCATION")
	}
	tbl := h.client().Table("ots_vehicle_track")
	if err := tbl.Load(); err != nil {
		t.Fatal(err)
	}
	if loc := tbl.Schema().Location; strings.Contains(loc, "very-secret") || !strings.Contains(loc, "LTAI-x:******@") {
		t.Errorf("Location = %q, want the secret masked", loc)
	}
	desc := resultText(t, h.mustRun("desc extended ots_vehicle_track"))
	if strings.Contains(desc, "very-secret") {
		t.Errorf("DESC shows the secret:\n%s", desc)
	}
}
