package aliyun

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ots"

	"github.com/mcots/wizard/cloud"
)

// otsAPI is the Tablestore instance API (2016-06-20) of one region.
type otsAPI struct {
	rpc    rpc
	region string
}

func (a otsAPI) instanceOf(in ots.InstanceInfo) cloud.Instance {
	tags := map[string]string{}
	for _, t := range in.TagInfos.TagInfo {
		tags[t.TagKey] = t.TagValue
	}
	return cloud.Instance{Name: in.InstanceName, Region: a.region, ClusterType: in.ClusterType, Network: in.Network,
		Description: in.Description, Status: cloud.InstanceStatus(in.Status), OwnerUID: in.UserId, Tags: tags}
}

func (a otsAPI) GetInstance(ctx context.Context, name string) (cloud.Instance, error) {
	req := ots.CreateGetInstanceRequest()
	req.Method = requests.GET
	req.InstanceName = name
	resp := ots.CreateGetInstanceResponse()
	if err := a.rpc.do(ctx, "GetInstance", req, resp); err != nil {
		return cloud.Instance{}, err
	}
	return a.instanceOf(resp.InstanceInfo), nil
}

func (a otsAPI) InsertInstance(ctx context.Context, inst cloud.Instance) error {
	req := ots.CreateInsertInstanceRequest()
	req.InstanceName = inst.Name
	req.ClusterType = inst.ClusterType
	req.Network = inst.Network
	req.Description = inst.Description
	if len(inst.Tags) > 0 {
		tags := make([]ots.InsertInstanceTagInfo, 0, len(inst.Tags))
		for _, k := range sortedKeys(inst.Tags) {
			tags = append(tags, ots.InsertInstanceTagInfo{TagKey: k, TagValue: inst.Tags[k]})
		}
		req.TagInfo = &tags
	}
	return a.rpc.do(ctx, "InsertInstance", req, ots.CreateInsertInstanceResponse())
}

func (a otsAPI) ListInstances(ctx context.Context) ([]cloud.Instance, error) {
	var out []cloud.Instance
	for page := 1; ; page++ {
		req := ots.CreateListInstanceRequest()
		req.Method = requests.GET
		req.PageNum = requests.NewInteger(page)
		req.PageSize = requests.NewInteger(50)
		resp := ots.CreateListInstanceResponse()
		if err := a.rpc.do(ctx, "ListInstance", req, resp); err != nil {
			return nil, err
		}
		for _, in := range resp.InstanceInfos.InstanceInfo {
			out = append(out, a.instanceOf(in))
		}
		if len(resp.InstanceInfos.InstanceInfo) == 0 || len(out) >= resp.TotalCount {
			return out, nil
		}
	}
}

func (a otsAPI) DeleteInstance(ctx context.Context, name string) error {
	req := ots.CreateDeleteInstanceRequest()
	req.InstanceName = name
	return a.rpc.do(ctx, "DeleteInstance", req, ots.CreateDeleteInstanceResponse())
}
