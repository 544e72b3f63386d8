package tablestore

import (
	"net/http"
	"testing"
	"time"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
)

// A new table refuses row operations for a while; the SDK retries
// OTSTableNotReady on its own.
func TestNewTableIsNotReadyAtOnce(t *testing.T) {
	t.Parallel()

	t.Run("default retries ride out a short delay", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, Options{TableReadyDelay: 300 * time.Millisecond})
		f.trackTable(f.owner(), "track", 1)
		d, err := f.owner().DescribeTable(&ots.DescribeTableRequest{TableName: "track"})
		if err != nil || d.TableMeta.TableName != "track" {
			t.Fatalf("DescribeTable works while loading: %v", err)
		}
		patient := f.client(publicCap, "cap1", ownerAK, ownerSK, "", ots.NewDefaultTableStoreConfig().RetryTimes)
		start := time.Now()
		f.put(patient, "track", pk("vid", int64(1), "gt", int64(1)), "speed", 1.0)
		if waited := time.Since(start); waited < 250*time.Millisecond {
			t.Errorf("PutRow succeeded after %v, before the table was ready", waited)
		}
		if n := f.svc.Calls()[ActionPutRow]; n < 2 {
			t.Errorf("PutRow reached the service %d times; the SDK should have retried", n)
		}
	})

	t.Run("a delay beyond the retry budget surfaces", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, Options{TableReadyDelay: time.Hour})
		f.trackTable(f.owner(), "track", 1)
		cfg := ots.NewDefaultTableStoreConfig()
		cfg.MaxRetryTime = 200 * time.Millisecond
		c := ots.NewClientWithConfig(f.srv.URL+"/host/"+publicCap, "cap1", ownerAK, ownerSK, "", cfg)
		_, err := getRow(c, "track", pk("vid", int64(1), "gt", int64(1)))
		wantOTSError(t, err, CodeTableNotReady, MsgTableNotReady, http.StatusNotFound)
		info, err := f.svc.Describe(Caller{Kind: CallerAccount, AccountUID: uidA}, publicCap, "track")
		if err != nil || info.Ready {
			t.Errorf("Describe while loading = %+v, %v; want Ready false", info, err)
		}
	})

	t.Run("ready once the clock passes the delay", func(t *testing.T) {
		t.Parallel()
		clock := newFakeClock(time.Now())
		f := newFixture(t, Options{Now: clock.Now, TableReadyDelay: 10 * time.Second})
		f.trackTable(f.owner(), "track", 1)
		_, err := getRow(f.owner(), "track", pk("vid", int64(1), "gt", int64(1)))
		wantOTSError(t, err, CodeTableNotReady, MsgTableNotReady, http.StatusNotFound)
		clock.Advance(10 * time.Second)
		if _, err := getRow(f.owner(), "track", pk("vid", int64(1), "gt", int64(1))); err != nil {
			t.Fatalf("GetRow after the delay: %v", err)
		}
	})
}
