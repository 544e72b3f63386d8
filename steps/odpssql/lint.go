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
	// Role is the role's name, for when RoleARN is unknown because the
	// Tablestore account's UID is: the name and case are then checked, and
	// the account is left as written.
	Role                   string
	PrimaryKey, Attributes []TSColumn
	ExternalTable          string // the MaxCompute table name, if the spec fixes one
}

// Lint checks SQL text holding a Tablestore external-table DDL and returns
// every problem found, in source order. expect nil checks the DDL on its own.
// Other statements around the DDL (set statements, queries) are allowed and
// not judged, since they may use SQL beyond what this package parses; only
// characters MaxCompute cannot read are reported in them.
func Lint(src string, expect *Expect) []Finding {
	toks, probs := lex(src)
	spans, loose := splitStatements(toks, probs)
	out := append([]Finding(nil), loose...)
	creates := 0
	for _, s := range spans {
		out = append(out, s.problemsOutsideSetValue()...)
		if !isCreateTable(s.toks) {
			continue
		}
		creates++ // even one too broken to check: "no CREATE found" would mislead
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

// isCreateTable says whether a statement is CREATE [EXTERNAL] TABLE, allowing
// for a misspelled keyword, as opposed to CREATE VIEW and the like.
func isCreateTable(toks []token) bool {
	if len(toks) < 2 || !toks[0].is("create") || toks[1].kind != tkIdent {
		return false
	}
	w := strings.ToLower(toks[1].text)
	return naming.EditDistance(w, "table") <= 2 || naming.EditDistance(w, "external") <= 2
}

// ddlLinter checks one parsed CREATE TABLE.
type ddlLinter struct {
	src    string
	p      *parser
	ct     *CreateTable
	expect *Expect
	out    []Finding
	loc    *Location // the parsed LOCATION, if it parsed
	creds  bool      // LOCATION embeds an AccessKey pair (parsed or not)
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
		if strings.EqualFold(ct.StoredBy, TableStoreHandler) || naming.EditDistance(lower, strings.ToLower(TableStoreHandler)) <= 6 ||
			strings.Contains(lower, "tablestore") {
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
