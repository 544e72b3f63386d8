package odpssql

import "fmt"

// Pos is a place in SQL text: 1-based line, and 1-based column counted in
// runes (not bytes), so a message points where an editor's cursor would.
type Pos struct{ Line, Col int }

// String renders the position as "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// IsValid reports whether p names a real place (the zero Pos does not).
func (p Pos) IsValid() bool { return p.Line > 0 && p.Col > 0 }

// Before reports whether p comes earlier in the text than q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// SyntaxError is SQL the parser cannot read, with where and why.
type SyntaxError struct {
	Pos Pos
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}
