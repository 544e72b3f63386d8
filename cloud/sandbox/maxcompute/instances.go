package maxcompute

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
)

// taskStatus is the status of the one SQL task in an instance.
type taskStatus int

const (
	taskSuccess taskStatus = iota + 1
	taskFailed
	taskCancelled
)

func (t taskStatus) String() string {
	switch t {
	case taskSuccess:
		return "Success"
	case taskFailed:
		return "Failed"
	case taskCancelled:
		return "Cancelled"
	}
	return fmt.Sprintf("taskStatus(%d)", int(t))
}

// resultFormat is how a task result is labelled: csv for query rows, text
// for everything else (DDL answers, error messages).
type resultFormat int

const (
	textResult resultFormat = iota + 1
	csvResult
)

func (f resultFormat) String() string {
	switch f {
	case textResult:
		return "text"
	case csvResult:
		return "csv"
	}
	return fmt.Sprintf("resultFormat(%d)", int(f))
}

// outcome is what running a task produced.
type outcome struct {
	status taskStatus
	result string
	format resultFormat
}

// instance is one finished SQL job. Statements run synchronously when the
// instance is created, so every instance is Terminated from its first poll:
// the SDK's WaitForSuccess returns at once instead of sleeping a second.
type instance struct {
	id       string
	project  string
	owner    string
	taskName string
	start    time.Time
	end      time.Time
	outcome  outcome
}

// maxRequestBody bounds a job submission: MaxCompute caps SQL text at 2 MB,
// and XML escaping can roughly double it.
const maxRequestBody = 5 << 20

// jobXML is the body of POST /projects/<p>/instances.
type jobXML struct {
	XMLName xml.Name `xml:"Instance"`
	Job     struct {
		Name     string `xml:"Name"`
		Priority int    `xml:"Priority"`
		Guid     string `xml:"Guid"`
		Tasks    struct {
			SQL   []sqlTaskXML `xml:"SQL"`
			Other []struct {
				XMLName xml.Name
			} `xml:",any"`
		} `xml:"Tasks"`
	} `xml:"Job"`
}

type sqlTaskXML struct {
	Name   string        `xml:"Name"`
	Config []propertyXML `xml:"Config>Property"`
	Query  string        `xml:"Query"`
}

func (s *Service) createInstance(w http.ResponseWriter, req *request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, req.r.Body, maxRequestBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.writeError(w, req.id, req.host, errBadParameter("the job is larger than 5 MB; MaxCompute accepts SQL of at most 2 MB"))
			return
		}
		s.writeError(w, req.id, req.host, errBadParameter("cannot read the request body"))
		return
	}
	var job jobXML
	if err := xml.Unmarshal(body, &job); err != nil {
		s.writeError(w, req.id, req.host, errBadXML(err.Error()))
		return
	}
	tasks := job.Job.Tasks
	if len(tasks.Other) > 0 {
		s.writeError(w, req.id, req.host, errBadParameter(fmt.Sprintf(
			"task type %s is not supported by the sandbox; submit SQL tasks", tasks.Other[0].XMLName.Local)))
		return
	}
	if len(tasks.SQL) != 1 {
		s.writeError(w, req.id, req.host, errBadParameter(fmt.Sprintf(
			"a job must hold exactly one SQL task, got %d", len(tasks.SQL))))
		return
	}
	task := tasks.SQL[0]
	settings, aerr := taskSettings(task.Config)
	if aerr != nil {
		s.writeError(w, req.id, req.host, aerr)
		return
	}

	start := s.now()
	out := s.execute(req.r.Context(), req.project, settings, task.Query)
	ins := &instance{
		id:       s.newInstanceID(start),
		project:  req.project.Name,
		owner:    principal(req.caller.AccountUID),
		taskName: task.Name,
		start:    start,
		end:      s.now(),
		outcome:  out,
	}
	s.keepInstance(ins)

	s.commonHeaders(w, req.id)
	w.Header().Set("Location", fmt.Sprintf("http://%s/api/projects/%s/instances/%s", req.host, req.project.Name, ins.id))
	w.WriteHeader(http.StatusCreated)
}

// taskSettings reads the hints the SDK sends as the "settings" property: a
// JSON object of strings.
func taskSettings(config []propertyXML) (map[string]string, *apiError) {
	settings := map[string]string{}
	for _, p := range config {
		if p.Name != "settings" || strings.TrimSpace(p.Value) == "" {
			continue
		}
		if err := json.Unmarshal([]byte(p.Value), &settings); err != nil {
			return nil, errBadParameter("the task's settings property is not a JSON object of strings: " + err.Error())
		}
	}
	return settings, nil
}

// newInstanceID returns an ID shaped like the service's: the UTC start time
// to the millisecond, "g", and random lower-case letters and digits.
func (s *Service) newInstanceID(start time.Time) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var r [10]byte
	_, _ = rand.Read(r[:])
	for i := range r {
		r[i] = alphabet[int(r[i])%len(alphabet)]
	}
	u := start.UTC()
	return fmt.Sprintf("%s%03dg%s", u.Format("20060102150405"), u.Nanosecond()/int(time.Millisecond), r[:])
}

func (s *Service) keepInstance(ins *instance) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances[ins.id] = ins
	s.order = append(s.order, ins.id)
	for len(s.order) > s.maxInstances {
		delete(s.instances, s.order[0])
		s.order = s.order[1:]
	}
}

func (s *Service) findInstance(project, id string) (*instance, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ins, ok := s.instances[id]
	if !ok || ins.project != project {
		return nil, false
	}
	return ins, true
}

// The XML shapes of GET /instances/<id> and its sub-resources.
type (
	instanceStatusXML struct {
		XMLName xml.Name `xml:"Instance"`
		Status  string   `xml:"Status"`
	}
	taskStatusXML struct {
		XMLName xml.Name        `xml:"Instance"`
		Status  string          `xml:"Status"`
		Tasks   []taskStatusRow `xml:"Tasks>Task"`
	}
	taskStatusRow struct {
		Type      string   `xml:"Type,attr"`
		Name      string   `xml:"Name"`
		StartTime string   `xml:"StartTime"`
		EndTime   string   `xml:"EndTime"`
		Status    string   `xml:"Status"`
		Histories struct{} `xml:"Histories"`
	}
	taskResultXML struct {
		XMLName xml.Name        `xml:"Instance"`
		Tasks   []taskResultRow `xml:"Tasks>Task"`
	}
	taskResultRow struct {
		Type   string    `xml:"Type,attr"`
		Name   string    `xml:"Name"`
		Result resultXML `xml:"Result"`
	}
	resultXML struct {
		Transform string `xml:"Transform,attr,omitempty"`
		Format    string `xml:"Format,attr"`
		Content   string `xml:",cdata"`
	}
	progressXML struct {
		XMLName xml.Name `xml:"Progress"`
	}
	terminateXML struct {
		XMLName xml.Name `xml:"Instance"`
		Status  string   `xml:"Status"`
	}
)

const instanceTerminated = "Terminated"

func (s *Service) instanceCall(w http.ResponseWriter, req *request) {
	ins, ok := s.findInstance(req.project.Name, req.route.instance)
	if !ok {
		s.writeError(w, req.id, req.host, errInstanceNotFound(req.route.instance))
		return
	}
	switch req.route.action {
	case ActionGetInstance:
		w.Header().Set("x-odps-owner", ins.owner)
		w.Header().Set("x-odps-start-time", gmt(ins.start))
		w.Header().Set("x-odps-end-time", gmt(ins.end))
		s.writeXML(w, req, http.StatusOK, instanceStatusXML{Status: instanceTerminated})
	case ActionGetTaskStatus:
		s.writeXML(w, req, http.StatusOK, taskStatusXML{Status: instanceTerminated, Tasks: []taskStatusRow{{
			Type: "SQL", Name: ins.taskName, Status: ins.outcome.status.String(),
			StartTime: gmt(ins.start), EndTime: gmt(ins.end),
		}}})
	case ActionGetResult:
		s.writeXML(w, req, http.StatusOK, resultBody(ins))
	case ActionGetSummary:
		s.writeJSON(w, req, map[string]any{"Instance": map[string]string{
			"JsonSummary": "{}",
			"Summary":     fmt.Sprintf("Job %s: %s\n", ins.id, ins.outcome.status),
		}})
	case ActionGetDetail:
		s.writeJSON(w, req, map[string]any{"Instance": map[string]any{
			"Id": ins.id, "Status": instanceTerminated,
			"Tasks": []map[string]string{{"Name": ins.taskName, "Status": ins.outcome.status.String()}},
		}})
	case ActionGetProgress:
		s.writeXML(w, req, http.StatusOK, progressXML{})
	case ActionTerminate:
		s.terminate(w, req)
	default:
		s.writeError(w, req.id, req.host, errNoSuchResource(req.r.URL.Path))
	}
}

// terminate accepts the SDK's stop request. Every instance has already
// finished, so stopping it changes nothing, as stopping a finished job does.
func (s *Service) terminate(w http.ResponseWriter, req *request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, req.r.Body, 1<<16))
	if err != nil {
		s.writeError(w, req.id, req.host, errBadParameter("cannot read the request body"))
		return
	}
	var t terminateXML
	if err := xml.Unmarshal(body, &t); err != nil {
		s.writeError(w, req.id, req.host, errBadXML(err.Error()))
		return
	}
	if !strings.EqualFold(t.Status, instanceTerminated) {
		s.writeError(w, req.id, req.host, errBadParameter(fmt.Sprintf(
			"an instance can only be set to Terminated, not %q", t.Status)))
		return
	}
	s.commonHeaders(w, req.id)
	w.WriteHeader(http.StatusOK)
}

// resultBody carries the task result in CDATA, or base64 when the text holds
// characters XML cannot carry (NULs in binary values, invalid UTF-8).
func resultBody(ins *instance) taskResultXML {
	res := resultXML{Format: ins.outcome.format.String(), Content: ins.outcome.result}
	if !xmlSafe(ins.outcome.result) {
		res.Transform = "Base64"
		res.Content = base64.StdEncoding.EncodeToString([]byte(ins.outcome.result))
	}
	return taskResultXML{Tasks: []taskResultRow{{Type: "SQL", Name: ins.taskName, Result: res}}}
}

func (s *Service) writeJSON(w http.ResponseWriter, req *request, body any) {
	s.commonHeaders(w, req.id)
	wire.WriteJSON(w, http.StatusOK, body)
}

// instancesXML is GET /projects/<p>/instances.
type instancesXML struct {
	XMLName   xml.Name      `xml:"Instances"`
	Marker    string        `xml:"Marker"`
	MaxItems  int           `xml:"MaxItems"`
	Instances []instanceRow `xml:"Instance"`
}

type instanceRow struct {
	Name      string `xml:"Name"`
	Owner     string `xml:"Owner"`
	StartTime string `xml:"StartTime"`
	EndTime   string `xml:"EndTime"`
	Status    string `xml:"Status"`
}

// listInstances lists the project's kept instances, oldest first. They are
// all Terminated, so a status filter for Running or Suspended lists none.
func (s *Service) listInstances(w http.ResponseWriter, req *request) {
	q := req.r.URL.Query()
	status := q.Get("status")
	body := instancesXML{MaxItems: s.maxInstances}
	if status != "" && !strings.EqualFold(status, instanceTerminated) {
		s.writeXML(w, req, http.StatusOK, body)
		return
	}
	s.mu.Lock()
	for _, id := range s.order {
		ins := s.instances[id]
		if ins.project != req.project.Name {
			continue
		}
		body.Instances = append(body.Instances, instanceRow{ins.id, ins.owner, gmt(ins.start), gmt(ins.end), instanceTerminated})
	}
	s.mu.Unlock()
	s.writeXML(w, req, http.StatusOK, body)
}

// xmlSafe reports whether s is valid UTF-8 made only of characters XML 1.0
// can carry.
func xmlSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r >= 0x20 && r <= 0xD7FF:
		case r >= 0xE000 && r <= 0xFFFD:
		case r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
	}
	return true
}
