package steps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps/policy"
)

// CLICommand is the command-line equivalent of one cloud step, for people
// who want to see or run what the wizard does.
type CLICommand struct {
	Step    StepID
	Title   string
	Command string // one or more shell lines; comment lines start with '#'
}

// CLICommands returns the equivalent command of every cloud step, in apply
// order: the aliyun CLI for RAM and the OTS instance API, the Tablestore CLI
// for the table (the aliyun CLI has no data-plane commands) and odpscmd for
// the SQL. Every argument is shell-quoted; no secret appears.
func CLICommands(s Spec) []CLICommand {
	s = s.WithDefaults()
	a := profileArgs(s.Accounts.Tablestore.Profile)
	b := profileArgs(s.Accounts.MaxCompute.Profile)
	otsEndpoint := "ots." + s.Region + ".aliyuncs.com"
	dataEndpoint := "https://" + LocationHost(s.Tablestore.Instance, s.Region, EndpointPublic)
	odps := []string{"odpscmd", "--project=" + s.MaxCompute.Project, "-e"}

	return []CLICommand{
		{StepIdentities, "Check which accounts the credentials belong to (AccountId must be A's and B's UID)", strings.Join([]string{
			shellCommand(append([]string{"aliyun", "sts", "GetCallerIdentity"}, a...)...) + "  # account A: " + s.Accounts.Tablestore.UID,
			shellCommand(append([]string{"aliyun", "sts", "GetCallerIdentity"}, b...)...) + "  # account B: " + s.Accounts.MaxCompute.UID,
		}, "\n")},
		{StepProject, "Check that the MaxCompute project exists in account B (the wizard does not create projects)",
			shellCommand(append([]string{"aliyun", "maxcompute", "GET", "/api/v1/projects/" + s.MaxCompute.Project,
				"--endpoint", "maxcompute." + s.Region + ".aliyuncs.com", "--region", s.Region}, b...)...)},
		{StepRole, "Create the RAM role in account A; its trust policy admits " + TrustPrincipal(s),
			shellCommand(append([]string{"aliyun", "ram", "CreateRole", "--RoleName", s.RAM.Role,
				"--AssumeRolePolicyDocument", compactJSON(TrustPolicy(s))}, a...)...)},
		{StepPolicy, "Create the permission policy in account A",
			shellCommand(append([]string{"aliyun", "ram", "CreatePolicy", "--PolicyName", s.RAM.Policy,
				"--PolicyDocument", compactJSON(PermissionPolicy(s))}, a...)...)},
		{StepAttachment, "Attach the policy to the role",
			shellCommand(append([]string{"aliyun", "ram", "AttachPolicyToRole", "--PolicyType", "Custom",
				"--PolicyName", s.RAM.Policy, "--RoleName", s.RAM.Role}, a...)...)},
		{StepInstance, "Create the Tablestore instance (the CLI cannot infer the OTS endpoint, so it is given)",
			shellCommand(append([]string{"aliyun", "ots", "InsertInstance", "--endpoint", otsEndpoint, "--region", s.Region,
				"--InstanceName", s.Tablestore.Instance, "--ClusterType", s.Tablestore.ClusterType.String(),
				"--Network", s.Tablestore.Network.String()}, a...)...)},
		{StepTable, "Create the table with the Tablestore CLI (ts); the aliyun CLI has no Tablestore data-plane command, and the console works too",
			strings.Join([]string{
				"# in the Tablestore CLI, with account A's AccessKey:",
				shellCommand("config", "--endpoint", dataEndpoint, "--instance", s.Tablestore.Instance),
				shellCommand("create", "-t", s.Tablestore.Table, "--pk", tsPrimaryKey(s.Tablestore.PrimaryKey), "--ttl", "-1", "--version", "1"),
			}, "\n")},
		{StepSampleRows, "Read one row to learn a key for the verification query",
			strings.Join([]string{
				"# in the Tablestore CLI, after the config above:",
				shellCommand("use", "--wc", "-t", s.Tablestore.Table),
				shellCommand("scan", "--limit", "1"),
			}, "\n")},
		{StepExternalTable, "Create the external table in account B's project (odpscmd configured for account B)",
			shellCommand(append(odps, strings.TrimSuffix(DDL(s), "\n"))...)},
		{StepVerify, "Run the verification query",
			shellCommand(append(odps, strings.TrimSuffix(VerificationQuery(s), "\n"))...)},
	}
}

func profileArgs(profile string) []string {
	if profile == "" {
		return nil
	}
	return []string{"--profile", profile}
}

// tsPrimaryKey renders the primary key as the Tablestore CLI's --pk JSON.
func tsPrimaryKey(pk []Column) string {
	type tsColumn struct {
		C string `json:"c"`
		T string `json:"t"`
	}
	cols := make([]tsColumn, len(pk))
	for i, c := range pk {
		cols[i] = tsColumn{C: c.Name, T: strings.ToLower(c.Type)}
	}
	return marshalCompact(cols)
}

// compactJSON renders a policy on one line, as a command-line argument.
func compactJSON(d policy.Document) string { return marshalCompact(d) }

func marshalCompact(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only strings and slices of strings are encoded here.
		panic(fmt.Sprintf("steps: encode: %v", err))
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
