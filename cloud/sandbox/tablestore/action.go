package tablestore

// Action is one Tablestore data API operation, named as in the request path
// (/PutRow) and, prefixed with "ots:", in RAM policies.
type Action string

// The operations the sandbox serves.
const (
	ActionCreateTable              Action = "CreateTable"
	ActionListTable                Action = "ListTable"
	ActionDescribeTable            Action = "DescribeTable"
	ActionDeleteTable              Action = "DeleteTable"
	ActionUpdateTable              Action = "UpdateTable"
	ActionPutRow                   Action = "PutRow"
	ActionGetRow                   Action = "GetRow"
	ActionUpdateRow                Action = "UpdateRow"
	ActionDeleteRow                Action = "DeleteRow"
	ActionGetRange                 Action = "GetRange"
	ActionBatchGetRow              Action = "BatchGetRow"
	ActionBatchWriteRow            Action = "BatchWriteRow"
	ActionComputeSplitPointsBySize Action = "ComputeSplitPointsBySize"
)

// Actions lists every operation the sandbox serves, in a stable order.
func Actions() []Action {
	return []Action{
		ActionCreateTable, ActionListTable, ActionDescribeTable, ActionDeleteTable, ActionUpdateTable,
		ActionPutRow, ActionGetRow, ActionUpdateRow, ActionDeleteRow, ActionGetRange,
		ActionBatchGetRow, ActionBatchWriteRow, ActionComputeSplitPointsBySize,
	}
}

// String returns the operation name.
func (a Action) String() string { return string(a) }

// RAMAction is the action as a RAM policy names it, e.g. "ots:GetRange".
func (a Action) RAMAction() string { return "ots:" + string(a) }

// IsWrite reports whether the operation changes tables or rows.
func (a Action) IsWrite() bool {
	switch a {
	case ActionCreateTable, ActionDeleteTable, ActionUpdateTable,
		ActionPutRow, ActionUpdateRow, ActionDeleteRow, ActionBatchWriteRow:
		return true
	}
	return false
}

func parseAction(name string) (Action, bool) {
	for _, a := range Actions() {
		if string(a) == name {
			return a, true
		}
	}
	return "", false
}
