package steps

import "github.com/mcots/wizard/steps/odpssql"

// Default names of the role and policy, as the MaxCompute and Tablestore
// cross-account documentation calls them.
const (
	DefaultRole   = "AliyunODPSRoleForOtherUser"
	DefaultPolicy = "AliyunODPSRolePolicyForOtherUser"
)

// WithDefaults returns the spec with every omitted choice filled in: role and
// policy names, read access scoped to the table, an SSD instance open to the
// NORMAL network, the internal endpoint, external table "<table>_ext", and
// the column mapping derived from the table when none is given. It never
// changes a value the user gave.
func (s Spec) WithDefaults() Spec {
	if s.RAM.Role == "" {
		s.RAM.Role = DefaultRole
	}
	if s.RAM.Policy == "" {
		s.RAM.Policy = DefaultPolicy
	}
	if s.RAM.Access == "" {
		s.RAM.Access = AccessRead
	}
	if s.RAM.Scope == "" {
		s.RAM.Scope = ScopeTable
	}
	if s.Tablestore.ClusterType == "" {
		s.Tablestore.ClusterType = ClusterSSD
	}
	if s.Tablestore.Network == "" {
		s.Tablestore.Network = NetworkNormal
	}
	if s.ExternalTable.Endpoint == "" {
		s.ExternalTable.Endpoint = EndpointInternal
	}
	if s.ExternalTable.Name == "" && s.Tablestore.Table != "" {
		s.ExternalTable.Name = s.Tablestore.Table + "_ext"
	}
	if len(s.ExternalTable.Mapping) == 0 {
		s.ExternalTable.Mapping = DeriveMapping(s.Tablestore)
	}
	return s
}

// DeriveMapping maps every column of the table to an external column of the
// same name: the primary key first, in key order and marked with ':', then
// every attribute column. Types come from the Tablestore→MaxCompute type
// table (INTEGER→bigint, …); a column of an unknown type gets an empty type,
// which validation reports against the column.
func DeriveMapping(t Tablestore) []Mapping {
	if len(t.PrimaryKey)+len(t.Columns) == 0 {
		return nil
	}
	m := make([]Mapping, 0, len(t.PrimaryKey)+len(t.Columns))
	for _, c := range t.PrimaryKey {
		ext, _ := odpssql.ExternalType(c.Type)
		m = append(m, Mapping{Column: c.Name, Type: ext, Source: ":" + c.Name})
	}
	for _, c := range t.Columns {
		ext, _ := odpssql.ExternalType(c.Type)
		m = append(m, Mapping{Column: c.Name, Type: ext, Source: c.Name})
	}
	return m
}
