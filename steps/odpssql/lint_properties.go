package odpssql

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps/naming"
)

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
	if !l.creds {
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
		case k == PropRoleARN:
			v = l.wantRole().template()
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
		"%s is %s, but the Tablestore table is %s; %s (if the DDL names the right table, correct the table's name in the spec instead)", PropTableName, quoteShown(pr.Value), quoteShown(e.Table), why)
}

func (l *ddlLinter) checkRoleARN() {
	pr, ok := l.ct.Property(PropRoleARN)
	if !ok {
		return
	}
	w := l.wantRole()
	uid, role, err := ParseRoleARN(pr.Value)
	if err != nil {
		fix := "write " + w.template()
		if w.known() {
			fix = roleARNProperty(w.fixed("", ""))
		}
		l.add(pr.ValuePos, Error, "rolearn-malformed", fix, "%v", err)
		return
	}
	// Every finding below has the one fix: the ARN with every part the
	// expectation knows put right, in lower case, so that applying any of
	// them settles the property.
	fix := roleARNProperty(w.fixed(uid, role))
	unchecked := ""
	if w.uid == "" && w.whole == "" {
		unchecked = fmt.Sprintf("; no Tablestore account UID is known to check %s against, so it is kept: make sure it is the UID of the account that owns the role", uid)
	}
	if pr.Value != strings.ToLower(pr.Value) {
		l.add(pr.ValuePos, Error, "rolearn-case", fix,
			"role ARN %s is not all lower case; RAM role ARNs are lower case, and MaxCompute cannot assume the role as written%s", quoteShown(pr.Value), unchecked)
	}
	if w.whole != "" {
		if strings.ToLower(pr.Value) != w.whole {
			l.add(pr.ValuePos, Error, "rolearn-mismatch", fix, "role ARN %s is not the spec's role ARN %s", quoteShown(pr.Value), quoteShown(w.whole))
		}
		return
	}
	if w.uid != "" && uid != w.uid {
		l.add(pr.ValuePos, Error, "rolearn-mismatch", fix,
			"role ARN names account %s, but the role belongs in the Tablestore account %s; MaxCompute fails with EntityNotExist.Role if the role is not there",
			uid, w.uid)
	}
	if w.role != "" && strings.ToLower(role) != w.role {
		l.add(pr.ValuePos, Error, "rolearn-mismatch", fix,
			"role ARN names role %s, but the spec's role is %s; MaxCompute fails with EntityNotExist.Role if %s does not exist in account %s%s",
			strings.ToLower(role), w.role, strings.ToLower(role), uid, unchecked)
	}
}

// roleWant is what the expectation knows of the role ARN: the Tablestore
// account's UID and the role's name in lower case, each "" when unknown;
// whole is an expected ARN that does not parse, compared as it is.
type roleWant struct{ uid, role, whole string }

func (l *ddlLinter) wantRole() roleWant {
	e := l.expect
	switch {
	case e == nil:
		return roleWant{}
	case e.RoleARN != "":
		uid, role, err := ParseRoleARN(e.RoleARN)
		if err != nil {
			return roleWant{whole: strings.ToLower(e.RoleARN)}
		}
		return roleWant{uid: uid, role: strings.ToLower(role)}
	}
	return roleWant{role: strings.ToLower(e.Role)}
}

// known reports whether the whole ARN is known.
func (w roleWant) known() bool { return w.whole != "" || w.uid != "" && w.role != "" }

// fixed is the ARN with what is known put in place of uid and role, in
// lower case.
func (w roleWant) fixed(uid, role string) string {
	if w.whole != "" {
		return w.whole
	}
	if w.uid != "" {
		uid = w.uid
	}
	if w.role != "" {
		role = w.role
	}
	return RoleARN(uid, role)
}

// template is the ARN to write with what is known filled in and the rest
// named.
func (w roleWant) template() string {
	if w.known() {
		return w.fixed("", "")
	}
	uid, role := w.uid, w.role
	if uid == "" {
		uid = "<UID of the Tablestore account>"
	}
	if role == "" {
		role = "<role name in lower case>"
	}
	return roleARNPrefix + uid + roleARNInfix + role
}

func roleARNProperty(arn string) string { return fmt.Sprintf("'%s'='%s'", PropRoleARN, arn) }
