package steps

// Access is how much of the table the role may touch.
type Access string

// Access levels.
const (
	AccessRead      Access = "read"
	AccessReadWrite Access = "read-write"
)

func (a Access) String() string { return string(a) }

// Valid reports whether a is one of the access levels.
func (a Access) Valid() bool { return a == AccessRead || a == AccessReadWrite }

// Scope is how wide the permission policy's resources reach.
type Scope string

// Policy scopes, widest first.
const (
	ScopeAccount  Scope = "account"
	ScopeInstance Scope = "instance"
	ScopeTable    Scope = "table"
)

func (s Scope) String() string { return string(s) }

// Valid reports whether s is one of the scopes.
func (s Scope) Valid() bool { return s == ScopeAccount || s == ScopeInstance || s == ScopeTable }

// ClusterType is the Tablestore instance type.
type ClusterType string

// Cluster types, as InsertInstance names them.
const (
	ClusterSSD    ClusterType = "SSD"    // high performance
	ClusterHybrid ClusterType = "HYBRID" // capacity
)

func (c ClusterType) String() string { return string(c) }

// Valid reports whether c is one of the cluster types.
func (c ClusterType) Valid() bool { return c == ClusterSSD || c == ClusterHybrid }

// Network is which networks a Tablestore instance accepts requests from.
type Network string

// Instance networks, as InsertInstance names them.
const (
	NetworkNormal     Network = "NORMAL"      // any network; what MaxCompute needs
	NetworkVPC        Network = "VPC"         // only the bound VPC
	NetworkVPCConsole Network = "VPC_CONSOLE" // the bound VPC and the console
)

func (n Network) String() string { return string(n) }

// Valid reports whether n is one of the networks.
func (n Network) Valid() bool {
	return n == NetworkNormal || n == NetworkVPC || n == NetworkVPCConsole
}

// Endpoint is which Tablestore host the external table's LOCATION names.
type Endpoint string

// Endpoint kinds.
const (
	EndpointInternal Endpoint = "internal" // <inst>.<region>.ots-internal.aliyuncs.com
	EndpointPublic   Endpoint = "public"   // <inst>.<region>.ots.aliyuncs.com
	EndpointVPC      Endpoint = "vpc"      // <inst>.<region>.vpc.tablestore.aliyuncs.com
)

func (e Endpoint) String() string { return string(e) }

// Valid reports whether e is one of the endpoint kinds.
func (e Endpoint) Valid() bool {
	return e == EndpointInternal || e == EndpointPublic || e == EndpointVPC
}
