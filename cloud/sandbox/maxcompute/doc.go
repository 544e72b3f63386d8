// Package maxcompute emulates the MaxCompute REST API as the official ODPS Go
// SDK (v0.4.24) speaks it — projects, SQL instances, table metadata, ODPS V2
// and V4 request signatures — and a small SQL engine over Tablestore external
// tables: CREATE EXTERNAL TABLE, DROP TABLE, DESC, SHOW TABLES, SELECT (with
// primary-key prefix WHERE, LIMIT and COUNT(*)) and INSERT.
//
// The engine enforces the cross-account chain the way MaxCompute does:
// compiling a statement over an external table assumes the role named by
// odps.properties.rolearn (Backend.AssumeRole), and running it opens the
// Tablestore table through that role (Backend.OpenExternal), checks that the
// column mapping fits the table's primary key, and converts values by the
// Tablestore → MaxCompute type table. Failures come back as the text
// MaxCompute itself produces (ODPS-0130071, ODPS-0130131, ODPS-0010000, …) in
// the instance's task result, where the SDK's WaitForSuccess reads them.
//
// Where the cloud's behaviour had to be chosen rather than copied, the choice
// is written next to the code that makes it.
package maxcompute
