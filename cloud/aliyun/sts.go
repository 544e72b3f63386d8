package aliyun

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/mcots/wizard/cloud"
)

type stsAPI struct{ rpc rpc }

func (s stsAPI) GetCallerIdentity(ctx context.Context) (cloud.Identity, error) {
	req := sts.CreateGetCallerIdentityRequest()
	resp := sts.CreateGetCallerIdentityResponse()
	if err := s.rpc.do(ctx, "GetCallerIdentity", req, resp); err != nil {
		return cloud.Identity{}, err
	}
	return cloud.Identity{AccountUID: resp.AccountId, Type: resp.IdentityType, ARN: resp.Arn, PrincipalID: resp.PrincipalId}, nil
}
