package maxcompute

import "fmt"

// Action is one kind of REST call the emulator serves; the service counts
// calls per Action so tests and the sandbox's status view can see traffic.
type Action int

// The REST actions.
const (
	ActionUnknown        Action = iota // a path or method the emulator does not serve
	ActionGetProject                   // GET /projects/<p>
	ActionCreateInstance               // POST /projects/<p>/instances
	ActionListInstances                // GET /projects/<p>/instances
	ActionGetInstance                  // GET /projects/<p>/instances/<id>
	ActionGetTaskStatus                // GET …/<id>?taskstatus
	ActionGetResult                    // GET …/<id>?result
	ActionGetSummary                   // GET …/<id>?instancesummary
	ActionGetDetail                    // GET …/<id>?instancedetail
	ActionGetProgress                  // GET …/<id>?instanceprogress
	ActionTerminate                    // PUT …/<id>
	ActionGetTable                     // GET /projects/<p>/tables/<t>
	ActionListTables                   // GET /projects/<p>/tables
	numActions
)

// Actions lists every Action, for iterating over counters.
func Actions() []Action {
	out := make([]Action, 0, numActions)
	for a := ActionUnknown; a < numActions; a++ {
		out = append(out, a)
	}
	return out
}

func (a Action) String() string {
	switch a {
	case ActionUnknown:
		return "Unknown"
	case ActionGetProject:
		return "GetProject"
	case ActionCreateInstance:
		return "CreateInstance"
	case ActionListInstances:
		return "ListInstances"
	case ActionGetInstance:
		return "GetInstance"
	case ActionGetTaskStatus:
		return "GetTaskStatus"
	case ActionGetResult:
		return "GetResult"
	case ActionGetSummary:
		return "GetSummary"
	case ActionGetDetail:
		return "GetDetail"
	case ActionGetProgress:
		return "GetProgress"
	case ActionTerminate:
		return "Terminate"
	case ActionGetTable:
		return "GetTable"
	case ActionListTables:
		return "ListTables"
	case numActions:
	}
	return fmt.Sprintf("Action(%d)", int(a))
}
