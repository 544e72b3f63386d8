// Package odpssql parses the part of MaxCompute SQL the wizard and its sandbox
// speak — above all the Tablestore external-table DDL — and lints pasted DDL.
package odpssql

import (
	"fmt"
	"strings"
)

// Tablestore column types, as DescribeTable and the spec name them.
const (
	TSInteger = "INTEGER"
	TSString  = "STRING"
	TSBinary  = "BINARY"
	TSDouble  = "DOUBLE"
	TSBoolean = "BOOLEAN"
)

// externalTypes maps each Tablestore type to the one MaxCompute type that
// reads it without loss. INTEGER is 64-bit, so it is bigint, never int.
var externalTypes = map[string]string{
	TSInteger: "bigint",
	TSString:  "string",
	TSBinary:  "binary",
	TSDouble:  "double",
	TSBoolean: "boolean",
}

// ExternalType returns the MaxCompute column type for a Tablestore type, and
// false for a type Tablestore does not have.
func ExternalType(tsType string) (string, bool) {
	t, ok := externalTypes[strings.ToUpper(tsType)]
	return t, ok
}

// IsPrimaryKeyType reports whether a Tablestore primary-key column may have
// this type (INTEGER, STRING or BINARY).
func IsPrimaryKeyType(tsType string) bool {
	switch strings.ToUpper(tsType) {
	case TSInteger, TSString, TSBinary:
		return true
	}
	return false
}

// CheckCompatible says whether a MaxCompute column of type extType can read a
// Tablestore column of type tsType, and if not, what to write instead.
func CheckCompatible(tsType, extType string) error {
	want, ok := ExternalType(tsType)
	if !ok {
		return fmt.Errorf("Tablestore type %q is not one of INTEGER, STRING, BINARY, DOUBLE, BOOLEAN", tsType)
	}
	got := strings.ToLower(strings.TrimSpace(extType))
	if got == want {
		return nil
	}
	if strings.ToUpper(tsType) == TSInteger && (got == "int" || got == "smallint" || got == "tinyint") {
		return fmt.Errorf("type %s cannot hold a Tablestore INTEGER, which is 64-bit: use bigint", got)
	}
	return fmt.Errorf("type %s does not match Tablestore %s: use %s", got, strings.ToUpper(tsType), want)
}
