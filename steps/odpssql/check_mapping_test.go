package odpssql

import "testing"

func TestCheckMapping(t *testing.T) {
	t.Parallel()
	cols := []ColumnDef{
		{Name: "vid", Type: "string", Pos: Pos{2, 1}},
		{Name: "gt", Type: "bigint", Pos: Pos{3, 1}},
	}
	pk := []TSColumn{{"vid", TSInteger}, {"gt", TSInteger}}
	b4 := `2:1: error: column vid is declared string, but Tablestore primary-key column 'vid' is INTEGER; reading fails with "PrimaryKeyValue is not STRING type" (fix: declare ` + "`vid`" + ` bigint)`
	tests := []struct {
		name    string
		mapping string
		pk      []TSColumn
		attrs   []TSColumn
		want    []string
	}{
		{"table unknown: consistent in itself", ":vid,:gt", nil, nil, nil},
		{"key type mismatch is reported at the column", ":vid,:gt", pk, nil, []string{b4}},
		{"mapping-wide problems carry the zero Pos", ":vid", pk, nil, []string{
			"0:0: error: tablestore.columns.mapping has 1 entries but the table declares 2 columns; entry N feeds column N, so the counts must match (fix: add mapping entries for column gt, or drop the column)",
			"0:0: error: Tablestore primary-key column 'gt' is not in tablestore.columns.mapping; every primary-key column must be mapped (fix: add ':gt' to the mapping, and a column for it)",
			b4,
		}},
		{"names are case-sensitive in Tablestore", ":VID,:gt", []TSColumn{{"vid", TSString}, {"gt", TSInteger}}, nil, []string{
			"0:0: error: Tablestore primary-key column 'vid' is not in tablestore.columns.mapping; every primary-key column must be mapped (the mapping has 'VID', but Tablestore names are case-sensitive) (fix: add ':vid' to the mapping, and a column for it)",
			"0:0: error: ':VID' marks a primary-key column, but the Tablestore primary key is (vid, gt) (fix: remove ':VID', or use one of vid, gt)",
		}},
		{"duplicate entry", ":vid,:vid", nil, nil, []string{
			"0:0: error: Tablestore column 'vid' is mapped twice (entries 1 and 2) (fix: remove one of them)",
		}},
		{"more than four keys", ":a,:b,:c,:d,:e", nil, nil, []string{
			"0:0: error: tablestore.columns.mapping has 5 entries but the table declares 2 columns; entry N feeds column N, so the counts must match (fix: add columns for :c, :d, :e, or remove them from the mapping)",
			"0:0: error: tablestore.columns.mapping marks 5 primary-key columns; a Tablestore table has at most 4 (fix: keep the ':' only on the table's primary-key columns)",
		}},
		{"attributes checked only when known", ":vid,:gt,x", pk, []TSColumn{}, []string{
			"0:0: error: tablestore.columns.mapping has 3 entries but the table declares 2 columns; entry N feeds column N, so the counts must match (fix: add columns for x, or remove them from the mapping)",
			"0:0: warning: 'x' is not one of the Tablestore table's known attribute columns (none are listed); it reads as NULL in rows that lack it (fix: check the spelling against the Tablestore table)",
			b4,
		}},
		{"unknown attributes pass when attrs is nil", ":vid,:gt,x", pk, nil, []string{
			"0:0: error: tablestore.columns.mapping has 3 entries but the table declares 2 columns; entry N feeds column N, so the counts must match (fix: add columns for x, or remove them from the mapping)",
			b4,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := ParseMapping(tt.mapping)
			if err != nil {
				t.Fatal(err)
			}
			got := CheckMapping(cols, m, tt.pk, tt.attrs)
			sortFindings(got)
			assertFindings(t, got, tt.want)
		})
	}
}
