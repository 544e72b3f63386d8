package maxcompute

import (
	"fmt"
	"strconv"

	"github.com/mcots/wizard/steps/odpssql"
)

// condition is one resolved "column = literal" of a WHERE clause.
type condition struct {
	col  int // index into the table's columns
	val  Value
	null bool // "= NULL" is never true
	// loose marks a comparison between a string and a number, which
	// MaxCompute makes by converting both sides to double; num is the
	// literal's double (NaN when a string literal is not a number, which
	// then matches nothing). Loose conditions are never pushed down.
	loose bool
	num   float64
}

// opened is an external table opened through the chain, with its mapping
// checked against the table's primary key.
type opened struct {
	def     *ExternalTableDef
	mapping []odpssql.MappingEntry
	table   ExternalTable
	meta    TableMeta
}

// open runs the chain for def (role, LOCATION, table, permissions) and checks
// the mapping against the primary key Tablestore reports.
func (ex *execution) open(pos odpssql.Pos, def *ExternalTableDef) (*opened, error) {
	mapping, err := def.mapping()
	if err != nil {
		return nil, systemError(err.Error())
	}
	t, err := ex.s.backend.OpenExternal(ex.ctx, def.source(ex.project))
	if err != nil {
		return nil, externalFailure(pos, err)
	}
	o := &opened{def: def, mapping: mapping, table: t, meta: t.Meta()}
	if err := o.checkKey(); err != nil {
		return nil, err
	}
	return o, nil
}

// checkKey holds the mapping's primary-key entries against the table's
// primary key: same number, same names in the same order (Tablestore's own
// "Validate PK … fail" checks), and column types that read the key's types.
//
// The cloud only trips over a wrong key type when the first row is read; the
// sandbox reports it even on an empty table, so a verifying query over a new
// table still catches it.
func (o *opened) checkKey() error {
	var keyCols []int
	for i, m := range o.mapping {
		if m.PrimaryKey {
			keyCols = append(keyCols, i)
		}
	}
	pk := o.meta.PrimaryKey
	if len(keyCols) != len(pk) {
		return tablestoreFailure("OTSParameterInvalid", fmt.Sprintf("Validate PK size fail. Input: %d, Meta: %d.", len(keyCols), len(pk)), "")
	}
	for i, ci := range keyCols {
		if got := o.mapping[ci].Name; got != pk[i].Name {
			return tablestoreFailure("OTSParameterInvalid", fmt.Sprintf("Validate PK name fail. Input: %s, Meta: %s.", got, pk[i].Name), "")
		}
	}
	for i, ci := range keyCols {
		if want, _ := tsTypeOf(o.def.Columns[ci].Type); want != pk[i].Type {
			return jobFailed(fmt.Sprintf("PrimaryKeyValue is not %s type.", want))
		}
	}
	return nil
}

// prefix splits WHERE conditions into a leading primary-key prefix, which the
// handler pushes down as a range read, and the rest, filtered row by row.
func (o *opened) prefix(conds []condition) (prefix []Value, rest []condition) {
	used := make([]bool, len(conds))
	for _, key := range o.meta.PrimaryKey {
		found := -1
		for i, c := range conds {
			if !used[i] && !c.null && !c.loose && o.mapping[c.col].PrimaryKey && o.mapping[c.col].Name == key.Name {
				found = i
				break
			}
		}
		if found < 0 {
			break
		}
		used[found] = true
		prefix = append(prefix, conds[found].val)
	}
	for i, c := range conds {
		if !used[i] {
			rest = append(rest, c)
		}
	}
	return prefix, rest
}

// cell decodes column ci of a Tablestore row.
func (o *opened) cell(row Row, ci int) (cell, Value, error) {
	m := o.mapping[ci]
	v, present := row[m.Name]
	c, err := decodeCell(o.def.Columns[ci], v, present, m.PrimaryKey)
	if !present {
		return c, Value{}, err
	}
	return c, v, err
}

// matches reports whether row satisfies every condition.
func (o *opened) matches(row Row, conds []condition) (bool, error) {
	for _, c := range conds {
		cl, v, err := o.cell(row, c.col)
		if err != nil {
			return false, err
		}
		switch {
		case c.null || cl.null:
			return false, nil
		case c.loose:
			if f, ok := asDouble(v); !ok || f != c.num {
				return false, nil
			}
		case !sameValue(v, c.val):
			return false, nil
		}
	}
	return true, nil
}

// selectRows runs SELECT <cols|*|COUNT(*)> FROM <ext> [WHERE …] [LIMIT n].
func (ex *execution) selectRows(q *odpssql.Select) (outcome, error) {
	def, err := ex.table(q.Pos, q.FromQualifier, q.From)
	if err != nil {
		return outcome{}, err
	}
	var cols []int
	if !q.CountStar {
		if cols, err = resolveColumns(q.Pos, def, q.Columns, false); err != nil {
			return outcome{}, err
		}
	}
	conds, err := ex.conditions(q.Pos, def, q.Where)
	if err != nil {
		return outcome{}, err
	}
	o, err := ex.open(q.Pos, def)
	if err != nil {
		return outcome{}, err
	}

	limit := int64(resultCap)
	if q.Limit != nil && *q.Limit < limit {
		limit = *q.Limit
	}
	prefix, rest := o.prefix(conds)
	scanLimit := 0 // everything: rows must be filtered or counted first
	if len(rest) == 0 && !q.CountStar {
		scanLimit = int(limit)
	}
	var rows []Row
	if limit > 0 || q.CountStar {
		if rows, err = o.table.Scan(ex.ctx, prefix, scanLimit); err != nil {
			return outcome{}, externalFailure(q.Pos, err)
		}
	}

	var out [][]cell
	count := int64(0)
	for _, row := range rows {
		ok, err := o.matches(row, rest)
		if err != nil {
			return outcome{}, err
		}
		if !ok {
			continue
		}
		count++
		if q.CountStar || int64(len(out)) >= limit {
			continue
		}
		line := make([]cell, len(cols))
		for j, ci := range cols {
			if line[j], _, err = o.cell(row, ci); err != nil {
				return outcome{}, err
			}
		}
		out = append(out, line)
	}

	if q.CountStar {
		// MaxCompute names an unaliased expression column _c0.
		return outcome{status: taskSuccess, format: csvResult,
			result: formatCSV([]string{"_c0"}, [][]cell{{{text: strconv.FormatInt(count, 10)}}})}, nil
	}
	header := make([]string, len(cols))
	for j, ci := range cols {
		header[j] = def.Columns[ci].Name
	}
	return outcome{status: taskSuccess, format: csvResult, result: formatCSV(header, out)}, nil
}

// resolveColumns turns column names into indexes into def.Columns; no names
// means every column in order. distinct refuses a name given twice, as a
// target list must not repeat itself.
func resolveColumns(pos odpssql.Pos, def *ExternalTableDef, names []string, distinct bool) ([]int, error) {
	if len(names) == 0 {
		cols := make([]int, len(def.Columns))
		for i := range cols {
			cols[i] = i
		}
		return cols, nil
	}
	cols := make([]int, 0, len(names))
	seen := map[int]bool{}
	for _, name := range names {
		i, ok := def.column(name)
		if !ok {
			return nil, columnNotFound(pos, name)
		}
		if distinct && seen[i] {
			return nil, semanticError(pos, "column %s is listed twice", name)
		}
		seen[i] = true
		cols = append(cols, i)
	}
	return cols, nil
}

// conditions resolves WHERE equalities against the table's columns.
func (ex *execution) conditions(pos odpssql.Pos, def *ExternalTableDef, where []odpssql.Equality) ([]condition, error) {
	conds := make([]condition, 0, len(where))
	for _, eq := range where {
		ci, ok := def.column(eq.Column)
		if !ok {
			return nil, columnNotFound(pos, eq.Column)
		}
		v, null, err := literalValue(eq.Value, def.Columns[ci])
		if err != nil {
			num, ok := looseLiteral(eq.Value, def.Columns[ci])
			if !ok {
				return nil, semanticError(pos, "invalid comparison: %v", err)
			}
			conds = append(conds, condition{col: ci, loose: true, num: num})
			continue
		}
		conds = append(conds, condition{col: ci, val: v, null: null})
	}
	return conds, nil
}

// insert runs INSERT INTO|OVERWRITE <ext> [(cols)] VALUES (…), …: each row
// becomes one Tablestore write of its primary key and non-NULL attributes.
// INTO and OVERWRITE behave alike: Tablestore has no table to truncate, so
// only the written keys change.
func (ex *execution) insert(in *odpssql.Insert) (outcome, error) {
	def, err := ex.table(in.Pos, in.Qualifier, in.Table)
	if err != nil {
		return outcome{}, err
	}
	cols, err := resolveColumns(in.Pos, def, in.Columns, true)
	if err != nil {
		return outcome{}, err
	}
	type cellValue struct {
		col  int
		val  Value
		null bool
	}
	values := make([][]cellValue, 0, len(in.Rows))
	for r, lits := range in.Rows {
		if len(lits) != len(cols) {
			return outcome{}, semanticError(in.Pos,
				"VALUES row %d has %d values but %d columns are inserted", r+1, len(lits), len(cols))
		}
		row := make([]cellValue, len(cols))
		for j, lit := range lits {
			v, null, err := literalValue(lit, def.Columns[cols[j]])
			if err != nil {
				return outcome{}, semanticError(in.Pos, "cannot insert: %v", err)
			}
			row[j] = cellValue{col: cols[j], val: v, null: null}
		}
		values = append(values, row)
	}

	o, err := ex.open(in.Pos, def)
	if err != nil {
		return outcome{}, err
	}
	rows := make([]Row, 0, len(values))
	for _, vals := range values {
		row := Row{}
		keys := 0
		for _, cv := range vals {
			if cv.null {
				continue
			}
			m := o.mapping[cv.col]
			row[m.Name] = cv.val
			if m.PrimaryKey {
				keys++
			}
		}
		if keys != len(o.meta.PrimaryKey) {
			return outcome{}, tablestoreFailure("OTSParameterInvalid",
				fmt.Sprintf("Validate PK size fail. Input: %d, Meta: %d.", keys, len(o.meta.PrimaryKey)), "")
		}
		rows = append(rows, row)
	}
	if err := o.table.Write(ex.ctx, rows, def.writeMode()); err != nil {
		return outcome{}, externalFailure(in.Pos, err)
	}
	return succeeded(ddlOK), nil
}
