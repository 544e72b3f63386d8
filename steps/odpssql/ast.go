package odpssql

import "strings"

// Statement is one parsed SQL statement: *CreateTable, *DropTable, *Desc,
// *ShowTables, *Select, *Insert or *Set.
type Statement interface {
	Position() Pos
}

// Names in every statement are lower-cased: MaxCompute identifiers are
// case-insensitive and the service stores them in lower case. Values (string
// literals, property values, Tablestore column names in the mapping) keep
// their case, because Tablestore names are case-sensitive.

// CreateTable is CREATE [EXTERNAL] TABLE. The *Pos fields point at the value
// of each clause (the handler, LOCATION and USING strings) or, for
// Properties, at the WITH keyword; they are zero when the clause is absent.
type CreateTable struct {
	Pos           Pos
	External      bool
	IfNotExists   bool
	Qualifier     string // "project" or "project.schema" written before the name, if any
	Name          string
	NamePos       Pos
	Columns       []ColumnDef
	Comment       string
	StoredBy      string
	StoredByPos   Pos
	Properties    []Property // WITH SERDEPROPERTIES, in source order
	PropertiesPos Pos
	Location      string
	LocationPos   Pos
	Using         []string // the jars of USING 'a.jar,b.jar'
	UsingPos      Pos
	TblProperties []Property
	Lifecycle     *int
}

// Property returns the first SERDEPROPERTIES entry with this key.
func (c *CreateTable) Property(key string) (Property, bool) {
	for _, p := range c.Properties {
		if p.Key == key {
			return p, true
		}
	}
	return Property{}, false
}

// ColumnDef is one column of a table: its lower-cased name, its canonical
// lower-case type ("bigint", "decimal(10,2)", "array<string>"), and comment.
type ColumnDef struct {
	Name    string
	Type    string
	Comment string
	NotNull bool
	Pos     Pos
}

// Property is one 'key'='value' pair, with where each half was written.
type Property struct {
	Key, Value       string
	KeyPos, ValuePos Pos
}

// DropTable is DROP TABLE [IF EXISTS] name.
type DropTable struct {
	Pos       Pos
	IfExists  bool
	Qualifier string
	Name      string
}

// Desc is DESC or DESCRIBE [EXTENDED] name.
type Desc struct {
	Pos       Pos
	Extended  bool
	Qualifier string
	Name      string
}

// ShowTables is SHOW TABLES.
type ShowTables struct{ Pos Pos }

// Set is SET key=value, as MaxCompute scripts carry at their top. Value is
// the text after '=' as written, trimmed.
type Set struct {
	Pos        Pos
	Key, Value string
}

// Select is the query subset the sandbox answers: a column list, *, or
// COUNT(*), from one table, filtered by column = literal conditions joined by
// AND, with an optional LIMIT.
type Select struct {
	Pos           Pos
	Star          bool
	CountStar     bool
	Columns       []string
	FromQualifier string
	From          string
	Where         []Equality
	Limit         *int64
}

// Equality is one "column = literal" condition.
type Equality struct {
	Column string
	Value  Literal
}

// Insert is INSERT INTO [TABLE] or INSERT OVERWRITE TABLE with VALUES rows.
// Columns is empty when the statement names none (all columns, in order).
type Insert struct {
	Pos       Pos
	Overwrite bool
	Qualifier string
	Table     string
	Columns   []string
	Rows      [][]Literal
}

// Position returns where the statement starts.
func (s *CreateTable) Position() Pos { return s.Pos }

// Position returns where the statement starts.
func (s *DropTable) Position() Pos { return s.Pos }

// Position returns where the statement starts.
func (s *Desc) Position() Pos { return s.Pos }

// Position returns where the statement starts.
func (s *ShowTables) Position() Pos { return s.Pos }

// Position returns where the statement starts.
func (s *Set) Position() Pos { return s.Pos }

// Position returns where the statement starts.
func (s *Select) Position() Pos { return s.Pos }

// Position returns where the statement starts.
func (s *Insert) Position() Pos { return s.Pos }

// canonicalName lower-cases a MaxCompute identifier.
func canonicalName(s string) string { return strings.ToLower(s) }
