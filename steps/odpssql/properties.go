package odpssql

import "strings"

// TableStoreHandler is the built-in storage handler that reads Tablestore.
const TableStoreHandler = "com.aliyun.odps.TableStoreStorageHandler"

// SERDEPROPERTIES keys the Tablestore handler reads.
const (
	PropColumnsMapping = "tablestore.columns.mapping"
	PropTableName      = "tablestore.table.name"
	PropRoleARN        = "odps.properties.rolearn"
	PropReadMode       = "tablestore.read.mode"
	PropCorruptColumn  = "tablestore.corrupt.column"
	PropTicksUnit      = "tablestore.timestamp.ticks.unit"
	PropPutRow         = "tablestore.table.put.row"
)

// knownProperties are the SERDEPROPERTIES keys the handler understands
// (besides the per-column ticks unit, which has a column name inside).
var knownProperties = []string{
	PropColumnsMapping, PropTableName, PropRoleARN, PropReadMode,
	PropCorruptColumn, PropTicksUnit, PropPutRow,
}

// ticksUnits are the values a ticks-unit property takes.
var ticksUnits = []string{"seconds", "millis", "micros", "nanos"}

// perColumnTicks reports whether key is tablestore.column.<col>.timestamp.ticks.unit
// and returns the column.
func perColumnTicks(key string) (string, bool) {
	const pre, post = "tablestore.column.", ".timestamp.ticks.unit"
	if !strings.HasPrefix(key, pre) || !strings.HasSuffix(key, post) || len(key) <= len(pre)+len(post) {
		return "", false
	}
	return key[len(pre) : len(key)-len(post)], true
}

func isKnownProperty(key string) bool {
	if contains(knownProperties, key) {
		return true
	}
	_, ok := perColumnTicks(key)
	return ok
}
