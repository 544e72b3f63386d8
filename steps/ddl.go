package steps

import (
	"sort"
	"strings"

	"github.com/mcots/wizard/steps/odpssql"
)

// StorageHandler is the class MaxCompute uses to read Tablestore.
const StorageHandler = "com.aliyun.odps.TableStoreStorageHandler"

// The SERDEPROPERTIES the wizard always renders from the spec.
const (
	propMapping = "tablestore.columns.mapping"
	propTable   = "tablestore.table.name"
	propRoleARN = "odps.properties.rolearn"
)

// Property is one SERDEPROPERTIES entry.
type Property struct{ Key, Value string }

// SerdeProperties lists the external table's properties: the column
// mapping, the Tablestore table and the role ARN, then the spec's extra
// properties in key order.
func SerdeProperties(s Spec) []Property {
	s = s.WithDefaults()
	props := []Property{
		{propMapping, ColumnsMapping(s.ExternalTable.Mapping)},
		{propTable, s.Tablestore.Table},
		{propRoleARN, RoleARN(s)},
	}
	for _, k := range sortedKeys(s.ExternalTable.Properties) {
		props = append(props, Property{k, s.ExternalTable.Properties[k]})
	}
	return props
}

// ColumnsMapping renders tablestore.columns.mapping: the sources in external
// column order, joined by commas (":vid,:gt,longitude").
func ColumnsMapping(m []Mapping) string {
	sources := make([]string, len(m))
	for i, e := range m {
		sources[i] = e.Source
	}
	return strings.Join(sources, ",")
}

// LocationHost is the Tablestore host MaxCompute reads from. The instance
// name is lowercased: instance names ignore case, and hosts are compared
// without it.
func LocationHost(instance, region string, e Endpoint) string {
	inst := strings.ToLower(instance)
	switch e {
	case EndpointPublic:
		return inst + "." + region + ".ots.aliyuncs.com"
	case EndpointVPC:
		return inst + "." + region + ".vpc.tablestore.aliyuncs.com"
	default:
		return inst + "." + region + ".ots-internal.aliyuncs.com"
	}
}

// Location is the external table's LOCATION, derived from the instance, its
// region and the endpoint kind — never typed, so it cannot name the wrong
// region.
func Location(s Spec) string {
	s = s.WithDefaults()
	return "tablestore://" + LocationHost(s.Tablestore.Instance, s.Region, s.ExternalTable.Endpoint)
}

// DDL renders the CREATE EXTERNAL TABLE statement that runs in account B's
// project. Every identifier and literal is quoted, so no value of the spec
// can end a literal or a name early; validate the spec first for a statement
// MaxCompute accepts.
func DDL(s Spec) string {
	s = s.WithDefaults()
	var b strings.Builder
	b.WriteString("CREATE EXTERNAL TABLE IF NOT EXISTS ")
	b.WriteString(odpssql.QuoteIdent(s.ExternalTable.Name))
	b.WriteString(" (\n")
	for i, m := range s.ExternalTable.Mapping {
		b.WriteString("  ")
		b.WriteString(odpssql.QuoteIdent(m.Column))
		b.WriteByte(' ')
		b.WriteString(odpssql.QuoteType(m.Type))
		if i < len(s.ExternalTable.Mapping)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(")\n")
	b.WriteString("STORED BY " + odpssql.QuoteString(StorageHandler) + "\n")
	b.WriteString("WITH SERDEPROPERTIES (\n")
	props := SerdeProperties(s)
	for i, p := range props {
		b.WriteString("  ")
		b.WriteString(odpssql.QuoteString(p.Key))
		b.WriteByte('=')
		b.WriteString(odpssql.QuoteString(p.Value))
		if i < len(props)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(")\n")
	b.WriteString("LOCATION " + odpssql.QuoteString(Location(s)))
	if len(s.ExternalTable.Using) > 0 {
		b.WriteString("\nUSING " + odpssql.QuoteString(strings.Join(s.ExternalTable.Using, ",")))
	}
	b.WriteString(";\n")
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
