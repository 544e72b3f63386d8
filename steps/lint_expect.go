package steps

import "github.com/mcots/wizard/steps/odpssql"

// LintExpect says what a DDL for this spec must name, for odpssql.Lint: the
// instance, region, table, role ARN, primary key and attribute columns.
func LintExpect(s Spec) *odpssql.Expect {
	d := s.WithDefaults()
	e := &odpssql.Expect{
		Instance:      d.Tablestore.Instance,
		Region:        d.Region,
		Table:         d.Tablestore.Table,
		ExternalTable: d.ExternalTable.Name,
		Role:          d.RAM.Role, // checked even while account A's UID is unknown
	}
	if d.Accounts.Tablestore.UID != "" {
		e.RoleARN = RoleARN(d)
	}
	for _, c := range d.Tablestore.PrimaryKey {
		e.PrimaryKey = append(e.PrimaryKey, odpssql.TSColumn{Name: c.Name, Type: c.Type})
	}
	if len(d.Tablestore.Columns) > 0 {
		e.Attributes = make([]odpssql.TSColumn, 0, len(d.Tablestore.Columns))
		for _, c := range d.Tablestore.Columns {
			e.Attributes = append(e.Attributes, odpssql.TSColumn{Name: c.Name, Type: c.Type})
		}
	}
	return e
}
