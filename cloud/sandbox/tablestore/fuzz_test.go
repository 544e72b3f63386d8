package tablestore

import (
	"testing"

	ots "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
	"google.golang.org/protobuf/protoadapt"
)

// No request body, however malformed, may panic the service: every action
// is fed arbitrary bytes after authentication.
func FuzzDispatch(f *testing.F) {
	key := plainbuffer.Encode(plainbuffer.Row{PrimaryKey: []plainbuffer.Cell{
		plainbuffer.KeyCell("vid", plainbuffer.Integer(1)), plainbuffer.KeyCell("gt", plainbuffer.Integer(2))}})
	for i, m := range []protoadapt.MessageV1{
		&otsprotocol.PutRowRequest{TableName: ptr("track"), Row: key, Condition: &otsprotocol.Condition{RowExistence: otsprotocol.RowExistenceExpectation_IGNORE.Enum()}},
		&otsprotocol.GetRangeRequest{TableName: ptr("track"), Direction: otsprotocol.Direction_FORWARD.Enum(), MaxVersions: ptr(int32(1)),
			InclusiveStartPrimaryKey: key, ExclusiveEndPrimaryKey: key},
		&otsprotocol.GetRowRequest{TableName: ptr("track"), PrimaryKey: key, MaxVersions: ptr(int32(1)),
			Filter: ots.NewSingleColumnCondition("a", ots.CT_EQUAL, int64(1)).Serialize()},
	} {
		b, err := marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), b)
	}
	f.Add(uint8(7), []byte{0x0a, 0x05, 't', 'r', 'a', 'c', 'k'})

	svc := New(newTestBackend(), Options{})
	owner := Caller{Kind: CallerAccount, AccountUID: uidA}
	ep, _ := ParseEndpoint(publicCap)
	if err := svc.CreateTable(owner, publicCap, TableSpec{Meta: TableMeta{Name: "track", PrimaryKey: []PKColumn{{Name: "vid", Type: PKInteger}, {Name: "gt", Type: PKInteger}}},
		Options: TableOptions{TimeToLive: -1, MaxVersions: 2, DeviationSeconds: 86400, AllowUpdate: true}}); err != nil {
		f.Fatal(err)
	}
	actions := Actions()
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		a := actions[int(which)%len(actions)]
		if a == ActionDeleteTable || a == ActionCreateTable {
			a = ActionDescribeTable // keep the table in place for the next input
		}
		c, err := svc.open(a, owner, ep, "cap1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.dispatch(c, body); err != nil && (err.Code == "" || err.HTTPStatus < 400) {
			t.Fatalf("%s answered a malformed error %+v", a, err)
		}
	})
}
