package odpssql

import (
	"reflect"
	"testing"
)

func TestParseMapping(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value string
		want  []MappingEntry
	}{
		{":vid,:gt,speed", []MappingEntry{{"vid", true, 0}, {"gt", true, 5}, {"speed", false, 9}}},
		{":vid, :gt, speed", []MappingEntry{{"vid", true, 0}, {"gt", true, 6}, {"speed", false, 11}}},
		{"  :Vid ,\tSpeed_2 ", []MappingEntry{{"Vid", true, 2}, {"Speed_2", false, 9}}},
		{"a", []MappingEntry{{"a", false, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Parallel()
			got, err := ParseMapping(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseMappingErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value, want string
		offset      int
	}{
		{"", "tablestore.columns.mapping, at character 1: the mapping is empty; list the Tablestore columns, primary-key columns first with ':' (e.g. ':vid,:gt,speed')", 0},
		{":vid,,gt", "tablestore.columns.mapping, at character 6: empty entry: two commas in a row", 5},
		{":vid,gt,", "tablestore.columns.mapping, at character 9: empty entry: the mapping ends with a comma", 8},
		{",vid", "tablestore.columns.mapping, at character 1: empty entry: the mapping starts with a comma", 0},
		{":vid, :", "tablestore.columns.mapping, at character 7: ':' must be followed by a primary-key column name", 6},
		{":vid :gt", "tablestore.columns.mapping, at character 1: Tablestore column name 'vid :gt' may contain only letters, digits and '_', found ' '; entries are separated by commas", 0},
		{":vid,1gt", "tablestore.columns.mapping, at character 6: Tablestore column name '1gt' must not start with a digit", 5},
		{":vid,g-t", "tablestore.columns.mapping, at character 6: Tablestore column name 'g-t' may contain only letters, digits and '_', found '-'", 5},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Parallel()
			_, err := ParseMapping(tt.value)
			me, ok := err.(*MappingError)
			if !ok {
				t.Fatalf("error = %v (%T), want *MappingError", err, err)
			}
			if me.Error() != tt.want || me.Offset != tt.offset {
				t.Errorf("got %q at %d\nwant %q at %d", me.Error(), me.Offset, tt.want, tt.offset)
			}
		})
	}
}

func TestFormatMapping(t *testing.T) {
	t.Parallel()
	entries := []MappingEntry{{Name: "vid", PrimaryKey: true}, {Name: "speed"}}
	if got := FormatMapping(entries); got != ":vid,speed" {
		t.Errorf("FormatMapping = %q", got)
	}
	back, err := ParseMapping(FormatMapping(entries))
	if err != nil || len(back) != 2 || back[0].Name != "vid" || !back[0].PrimaryKey || back[1].PrimaryKey {
		t.Errorf("round trip = %+v, %v", back, err)
	}
}
