package steps

// Spec holds every input of one setup: MaxCompute in account B reading a
// Tablestore table in account A. It is what the spec file holds; it never
// holds a secret (credentials come from named profiles or the environment).
type Spec struct {
	Region        string        `yaml:"region"`
	Accounts      Accounts      `yaml:"accounts"`
	MaxCompute    MaxCompute    `yaml:"maxcompute"`
	RAM           RAM           `yaml:"ram"`
	Tablestore    Tablestore    `yaml:"tablestore"`
	ExternalTable ExternalTable `yaml:"external_table"`
}

// Accounts names the two Alibaba Cloud accounts; they may be the same one.
type Accounts struct {
	Tablestore Account `yaml:"tablestore"` // account A: owns the data, the role and the policy
	MaxCompute Account `yaml:"maxcompute"` // account B: owns the project that runs the SQL
}

// Account is one Alibaba Cloud account and where its credentials come from.
// An empty Profile means the default credential chain (environment
// variables, then the CLI's current profile).
type Account struct {
	UID     string `yaml:"uid,omitempty"`
	Profile string `yaml:"profile,omitempty"`
}

// MaxCompute is the project in account B that creates and reads the external table.
type MaxCompute struct {
	Project string `yaml:"project"`
}

// RAM is the role in account A that MaxCompute assumes, and its permission policy.
type RAM struct {
	Role   string `yaml:"role,omitempty"`
	Policy string `yaml:"policy,omitempty"`
	Access Access `yaml:"access,omitempty"`
	Scope  Scope  `yaml:"scope,omitempty"`
}

// Tablestore is the instance and table in account A.
type Tablestore struct {
	Instance    string      `yaml:"instance"`
	ClusterType ClusterType `yaml:"cluster_type,omitempty"`
	Network     Network     `yaml:"network,omitempty"`
	Table       string      `yaml:"table"`
	PrimaryKey  []Column    `yaml:"primary_key,omitempty"`
	Columns     []Column    `yaml:"columns,omitempty"`
	// SampleKey holds values of a leading prefix of the primary key (in key
	// order) that are known to exist; the verification query selects on them
	// instead of scanning the table. The run fills it from the table.
	SampleKey []string `yaml:"sample_key,omitempty"`
}

// Column is a Tablestore column: a name and a Tablestore type (INTEGER,
// STRING, BINARY, DOUBLE or BOOLEAN).
type Column struct {
	Name string `yaml:"name"`
	Type string `yaml:"type"`
}

// ExternalTable is the MaxCompute external table in account B's project.
type ExternalTable struct {
	Name     string   `yaml:"name,omitempty"`
	Endpoint Endpoint `yaml:"endpoint,omitempty"`
	// Mapping lists the external columns in order; derived from the
	// Tablestore table when empty.
	Mapping []Mapping `yaml:"mapping,omitempty"`
	// Properties are extra SERDEPROPERTIES (read mode, ticks unit, …),
	// rendered after the required ones.
	Properties map[string]string `yaml:"properties,omitempty"`
	// Using names jar resources for a custom handler; the built-in handler
	// needs none.
	Using []string `yaml:"using,omitempty"`
}

// Mapping is one external column: its name and MaxCompute type, and the
// Tablestore column it reads (Source, with a leading ':' for a primary-key
// column, as tablestore.columns.mapping writes it).
type Mapping struct {
	Column string `yaml:"column"`
	Type   string `yaml:"type"`
	Source string `yaml:"source"`
}

// IsKey reports whether the mapping reads a primary-key column.
func (m Mapping) IsKey() bool { return len(m.Source) > 0 && m.Source[0] == ':' }

// SourceColumn is the Tablestore column name without the key marker.
func (m Mapping) SourceColumn() string {
	if m.IsKey() {
		return m.Source[1:]
	}
	return m.Source
}

// SameAccount reports whether MaxCompute and Tablestore live in one account,
// which changes the trust policy's principal.
func (s Spec) SameAccount() bool {
	return s.Accounts.Tablestore.UID != "" && s.Accounts.Tablestore.UID == s.Accounts.MaxCompute.UID
}
