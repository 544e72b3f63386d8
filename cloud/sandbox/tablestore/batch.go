package tablestore

import (
	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// Batch limits, as in the cloud.
const (
	maxBatchGetRows   = 100
	maxBatchWriteRows = 200
	maxBatchBytes     = 4 << 20
)

func (s *Service) httpBatchGetRow(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.BatchGetRowRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	total := 0
	seen := map[string]bool{}
	for _, tr := range req.GetTables() {
		if len(tr.GetPrimaryKey()) == 0 {
			return nil, paramInvalid("No row specified in the request of BatchGetRow.")
		}
		if seen[tr.GetTableName()] {
			return nil, paramInvalid("Duplicated table name: %s.", tr.GetTableName())
		}
		seen[tr.GetTableName()] = true
		total += len(tr.GetPrimaryKey())
	}
	if total == 0 {
		return nil, paramInvalid("No row specified in the request of BatchGetRow.")
	}
	if total > maxBatchGetRows {
		return nil, paramInvalid("Rows count exceeds the upper limit: %d.", maxBatchGetRows)
	}
	for _, tr := range req.GetTables() {
		if err := s.permit(c, tr.GetTableName()); err != nil {
			return nil, err
		}
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	resp := &otsprotocol.BatchGetRowResponse{}
	for _, tr := range req.GetTables() {
		t, err := s.lookupReady(c, tr.GetTableName())
		if err != nil {
			return nil, err
		}
		spec, err := newReadSpec(readQuery{columns: tr.GetColumnsToGet(), timeRange: tr.GetTimeRange(), maxVersions: tr.MaxVersions,
			filter: tr.GetFilter(), startColumn: tr.GetStartColumn(), endColumn: tr.GetEndColumn(), entirePK: true})
		if err != nil {
			return nil, err
		}
		var keys [][]Value
		for _, b := range tr.GetPrimaryKey() {
			pk, err := decodeKey(t.meta, b, keyRead)
			if err != nil {
				return nil, err
			}
			for _, k := range keys {
				if comparePK(k, pk) == 0 {
					return nil, paramInvalid("Duplicate rows detected in MultiGet.")
				}
			}
			keys = append(keys, pk)
		}
		out := &otsprotocol.TableInBatchGetRowResponse{TableName: ptr(tr.GetTableName())}
		for _, b := range tr.GetPrimaryKey() {
			row, found, read, err := s.getRow(t, b, spec)
			if err != nil {
				return nil, err
			}
			r := &otsprotocol.RowInBatchGetRowResponse{IsOk: ptr(true), Consumed: consumed(read, 0), Row: []byte{}}
			if found {
				r.Row = plainbuffer.Encode(row)
			}
			out.Rows = append(out.Rows, r)
		}
		resp.Tables = append(resp.Tables, out)
	}
	return marshal(resp)
}

func (s *Service) httpBatchWriteRow(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.BatchWriteRowRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	if req.GetTransactionId() != "" {
		return nil, paramInvalid("Try to call method using explicit transaction on explicit-transaction-disabled table")
	}
	if len(req.GetTables()) == 0 {
		return nil, paramInvalid("No row is specified in BatchWriteRow.")
	}
	total, size := 0, 0
	seen := map[string]bool{}
	for _, tr := range req.GetTables() {
		if len(tr.GetRows()) == 0 {
			return nil, paramInvalid("No operation is specified for table:%s.", tr.GetTableName())
		}
		if seen[tr.GetTableName()] {
			return nil, paramInvalid("Duplicated table name: %s.", tr.GetTableName())
		}
		seen[tr.GetTableName()] = true
		total += len(tr.GetRows())
		for _, r := range tr.GetRows() {
			size += len(r.GetRowChange())
		}
	}
	if total > maxBatchWriteRows {
		return nil, paramInvalid("Rows count exceeds the upper limit: %d.", maxBatchWriteRows)
	}
	if size > maxBatchBytes {
		return nil, paramInvalid("The total data size of BatchWriteRow request exceeds the limit, limit size: %d, data size: %d.", maxBatchBytes, size)
	}
	for _, tr := range req.GetTables() {
		if err := s.permit(c, tr.GetTableName()); err != nil {
			return nil, err
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	// Validate every row first: the service refuses the whole batch for a
	// malformed row; only conditions fail row by row.
	type planned struct {
		t       *table
		changes []rowChange
	}
	plans := make([]planned, len(req.GetTables()))
	for i, tr := range req.GetTables() {
		t, err := s.lookupReady(c, tr.GetTableName())
		if err != nil {
			return nil, err
		}
		plans[i].t = t
		for _, r := range tr.GetRows() {
			kind, ok := map[otsprotocol.OperationType]changeKind{
				otsprotocol.OperationType_PUT:    changePut,
				otsprotocol.OperationType_UPDATE: changeUpdate,
				otsprotocol.OperationType_DELETE: changeDelete,
			}[r.GetType()]
			if !ok {
				return nil, paramInvalid("The modify type is invalid.")
			}
			ch, err := decodeChange(t, kind, r.GetRowChange(), now)
			if err != nil {
				return nil, err
			}
			if err := ch.withCondition(r.GetCondition()); err != nil {
				return nil, err
			}
			if err := ch.withReturn(r.GetReturnContent()); err != nil {
				return nil, err
			}
			for _, prev := range plans[i].changes {
				if ch.autoInc < 0 && prev.autoInc < 0 && comparePK(prev.pk, ch.pk) == 0 {
					return nil, paramInvalid("Duplicate rows detected in MultiPut.")
				}
			}
			plans[i].changes = append(plans[i].changes, ch)
		}
	}

	resp := &otsprotocol.BatchWriteRowResponse{}
	for i, tr := range req.GetTables() {
		out := &otsprotocol.TableInBatchWriteRowResponse{TableName: ptr(tr.GetTableName())}
		for _, ch := range plans[i].changes {
			a, err := ch.apply(plans[i].t, now)
			r := &otsprotocol.RowInBatchWriteRowResponse{IsOk: ptr(err == nil), Consumed: consumed(a.read, a.write)}
			if err != nil {
				r.Error = &otsprotocol.Error{Code: ptr(err.Code), Message: ptr(err.Message)}
			} else {
				r.Row = encodeReturned(a)
			}
			out.Rows = append(out.Rows, r)
		}
		resp.Tables = append(resp.Tables, out)
	}
	return marshal(resp)
}
