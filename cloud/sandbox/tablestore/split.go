package tablestore

import (
	"math"

	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// defaultSplitUnit is the unit of split_size unless the request names one:
// 100 MB.
const defaultSplitUnit = 100 << 20

// splitPoints cuts a table into pieces of about target bytes at
// partition-key boundaries (the first key column), as the service does;
// the points are increasing partition-key values.
func (t *table) splitPoints(target int64, limit int) []Value {
	var points []Value
	var acc int64
	for i, r := range t.rows {
		if limit > 0 && len(points) >= limit {
			break
		}
		if acc >= target && i > 0 && plainbuffer.Compare(r.pk[0], t.rows[i-1].pk[0]) != 0 {
			points = append(points, r.pk[0])
			acc = 0
		}
		acc += int64(r.size(t.meta))
	}
	return points
}

func (s *Service) httpComputeSplitPoints(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.ComputeSplitPointsBySizeRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := s.permit(c, req.GetTableName()); err != nil {
		return nil, err
	}
	unit := int64(defaultSplitUnit)
	if req.SplitSizeUnitInByte != nil {
		unit = req.GetSplitSizeUnitInByte()
	}
	if req.GetSplitSize() <= 0 || unit <= 0 {
		return nil, paramInvalid("Invalid split size: %d (unit %d bytes); both must be positive.", req.GetSplitSize(), unit)
	}
	target := req.GetSplitSize()
	if target > math.MaxInt64/unit {
		target = math.MaxInt64
	} else {
		target *= unit
	}
	if req.SplitPointLimit != nil && req.GetSplitPointLimit() <= 0 {
		return nil, paramInvalid("Invalid split point limit: %d.", req.GetSplitPointLimit())
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	t, err := s.lookupReady(c, req.GetTableName())
	if err != nil {
		return nil, err
	}
	points := t.splitPoints(target, int(req.GetSplitPointLimit()))
	resp := &otsprotocol.ComputeSplitPointsBySizeResponse{Consumed: consumed(1, 0)}
	for _, pk := range t.meta.PrimaryKey {
		resp.Schema = append(resp.Schema, &otsprotocol.PrimaryKeySchema{Name: ptr(pk.Name), Type: otsprotocol.PrimaryKeyType(pk.Type).Enum()})
	}
	first := t.meta.PrimaryKey[0].Name
	for _, p := range points {
		// Trailing INF_MIN columns are left out, as the service does.
		resp.SplitPoints = append(resp.SplitPoints, plainbuffer.Encode(plainbuffer.Row{PrimaryKey: []plainbuffer.Cell{plainbuffer.KeyCell(first, p)}}))
	}
	// The SDK hands out locations by repeat count over every split, so the
	// counts must add up to len(points)+1.
	resp.Locations = []*otsprotocol.ComputeSplitPointsBySizeResponse_SplitLocation{{
		Location: ptr("sandbox-" + c.instance.Region), Repeat: ptr(int64(len(points) + 1)),
	}}
	return marshal(resp)
}
