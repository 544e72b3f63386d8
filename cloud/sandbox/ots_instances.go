package sandbox

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mcots/wizard/steps/naming"
)

// InstanceStatus is a Tablestore instance's Status as GetInstance reports
// it (an integer on the wire).
type InstanceStatus int

const (
	// InstanceCreating: just inserted, not serving yet. The real API's value
	// for this phase is undocumented; callers must wait for Running (1).
	InstanceCreating InstanceStatus = 0
	InstanceRunning  InstanceStatus = 1
	InstanceDisabled InstanceStatus = 2
	InstanceDeleting InstanceStatus = 3
)

func (s InstanceStatus) String() string {
	switch s {
	case InstanceCreating:
		return "Creating"
	case InstanceRunning:
		return "Running"
	case InstanceDisabled:
		return "Disabled"
	case InstanceDeleting:
		return "Deleting"
	}
	return "InstanceStatus(" + strconv.Itoa(int(s)) + ")"
}

// InstanceNetwork is who may reach an instance: any network (NORMAL), bound
// VPCs only (VPC), or bound VPCs and the console (VPC_CONSOLE).
type InstanceNetwork string

const (
	NetworkNormal     InstanceNetwork = "NORMAL"
	NetworkVPC        InstanceNetwork = "VPC"
	NetworkVPCConsole InstanceNetwork = "VPC_CONSOLE"
)

func (n InstanceNetwork) String() string { return string(n) }

func (n InstanceNetwork) valid() bool {
	return n == NetworkNormal || n == NetworkVPC || n == NetworkVPCConsole
}

// Cluster types: SSD (high performance) and HYBRID (capacity).
const (
	ClusterSSD    = "SSD"
	ClusterHybrid = "HYBRID"
)

// Tablestore limits.
const (
	maxInstancesPerAccount = 10
	maxTablesPerInstance   = 64
	maxInstanceDescription = 256
)

// Tag is a key/value tag on an instance.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// instance is a Tablestore instance in the world.
type instance struct {
	Name        string          `json:"name"`
	Region      string          `json:"region"`
	Owner       string          `json:"owner"` // account UID
	ClusterType string          `json:"cluster_type"`
	Network     InstanceNetwork `json:"network"`
	Description string          `json:"description,omitempty"`
	Tags        []Tag           `json:"tags,omitempty"`
	Created     time.Time       `json:"created"`
	ReadyAt     time.Time       `json:"ready_at"`
	GoneAt      time.Time       `json:"gone_at,omitzero"` // set while deleting
}

func (in *instance) status(now time.Time) InstanceStatus {
	switch {
	case !in.GoneAt.IsZero():
		return InstanceDeleting
	case now.Before(in.ReadyAt):
		return InstanceCreating
	}
	return InstanceRunning
}

// Instance is a copy of a Tablestore instance, for the data plane: who owns
// it, where, on which network, and whether it serves yet.
type Instance struct {
	Name        string
	Region      string
	Owner       string // account UID
	ClusterType string
	Network     InstanceNetwork
	Status      InstanceStatus
	Description string
	Tags        []Tag
	Created     time.Time
}

func (in *instance) view(now time.Time) Instance {
	return Instance{
		Name: in.Name, Region: in.Region, Owner: in.Owner, ClusterType: in.ClusterType,
		Network: in.Network, Status: in.status(now), Description: in.Description,
		Tags: slices.Clone(in.Tags), Created: in.Created,
	}
}

// purgeLocked drops instances whose deletion has completed.
func (s *Sandbox) purgeLocked() {
	now := s.now()
	s.w.Instances = slices.DeleteFunc(s.w.Instances, func(in *instance) bool {
		return !in.GoneAt.IsZero() && !now.Before(in.GoneAt)
	})
}

// findInstanceLocked looks an instance up by region and name (names are
// case-insensitive and unique per region across all accounts).
func (s *Sandbox) findInstanceLocked(region, name string) *instance {
	s.purgeLocked()
	for _, in := range s.w.Instances {
		if in.Region == region && strings.EqualFold(in.Name, name) {
			return in
		}
	}
	return nil
}

// Instance looks up a Tablestore instance by region and name.
func (s *Sandbox) Instance(region, name string) (Instance, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if in := s.findInstanceLocked(region, name); in != nil {
		return in.view(s.now()), true
	}
	return Instance{}, false
}

// Instances returns every Tablestore instance of every account.
func (s *Sandbox) Instances() []Instance {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.purgeLocked()
	out := make([]Instance, 0, len(s.w.Instances))
	for _, in := range s.w.Instances {
		out = append(out, in.view(s.now()))
	}
	return out
}

// InstanceDeleteGuard may refuse DeleteInstance, e.g. because the instance
// still has tables (the Tablestore plane knows). A nil error allows it.
type InstanceDeleteGuard func(region, name string) *APIError

// SetInstanceDeleteGuard installs the guard DeleteInstance consults.
func (s *Sandbox) SetInstanceDeleteGuard(g InstanceDeleteGuard) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleteGuard = g
}

func otsResource(region, uid, name string) string {
	return "acs:ots:" + region + ":" + uid + ":instance/" + strings.ToLower(name)
}

func otsInvalid(format string, args ...any) *APIError {
	return apiErr(http.StatusBadRequest, "OTSParameterInvalid", format, args...)
}

func errInstanceNotFound(region, name string) *APIError {
	// Code as terraform-provider-alicloud documents it for this API.
	return apiErr(http.StatusNotFound, "NotFound", "The instance is not found: %s in %s.", name, region)
}

// otsRegion reads and checks the RegionId of an instance API call.
func otsRegion(c *rpcCall) (string, *APIError) {
	r := c.region()
	if r == "" {
		return "", missingParam("RegionId")
	}
	if !knownRegion(r) {
		return "", invalidParam("InvalidRegionId", "The specified region %q does not exist (its endpoint ots.%s.aliyuncs.com does not resolve).", r, r)
	}
	return r, nil
}

// lookupInstance reads RegionId and InstanceName, authorizes action and
// finds the caller's instance.
func (s *Sandbox) lookupInstance(c *rpcCall, action string) (*instance, *APIError) {
	region, e := otsRegion(c)
	if e != nil {
		return nil, e
	}
	name, e := c.required("InstanceName")
	if e != nil {
		return nil, e
	}
	if e := s.authorizeCall(c.id, action, otsResource(region, c.id.AccountID, name)); e != nil {
		return nil, e
	}
	in := s.findInstanceLocked(region, name)
	if in == nil || in.Owner != c.id.AccountID {
		return nil, errInstanceNotFound(region, name)
	}
	return in, nil
}

// tagParams reads TagInfo.N.TagKey / TagInfo.N.TagValue.
func tagParams(c *rpcCall) ([]Tag, *APIError) {
	var tags []Tag
	for n := 1; ; n++ {
		k := c.get(fmt.Sprintf("TagInfo.%d.TagKey", n))
		v := c.get(fmt.Sprintf("TagInfo.%d.TagValue", n))
		if k == "" && v == "" {
			return tags, nil
		}
		if k == "" {
			return nil, otsInvalid("TagInfo.%d.TagKey is empty.", n)
		}
		tags = append(tags, Tag{Key: k, Value: v})
	}
}

func (s *Sandbox) instanceJSON(in *instance) map[string]any {
	tags := make([]map[string]any, 0, len(in.Tags))
	for _, t := range in.Tags {
		tags = append(tags, map[string]any{"TagKey": t.Key, "TagValue": t.Value})
	}
	return map[string]any{
		"InstanceName":  in.Name,
		"Status":        int(in.status(s.now())),
		"ClusterType":   in.ClusterType,
		"Network":       string(in.Network),
		"Description":   in.Description,
		"UserId":        in.Owner,
		"CreateTime":    in.Created.UTC().Format("2006-01-02 15:04:05"),
		"Timestamp":     timeISO(in.Created),
		"ReadCapacity":  5000,
		"WriteCapacity": 5000,
		"Quota":         map[string]any{"EntityQuota": maxTablesPerInstance},
		"TagInfos":      map[string]any{"TagInfo": tags},
	}
}

func (s *Sandbox) otsInsertInstance(c *rpcCall) (map[string]any, *APIError) {
	region, e := otsRegion(c)
	if e != nil {
		return nil, e
	}
	name, e := c.required("InstanceName")
	if e != nil {
		return nil, e
	}
	if e := s.authorizeCall(c.id, "ots:InsertInstance", otsResource(region, c.id.AccountID, name)); e != nil {
		return nil, e
	}
	if err := naming.InstanceName(name); err != nil {
		return nil, otsInvalid("Invalid instance name: %v.", err)
	}
	cluster, e := c.required("ClusterType")
	if e != nil {
		return nil, e
	}
	if cluster != ClusterSSD && cluster != ClusterHybrid {
		return nil, otsInvalid("Invalid ClusterType %q: use %s (high performance) or %s (capacity).", cluster, ClusterSSD, ClusterHybrid)
	}
	network := NetworkNormal
	if v := c.get("Network"); v != "" {
		network = InstanceNetwork(v)
	}
	if !network.valid() {
		return nil, otsInvalid("Invalid Network %q: use NORMAL (any network), VPC or VPC_CONSOLE.", network)
	}
	desc := c.get("Description")
	if n := utf8.RuneCountInString(desc); n > maxInstanceDescription {
		return nil, otsInvalid("The description is too long: %d characters, at most %d.", n, maxInstanceDescription)
	}
	tags, e := tagParams(c)
	if e != nil {
		return nil, e
	}
	if in := s.findInstanceLocked(region, name); in != nil {
		return nil, apiErr(http.StatusConflict, "OTSObjectAlreadyExist",
			"The instance name %s is already taken in %s (instance names are unique per region across all accounts, case-insensitively).", name, region)
	}
	owned := 0
	for _, in := range s.w.Instances {
		if in.Owner == c.id.AccountID {
			owned++
		}
	}
	if owned >= maxInstancesPerAccount {
		return nil, apiErr(http.StatusForbidden, "OTSQuotaExhausted",
			"Number of instances exceeded the quota: an account may have at most %d.", maxInstancesPerAccount)
	}
	now := s.now()
	s.w.Instances = append(s.w.Instances, &instance{
		Name: name, Region: region, Owner: c.id.AccountID, ClusterType: cluster, Network: network,
		Description: desc, Tags: tags, Created: now, ReadyAt: now.Add(s.opts.InstanceReadyDelay),
	})
	return nil, nil
}

func (s *Sandbox) otsGetInstance(c *rpcCall) (map[string]any, *APIError) {
	in, e := s.lookupInstance(c, "ots:GetInstance")
	if e != nil {
		return nil, e
	}
	return map[string]any{"InstanceInfo": s.instanceJSON(in)}, nil
}

func (s *Sandbox) otsListInstance(c *rpcCall) (map[string]any, *APIError) {
	region, e := otsRegion(c)
	if e != nil {
		return nil, e
	}
	if e := s.authorizeCall(c.id, "ots:ListInstance", otsResource(region, c.id.AccountID, "*")); e != nil {
		return nil, e
	}
	pageNum, e := parseIntParam(c, "PageNum", 1)
	if e != nil {
		return nil, e
	}
	pageSize, e := parseIntParam(c, "PageSize", 50)
	if e != nil {
		return nil, e
	}
	if pageNum < 1 || pageSize < 1 || pageSize > 100 {
		return nil, otsInvalid("PageNum must be at least 1 and PageSize between 1 and 100 (got %d and %d).", pageNum, pageSize)
	}
	want, e := tagParams(c)
	if e != nil {
		return nil, e
	}
	s.purgeLocked()
	var mine []*instance
	for _, in := range s.w.Instances {
		if in.Owner == c.id.AccountID && in.Region == region && hasTags(in.Tags, want) {
			mine = append(mine, in)
		}
	}
	from := min(int((pageNum-1)*pageSize), len(mine))
	to := min(from+int(pageSize), len(mine))
	infos := make([]map[string]any, 0, to-from)
	for _, in := range mine[from:to] {
		infos = append(infos, s.instanceJSON(in))
	}
	return map[string]any{
		"TotalCount":    len(mine),
		"PageNum":       pageNum,
		"PageSize":      pageSize,
		"InstanceInfos": map[string]any{"InstanceInfo": infos},
	}, nil
}

func hasTags(have, want []Tag) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func (s *Sandbox) otsUpdateInstance(c *rpcCall) (map[string]any, *APIError) {
	in, e := s.lookupInstance(c, "ots:UpdateInstance")
	if e != nil {
		return nil, e
	}
	v := c.get("Network")
	if v == "" {
		return nil, otsInvalid("Nothing to update: pass Network (NORMAL, VPC or VPC_CONSOLE).")
	}
	if !InstanceNetwork(v).valid() {
		return nil, otsInvalid("Invalid Network %q: use NORMAL (any network), VPC or VPC_CONSOLE.", v)
	}
	if in.status(s.now()) == InstanceDeleting {
		return nil, otsInvalid("The instance %s is being deleted.", in.Name)
	}
	in.Network = InstanceNetwork(v)
	return nil, nil
}

func (s *Sandbox) otsDeleteInstance(c *rpcCall) (map[string]any, *APIError) {
	in, e := s.lookupInstance(c, "ots:DeleteInstance")
	if e != nil {
		return nil, e
	}
	if !in.GoneAt.IsZero() {
		return nil, nil // already being deleted
	}
	if s.deleteGuard != nil {
		if e := s.deleteGuard(in.Region, in.Name); e != nil {
			return nil, e
		}
	}
	in.GoneAt = s.now().Add(s.opts.InstanceReadyDelay)
	s.purgeLocked()
	return nil, nil
}

func (s *Sandbox) otsListClusterType(c *rpcCall) (map[string]any, *APIError) {
	region, e := otsRegion(c)
	if e != nil {
		return nil, e
	}
	if e := s.authorizeCall(c.id, "ots:ListClusterType", "acs:ots:"+region+":"+c.id.AccountID+":*"); e != nil {
		return nil, e
	}
	return map[string]any{"ClusterTypeInfos": map[string]any{"ClusterType": []string{ClusterSSD, ClusterHybrid}}}, nil
}
