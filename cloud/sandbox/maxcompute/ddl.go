package maxcompute

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps/odpssql"
)

// ddlOK is the task result of a statement that returns no rows.
const ddlOK = "OK"

// createTable runs CREATE [EXTERNAL] TABLE. What MaxCompute checks at CREATE
// is what it can check without reading Tablestore: the DDL itself, and the
// role (the compiler assumes it, which is where a missing role or a trust
// policy that does not admit the project owner fails — "external table
// checking failure"). LOCATION reachability, the table's existence, the
// role's permissions and the mapping against the primary key are only
// discovered when a statement reads or writes.
func (ex *execution) createTable(c *odpssql.CreateTable) (outcome, error) {
	if !c.External {
		if c.StoredBy != "" || c.Location != "" {
			// MaxCompute's own wording, typo included.
			return outcome{}, semanticError(c.Pos, "unsupported feature non-external table with stord by location")
		}
		return outcome{}, semanticError(c.Pos,
			"the sandbox holds only Tablestore external tables: write CREATE EXTERNAL TABLE … STORED BY '%s'", tableStoreHandler)
	}
	if !ex.inProject(c.Qualifier) {
		return outcome{}, semanticError(c.NamePos, "project %s cannot be resolved from project %s", c.Qualifier, ex.project.Name)
	}
	if _, exists := ex.s.lookupTable(ex.project.Name, c.Name); exists {
		if c.IfNotExists {
			return succeeded(ddlOK), nil
		}
		return outcome{}, tableExists(c.NamePos, ex.project.Name, c.Name)
	}
	def, err := ex.externalDef(c)
	if err != nil {
		return outcome{}, err
	}
	if src := def.source(ex.project); src.RoleARN != "" {
		if err := ex.s.backend.AssumeRole(ex.ctx, src); err != nil {
			return outcome{}, externalFailure(c.Pos, err)
		}
	}
	if !ex.s.addTable(def) { // created meanwhile by another task
		if c.IfNotExists {
			return succeeded(ddlOK), nil
		}
		return outcome{}, tableExists(c.NamePos, ex.project.Name, c.Name)
	}
	return succeeded(ddlOK), nil
}

// externalDef checks an external table's DDL and builds its definition.
func (ex *execution) externalDef(c *odpssql.CreateTable) (*ExternalTableDef, error) {
	checking := func(pos odpssql.Pos, format string, args ...any) error {
		return semanticError(pos, "external table checking failure, error message: "+format, args...)
	}
	switch {
	case c.StoredBy == "":
		return nil, semanticError(c.Pos, "an external table needs STORED BY '%s'", tableStoreHandler)
	case c.StoredBy != tableStoreHandler:
		return nil, semanticError(c.StoredByPos,
			"storage handler '%s' is not available in the sandbox, which reads Tablestore only ('%s')", c.StoredBy, tableStoreHandler)
	case len(c.Using) > 0:
		// The sandbox project holds no resources; the built-in handler needs none.
		return nil, semanticError(c.UsingPos,
			"resource %s cannot be resolved in project %s; the Tablestore handler is built in, drop the USING clause", c.Using[0], ex.project.Name)
	case c.Location == "":
		return nil, checking(c.Pos, "LOCATION is required, e.g. 'tablestore://<instance>.%s.ots-internal.aliyuncs.com'", ex.project.Region)
	}
	for _, col := range c.Columns {
		if _, ok := tsTypeOf(col.Type); !ok {
			return nil, semanticError(col.Pos,
				"column %s has type %s, which Tablestore cannot hold; use bigint, string, double, boolean or binary", col.Name, col.Type)
		}
	}

	mappingProp, ok := c.Property(propMapping)
	if !ok {
		return nil, checking(c.PropertiesPos, "SERDEPROPERTIES must set '%s'", propMapping)
	}
	mapping, err := odpssql.ParseMapping(mappingProp.Value)
	if err != nil {
		return nil, checking(mappingProp.ValuePos, "invalid %s: %v", propMapping, err)
	}
	if len(mapping) != len(c.Columns) {
		return nil, checking(mappingProp.ValuePos,
			"%s lists %d Tablestore columns but the table has %d columns; they pair up by position", propMapping, len(mapping), len(c.Columns))
	}
	hasKey := false
	for _, m := range mapping {
		hasKey = hasKey || m.PrimaryKey
	}
	if !hasKey {
		return nil, checking(mappingProp.ValuePos,
			"%s marks no primary-key column; write each primary-key column with a leading ':'", propMapping)
	}
	if p, ok := c.Property(propTable); !ok || strings.TrimSpace(p.Value) == "" {
		return nil, checking(c.PropertiesPos, "SERDEPROPERTIES must set '%s'", propTable)
	}
	loc, err := odpssql.ParseLocation(c.Location)
	if err != nil {
		return nil, checking(c.LocationPos, "invalid LOCATION: %v", err)
	}
	if role, ok := c.Property(propRoleARN); ok {
		if _, _, err := odpssql.ParseRoleARN(role.Value); err != nil {
			return nil, checking(role.ValuePos, "invalid %s: %v", propRoleARN, err)
		}
	} else if !loc.HasCredentials {
		return nil, checking(c.PropertiesPos,
			"no credentials to reach Tablestore: set '%s' to the ARN of a role MaxCompute may assume", propRoleARN)
	}

	def := &ExternalTableDef{
		Project:        ex.project.Name,
		Name:           strings.ToLower(c.Name),
		ID:             newTableID(),
		OwnerUID:       ex.project.OwnerUID,
		Comment:        c.Comment,
		StorageHandler: c.StoredBy,
		Location:       c.Location,
		Created:        ex.s.now().UTC(),
	}
	for _, col := range c.Columns {
		def.Columns = append(def.Columns, ColumnDef{Name: strings.ToLower(col.Name), Type: strings.ToLower(col.Type), Comment: col.Comment})
	}
	for _, p := range c.Properties {
		def.SerDeProperties = append(def.SerDeProperties, Property{Key: p.Key, Value: p.Value})
	}
	return def, nil
}

func newTableID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// dropTable runs DROP TABLE. It only forgets the definition; the Tablestore
// table is not touched.
func (ex *execution) dropTable(d *odpssql.DropTable) (outcome, error) {
	def, err := ex.table(d.Pos, d.Qualifier, d.Name)
	if err != nil {
		if d.IfExists {
			return succeeded(ddlOK), nil
		}
		return outcome{}, err
	}
	if !ex.s.dropTable(ex.project.Name, def.Name) && !d.IfExists {
		return outcome{}, tableNotFound(d.Pos, ex.project.Name, d.Name)
	}
	return succeeded(ddlOK), nil
}

// showTables lists the project's tables one per line as "<owner>:<name>".
func (ex *execution) showTables() (outcome, error) {
	var b strings.Builder
	for _, t := range ex.s.projectTables(ex.project.Name) {
		fmt.Fprintf(&b, "%s:%s\n", principal(t.OwnerUID), t.Name)
	}
	return succeeded(b.String()), nil
}

// desc describes a table in the boxed layout DESC prints.
func (ex *execution) desc(d *odpssql.Desc) (outcome, error) {
	def, err := ex.table(d.Pos, d.Qualifier, d.Name)
	if err != nil {
		return outcome{}, err
	}
	return succeeded(describe(def, d.Extended)), nil
}

func describe(t *ExternalTableDef, extended bool) string {
	const width = 84
	var b strings.Builder
	rule := func() { b.WriteString("+" + strings.Repeat("-", width) + "+\n") }
	line := func(s string) {
		if pad := width - 1 - len([]rune(s)); pad > 0 {
			s += strings.Repeat(" ", pad)
		}
		b.WriteString("| " + s + "|\n")
	}
	field := func(k, v string) { line(fmt.Sprintf("%-26s%s", k+":", v)) }
	created := t.Created.UTC().Format("2006-01-02 15:04:05")

	rule()
	field("Owner", principal(t.OwnerUID))
	field("Project", t.Project)
	field("TableComment", t.Comment)
	rule()
	field("CreateTime", created)
	field("LastDDLTime", created)
	field("LastModifiedTime", created)
	rule()
	field("ExternalTable", "YES")
	if extended {
		field("StorageHandler", t.StorageHandler)
		field("Location", displayLocation(t.Location))
		for _, p := range t.SerDeProperties {
			field(p.Key, p.Value)
		}
	}
	rule()
	line("Native Columns:")
	rule()
	line(fmt.Sprintf("%-16s| %-11s| %-6s| %s", "Field", "Type", "Label", "Comment"))
	rule()
	for _, c := range t.Columns {
		line(fmt.Sprintf("%-16s| %-11s| %-6s| %s", c.Name, c.Type, "", c.Comment))
	}
	rule()
	return b.String()
}
