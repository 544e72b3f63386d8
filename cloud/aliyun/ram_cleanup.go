package aliyun

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/mcots/wizard/cloud"
)

// policySystem is RAM's type of the policies Alibaba Cloud predefines.
const policySystem = "System"

// maxRolePages bounds ListRoles paging: RAM allows 1000 roles per account,
// so 20 pages of 100 cover any account with room to spare.
const maxRolePages = 20

func (a ramAPI) ListRoles(ctx context.Context) ([]cloud.Role, error) {
	var out []cloud.Role
	marker := ""
	for range maxRolePages {
		req := ram.CreateListRolesRequest()
		req.MaxItems = requests.NewInteger(100)
		req.Marker = marker
		resp := ram.CreateListRolesResponse()
		if err := a.rpc.do(ctx, "ListRoles", req, resp); err != nil {
			return nil, err
		}
		for _, r := range resp.Roles.Role {
			out = append(out, cloud.Role{Name: r.RoleName, ID: r.RoleId, ARN: r.Arn, Description: r.Description, TrustPolicy: r.AssumeRolePolicyDocument})
		}
		if !resp.IsTruncated || resp.Marker == "" {
			break
		}
		marker = resp.Marker
	}
	return out, nil
}

func (a ramAPI) GetSystemPolicy(ctx context.Context, name string) (cloud.Policy, error) {
	return a.getPolicy(ctx, policySystem, name)
}

func (a ramAPI) DetachPolicyFromRole(ctx context.Context, policyType, policyName, role string) error {
	req := ram.CreateDetachPolicyFromRoleRequest()
	req.PolicyType = policyType
	req.PolicyName = policyName
	req.RoleName = role
	return a.rpc.do(ctx, "DetachPolicyFromRole", req, ram.CreateDetachPolicyFromRoleResponse())
}

func (a ramAPI) DeletePolicy(ctx context.Context, name string) error {
	req := ram.CreateDeletePolicyRequest()
	req.PolicyName = name
	return a.rpc.do(ctx, "DeletePolicy", req, ram.CreateDeletePolicyResponse())
}

func (a ramAPI) DeleteRole(ctx context.Context, name string) error {
	req := ram.CreateDeleteRoleRequest()
	req.RoleName = name
	return a.rpc.do(ctx, "DeleteRole", req, ram.CreateDeleteRoleResponse())
}
