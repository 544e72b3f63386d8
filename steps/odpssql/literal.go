package odpssql

import "fmt"

// LiteralKind says what sort of constant a Literal is.
type LiteralKind int

// Literal kinds.
const (
	LitInt LiteralKind = iota
	LitFloat
	LitString
	LitBool
	LitNull
)

func (k LiteralKind) String() string {
	switch k {
	case LitInt:
		return "int"
	case LitFloat:
		return "float"
	case LitString:
		return "string"
	case LitBool:
		return "bool"
	case LitNull:
		return "null"
	}
	return fmt.Sprintf("LiteralKind(%d)", int(k))
}

// Literal is a constant in a WHERE condition or a VALUES row. Exactly the
// field matching Kind is set; Text is the constant as written (with quotes
// for strings).
type Literal struct {
	Kind  LiteralKind
	Int   int64
	Float float64
	Str   string
	Bool  bool
	Text  string
}

// String returns the literal as written.
func (l Literal) String() string { return l.Text }
