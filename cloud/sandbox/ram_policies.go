package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mcots/wizard/steps/naming"
)

// RotateStrategy values of CreatePolicyVersion.
const (
	rotateNone   = "None"
	rotateOldest = "DeleteOldestNonDefaultVersionWhenLimitExceeded"
)

func checkPolicyName(name string) *APIError {
	if name == "" {
		return missingParam("PolicyName")
	}
	err := naming.PolicyName(name)
	if err == nil {
		return nil
	}
	if utf8.RuneCountInString(name) > 128 {
		return invalidParam("InvalidParameter.PolicyName.Length", "The policy name is too long: %s.", err)
	}
	return invalidParam("InvalidParameter.PolicyName.InvalidChars", "The policy name is invalid: %s.", err)
}

func policyTypeParam(c *rpcCall) (PolicyType, *APIError) {
	t := c.get("PolicyType")
	switch PolicyType(t) {
	case PolicyCustom, PolicySystem:
		return PolicyType(t), nil
	case "":
		return "", missingParam("PolicyType")
	}
	return "", invalidParam("InvalidParameter.PolicyType", "The parameter PolicyType must be Custom or System, got %q.", t)
}

func versionIDParam(c *rpcCall) (string, *APIError) {
	v, e := c.required("VersionId")
	if e != nil {
		return "", e
	}
	if len(v) < 2 || v[0] != 'v' || v[1] == '0' || !isDigits(v[1:]) {
		return "", invalidParam("InvalidParameter.VersionId.Format", "The parameter VersionId must look like v1, v2, …; got %q.", v)
	}
	return v, nil
}

func errPolicyNotFound(t PolicyType, name string) *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.Policy", "The policy does not exist: %s (type %s).", name, t)
}

func errVersionNotFound(name, v string) *APIError {
	return apiErr(http.StatusNotFound, "EntityNotExist.Policy.Version", "The policy version does not exist: %s of %s.", v, name)
}

// attachmentCount counts the roles and users of the account the policy is
// attached to.
func (a *account) attachmentCount(t PolicyType, name string) int {
	n := 0
	count := func(atts []attachment) {
		for _, at := range atts {
			if at.Type == t && strings.EqualFold(at.Name, name) {
				n++
			}
		}
	}
	for _, r := range a.Roles {
		count(r.Attached)
	}
	for _, u := range a.Users {
		count(u.Attached)
	}
	return n
}

// policyView is what GetPolicy and friends need of a custom or system policy.
type policyView struct {
	Type           PolicyType
	Name           string
	Description    string
	DefaultVersion string
	Versions       []policyVersion
	Created        time.Time
	Updated        time.Time
}

func customView(p *customPolicy) policyView {
	return policyView{PolicyCustom, p.Name, p.Description, p.DefaultVersion, p.Versions, p.Created, p.Updated}
}

func systemView(p sysPolicy) policyView {
	v := policyVersion{ID: "v1", Document: p.Document, Created: systemPolicyCreated()}
	return policyView{PolicySystem, p.Name, p.Description, "v1", []policyVersion{v}, v.Created, v.Created}
}

func (p policyView) version(id string) *policyVersion {
	for i := range p.Versions {
		if p.Versions[i].ID == id {
			return &p.Versions[i]
		}
	}
	return nil
}

func (p policyView) json(a *account) map[string]any {
	doc := ""
	if v := p.version(p.DefaultVersion); v != nil {
		doc = v.Document
	}
	return map[string]any{
		"PolicyName":      p.Name,
		"PolicyType":      string(p.Type),
		"Description":     p.Description,
		"DefaultVersion":  p.DefaultVersion,
		"PolicyDocument":  doc,
		"AttachmentCount": a.attachmentCount(p.Type, p.Name),
		"CreateDate":      timeISO(p.Created),
		"UpdateDate":      timeISO(p.Updated),
	}
}

func versionJSON(v policyVersion, def string) map[string]any {
	return map[string]any{
		"VersionId":        v.ID,
		"IsDefaultVersion": v.ID == def,
		"PolicyDocument":   v.Document,
		"CreateDate":       timeISO(v.Created),
	}
}

// lookupPolicy reads PolicyName (and PolicyType, for actions that take it),
// authorizes action and finds the policy.
func (s *Sandbox) lookupPolicy(c *rpcCall, action string, typed bool) (*account, policyView, *customPolicy, *APIError) {
	name := c.get("PolicyName")
	if e := checkPolicyName(name); e != nil {
		return nil, policyView{}, nil, e
	}
	t := PolicyCustom
	if typed {
		var e *APIError
		if t, e = policyTypeParam(c); e != nil {
			return nil, policyView{}, nil, e
		}
	}
	a := s.callerAccount(c)
	if e := s.authorizeCall(c.id, action, ramPolicyResource(a.UID, name)); e != nil {
		return nil, policyView{}, nil, e
	}
	if t == PolicySystem {
		sp, ok := systemPolicy(name)
		if !ok {
			return nil, policyView{}, nil, errPolicyNotFound(t, name)
		}
		return a, systemView(sp), nil, nil
	}
	p := a.policyByName(name)
	if p == nil {
		return nil, policyView{}, nil, errPolicyNotFound(t, name)
	}
	return a, customView(p), p, nil
}

// lookupCustomVersion finds the custom policy and its version that the
// call names (PolicyName, VersionId), after checking the caller may act.
func (s *Sandbox) lookupCustomVersion(c *rpcCall, action string) (*customPolicy, string, *APIError) {
	vid, e := versionIDParam(c)
	if e != nil {
		return nil, "", e
	}
	_, _, p, e := s.lookupPolicy(c, action, false)
	if e != nil {
		return nil, "", e
	}
	if p.version(vid) == nil {
		return nil, "", errVersionNotFound(p.Name, vid)
	}
	return p, vid, nil
}

func (s *Sandbox) ramCreatePolicy(c *rpcCall) (map[string]any, *APIError) {
	name := c.get("PolicyName")
	if e := checkPolicyName(name); e != nil {
		return nil, e
	}
	a := s.callerAccount(c)
	if e := s.authorizeCall(c.id, "ram:CreatePolicy", ramPolicyResource(a.UID, name)); e != nil {
		return nil, e
	}
	doc, e := c.required("PolicyDocument")
	if e != nil {
		return nil, e
	}
	if e := parsePermission(doc); e != nil {
		return nil, e
	}
	desc := c.get("Description")
	if e := checkDescription("Description", desc); e != nil {
		return nil, e
	}
	if _, sys := systemPolicy(name); sys || a.policyByName(name) != nil {
		return nil, apiErr(http.StatusConflict, "EntityAlreadyExists.Policy",
			"The policy does already EXIST: %s (policy names compare case-insensitively and may not reuse a system policy's name).", name)
	}
	if len(a.Policies) >= maxCustomPolicies {
		return nil, apiErr(http.StatusConflict, "LimitExceeded.Policy", "The count of custom policies in this account exceeds the limit of %d.", maxCustomPolicies)
	}
	now := s.now()
	p := &customPolicy{Name: name, Description: desc, DefaultVersion: "v1", NextVersion: 2,
		Versions: []policyVersion{{ID: "v1", Document: doc, Created: now}}, Created: now, Updated: now}
	a.Policies = append(a.Policies, p)
	return map[string]any{"Policy": customView(p).json(a)}, nil
}

func (s *Sandbox) ramGetPolicy(c *rpcCall) (map[string]any, *APIError) {
	a, p, _, e := s.lookupPolicy(c, "ram:GetPolicy", true)
	if e != nil {
		return nil, e
	}
	out := map[string]any{"Policy": p.json(a)}
	if v := p.version(p.DefaultVersion); v != nil {
		out["DefaultPolicyVersion"] = versionJSON(*v, p.DefaultVersion)
	}
	return out, nil
}

func (s *Sandbox) ramGetPolicyVersion(c *rpcCall) (map[string]any, *APIError) {
	vid, e := versionIDParam(c)
	if e != nil {
		return nil, e
	}
	_, p, _, e := s.lookupPolicy(c, "ram:GetPolicyVersion", true)
	if e != nil {
		return nil, e
	}
	v := p.version(vid)
	if v == nil {
		return nil, errVersionNotFound(p.Name, vid)
	}
	return map[string]any{"PolicyVersion": versionJSON(*v, p.DefaultVersion)}, nil
}

func (s *Sandbox) ramListPolicyVersions(c *rpcCall) (map[string]any, *APIError) {
	_, p, _, e := s.lookupPolicy(c, "ram:ListPolicyVersions", true)
	if e != nil {
		return nil, e
	}
	list := make([]map[string]any, 0, len(p.Versions))
	for _, v := range p.Versions {
		list = append(list, versionJSON(v, p.DefaultVersion))
	}
	return map[string]any{"PolicyVersions": map[string]any{"PolicyVersion": list}}, nil
}

// CreatePolicyVersion adds vN. With five versions already, it fails unless
// RotateStrategy lets it delete the oldest non-default version first.
func (s *Sandbox) ramCreatePolicyVersion(c *rpcCall) (map[string]any, *APIError) {
	_, _, p, e := s.lookupPolicy(c, "ram:CreatePolicyVersion", false)
	if e != nil {
		return nil, e
	}
	doc, e := c.required("PolicyDocument")
	if e != nil {
		return nil, e
	}
	if e := parsePermission(doc); e != nil {
		return nil, e
	}
	setDefault := false
	switch v := c.get("SetAsDefault"); strings.ToLower(v) {
	case "", "false":
	case "true":
		setDefault = true
	default:
		return nil, invalidParam("InvalidParameter.SetAsDefault", "The parameter SetAsDefault must be true or false, got %q.", v)
	}
	rotate := c.get("RotateStrategy")
	switch rotate {
	case "", rotateNone, rotateOldest:
	default:
		return nil, invalidParam("InvalidParameter.RotateStrategy",
			"The parameter RotateStrategy must be %s or %s, got %q.", rotateNone, rotateOldest, rotate)
	}
	if len(p.Versions) >= maxPolicyVersions {
		if rotate != rotateOldest {
			return nil, apiErr(http.StatusConflict, "LimitExceeded.Policy.Version",
				"Exceeded the limit of %d versions for policy %s; delete a non-default version first, or pass RotateStrategy=%s.",
				maxPolicyVersions, p.Name, rotateOldest)
		}
		for i, v := range p.Versions {
			if v.ID != p.DefaultVersion {
				p.Versions = append(p.Versions[:i], p.Versions[i+1:]...)
				break
			}
		}
	}
	now := s.now()
	v := policyVersion{ID: "v" + strconv.Itoa(p.NextVersion), Document: doc, Created: now}
	p.NextVersion++
	p.Versions = append(p.Versions, v)
	if setDefault {
		p.DefaultVersion = v.ID
	}
	p.Updated = now
	return map[string]any{"PolicyVersion": versionJSON(v, p.DefaultVersion)}, nil
}

func (s *Sandbox) ramDeletePolicyVersion(c *rpcCall) (map[string]any, *APIError) {
	p, vid, e := s.lookupCustomVersion(c, "ram:DeletePolicyVersion")
	if e != nil {
		return nil, e
	}
	if vid == p.DefaultVersion {
		return nil, apiErr(http.StatusConflict, "DeleteConflict.Policy.Version.Default",
			"The default version %s of policy %s cannot be deleted; make another version the default first.", vid, p.Name)
	}
	for i, v := range p.Versions {
		if v.ID == vid {
			p.Versions = append(p.Versions[:i], p.Versions[i+1:]...)
			break
		}
	}
	p.Updated = s.now()
	return nil, nil
}

func (s *Sandbox) ramSetDefaultPolicyVersion(c *rpcCall) (map[string]any, *APIError) {
	p, vid, e := s.lookupCustomVersion(c, "ram:SetDefaultPolicyVersion")
	if e != nil {
		return nil, e
	}
	p.DefaultVersion = vid
	p.Updated = s.now()
	return nil, nil
}

// DeletePolicy needs the policy detached everywhere and no versions but the
// default one.
func (s *Sandbox) ramDeletePolicy(c *rpcCall) (map[string]any, *APIError) {
	a, _, p, e := s.lookupPolicy(c, "ram:DeletePolicy", false)
	if e != nil {
		return nil, e
	}
	for _, r := range a.Roles {
		for _, at := range r.Attached {
			if at.Type == PolicyCustom && strings.EqualFold(at.Name, p.Name) {
				// terraform-provider-alicloud retries DeletePolicy on this code.
				return nil, apiErr(http.StatusConflict, "DeleteConflict.Role.Policy",
					"The policy %s is attached to role %s; detach it (DetachPolicyFromRole) before deleting the policy.", p.Name, r.Name)
			}
		}
	}
	for _, u := range a.Users {
		for _, at := range u.Attached {
			if at.Type == PolicyCustom && strings.EqualFold(at.Name, p.Name) {
				return nil, apiErr(http.StatusConflict, "DeleteConflict.Policy.User",
					"The policy %s is attached to user %s; detach it before deleting the policy.", p.Name, u.Name)
			}
		}
	}
	if len(p.Versions) > 1 {
		return nil, apiErr(http.StatusConflict, "DeleteConflict.Policy.Version",
			"The policy %s has %d non-default versions; delete them (DeletePolicyVersion) before deleting the policy.", p.Name, len(p.Versions)-1)
	}
	for i, x := range a.Policies {
		if x == p {
			a.Policies = append(a.Policies[:i], a.Policies[i+1:]...)
			break
		}
	}
	return nil, nil
}

// roleAndPolicy reads and authorizes the parameters of Attach/Detach.
func (s *Sandbox) roleAndPolicy(c *rpcCall, action string) (*account, *role, PolicyType, string, *APIError) {
	t, e := policyTypeParam(c)
	if e != nil {
		return nil, nil, "", "", e
	}
	name := c.get("PolicyName")
	if e := checkPolicyName(name); e != nil {
		return nil, nil, "", "", e
	}
	a, r, e := s.lookupRole(c, action)
	if e != nil {
		return nil, nil, "", "", e
	}
	if e := s.authorizeCall(c.id, action, ramPolicyResource(a.UID, name)); e != nil {
		return nil, nil, "", "", e
	}
	return a, r, t, name, nil
}

func (s *Sandbox) ramAttachPolicyToRole(c *rpcCall) (map[string]any, *APIError) {
	a, r, t, name, e := s.roleAndPolicy(c, "ram:AttachPolicyToRole")
	if e != nil {
		return nil, e
	}
	stored, ok := s.policyExistsLocked(a, t, name)
	if !ok {
		return nil, errPolicyNotFound(t, name)
	}
	perType := 0
	for _, at := range r.Attached {
		if at.Type == t && strings.EqualFold(at.Name, name) {
			return nil, apiErr(http.StatusConflict, "EntityAlreadyExists.Role.Policy",
				"The policy %s (%s) is already attached to role %s.", stored, t, r.Name)
		}
		if at.Type == t {
			perType++
		}
	}
	limit := maxCustomPerRole
	if t == PolicySystem {
		limit = maxSystemPerRole
	}
	if perType >= limit {
		return nil, apiErr(http.StatusConflict, "LimitExceeded.Role.Policy",
			"Role %s already has %d %s policies attached, the limit.", r.Name, perType, strings.ToLower(string(t)))
	}
	r.Attached = append(r.Attached, attachment{Type: t, Name: stored, Date: s.now()})
	return nil, nil
}

func (s *Sandbox) ramDetachPolicyFromRole(c *rpcCall) (map[string]any, *APIError) {
	_, r, t, name, e := s.roleAndPolicy(c, "ram:DetachPolicyFromRole")
	if e != nil {
		return nil, e
	}
	for i, at := range r.Attached {
		if at.Type == t && strings.EqualFold(at.Name, name) {
			r.Attached = append(r.Attached[:i], r.Attached[i+1:]...)
			return nil, nil
		}
	}
	return nil, apiErr(http.StatusNotFound, "EntityNotExist.Role.Policy",
		"The policy %s (%s) is not attached to role %s.", name, t, r.Name)
}

func (s *Sandbox) ramListPoliciesForRole(c *rpcCall) (map[string]any, *APIError) {
	a, r, e := s.lookupRole(c, "ram:ListPoliciesForRole")
	if e != nil {
		return nil, e
	}
	list := make([]map[string]any, 0, len(r.Attached))
	for _, at := range r.Attached {
		var v policyView
		switch at.Type {
		case PolicySystem:
			sp, ok := systemPolicy(at.Name)
			if !ok {
				continue
			}
			v = systemView(sp)
		default:
			p := a.policyByName(at.Name)
			if p == nil {
				continue
			}
			v = customView(p)
		}
		list = append(list, map[string]any{
			"PolicyName":     v.Name,
			"PolicyType":     string(v.Type),
			"Description":    v.Description,
			"DefaultVersion": v.DefaultVersion,
			"AttachDate":     timeISO(at.Date),
		})
	}
	return map[string]any{"Policies": map[string]any{"Policy": list}}, nil
}
