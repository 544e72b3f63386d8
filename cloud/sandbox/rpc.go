package sandbox

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
)

// API versions of the RPC services, the value of the Version parameter.
const (
	versionSTS = "2015-04-01"
	versionRAM = "2015-05-01"
	versionOTS = "2016-06-20"
)

// rpcCall is one authenticated RPC request on its way to a handler.
type rpcCall struct {
	service   Service
	action    string
	params    url.Values
	id        Identity
	requestID string
}

func (c *rpcCall) get(name string) string { return c.params.Get(name) }

func (c *rpcCall) required(name string) (string, *APIError) {
	v := c.params.Get(name)
	if v == "" {
		return "", missingParam(name)
	}
	return v, nil
}

// region is the RegionId the client sent (the SDK always sends one).
func (c *rpcCall) region() string { return c.params.Get("RegionId") }

// rpcAction is one action of an RPC API.
type rpcAction struct {
	// write marks actions that change the world (persisted after success).
	write  bool
	handle func(s *Sandbox, c *rpcCall) (map[string]any, *APIError)
}

// rpcActions is the dispatch table: version → action → handler.
func rpcActions() map[string]map[string]rpcAction {
	return map[string]map[string]rpcAction{
		versionSTS: {
			"GetCallerIdentity": {handle: (*Sandbox).stsGetCallerIdentity},
			"AssumeRole":        {write: true, handle: (*Sandbox).stsAssumeRole},
		},
		versionRAM: {
			"CreateRole":              {write: true, handle: (*Sandbox).ramCreateRole},
			"GetRole":                 {handle: (*Sandbox).ramGetRole},
			"UpdateRole":              {write: true, handle: (*Sandbox).ramUpdateRole},
			"DeleteRole":              {write: true, handle: (*Sandbox).ramDeleteRole},
			"ListRoles":               {handle: (*Sandbox).ramListRoles},
			"CreatePolicy":            {write: true, handle: (*Sandbox).ramCreatePolicy},
			"GetPolicy":               {handle: (*Sandbox).ramGetPolicy},
			"GetPolicyVersion":        {handle: (*Sandbox).ramGetPolicyVersion},
			"CreatePolicyVersion":     {write: true, handle: (*Sandbox).ramCreatePolicyVersion},
			"ListPolicyVersions":      {handle: (*Sandbox).ramListPolicyVersions},
			"DeletePolicyVersion":     {write: true, handle: (*Sandbox).ramDeletePolicyVersion},
			"SetDefaultPolicyVersion": {write: true, handle: (*Sandbox).ramSetDefaultPolicyVersion},
			"DeletePolicy":            {write: true, handle: (*Sandbox).ramDeletePolicy},
			"AttachPolicyToRole":      {write: true, handle: (*Sandbox).ramAttachPolicyToRole},
			"DetachPolicyFromRole":    {write: true, handle: (*Sandbox).ramDetachPolicyFromRole},
			"ListPoliciesForRole":     {handle: (*Sandbox).ramListPoliciesForRole},
		},
		versionOTS: {
			"InsertInstance":  {write: true, handle: (*Sandbox).otsInsertInstance},
			"GetInstance":     {handle: (*Sandbox).otsGetInstance},
			"ListInstance":    {handle: (*Sandbox).otsListInstance},
			"UpdateInstance":  {write: true, handle: (*Sandbox).otsUpdateInstance},
			"DeleteInstance":  {write: true, handle: (*Sandbox).otsDeleteInstance},
			"ListClusterType": {handle: (*Sandbox).otsListClusterType},
		},
	}
}

func serviceOfVersion(v string) (Service, bool) {
	switch v {
	case versionSTS:
		return ServiceSTS, true
	case versionRAM:
		return ServiceRAM, true
	case versionOTS:
		return ServiceOTS, true
	}
	return "", false
}

// serveHTTP is the sandbox's one handler.
func (s *Sandbox) serveHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if strings.HasPrefix(r.URL.Path, "/host/") {
		s.serveHost(w, r, start)
		return
	}
	s.serveRPC(w, r, start)
}

func (s *Sandbox) serveRPC(w http.ResponseWriter, r *http.Request, start time.Time) {
	requestID := s.ids.requestID()
	reply := func(svc Service, region string, status int, body map[string]any, e *APIError) {
		if e != nil {
			status = e.Status
			body = errorBody(svc, region, requestID, e)
		}
		body["RequestId"] = requestID
		wire.WriteJSON(w, status, body)
	}
	if (r.Method != http.MethodGet && r.Method != http.MethodPost) || r.URL.Path != "/" {
		reply("", "", 0, nil, apiErr(http.StatusNotFound, "InvalidAction.NotFound", msgActionNotFound))
		return
	}
	if err := r.ParseForm(); err != nil {
		reply("", "", 0, nil, invalidParam("InvalidParameter", "The request parameters cannot be read: %v", err))
		return
	}
	params := r.Form
	version, action := params.Get("Version"), params.Get("Action")
	region := params.Get("RegionId")
	svc, known := serviceOfVersion(version)
	act, ok := s.rpc[version][action]
	if !known || !ok {
		e := apiErr(http.StatusNotFound, "InvalidAction.NotFound", msgActionNotFound)
		if action == "" {
			e = missingParam("Action")
		}
		reply(svc, region, 0, nil, e)
		s.logRPC(svc, action, params.Get("AccessKeyId"), e.Status, e.Code, time.Since(start))
		return
	}
	call := Call{Service: svc, Action: action}

	status, code := http.StatusOK, ""
	defer func() {
		took := time.Since(start)
		s.calls.record(call, status >= 300, took)
		s.logRPC(svc, action, params.Get("AccessKeyId"), status, code, took)
	}()
	fail := func(e *APIError) {
		status, code = e.Status, e.Code
		reply(svc, region, 0, nil, e)
	}

	if f := s.ApplyFault(r.Context(), svc, action); f != 0 {
		if f == FaultThrottle {
			fail(errThrottled())
		} else {
			fail(errUnavailable())
		}
		return
	}
	id, e := s.authenticate(r.Method, params)
	if e != nil {
		fail(e)
		return
	}
	c := &rpcCall{service: svc, action: action, params: params, id: id, requestID: requestID}
	s.mu.Lock()
	body, e := act.handle(s, c)
	if e == nil && act.write {
		s.persistLocked()
	}
	s.mu.Unlock()
	if e != nil {
		fail(e)
		return
	}
	if body == nil {
		body = map[string]any{}
	}
	reply(svc, region, http.StatusOK, body, nil)
}

func (s *Sandbox) logRPC(svc Service, action, akID string, status int, code string, took time.Duration) {
	s.log.Info("rpc", "service", string(svc), "action", action, "access_key_id", akID,
		"status", status, "code", code, "took", took)
}

// errorBody is the JSON error document of the RPC gateway. Every value is a
// string (the SDK type-asserts them), AccessDeniedDetail an object.
func errorBody(svc Service, region, requestID string, e *APIError) map[string]any {
	body := map[string]any{
		"RequestId": requestID,
		"HostId":    hostID(svc, region),
		"Code":      e.Code,
		"Message":   e.Message,
		"Recommend": "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(e.Code) + "&product=" + product(svc) + "&requestId=" + requestID,
	}
	if e.AccessDeniedDetail != nil {
		body["AccessDeniedDetail"] = e.AccessDeniedDetail
	}
	return body
}

// hostID is the real endpoint host of a service, as error bodies name it.
func hostID(svc Service, region string) string {
	switch svc {
	case ServiceSTS:
		return "sts.aliyuncs.com"
	case ServiceRAM:
		return "ram.aliyuncs.com"
	case ServiceOTS:
		if region == "" {
			region = DefaultRegion
		}
		return "ots." + region + ".aliyuncs.com"
	}
	return "aliyuncs.com"
}

func product(svc Service) string {
	switch svc {
	case ServiceSTS:
		return "Sts"
	case ServiceRAM:
		return "Ram"
	case ServiceOTS:
		return "Ots"
	}
	return ""
}

// timeISO is the date format of RAM and STS responses.
func timeISO(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// parseIntParam reads an optional integer parameter.
func parseIntParam(c *rpcCall, name string, def int64) (int64, *APIError) {
	v := c.get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, invalidParam("InvalidParameter."+name, "The parameter %s must be a whole number, got %q.", name, v)
	}
	return n, nil
}
