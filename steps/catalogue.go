package steps

import "fmt"

// StepID names one step of the setup. The order of the constants is the
// order the steps apply in.
type StepID int

// The steps, in apply order.
const (
	StepIdentities    StepID = iota + 1 // who the two sets of credentials belong to
	StepProject                         // the MaxCompute project in account B
	StepRole                            // the RAM role in account A and its trust policy
	StepPolicy                          // the permission policy in account A
	StepAttachment                      // the policy attached to the role
	StepInstance                        // the Tablestore instance
	StepTable                           // the Tablestore table
	StepSampleRows                      // a row to verify with (demo rows, or a key read from the table)
	StepExternalTable                   // CREATE EXTERNAL TABLE in account B
	StepVerify                          // the verification query
)

// stepCount is the number of steps; IDs run from 1 to stepCount.
const stepCount = int(StepVerify)

func (id StepID) String() string {
	switch id {
	case StepIdentities:
		return "identities"
	case StepProject:
		return "project"
	case StepRole:
		return "role"
	case StepPolicy:
		return "policy"
	case StepAttachment:
		return "attachment"
	case StepInstance:
		return "instance"
	case StepTable:
		return "table"
	case StepSampleRows:
		return "sample rows"
	case StepExternalTable:
		return "external table"
	case StepVerify:
		return "verify"
	}
	return fmt.Sprintf("StepID(%d)", int(id))
}

// Valid reports whether id names a step of the catalogue.
func (id StepID) Valid() bool { return id >= StepIdentities && id <= StepVerify }

// AccountSide says in which account a step acts.
type AccountSide int

// Account sides.
const (
	SideBoth       AccountSide = iota // both accounts
	SideTablestore                    // account A, which owns the data
	SideMaxCompute                    // account B, which runs the SQL
)

func (a AccountSide) String() string {
	switch a {
	case SideBoth:
		return "both accounts"
	case SideTablestore:
		return "account A (Tablestore)"
	case SideMaxCompute:
		return "account B (MaxCompute)"
	}
	return fmt.Sprintf("AccountSide(%d)", int(a))
}

// Step describes one step of the catalogue.
type Step struct {
	ID      StepID
	Title   string
	Account AccountSide
	// ObserveOnly marks steps that have nothing to apply: the wizard never
	// creates credentials or MaxCompute projects, it only finds them.
	ObserveOnly bool
	// SafeToSkip marks steps the setup works without.
	SafeToSkip bool
	// SkipRisk says what breaks when an unsafe step is skipped.
	SkipRisk string
}

// Info returns the catalogue entry of id.
func (id StepID) Info() Step {
	switch id {
	case StepIdentities:
		return Step{id, "Check both accounts' credentials", SideBoth, true, false,
			"the wizard could not tell which accounts it would change"}
	case StepProject:
		return Step{id, "Find the MaxCompute project", SideMaxCompute, true, false,
			"there would be no project to create the external table in"}
	case StepRole:
		return Step{id, "Create the RAM role MaxCompute assumes", SideTablestore, false, false,
			"the DDL's rolearn would name a role that does not exist (EntityNotExist.Role)"}
	case StepPolicy:
		return Step{id, "Create the permission policy", SideTablestore, false, false,
			"the role could not read the table (OTSNoPermissionAccess)"}
	case StepAttachment:
		return Step{id, "Attach the policy to the role", SideTablestore, false, false,
			"the role could not read the table (OTSNoPermissionAccess)"}
	case StepInstance:
		return Step{id, "Create the Tablestore instance", SideTablestore, false, false,
			"LOCATION would name an instance that does not exist"}
	case StepTable:
		return Step{id, "Create the Tablestore table", SideTablestore, false, false,
			"the external table would read a table that does not exist"}
	case StepSampleRows:
		return Step{id, "Find a sample row for the verification query", SideTablestore, false, true, ""}
	case StepExternalTable:
		return Step{id, "Create the external table", SideMaxCompute, false, false,
			"nothing in MaxCompute would read the table"}
	case StepVerify:
		return Step{id, "Run the verification query", SideMaxCompute, false, true, ""}
	}
	return Step{ID: id, Title: id.String()}
}

// Catalogue lists every step in apply order.
func Catalogue() []Step {
	out := make([]Step, 0, stepCount)
	for id := StepIdentities; id <= StepVerify; id++ {
		out = append(out, id.Info())
	}
	return out
}
