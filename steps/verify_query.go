package steps

import (
	"strconv"
	"strings"

	"github.com/mcots/wizard/steps/odpssql"
)

// VerifyLimit caps the rows the verification query reads.
const VerifyLimit = 10

// VerificationQuery renders the query that proves rows flow from Tablestore
// to MaxCompute. It always has a LIMIT, and when a sample key is known it
// selects on that primary-key prefix, which Tablestore answers with a range
// read instead of a scan of the whole table (never count(*)).
func VerificationQuery(s Spec) string {
	s = s.WithDefaults()
	cols := make([]string, len(s.ExternalTable.Mapping))
	for i, m := range s.ExternalTable.Mapping {
		cols[i] = odpssql.QuoteIdent(m.Column)
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	b.WriteString(strings.Join(cols, ", "))
	b.WriteString(" FROM ")
	b.WriteString(odpssql.QuoteIdent(s.ExternalTable.Name))
	if preds := samplePredicates(s); len(preds) > 0 {
		b.WriteString(" WHERE ")
		b.WriteString(strings.Join(preds, " AND "))
	}
	b.WriteString(" LIMIT " + strconv.Itoa(VerifyLimit) + ";\n")
	return b.String()
}

// samplePredicates turns the sample key into equality predicates on the
// external columns that map the leading key columns. It stops at the first
// key column it cannot compare: one not mapped, or a BINARY one.
func samplePredicates(s Spec) []string {
	var preds []string
	for i, val := range s.Tablestore.SampleKey {
		if i >= len(s.Tablestore.PrimaryKey) {
			break
		}
		key := s.Tablestore.PrimaryKey[i]
		col, ok := mappedColumn(s.ExternalTable.Mapping, key.Name)
		if !ok {
			break
		}
		var lit string
		switch strings.ToUpper(key.Type) {
		case odpssql.TSInteger:
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return preds
			}
			lit = strconv.FormatInt(n, 10)
		case odpssql.TSString:
			lit = odpssql.QuoteString(val)
		default:
			return preds
		}
		preds = append(preds, odpssql.QuoteIdent(col)+" = "+lit)
	}
	return preds
}

func mappedColumn(m []Mapping, keyName string) (string, bool) {
	for _, e := range m {
		if e.IsKey() && e.SourceColumn() == keyName {
			return e.Column, true
		}
	}
	return "", false
}
