package maxcompute

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/aliyun-odps-go-sdk/odps"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/account"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/restclient"
)

const mcHost = "service." + region + ".maxcompute.aliyun.com"

// harness is one emulator on a real loopback listener, spoken to with the
// official ODPS SDK.
type harness struct {
	t       *testing.T
	svc     *Service
	backend *fakeBackend
	srv     *httptest.Server
}

func newHarness(t *testing.T) *harness { return newHarnessWith(t, Options{}) }

func newHarnessWith(t *testing.T, opts Options) *harness {
	t.Helper()
	b := newFakeBackend()
	svc := New(b, opts)
	srv := httptest.NewServer(svc.Handler())
	t.Cleanup(srv.Close)
	return &harness{t: t, svc: svc, backend: b, srv: srv}
}

// with returns the harness reporting to t, for use inside subtests.
func (h *harness) with(t *testing.T) *harness {
	c := *h
	c.t = t
	return &c
}

func (h *harness) endpoint(host string) string { return h.srv.URL + "/host/" + host + "/api" }

// client is account B's SDK client on the project's region, default project
// demo.
func (h *harness) client() *odps.Odps {
	return h.clientWith(account.NewAliyunAccount(akB, skB), mcHost)
}

func (h *harness) clientWith(acc account.Account, host string) *odps.Odps {
	o := odps.NewOdps(acc, h.endpoint(host))
	o.SetDefaultProjectName(demo)
	return o
}

// run submits sql and waits for it, as the wizard's adapter does.
func (h *harness) run(o *odps.Odps, sql string) (*odps.Instance, error) {
	h.t.Helper()
	ins, err := o.ExecSQl(sql)
	if err != nil {
		return nil, err
	}
	return ins, ins.WaitForSuccess()
}

// mustRun runs sql and fails the test if it fails.
func (h *harness) mustRun(sql string) *odps.Instance {
	h.t.Helper()
	ins, err := h.run(h.client(), sql)
	if err != nil {
		h.t.Fatalf("%s\nfailed: %v", firstLine(sql), err)
	}
	return ins
}

// query runs a SELECT and returns its CSV rows, header first.
func (h *harness) query(sql string) [][]string {
	h.t.Helper()
	ins := h.mustRun(sql)
	var task odps.SQLTask
	r, err := task.GetSelectResultAsCsv(ins, true)
	if err != nil {
		h.t.Fatalf("%s: reading the result: %v", firstLine(sql), err)
	}
	rows, err := r.ReadAll()
	if err != nil {
		h.t.Fatalf("%s: parsing the result CSV: %v", firstLine(sql), err)
	}
	return rows
}

// fails runs sql and returns the error text the SDK gives the caller.
func (h *harness) fails(sql string) string {
	h.t.Helper()
	_, err := h.run(h.client(), sql)
	if err == nil {
		h.t.Fatalf("%s: succeeded, want a failure", firstLine(sql))
	}
	return err.Error()
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// httpError unwraps the SDK's REST error.
func httpError(t *testing.T, err error) restclient.HttpError {
	t.Helper()
	var he restclient.HttpError
	if !errors.As(err, &he) {
		t.Fatalf("error %v is not a restclient.HttpError", err)
	}
	if he.ErrorMessage == nil {
		t.Fatalf("HTTP %d without an <Error> body: %s", he.StatusCode, he.Body)
	}
	return he
}

// ddlOpts varies the external table DDL the tests create.
type ddlOpts struct {
	name, columns, mapping, table, role, location, extra string
	ifNotExists                                          bool
}

// ddl renders a Tablestore external-table DDL, defaulting every part to a
// working setup over vehicle_track.
func ddl(o ddlOpts) string {
	def := func(v, d string) string {
		if v == "" {
			return d
		}
		return v
	}
	ine := ""
	if o.ifNotExists {
		ine = "IF NOT EXISTS "
	}
	role := ""
	if o.role != "-" {
		role = fmt.Sprintf(",\n  'odps.properties.rolearn'='%s'", def(o.role, readerARN))
	}
	return fmt.Sprintf(`CREATE EXTERNAL TABLE %s%s (
  %s
) STORED BY 'com.aliyun.odps.TableStoreStorageHandler'
WITH SERDEPROPERTIES (
  'tablestore.columns.mapping'='%s',
  'tablestore.table.name'='%s'%s%s
)
LOCATION '%s';`,
		ine, def(o.name, "ots_vehicle_track"),
		def(o.columns, "vid bigint, gt bigint, speed double, plate string, ok boolean, raw binary"),
		def(o.mapping, ":vid, :gt, speed, plate, ok, raw"),
		def(o.table, otsTable), role, o.extra,
		def(o.location, location))
}

// do sends a raw request signed by account B's key, for the shapes the SDK
// never sends.
func (h *harness) do(method, resource, body string) (int, string) {
	h.t.Helper()
	endpoint := h.endpoint(mcHost)
	req, err := http.NewRequest(method, endpoint+resource+"?curr_project="+demo, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	if body != "" {
		req.Header.Set("Content-Type", "application/xml")
	}
	if err := account.NewAliyunAccount(akB, skB).SignRequest(req, endpoint); err != nil {
		h.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, string(out)
}
