package sandbox

import (
	"net/http"

	"github.com/mcots/wizard/steps/policy"
)

// IdentityType is the kind of caller behind an AccessKey.
type IdentityType int

const (
	// IdentityAccount is an account's root AccessKey.
	IdentityAccount IdentityType = iota
	// IdentityRAMUser is a RAM user's AccessKey.
	IdentityRAMUser
	// IdentityAssumedRole is an STS session of an assumed role.
	IdentityAssumedRole
)

// String is the IdentityType value STS GetCallerIdentity reports.
func (t IdentityType) String() string {
	switch t {
	case IdentityAccount:
		return "Account"
	case IdentityRAMUser:
		return "RAMUser"
	case IdentityAssumedRole:
		return "AssumedRoleUser"
	}
	return "IdentityType(?)"
}

// principalType is the AuthPrincipalType RAM reports in AccessDeniedDetail.
func (t IdentityType) principalType() string {
	switch t {
	case IdentityRAMUser:
		return "SubUser"
	case IdentityAssumedRole:
		return "AssumedRoleUser"
	}
	return "Account"
}

// Identity is who a request acts as.
type Identity struct {
	Type        IdentityType
	AccountID   string // the account the identity belongs to (for a session: the role's account)
	ARN         string // acs:ram::<uid>:root, …:user/<name>, …:assumed-role/<role>/<session>
	PrincipalID string
	AccessKeyID string
	UserName    string // RAM users
	UserID      string // RAM users
	RoleName    string // sessions
	RoleID      string // sessions
	RoleARN     string // sessions
	SessionName string // sessions
	Service     string // sessions assumed by a cloud service, e.g. "<uid>@odps.aliyuncs.com"
	// Policies are the permission policies that apply: a RAM user's
	// attached policies now, or a role's attached policies when the session
	// was issued. Empty for account roots, which may do anything in their
	// own account.
	Policies []policy.Document
	// SessionPolicy is the inline policy passed to AssumeRole, which further
	// narrows the session.
	SessionPolicy *policy.Document
}

func (id Identity) displayName() string {
	switch id.Type {
	case IdentityRAMUser:
		return id.UserName
	case IdentityAssumedRole:
		return id.RoleName + ":" + id.SessionName
	}
	return id.AccountID
}

// ResolveAccessKey finds the secret and identity behind an AccessKeyId
// (and, for STS credentials, the SecurityToken that must accompany it). The
// data planes use it to verify their own signatures. Errors are *APIError
// with the RPC gateway's codes: InvalidAccessKeyId.NotFound,
// InvalidSecurityToken.Expired, InvalidSecurityToken.MismatchWithAccessKey.
func (s *Sandbox) ResolveAccessKey(accessKeyID, securityToken string) (secret string, id Identity, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	secret, id, apiErr := s.resolveLocked(accessKeyID, securityToken)
	if apiErr != nil {
		return "", Identity{}, apiErr
	}
	return secret, id, nil
}

func (s *Sandbox) resolveLocked(akID, token string) (string, Identity, *APIError) {
	if akID == "" {
		return "", Identity{}, missingParam("AccessKeyId")
	}
	for _, a := range s.w.Accounts {
		for _, k := range a.Keys {
			if k.ID == akID {
				return k.Secret, Identity{
					Type: IdentityAccount, AccountID: a.UID, ARN: "acs:ram::" + a.UID + ":root",
					PrincipalID: a.UID, AccessKeyID: akID,
				}, nil
			}
		}
		for _, u := range a.Users {
			for _, k := range u.Keys {
				if k.ID == akID {
					return k.Secret, Identity{
						Type: IdentityRAMUser, AccountID: a.UID, ARN: userARN(a.UID, u.Name),
						PrincipalID: u.ID, AccessKeyID: akID, UserName: u.Name, UserID: u.ID,
						Policies: s.attachedDocsLocked(a, u.Attached),
					}, nil
				}
			}
		}
	}
	sess, ok := s.w.Sessions[akID]
	if !ok {
		return "", Identity{}, apiErr(http.StatusNotFound, "InvalidAccessKeyId.NotFound", msgAKNotFound)
	}
	switch {
	case token == "":
		return "", Identity{}, apiErr(http.StatusBadRequest, "MissingSecurityToken",
			"SecurityToken is mandatory for STS credentials (AccessKeyId %s).", akID)
	case token != sess.Token:
		return "", Identity{}, apiErr(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey",
			"The security token you provided does not match the access key id.")
	case !s.now().Before(sess.Expires):
		return "", Identity{}, apiErr(http.StatusBadRequest, "InvalidSecurityToken.Expired",
			"Specified SecurityToken is expired.")
	}
	return sess.Secret, s.sessionIdentity(sess), nil
}

func (s *Sandbox) sessionIdentity(sess *stsSession) Identity {
	id := Identity{
		Type:        IdentityAssumedRole,
		AccountID:   sess.AccountUID,
		ARN:         "acs:ram::" + sess.AccountUID + ":assumed-role/" + sess.RoleName + "/" + sess.SessionName,
		PrincipalID: sess.RoleID + ":" + sess.SessionName,
		AccessKeyID: sess.AccessKeyID,
		RoleName:    sess.RoleName,
		RoleID:      sess.RoleID,
		RoleARN:     roleARN(sess.AccountUID, sess.RoleName),
		SessionName: sess.SessionName,
		Service:     sess.Service,
	}
	for _, text := range sess.Policies {
		if d, err := policy.Parse(text); err == nil {
			id.Policies = append(id.Policies, d)
		}
	}
	if sess.SessionPolicy != "" {
		if d, err := policy.Parse(sess.SessionPolicy); err == nil {
			id.SessionPolicy = &d
		}
	}
	return id
}

// attachedDocsLocked resolves attachments to the documents of their
// default versions.
func (s *Sandbox) attachedDocsLocked(a *account, atts []attachment) []policy.Document {
	var docs []policy.Document
	for _, at := range s.attachedTextsLocked(a, atts) {
		if d, err := policy.Parse(at); err == nil {
			docs = append(docs, d)
		}
	}
	return docs
}

func (s *Sandbox) attachedTextsLocked(a *account, atts []attachment) []string {
	var texts []string
	for _, at := range atts {
		switch at.Type {
		case PolicySystem:
			if sp, ok := systemPolicy(at.Name); ok {
				texts = append(texts, sp.Document)
			}
		case PolicyCustom:
			if p := a.policyByName(at.Name); p != nil {
				if v := p.version(p.DefaultVersion); v != nil {
					texts = append(texts, v.Document)
				}
			}
		}
	}
	return texts
}

// Authorize decides whether id may perform action (e.g. "ots:GetRange") on
// resource (an ARN such as "acs:ots:cn-hangzhou:<uid>:instance/cap1/table/t",
// with the instance name lowercased). An account root may do anything in its
// own account; RAM users and assumed roles only what their policies allow
// (and, for a session with an inline policy, what that policy allows too).
// Nobody acts on another account's resources except through a role assumed
// in that account.
func (s *Sandbox) Authorize(id Identity, action, resource string) policy.Decision {
	if acct := policy.AccountOfARN(resource); acct != "" && acct != "*" && acct != id.AccountID {
		return policy.ImplicitDeny
	}
	switch id.Type {
	case IdentityAccount:
		return policy.Allowed
	case IdentityRAMUser:
		return policy.Evaluate(id.Policies, action, resource)
	case IdentityAssumedRole:
		d := policy.Evaluate(id.Policies, action, resource)
		if id.SessionPolicy == nil || d == policy.ExplicitDeny {
			return d
		}
		switch inline := policy.Evaluate([]policy.Document{*id.SessionPolicy}, action, resource); {
		case inline == policy.ExplicitDeny:
			return policy.ExplicitDeny
		case inline != policy.Allowed:
			return policy.ImplicitDeny
		}
		return d
	}
	return policy.ImplicitDeny
}

// authorizeCall is Authorize for the RPC APIs, as a NoPermission error.
func (s *Sandbox) authorizeCall(id Identity, action, resource string) *APIError {
	d := s.Authorize(id, action, resource)
	if d.IsAllowed() {
		return nil
	}
	hint := "no attached policy allows " + action + " on " + resource
	if d == policy.ExplicitDeny {
		hint = "a Deny statement matches " + action + " on " + resource
	}
	return errNoPermission(id, action, resource, d.String(), hint)
}
