package tablestore

import (
	"net/http"
	"sort"

	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
)

// TableSpec is everything CreateTable sets.
type TableSpec struct {
	Meta     TableMeta
	Options  TableOptions
	Reserved Throughput
}

// createTable adds a table to the call's instance.
func (s *Service) createTable(c *call, spec TableSpec) *Error {
	if err := checkMeta(spec.Meta); err != nil {
		return err
	}
	if err := checkOptions(spec.Options); err != nil {
		return err
	}
	if err := checkReserved(spec.Reserved, c.instance.ClusterType); err != nil {
		return err
	}
	now := s.now()
	t := &table{
		meta:         cloneMeta(spec.Meta),
		opts:         spec.Options,
		reserved:     spec.Reserved,
		lastIncrease: now.Unix(),
		createdAt:    now,
		readyAt:      now.Add(s.opts.TableReadyDelay),
	}
	var preload []Row
	if s.opts.Preload != nil {
		preload = s.opts.Preload(c.instance.Region, c.instance.Name, cloneMeta(spec.Meta))
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	tables := s.tables[c.key]
	if _, ok := tables[spec.Meta.Name]; ok {
		return &Error{Code: CodeObjectAlreadyExist, Message: MsgTableExists, HTTPStatus: http.StatusConflict}
	}
	if len(tables) >= c.instance.tableQuota() {
		return &Error{Code: CodeQuotaExhausted, Message: MsgTableQuota, HTTPStatus: http.StatusForbidden}
	}
	for _, r := range preload {
		// Demo rows that do not fit the user's schema are skipped: the
		// table is the user's, the demo data only a courtesy.
		if sr, err := rowFromAPI(t, r, now); err == nil {
			t.put(sr)
		}
	}
	if tables == nil {
		tables = map[string]*table{}
		s.tables[c.key] = tables
	}
	tables[spec.Meta.Name] = t
	return nil
}

// lookup returns a table of the call's instance; the caller holds s.mu.
func (s *Service) lookup(c *call, name string) (*table, *Error) {
	t, ok := s.tables[c.key][name]
	if !ok {
		return nil, tableNotExist()
	}
	return t, nil
}

// lookupReady is lookup for row operations, which a loading table refuses.
func (s *Service) lookupReady(c *call, name string) (*table, *Error) {
	t, err := s.lookup(c, name)
	if err != nil {
		return nil, err
	}
	if !t.ready(s.now()) {
		return nil, tableNotReady()
	}
	return t, nil
}

func (s *Service) describeTable(c *call, name string) (TableInfo, int64, int64, *Error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, err := s.lookup(c, name)
	if err != nil {
		return TableInfo{}, 0, 0, err
	}
	return t.info(s.now()), t.lastIncrease, t.lastDecrease, nil
}

// tableNames lists an instance's tables in name order.
func (s *Service) tableNames(k instanceKey) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return sortedNames(s.tables[k])
}

// sortedNames lists the tables of one instance in name order; the caller
// holds s.mu.
func sortedNames(tables map[string]*table) []string {
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (s *Service) deleteTable(c *call, name string) *Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.lookup(c, name); err != nil {
		return err
	}
	delete(s.tables[c.key], name)
	return nil
}

// tableUpdate is what UpdateTable may change; nil fields stay as they are.
type tableUpdate struct {
	reserved    *Throughput
	ttl         *int32
	maxVersions *int32
	deviation   *int64
	allowUpdate *bool
}

// updated is what UpdateTable answers.
type updated struct {
	reserved     Throughput
	opts         TableOptions
	lastIncrease int64
	lastDecrease int64
}

func (s *Service) updateTable(c *call, name string, u tableUpdate) (updated, *Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookup(c, name)
	if err != nil {
		return updated{}, err
	}
	opts := t.opts
	if u.ttl != nil {
		opts.TimeToLive = *u.ttl
	}
	if u.maxVersions != nil {
		opts.MaxVersions = *u.maxVersions
	}
	if u.deviation != nil {
		opts.DeviationSeconds = *u.deviation
	}
	if u.allowUpdate != nil {
		opts.AllowUpdate = *u.allowUpdate
	}
	if err := checkOptions(opts); err != nil {
		return updated{}, err
	}
	if r := u.reserved; r != nil {
		if c.instance.ClusterType == ClusterHybrid && (r.Read > 0 || r.Write > 0) {
			return updated{}, &Error{Code: CodeForbiddenUpdateCapacity, Message: "Your instance is forbidden to update capacity unit.", HTTPStatus: http.StatusBadRequest}
		}
		if r.Read < 0 || r.Write < 0 {
			return updated{}, paramInvalid("Invalid Capacity Unit for UpdateTable: Either read(%d) or write(%d) should be non-negative.", r.Read, r.Write)
		}
		now := s.now().Unix()
		if r.Read > t.reserved.Read || r.Write > t.reserved.Write {
			t.lastIncrease = now
		}
		if r.Read < t.reserved.Read || r.Write < t.reserved.Write {
			t.lastDecrease = now
		}
		t.reserved = *r
	}
	t.opts = opts
	return updated{reserved: t.reserved, opts: t.opts, lastIncrease: t.lastIncrease, lastDecrease: t.lastDecrease}, nil
}

// --- HTTP ---

func (s *Service) httpCreateTable(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.CreateTableRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := s.permit(c, req.GetTableMeta().GetTableName()); err != nil {
		return nil, err
	}
	spec, err := specFromProto(&req)
	if err != nil {
		return nil, err
	}
	if err := s.createTable(c, spec); err != nil {
		return nil, err
	}
	return nil, nil // the SDK decodes no CreateTable response
}

func specFromProto(req *otsprotocol.CreateTableRequest) (TableSpec, *Error) {
	m := req.GetTableMeta()
	spec := TableSpec{Meta: TableMeta{Name: m.GetTableName()}}
	for _, pk := range m.GetPrimaryKey() {
		spec.Meta.PrimaryKey = append(spec.Meta.PrimaryKey, PKColumn{
			Name:          pk.GetName(),
			Type:          PKType(pk.GetType()),
			AutoIncrement: pk.Option != nil && pk.GetOption() == otsprotocol.PrimaryKeyOption_AUTO_INCREMENT,
		})
	}
	for _, dc := range m.GetDefinedColumn() {
		spec.Meta.DefinedColumns = append(spec.Meta.DefinedColumns, DefinedColumn{Name: dc.GetName(), Type: ColumnType(dc.GetType())})
	}
	if len(m.GetIndexMeta()) > 0 || len(req.GetIndexMetas()) > 0 {
		return spec, paramInvalid("The sandbox does not support secondary indexes: create the table without IndexMetas.")
	}
	if req.GetStreamSpec().GetEnableStream() {
		return spec, paramInvalid("The sandbox does not support Tablestore Stream: create the table without StreamSpec.")
	}
	if req.GetSseSpec().GetEnable() {
		return spec, paramInvalid("The sandbox does not support server-side encryption: create the table without SSESpecification.")
	}
	o := req.GetTableOptions()
	if o == nil || o.TimeToLive == nil {
		return spec, paramInvalid("Time-to-live is missing while creating table.")
	}
	if o.MaxVersions == nil {
		return spec, paramInvalid("MaxVersions is missing while creating table.")
	}
	spec.Options = TableOptions{
		TimeToLive:       o.GetTimeToLive(),
		MaxVersions:      o.GetMaxVersions(),
		DeviationSeconds: defaultDeviation,
		AllowUpdate:      true,
	}
	if o.DeviationCellVersionInSec != nil {
		spec.Options.DeviationSeconds = o.GetDeviationCellVersionInSec()
	}
	if o.AllowUpdate != nil {
		spec.Options.AllowUpdate = o.GetAllowUpdate()
	}
	cu := req.GetReservedThroughput().GetCapacityUnit()
	spec.Reserved = Throughput{Read: cu.GetRead(), Write: cu.GetWrite()}
	return spec, nil
}

func (s *Service) httpListTable(c *call) ([]byte, *Error) {
	if err := s.permit(c, "*"); err != nil {
		return nil, err
	}
	return marshal(&otsprotocol.ListTableResponse{TableNames: s.tableNames(c.key)})
}

func (s *Service) httpDescribeTable(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.DescribeTableRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := s.permit(c, req.GetTableName()); err != nil {
		return nil, err
	}
	info, inc, dec, err := s.describeTable(c, req.GetTableName())
	if err != nil {
		return nil, err
	}
	status := otsprotocol.TableStatus_ACTIVE
	if !info.Ready {
		status = otsprotocol.TableStatus_LOADING
	}
	meta := &otsprotocol.TableMeta{TableName: &info.Meta.Name}
	for _, pk := range info.Meta.PrimaryKey {
		p := &otsprotocol.PrimaryKeySchema{Name: ptr(pk.Name), Type: otsprotocol.PrimaryKeyType(pk.Type).Enum()}
		if pk.AutoIncrement {
			p.Option = otsprotocol.PrimaryKeyOption_AUTO_INCREMENT.Enum()
		}
		meta.PrimaryKey = append(meta.PrimaryKey, p)
	}
	for _, dc := range info.Meta.DefinedColumns {
		meta.DefinedColumn = append(meta.DefinedColumn, &otsprotocol.DefinedColumnSchema{Name: ptr(dc.Name), Type: otsprotocol.DefinedColumnType(dc.Type).Enum()})
	}
	return marshal(&otsprotocol.DescribeTableResponse{
		TableMeta:                 meta,
		ReservedThroughputDetails: reservedDetails(info.Reserved, inc, dec),
		TableOptions:              optionsProto(info.Options),
		TableStatus:               status.Enum(),
		StreamDetails:             &otsprotocol.StreamDetails{EnableStream: ptr(false)},
	})
}

func reservedDetails(r Throughput, inc, dec int64) *otsprotocol.ReservedThroughputDetails {
	d := &otsprotocol.ReservedThroughputDetails{
		CapacityUnit:     &otsprotocol.CapacityUnit{Read: ptr(r.Read), Write: ptr(r.Write)},
		LastIncreaseTime: ptr(inc),
	}
	if dec > 0 {
		d.LastDecreaseTime = ptr(dec)
	}
	return d
}

// optionsProto sets every option the SDK dereferences.
func optionsProto(o TableOptions) *otsprotocol.TableOptions {
	return &otsprotocol.TableOptions{
		TimeToLive:                ptr(o.TimeToLive),
		MaxVersions:               ptr(o.MaxVersions),
		DeviationCellVersionInSec: ptr(o.DeviationSeconds),
		AllowUpdate:               ptr(o.AllowUpdate),
		UpdateFullRow:             ptr(false),
	}
}

func (s *Service) httpDeleteTable(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.DeleteTableRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := s.permit(c, req.GetTableName()); err != nil {
		return nil, err
	}
	// The SDK passes no response message for DeleteTable: the body must be
	// empty.
	return nil, s.deleteTable(c, req.GetTableName())
}

func (s *Service) httpUpdateTable(c *call, body []byte) ([]byte, *Error) {
	var req otsprotocol.UpdateTableRequest
	if err := unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := s.permit(c, req.GetTableName()); err != nil {
		return nil, err
	}
	if req.GetStreamSpec().GetEnableStream() {
		return nil, paramInvalid("The sandbox does not support Tablestore Stream: update the table without StreamSpec.")
	}
	var u tableUpdate
	if rt := req.GetReservedThroughput(); rt != nil {
		cu := rt.GetCapacityUnit()
		u.reserved = &Throughput{Read: cu.GetRead(), Write: cu.GetWrite()}
	}
	if o := req.GetTableOptions(); o != nil {
		u.ttl, u.maxVersions, u.deviation, u.allowUpdate = o.TimeToLive, o.MaxVersions, o.DeviationCellVersionInSec, o.AllowUpdate
	}
	if u.reserved == nil && u.ttl == nil && u.maxVersions == nil && u.deviation == nil && u.allowUpdate == nil && req.StreamSpec == nil {
		return nil, paramInvalid("No parameter is specified in table options.")
	}
	t, err := s.updateTable(c, req.GetTableName(), u)
	if err != nil {
		return nil, err
	}
	return marshal(&otsprotocol.UpdateTableResponse{
		ReservedThroughputDetails: reservedDetails(t.reserved, t.lastIncrease, t.lastDecrease),
		TableOptions:              optionsProto(t.opts),
		// The SDK dereferences stream_details.enable_stream unconditionally.
		StreamDetails: &otsprotocol.StreamDetails{EnableStream: ptr(false)},
	})
}

func ptr[T any](v T) *T { return &v }
