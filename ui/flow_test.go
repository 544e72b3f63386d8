package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

func TestEnterThroughReachesDoneWithRowsAndDDL(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	d := newDriver(t, testOptions(t, f), nil)
	d.mustShow("Connect MaxCompute to a Tablestore table", "test sandbox", "Nothing is changed before you have reviewed the plan")
	d.toReview()
	d.mustShow("The plan", "+ role", "create", "enter applies it")
	d.keys("enter")
	if d.m.page() != pageResults {
		t.Fatalf("on %s: %s", d.m.page(), d.screen())
	}
	d.mustShow("Verified: 3 rows", "vid", "1700000060", "vid = 1001 LIMIT 10")
	d.keys("enter")
	d.mustShow("Setup complete", "CREATE EXTERNAL TABLE IF NOT EXISTS", "vehicle_track_ext", "Verified: 3 rows")
	if spec := d.m.wiz.Spec(); spec.Accounts.Tablestore.UID != uidA || spec.Accounts.MaxCompute.UID != uidB {
		t.Fatalf("UIDs not read from the credentials: %+v", spec.Accounts)
	}
	d.keys("enter")
	if !d.quit {
		t.Fatal("enter on the done screen did not leave")
	}
	r := d.m.Result()
	if !r.Finished || r.Interrupted || !strings.Contains(r.DDL, "CREATE EXTERNAL TABLE") {
		t.Fatalf("result %+v", r)
	}
	// Every step looked before it wrote.
	calls := strings.Join(f.callLog(), "\n")
	for _, want := range []string{"Observe role", "Apply role", "Apply verify", "ListInstances cn-hangzhou"} {
		if !strings.Contains(calls, want) {
			t.Errorf("no %q among the calls:\n%s", want, calls)
		}
	}
}

func TestWelcome(t *testing.T) {
	t.Parallel()
	t.Run("targets", func(t *testing.T) {
		t.Parallel()
		f := newFakeCloud()
		opts := testOptions(t, f)
		opts.Targets = append(opts.Targets, Target{Name: "Alibaba Cloud"})
		d := newDriver(t, opts, nil)
		d.mustShow("● test sandbox", "○ Alibaba Cloud", "←/→ target")
		d.keys("right")
		d.mustShow("○ test sandbox", "● Alibaba Cloud")
		d.keys("enter")
		// Alibaba Cloud starts from the environment, not the sandbox's pairs.
		if a, _ := d.m.accounts.credentials(); a.AccessKeyID != "" || sourceOf(a) != sourceEnvironment {
			t.Fatalf("credentials of the other target: %v", a)
		}
	})
	t.Run("esc from the accounts returns", func(t *testing.T) {
		t.Parallel()
		d := newDriver(t, testOptions(t, newFakeCloud()), nil)
		d.keys("enter", "esc")
		if d.m.page() != pageWelcome {
			t.Fatalf("on %s", d.m.page())
		}
	})
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		setup   func(*driver)
		page    page
		show    []string
		notShow []string
	}{
		{
			name: "verified keys show the account and type, then the project form",
			page: pageProject,
			show: []string{"MaxCompute project and region"},
		},
		{
			name: "a wrong key shows the service error whole",
			setup: func(d *driver) {
				d.keys("tab", "ctrl+u", "LTAI5tWrongKey0000")
			},
			page: pageAccounts,
			show: []string{"✗ A: STS GetCallerIdentity: InvalidAccessKeyId.NotFound: Specified access key is not found.", "(request id 5F2D-REQ-0002)",
				"✓ B: account 2222222222222222 · RAMUser"},
		},
		{
			name: "the profile source hides the key questions",
			setup: func(d *driver) {
				d.keys("left", "left") // AccessKey pair → environment → profile
			},
			page:    pageAccounts,
			show:    []string{"› Account A credentials", "● profile", "profile", "AccessKey ID"},
			notShow: nil,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions(t, newFakeCloud()), nil)
			d.keys("enter")
			if c.setup != nil {
				c.setup(d)
			}
			if c.name == "the profile source hides the key questions" {
				s := d.screen()
				if strings.Count(s, "AccessKey ID") != 1 {
					t.Fatalf("account A's key questions still shown:\n%s", s)
				}
				d.mustShow(c.show...)
				return
			}
			d.enterUntil(c.page, 8)
			if c.page == pageAccounts {
				for i := 0; i < 8; i++ {
					d.keys("enter")
				}
				if d.m.page() != pageAccounts {
					t.Fatalf("a refused key let the wizard go on to %s", d.m.page())
				}
			}
			d.mustShow(c.show...)
			d.mustNotShow(c.notShow...)
		})
	}
}

func TestAccountsRecheckAfterAChange(t *testing.T) {
	t.Parallel()
	f := newFakeCloud()
	d := newDriver(t, testOptions(t, f), nil)
	d.enterUntil(pageProject, 10)
	d.keys("esc")
	if !d.m.verified() {
		t.Fatal("going back lost the check")
	}
	d.keys("up", "up", "up", "x") // edit account A's secret
	if d.m.verified() {
		t.Fatal("a changed secret still counts as checked")
	}
	n := len(f.callLog())
	d.keys("enter", "enter", "enter", "enter", "enter")
	if len(f.callLog()) == n || d.m.page() != pageAccounts {
		t.Fatalf("the changed credentials were not checked again (on %s)", d.m.page())
	}
	d.mustShow("✗ A: STS GetCallerIdentity: InvalidAccessKeyId.NotFound", "✓ B: account 2222222222222222")
	d.keys("up", "up", "up", "backspace")
	d.enterUntil(pageProject, 10)
}

func TestFormsShowProblemsInline(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.enterUntil(pageProject, 10)
	d.keys("ctrl+u", "Hangzhou")
	d.mustShow(`✗ "Hangzhou" is not a region ID (lowercase words joined by '-') — write`, "the region ID of the Tablestore instance")
	d.keys("enter", "enter") // the last question: the form is refused
	if d.m.page() != pageProject {
		t.Fatalf("a bad region passed: %s", d.m.page())
	}
	if _, ok := d.m.project.form.Focused().(interface{ Value() string }); !ok || d.m.project.form.Focused().Key() != "region" {
		t.Fatalf("the focus is not on the bad answer: %s", d.m.project.form.Focused().Key())
	}
	d.keys("ctrl+u", "cn-hangzhou", "enter", "enter")
	if d.m.page() != pageRAM {
		t.Fatalf("on %s", d.m.page())
	}
	d.mustShow("Role ARN   acs:ram::1111111111111111:role/aliyunodpsroleforotheruser", "Trusts     2222222222222222@odps.aliyuncs.com")
}

func TestWarningIsShownWhenMovingOn(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.enterUntil(pageRAM, 12)
	d.keys("enter", "enter", "right") // access: read → read-write
	d.enterUntil(pageTablestore, 3)
	if d.m.noticeBad || !strings.Contains(d.m.notice, "read-write lets MaxCompute put, update and delete rows") {
		t.Fatalf("notice %q", d.m.notice)
	}
}

func TestGoingBackKeepsEveryAnswer(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.enterUntil(pageTablestore, 15)
	// Add a column to the table, then go on to the mapping.
	v := d.m.tablestore
	for v.form.Focused() != v.form.Controls()[5] {
		d.keys("tab")
	}
	d.keys("down", "down", "down", "down", "ctrl+n", "heading", "tab", "DOUBLE")
	d.enterUntil(pageMapping, 5)
	mv := d.m.mapping
	if rows := mv.rows(); len(rows) != 8 || rows[7] != (steps.Mapping{Column: "heading", Type: "double", Source: "heading"}) {
		t.Fatalf("mapping not derived from the edited table: %v", rows)
	}
	// Edit the mapping: rename the first external column and the table.
	d.keys("ctrl+u", "track", "tab", "tab")
	d.keys("ctrl+u", "vehicle_id")
	d.keys("esc")
	if d.m.page() != pageTablestore {
		t.Fatalf("esc went to %s", d.m.page())
	}
	d.mustShow("heading", "DOUBLE", "cap1", "vehicle_track")
	d.enterUntil(pageMapping, 10)
	rows := d.m.mapping.rows()
	if d.m.mapping.name.Value() != "track" || rows[0].Column != "vehicle_id" || len(rows) != 8 {
		t.Fatalf("answers lost coming back: %q %v", d.m.mapping.name.Value(), rows)
	}
	d.mustShow("You edited this mapping; ctrl+r derives it again")
}

func TestMappingFollowsTheTableUntilEdited(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(t, newFakeCloud()), nil)
	d.enterUntil(pageMapping, 20)
	d.keys("esc")
	// Drop the last attribute column: the untouched mapping follows.
	v := d.m.tablestore
	for v.form.Focused() != v.form.Controls()[5] {
		d.keys("tab")
	}
	for i := 0; i < 4; i++ {
		d.keys("down")
	}
	d.keys("ctrl+x")
	d.enterUntil(pageMapping, 5)
	if n := len(d.m.mapping.rows()); n != 6 {
		t.Fatalf("mapping has %d rows, want 6 (derived again)", n)
	}
	d.mustShow("The mapping was derived again")
	if spec := d.m.mapping.answer(d.m.wiz.Spec()); spec.ExternalTable.Mapping != nil {
		t.Fatalf("a derived mapping was written into the spec: %v", spec.ExternalTable.Mapping)
	}
}

// A fault is shown on the account it belongs to, and a failure that is not
// the key's (cancelled, unreachable) does not blame the key.
func TestAccountsFaultsAreAttributed(t *testing.T) {
	t.Parallel()
	t.Run("B's credentials cannot be read", func(t *testing.T) {
		t.Parallel()
		f := newFakeCloud()
		f.connectErr = &cloud.AccountError{Side: steps.SideMaxCompute,
			Err: errors.New("account B (MaxCompute): unable to get credentials from the environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set")}
		d := newDriver(t, testOptions(t, f), nil)
		d.enterUntil(pageAccounts, 1).keys("enter", "enter", "enter", "enter", "enter", "enter")
		d.mustShow("A: not checked: the other account's credentials come first",
			"✗ B: account B (MaxCompute): unable to get credentials", "account B (MaxCompute): its credentials cannot be used")
		d.mustNotShow("✗ A:")
	})
	for _, c := range []struct {
		name   string
		err    error
		notice string
	}{
		{"cancelled", context.Canceled, "the check of the keys was cancelled"},
		{"unreachable", errors.New("dial tcp 127.0.0.1:1: connect: connection refused"), "could not check the keys: dial tcp 127.0.0.1:1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeCloud()
			f.identifyErr = c.err
			d := newDriver(t, testOptions(t, f), nil)
			d.enterUntil(pageAccounts, 1).keys("enter", "enter", "enter", "enter", "enter", "enter")
			if !strings.Contains(d.m.notice, c.notice) || strings.Contains(d.m.notice, "a key was refused") {
				t.Fatalf("notice %q", d.m.notice)
			}
		})
	}
}

// A refused signature, as cloud/aliyun reports it (the server's
// string-to-sign cut off there), is shown with its code, message and request
// id and the catalogue's diagnosis.
func TestIdentityTextOfARefusedSecret(t *testing.T) {
	t.Parallel()
	err := &cloud.Error{Service: "STS", Op: "GetCallerIdentity", Code: "SignatureDoesNotMatch", HTTPStatus: 400,
		Message:   "Specified signature is not matched with our calculation. [the server's string to sign is left out]",
		RequestID: "5F2D-REQ-0009",
		Diagnosis: &cloud.Diagnosis{Cause: "the AccessKey secret does not match the AccessKey ID", Fix: "copy the secret again"}}
	got := identityText(err)
	for _, want := range []string{"SignatureDoesNotMatch: Specified signature is not matched with our calculation. [the server's string to sign is left out] (request id 5F2D-REQ-0009)",
		"the AccessKey secret does not match the AccessKey ID — copy the secret again"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "string to sign is:") || strings.Contains(got, "AccessKeyId%3D") {
		t.Errorf("the string-to-sign is shown: %q", got)
	}
}
