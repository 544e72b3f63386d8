package cloud

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/odpssql"
)

// externalDef is the external table doctor judges: as MaxCompute's
// metadata describes it (rendered back into a DDL for the linter), or as a
// pasted DDL writes it.
type externalDef struct {
	where  string        // "project demo_project" or the DDL's file name
	ddl    string        // what the linter reads
	table  ExternalTable // the facts, when known
	parsed bool          // table is known (a pasted DDL may not parse)
	byLink map[LinkID][]odpssql.Finding
}

// ExternalTableDDL renders an external table's metadata back into the
// CREATE statement that makes it, so that the linter can judge a table
// that exists only as metadata. Properties come in key order.
func ExternalTableDDL(t ExternalTable) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if t.IsExternal {
		b.WriteString("EXTERNAL ")
	}
	b.WriteString("TABLE " + odpssql.QuoteIdent(t.Name) + " (\n")
	for i, c := range t.Columns {
		b.WriteString("  " + odpssql.QuoteIdent(c.Name) + " " + odpssql.QuoteType(c.Type))
		if i < len(t.Columns)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(")\n")
	if t.Comment != "" {
		b.WriteString("COMMENT " + odpssql.QuoteString(t.Comment) + "\n")
	}
	if t.StorageHandler != "" {
		b.WriteString("STORED BY " + odpssql.QuoteString(t.StorageHandler) + "\n")
	}
	if len(t.Properties) > 0 {
		b.WriteString("WITH SERDEPROPERTIES (\n")
		keys := slices.Sorted(maps.Keys(t.Properties))
		for i, k := range keys {
			b.WriteString("  " + odpssql.QuoteString(k) + "=" + odpssql.QuoteString(t.Properties[k]))
			if i < len(keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(")\n")
	}
	if t.Location != "" {
		b.WriteString("LOCATION " + odpssql.QuoteString(t.Location) + "\n")
	}
	b.WriteString(";\n")
	return b.String()
}

// externalTableOf reads the facts of a parsed CREATE TABLE.
func externalTableOf(ct *odpssql.CreateTable) ExternalTable {
	t := ExternalTable{Name: ct.Name, Comment: ct.Comment, IsExternal: ct.External, StorageHandler: ct.StoredBy,
		Location: ct.Location, Properties: map[string]string{}}
	for _, c := range ct.Columns {
		t.Columns = append(t.Columns, Column{Name: c.Name, Type: c.Type})
	}
	for _, p := range ct.Properties {
		if _, dup := t.Properties[p.Key]; !dup {
			t.Properties[p.Key] = p.Value
		}
	}
	return t
}

// pastedTable parses a pasted DDL strictly; a DDL the parser refuses is
// judged by the linter's findings alone.
func pastedTable(ddl string) (ExternalTable, bool) {
	stmts, err := odpssql.ParseScript(ddl)
	if err != nil {
		return ExternalTable{}, false
	}
	for _, st := range stmts {
		if ct, isCreate := st.(*odpssql.CreateTable); isCreate {
			return externalTableOf(ct), true
		}
	}
	return ExternalTable{}, false
}

// mapping is the external table's columns as the spec's mapping writes
// them, for the verification query; false when they do not pair up.
func (e *externalDef) mapping() ([]steps.Mapping, bool) {
	if !e.parsed {
		return nil, false
	}
	entries := mappingEntries(e.table.Properties[odpssql.PropColumnsMapping])
	if len(entries) != len(e.table.Columns) || len(entries) == 0 {
		return nil, false
	}
	out := make([]steps.Mapping, len(entries))
	for i, en := range entries {
		out[i] = steps.Mapping{Column: e.table.Columns[i].Name, Type: e.table.Columns[i].Type, Source: en.String()}
	}
	return out, true
}

// findingLink says which link a linter finding belongs to, so that a fault
// is reported once, at its link: LOCATION, the mapping, the role ARN, or
// the DDL itself.
func findingLink(f odpssql.Finding) LinkID {
	switch {
	case strings.HasPrefix(f.Code, "location-"), f.Code == "missing-location",
		f.Code == "bad-name" && strings.HasPrefix(f.Message, "LOCATION"):
		return LinkLocation
	case strings.HasPrefix(f.Code, "mapping-"), f.Code == "pk-type", f.Code == "int-for-integer",
		f.Code == "timestamp-ticks", f.Code == "type-unsupported",
		f.Code == "missing-property" && strings.Contains(f.Message, odpssql.PropColumnsMapping):
		return LinkMapping
	case strings.HasPrefix(f.Code, "rolearn-"),
		f.Code == "missing-property" && strings.Contains(f.Message, odpssql.PropRoleARN):
		return LinkRoleARN
	}
	return LinkExternalTable
}

// lintExpect is what the DDL must match: the spec's instance, region and
// tables, the role's ARN as RAM reports it, and the primary key as
// DescribeTable reports it (the mapping is checked against the table, not
// the spec). Attributes stay unknown: Tablestore declares none.
func (d *doctor) lintExpect() *odpssql.Expect {
	e := steps.LintExpect(d.r.spec)
	e.Attributes = nil
	e.PrimaryKey = nil
	if d.role.exists && d.role.role.ARN != "" {
		e.RoleARN = d.role.role.ARN
	}
	if d.checks[LinkTable].Verdict.Holds() {
		for _, c := range d.table.PrimaryKey {
			e.PrimaryKey = append(e.PrimaryKey, odpssql.TSColumn{Name: c.Name, Type: strings.ToUpper(c.Type)})
		}
	}
	return e
}

// shown renders a finding for a detail line: with its place in a pasted
// DDL; without it for a table rebuilt from metadata, whose lines the user
// never saw.
func (d *doctor) shown(f odpssql.Finding) string {
	if d.pasted() {
		return fmt.Sprintf("%s:%d:%d: %s: %s", d.opts.DDLName, f.Pos.Line, f.Pos.Col, f.Severity, f.Message)
	}
	return f.Severity.String() + ": " + f.Message
}

// fromFindings judges a link by its linter findings: broken if any is an
// error, a warning if any warns, else nil. faultOf picks the catalogue's
// fault of a finding.
func (d *doctor) fromFindings(head string, fs []odpssql.Finding, faultOf func(odpssql.Finding) Fault) *Check {
	if len(fs) == 0 {
		return nil
	}
	lines := []string{}
	if head != "" {
		lines = append(lines, head)
	}
	var firstErr, firstWarn *odpssql.Finding
	for i, f := range fs {
		lines = append(lines, d.shown(f))
		switch {
		case f.Severity == odpssql.Error && firstErr == nil:
			firstErr = &fs[i]
		case f.Severity == odpssql.Warning && firstWarn == nil:
			firstWarn = &fs[i]
		}
	}
	detail := strings.Join(lines, "\n")
	if firstErr != nil {
		c := broken(faultOf(*firstErr), detail, d.recreate(firstErr.Fix))
		return &c
	}
	c := warn(faultOf(*firstWarn), detail, d.recreate(firstWarn.Fix))
	return &c
}

func (d *doctor) checkExternalTable(ctx context.Context) (Check, error) {
	def := &externalDef{}
	if d.pasted() {
		def.where, def.ddl = d.opts.DDLName, d.opts.DDL
		def.table, def.parsed = pastedTable(d.opts.DDL)
	} else {
		project, name := d.r.spec.MaxCompute.Project, d.r.spec.ExternalTable.Name
		v, err := d.r.lookExternal(ctx)
		switch {
		case err != nil:
			return failed(err, FaultExternalAbsent)
		case !v.exists:
			return broken(FaultExternalAbsent, fmt.Sprintf("project %s has no table %s", project, name),
				d.orWizard(d.cli(steps.StepExternalTable))), nil
		case v.foreign:
			return broken(FaultForeignTable, fmt.Sprintf("table %s in project %s is not a Tablestore external table", name, project), ""), nil
		}
		def.where = "project " + project
		def.table, def.parsed = v.table, true
		def.ddl = ExternalTableDDL(v.table)
	}
	def.byLink = map[LinkID][]odpssql.Finding{}
	for _, f := range odpssql.Lint(def.ddl, d.lintExpect()) {
		l := findingLink(f)
		def.byLink[l] = append(def.byLink[l], f)
	}
	d.def = def
	if !def.parsed && len(def.byLink[LinkExternalTable]) == 0 {
		// The parser refused what the linter tolerates: still a fault.
		return broken(FaultDDL, def.where+": the DDL does not parse as one CREATE EXTERNAL TABLE statement", "run wizard lint on it"), nil
	}
	head := ""
	if def.parsed {
		head = fmt.Sprintf("external table %s (%s)", def.table.Name, def.where)
	}
	if c := d.fromFindings(head, def.byLink[LinkExternalTable], func(f odpssql.Finding) Fault {
		if f.Code == "missing-external" {
			return FaultNotExternal
		}
		return FaultDDL
	}); c != nil {
		return *c, nil
	}
	return ok(head + ": its DDL passes the linter"), nil
}

// defined reports whether doctor has a definition to judge the later links
// by: the parsed table, or a CREATE statement the linter could read even
// where the strict parser gives up (a missing comma, say).
func (d *doctor) defined() bool {
	return d.def != nil && (d.def.parsed || !slices.ContainsFunc(d.def.byLink[LinkExternalTable],
		func(f odpssql.Finding) bool { return f.Code == "no-create-table" }))
}

// lintedLink judges a link by the linter's findings fs: skipped without a
// definition to read; by the findings alone for a DDL the strict parser
// refused (the linter still reads each clause); broken or warned when a
// finding says so. done is false when the caller judges on.
func (d *doctor) lintedLink(l LinkID, fs []odpssql.Finding, faultOf func(odpssql.Finding) Fault) (c Check, done bool) {
	switch {
	case !d.defined():
		return Check{Verdict: VerdictSkipped, Needs: LinkExternalTable,
			Detail: "skipped (needs external table: there is no CREATE TABLE statement to read)"}, true
	case !d.def.parsed:
		if c := d.fromFindings("", fs, faultOf); c != nil {
			return *c, true
		}
		return ok("the linter finds nothing wrong with the " + l.String() + " (the DDL does not parse whole, so nothing more was checked)"), true
	}
	if c := d.fromFindings("", fs, faultOf); c != nil {
		return *c, true
	}
	return Check{}, false
}

func (d *doctor) checkLocation() Check {
	if c, done := d.lintedLink(LinkLocation, d.def.byLink[LinkLocation], func(f odpssql.Finding) Fault {
		switch f.Code {
		case "location-instance", "location-region":
			return FaultTimeout
		case "location-not-internal":
			return FaultNotInternal
		case "location-credentials":
			return FaultLocationKey
		}
		return FaultDDL
	}); done {
		return c
	}
	loc, err := odpssql.ParseLocation(d.def.table.Location)
	if err != nil {
		return broken(FaultDDL, err.Error(), d.recreate(""))
	}
	// The host only: a LOCATION may embed an AccessKey pair.
	return ok(fmt.Sprintf("tablestore://%s: instance %s in %s, %s endpoint", loc.Host, loc.Instance, loc.Region, loc.Kind))
}

func (d *doctor) checkMapping() Check {
	if c, done := d.lintedLink(LinkMapping, d.def.byLink[LinkMapping], func(f odpssql.Finding) Fault {
		if f.Code == "pk-type" || f.Code == "mapping-type" && strings.Contains(f.Message, "primary-key column") {
			return FaultPKType
		}
		return FaultMapping
	}); done {
		return c
	}
	return ok(fmt.Sprintf("'%s'='%s' fits the table's primary key (%s)", odpssql.PropColumnsMapping, d.def.table.Properties[odpssql.PropColumnsMapping], keyText(d.table.PrimaryKey)))
}

func (d *doctor) checkRoleARN(ctx context.Context) (Check, error) {
	faultOf := func(odpssql.Finding) Fault { return FaultRoleARN }
	// On a parsed DDL the live checks below say what rolearn-mismatch says,
	// and more; its warnings come with their verdict.
	fs, warnings := d.def.byLink[LinkRoleARN], []odpssql.Finding(nil)
	if d.defined() && d.def.parsed {
		fs = slices.DeleteFunc(slices.Clone(fs), func(f odpssql.Finding) bool {
			if f.Severity == odpssql.Warning {
				warnings = append(warnings, f)
			}
			return f.Code == "rolearn-mismatch" || f.Severity == odpssql.Warning
		})
	}
	if c, done := d.lintedLink(LinkRoleARN, fs, faultOf); done {
		return c, nil
	}
	arn, named := d.def.table.Properties[odpssql.PropRoleARN]
	if !named {
		// The linter accepts no role only beside an AccessKey in LOCATION.
		return warn(FaultLocationKey, "no odps.properties.rolearn: MaxCompute reads with the AccessKey embedded in LOCATION", ""), nil
	}
	uid, name, err := odpssql.ParseRoleARN(arn)
	if err != nil {
		return broken(FaultRoleARN, err.Error(), d.recreate(d.rolearnFix())), nil
	}
	uidA := d.r.spec.Accounts.Tablestore.UID
	if uid != uidA {
		return broken(FaultRoleARN, fmt.Sprintf("%s names account %s, but the role is in account A (%s); MaxCompute fails with EntityNotExist.Role", arn, uid, uidA),
			d.recreate(d.rolearnFix())), nil
	}
	if strings.EqualFold(name, d.r.spec.RAM.Role) { // the role link found it
		if !strings.EqualFold(arn, d.role.role.ARN) {
			return broken(FaultRoleARN, fmt.Sprintf("%s is not the ARN RAM reports for role %s: %s", arn, d.role.role.Name, d.role.role.ARN), d.recreate(d.rolearnFix())), nil
		}
		detail := fmt.Sprintf("%s is role %s's ARN", arn, d.role.role.Name)
		if w := d.fromFindings(detail, warnings, faultOf); w != nil {
			return *w, nil
		}
		return ok(detail), nil
	}
	// Another role: does account A have it at all?
	var other Role
	err = d.r.read(ctx, "GetRole "+name, func(ctx context.Context) error {
		var err error
		other, err = d.r.s.a.RAM().GetRole(ctx, name)
		return err
	})
	switch {
	case IsNotFound(err):
		detail := fmt.Sprintf("role %s not found in account %s", strings.ToLower(name), uidA)
		cands, cerr := d.roleCandidates(ctx, name)
		if KindOf(cerr) == KindCanceled {
			return Check{}, cerr
		}
		if len(cands) > 0 {
			for i := range cands {
				cands[i] = strings.ToLower(cands[i]) // as an ARN names them
			}
			detail += "; " + candidates(cands)
		}
		return broken(FaultRoleMissing, detail, d.recreate(d.rolearnFix())), nil
	case err != nil:
		return failed(err, FaultRAMDenied)
	}
	return broken(FaultRoleARN, fmt.Sprintf("%s names role %s, but the spec's role is %s: doctor checked that role's trust and policies, not %s's", arn, other.Name, d.r.spec.RAM.Role, other.Name),
		d.recreate(d.rolearnFix())+"\nor set ram.role in the spec to "+other.Name), nil
}

// rolearnFix is the property as it must be written: the ARN RAM reports
// for the spec's role (the wizard's rendering of it if RAM reported none).
func (d *doctor) rolearnFix() string {
	arn := d.role.role.ARN
	if arn == "" {
		arn = steps.RoleARN(d.r.spec)
	}
	return fmt.Sprintf("'%s'='%s'", odpssql.PropRoleARN, strings.ToLower(arn))
}

// mappingEntries parses a mapping property, or returns nil.
func mappingEntries(value string) []odpssql.MappingEntry {
	entries, err := odpssql.ParseMapping(value)
	if err != nil {
		return nil
	}
	return entries
}
