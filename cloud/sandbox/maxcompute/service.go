package maxcompute

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
)

// Options tune a Service; the zero value is ready to use.
type Options struct {
	// Now is the service's clock (request dates, instance times); time.Now
	// when nil.
	Now func() time.Time
	// MaxInstances bounds how many finished instances are kept for later
	// GETs; the oldest are forgotten first. 1000 when zero.
	MaxInstances int
	// OnStatement, if set, hears of every statement the engine runs, after
	// it ran: its kind and whether it failed. The sandbox counts writes by
	// it. It must not block.
	OnStatement func(kind StatementKind, failed bool)
}

// Service is the MaxCompute REST endpoint of the sandbox. It is safe for
// concurrent use.
type Service struct {
	backend      Backend
	now          func() time.Time
	maxInstances int
	onStatement  func(StatementKind, bool)
	calls        [numActions]atomic.Int64

	mu        sync.Mutex
	tables    map[string]map[string]*ExternalTableDef // project → lower-case table name → table
	instances map[string]*instance
	order     []string // instance IDs, oldest first
}

// New returns a Service over backend.
func New(backend Backend, opts Options) *Service {
	s := &Service{
		backend:      backend,
		now:          opts.Now,
		maxInstances: opts.MaxInstances,
		onStatement:  opts.OnStatement,
		tables:       map[string]map[string]*ExternalTableDef{},
		instances:    map[string]*instance{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.maxInstances <= 0 {
		s.maxInstances = 1000
	}
	return s
}

// Calls reports how many requests of kind a the service has received,
// whatever their outcome.
func (s *Service) Calls(a Action) int64 {
	if a < 0 || a >= numActions {
		return 0
	}
	return s.calls[a].Load()
}

// Handler serves requests addressed as /host/<real-host>/<rest>, the way the
// sandbox's listener routes them, so tests can mount the service alone.
func (s *Service) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, path, ok := wire.SplitHostPath(r.URL.Path)
		if !ok {
			s.writeError(w, newRequestID(), "", errNoSuchResource(r.URL.Path))
			return
		}
		s.ServeHost(w, r, host, path)
	})
}

// request is one authenticated call on one project.
type request struct {
	r       *http.Request
	id      string // x-odps-request-id
	host    string
	route   route
	project Project
	caller  Credential
}

// ServeHost serves one request for the real MaxCompute host (e.g.
// service.cn-hangzhou.maxcompute.aliyun.com); path is the decoded path on
// that host, starting with /api.
func (s *Service) ServeHost(w http.ResponseWriter, r *http.Request, host, path string) {
	reqID := newRequestID()
	region, ok := regionOfHost(host)
	if !ok {
		s.calls[ActionUnknown].Add(1)
		s.writeError(w, reqID, host, errBadParameter(
			"host "+host+" is not a MaxCompute service endpoint; use service.<region>.maxcompute.aliyun.com"))
		return
	}
	resource, ok := strings.CutPrefix(path, "/api")
	if !ok || (resource != "" && resource[0] != '/') {
		s.calls[ActionUnknown].Add(1)
		s.writeError(w, reqID, host, errNoSuchResource(path))
		return
	}
	rt, aerr := classify(r.Method, resource, r.URL.Query())
	s.calls[rt.action].Add(1) // ActionUnknown when classification failed
	if aerr != nil {
		s.writeError(w, reqID, host, aerr)
		return
	}
	ctx := r.Context()
	caller, aerr := s.authenticate(ctx, r, resource, region)
	if aerr != nil {
		s.writeError(w, reqID, host, aerr)
		return
	}
	project, aerr := s.lookupProject(ctx, rt.project, region, caller)
	if aerr != nil {
		s.writeError(w, reqID, host, aerr)
		return
	}
	req := &request{r: r, id: reqID, host: host, route: rt, project: project, caller: caller}
	switch rt.action {
	case ActionGetProject:
		s.getProject(w, req)
	case ActionCreateInstance:
		s.createInstance(w, req)
	case ActionListInstances:
		s.listInstances(w, req)
	case ActionGetInstance, ActionGetTaskStatus, ActionGetResult,
		ActionGetSummary, ActionGetDetail, ActionGetProgress, ActionTerminate:
		s.instanceCall(w, req)
	case ActionGetTable:
		s.getTable(w, req)
	case ActionListTables:
		s.listTables(w, req)
	case ActionUnknown, numActions:
		s.writeError(w, reqID, host, errNoSuchResource(path))
	}
}

// authenticate checks the request's signature against the secret the backend
// holds for its AccessKeyId.
func (s *Service) authenticate(ctx context.Context, r *http.Request, resource, region string) (Credential, *apiError) {
	auth, aerr := parseAuthorization(r.Header.Get("Authorization"))
	if aerr != nil {
		return Credential{}, aerr
	}
	cred, err := s.backend.Credential(ctx, auth.accessKeyID, r.Header.Get(headerSTS))
	switch {
	case errors.Is(err, ErrNoSuchAccessKey):
		return Credential{}, errUnknownKey(auth.accessKeyID)
	case errors.Is(err, ErrInvalidSecurityToken):
		return Credential{}, errBadToken()
	case err != nil:
		return Credential{}, errBackend(err)
	}
	if auth.v4 {
		// The service derives the V4 key with its own region, so a credential
		// scoped to another region fails like any wrong signature.
		auth.v4Region = region
	}
	want := expectedSignature(auth, cred.Secret, canonicalString(r, resource))
	if !wire.SameSignature(want, auth.signature) {
		return Credential{}, errSignature()
	}
	if aerr := checkDate(r, s.now()); aerr != nil {
		return Credential{}, aerr
	}
	if auth.v4 {
		if aerr := checkV4Scope(auth, r); aerr != nil {
			return Credential{}, aerr
		}
	}
	return cred, nil
}

// lookupProject finds the project and checks the caller may use it. A project
// of another region answers 404 exactly like a missing one: each region's
// endpoint only knows its own projects, which is why a wrong endpoint shows up
// as "Project not found".
func (s *Service) lookupProject(ctx context.Context, name, region string, caller Credential) (Project, *apiError) {
	p, err := s.backend.Project(ctx, name)
	switch {
	case errors.Is(err, ErrNoSuchProject):
		return Project{}, errProjectNotFound(name)
	case err != nil:
		return Project{}, errBackend(err)
	}
	if !strings.EqualFold(p.Region, region) {
		return Project{}, errProjectNotFound(name)
	}
	if p.OwnerUID != caller.AccountUID {
		return Project{}, errNotInProject(name)
	}
	return p, nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// writeXML answers with status and body marshalled as XML.
func (s *Service) writeXML(w http.ResponseWriter, req *request, status int, body any) {
	s.writeXMLAs(w, req.id, req.host, status, body)
}

// WriteError answers a request for host with an error in this plane's
// protocol: the HTTP status and an XML <Error> carrying code and message, a
// new request ID and the host. The sandbox answers injected faults with it.
func (s *Service) WriteError(w http.ResponseWriter, host string, status int, code, message string) {
	s.writeError(w, newRequestID(), host, &apiError{status: status, code: code, message: message})
}

func (s *Service) writeError(w http.ResponseWriter, reqID, host string, e *apiError) {
	s.writeXMLAs(w, reqID, host, e.status, errorBody{Code: e.code, Message: cdata{e.message}, RequestID: reqID, HostID: host})
}

// writeXMLAs is the one XML writer behind answers and errors. A body that
// cannot be marshalled becomes an InternalServerError <Error>, which always
// marshals (plain strings only).
func (s *Service) writeXMLAs(w http.ResponseWriter, reqID, host string, status int, body any) {
	out, err := xml.MarshalIndent(body, "", "  ")
	if err != nil {
		e := errBackend(err)
		status = e.status
		out, _ = xml.MarshalIndent(errorBody{Code: e.code, Message: cdata{e.message}, RequestID: reqID, HostID: host}, "", "  ")
	}
	s.commonHeaders(w, reqID)
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(xmlHeader))
	_, _ = w.Write(out)
}

func (s *Service) commonHeaders(w http.ResponseWriter, reqID string) {
	w.Header().Set("x-odps-request-id", reqID)
	w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
}

// newRequestID returns a request ID shaped like the service's: 24 upper-case
// hex digits.
func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

// gmt formats a time the way ODPS headers and XML carry it (RFC 1123, GMT).
func gmt(t time.Time) string { return t.UTC().Format(http.TimeFormat) }
