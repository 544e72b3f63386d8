package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mcots/wizard/steps/policy"
)

// STS limits.
const (
	minSessionDuration = 900
	maxSessionPolicy   = 2048
)

func (s *Sandbox) stsGetCallerIdentity(c *rpcCall) (map[string]any, *APIError) {
	id := c.id
	out := map[string]any{
		"AccountId":    id.AccountID,
		"IdentityType": id.Type.String(),
		"Arn":          id.ARN,
		"PrincipalId":  id.PrincipalID,
	}
	switch id.Type {
	case IdentityAccount:
		out["UserId"] = id.AccountID
	case IdentityRAMUser:
		out["UserId"] = id.UserID
	case IdentityAssumedRole:
		out["RoleId"] = id.RoleID
	}
	return out, nil
}

// Credentials are temporary STS credentials. String hides the secret and
// the token.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
	Expiration      time.Time
}

func (c Credentials) String() string {
	return fmt.Sprintf("%s (secret and token hidden, expires %s)", c.AccessKeyID, timeISO(c.Expiration))
}

// GoString hides the secret and the token from %#v as well.
func (c Credentials) GoString() string { return "sandbox.Credentials{" + c.String() + "}" }

// Session is an assumed role: the temporary credentials and the identity
// they carry (the role, and the role's policies at the time of assuming).
type Session struct {
	Credentials Credentials
	Identity    Identity
}

// parseRoleARN splits acs:ram::<uid>:role/<name>.
func parseRoleARN(arn string) (uid, name string, ok bool) {
	rest, found := strings.CutPrefix(arn, "acs:ram::")
	if !found {
		return "", "", false
	}
	uid, rel, found := strings.Cut(rest, ":")
	if !found || !isDigits(uid) {
		return "", "", false
	}
	name, found = strings.CutPrefix(rel, "role/")
	if !found || name == "" || strings.ContainsAny(name, "/:* ") {
		return "", "", false
	}
	return uid, name, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// errRoleARNNotFound is what STS (and MaxCompute, quoting STS) says when
// the ARN names no role.
func errRoleARNNotFound(arn string) *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.Role", "The role not exists: %s.", arn)
}

// roleForARN finds the role an ARN names (its account, then the role,
// case-insensitively).
func (s *Sandbox) roleForARN(arn string) (*account, *role, *APIError) {
	uid, name, ok := parseRoleARN(arn)
	if !ok {
		return nil, nil, invalidParam("InvalidParameter.RoleArn",
			"The parameter RoleArn is wrong format: %q; write acs:ram::<account UID>:role/<role name>.", arn)
	}
	a := s.w.accountByUID(uid)
	if a == nil {
		return nil, nil, errRoleARNNotFound(arn)
	}
	r := a.roleByName(name)
	if r == nil {
		return nil, nil, errRoleARNNotFound(arn)
	}
	return a, r, nil
}

func (s *Sandbox) stsAssumeRole(c *rpcCall) (map[string]any, *APIError) {
	arn, e := c.required("RoleArn")
	if e != nil {
		return nil, e
	}
	sessName, e := c.required("RoleSessionName")
	if e != nil {
		return nil, e
	}
	if !validSessionName(sessName) {
		return nil, invalidParam("InvalidParameter.RoleSessionName",
			"The parameter RoleSessionName must be 2–64 characters of letters, digits, '.', '@', '-' and '_'; got %q.", sessName)
	}
	dur, e := parseIntParam(c, "DurationSeconds", 3600)
	if e != nil {
		return nil, e
	}
	var inline string
	if inline = c.get("Policy"); inline != "" {
		if n := utf8.RuneCountInString(inline); n > maxSessionPolicy {
			return nil, invalidParam("InvalidParameter.PolicySize", "The parameter Policy is too long: %d characters, at most %d.", n, maxSessionPolicy)
		}
		if _, err := policy.ParsePermission(inline); err != nil {
			return nil, invalidParam("InvalidParameter.PolicyGrammar", "The parameter Policy has a grammar error: %v", err)
		}
	}
	// An account's own AccessKey cannot assume roles at all; only RAM
	// users and roles can (STS AssumeRole documentation).
	if c.id.Type == IdentityAccount {
		return nil, errNoPermission(c.id, "sts:AssumeRole", arn, "ImplicitDeny",
			"an Alibaba Cloud account's own AccessKey cannot call AssumeRole; use a RAM user's AccessKey with sts:AssumeRole allowed (e.g. AliyunSTSAssumeRoleAccess)")
	}
	a, r, e := s.roleForARN(arn)
	if e != nil {
		return nil, e
	}
	if dur < minSessionDuration || dur > r.MaxSessionDuration {
		return nil, invalidParam("InvalidParameter.DurationSeconds",
			"The parameter DurationSeconds must be between %d and the role's MaxSessionDuration %d, got %d.", minSessionDuration, r.MaxSessionDuration, dur)
	}
	// The caller needs sts:AssumeRole in its own account's policies…
	if d := policy.Evaluate(c.id.Policies, "sts:AssumeRole", roleARN(a.UID, r.Name)); !d.IsAllowed() {
		return nil, errNoPermission(c.id, "sts:AssumeRole", roleARN(a.UID, r.Name), d.String(),
			"the caller's policies do not allow sts:AssumeRole on "+roleARN(a.UID, r.Name))
	}
	// …and the role's trust policy must name the caller.
	trust, err := policy.Parse(r.Trust)
	if err != nil || !policy.TrustAdmits(trust, policy.RAMRequester(c.id.ARN)) {
		return nil, errNoPermission(c.id, "sts:AssumeRole", roleARN(a.UID, r.Name), "ImplicitDeny",
			fmt.Sprintf("the trust policy of role %s does not admit %s", r.Name, c.id.ARN))
	}
	sess := s.issueLocked(a, r, sessName, time.Duration(dur)*time.Second, inline, "")
	return map[string]any{
		"Credentials": map[string]any{
			"AccessKeyId":     sess.AccessKeyID,
			"AccessKeySecret": sess.Secret,
			"SecurityToken":   sess.Token,
			"Expiration":      timeISO(sess.Expires),
		},
		"AssumedRoleUser": map[string]any{
			"Arn":           "acs:ram::" + a.UID + ":role/" + strings.ToLower(r.Name) + "/" + sessName,
			"AssumedRoleId": r.ID + ":" + sessName,
		},
	}, nil
}

func validSessionName(n string) bool {
	if len(n) < 2 || len(n) > 64 {
		return false
	}
	for _, r := range n {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".@-_", r)) {
			return false
		}
	}
	return true
}

// issueLocked creates an STS session for role r, snapshotting the role's
// attached policies.
func (s *Sandbox) issueLocked(a *account, r *role, name string, d time.Duration, inline, service string) *stsSession {
	s.pruneSessionsLocked()
	sess := &stsSession{
		AccessKeyID:   s.ids.stsAccessKeyID(),
		Secret:        s.ids.accessKeySecret(),
		Token:         s.ids.securityToken(),
		Expires:       s.now().Add(d),
		AccountUID:    a.UID,
		RoleName:      r.Name,
		RoleID:        r.ID,
		SessionName:   name,
		Policies:      s.attachedTextsLocked(a, r.Attached),
		SessionPolicy: inline,
		Service:       service,
	}
	s.w.Sessions[sess.AccessKeyID] = sess
	return sess
}

// pruneSessionsLocked forgets sessions expired for more than a day, so the
// state file does not grow without bound.
func (s *Sandbox) pruneSessionsLocked() {
	cutoff := s.now().Add(-24 * time.Hour)
	for k, sess := range s.w.Sessions {
		if sess.Expires.Before(cutoff) {
			delete(s.w.Sessions, k)
		}
	}
}

// AssumeRoleForService models what a cloud service such as MaxCompute does
// before it touches another account's data: it assumes roleARN as the
// service principal (e.g. "<uid of B>@odps.aliyuncs.com"). The role must
// exist in the ARN's account (else EntityNotExist.Role, "The role not
// exists: <arn>.") and its trust policy must admit the principal (else
// NoPermission). The session carries the role's attached policies; check
// each data access with Authorize.
func (s *Sandbox) AssumeRoleForService(roleARNText, servicePrincipal string) (Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, r, e := s.serviceTrustLocked(roleARNText, servicePrincipal)
	if e != nil {
		return Session{}, e
	}
	sess := s.issueLocked(a, r, serviceSessionName(servicePrincipal), time.Hour, "", servicePrincipal)
	s.persistLocked()
	return Session{
		Credentials: Credentials{AccessKeyID: sess.AccessKeyID, AccessKeySecret: sess.Secret, SecurityToken: sess.Token, Expiration: sess.Expires},
		Identity:    s.sessionIdentity(sess),
	}, nil
}

// serviceTrustLocked finds the role an ARN names and checks that its trust
// policy admits the service principal.
func (s *Sandbox) serviceTrustLocked(roleARNText, servicePrincipal string) (*account, *role, *APIError) {
	a, r, e := s.roleForARN(roleARNText)
	if e != nil {
		return nil, nil, e
	}
	trust, err := policy.Parse(r.Trust)
	if err != nil || !policy.TrustAdmits(trust, policy.ServiceRequester(servicePrincipal)) {
		id := Identity{Type: IdentityAccount, AccountID: policy.AccountOfARN(roleARNText), ARN: servicePrincipal}
		return nil, nil, errNoPermission(id, "sts:AssumeRole", roleARN(a.UID, r.Name), "ImplicitDeny",
			fmt.Sprintf("the trust policy of role %s does not admit the service principal %s", r.Name, servicePrincipal))
	}
	return a, r, nil
}

// serviceSessionName is the session name a service uses: the part of its
// principal before "@" (the account it acts for), or "service".
func serviceSessionName(principal string) string {
	name := strings.SplitN(principal, "@", 2)[0]
	if !validSessionName(name) {
		name = "service"
	}
	return name
}

// assumeForService is AssumeRoleForService without issuing credentials: the
// identity a service acts as inside the sandbox, with the role's policies as
// they are now. The MaxCompute plane uses it on every read, as MaxCompute
// assumes the role for each job; nothing is stored, so reads do not grow the
// state file.
func (s *Sandbox) assumeForService(roleARNText, servicePrincipal string) (Identity, *APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, r, e := s.serviceTrustLocked(roleARNText, servicePrincipal)
	if e != nil {
		return Identity{}, e
	}
	name := serviceSessionName(servicePrincipal)
	return Identity{
		Type:        IdentityAssumedRole,
		AccountID:   a.UID,
		ARN:         "acs:ram::" + a.UID + ":assumed-role/" + r.Name + "/" + name,
		PrincipalID: r.ID + ":" + name,
		RoleName:    r.Name,
		RoleID:      r.ID,
		RoleARN:     roleARN(a.UID, r.Name),
		SessionName: name,
		Service:     servicePrincipal,
		Policies:    s.attachedDocsLocked(a, r.Attached),
	}, nil
}

// odpsPrincipal is the service principal MaxCompute presents when it assumes
// a role for a project: "odps.aliyuncs.com" when the role is in the project
// owner's own account, "<owner UID>@odps.aliyuncs.com" across accounts.
func odpsPrincipal(projectOwnerUID, roleARNText string) string {
	if uid, _, ok := parseRoleARN(roleARNText); ok && uid == projectOwnerUID {
		return "odps.aliyuncs.com"
	}
	return projectOwnerUID + "@odps.aliyuncs.com"
}
