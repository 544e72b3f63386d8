package steps

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mcots/wizard/steps/odpssql"
)

// Validate checks every field of the spec (after defaults) against the rules
// the services enforce, and reports every problem at once, errors and
// warnings, in field order. The account UIDs are required: offline rendering
// needs them.
func Validate(s Spec) Problems { return validate(s, true) }

// validate is Validate; with requireUIDs false an empty UID passes, because
// the interactive run reads it from the account's credentials.
func validate(s Spec, requireUIDs bool) Problems {
	v := &validation{}
	d := s.WithDefaults()

	if v.field("region", d.Region) && !KnownRegion(d.Region) {
		fix := "check the region ID: the instance and the project must be in it (known: cn-hangzhou, cn-shanghai, ap-southeast-1, …)"
		if near, ok := nearestRegion(d.Region); ok {
			fix = "did you mean " + near + "? Correct the region, or keep it if the region is new"
		}
		v.warn("region", fmt.Sprintf("%q is not a region the wizard knows", d.Region), fix)
	}
	v.account("accounts.tablestore", d.Accounts.Tablestore, requireUIDs, accountAFix)
	v.account("accounts.maxcompute", d.Accounts.MaxCompute, requireUIDs, accountBFix)
	v.field("maxcompute.project", d.MaxCompute.Project)
	v.ram(d.RAM)
	v.tablestore(d.Tablestore)
	v.externalTable(s, d)
	return v.ps
}

// validation collects problems.
type validation struct{ ps Problems }

func (v *validation) add(field, rule, fix string, sev Severity) {
	v.ps = append(v.ps, Problem{Field: field, Rule: rule, Fix: fix, Severity: sev})
}

func (v *validation) err(field, rule, fix string)  { v.add(field, rule, fix, SeverityError) }
func (v *validation) warn(field, rule, fix string) { v.add(field, rule, fix, SeverityWarning) }

// field applies the field's single-value rule; it reports whether it passed.
func (v *validation) field(field, value string) bool {
	check, ok := fieldCheck(field)
	if !ok {
		panic("steps: no rule for field " + field) // a programming error, caught by every test
	}
	if p := check(value); p != nil {
		p.Field = field
		v.ps = append(v.ps, *p)
		return false
	}
	return true
}

func (v *validation) account(prefix string, a Account, requireUID bool, fix string) {
	if a.UID == "" && requireUID {
		v.err(prefix+".uid", "is required to render the policies and the role ARN", fix+"; the interactive wizard reads it from the credentials")
	}
	v.field(prefix+".uid", a.UID)
	v.field(prefix+".profile", a.Profile)
}

func (v *validation) ram(r RAM) {
	v.field("ram.role", r.Role)
	v.field("ram.policy", r.Policy)
	if v.field("ram.access", string(r.Access)) && r.Access == AccessReadWrite {
		v.warn("ram.access", "read-write lets MaxCompute put, update and delete rows in the table",
			"use read unless you will INSERT into the external table")
	}
	if v.field("ram.scope", string(r.Scope)) && r.Scope == ScopeAccount {
		v.warn("ram.scope", "account scope grants the role every Tablestore instance and table of account A",
			"use table (or instance) to grant only what the external table reads")
	}
}

func (v *validation) tablestore(t Tablestore) {
	v.field("tablestore.instance", t.Instance)
	v.field("tablestore.cluster_type", string(t.ClusterType))
	v.field("tablestore.network", string(t.Network))
	v.field("tablestore.table", t.Table)

	switch n := len(t.PrimaryKey); {
	case n == 0:
		v.err("tablestore.primary_key", "is empty; a Tablestore table has 1–4 primary-key columns",
			"list the key columns in key order, the partition key first, e.g. [{name: vid, type: INTEGER}]")
	case n > 4:
		v.err("tablestore.primary_key", fmt.Sprintf("has %d columns; a Tablestore table has at most 4", n),
			"keep at most 4 key columns and move the others to tablestore.columns")
	}
	seen := map[string]string{} // column name → field that declared it
	for i, c := range t.PrimaryKey {
		f := fmt.Sprintf("tablestore.primary_key[%d]", i)
		v.column(f, c, seen)
		v.field(f+".type", c.Type)
	}
	for i, c := range t.Columns {
		f := fmt.Sprintf("tablestore.columns[%d]", i)
		v.column(f, c, seen)
		v.field(f+".type", c.Type)
	}
	v.sampleKey(t)
}

func (v *validation) column(f string, c Column, seen map[string]string) {
	if !v.field(f+".name", c.Name) {
		return
	}
	if first, dup := seen[c.Name]; dup {
		v.err(f+".name", fmt.Sprintf("%q is already declared at %s", c.Name, first), "give every column its own name")
		return
	}
	seen[c.Name] = f + ".name"
}

func (v *validation) sampleKey(t Tablestore) {
	if len(t.SampleKey) > len(t.PrimaryKey) && len(t.PrimaryKey) > 0 {
		v.err("tablestore.sample_key", fmt.Sprintf("has %d values but the primary key has %d columns", len(t.SampleKey), len(t.PrimaryKey)),
			"give values for a leading part of the key, in key order")
	}
	for i, val := range t.SampleKey {
		f := fmt.Sprintf("tablestore.sample_key[%d]", i)
		if !v.field(f, val) || i >= len(t.PrimaryKey) {
			continue
		}
		k := t.PrimaryKey[i]
		switch strings.ToUpper(k.Type) {
		case odpssql.TSInteger:
			if _, err := strconv.ParseInt(val, 10, 64); err != nil {
				v.err(f, fmt.Sprintf("%q is not a 64-bit integer, but key column %s is INTEGER", val, k.Name), "write a whole number, e.g. 1001")
			}
		case odpssql.TSBinary:
			v.err(f, fmt.Sprintf("key column %s is BINARY; the verification query cannot select on a binary value", k.Name),
				"keep only the values of the key columns before it (or none: the query then reads the first rows)")
		}
	}
}

func (v *validation) externalTable(raw, d Spec) {
	e := d.ExternalTable
	// An empty name means tablestore.table is empty too, which is reported there.
	v.field("external_table.name", e.Name)
	if v.field("external_table.endpoint", string(e.Endpoint)) {
		v.endpoint(e.Endpoint, d.Tablestore.Network)
	}
	v.mapping(d.Tablestore, e.Mapping, len(raw.ExternalTable.Mapping) == 0)
	v.properties(e.Properties)
	for i, u := range e.Using {
		v.field(fmt.Sprintf("external_table.using[%d]", i), u)
	}
	if len(e.Using) > 0 {
		v.warn("external_table.using", "the built-in Tablestore handler needs no jar, and a resource missing from the project fails the DDL",
			"leave using empty unless you wrote a custom handler and added its jar with ADD JAR")
	}
}

func (v *validation) endpoint(e Endpoint, n Network) {
	vpcOnly := n == NetworkVPC || n == NetworkVPCConsole
	switch {
	case vpcOnly && e != EndpointVPC:
		v.err("tablestore.network", fmt.Sprintf("%s instances refuse requests from outside their VPC, but the external table reads over the %s endpoint", n, e),
			"use network NORMAL so MaxCompute can reach the instance, or endpoint vpc if the project reaches that VPC")
	case e == EndpointPublic:
		v.warn("external_table.endpoint", "public makes MaxCompute read over the Internet endpoint, slower and billed as Internet traffic",
			"use internal: MaxCompute and the instance are in the same region")
	case e == EndpointVPC:
		v.warn("external_table.endpoint", "the VPC host form in LOCATION is not confirmed to work for MaxCompute",
			"use internal unless the instance accepts only VPC access")
	}
}

func (v *validation) properties(props map[string]string) {
	for _, k := range sortedKeys(props) {
		f := "external_table.properties." + k
		if !propertyKeyOK(k) {
			v.err(f, fmt.Sprintf("%q is not a property key (letters, digits, '.', '_', '-')", k), "correct the key, e.g. tablestore.read.mode")
			continue
		}
		if isRequiredProperty(k) {
			v.err(f, "is rendered by the wizard from the spec and cannot be overridden", "remove it; change tablestore, ram or external_table.mapping instead")
			continue
		}
		if !v.field(f, props[k]) {
			continue
		}
		switch {
		case k == "tablestore.timestamp.ticks.unit" ||
			strings.HasPrefix(k, "tablestore.column.") && strings.HasSuffix(k, ".timestamp.ticks.unit"):
			switch props[k] {
			case "seconds", "millis", "micros", "nanos":
			default:
				v.warn(f, fmt.Sprintf("%q is not a known ticks unit", props[k]), "write seconds, millis, micros or nanos")
			}
		case !strings.HasPrefix(k, "tablestore.") && !strings.HasPrefix(k, "odps."):
			v.warn(f, "is not a key the Tablestore handler is known to read", "check the spelling; handler keys start with tablestore.")
		}
	}
}

// isRequiredProperty reports whether k names a SERDEPROPERTY the wizard
// renders itself; keys are compared without case so that no spelling can
// shadow one.
func isRequiredProperty(k string) bool {
	return strings.EqualFold(k, propMapping) || strings.EqualFold(k, propTable) || strings.EqualFold(k, propRoleARN)
}

func propertyKeyOK(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
