package sandbox_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/mcots/wizard/cloud/sandbox"
)

// notes is a stand-in plane state.
type notes struct{ Items []string }

func (n *notes) MarshalState() ([]byte, error) { return json.Marshal(n) }
func (n *notes) UnmarshalState(b []byte) error { return json.Unmarshal(b, n) }

func TestStateSurvivesRestart(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sandbox.json")
	s1, err := sandbox.Start(sandbox.Options{StatePath: path, Seed: 3})
	must(t, err)
	part := &notes{}
	must(t, s1.RegisterState("notes", part))
	if err := s1.RegisterState("notes", part); err == nil {
		t.Fatal("a part was registered twice")
	}
	a := account(t, s1, sandbox.DemoAccountA)
	rc := ramClient(t, s1, akCred(a.Keys[0]))
	role := createRole(t, rc, "Reader", fmt.Sprintf(trustRootB, a.UID)).Role
	must(t, insertInstance(otsClient(t, s1, akCred(a.Keys[0])), "cap1", "SSD", ""))
	_, err = s1.AddUser(sandbox.DemoAccountA, "alice")
	must(t, err)
	part.Items = append(part.Items, "table vehicle_track")

	// Saved after each change, before Close.
	info, err := os.Stat(path)
	must(t, err)
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v, want 0600", info.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `"Reader"`) {
		t.Fatal("the role was not saved when it was created")
	}
	must(t, s1.Close())
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}

	s2 := start(t, sandbox.Options{StatePath: path, Seed: 3})
	if got := account(t, s2, sandbox.DemoAccountA); got.UID != a.UID || got.Keys[0] != a.Keys[0] || len(got.Users) != 1 {
		t.Fatalf("account after restart = %v", got)
	}
	req := ram.CreateGetRoleRequest()
	req.RoleName = "reader"
	got, err := ramClient(t, s2, akCred(a.Keys[0])).GetRole(req)
	must(t, err)
	if got.Role.RoleId != role.RoleId {
		t.Fatalf("role after restart = %+v", got.Role)
	}
	if _, ok := s2.Instance("cn-hangzhou", "cap1"); !ok {
		t.Fatal("instance lost")
	}
	if p, ok := s2.Project(sandbox.DemoProject); !ok || p.Owner != account(t, s2, sandbox.DemoAccountB).UID || len(s2.Projects()) != 1 {
		t.Fatalf("project after restart = %+v", p)
	}
	restored := &notes{}
	must(t, s2.RegisterState("notes", restored))
	if len(restored.Items) != 1 || restored.Items[0] != "table vehicle_track" {
		t.Fatalf("plane state after restart = %+v", restored)
	}
	// New IDs continue the sequence rather than repeating it.
	c, err := s2.AddAccount("C")
	must(t, err)
	for _, old := range []sandbox.Account{a, account(t, s2, sandbox.DemoAccountB)} {
		if c.UID == old.UID || c.Keys[0].ID == old.Keys[0].ID {
			t.Fatal("a restarted sandbox reissued an existing ID")
		}
	}
}

func TestBadStateFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"garbage.json": "{not json",
		"future.json":  `{"format": 99, "world": {}}`,
	} {
		path := filepath.Join(dir, name)
		must(t, os.WriteFile(path, []byte(content), 0o600))
		_, err := sandbox.New(sandbox.Options{StatePath: path})
		if err == nil || !strings.Contains(err.Error(), "move it away") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDeterministicSeed(t *testing.T) {
	t.Parallel()
	x, err := sandbox.New(sandbox.Options{Seed: 42})
	must(t, err)
	y, err := sandbox.New(sandbox.Options{Seed: 42})
	must(t, err)
	z, err := sandbox.New(sandbox.Options{Seed: 43})
	must(t, err)
	ax, ay, az := account(t, x, "A"), account(t, y, "A"), account(t, z, "A")
	if ax.UID != ay.UID || ax.Keys[0] != ay.Keys[0] || ax.UID == az.UID {
		t.Fatalf("seeded accounts: %v %v %v", ax, ay, az)
	}
	if s := fmt.Sprint(ax); strings.Contains(s, ax.Keys[0].Secret) || strings.Contains(fmt.Sprintf("%#v", ax), ax.Keys[0].Secret) {
		t.Fatalf("printing an account leaks its secret: %s", s)
	}
	if _, err := x.AddAccount("A"); err == nil {
		t.Fatal("duplicate account name accepted")
	}
	if err := x.AddProject(sandbox.Project{Name: sandbox.DemoProject, Owner: ax.UID, Region: "cn-hangzhou"}); err == nil {
		t.Fatal("duplicate project accepted")
	}
	if err := x.AddProject(sandbox.Project{Name: "Bad-Name", Owner: ax.UID, Region: "cn-hangzhou"}); err == nil {
		t.Fatal("invalid project name accepted")
	}
	must(t, x.AddProject(sandbox.Project{Name: "a_project", Owner: ax.UID, Region: "cn-shanghai"}))
}
