package maxcompute

import (
	"net/http"
	"net/url"
	"strings"
)

// route is a classified request: what it asks for and of which objects.
type route struct {
	action   Action
	project  string
	instance string
	table    string
}

// classify maps a method and resource (the path below /api) to an Action.
func classify(method, resource string, q url.Values) (route, *apiError) {
	segs := strings.Split(strings.Trim(resource, "/"), "/")
	if len(segs) < 2 || segs[0] != "projects" || segs[1] == "" {
		return route{}, errNoSuchResource(resource)
	}
	rt := route{project: segs[1]}
	only := func(want string, a Action) (route, *apiError) {
		if method != want {
			return route{}, errMethod(method, resource)
		}
		rt.action = a
		return rt, nil
	}
	switch {
	case len(segs) == 2:
		return only(http.MethodGet, ActionGetProject)
	case len(segs) == 3 && segs[2] == "instances":
		switch method {
		case http.MethodPost:
			rt.action = ActionCreateInstance
		case http.MethodGet:
			rt.action = ActionListInstances
		default:
			return route{}, errMethod(method, resource)
		}
		return rt, nil
	case len(segs) == 4 && segs[2] == "instances" && segs[3] != "":
		rt.instance = segs[3]
		if method == http.MethodPut {
			rt.action = ActionTerminate
			return rt, nil
		}
		if method != http.MethodGet {
			return route{}, errMethod(method, resource)
		}
		rt.action = instanceGetAction(q)
		return rt, nil
	case len(segs) == 3 && segs[2] == "tables":
		return only(http.MethodGet, ActionListTables)
	case len(segs) == 4 && segs[2] == "tables" && segs[3] != "":
		rt.table = segs[3]
		return only(http.MethodGet, ActionGetTable)
	}
	return route{}, errNoSuchResource(resource)
}

// instanceGetAction picks the sub-resource of GET /instances/<id> from the
// flag-style query parameter the SDK adds.
func instanceGetAction(q url.Values) Action {
	for _, c := range []struct {
		key string
		a   Action
	}{
		{"taskstatus", ActionGetTaskStatus},
		{"result", ActionGetResult},
		{"instancesummary", ActionGetSummary},
		{"instancedetail", ActionGetDetail},
		{"instanceprogress", ActionGetProgress},
	} {
		if q.Has(c.key) {
			return c.a
		}
	}
	return ActionGetInstance
}

// ActionOf names the REST action of a request to path on a MaxCompute host
// (the path starts with /api), as Calls counts it; ActionUnknown for what the
// emulator does not serve. The sandbox names calls and matches faults by it.
func ActionOf(method, path string, q url.Values) Action {
	resource, ok := strings.CutPrefix(path, "/api")
	if !ok || (resource != "" && resource[0] != '/') {
		return ActionUnknown
	}
	rt, err := classify(method, resource, q)
	if err != nil {
		return ActionUnknown
	}
	return rt.action
}
