package tablestore

import (
	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// writeRequest is a single-row write as PutRow, UpdateRow and DeleteRow
// carry it.
type writeRequest struct {
	table       string
	kind        changeKind
	row         []byte
	condition   *otsprotocol.Condition
	ret         *otsprotocol.ReturnContent
	transaction string
}

func (s *Service) writeRow(c *call, req writeRequest) (applied, *Error) {
	if err := s.permit(c, req.table); err != nil {
		return applied{}, err
	}
	if req.transaction != "" {
		return applied{}, paramInvalid("Try to call method using explicit transaction on explicit-transaction-disabled table")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookupReady(c, req.table)
	if err != nil {
		return applied{}, err
	}
	now := s.now()
	ch, err := decodeChange(t, req.kind, req.row, now)
	if err != nil {
		return applied{}, err
	}
	if err := ch.withCondition(req.condition); err != nil {
		return applied{}, err
	}
	if err := ch.withReturn(req.ret); err != nil {
		return applied{}, err
	}
	return ch.apply(t, now)
}

// encodeReturned is the optional row of a write response.
func encodeReturned(a applied) []byte {
	if a.ret == nil {
		return nil
	}
	return plainbuffer.Encode(*a.ret)
}

// decodeKey parses a PlainBuffer primary key for a read.
func decodeKey(meta TableMeta, b []byte, mode keyMode) ([]Value, *Error) {
	rows, err := plainbuffer.Decode(b)
	if err != nil {
		return nil, paramInvalid("%s", err.Error())
	}
	if len(rows) != 1 {
		return nil, paramInvalid("A primary key must be exactly one row, got %d.", len(rows))
	}
	if len(rows[0].Cells) > 0 {
		return nil, paramInvalid("Attribute column cannot be given while reading data.")
	}
	pk, _, perr := checkKey(meta, rows[0].PrimaryKey, mode)
	return pk, perr
}

// getRow reads one row; found is false when the row is missing or shows
// none of the asked-for columns.
func (s *Service) getRow(t *table, pkBytes []byte, spec readSpec) (plainbuffer.Row, bool, int32, *Error) {
	pk, err := decodeKey(t.meta, pkBytes, keyRead)
	if err != nil {
		return plainbuffer.Row{}, false, 0, err
	}
	r := t.get(pk)
	if r == nil {
		return plainbuffer.Row{}, false, 1, nil
	}
	out, ok := spec.project(t.meta, r, oldestLive(t.opts.TimeToLive, s.now()))
	if !ok {
		return plainbuffer.Row{}, false, 1, nil
	}
	return out, true, capacityUnits(rowSize(out)), nil
}

// --- HTTP ---

func (s *Service) httpPutRow(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.PutRowRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	a, err := s.writeRow(c, writeRequest{table: req.GetTableName(), kind: changePut, row: req.GetRow(),
		condition: req.GetCondition(), ret: req.GetReturnContent(), transaction: req.GetTransactionId()})
	if err != nil {
		return nil, err
	}
	return marshal(&otsprotocol.PutRowResponse{Consumed: consumed(a.read, a.write), Row: encodeReturned(a)})
}

func (s *Service) httpUpdateRow(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.UpdateRowRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	a, err := s.writeRow(c, writeRequest{table: req.GetTableName(), kind: changeUpdate, row: req.GetRowChange(),
		condition: req.GetCondition(), ret: req.GetReturnContent(), transaction: req.GetTransactionId()})
	if err != nil {
		return nil, err
	}
	return marshal(&otsprotocol.UpdateRowResponse{Consumed: consumed(a.read, a.write), Row: encodeReturned(a)})
}

func (s *Service) httpDeleteRow(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.DeleteRowRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	a, err := s.writeRow(c, writeRequest{table: req.GetTableName(), kind: changeDelete, row: req.GetPrimaryKey(),
		condition: req.GetCondition(), ret: req.GetReturnContent(), transaction: req.GetTransactionId()})
	if err != nil {
		return nil, err
	}
	return marshal(&otsprotocol.DeleteRowResponse{Consumed: consumed(a.read, a.write), Row: encodeReturned(a)})
}

func (s *Service) httpGetRow(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.GetRowRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := s.permit(c, req.GetTableName()); err != nil {
		return nil, err
	}
	spec, err := newReadSpec(readQuery{columns: req.GetColumnsToGet(), timeRange: req.GetTimeRange(), maxVersions: req.MaxVersions,
		filter: req.GetFilter(), startColumn: req.GetStartColumn(), endColumn: req.GetEndColumn(), entirePK: true,
		transaction: req.GetTransactionId()})
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, err := s.lookupReady(c, req.GetTableName())
	if err != nil {
		return nil, err
	}
	row, found, read, err := s.getRow(t, req.GetPrimaryKey(), spec)
	if err != nil {
		return nil, err
	}
	// row is required: an empty value means "no such row".
	resp := &otsprotocol.GetRowResponse{Consumed: consumed(read, 0), Row: []byte{}}
	if found {
		resp.Row = plainbuffer.Encode(row)
	}
	return marshal(resp)
}
