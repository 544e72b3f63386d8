package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/mcots/wizard/cloud/sandbox/maxcompute"
	"github.com/mcots/wizard/cloud/sandbox/tablestore"
)

// Names of the planes' parts in the state file.
const (
	statePartTablestore = "tablestore"
	statePartMaxCompute = "maxcompute"
)

// mountPlanes builds the two data planes over the core, mounts them on the
// router and registers their state (restoring it from a loaded state file).
func (s *Sandbox) mountPlanes() error {
	tsOpts := tablestore.Options{
		Now:             s.clock.Now,
		TableReadyDelay: s.opts.TableReadyDelay,
		MaxDateSkew:     s.opts.TimestampSkew,
	}
	if s.opts.DemoRows > 0 {
		tsOpts.Preload = tablestore.DemoPreload(s.opts.DemoRows)
	}
	s.ts = tablestore.New(tablestoreBackend{s}, tsOpts)
	s.mc = maxcompute.New(maxcomputeBackend{s}, maxcompute.Options{
		Now:         s.clock.Now,
		OnStatement: s.heardStatement,
	})
	s.MountTablestore(tablestoreHost{s})
	s.MountMaxCompute(maxcomputeHost{s})
	s.SetInstanceDeleteGuard(s.instanceHasNoTables)
	if err := s.RegisterState(statePartTablestore, tablestoreState{s.ts}); err != nil {
		return err
	}
	return s.RegisterState(statePartMaxCompute, maxcomputeState{s.mc})
}

// instanceHasNoTables refuses to delete an instance that still holds
// tables, as Tablestore requires its tables deleted first. The code is the
// sandbox's choice: the OTS 2016-06-20 API documents none for this case.
func (s *Sandbox) instanceHasNoTables(region, name string) *APIError {
	tables := s.ts.TableNames(region, name)
	if len(tables) == 0 {
		return nil
	}
	return apiErr(http.StatusForbidden, "OperationDenied",
		"The instance %s still holds %d table(s) (%s); delete its tables before deleting the instance.",
		name, len(tables), strings.Join(tables, ", "))
}

// heardStatement counts a statement the MaxCompute engine ran, and marks the
// state for saving when it changed something.
func (s *Sandbox) heardStatement(kind maxcompute.StatementKind, failed bool) {
	s.calls.record(Call{Service: ServiceMaxCompute, Action: statementAction(kind)}, failed, 0)
	if kind.IsWrite() && !failed {
		s.planesDirty.Store(true)
	}
}

// chainCall counts (and logs) a call the MaxCompute plane makes on the
// user's behalf while it reads an external table: the STS assumption and
// the Tablestore reads and writes. They take no serving time of their own;
// the MaxCompute request that made them does. code is the service's error
// code, or "" for success.
func (s *Sandbox) chainCall(svc Service, action, code string) {
	s.calls.record(Call{Service: svc, Action: action}, code != "", 0)
	s.log.Info("chain", "service", string(svc), "action", action, "code", code)
}

// errorCode is the service error code carried by err, if any.
func errorCode(err error) string {
	var ext *maxcompute.ExternalError
	var ts *tablestore.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ts):
		return ts.Code
	case errors.As(err, &ext):
		return ext.Code
	}
	return "Error"
}

// statementAction names a SQL statement in Calls(), e.g. "SQL CreateTable",
// apart from the REST call ("CreateInstance") that carried it.
func statementAction(kind maxcompute.StatementKind) string { return "SQL " + kind.String() }

// saveIfPlanesChanged saves the state file after a plane changed its part.
func (s *Sandbox) saveIfPlanesChanged() {
	if !s.planesDirty.Swap(false) {
		return
	}
	if err := s.SaveState(); err != nil {
		s.log.Error("state not saved", "path", s.opts.StatePath, "error", err)
	}
}

// tablestoreHost serves the Tablestore data endpoints with the plane, after
// rolling the fault dice for the call.
type tablestoreHost struct{ s *Sandbox }

func (h tablestoreHost) ServeHost(w http.ResponseWriter, r *http.Request, host Host) {
	switch h.s.ApplyFault(r.Context(), ServiceTablestore, defaultActionName(r, host)) {
	case FaultThrottle:
		h.s.ts.WriteError(w, tablestore.ServerBusy())
		return
	case FaultUnavailable:
		h.s.ts.WriteError(w, tablestore.ServerUnavailable())
		return
	}
	h.s.ts.ServeHost(w, r, host.Name, r.URL.Path)
}

// maxcomputeHost serves the MaxCompute endpoints with the plane, after
// rolling the fault dice for the call.
type maxcomputeHost struct{ s *Sandbox }

// ActionName names a MaxCompute call by its REST action ("CreateInstance").
func (h maxcomputeHost) ActionName(r *http.Request, _ Host) string {
	return maxcompute.ActionOf(r.Method, r.URL.Path, r.URL.Query()).String()
}

// The answers to injected MaxCompute faults. The service's own wording for
// flow control is not documented; these are the sandbox's.
const (
	mcThrottledCode      = "Throttling"
	mcThrottledMessage   = "ODPS-0420095: Request was denied due to flow control - too many requests, retry later"
	mcUnavailableCode    = "ServiceUnavailable"
	mcUnavailableMessage = "ODPS-0010000:System internal error - the service is temporarily unavailable, retry later"
)

func (h maxcomputeHost) ServeHost(w http.ResponseWriter, r *http.Request, host Host) {
	switch h.s.ApplyFault(r.Context(), ServiceMaxCompute, h.ActionName(r, host)) {
	case FaultThrottle:
		h.s.mc.WriteError(w, host.Name, http.StatusTooManyRequests, mcThrottledCode, mcThrottledMessage)
		return
	case FaultUnavailable:
		h.s.mc.WriteError(w, host.Name, http.StatusServiceUnavailable, mcUnavailableCode, mcUnavailableMessage)
		return
	}
	h.s.mc.ServeHost(w, r, host.Name, r.URL.Path)
}

// tablestoreState keeps the Tablestore plane's tables and rows in the state
// file.
type tablestoreState struct{ ts *tablestore.Service }

func (p tablestoreState) MarshalState() ([]byte, error) { return json.Marshal(p.ts.Snapshot()) }

func (p tablestoreState) UnmarshalState(b []byte) error {
	var snap tablestore.Snapshot
	if err := json.Unmarshal(b, &snap); err != nil {
		return fmt.Errorf("tablestore tables: %w", err)
	}
	return p.ts.Restore(snap)
}

// maxcomputeState keeps the MaxCompute plane's external tables in the state
// file.
type maxcomputeState struct{ mc *maxcompute.Service }

func (p maxcomputeState) MarshalState() ([]byte, error) { return json.Marshal(p.mc.Snapshot()) }

func (p maxcomputeState) UnmarshalState(b []byte) error {
	var st maxcompute.State
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("maxcompute tables: %w", err)
	}
	return p.mc.Restore(st)
}
