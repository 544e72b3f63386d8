package sandbox

import (
	"fmt"
	"slices"
	"time"

	"github.com/mcots/wizard/steps/naming"
)

// Names of the demo accounts every fresh sandbox starts with: A owns the
// Tablestore side, B owns MaxCompute and the demo project.
const (
	DemoAccountA  = "A"
	DemoAccountB  = "B"
	DemoProject   = "demo_project"
	DefaultRegion = "cn-hangzhou"
)

// AccessKey is an AccessKey pair. Its String form hides the secret so that
// printing an Account never leaks it.
type AccessKey struct {
	ID     string `json:"id"`
	Secret string `json:"secret"`
}

func (k AccessKey) String() string { return k.ID + " (secret hidden)" }

// GoString hides the secret from %#v as well.
func (k AccessKey) GoString() string {
	return fmt.Sprintf("sandbox.AccessKey{ID: %q, Secret: <hidden>}", k.ID)
}

// Account is a copy of one sandbox account: its name (a label for humans
// and flags), UID, root AccessKeys and RAM users.
type Account struct {
	Name  string
	UID   string
	Keys  []AccessKey
	Users []RAMUser
}

// RAMUser is a copy of one RAM user of an account.
type RAMUser struct {
	Name     string
	ID       string
	ARN      string
	Keys     []AccessKey
	Policies []string // attached policies as "Type:Name"
}

func (a *account) view() Account {
	v := Account{Name: a.Name, UID: a.UID, Keys: slices.Clone(a.Keys)}
	for _, u := range a.Users {
		v.Users = append(v.Users, u.view(a.UID))
	}
	return v
}

func (u *ramUser) view(uid string) RAMUser {
	v := RAMUser{Name: u.Name, ID: u.ID, ARN: userARN(uid, u.Name), Keys: slices.Clone(u.Keys)}
	for _, at := range u.Attached {
		v.Policies = append(v.Policies, string(at.Type)+":"+at.Name)
	}
	return v
}

func userARN(uid, name string) string { return "acs:ram::" + uid + ":user/" + name }

// Accounts returns every account, in creation order.
func (s *Sandbox) Accounts() []Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Account, 0, len(s.w.Accounts))
	for _, a := range s.w.Accounts {
		out = append(out, a.view())
	}
	return out
}

// Account returns the account with the given name ("A", "B", …).
func (s *Sandbox) Account(name string) (Account, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.w.accountByName(name); a != nil {
		return a.view(), true
	}
	return Account{}, false
}

// AccountByUID returns the account with the given UID.
func (s *Sandbox) AccountByUID(uid string) (Account, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.w.accountByUID(uid); a != nil {
		return a.view(), true
	}
	return Account{}, false
}

// AddAccount creates an account with a fresh UID and one AccessKey pair.
func (s *Sandbox) AddAccount(name string) (Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.addAccountLocked(name)
	if err != nil {
		return Account{}, err
	}
	s.persistLocked()
	return a.view(), nil
}

func (s *Sandbox) addAccountLocked(name string) (*account, error) {
	if name == "" {
		return nil, fmt.Errorf("sandbox: an account needs a name")
	}
	if s.w.accountByName(name) != nil {
		return nil, fmt.Errorf("sandbox: account %q already exists", name)
	}
	uid := s.ids.digits(16)
	for s.w.accountByUID(uid) != nil {
		uid = s.ids.digits(16)
	}
	a := &account{Name: name, UID: uid, Keys: []AccessKey{s.newKey()}}
	s.w.Accounts = append(s.w.Accounts, a)
	return a, nil
}

func (s *Sandbox) newKey() AccessKey {
	return AccessKey{ID: s.ids.accessKeyID(), Secret: s.ids.accessKeySecret()}
}

// AddAccessKey gives the account's root another AccessKey pair.
func (s *Sandbox) AddAccessKey(accountName string) (AccessKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.w.accountByName(accountName)
	if a == nil {
		return AccessKey{}, fmt.Errorf("sandbox: no account %q", accountName)
	}
	k := s.newKey()
	a.Keys = append(a.Keys, k)
	s.persistLocked()
	return k, nil
}

// AddUser creates a RAM user with one AccessKey pair and no policies.
func (s *Sandbox) AddUser(accountName, userName string) (RAMUser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.w.accountByName(accountName)
	if a == nil {
		return RAMUser{}, fmt.Errorf("sandbox: no account %q", accountName)
	}
	if userName == "" || len(userName) > 64 {
		return RAMUser{}, fmt.Errorf("sandbox: RAM user name %q must be 1–64 characters", userName)
	}
	if a.userByName(userName) != nil {
		return RAMUser{}, fmt.Errorf("sandbox: account %q already has a user %q", accountName, userName)
	}
	u := &ramUser{Name: userName, ID: s.ids.digits(17), Keys: []AccessKey{s.newKey()}}
	a.Users = append(a.Users, u)
	s.persistLocked()
	return u.view(a.UID), nil
}

// AttachPolicyToUser attaches an existing custom or system policy to a RAM
// user. (RAM's user APIs are not emulated; tests and demos set users up
// with this.)
func (s *Sandbox) AttachPolicyToUser(accountName, userName string, t PolicyType, policyName string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.w.accountByName(accountName)
	if a == nil {
		return fmt.Errorf("sandbox: no account %q", accountName)
	}
	u := a.userByName(userName)
	if u == nil {
		return fmt.Errorf("sandbox: account %q has no user %q", accountName, userName)
	}
	name, ok := s.policyExistsLocked(a, t, policyName)
	if !ok {
		return fmt.Errorf("sandbox: account %q has no %s policy %q", accountName, t, policyName)
	}
	u.Attached = append(u.Attached, attachment{Type: t, Name: name, Date: s.now()})
	s.persistLocked()
	return nil
}

// policyExistsLocked reports whether a policy exists, with its stored name.
func (s *Sandbox) policyExistsLocked(a *account, t PolicyType, name string) (string, bool) {
	switch t {
	case PolicySystem:
		if sp, ok := systemPolicy(name); ok {
			return sp.Name, true
		}
	case PolicyCustom:
		if p := a.policyByName(name); p != nil {
			return p.Name, true
		}
	}
	return "", false
}

// Project is a MaxCompute project known to the sandbox. Its REST API lives
// in the MaxCompute plane; the core only keeps who owns which project where.
type Project struct {
	Name    string    `json:"name"`
	Owner   string    `json:"owner"` // owner account UID
	Region  string    `json:"region"`
	Created time.Time `json:"created,omitzero"` // set by AddProject when zero
}

// Projects returns every MaxCompute project.
func (s *Sandbox) Projects() []Project {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.w.Projects)
}

// Project returns the project with the given name. Project names are
// globally unique.
func (s *Sandbox) Project(name string) (Project, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.w.Projects {
		if p.Name == name {
			return p, true
		}
	}
	return Project{}, false
}

// AddProject adds a MaxCompute project owned by an existing account.
func (s *Sandbox) AddProject(p Project) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.addProjectLocked(p); err != nil {
		return err
	}
	s.persistLocked()
	return nil
}

func (s *Sandbox) addProjectLocked(p Project) error {
	if err := naming.ProjectName(p.Name); err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	if s.w.accountByUID(p.Owner) == nil {
		return fmt.Errorf("sandbox: project %q: no account with UID %q", p.Name, p.Owner)
	}
	if !knownRegion(p.Region) {
		return fmt.Errorf("sandbox: project %q: unknown region %q", p.Name, p.Region)
	}
	for _, q := range s.w.Projects {
		if q.Name == p.Name {
			return fmt.Errorf("sandbox: project %q already exists (project names are global)", p.Name)
		}
	}
	if p.Created.IsZero() {
		p.Created = s.now().Truncate(time.Second)
	}
	s.w.Projects = append(s.w.Projects, p)
	return nil
}

// seedDemo fills a fresh world: accounts A and B, and B's demo project.
func (s *Sandbox) seedDemo() error {
	if _, err := s.addAccountLocked(DemoAccountA); err != nil {
		return err
	}
	b, err := s.addAccountLocked(DemoAccountB)
	if err != nil {
		return err
	}
	return s.addProjectLocked(Project{Name: DemoProject, Owner: b.UID, Region: DefaultRegion})
}
