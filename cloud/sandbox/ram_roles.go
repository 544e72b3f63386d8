package sandbox

import (
	"encoding/base64"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/mcots/wizard/steps/naming"
	"github.com/mcots/wizard/steps/policy"
)

// RAM limits (RAM "Limits" page): quotas per account and per role, and the
// lengths of names, descriptions and documents.
const (
	maxRoles              = 1000
	maxCustomPolicies     = 1500
	maxPolicyVersions     = 5
	maxCustomPerRole      = 5
	maxSystemPerRole      = 20
	maxDescriptionLen     = 1024
	maxPolicyDocumentLen  = 6144
	maxTrustDocumentLen   = 2048
	minMaxSessionDuration = 3600
	maxMaxSessionDuration = 43200
)

// callerAccount is the account the caller acts in (its own; for an assumed
// role, the role's).
func (s *Sandbox) callerAccount(c *rpcCall) *account { return s.w.accountByUID(c.id.AccountID) }

func ramRoleResource(uid, name string) string   { return "acs:ram:*:" + uid + ":role/" + name }
func ramPolicyResource(uid, name string) string { return "acs:ram:*:" + uid + ":policy/" + name }

// checkRoleName maps the naming rule to RAM's error codes.
func checkRoleName(param, name string) *APIError {
	if name == "" {
		return missingParam(param)
	}
	err := naming.RoleName(name)
	if err == nil {
		return nil
	}
	if utf8.RuneCountInString(name) > 64 {
		return invalidParam("InvalidParameter.RoleName.Length", "The role name is too long: %s.", err)
	}
	return invalidParam("InvalidParameter.RoleName.InvalidChars", "The role name is invalid: %s.", err)
}

func checkDescription(param, d string) *APIError {
	if n := utf8.RuneCountInString(d); n > maxDescriptionLen {
		return invalidParam("InvalidParameter.Description.Length",
			"The parameter %s is too long: %d characters, at most %d.", param, n, maxDescriptionLen)
	}
	return nil
}

// parseTrust checks a trust policy the way CreateRole/UpdateRole do.
func parseTrust(param, text string) *APIError {
	if n := utf8.RuneCountInString(text); n > maxTrustDocumentLen {
		return invalidParam("InvalidParameter."+param+".Length",
			"The parameter %s is too long: %d characters, at most %d.", param, n, maxTrustDocumentLen)
	}
	if _, err := policy.ParseTrust(text); err != nil {
		return malformed(err)
	}
	return nil
}

// parsePermission checks a permission policy the way CreatePolicy and
// CreatePolicyVersion do.
func parsePermission(text string) *APIError {
	if n := utf8.RuneCountInString(text); n > maxPolicyDocumentLen {
		return invalidParam("InvalidParameter.PolicyDocument.Length",
			"The parameter PolicyDocument is too long: %d characters, at most %d.", n, maxPolicyDocumentLen)
	}
	if _, err := policy.ParsePermission(text); err != nil {
		return malformed(err)
	}
	return nil
}

func malformed(err error) *APIError {
	return invalidParam("MalformedPolicyDocument", "The policy document is malformed: %v", err)
}

func maxSessionDuration(c *rpcCall, param string, def int64) (int64, *APIError) {
	n, e := parseIntParam(c, param, def)
	if e != nil {
		return 0, e
	}
	if n < minMaxSessionDuration || n > maxMaxSessionDuration {
		return 0, invalidParam("InvalidParameter.MaxSessionDuration",
			"The parameter %s must be between %d and %d seconds, got %d.", param, minMaxSessionDuration, maxMaxSessionDuration, n)
	}
	return n, nil
}

func (s *Sandbox) roleJSON(uid string, r *role) map[string]any {
	return map[string]any{
		"RoleId":                   r.ID,
		"RoleName":                 r.Name,
		"Arn":                      roleARN(uid, r.Name),
		"Description":              r.Description,
		"AssumeRolePolicyDocument": r.Trust,
		"MaxSessionDuration":       r.MaxSessionDuration,
		"CreateDate":               timeISO(r.Created),
		"UpdateDate":               timeISO(r.Updated),
	}
}

func errRoleNotFound(name string) *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.Role", "The role does not exist: %s.", name)
}

func (s *Sandbox) ramCreateRole(c *rpcCall) (map[string]any, *APIError) {
	name := c.get("RoleName")
	if e := checkRoleName("RoleName", name); e != nil {
		return nil, e
	}
	a := s.callerAccount(c)
	if e := s.authorizeCall(c.id, "ram:CreateRole", ramRoleResource(a.UID, name)); e != nil {
		return nil, e
	}
	trust, e := c.required("AssumeRolePolicyDocument")
	if e != nil {
		return nil, e
	}
	if e := parseTrust("AssumeRolePolicyDocument", trust); e != nil {
		return nil, e
	}
	desc := c.get("Description")
	if e := checkDescription("Description", desc); e != nil {
		return nil, e
	}
	msd, e := maxSessionDuration(c, "MaxSessionDuration", minMaxSessionDuration)
	if e != nil {
		return nil, e
	}
	if a.roleByName(name) != nil {
		return nil, apiErr(http.StatusConflict, "EntityAlreadyExists.Role",
			"The role does already EXIST: %s (role names compare case-insensitively).", name)
	}
	if len(a.Roles) >= maxRoles {
		return nil, apiErr(http.StatusConflict, "LimitExceeded.Role", "The count of roles in this account exceeds the limit of %d.", maxRoles)
	}
	now := s.now()
	r := &role{ID: s.ids.digits(18), Name: name, Description: desc, Trust: trust, MaxSessionDuration: msd, Created: now, Updated: now}
	a.Roles = append(a.Roles, r)
	return map[string]any{"Role": s.roleJSON(a.UID, r)}, nil
}

// lookupRole reads RoleName, authorizes action on it and finds it.
func (s *Sandbox) lookupRole(c *rpcCall, action string) (*account, *role, *APIError) {
	name := c.get("RoleName")
	if e := checkRoleName("RoleName", name); e != nil {
		return nil, nil, e
	}
	a := s.callerAccount(c)
	if e := s.authorizeCall(c.id, action, ramRoleResource(a.UID, name)); e != nil {
		return nil, nil, e
	}
	r := a.roleByName(name)
	if r == nil {
		return nil, nil, errRoleNotFound(name)
	}
	return a, r, nil
}

func (s *Sandbox) ramGetRole(c *rpcCall) (map[string]any, *APIError) {
	a, r, e := s.lookupRole(c, "ram:GetRole")
	if e != nil {
		return nil, e
	}
	return map[string]any{"Role": s.roleJSON(a.UID, r)}, nil
}

func (s *Sandbox) ramUpdateRole(c *rpcCall) (map[string]any, *APIError) {
	a, r, e := s.lookupRole(c, "ram:UpdateRole")
	if e != nil {
		return nil, e
	}
	trust, hasTrust := c.get("NewAssumeRolePolicyDocument"), c.params.Has("NewAssumeRolePolicyDocument")
	if hasTrust {
		if e := parseTrust("NewAssumeRolePolicyDocument", trust); e != nil {
			return nil, e
		}
	}
	desc, hasDesc := c.get("NewDescription"), c.params.Has("NewDescription")
	if e := checkDescription("NewDescription", desc); e != nil {
		return nil, e
	}
	msd := r.MaxSessionDuration
	if c.get("NewMaxSessionDuration") != "" {
		if msd, e = maxSessionDuration(c, "NewMaxSessionDuration", r.MaxSessionDuration); e != nil {
			return nil, e
		}
	}
	if hasTrust {
		r.Trust = trust
	}
	if hasDesc {
		r.Description = desc
	}
	r.MaxSessionDuration = msd
	r.Updated = s.now()
	return map[string]any{"Role": s.roleJSON(a.UID, r)}, nil
}

func (s *Sandbox) ramDeleteRole(c *rpcCall) (map[string]any, *APIError) {
	a, r, e := s.lookupRole(c, "ram:DeleteRole")
	if e != nil {
		return nil, e
	}
	if len(r.Attached) > 0 {
		return nil, apiErr(http.StatusConflict, "DeleteConflict.Role.Policy",
			"The role still has %d attached policies; detach them (DetachPolicyFromRole) before deleting the role.", len(r.Attached))
	}
	for i, x := range a.Roles {
		if x == r {
			a.Roles = append(a.Roles[:i], a.Roles[i+1:]...)
			break
		}
	}
	return nil, nil
}

// ListRoles pages with an opaque Marker: the encoded name of the next role.
func (s *Sandbox) ramListRoles(c *rpcCall) (map[string]any, *APIError) {
	a := s.callerAccount(c)
	if e := s.authorizeCall(c.id, "ram:ListRoles", ramRoleResource(a.UID, "*")); e != nil {
		return nil, e
	}
	maxItems, e := parseIntParam(c, "MaxItems", 100)
	if e != nil {
		return nil, e
	}
	if maxItems < 1 || maxItems > 1000 {
		return nil, invalidParam("InvalidParameter.MaxItems", "The parameter MaxItems must be between 1 and 1000, got %d.", maxItems)
	}
	start := 0
	if m := c.get("Marker"); m != "" {
		b, err := base64.RawURLEncoding.DecodeString(m)
		next := strings.ToLower(string(b))
		found := false
		for i, r := range a.Roles {
			if err == nil && strings.ToLower(r.Name) == next {
				start, found = i, true
				break
			}
		}
		if !found {
			return nil, invalidParam("InvalidParameter.Marker", "The parameter Marker is invalid or has expired; start again without it.")
		}
	}
	end := min(start+int(maxItems), len(a.Roles))
	roles := make([]map[string]any, 0, end-start)
	for _, r := range a.Roles[start:end] {
		roles = append(roles, s.roleJSON(a.UID, r))
	}
	out := map[string]any{"IsTruncated": end < len(a.Roles), "Roles": map[string]any{"Role": roles}}
	if end < len(a.Roles) {
		out["Marker"] = base64.RawURLEncoding.EncodeToString([]byte(a.Roles[end].Name))
	}
	return out, nil
}
