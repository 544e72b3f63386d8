package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud/sandbox"
)

// destroy shows its plan and asks; without a terminal it needs --yes;
// declined, it removes nothing; with --yes --include-data it removes what
// apply made, and a second destroy has nothing to remove.
func TestDestroyAsksThenRemovesOnlyWhatTheWizardMade(t *testing.T) {
	t.Parallel()
	e := startEndpointSandbox(t, sandbox.DemoOptions{Instant: true})
	ctx := context.Background()
	if code, out, errs := runIn(ctx, nil, e.args("apply", "--yes")...); code != exitOK {
		t.Fatalf("apply: %d\n%s\n%s", code, out, errs)
	}
	var outputs []string
	e.sb.ResetCalls()
	code, out, errs := runIn(ctx, strings.NewReader(""), e.args("destroy")...)
	outputs = append(outputs, out, errs)
	if code != exitUsage || !strings.Contains(errs, "add --yes") || !strings.Contains(errs, "- external table      vehicle_track_ext (project demo_project") ||
		!strings.Contains(errs, "      why: its COMMENT is 'created by mcots wizard'") ||
		!strings.Contains(errs, "= Tablestore table    vehicle_track (instance cap1 in cn-hangzhou") ||
		!strings.Contains(errs, "      kept: created by the wizard; data stays unless destroy runs with --include-data") ||
		!strings.Contains(errs, "4 to remove, 2 kept.") {
		t.Fatalf("no terminal: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = runIn(ctx, terminal{strings.NewReader("n\n")}, e.args("destroy", "--include-data")...)
	outputs = append(outputs, out, errs)
	if code != exitProblems || !strings.Contains(errs, "Remove these 6 objects? [y/N]") || !strings.Contains(errs, "not confirmed; nothing was removed") {
		t.Fatalf("declined: %d\n%s\n%s", code, out, errs)
	}
	if n := e.sb.Writes(); n != 0 {
		t.Fatalf("%d writes without consent", n)
	}

	code, out, errs = runIn(ctx, terminal{strings.NewReader("y\n")}, e.args("destroy", "--include-data")...)
	outputs = append(outputs, out, errs)
	if code != exitOK || !strings.Contains(errs, "done; running it again removes nothing") {
		t.Fatalf("confirmed: %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"- removed external table vehicle_track_ext", "- removed policy attachment ", "- removed policy AliyunODPSRolePolicyForOtherUser",
		"- removed role AliyunODPSRoleForOtherUser", "- removed Tablestore table vehicle_track", "- removed Tablestore instance cap1"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}

	e.sb.ResetCalls()
	code, out, errs = runIn(ctx, nil, e.args("destroy", "--yes", "--include-data", "--output", "json")...)
	outputs = append(outputs, out, errs)
	var r destroyReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != exitOK || !r.OK || len(r.Planned) != 0 || len(r.Removed) != 0 ||
		!strings.Contains(errs, "nothing to remove") {
		t.Fatalf("second destroy: %d %v\n%s\n%s", code, err, out, errs)
	}
	if n := e.sb.Writes(); n != 0 {
		t.Errorf("the second destroy wrote %d times", n)
	}
	// apply again works from scratch.
	if code, out, errs := runIn(ctx, nil, e.args("apply", "--yes")...); code != exitOK || !strings.Contains(out, "+ role ") {
		t.Fatalf("apply after destroy: %d\n%s\n%s", code, out, errs)
	}
	e.noSecrets(t, outputs...)
}

// destroy --output json reports what it planned, removed and kept.
func TestDestroyJSON(t *testing.T) {
	t.Parallel()
	e := startEndpointSandbox(t, sandbox.DemoOptions{Instant: true})
	ctx := context.Background()
	if code, out, errs := runIn(ctx, nil, e.args("apply", "--yes")...); code != exitOK {
		t.Fatalf("apply: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs := runIn(ctx, nil, e.args("destroy", "--yes", "--output", "json")...)
	var r destroyReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != exitOK {
		t.Fatalf("%d %v\n%s\n%s", code, err, out, errs)
	}
	if !r.OK || len(r.Planned) != 4 || len(r.Removed) != 4 || len(r.Kept) != 2 || r.Removed[0].Kind != "external table" ||
		r.Kept[1].Kind != "Tablestore instance" || r.Kept[1].Why == "" {
		t.Errorf("report: %+v", r)
	}
}
