package tablestore

import (
	"math"

	"github.com/mcots/wizard/steps/naming"
)

// Limits of the table API.
const (
	maxPKColumns       = 4
	minTimeToLive      = 86400 // seconds; -1 or at least a day
	defaultDeviation   = 86400 // seconds
	maxDeviationSecond = math.MaxInt64 / 1000000
)

// checkMeta validates a new table's schema as CreateTable does.
func checkMeta(m TableMeta) *Error {
	if naming.TableName(m.Name) != nil {
		return paramInvalid("Invalid table name: %s.", m.Name)
	}
	if n := len(m.PrimaryKey); n < 1 || n > maxPKColumns {
		return paramInvalid("The number of primary key columns must be in range: [1, %d].", maxPKColumns)
	}
	seen := map[string]bool{}
	autoInc := 0
	for i, pk := range m.PrimaryKey {
		if naming.ColumnName(pk.Name) != nil {
			return paramInvalid("Invalid column name: %s.", pk.Name)
		}
		if seen[pk.Name] {
			return paramInvalid("Duplicated primary key name: %s.", pk.Name)
		}
		seen[pk.Name] = true
		switch pk.Type {
		case PKInteger, PKString, PKBinary:
		default:
			return paramInvalid("%s is an invalid type for the primary key.", pk.Type)
		}
		if pk.AutoIncrement {
			autoInc++
			switch {
			case pk.Type != PKInteger:
				return paramInvalid("AUTO_INCREMENT primary key must be integer.")
			case i == 0:
				return paramInvalid("PkAutoIncr cannot be set as first pk column")
			case autoInc > 1:
				return paramInvalid("AUTO_INCREMENT primary key count must <= 1.")
			}
		}
	}
	for _, dc := range m.DefinedColumns {
		if naming.ColumnName(dc.Name) != nil {
			return paramInvalid("Invalid column name: %s.", dc.Name)
		}
		if seen[dc.Name] {
			return paramInvalid("Duplicated attribute column name with primary key column: %s.", dc.Name)
		}
		seen[dc.Name] = true
		switch dc.Type {
		case ColumnInteger, ColumnDouble, ColumnBoolean, ColumnString, ColumnBinary:
		default:
			return paramInvalid("%s is an invalid type for the attribute column.", dc.Type)
		}
	}
	return nil
}

// checkOptions validates time to live, max versions and deviation.
func checkOptions(o TableOptions) *Error {
	switch {
	case o.TimeToLive == 0 || o.TimeToLive < -1:
		return paramInvalid("TimeToLive cannot be 0 or less than -1.")
	case o.TimeToLive > 0 && o.TimeToLive < minTimeToLive:
		return paramInvalid("TimeToLive must be -1 or at least %d seconds.", minTimeToLive)
	case o.MaxVersions <= 0:
		return paramInvalid("The maximum versions cannot be less than or equal to 0")
	case o.DeviationSeconds < 0 || o.DeviationSeconds > maxDeviationSecond:
		return paramInvalid("The maximum deviation must be in range [0, INT64_MAX/1000000].")
	}
	return nil
}

// checkReserved validates reserved throughput for a new table: capacity
// (HYBRID) instances cannot reserve any.
func checkReserved(r Throughput, cluster ClusterType) *Error {
	switch {
	case r.Read < 0:
		return paramInvalid("The value of read capacity unit can not be less than 0.")
	case r.Write < 0:
		return paramInvalid("The value of write capacity unit can not be less then 0.")
	case cluster == ClusterHybrid && r.Read > 0:
		return paramInvalid("Can not reserve read capacity unit on capacity.")
	case cluster == ClusterHybrid && r.Write > 0:
		return paramInvalid("Can not reserve write capacity unit on capacity.")
	}
	return nil
}
