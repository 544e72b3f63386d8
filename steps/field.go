package steps

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mcots/wizard/steps/naming"
	"github.com/mcots/wizard/steps/odpssql"
)

// ValidateField checks one value of one spec field on its own, for a form's
// inline validation. field is the YAML path ("tablestore.instance",
// "tablestore.primary_key[1].type", "external_table.properties.<key>"); the
// error, when there is one, is a Problem naming the field, the rule and the
// fix. An empty value is accepted where the field has a default or is read
// from the credentials; rules that need the rest of the spec (mapping order,
// type against the Tablestore column) live in Validate.
func ValidateField(field, value string) error {
	check, ok := fieldCheck(field)
	if !ok {
		return fmt.Errorf("steps: ValidateField: no spec field %q", field)
	}
	if p := check(value); p != nil {
		p.Field = field
		return *p
	}
	return nil
}

// fieldCheck returns the single-value rule of a field; the returned Problem
// has no Field yet, so callers with an index can set it.
func fieldCheck(field string) (func(string) *Problem, bool) {
	switch path := withoutIndexes(field); path {
	case "region":
		return checkRegion, true
	case "accounts.tablestore.uid":
		return func(v string) *Problem { return checkUID(v, accountAFix) }, true
	case "accounts.maxcompute.uid":
		return func(v string) *Problem { return checkUID(v, accountBFix) }, true
	case "accounts.tablestore.profile", "accounts.maxcompute.profile":
		return checkProfile, true
	case "maxcompute.project":
		return nameCheck(naming.ProjectName, false, "use the project's name as the MaxCompute console shows it: 3–28 lowercase letters, digits or '_', starting with a letter"), true
	case "ram.role":
		return nameCheck(naming.RoleName, true, "use 1–64 letters, digits, '.' or '-', e.g. "+DefaultRole), true
	case "ram.policy":
		return nameCheck(naming.PolicyName, true, "use 1–128 letters, digits or '-', e.g. "+DefaultPolicy), true
	case "ram.access":
		return enumCheck(func(v string) bool { return Access(v).Valid() }, "an access level", "write read, or read-write if MaxCompute must also write to the table"), true
	case "ram.scope":
		return enumCheck(func(v string) bool { return Scope(v).Valid() }, "a policy scope", "write table (least privilege), instance or account"), true
	case "tablestore.instance":
		return nameCheck(naming.InstanceName, false, "use 3–16 letters, digits or '-', starting with a letter, not ending with '-', without ali, ay, ots, taobao or admin — e.g. cap1"), true
	case "tablestore.cluster_type":
		return enumCheck(func(v string) bool { return ClusterType(v).Valid() }, "a cluster type", "write SSD (high performance) or HYBRID (capacity)"), true
	case "tablestore.network":
		return enumCheck(func(v string) bool { return Network(v).Valid() }, "an instance network", "write NORMAL (any network, what MaxCompute needs), VPC or VPC_CONSOLE"), true
	case "tablestore.table":
		return nameCheck(naming.TableName, false, "use 1–255 letters, digits or '_', not starting with a digit"), true
	case "tablestore.primary_key[].name", "tablestore.columns[].name":
		return nameCheck(naming.ColumnName, false, "use 1–255 letters, digits or '_', not starting with a digit"), true
	case "tablestore.primary_key[].type":
		return checkKeyType, true
	case "tablestore.columns[].type":
		return checkColumnType, true
	case "tablestore.sample_key[]":
		return checkLiteralText, true
	case "external_table.name":
		return nameCheck(naming.ExternalTableName, true, "use letters, digits or '_', starting with a letter, at most 128 bytes"), true
	case "external_table.endpoint":
		return enumCheck(func(v string) bool { return Endpoint(v).Valid() }, "an endpoint kind", "write internal (recommended), public or vpc"), true
	case "external_table.mapping[].column":
		return nameCheck(naming.ExternalColumnName, false, "use letters, digits or '_', starting with a letter, at most 128 bytes"), true
	case "external_table.mapping[].type":
		return checkExternalType, true
	case "external_table.mapping[].source":
		return checkSource, true
	case "external_table.using[]":
		return checkUsing, true
	default:
		if key, ok := strings.CutPrefix(path, "external_table.properties."); ok && key != "" {
			return checkLiteralText, true
		}
	}
	return nil, false
}

// withoutIndexes turns "a.b[3].c" into "a.b[].c".
func withoutIndexes(field string) string {
	var b strings.Builder
	for i := 0; i < len(field); i++ {
		b.WriteByte(field[i])
		if field[i] == '[' {
			j := i + 1
			for j < len(field) && field[j] >= '0' && field[j] <= '9' {
				j++
			}
			if j < len(field) && field[j] == ']' {
				i = j - 1
			}
		}
	}
	return b.String()
}

const (
	accountAFix = "use the Account ID of account A, which owns the Tablestore data (16 digits, shown under the avatar in the console)"
	accountBFix = "use the Account ID of account B, whose MaxCompute project runs the SQL (16 digits, shown under the avatar in the console)"
)

func problem(rule, fix string) *Problem { return &Problem{Rule: rule, Fix: fix} }

// nameCheck adapts a naming rule. optional means an empty value takes a default.
func nameCheck(rule func(string) error, optional bool, fix string) func(string) *Problem {
	return func(v string) *Problem {
		if v == "" {
			if optional {
				return nil
			}
			return problem("is required", fix)
		}
		return ruleProblem(v, rule(v), fix)
	}
}

// ruleProblem turns a naming rule's error into a Problem that quotes the
// value once ("\"my-ots-1\" must not contain …").
func ruleProblem(v string, err error, fix string) *Problem {
	if err == nil {
		return nil
	}
	var r *naming.Rule
	if errors.As(err, &r) {
		return problem(fmt.Sprintf("%q %s", v, r.Reason), fix)
	}
	return problem(err.Error(), fix)
}

// enumCheck accepts the empty value (the default applies) and the listed ones.
func enumCheck(valid func(string) bool, what, fix string) func(string) *Problem {
	return func(v string) *Problem {
		if v == "" || valid(v) {
			return nil
		}
		return problem(fmt.Sprintf("%q is not %s", v, what), fix)
	}
}

func checkRegion(v string) *Problem {
	const fix = "write the region ID of the Tablestore instance and the MaxCompute project, e.g. cn-hangzhou"
	if v == "" {
		return problem("is required", fix)
	}
	parts := strings.Split(v, "-")
	ok := len(parts) >= 2 && len(v) <= 64
	for i, part := range parts {
		if part == "" || (i == 0 && !isLowerWord(part)) || !isLowerAlnum(part) {
			ok = false
		}
	}
	if !ok {
		return problem(fmt.Sprintf("%q is not a region ID (lowercase words joined by '-')", v), fix)
	}
	return nil
}

func isLowerWord(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func isLowerAlnum(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// checkUID accepts an empty UID: the interactive run reads it from the
// account's credentials. Validate requires it for offline rendering.
func checkUID(v, fix string) *Problem {
	if v == "" {
		return nil
	}
	return ruleProblem(v, naming.UID(v), fix)
}

func checkProfile(v string) *Problem {
	for _, r := range v {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return problem(fmt.Sprintf("%q contains spaces or control characters", v), "name a profile that `aliyun configure list` shows, or leave it empty to use the environment")
		}
	}
	return nil
}

func checkKeyType(v string) *Problem {
	const fix = "write INTEGER, STRING or BINARY"
	if v == "" {
		return problem("is required", fix)
	}
	if odpssql.IsPrimaryKeyType(v) {
		return nil
	}
	if _, ok := odpssql.ExternalType(v); ok {
		return problem(fmt.Sprintf("%q cannot be a primary-key type; Tablestore keys are INTEGER, STRING or BINARY", v), fix+", or move this column to tablestore.columns")
	}
	return problem(fmt.Sprintf("%q is not a Tablestore type", v), fix)
}

func checkColumnType(v string) *Problem {
	const fix = "write INTEGER, STRING, BINARY, DOUBLE or BOOLEAN"
	if v == "" {
		return problem("is required", fix)
	}
	if _, ok := odpssql.ExternalType(v); ok {
		return nil
	}
	return problem(fmt.Sprintf("%q is not a Tablestore type", v), fix)
}

// externalTypes are the MaxCompute types that read a Tablestore column.
const externalTypeList = "bigint, string, binary, double or boolean"

func checkExternalType(v string) *Problem {
	if v == "" {
		return problem("is required", "write "+externalTypeList)
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "bigint", "string", "binary", "double", "boolean":
		return nil
	case "int", "smallint", "tinyint":
		return problem(fmt.Sprintf("%q cannot hold a Tablestore INTEGER, which is 64-bit", v), "write bigint")
	}
	return problem(fmt.Sprintf("%q is not a type a Tablestore column maps to", v), "write "+externalTypeList)
}

func checkSource(v string) *Problem {
	const fix = `write the Tablestore column name, with a leading ':' for a primary-key column (":vid", "longitude")`
	if v == "" || v == ":" {
		return problem("is required", fix)
	}
	name := strings.TrimPrefix(v, ":")
	return ruleProblem(name, naming.ColumnName(name), fix)
}

func checkUsing(v string) *Problem {
	const fix = "name one jar resource per entry, as `list resources` shows it"
	if strings.TrimSpace(v) == "" {
		return problem("is empty", fix)
	}
	if strings.Contains(v, ",") {
		return problem(fmt.Sprintf("%q contains ','; USING separates resources with commas", v), fix)
	}
	return checkLiteralText(v)
}

// checkLiteralText refuses what has no place in a DDL literal or a
// property: control characters and bytes that are not UTF-8.
func checkLiteralText(v string) *Problem {
	if !utf8.ValidString(v) {
		return problem(fmt.Sprintf("%q is not valid UTF-8 text", v), "retype it as plain text")
	}
	for _, r := range v {
		if unicode.IsControl(r) {
			return problem(fmt.Sprintf("%q contains the control character %U", v, r), "remove it")
		}
	}
	return nil
}
