package sandbox

import "slices"

// regionIDs are the Alibaba Cloud regions the sandbox accepts. A request
// naming another region is refused, as the real endpoint
// ots.<region>.aliyuncs.com would not resolve.
func regionIDs() []string {
	return []string{
		"cn-hangzhou", "cn-shanghai", "cn-qingdao", "cn-beijing", "cn-zhangjiakou",
		"cn-huhehaote", "cn-wulanchabu", "cn-shenzhen", "cn-heyuan", "cn-guangzhou",
		"cn-chengdu", "cn-hongkong", "cn-nanjing", "cn-fuzhou",
		"cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1",
		"ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3",
		"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-south-1",
		"us-east-1", "us-west-1", "eu-central-1", "eu-west-1",
		"me-east-1", "me-central-1", "na-south-1",
	}
}

func knownRegion(r string) bool { return slices.Contains(regionIDs(), r) }
