package tablestore

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// SplitPoints is ComputeSplitPointsBySize for the MaxCompute plane: it
// needs its own RAM action and cuts at partition-key boundaries.
func TestGoAPISplitPoints(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	if err := f.svc.CreateTable(ownerCaller, internalCap, TableSpec{
		Meta: DemoVehicleTrackMeta(), Options: TableOptions{TimeToLive: -1, MaxVersions: 1, DeviationSeconds: 86400},
	}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.LoadRows(region, "cap1", DemoTableName, DemoVehicleTrackRows(50)); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.SplitPoints(roleCaller, internalCap, DemoTableName, 1)
	wantError(t, err, CodeNoPermissionAccess, MsgNoPermission)
	f.backend.grant(roleARN, "ots:ComputeSplitPointsBySize", ResourceARN(region, uidA, "cap1", DemoTableName))

	one, err := f.svc.SplitPoints(roleCaller, internalCap, DemoTableName, 1<<30)
	if err != nil || len(one) != 0 {
		t.Fatalf("one split over a small table: %v, %v", one, err)
	}
	tiny, err := f.svc.SplitPoints(roleCaller, internalCap, DemoTableName, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Five vehicles: a cut between each pair of partition keys.
	want := []int64{10002, 10003, 10004, 10005}
	if len(tiny) != len(want) {
		t.Fatalf("split points %v, want the partition keys %v", tiny, want)
	}
	for i, p := range tiny {
		if p.Kind != plainbuffer.KindInteger || p.Int != want[i] {
			t.Errorf("split point %d = %v, want %d", i, p, want[i])
		}
	}
	_, err = f.svc.SplitPoints(ownerCaller, internalCap, DemoTableName, 0)
	wantError(t, err, CodeParameterInvalid, "Invalid split size: 0; it must be positive.")
	_, err = f.svc.SplitPoints(ownerCaller, internalCap, "nope", 1)
	wantError(t, err, CodeObjectNotExist, MsgTableNotExist)
	if n := f.svc.Calls()[ActionComputeSplitPointsBySize]; n != 5 {
		t.Errorf("ComputeSplitPointsBySize counted %d times, want 5", n)
	}
}

// Go API failures carry a request ID shaped like the service's, one per
// call; HTTP answers carry theirs in a header.
func TestGoAPIErrorsCarryRequestIDs(t *testing.T) {
	t.Parallel()
	f := newFixture(t, Options{})
	shape := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	var ids []string
	for _, call := range []func() error{
		func() error { _, err := f.svc.Describe(roleCaller, internalCap, "t"); return err },
		func() error { _, err := f.svc.Scan(ownerCaller, internalCap, "t", ScanQuery{}); return err },
		func() error { return f.svc.Check(ownerCaller, "nowhere", "t", ActionGetRange) },
		func() error { return f.svc.Write(ownerCaller, internalCap, "t", WritePut, nil) },
	} {
		var e *Error
		if err := call(); !errors.As(err, &e) || !shape.MatchString(e.RequestID) {
			t.Fatalf("error %v has request ID %q", err, e.RequestID)
		}
		ids = append(ids, e.RequestID)
	}
	for i := range ids {
		for j := range i {
			if ids[i] == ids[j] {
				t.Errorf("two calls share the request ID %s", ids[i])
			}
		}
	}
}

// WriteError answers in the protocol the SDK decodes, so the core can
// inject faults into this plane.
func TestWriteErrorReachesTheSDK(t *testing.T) {
	t.Parallel()
	svc := New(newTestBackend(), Options{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		svc.WriteError(w, ServerBusy())
	}))
	t.Cleanup(srv.Close)
	cfg := ots.NewDefaultTableStoreConfig()
	cfg.RetryTimes = 0
	c := ots.NewClientWithConfig(srv.URL, "cap1", ownerAK, ownerSK, "", cfg)
	_, err := c.ListTable()
	wantOTSError(t, err, CodeServerBusy, MsgServerBusy, http.StatusServiceUnavailable)
	if e := ServerUnavailable(); e.Code != CodeServerUnavailable || e.HTTPStatus != http.StatusServiceUnavailable {
		t.Errorf("ServerUnavailable() = %+v", e)
	}
}
