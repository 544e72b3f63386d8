package odpssql

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps/naming"
)

// Expect is what a DDL should match when it is checked against a spec: the
// Tablestore instance and its region, the table, the role MaxCompute
// assumes, and the table's primary key (in key order) and attribute columns.
// Empty fields are not checked; Attributes nil means they are unknown.
type Expect struct {
	Instance, Region, Table, RoleARN string
	PrimaryKey, Attributes           []TSColumn
	ExternalTable                    string // the MaxCompute table name, if the spec fixes one
}

// Lint checks SQL text holding a Tablestore external-table DDL (optionally
// with set statements and other statements around it) and returns every
// problem found, in source order. expect nil checks the DDL on its own.
func Lint(src string, expect *Expect) []Finding {
	toks, probs := lex(src)
	spans, loose := splitStatements(toks, probs)
	out := append([]Finding(nil), loose...)
	creates := 0
	for _, s := range spans {
		out = append(out, s.problemsOutsideSetValue()...)
		p := newParser(src, s.toks, true)
		st, err := p.parseStatement()
		out = append(out, p.found...)
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) {
				out = append(out, Finding{Pos: se.Pos, Severity: Error, Code: "syntax", Message: se.Msg})
			}
		}
		if ct, ok := st.(*CreateTable); ok {
			creates++
			l := &ddlLinter{src: src, p: p, ct: ct, expect: expect}
			l.run()
			out = append(out, l.out...)
		}
	}
	if creates == 0 {
		at := Pos{Line: 1, Col: 1}
		if len(spans) > 0 {
			at = spans[0].toks[0].pos
		}
		out = append(out, Finding{Pos: at, Severity: Error, Code: "no-create-table",
			Message: "no CREATE EXTERNAL TABLE statement found",
			Fix:     "paste the whole DDL, from CREATE EXTERNAL TABLE to LOCATION"})
	}
	sortFindings(out)
	return out
}

// ddlLinter checks one parsed CREATE TABLE.
type ddlLinter struct {
	src    string
	p      *parser
	ct     *CreateTable
	expect *Expect
	out    []Finding
	loc    *Location // the parsed LOCATION, if it parsed
}

func (l *ddlLinter) add(at Pos, sev Severity, code, fix, format string, args ...any) {
	if !at.IsValid() {
		at = l.ct.Pos
	}
	l.out = append(l.out, Finding{Pos: at, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// inString points at a byte offset inside a string value written at valuePos.
func (l *ddlLinter) inString(valuePos Pos, offset int) Pos {
	tok, ok := l.p.strs[valuePos]
	if !ok {
		return valuePos
	}
	return stringPos(l.src, tok, offset)
}

// isTablestoreTable says whether the statement is meant to read Tablestore,
// so missing external-table clauses are worth reporting.
func (l *ddlLinter) isTablestoreTable() bool {
	ct := l.ct
	return ct.External || ct.StoredBy != "" || ct.Location != "" || len(ct.Properties) > 0
}

func (l *ddlLinter) run() {
	l.checkExternal()
	l.checkTableName()
	l.checkColumns()
	l.checkHandler()
	l.checkUsing()
	l.checkLocation() // before properties: an embedded AccessKey makes the role optional
	l.checkProperties()
	l.checkMapping()
	l.checkTablestoreTable()
	l.checkRoleARN()
}

func (l *ddlLinter) checkExternal() {
	ct := l.ct
	if ct.External {
		return
	}
	at := l.p.tablePos
	if ct.StoredBy != "" || ct.Location != "" || len(ct.Properties) > 0 {
		l.add(at, Error, "missing-external", "write CREATE EXTERNAL TABLE",
			"a table with STORED BY and LOCATION must be created with CREATE EXTERNAL TABLE; MaxCompute rejects this one as a non-external table with stored by location (\"unsupported feature non-external table with stord by location\")")
		return
	}
	l.add(at, Error, "missing-external", "write CREATE EXTERNAL TABLE … STORED BY '"+TableStoreHandler+"'",
		"CREATE TABLE without EXTERNAL makes an ordinary MaxCompute table, not one that reads Tablestore")
}

func (l *ddlLinter) checkTableName() {
	ct := l.ct
	if ct.Name == "" {
		return
	}
	if err := naming.ExternalTableName(ct.Name); err != nil {
		l.add(ct.NamePos, Error, "bad-name", "", "%v", err)
	}
	if e := l.expect; e != nil && e.ExternalTable != "" && !strings.EqualFold(e.ExternalTable, ct.Name) {
		l.add(ct.NamePos, Error, "external-table-mismatch", fmt.Sprintf("name the table %s", strings.ToLower(e.ExternalTable)),
			"the DDL creates table %s, but the spec's external table is %s", ct.Name, strings.ToLower(e.ExternalTable))
	}
}

func (l *ddlLinter) checkColumns() {
	ct := l.ct
	if len(ct.Columns) == 0 {
		if !l.p.colsBroken {
			l.add(ct.NamePos, Error, "no-columns", "add (<column> <type>, …) after the table name, one column per mapping entry",
				"the table declares no columns")
		}
		return
	}
	first := map[string]ColumnDef{}
	for _, col := range ct.Columns {
		if prev, dup := first[col.Name]; dup {
			l.add(col.Pos, Error, "duplicate-column", "rename or remove one of them",
				"column %s is declared twice (first at line %d, column %d); MaxCompute names are case-insensitive",
				col.Name, prev.Pos.Line, prev.Pos.Col)
			continue
		}
		first[col.Name] = col
		if err := naming.ExternalColumnName(col.Name); err != nil {
			l.add(col.Pos, Error, "bad-name", "", "%v", err)
		}
	}
}

func (l *ddlLinter) checkHandler() {
	ct := l.ct
	fix := fmt.Sprintf("STORED BY '%s'", TableStoreHandler)
	switch {
	case ct.StoredBy == "":
		if !l.isTablestoreTable() {
			return
		}
		at := ct.PropertiesPos
		if !at.IsValid() {
			at = ct.LocationPos
		}
		l.add(at, Error, "missing-stored-by", "add "+fix+" after the column list",
			"no STORED BY clause: an external table over Tablestore needs the Tablestore storage handler")
	case ct.StoredBy == TableStoreHandler:
	default:
		lower := strings.ToLower(ct.StoredBy)
		if strings.EqualFold(ct.StoredBy, TableStoreHandler) || editDistance(lower, strings.ToLower(TableStoreHandler)) <= 6 ||
			strings.Contains(lower, "tablestore") || strings.Contains(lower, "ots") {
			l.add(ct.StoredByPos, Error, "unknown-handler", fix,
				"unknown storage handler %s; did you mean '%s'? (class names are case-sensitive)", quoteShown(ct.StoredBy), TableStoreHandler)
			return
		}
		l.add(ct.StoredByPos, Error, "unknown-handler", fix,
			"storage handler %s does not read Tablestore; the Tablestore handler is '%s'", quoteShown(ct.StoredBy), TableStoreHandler)
	}
}

func (l *ddlLinter) checkUsing() {
	ct := l.ct
	if len(ct.Using) == 0 {
		return
	}
	l.add(ct.UsingPos, Warning, "stray-using", "delete the USING clause",
		"USING %s names jar resources the built-in Tablestore handler does not need; the statement fails if the project has no such resource",
		quoteShown(strings.Join(ct.Using, ",")))
}

func (l *ddlLinter) checkLocation() {
	ct := l.ct
	want := ""
	if e := l.expect; e != nil && e.Instance != "" && e.Region != "" {
		want = LocationFor(e.Instance, e.Region, EndpointInternal)
	}
	wantFix := func(generic string) string {
		if want != "" {
			return fmt.Sprintf("LOCATION '%s'", want)
		}
		return generic
	}
	if ct.Location == "" {
		if l.isTablestoreTable() {
			at := ct.StoredByPos
			if !at.IsValid() {
				at = ct.PropertiesPos
			}
			l.add(at, Error, "missing-location",
				"add "+wantFix("LOCATION 'tablestore://<instance>.<region>.ots-internal.aliyuncs.com'")+" after WITH SERDEPROPERTIES",
				"no LOCATION: MaxCompute needs the Tablestore instance's endpoint")
		}
		return
	}
	loc, err := ParseLocation(ct.Location)
	if err != nil {
		var le *LocationError
		code := "location-malformed"
		if errors.As(err, &le) && le.BadScheme {
			code = "location-scheme"
		}
		l.add(ct.LocationPos, Error, code, wantFix("LOCATION 'tablestore://<instance>.<region>.ots-internal.aliyuncs.com'"), "%v", err)
		return
	}
	l.loc = &loc
	if loc.HasCredentials {
		l.add(ct.LocationPos, Warning, "location-credentials",
			"remove the '<AccessKeyId>:<AccessKeySecret>@' part and set 'odps.properties.rolearn' to a role in the Tablestore account",
			"LOCATION embeds an AccessKey pair: the secret is stored in the table definition, readable by anyone who can describe the table")
	}
	hostAt := strings.LastIndex(ct.Location, loc.Host)
	if err := naming.InstanceName(loc.Instance); err != nil {
		l.add(l.inString(ct.LocationPos, hostAt), Warning, "bad-name", "check the instance name in the Tablestore console",
			"LOCATION: %v", err)
	}
	if loc.Kind != EndpointInternal {
		l.add(ct.LocationPos, Warning, "location-not-internal",
			fmt.Sprintf("LOCATION '%s'", LocationFor(loc.Instance, loc.Region, EndpointInternal)),
			"LOCATION uses the %s endpoint; MaxCompute reaches Tablestore through the internal endpoint (.ots-internal.aliyuncs.com), and an unreachable host fails with \"a timeout was reached\"",
			loc.Kind)
	}
	e := l.expect
	if e == nil {
		return
	}
	if e.Instance != "" && !strings.EqualFold(loc.Instance, e.Instance) {
		l.add(l.inString(ct.LocationPos, hostAt), Error, "location-instance", wantFix(""),
			"LOCATION points at instance %s, but the Tablestore instance is %s; MaxCompute cannot reach it and reports only \"a timeout was reached\" (ODPS-0010000)",
			quoteShown(loc.Instance), quoteShown(e.Instance))
	}
	if e.Region != "" && loc.Region != e.Region {
		l.add(l.inString(ct.LocationPos, hostAt+len(loc.Instance)+1), Error, "location-region", wantFix(""),
			"LOCATION names region %s, but instance %s is in %s; MaxCompute cannot reach it and reports only \"a timeout was reached\" (ODPS-0010000)",
			loc.Region, quoteShown(loc.Instance), e.Region)
	}
}

func (l *ddlLinter) checkProperties() {
	ct := l.ct
	covered := map[string]bool{} // required keys whose absence another finding explains
	first := map[string]Property{}
	for _, pr := range ct.Properties {
		if prev, dup := first[pr.Key]; dup {
			l.add(pr.KeyPos, Error, "duplicate-property", "remove one of them",
				"property %s is set twice (first at line %d, column %d)", quoteShown(pr.Key), prev.KeyPos.Line, prev.KeyPos.Col)
			continue
		}
		first[pr.Key] = pr
		if isKnownProperty(pr.Key) {
			l.checkPropertyValue(pr)
			continue
		}
		if near, ok := nearMiss(pr.Key, knownProperties); ok {
			covered[near] = true
			l.add(pr.KeyPos, Error, "unknown-property", fmt.Sprintf("rename it to '%s'", near),
				"unknown property %s; did you mean '%s'?", quoteShown(pr.Key), near)
			continue
		}
		if strings.HasPrefix(strings.ToLower(pr.Key), "tablestore.") {
			l.add(pr.KeyPos, Warning, "unknown-property", "remove it, or check the key against the Tablestore external table documentation",
				"unknown property %s; the Tablestore handler ignores it", quoteShown(pr.Key))
		}
	}
	for _, pr := range ct.TblProperties {
		key := pr.Key
		if !isKnownProperty(key) {
			near, ok := nearMiss(key, knownProperties)
			if !ok || !strings.HasPrefix(strings.ToLower(key), "tablestore.") && !strings.HasPrefix(strings.ToLower(key), "odps.properties.") {
				continue
			}
			key = near
		}
		covered[key] = true
		l.add(pr.KeyPos, Error, "misplaced-property", "move it into WITH SERDEPROPERTIES",
			"%s belongs in WITH SERDEPROPERTIES; the handler does not read TBLPROPERTIES", quoteShown(pr.Key))
	}
	if !l.isTablestoreTable() {
		return
	}
	required := []string{PropColumnsMapping, PropTableName}
	if l.loc == nil || !l.loc.HasCredentials {
		required = append(required, PropRoleARN)
	}
	var missing []string
	for _, k := range required {
		if _, ok := first[k]; !ok && !covered[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return
	}
	if !ct.PropertiesPos.IsValid() {
		at := ct.LocationPos
		if !at.IsValid() {
			at = ct.StoredByPos
		}
		l.add(at, Error, "missing-serdeproperties",
			fmt.Sprintf("add WITH SERDEPROPERTIES (%s) between STORED BY and LOCATION", l.requiredTemplate(missing)),
			"no WITH SERDEPROPERTIES: the Tablestore handler needs %s", quotedList(missing))
		return
	}
	for _, k := range missing {
		l.add(ct.PropertiesPos, Error, "missing-property", "add "+l.requiredTemplate([]string{k}),
			"WITH SERDEPROPERTIES has no '%s'%s", k, propertyPurpose[k])
	}
}

// propertyPurpose says why each required property matters.
var propertyPurpose = map[string]string{
	PropColumnsMapping: ", which pairs each column with a Tablestore column (':' marks primary-key columns)",
	PropTableName:      ", the Tablestore table to read",
	PropRoleARN:        ", the role in the Tablestore account that MaxCompute assumes to read it",
}

// requiredTemplate renders 'key'='value' pairs for missing properties,
// filled in from the spec where it knows the value.
func (l *ddlLinter) requiredTemplate(keys []string) string {
	var parts []string
	for _, k := range keys {
		v := "…"
		switch {
		case k == PropTableName && l.expect != nil && l.expect.Table != "":
			v = l.expect.Table
		case k == PropRoleARN && l.expect != nil && l.expect.RoleARN != "":
			v = strings.ToLower(l.expect.RoleARN)
		case k == PropRoleARN:
			v = "acs:ram::<UID of the Tablestore account>:role/<role name in lower case>"
		case k == PropColumnsMapping:
			v = ":<primary key>,…,<column>"
		}
		parts = append(parts, fmt.Sprintf("'%s'='%s'", k, v))
	}
	return strings.Join(parts, ", ")
}

func quotedList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = "'" + k + "'"
	}
	return strings.Join(q, ", ")
}

func (l *ddlLinter) checkPropertyValue(pr Property) {
	_, perColumn := perColumnTicks(pr.Key)
	switch {
	case pr.Key == PropTicksUnit || perColumn:
		if !contains(ticksUnits, pr.Value) {
			l.add(pr.ValuePos, Error, "bad-property-value", "use one of "+strings.Join(ticksUnits, ", "),
				"%s must be one of %s, not %s", quoteShown(pr.Key), strings.Join(ticksUnits, ", "), quoteShown(pr.Value))
		}
	case pr.Key == PropPutRow:
		if v := strings.ToLower(pr.Value); v != "true" && v != "false" {
			l.add(pr.ValuePos, Error, "bad-property-value", "use 'true' (PutRow, replace whole rows) or 'false' (UpdateRow)",
				"%s must be 'true' or 'false', not %s", quoteShown(pr.Key), quoteShown(pr.Value))
		}
	case pr.Key == PropCorruptColumn:
		found := false
		for _, col := range l.ct.Columns {
			found = found || strings.EqualFold(col.Name, pr.Value)
		}
		if !found && len(l.ct.Columns) > 0 {
			l.add(pr.ValuePos, Warning, "bad-property-value", "name one of the table's columns",
				"%s names %s, which is not a column of this table", quoteShown(pr.Key), quoteShown(pr.Value))
		}
	}
}

func (l *ddlLinter) checkMapping() {
	ct := l.ct
	pr, ok := ct.Property(PropColumnsMapping)
	if !ok {
		return
	}
	entries, err := ParseMapping(pr.Value)
	if err != nil {
		var me *MappingError
		if errors.As(err, &me) {
			l.add(l.inString(pr.ValuePos, me.Offset), Error, "mapping-syntax", "", "tablestore.columns.mapping: %s", me.Msg)
		}
		return
	}
	if l.p.colsBroken {
		return // the column list could not be read whole; comparing would mislead
	}
	c := mappingCheck{cols: ct.Columns, m: entries, whole: pr.ValuePos,
		entryPos: func(i int) Pos { return l.inString(pr.ValuePos, entries[i].Pos) }}
	if l.expect != nil && l.expect.PrimaryKey != nil {
		c.pk, c.attrs = l.expect.PrimaryKey, l.expect.Attributes
	}
	c.run()
	l.out = append(l.out, c.out...)
	l.checkTimestampTicks(entries)
}

// checkTimestampTicks warns about timestamp columns with no ticks unit: the
// handler cannot know whether the INTEGER counts seconds or nanoseconds.
func (l *ddlLinter) checkTimestampTicks(entries []MappingEntry) {
	if _, ok := l.ct.Property(PropTicksUnit); ok {
		return
	}
	for i, col := range l.ct.Columns {
		if col.Type != "timestamp" || i >= len(entries) {
			continue
		}
		if _, ok := l.ct.Property("tablestore.column." + entries[i].Name + ".timestamp.ticks.unit"); ok {
			continue
		}
		if _, ok := l.ct.Property("tablestore.column." + col.Name + ".timestamp.ticks.unit"); ok {
			continue
		}
		l.add(col.Pos, Warning, "timestamp-ticks", fmt.Sprintf("add '%s'='millis' (or seconds, micros, nanos)", PropTicksUnit),
			"column %s is timestamp, but no ticks unit says what the Tablestore INTEGER counts", col.Name)
	}
}

func (l *ddlLinter) checkTablestoreTable() {
	pr, ok := l.ct.Property(PropTableName)
	if !ok {
		return
	}
	if err := naming.TableName(pr.Value); err != nil {
		l.add(pr.ValuePos, Error, "bad-name", "", "%v", err)
	}
	e := l.expect
	if e == nil || e.Table == "" || pr.Value == e.Table {
		return
	}
	why := "MaxCompute does not create Tablestore tables, so every read fails"
	if strings.EqualFold(pr.Value, e.Table) {
		why = "Tablestore table names are case-sensitive"
	}
	l.add(pr.ValuePos, Error, "table-mismatch", fmt.Sprintf("'%s'='%s'", PropTableName, e.Table),
		"%s is %s, but the Tablestore table is %s; %s", PropTableName, quoteShown(pr.Value), quoteShown(e.Table), why)
}

func (l *ddlLinter) checkRoleARN() {
	pr, ok := l.ct.Property(PropRoleARN)
	if !ok {
		return
	}
	e := l.expect
	uid, role, err := ParseRoleARN(pr.Value)
	if err != nil {
		fix := "write acs:ram::<UID of the Tablestore account>:role/<role name in lower case>"
		if e != nil && e.RoleARN != "" {
			fix = fmt.Sprintf("'%s'='%s'", PropRoleARN, strings.ToLower(e.RoleARN))
		}
		l.add(pr.ValuePos, Error, "rolearn-malformed", fix, "%v", err)
		return
	}
	lower := strings.ToLower(pr.Value)
	if pr.Value != lower {
		l.add(pr.ValuePos, Error, "rolearn-case", fmt.Sprintf("'%s'='%s'", PropRoleARN, lower),
			"role ARN %s is not all lower case; RAM role ARNs are lower case, and MaxCompute cannot assume the role as written", quoteShown(pr.Value))
	}
	if e == nil || e.RoleARN == "" || lower == strings.ToLower(e.RoleARN) {
		return
	}
	fix := fmt.Sprintf("'%s'='%s'", PropRoleARN, strings.ToLower(e.RoleARN))
	wantUID, wantRole, err := ParseRoleARN(e.RoleARN)
	switch {
	case err != nil:
		l.add(pr.ValuePos, Error, "rolearn-mismatch", fix, "role ARN %s is not the spec's role ARN %s", quoteShown(pr.Value), quoteShown(e.RoleARN))
	case uid != wantUID:
		l.add(pr.ValuePos, Error, "rolearn-mismatch", fix,
			"role ARN names account %s, but the role belongs in the Tablestore account %s; MaxCompute fails with EntityNotExist.Role if the role is not there",
			uid, wantUID)
	default:
		l.add(pr.ValuePos, Error, "rolearn-mismatch", fix,
			"role ARN names role %s, but the spec's role is %s; MaxCompute fails with EntityNotExist.Role if %s does not exist in account %s",
			strings.ToLower(role), strings.ToLower(wantRole), strings.ToLower(role), uid)
	}
}
