package steps

import "slices"

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
		if d := editDistance(r, k); d < dist {
			best, dist = k, d
		}
	}
	return best, best != ""
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
