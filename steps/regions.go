package steps

import (
	"slices"

	"github.com/mcots/wizard/steps/naming"
)

// Regions are the Alibaba Cloud region IDs where both Tablestore and
// MaxCompute are offered, as the product knows them. A region not listed
// draws a warning, not an error: new regions open.
func Regions() []string {
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

// KnownRegion reports whether r is one of Regions.
func KnownRegion(r string) bool { return slices.Contains(Regions(), r) }

// nearestRegion is the known region closest to r in edits, when it is
// close enough to be a typo of it.
func nearestRegion(r string) (string, bool) {
	best, dist := "", 3
	for _, k := range Regions() {
		if d := naming.EditDistance(r, k); d < dist {
			best, dist = k, d
		}
	}
	return best, best != ""
}
