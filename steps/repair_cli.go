package steps

import "github.com/mcots/wizard/steps/policy"

// The commands below mend a setup that exists but is broken, for doctor's
// fixes; CLICommands only creates. As there, every argument is
// shell-quoted and no secret appears.

// UpdateTrustCommand is the aliyun CLI line that sets the role's trust
// policy to doc: the role's current trust policy with the wizard's
// principal merged in, so that its other principals stay.
func UpdateTrustCommand(s Spec, doc policy.Document) string {
	s = s.WithDefaults()
	return shellCommand(append([]string{"aliyun", "ram", "UpdateRole", "--RoleName", s.RAM.Role,
		"--NewAssumeRolePolicyDocument", compactJSON(doc)}, profileArgs(s.Accounts.Tablestore.Profile)...)...)
}

// PolicyVersionCommand is the aliyun CLI line that makes the spec's
// permission policy the default version of the existing policy (RAM keeps
// five versions: delete an old one first if it has five).
func PolicyVersionCommand(s Spec) string {
	s = s.WithDefaults()
	return shellCommand(append([]string{"aliyun", "ram", "CreatePolicyVersion", "--PolicyName", s.RAM.Policy,
		"--PolicyDocument", compactJSON(PermissionPolicy(s)), "--SetAsDefault", "true"}, profileArgs(s.Accounts.Tablestore.Profile)...)...)
}

// OpenNetworkCommand is the aliyun CLI line that lets the instance accept
// requests from any network, which MaxCompute needs to reach it (the CLI
// cannot infer the OTS endpoint, so it is given).
func OpenNetworkCommand(s Spec) string {
	s = s.WithDefaults()
	return shellCommand(append([]string{"aliyun", "ots", "UpdateInstance", "--endpoint", "ots." + s.Region + ".aliyuncs.com",
		"--region", s.Region, "--InstanceName", s.Tablestore.Instance, "--Network", NetworkNormal.String()},
		profileArgs(s.Accounts.Tablestore.Profile)...)...)
}
