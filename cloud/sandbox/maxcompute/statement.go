package maxcompute

import (
	"fmt"

	"github.com/mcots/wizard/steps/odpssql"
)

// StatementKind is one kind of SQL statement the engine runs. The sandbox
// counts statements by kind, because one REST call (CreateInstance) may read
// or change things depending on the SQL it carries.
type StatementKind int

// The statements the engine runs.
const (
	StatementCreateTable StatementKind = iota + 1
	StatementDropTable
	StatementDesc
	StatementShowTables
	StatementSelect
	StatementInsert
)

// StatementKinds lists every kind, in a stable order.
func StatementKinds() []StatementKind {
	return []StatementKind{StatementCreateTable, StatementDropTable, StatementDesc, StatementShowTables, StatementSelect, StatementInsert}
}

func (k StatementKind) String() string {
	switch k {
	case StatementCreateTable:
		return "CreateTable"
	case StatementDropTable:
		return "DropTable"
	case StatementDesc:
		return "Desc"
	case StatementShowTables:
		return "ShowTables"
	case StatementSelect:
		return "Select"
	case StatementInsert:
		return "Insert"
	}
	return fmt.Sprintf("StatementKind(%d)", int(k))
}

// IsWrite reports whether statements of this kind change the project or the
// Tablestore table behind it.
func (k StatementKind) IsWrite() bool {
	switch k {
	case StatementCreateTable, StatementDropTable, StatementInsert:
		return true
	}
	return false
}

// statementKind classifies a parsed statement; ok is false for statements
// the engine does not run.
func statementKind(st odpssql.Statement) (StatementKind, bool) {
	switch st.(type) {
	case *odpssql.CreateTable:
		return StatementCreateTable, true
	case *odpssql.DropTable:
		return StatementDropTable, true
	case *odpssql.Desc:
		return StatementDesc, true
	case *odpssql.ShowTables:
		return StatementShowTables, true
	case *odpssql.Select:
		return StatementSelect, true
	case *odpssql.Insert:
		return StatementInsert, true
	}
	return 0, false
}
