package steps

import (
	"os/exec"
	"strings"
	"testing"
)

// shellWords runs a command line through sh and returns the words it gets,
// which is the only honest test of shell quoting.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	out, err := exec.Command(sh, "-c", `printf '%s\0' `+line).Output()
	if err != nil {
		t.Fatalf("sh rejected %s: %v", line, err)
	}
	words := strings.Split(string(out), "\x00")
	return words[:len(words)-1]
}

func TestShellQuoteSurvivesTheShell(t *testing.T) {
	t.Parallel()
	inputs := []string{"plain", "", "it's", "'", "''", `a\b`, "$HOME", "`id`", "a b", "*", "new\nline", "--x=y", `{"a":"b"}`, "中文", "!", "a'\\''b"}
	var quoted []string
	for _, in := range inputs {
		quoted = append(quoted, shellQuote(in))
	}
	got := shellWords(t, strings.Join(quoted, " "))
	if strings.Join(got, "|") != strings.Join(inputs, "|") {
		t.Errorf("through sh:\n got %q\nwant %q", got, inputs)
	}
	if shellQuote("plain") != "plain" || shellQuote("it's") != `'it'\''s'` {
		t.Errorf("shellQuote forms: %s %s", shellQuote("plain"), shellQuote("it's"))
	}
}

func TestCLICommands(t *testing.T) {
	t.Parallel()
	s := seedSpec()
	s.Region = "cn-beijing"
	cmds := CLICommands(s)
	var steps []string
	byStep := map[StepID]CLICommand{}
	for _, c := range cmds {
		steps = append(steps, c.Step.String())
		byStep[c.Step] = c
		if c.Title == "" || c.Command == "" {
			t.Errorf("%s: empty title or command", c.Step)
		}
	}
	if len(cmds) != stepCount {
		t.Errorf("one command per step: got %v", steps)
	}
	// B10: the aliyun CLI cannot infer the OTS endpoint; the command names it.
	if c := byStep[StepInstance].Command; !strings.Contains(c, "aliyun ots InsertInstance --endpoint ots.cn-beijing.aliyuncs.com --region cn-beijing --InstanceName cap1 --ClusterType SSD --Network NORMAL --profile a") {
		t.Errorf("instance command: %s", c)
	}
	// The policy reaches the CLI exactly as rendered.
	role := shellWords(t, byStep[StepRole].Command)
	if len(role) != 9 || role[6] != compactJSON(TrustPolicy(s)) || role[7] != "--profile" || role[8] != "a" {
		t.Errorf("CreateRole words: %q", role)
	}
	// The DDL reaches odpscmd exactly as rendered, quotes and all.
	ddl := shellWords(t, byStep[StepExternalTable].Command)
	if len(ddl) != 4 || ddl[0] != "odpscmd" || ddl[1] != "--project=demo_project" || ddl[3]+"\n" != DDL(s) {
		t.Errorf("odpscmd words: %q", ddl)
	}
	verify := shellWords(t, byStep[StepVerify].Command)
	if len(verify) != 4 || verify[3]+"\n" != VerificationQuery(s) {
		t.Errorf("verify words: %q", verify)
	}
	if !strings.Contains(byStep[StepTable].Command, "aliyun CLI has no Tablestore data-plane command") &&
		!strings.Contains(byStep[StepTable].Title, "aliyun CLI has no Tablestore data-plane command") {
		t.Errorf("table step does not explain the missing aliyun command: %+v", byStep[StepTable])
	}

	s.Accounts.Tablestore.Profile, s.Accounts.MaxCompute.Profile = "", ""
	for _, c := range CLICommands(s) {
		if strings.Contains(c.Command, "--profile") {
			t.Errorf("%s passes --profile without a profile: %s", c.Step, c.Command)
		}
	}
}
