package steps

import (
	"path/filepath"
	"testing"
)

// examples maps each golden variant to its spec file.
func examples() map[string]string {
	return map[string]string{
		"seed":             filepath.Join("..", "examples", "cap1-vehicle-track.yaml"),
		"same-account":     filepath.Join("..", "examples", "same-account.yaml"),
		"table-read-write": filepath.Join("..", "examples", "table-read-write.yaml"),
	}
}

func loadExample(t testing.TB, variant string) Spec {
	t.Helper()
	s, err := Load(examples()[variant])
	if err != nil {
		t.Fatalf("load %s: %v", variant, err)
	}
	return s
}

// seedSpec is the seed example built in code, for tests that vary one field.
func seedSpec() Spec {
	return Spec{
		Region: "cn-hangzhou",
		Accounts: Accounts{
			Tablestore: Account{UID: "1111111111111111", Profile: "a"},
			MaxCompute: Account{UID: "2222222222222222", Profile: "b"},
		},
		MaxCompute: MaxCompute{Project: "demo_project"},
		RAM:        RAM{Role: DefaultRole, Policy: DefaultPolicy, Access: AccessRead, Scope: ScopeTable},
		Tablestore: Tablestore{
			Instance:    "cap1",
			ClusterType: ClusterSSD,
			Table:       "vehicle_track",
			PrimaryKey:  []Column{{"vid", "INTEGER"}, {"gt", "INTEGER"}},
			Columns: []Column{
				{"longitude", "DOUBLE"}, {"latitude", "DOUBLE"}, {"distance", "DOUBLE"},
				{"speed", "DOUBLE"}, {"oil_consumption", "DOUBLE"},
			},
		},
		ExternalTable: ExternalTable{Name: "vehicle_track_ext", Endpoint: EndpointInternal},
	}
}

// findProblem returns the first problem on field, if any.
func findProblem(ps Problems, field string) (Problem, bool) {
	for _, p := range ps {
		if p.Field == field {
			return p, true
		}
	}
	return Problem{}, false
}
