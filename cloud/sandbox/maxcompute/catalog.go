package maxcompute

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
	"github.com/mcots/wizard/steps/odpssql"
)

// tableStoreHandler is the one storage handler the sandbox implements.
const tableStoreHandler = "com.aliyun.odps.TableStoreStorageHandler"

// The SERDEPROPERTIES keys the Tablestore handler reads.
const (
	propMapping = "tablestore.columns.mapping"
	propTable   = "tablestore.table.name"
	propRoleARN = "odps.properties.rolearn"
	propPutRow  = "tablestore.table.put.row"
)

// ExternalTableDef is one external table of a project, as its DDL defined it.
type ExternalTableDef struct {
	Project         string      `json:"project"`
	Name            string      `json:"name"` // lower case: MaxCompute names are case-insensitive
	ID              string      `json:"id"`
	OwnerUID        string      `json:"owner_uid"`
	Columns         []ColumnDef `json:"columns"`
	Comment         string      `json:"comment,omitempty"`
	StorageHandler  string      `json:"storage_handler"`
	SerDeProperties []Property  `json:"serde_properties"`
	Location        string      `json:"location"`
	Created         time.Time   `json:"created"`
}

// ColumnDef is one column of an external table: lower-case name and type.
type ColumnDef struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Comment string `json:"comment,omitempty"`
}

// Property is one SERDEPROPERTIES entry.
type Property struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// property returns the value of the first SERDEPROPERTIES entry with key.
func (t *ExternalTableDef) property(key string) (string, bool) {
	for _, p := range t.SerDeProperties {
		if p.Key == key {
			return p.Value, true
		}
	}
	return "", false
}

// column finds a column by its (case-insensitive) name.
func (t *ExternalTableDef) column(name string) (int, bool) {
	name = strings.ToLower(name)
	for i, c := range t.Columns {
		if c.Name == name {
			return i, true
		}
	}
	return 0, false
}

// mapping returns the Tablestore column behind each MaxCompute column,
// positionally. The DDL was validated at CREATE, so errors here mean a
// hand-edited state file.
func (t *ExternalTableDef) mapping() ([]odpssql.MappingEntry, error) {
	v, ok := t.property(propMapping)
	if !ok {
		return nil, fmt.Errorf("table %s.%s has no %s", t.Project, t.Name, propMapping)
	}
	m, err := odpssql.ParseMapping(v)
	if err != nil {
		return nil, err
	}
	if len(m) != len(t.Columns) {
		return nil, fmt.Errorf("table %s.%s maps %d Tablestore columns to %d columns", t.Project, t.Name, len(m), len(t.Columns))
	}
	return m, nil
}

// source is what the backend needs to reach the table's Tablestore side.
func (t *ExternalTableDef) source(p Project) ExternalSource {
	role, _ := t.property(propRoleARN)
	name, _ := t.property(propTable)
	return ExternalSource{
		ProjectOwnerUID: p.OwnerUID,
		ProjectRegion:   p.Region,
		RoleARN:         role,
		Location:        t.Location,
		Table:           name,
	}
}

// writeMode is PutRow when tablestore.table.put.row is true, else UpdateRow.
func (t *ExternalTableDef) writeMode() WriteMode {
	if v, _ := t.property(propPutRow); strings.EqualFold(strings.TrimSpace(v), "true") {
		return WritePutRow
	}
	return WriteUpdateRow
}

// displayLocation hides the AccessKey secret of a LOCATION that embeds one
// (tablestore://<id>:<secret>@host): responses and files never carry secrets.
func displayLocation(loc string) string { return wire.MaskLocation(loc) }

// lookupTable returns a project's table by name.
func (s *Service) lookupTable(project, name string) (*ExternalTableDef, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tables[project][strings.ToLower(name)]
	return t, ok
}

// addTable stores t unless its name is taken; it reports whether it did.
func (s *Service) addTable(t *ExternalTableDef) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	byName := s.tables[t.Project]
	if byName == nil {
		byName = map[string]*ExternalTableDef{}
		s.tables[t.Project] = byName
	}
	if _, taken := byName[t.Name]; taken {
		return false
	}
	byName[t.Name] = t
	return true
}

// dropTable removes a table; it reports whether there was one.
func (s *Service) dropTable(project, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	name = strings.ToLower(name)
	if _, ok := s.tables[project][name]; !ok {
		return false
	}
	delete(s.tables[project], name)
	return true
}

// projectTables returns a project's tables sorted by name.
func (s *Service) projectTables(project string) []*ExternalTableDef {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*ExternalTableDef, 0, len(s.tables[project]))
	for _, t := range s.tables[project] {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// State is what the emulator keeps across runs (wizard --state): the external
// tables of every project. Instances are not kept; they are job history.
type State struct {
	Tables []ExternalTableDef `json:"tables"`
}

// Snapshot returns the current State. An AccessKey secret embedded in a
// LOCATION is masked, so a state file never holds one; such a table fails
// to authenticate after Restore until it is created again.
func (s *Service) Snapshot() State {
	var st State
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, byName := range s.tables {
		for _, t := range byName {
			c := *t
			c.Columns = append([]ColumnDef(nil), t.Columns...)
			c.SerDeProperties = append([]Property(nil), t.SerDeProperties...)
			c.Location = displayLocation(t.Location)
			st.Tables = append(st.Tables, c)
		}
	}
	sort.Slice(st.Tables, func(i, j int) bool {
		a, b := st.Tables[i], st.Tables[j]
		if a.Project != b.Project {
			return a.Project < b.Project
		}
		return a.Name < b.Name
	})
	return st
}

// Restore replaces every table with those of st, after checking each one is
// a table the engine could have created.
func (s *Service) Restore(st State) error {
	tables := map[string]map[string]*ExternalTableDef{}
	for i := range st.Tables {
		t := st.Tables[i]
		t.Name = strings.ToLower(t.Name)
		t.Columns = append([]ColumnDef(nil), t.Columns...)
		t.SerDeProperties = append([]Property(nil), t.SerDeProperties...)
		if t.Project == "" || t.Name == "" || len(t.Columns) == 0 {
			return fmt.Errorf("state table %d: project, name and columns are required", i)
		}
		if t.StorageHandler != tableStoreHandler {
			return fmt.Errorf("state table %s.%s: storage handler %q is not %s", t.Project, t.Name, t.StorageHandler, tableStoreHandler)
		}
		for _, c := range t.Columns {
			if _, ok := tsTypeOf(c.Type); !ok {
				return fmt.Errorf("state table %s.%s: column %s has type %q, which Tablestore cannot hold", t.Project, t.Name, c.Name, c.Type)
			}
		}
		if _, err := t.mapping(); err != nil {
			return fmt.Errorf("state table %s.%s: %w", t.Project, t.Name, err)
		}
		if tables[t.Project] == nil {
			tables[t.Project] = map[string]*ExternalTableDef{}
		}
		if _, dup := tables[t.Project][t.Name]; dup {
			return fmt.Errorf("state table %s.%s appears twice", t.Project, t.Name)
		}
		tables[t.Project][t.Name] = &t
	}
	s.mu.Lock()
	s.tables = tables
	s.mu.Unlock()
	return nil
}
