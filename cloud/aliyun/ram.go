package aliyun

import (
	"context"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/mcots/wizard/cloud"
)

// policyCustom is RAM's type of policies an account writes itself.
const policyCustom = "Custom"

type ramAPI struct{ rpc rpc }

func roleOf(r ram.Role) cloud.Role {
	return cloud.Role{Name: r.RoleName, ID: r.RoleId, ARN: r.Arn, Description: r.Description, TrustPolicy: r.AssumeRolePolicyDocument}
}

func (a ramAPI) GetRole(ctx context.Context, name string) (cloud.Role, error) {
	req := ram.CreateGetRoleRequest()
	req.RoleName = name
	resp := ram.CreateGetRoleResponse()
	if err := a.rpc.do(ctx, "GetRole", req, resp); err != nil {
		return cloud.Role{}, err
	}
	return roleOf(resp.Role), nil
}

func (a ramAPI) CreateRole(ctx context.Context, name, trustPolicy, description string) (cloud.Role, error) {
	req := ram.CreateCreateRoleRequest()
	req.RoleName = name
	req.AssumeRolePolicyDocument = trustPolicy
	req.Description = description
	resp := ram.CreateCreateRoleResponse()
	if err := a.rpc.do(ctx, "CreateRole", req, resp); err != nil {
		return cloud.Role{}, err
	}
	return roleOf(resp.Role), nil
}

func (a ramAPI) UpdateRole(ctx context.Context, name, trustPolicy, description string) (cloud.Role, error) {
	req := ram.CreateUpdateRoleRequest()
	req.RoleName = name
	req.NewAssumeRolePolicyDocument = trustPolicy
	req.NewDescription = description
	resp := ram.CreateUpdateRoleResponse()
	if err := a.rpc.do(ctx, "UpdateRole", req, resp); err != nil {
		return cloud.Role{}, err
	}
	return roleOf(resp.Role), nil
}

func (a ramAPI) GetPolicy(ctx context.Context, name string) (cloud.Policy, error) {
	return a.getPolicy(ctx, policyCustom, name)
}

// getPolicy reads a custom or system policy and its default document.
func (a ramAPI) getPolicy(ctx context.Context, policyType, name string) (cloud.Policy, error) {
	req := ram.CreateGetPolicyRequest()
	req.PolicyName = name
	req.PolicyType = policyType
	resp := ram.CreateGetPolicyResponse()
	if err := a.rpc.do(ctx, "GetPolicy", req, resp); err != nil {
		return cloud.Policy{}, err
	}
	p := resp.Policy
	doc := resp.DefaultPolicyVersion.PolicyDocument
	if doc == "" {
		doc = p.PolicyDocument
	}
	return cloud.Policy{Name: p.PolicyName, Type: p.PolicyType, Description: p.Description, DefaultVersion: p.DefaultVersion,
		Document: doc, AttachmentCount: p.AttachmentCount}, nil
}

// parseRAMTime reads RAM's times (2006-01-02T15:04:05Z); a bad one is zero.
func parseRAMTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func (a ramAPI) ListPolicyVersions(ctx context.Context, name string) ([]cloud.PolicyVersion, error) {
	req := ram.CreateListPolicyVersionsRequest()
	req.PolicyName = name
	req.PolicyType = policyCustom
	resp := ram.CreateListPolicyVersionsResponse()
	if err := a.rpc.do(ctx, "ListPolicyVersions", req, resp); err != nil {
		return nil, err
	}
	out := make([]cloud.PolicyVersion, 0, len(resp.PolicyVersions.PolicyVersion))
	for _, v := range resp.PolicyVersions.PolicyVersion {
		out = append(out, cloud.PolicyVersion{ID: v.VersionId, IsDefault: v.IsDefaultVersion, Document: v.PolicyDocument, Created: parseRAMTime(v.CreateDate)})
	}
	return out, nil
}

func (a ramAPI) CreatePolicy(ctx context.Context, name, document, description string) (cloud.Policy, error) {
	req := ram.CreateCreatePolicyRequest()
	req.PolicyName = name
	req.PolicyDocument = document
	req.Description = description
	resp := ram.CreateCreatePolicyResponse()
	if err := a.rpc.do(ctx, "CreatePolicy", req, resp); err != nil {
		return cloud.Policy{}, err
	}
	p := resp.Policy
	return cloud.Policy{Name: p.PolicyName, Type: p.PolicyType, Description: p.Description, DefaultVersion: p.DefaultVersion, Document: document}, nil
}

func (a ramAPI) CreatePolicyVersion(ctx context.Context, name, document string, setAsDefault bool) (cloud.PolicyVersion, error) {
	req := ram.CreateCreatePolicyVersionRequest()
	req.PolicyName = name
	req.PolicyDocument = document
	req.SetAsDefault = requests.NewBoolean(setAsDefault)
	resp := ram.CreateCreatePolicyVersionResponse()
	if err := a.rpc.do(ctx, "CreatePolicyVersion", req, resp); err != nil {
		return cloud.PolicyVersion{}, err
	}
	v := resp.PolicyVersion
	return cloud.PolicyVersion{ID: v.VersionId, IsDefault: v.IsDefaultVersion, Document: v.PolicyDocument, Created: parseRAMTime(v.CreateDate)}, nil
}

func (a ramAPI) DeletePolicyVersion(ctx context.Context, name, versionID string) error {
	req := ram.CreateDeletePolicyVersionRequest()
	req.PolicyName = name
	req.VersionId = versionID
	return a.rpc.do(ctx, "DeletePolicyVersion", req, ram.CreateDeletePolicyVersionResponse())
}

func (a ramAPI) ListPoliciesForRole(ctx context.Context, role string) ([]cloud.AttachedPolicy, error) {
	req := ram.CreateListPoliciesForRoleRequest()
	req.RoleName = role
	resp := ram.CreateListPoliciesForRoleResponse()
	if err := a.rpc.do(ctx, "ListPoliciesForRole", req, resp); err != nil {
		return nil, err
	}
	out := make([]cloud.AttachedPolicy, 0, len(resp.Policies.Policy))
	for _, p := range resp.Policies.Policy {
		out = append(out, cloud.AttachedPolicy{Name: p.PolicyName, Type: p.PolicyType})
	}
	return out, nil
}

func (a ramAPI) AttachPolicyToRole(ctx context.Context, policyType, policyName, role string) error {
	req := ram.CreateAttachPolicyToRoleRequest()
	req.PolicyType = policyType
	req.PolicyName = policyName
	req.RoleName = role
	return a.rpc.do(ctx, "AttachPolicyToRole", req, ram.CreateAttachPolicyToRoleResponse())
}
