package maxcompute

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync"
	"testing"

	"github.com/aliyun/aliyun-odps-go-sdk/odps"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/account"
)

// OnStatement hears every statement the engine runs, with its kind and
// outcome, so the sandbox can count writes inside one CreateInstance call.
func TestOnStatementHearsEveryStatement(t *testing.T) {
	t.Parallel()
	type heard struct {
		kind   StatementKind
		failed bool
	}
	var mu sync.Mutex
	var got []heard
	h := newHarnessWith(t, Options{OnStatement: func(k StatementKind, failed bool) {
		mu.Lock()
		got = append(got, heard{k, failed})
		mu.Unlock()
	}})
	h.mustRun(ddl(ddlOpts{role: writerARN}))
	h.query("select vid from ots_vehicle_track limit 1")
	h.mustRun("insert into ots_vehicle_track (vid, gt) values (9, 9)")
	h.fails("select nope from ots_vehicle_track")
	h.mustRun("set odps.sql.type.system.odps2=true; desc ots_vehicle_track; show tables;")
	h.mustRun("drop table ots_vehicle_track")
	want := []heard{
		{StatementCreateTable, false}, {StatementSelect, false}, {StatementInsert, false},
		{StatementSelect, true}, {StatementDesc, false}, {StatementShowTables, false}, {StatementDropTable, false},
	}
	mu.Lock()
	defer mu.Unlock()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("heard %v, want %v", got, want)
	}
	var names, writes []string
	for _, k := range StatementKinds() {
		names = append(names, k.String())
		if k.IsWrite() {
			writes = append(writes, k.String())
		}
	}
	if !reflect.DeepEqual(names, []string{"CreateTable", "DropTable", "Desc", "ShowTables", "Select", "Insert"}) ||
		!reflect.DeepEqual(writes, []string{"CreateTable", "DropTable", "Insert"}) || StatementKind(0).String() != "StatementKind(0)" {
		t.Errorf("kinds %v, writes %v, zero kind %q", names, writes, StatementKind(0))
	}
}

func TestActionOf(t *testing.T) {
	t.Parallel()
	q := func(s string) url.Values { v, _ := url.ParseQuery(s); return v }
	for _, c := range []struct {
		method, path, query string
		want                Action
	}{
		{http.MethodPost, "/api/projects/p/instances", "", ActionCreateInstance},
		{http.MethodGet, "/api/projects/p/instances/i1", "result", ActionGetResult},
		{http.MethodGet, "/api/projects/p", "curr_project=p", ActionGetProject},
		{http.MethodGet, "/api/projects/p/tables/t", "extended", ActionGetTable},
		{http.MethodDelete, "/api/projects/p", "", ActionUnknown},
		{http.MethodGet, "/projects/p", "", ActionUnknown},
		{http.MethodGet, "/apix/projects/p", "", ActionUnknown},
	} {
		if got := ActionOf(c.method, c.path, q(c.query)); got != c.want {
			t.Errorf("ActionOf(%s %s?%s) = %s, want %s", c.method, c.path, c.query, got, c.want)
		}
	}
}

// WriteError answers in the protocol the SDK decodes.
func TestWriteErrorReachesTheSDK(t *testing.T) {
	t.Parallel()
	svc := New(newFakeBackend(), Options{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		svc.WriteError(w, mcHost, http.StatusServiceUnavailable, "ServiceUnavailable", "ODPS-0010000:System internal error - try again")
	}))
	t.Cleanup(srv.Close)
	o := odps.NewOdps(account.NewAliyunAccount(akB, skB), srv.URL+"/api")
	_, err := o.Projects().Exists(demo)
	he := httpError(t, err)
	if he.StatusCode != http.StatusServiceUnavailable || he.ErrorMessage.ErrorCode != "ServiceUnavailable" ||
		he.ErrorMessage.Message != "ODPS-0010000:System internal error - try again" || he.ErrorMessage.HostId != mcHost || he.RequestId == "" {
		t.Errorf("SDK saw %d %+v (request %q)", he.StatusCode, he.ErrorMessage, he.RequestId)
	}
}
