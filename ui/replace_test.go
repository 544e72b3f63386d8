package ui

import (
	"strings"
	"testing"

	"github.com/mcots/wizard/steps"
)

func TestReplacingTheExternalTableAsksFirst(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.extDiffers = true
	opts := testOptions(t, f)
	opts.ConnectReplacing = f.connectReplacing
	d := newDriver(t, opts, nil)
	d.toReview()
	d.mustShow("~ external table", "change")
	d.keys("enter")
	d.mustShow("Replace the external table vehicle_track_ext?", "exists in project demo_project with another definition",
		"columns: (vid bigint, gt string) → (vid bigint, gt bigint)", "Applying drops it and creates it again", "y replace it")
	d.mustNotShow("needs consent")
	d.keys("n")
	if d.m.page() != pagePlan || strings.Contains(strings.Join(f.callLog(), ","), "Apply") {
		t.Fatalf("n applied something: on %s, calls %v", d.m.page(), f.callLog())
	}
	d.mustShow("nothing was changed")
	d.keys("enter", "y")
	if d.m.page() != pageResults {
		t.Fatalf("after consenting, on %s: %s", d.m.page(), d.screen())
	}
	if s := d.m.wiz.Step(steps.StepExternalTable); s.Status != steps.StatusDone || !strings.Contains(strings.Join(f.callLog(), ","), "DROP external table") {
		t.Fatalf("external table %s, calls %v", s.Status, f.callLog())
	}
}

func TestReplacingWithoutAWayToConsent(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.extDiffers = true
	d := newDriver(t, testOptions(t, f), nil) // no ConnectReplacing
	d.toReview().keys("enter", "y")
	d.mustShow("this build cannot replace an external table")
	if d.m.page() != pagePlan {
		t.Fatalf("on %s", d.m.page())
	}
}

func TestConsentIsAskedAgainAfterEditing(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	f.extDiffers = true
	f.fail(steps.StepRole, noPermission("CreateRole"))
	opts := testOptions(t, f)
	opts.ConnectReplacing = f.connectReplacing
	d := newDriver(t, opts, nil)
	d.toReview().keys("enter", "y")
	if d.m.page() != pageRun || !d.m.consented {
		t.Fatalf("on %s, consented %v", d.m.page(), d.m.consented)
	}
	d.keys("e") // the role failed: edit its form, then back to the review
	d.toReview()
	if d.m.consented {
		t.Fatal("the consent outlived the plan it was given for")
	}
	d.keys("enter")
	if d.m.overlay != overlayReplace {
		t.Fatal("the new plan did not ask again")
	}
}
