package sandbox

import (
	"strings"
	"time"
)

// world is everything the sandbox knows. It is guarded by Sandbox.mu and
// persisted as JSON by --state (see state.go); the JSON holds the
// sandbox's own fake AccessKey secrets and STS tokens.
type world struct {
	Accounts  []*account             `json:"accounts"`
	Instances []*instance            `json:"instances"`
	Projects  []Project              `json:"projects"`
	Sessions  map[string]*stsSession `json:"sessions"` // by STS AccessKeyId
}

// account is one Alibaba Cloud account (a UID) with its RAM contents.
type account struct {
	Name     string          `json:"name"`
	UID      string          `json:"uid"`
	Keys     []AccessKey     `json:"keys"`
	Users    []*ramUser      `json:"users,omitempty"`
	Roles    []*role         `json:"roles,omitempty"`
	Policies []*customPolicy `json:"policies,omitempty"`
}

// ramUser is a RAM user with its own keys and attached policies.
type ramUser struct {
	Name     string       `json:"name"`
	ID       string       `json:"id"`
	Keys     []AccessKey  `json:"keys"`
	Attached []attachment `json:"attached,omitempty"`
}

// role is a RAM role.
type role struct {
	ID                 string       `json:"id"`
	Name               string       `json:"name"`
	Description        string       `json:"description,omitempty"`
	Trust              string       `json:"trust"` // AssumeRolePolicyDocument as given
	MaxSessionDuration int64        `json:"max_session_duration"`
	Created            time.Time    `json:"created"`
	Updated            time.Time    `json:"updated"`
	Attached           []attachment `json:"attached,omitempty"`
}

// attachment is a policy attached to a role or user.
type attachment struct {
	Type PolicyType `json:"type"`
	Name string     `json:"name"`
	Date time.Time  `json:"date"`
}

// customPolicy is a custom RAM policy with up to five versions.
type customPolicy struct {
	Name           string          `json:"name"`
	Description    string          `json:"description,omitempty"`
	DefaultVersion string          `json:"default_version"`
	NextVersion    int             `json:"next_version"` // version numbers are never reused
	Versions       []policyVersion `json:"versions"`
	Created        time.Time       `json:"created"`
	Updated        time.Time       `json:"updated"`
}

type policyVersion struct {
	ID       string    `json:"id"`
	Document string    `json:"document"`
	Created  time.Time `json:"created"`
}

// stsSession is an issued set of STS credentials.
type stsSession struct {
	AccessKeyID   string    `json:"access_key_id"`
	Secret        string    `json:"secret"`
	Token         string    `json:"token"`
	Expires       time.Time `json:"expires"`
	AccountUID    string    `json:"account_uid"` // the role's account
	RoleName      string    `json:"role_name"`
	RoleID        string    `json:"role_id"`
	SessionName   string    `json:"session_name"`
	Policies      []string  `json:"policies"`                 // documents attached to the role when assumed
	SessionPolicy string    `json:"session_policy,omitempty"` // inline Policy given to AssumeRole
	Service       string    `json:"service,omitempty"`        // service principal, for AssumeRoleForService
}

// PolicyType is Custom or System.
type PolicyType string

// Policy types as the RAM API spells them.
const (
	PolicyCustom PolicyType = "Custom"
	PolicySystem PolicyType = "System"
)

func (t PolicyType) String() string { return string(t) }

func (w *world) accountByName(name string) *account {
	for _, a := range w.Accounts {
		if a.Name == name {
			return a
		}
	}
	return nil
}

func (w *world) accountByUID(uid string) *account {
	for _, a := range w.Accounts {
		if a.UID == uid {
			return a
		}
	}
	return nil
}

// roleByName finds a role; role names compare case-insensitively.
func (a *account) roleByName(name string) *role {
	for _, r := range a.Roles {
		if strings.EqualFold(r.Name, name) {
			return r
		}
	}
	return nil
}

// policyByName finds a custom policy; names compare case-insensitively.
func (a *account) policyByName(name string) *customPolicy {
	for _, p := range a.Policies {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

func (a *account) userByName(name string) *ramUser {
	for _, u := range a.Users {
		if strings.EqualFold(u.Name, name) {
			return u
		}
	}
	return nil
}

func (p *customPolicy) version(id string) *policyVersion {
	for i := range p.Versions {
		if p.Versions[i].ID == id {
			return &p.Versions[i]
		}
	}
	return nil
}

// roleARN is the ARN RAM reports for a role: the name is lowercased.
func roleARN(uid, name string) string {
	return "acs:ram::" + uid + ":role/" + strings.ToLower(name)
}
