package sandbox

import "github.com/mcots/wizard/steps"

// knownRegion: the sandbox accepts the regions the product knows. A
// request naming another is refused, as the real endpoint
// ots.<region>.aliyuncs.com would not resolve.
func knownRegion(r string) bool { return steps.KnownRegion(r) }
