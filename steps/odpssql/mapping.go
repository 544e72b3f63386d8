package odpssql

import (
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps/naming"
)

// MappingEntry is one entry of 'tablestore.columns.mapping': a Tablestore
// column name (case-sensitive, as Tablestore names are), whether it was
// marked ':' as a primary-key column, and the byte offset in the property
// value where the entry starts (at the ':' for a key column).
type MappingEntry struct {
	Name       string
	PrimaryKey bool
	Pos        int
}

// String renders the entry as written in the mapping (":vid" or "gt").
func (e MappingEntry) String() string {
	if e.PrimaryKey {
		return ":" + e.Name
	}
	return e.Name
}

// MappingError is a 'tablestore.columns.mapping' value that cannot be read.
type MappingError struct {
	Offset int // byte offset in the value
	Msg    string
}

func (e *MappingError) Error() string {
	return fmt.Sprintf("tablestore.columns.mapping, at character %d: %s", e.Offset+1, e.Msg)
}

// ParseMapping reads a 'tablestore.columns.mapping' value such as
// ":vid, :gt, speed". Entries are separated by commas; spaces around an entry
// are tolerated (the official examples put one after each comma).
func ParseMapping(value string) ([]MappingEntry, error) {
	if strings.TrimSpace(value) == "" {
		return nil, &MappingError{Msg: "the mapping is empty; list the Tablestore columns, primary-key columns first with ':' (e.g. ':vid,:gt,speed')"}
	}
	var out []MappingEntry
	start := 0
	for i := 0; i <= len(value); i++ {
		if i < len(value) && value[i] != ',' {
			continue
		}
		part := value[start:i]
		lead := len(part) - len(strings.TrimLeft(part, " \t\r\n"))
		entry := strings.TrimSpace(part)
		at := start + lead
		if entry == "" {
			msg := "empty entry: two commas in a row"
			switch {
			case i == len(value):
				msg = "empty entry: the mapping ends with a comma"
			case start == 0:
				msg = "empty entry: the mapping starts with a comma"
			}
			return nil, &MappingError{Offset: at, Msg: msg}
		}
		e := MappingEntry{Name: entry, Pos: at}
		if strings.HasPrefix(entry, ":") {
			e.PrimaryKey = true
			e.Name = entry[1:]
			if e.Name == "" {
				return nil, &MappingError{Offset: at, Msg: "':' must be followed by a primary-key column name"}
			}
		}
		if err := naming.ColumnName(e.Name); err != nil {
			msg := err.Error()
			if r, ok := err.(*naming.Rule); ok {
				msg = fmt.Sprintf("Tablestore column name %s %s", quoteShown(r.Name), r.Reason)
			}
			if strings.ContainsAny(e.Name, " \t\r\n") {
				msg += "; entries are separated by commas"
			}
			return nil, &MappingError{Offset: at, Msg: msg}
		}
		out = append(out, e)
		start = i + 1
	}
	return out, nil
}

// FormatMapping renders entries as a mapping value (":vid,:gt,speed").
func FormatMapping(entries []MappingEntry) string {
	parts := make([]string, len(entries))
	for i, e := range entries {
		parts[i] = e.String()
	}
	return strings.Join(parts, ",")
}
