package tablestore

import (
	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// What one GetRange response may carry at most, as in the cloud.
const (
	maxRangeRows  = 5000
	maxRangeBytes = 4 << 20
)

// rangeQuery is a validated GetRange.
type rangeQuery struct {
	forward    bool
	start, end []Value // start inclusive, end exclusive, in scan direction
	limit      int     // 0 means the service's cap
	spec       readSpec
}

// rangePage is one GetRange response: rows in scan order and, when the scan
// stopped early, the key to continue from.
type rangePage struct {
	rows []plainbuffer.Row
	next []Value
	size int
}

// checkBounds validates range bounds against the schema and direction.
func checkBounds(start, end []Value, forward bool) *Error {
	c := comparePK(start, end)
	if forward && c >= 0 {
		return paramInvalid("Begin key must less than end key in FORWARD.")
	}
	if !forward && c <= 0 {
		return paramInvalid("Begin key must more than end key in BACKWARD.")
	}
	return nil
}

// scan reads one page of a range; the caller holds s.mu.
func (t *table) scan(q rangeQuery, oldest int64) rangePage {
	var page rangePage
	limit := maxRangeRows
	if q.limit > 0 && q.limit < limit {
		limit = q.limit
	}
	i, found := t.search(q.start)
	step := 1
	inRange := func(i int) bool { return i < len(t.rows) && comparePK(t.rows[i].pk, q.end) < 0 }
	if !q.forward {
		step = -1
		if !found {
			i--
		}
		inRange = func(i int) bool { return i >= 0 && comparePK(t.rows[i].pk, q.end) > 0 }
	}
	for ; inRange(i); i += step {
		if len(page.rows) == limit || page.size >= maxRangeBytes {
			page.next = t.rows[i].pk
			break
		}
		r, ok := q.spec.project(t.meta, t.rows[i], oldest)
		if !ok {
			continue
		}
		page.rows = append(page.rows, r)
		page.size += rowSize(r)
	}
	return page
}

func keyRow(meta TableMeta, pk []Value) plainbuffer.Row {
	var r plainbuffer.Row
	for i, v := range pk {
		r.PrimaryKey = append(r.PrimaryKey, plainbuffer.KeyCell(meta.PrimaryKey[i].Name, v))
	}
	return r
}

func (s *Service) httpGetRange(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.GetRangeRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := s.permit(c, req.GetTableName()); err != nil {
		return nil, err
	}
	spec, err := newReadSpec(readQuery{columns: req.GetColumnsToGet(), timeRange: req.GetTimeRange(), maxVersions: req.MaxVersions,
		filter: req.GetFilter(), startColumn: req.GetStartColumn(), endColumn: req.GetEndColumn(),
		entirePK: req.GetReturnEntirePrimaryKeys(), transaction: req.GetTransactionId()})
	if err != nil {
		return nil, err
	}
	if req.Limit != nil && req.GetLimit() <= 0 {
		return nil, paramInvalid("The limit must be greater than 0.")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, err := s.lookupReady(c, req.GetTableName())
	if err != nil {
		return nil, err
	}
	start, err := decodeKey(t.meta, req.GetInclusiveStartPrimaryKey(), keyRange)
	if err != nil {
		return nil, err
	}
	end, err := decodeKey(t.meta, req.GetExclusiveEndPrimaryKey(), keyRange)
	if err != nil {
		return nil, err
	}
	forward := req.GetDirection() == otsprotocol.Direction_FORWARD
	if err := checkBounds(start, end, forward); err != nil {
		return nil, err
	}
	page := t.scan(rangeQuery{forward: forward, start: start, end: end, limit: int(req.GetLimit()), spec: spec},
		oldestLive(t.opts.TimeToLive, s.now()))
	resp := &otsprotocol.GetRangeResponse{
		Consumed:      consumed(capacityUnits(page.size), 0),
		Rows:          []byte{},
		DataBlockType: otsprotocol.DataBlockType_DBT_PLAIN_BUFFER.Enum(),
		CompressType:  otsprotocol.CompressType_CPT_NONE.Enum(),
	}
	if len(page.rows) > 0 {
		resp.Rows = plainbuffer.Encode(page.rows...)
	}
	if page.next != nil {
		resp.NextStartPrimaryKey = plainbuffer.Encode(keyRow(t.meta, page.next))
	}
	return marshal(resp)
}
