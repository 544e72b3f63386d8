package steps

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terraform renders account A's part of the setup for the alicloud provider:
// the role with its trust policy, the permission policy and its attachment,
// the Tablestore instance and table. The external table lives in account B
// and is created with the DDL. Every value is an escaped HCL string.
func Terraform(s Spec) string {
	s = s.WithDefaults()
	var b strings.Builder
	b.WriteString("# Account A (" + s.Accounts.Tablestore.UID + "): what MaxCompute in account B (" + s.Accounts.MaxCompute.UID + ") needs to read\n")
	b.WriteString("# Tablestore. The external table itself is created in account B with the DDL.\n")
	b.WriteString("# role_name and assume_role_policy_document need alicloud provider 1.252.0 or later.\n")
	b.WriteString("terraform {\n  required_providers {\n    alicloud = {\n")
	writeAttrs(&b, "      ", []hclAttr{{"source", `"aliyun/alicloud"`}, {"version", `">= 1.252.0"`}})
	b.WriteString("    }\n  }\n}\n\n")

	provider := []hclAttr{{"region", hclString(s.Region)}}
	if p := s.Accounts.Tablestore.Profile; p != "" {
		provider = append(provider, hclAttr{"profile", hclString(p)})
	}
	block(&b, `provider "alicloud"`, provider)

	block(&b, `resource "alicloud_ram_role" "odps"`, []hclAttr{
		{"role_name", hclString(s.RAM.Role)},
		{"description", hclString("Lets MaxCompute read Tablestore through an external table")},
		{"assume_role_policy_document", hclPolicy(TrustPolicy(s), "  ")},
	})
	block(&b, `resource "alicloud_ram_policy" "odps"`, []hclAttr{
		{"policy_name", hclString(s.RAM.Policy)},
		{"description", hclString("Tablestore " + s.RAM.Access.String() + " access for MaxCompute external tables")},
		{"policy_document", hclPolicy(PermissionPolicy(s), "  ")},
	})
	block(&b, `resource "alicloud_ram_role_policy_attachment" "odps"`, []hclAttr{
		{"role_name", "alicloud_ram_role.odps.role_name"},
		{"policy_name", "alicloud_ram_policy.odps.policy_name"},
		{"policy_type", `"Custom"`},
	})

	instanceType := "HighPerformance"
	if s.Tablestore.ClusterType == ClusterHybrid {
		instanceType = "Capacity"
	}
	block(&b, `resource "alicloud_ots_instance" "data"`, []hclAttr{
		{"name", hclString(s.Tablestore.Instance)},
		{"instance_type", hclString(instanceType)},
		{"accessed_by", hclString(accessedBy(s.Tablestore.Network))},
	})

	b.WriteString(`resource "alicloud_ots_table" "data" {` + "\n")
	writeAttrs(&b, "  ", []hclAttr{
		{"instance_name", "alicloud_ots_instance.data.name"},
		{"table_name", hclString(s.Tablestore.Table)},
		{"time_to_live", "-1"},
		{"max_version", "1"},
	})
	for _, k := range s.Tablestore.PrimaryKey {
		b.WriteString("\n  primary_key {\n")
		writeAttrs(&b, "    ", []hclAttr{{"name", hclString(k.Name)}, {"type", hclString(titleType(k.Type))}})
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func block(b *strings.Builder, header string, attrs []hclAttr) {
	b.WriteString(header + " {\n")
	writeAttrs(b, "  ", attrs)
	b.WriteString("}\n\n")
}

// accessedBy maps the instance network to the provider's accessed_by values.
func accessedBy(n Network) string {
	switch n {
	case NetworkVPC:
		return "Vpc"
	case NetworkVPCConsole:
		return "ConsoleOrVpc"
	default:
		return "Any"
	}
}

// titleType writes a Tablestore type as the provider spells it ("Integer").
func titleType(t string) string {
	if t == "" {
		return t
	}
	lower := strings.ToLower(t)
	first, size := utf8.DecodeRuneInString(lower)
	return string(unicode.ToUpper(first)) + lower[size:]
}
