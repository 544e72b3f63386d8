package tablestore

import (
	"fmt"
	"net/http"

	"github.com/mcots/wizard/cloud/sandbox/tablestore/plainbuffer"
)

// The Go API serves the other sandbox planes (MaxCompute reading an
// external table) with the same checks as HTTP: the host is a LOCATION or
// endpoint host, the caller is whoever the plane acts as (typically an
// AssumeRole caller), and failures are *Error values carrying the service's
// code and message. Each call counts as its action.

// openHost counts a Go API call and resolves its host.
func (s *Service) openHost(action Action, caller Caller, host string) (*call, *Error) {
	s.count(action)
	return s.resolve(action, caller, host)
}

// resolve opens the instance a LOCATION or endpoint host names: its first
// label is the instance.
func (s *Service) resolve(action Action, caller Caller, host string) (*call, *Error) {
	ep, err := ParseEndpoint(host)
	if err != nil {
		return nil, paramInvalid("%s", err.Error())
	}
	return s.open(action, caller, ep, ep.Instance)
}

// asError keeps a nil *Error from becoming a non-nil error, and gives a
// failure the request ID the service would have answered with.
func (s *Service) asError(e *Error) error {
	if e == nil {
		return nil
	}
	if e.RequestID == "" {
		e.RequestID = s.requestID()
	}
	return e
}

// Check reports whether caller could perform action on table through host,
// without doing it (and without counting a call).
func (s *Service) Check(caller Caller, host, table string, action Action) error {
	c, err := s.resolve(action, caller, host)
	if err == nil {
		if action == ActionListTable {
			table = "*"
		}
		err = s.permit(c, table)
	}
	return s.asError(err)
}

// CreateTable creates a table as caller, like the CreateTable call.
func (s *Service) CreateTable(caller Caller, host string, spec TableSpec) error {
	c, err := s.openHost(ActionCreateTable, caller, host)
	if err == nil {
		err = s.permit(c, spec.Meta.Name)
	}
	if err == nil {
		err = s.createTable(c, spec)
	}
	return s.asError(err)
}

// Describe returns a table's schema and options, like DescribeTable.
func (s *Service) Describe(caller Caller, host, table string) (TableInfo, error) {
	c, err := s.openHost(ActionDescribeTable, caller, host)
	if err == nil {
		err = s.permit(c, table)
	}
	if err != nil {
		return TableInfo{}, s.asError(err)
	}
	info, _, _, err := s.describeTable(c, table)
	return info, s.asError(err)
}

// ScanQuery selects rows for Scan.
type ScanQuery struct {
	// Start is the inclusive first key and End the exclusive last one; nil
	// means the table's first or last row.
	Start, End []Value
	// Columns limits the attribute columns returned; nil returns all.
	Columns []string
	// Limit caps the rows of one page; 0 means the service's cap (5000 rows
	// or 4 MB).
	Limit int
}

// ScanPage is one page of a scan. Next is the key to pass as Start to read
// on; it is nil when the range is exhausted.
type ScanPage struct {
	Rows []Row
	Next []Value
}

// Scan reads a page of rows in key order, like GetRange with max versions 1.
func (s *Service) Scan(caller Caller, host, table string, q ScanQuery) (ScanPage, error) {
	page, err := s.scanPage(caller, host, table, q)
	return page, s.asError(err)
}

func (s *Service) scanPage(caller Caller, host, table string, q ScanQuery) (ScanPage, *Error) {
	c, err := s.openHost(ActionGetRange, caller, host)
	if err == nil {
		err = s.permit(c, table)
	}
	if err != nil {
		return ScanPage{}, err
	}
	if q.Limit < 0 {
		return ScanPage{}, paramInvalid("The limit must be greater than 0.")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, err := s.lookupReady(c, table)
	if err != nil {
		return ScanPage{}, err
	}
	start, end := q.Start, q.End
	if start == nil {
		start = bound(t.meta, plainbuffer.InfMin())
	}
	if end == nil {
		end = bound(t.meta, plainbuffer.InfMax())
	}
	for _, k := range [][]Value{start, end} {
		if err := checkKeyValues(t.meta, k, keyRange); err != nil {
			return ScanPage{}, err
		}
	}
	if err := checkBounds(start, end, true); err != nil {
		return ScanPage{}, err
	}
	spec := readSpec{columns: q.Columns, entirePK: true, maxVersions: 1}
	page := t.scan(rangeQuery{forward: true, start: start, end: end, limit: q.Limit, spec: spec}, oldestLive(t.opts.TimeToLive, s.now()))
	out := ScanPage{Next: page.next}
	for _, r := range page.rows {
		out.Rows = append(out.Rows, fromPlainRow(r))
	}
	return out, nil
}

// bound is a key of one placeholder in every column.
func bound(meta TableMeta, v Value) []Value {
	k := make([]Value, len(meta.PrimaryKey))
	for i := range k {
		k[i] = v
	}
	return k
}

// fromPlainRow converts a returned PlainBuffer row to a Go API row.
func fromPlainRow(r plainbuffer.Row) Row {
	var out Row
	for _, c := range r.PrimaryKey {
		out.PrimaryKey = append(out.PrimaryKey, Column{Name: c.Name, Value: ownValue(c.Value)})
	}
	for _, c := range r.Cells {
		out.Columns = append(out.Columns, Column{Name: c.Name, Value: ownValue(c.Value), Timestamp: c.Timestamp})
	}
	return out
}

// SplitPoints cuts a table into pieces of about splitSize bytes at
// partition-key boundaries, like ComputeSplitPointsBySize: the points are
// increasing values of the first primary-key column. MaxCompute asks for
// them before it reads, to plan its workers.
func (s *Service) SplitPoints(caller Caller, host, table string, splitSize int64) ([]Value, error) {
	points, err := s.splitPoints(caller, host, table, splitSize)
	return points, s.asError(err)
}

func (s *Service) splitPoints(caller Caller, host, table string, splitSize int64) ([]Value, *Error) {
	c, err := s.openHost(ActionComputeSplitPointsBySize, caller, host)
	if err == nil {
		err = s.permit(c, table)
	}
	if err != nil {
		return nil, err
	}
	if splitSize <= 0 {
		return nil, paramInvalid("Invalid split size: %d; it must be positive.", splitSize)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, err := s.lookupReady(c, table)
	if err != nil {
		return nil, err
	}
	points := t.splitPoints(splitSize, 0)
	out := make([]Value, len(points))
	for i, p := range points {
		out[i] = ownValue(p)
	}
	return out, nil
}

// WriteMode says how Write stores a row.
type WriteMode int

// Write modes, as the MaxCompute storage handler chooses them.
const (
	// WriteUpdate changes only the given columns (UpdateRow), the storage
	// handler's default.
	WriteUpdate WriteMode = iota + 1
	// WritePut replaces the whole row (PutRow), with
	// tablestore.table.put.row=true.
	WritePut
)

// String names the mode by the row operation it performs.
func (m WriteMode) String() string {
	switch m {
	case WriteUpdate:
		return "UpdateRow"
	case WritePut:
		return "PutRow"
	default:
		return fmt.Sprintf("WriteMode(%d)", int(m))
	}
}

// Write stores rows as one BatchWriteRow with no conditions: at most 200
// rows, all or nothing on validation errors. RAM must allow ots:BatchWriteRow:
// the service authorizes a request by its operation, not by the row
// operations inside it.
func (s *Service) Write(caller Caller, host, table string, mode WriteMode, rows []Row) error {
	return s.asError(s.write(caller, host, table, mode, rows))
}

func (s *Service) write(caller Caller, host, table string, mode WriteMode, rows []Row) *Error {
	c, err := s.openHost(ActionBatchWriteRow, caller, host)
	if err == nil {
		err = s.permit(c, table)
	}
	if err != nil {
		return err
	}
	kind := changeUpdate
	switch mode {
	case WriteUpdate:
	case WritePut:
		kind = changePut
	default:
		return paramInvalid("Invalid write mode: %s.", mode)
	}
	switch {
	case len(rows) == 0:
		return paramInvalid("No row is specified in BatchWriteRow.")
	case len(rows) > maxBatchWriteRows:
		return paramInvalid("Rows count exceeds the upper limit: %d.", maxBatchWriteRows)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookupReady(c, table)
	if err != nil {
		return err
	}
	now := s.now()
	changes := make([]rowChange, len(rows))
	for i, r := range rows {
		ch, err := newChange(t, kind, toPlainRow(r), now)
		if err != nil {
			return err
		}
		changes[i] = ch
	}
	for _, ch := range changes {
		if _, err := ch.apply(t, now); err != nil {
			return err
		}
	}
	return nil
}

// LoadRows puts rows straight into an existing table, bypassing
// authentication and the ready delay: the core uses it to seed demo data.
// Rows get the same validation as PutRow.
func (s *Service) LoadRows(region, instance, table string, rows []Row) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tables[keyOf(region, instance)][table]
	if !ok {
		return &Error{Code: CodeObjectNotExist, Message: MsgTableNotExist, HTTPStatus: http.StatusNotFound}
	}
	now := s.now()
	stored := make([]*storedRow, len(rows))
	for i, r := range rows {
		sr, err := rowFromAPI(t, r, now)
		if err != nil {
			return err
		}
		stored[i] = sr
	}
	for _, sr := range stored {
		t.put(sr)
	}
	return nil
}

// TableNames lists an instance's tables without any checks, for the core
// (for example before it deletes an instance).
func (s *Service) TableNames(region, instance string) []string {
	return s.tableNames(keyOf(region, instance))
}

// DropInstance forgets every table of an instance, for the core when the
// instance itself is deleted.
func (s *Service) DropInstance(region, instance string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tables, keyOf(region, instance))
}
