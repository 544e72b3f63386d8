package aliyun

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/odpssql"
)

// tablesAPI is the Tablestore data API of one instance.
type tablesAPI struct {
	endpoint string
	instance string
	keys     keys
	base     http.RoundTripper
	timeout  time.Duration
}

// client builds a client for one call: the call's context rides on the
// transport, and the SDK's own retry loop (10 tries in 5 s by default) is
// off so that cloud's policy is the only one.
func (t tablesAPI) client(ctx context.Context) *tablestore.TableStoreClient {
	cfg := tablestore.NewDefaultTableStoreConfig()
	cfg.RetryTimes = 0
	cfg.MaxRetryTime = 0
	cfg.Transport = ctxTransport{ctx: ctx, base: t.base}
	cfg.HTTPTimeout.RequestTimeout = t.timeout
	return tablestore.NewClientWithConfig(t.endpoint, t.instance, t.keys.id, t.keys.secret.Reveal(), t.keys.token.Reveal(), cfg)
}

func (t tablesAPI) convert(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	var oe *tablestore.OtsError
	if errors.As(err, &oe) {
		return cloud.Classify(&cloud.Error{Service: cloud.ServiceTablestore, Op: op, Code: oe.Code,
			Message: t.keys.redact(oe.Message), RequestID: oe.RequestId, HTTPStatus: oe.HttpStatusCode, Err: err})
	}
	e := cloud.TransportError(ctx, cloud.ServiceTablestore, op, err)
	e.Message = t.keys.redact(e.Message)
	return e
}

func (t tablesAPI) ListTables(ctx context.Context) ([]string, error) {
	resp, err := t.client(ctx).ListTable()
	if err != nil {
		return nil, t.convert(ctx, "ListTable", err)
	}
	return resp.TableNames, nil
}

func keyTypeName(t tablestore.PrimaryKeyType) string {
	switch t {
	case tablestore.PrimaryKeyType_INTEGER:
		return odpssql.TSInteger
	case tablestore.PrimaryKeyType_STRING:
		return odpssql.TSString
	case tablestore.PrimaryKeyType_BINARY:
		return odpssql.TSBinary
	}
	return fmt.Sprintf("type %d", int(t))
}

func definedTypeName(t tablestore.DefinedColumnType) string {
	switch t {
	case tablestore.DefinedColumn_INTEGER:
		return odpssql.TSInteger
	case tablestore.DefinedColumn_DOUBLE:
		return odpssql.TSDouble
	case tablestore.DefinedColumn_BOOLEAN:
		return odpssql.TSBoolean
	case tablestore.DefinedColumn_STRING:
		return odpssql.TSString
	case tablestore.DefinedColumn_BINARY:
		return odpssql.TSBinary
	}
	return fmt.Sprintf("type %d", int(t))
}

func (t tablesAPI) DescribeTable(ctx context.Context, name string) (cloud.TableMeta, error) {
	resp, err := t.client(ctx).DescribeTable(&tablestore.DescribeTableRequest{TableName: name})
	if err != nil {
		return cloud.TableMeta{}, t.convert(ctx, "DescribeTable", err)
	}
	meta := cloud.TableMeta{Name: name}
	if resp.TableMeta == nil {
		return meta, nil
	}
	meta.Name = resp.TableMeta.TableName
	for _, k := range resp.TableMeta.SchemaEntry {
		if k == nil || k.Name == nil || k.Type == nil {
			continue
		}
		meta.PrimaryKey = append(meta.PrimaryKey, steps.Column{Name: *k.Name, Type: keyTypeName(*k.Type)})
	}
	for _, c := range resp.TableMeta.DefinedColumns {
		if c != nil {
			meta.Defined = append(meta.Defined, steps.Column{Name: c.Name, Type: definedTypeName(c.ColumnType)})
		}
	}
	return meta, nil
}

func (t tablesAPI) CreateTable(ctx context.Context, meta cloud.TableMeta) error {
	tm := &tablestore.TableMeta{TableName: meta.Name}
	for _, k := range meta.PrimaryKey {
		var kt tablestore.PrimaryKeyType
		switch strings.ToUpper(k.Type) {
		case odpssql.TSInteger:
			kt = tablestore.PrimaryKeyType_INTEGER
		case odpssql.TSString:
			kt = tablestore.PrimaryKeyType_STRING
		case odpssql.TSBinary:
			kt = tablestore.PrimaryKeyType_BINARY
		default:
			return &cloud.Error{Service: cloud.ServiceTablestore, Op: "CreateTable", Kind: cloud.KindInvalid,
				Message: fmt.Sprintf("primary-key column %s has type %s; keys are INTEGER, STRING or BINARY", k.Name, k.Type)}
		}
		tm.AddPrimaryKeyColumn(k.Name, kt)
	}
	req := &tablestore.CreateTableRequest{
		TableMeta: tm,
		// Rows live forever (TTL -1), one version per cell, and no reserved
		// capacity: what an external table needs, and what a capacity
		// (HYBRID) instance accepts.
		TableOption:        &tablestore.TableOption{TimeToAlive: -1, MaxVersion: 1},
		ReservedThroughput: &tablestore.ReservedThroughput{Readcap: 0, Writecap: 0},
	}
	_, err := t.client(ctx).CreateTable(req)
	return t.convert(ctx, "CreateTable", err)
}

func (t tablesAPI) GetRange(ctx context.Context, table string, key []string, limit int) ([]cloud.Row, error) {
	if len(key) == 0 {
		return nil, &cloud.Error{Service: cloud.ServiceTablestore, Op: "GetRange", Kind: cloud.KindInvalid, Message: "no primary-key columns to read by"}
	}
	start, end := &tablestore.PrimaryKey{}, &tablestore.PrimaryKey{}
	for _, k := range key {
		start.AddPrimaryKeyColumnWithMinValue(k)
		end.AddPrimaryKeyColumnWithMaxValue(k)
	}
	client := t.client(ctx)
	var out []cloud.Row
	for len(out) < limit {
		crit := &tablestore.RangeRowQueryCriteria{
			TableName: table, StartPrimaryKey: start, EndPrimaryKey: end,
			Direction: tablestore.FORWARD, MaxVersion: 1, Limit: int32(min(limit-len(out), 5000)),
		}
		resp, err := client.GetRange(&tablestore.GetRangeRequest{RangeRowQueryCriteria: crit})
		if err != nil {
			return nil, t.convert(ctx, "GetRange", err)
		}
		for _, r := range resp.Rows {
			out = append(out, rowOf(r))
		}
		if resp.NextStartPrimaryKey == nil || len(resp.NextStartPrimaryKey.PrimaryKeys) == 0 {
			break
		}
		start = resp.NextStartPrimaryKey
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func rowOf(r *tablestore.Row) cloud.Row {
	var row cloud.Row
	if r == nil {
		return row
	}
	if r.PrimaryKey != nil {
		for _, k := range r.PrimaryKey.PrimaryKeys {
			row.Key = append(row.Key, cloud.Cell{Name: k.ColumnName, Value: valueOf(k.Value)})
		}
	}
	for _, c := range r.Columns {
		if c != nil {
			row.Attrs = append(row.Attrs, cloud.Cell{Name: c.ColumnName, Value: valueOf(c.Value)})
		}
	}
	return row
}

func valueOf(v any) cloud.Value {
	switch x := v.(type) {
	case int64:
		return cloud.Value{Type: odpssql.TSInteger, Int: x}
	case string:
		return cloud.Value{Type: odpssql.TSString, Str: x}
	case []byte:
		return cloud.Value{Type: odpssql.TSBinary, Bytes: x}
	case float64:
		return cloud.Value{Type: odpssql.TSDouble, Float: x}
	case bool:
		return cloud.Value{Type: odpssql.TSBoolean, Bool: x}
	}
	return cloud.Value{Type: odpssql.TSString, Str: fmt.Sprint(v)}
}

func sdkValue(v cloud.Value) any {
	switch v.Type {
	case odpssql.TSInteger:
		return v.Int
	case odpssql.TSBinary:
		return v.Bytes
	case odpssql.TSDouble:
		return v.Float
	case odpssql.TSBoolean:
		return v.Bool
	}
	return v.Str
}

func (t tablesAPI) PutRows(ctx context.Context, table string, rows []cloud.Row) error {
	if len(rows) == 0 {
		return nil
	}
	req := &tablestore.BatchWriteRowRequest{}
	for _, r := range rows {
		change := &tablestore.PutRowChange{TableName: table, PrimaryKey: &tablestore.PrimaryKey{}}
		for _, k := range r.Key {
			change.PrimaryKey.AddPrimaryKeyColumn(k.Name, sdkValue(k.Value))
		}
		for _, c := range r.Attrs {
			change.AddColumn(c.Name, sdkValue(c.Value))
		}
		change.SetCondition(tablestore.RowExistenceExpectation_IGNORE)
		req.AddRowChange(change)
	}
	resp, err := t.client(ctx).BatchWriteRow(req)
	if err != nil {
		return t.convert(ctx, "BatchWriteRow", err)
	}
	for _, results := range resp.TableToRowsResult {
		for _, r := range results {
			if !r.IsSucceed {
				return cloud.Classify(&cloud.Error{Service: cloud.ServiceTablestore, Op: "BatchWriteRow", Code: r.Error.Code,
					Message: fmt.Sprintf("row %d: %s", r.Index, t.keys.redact(r.Error.Message)), RequestID: resp.RequestId})
			}
		}
	}
	return nil
}

func (t tablesAPI) DeleteTable(ctx context.Context, name string) error {
	_, err := t.client(ctx).DeleteTable(&tablestore.DeleteTableRequest{TableName: name})
	return t.convert(ctx, "DeleteTable", err)
}
