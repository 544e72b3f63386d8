package tablestore

import (
	"io"
	"net/http"
	"strings"

	"github.com/aliyun/aliyun-tablestore-go-sdk/tablestore/otsprotocol"
)

// maxRequestBody is the largest request body the service accepts.
const maxRequestBody = 5 << 20

// Handler serves "/host/<endpoint-host>/<Action>" paths, the way the core's
// listener routes them, for tests and standalone use.
func (s *Service) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, path, ok := SplitHostPath(r.URL.Path)
		if !ok {
			http.Error(w, "sandbox: expected a path /host/<tablestore endpoint host>/<Action>", http.StatusNotFound)
			return
		}
		s.ServeHost(w, r, host, path)
	})
}

// ServeHost serves one data-API request that a client sent to host (the
// endpoint it was configured with, e.g. "cap1.cn-hangzhou.ots.aliyuncs.com")
// with path the operation path the SDK signed ("/PutRow").
func (s *Service) ServeHost(w http.ResponseWriter, r *http.Request, host, path string) {
	body, err := s.serve(r, host, path)
	if err != nil {
		s.WriteError(w, err)
		return
	}
	w.Header().Set(hdrRequestID, s.requestID())
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// WriteError answers a request with e as the service does: its HTTP status,
// a protobuf Error body and a request ID header (e.RequestID, or a new one).
// The core uses it to answer with injected faults in this plane's protocol.
func (s *Service) WriteError(w http.ResponseWriter, e *Error) {
	id := e.RequestID
	if id == "" {
		id = s.requestID()
	}
	out, _ := marshal(&otsprotocol.Error{Code: &e.Code, Message: &e.Message})
	w.Header().Set(hdrRequestID, id)
	w.WriteHeader(e.HTTPStatus)
	w.Write(out)
}

func (s *Service) serve(r *http.Request, host, path string) ([]byte, *Error) {
	if r.Method != http.MethodPost {
		return nil, &Error{Code: CodeMethodNotAllowed, Message: "OTSMethodNotAllowedOnly POST method for requests is supported.", HTTPStatus: http.StatusMethodNotAllowed}
	}
	action, ok := parseAction(strings.TrimPrefix(path, "/"))
	if !ok {
		return nil, paramInvalid("Unsupported operation: %s.", strings.TrimPrefix(path, "/"))
	}
	s.count(action)
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil {
		return nil, paramInvalid("Cannot deserialize the request data.")
	}
	if len(body) > maxRequestBody {
		return nil, &Error{Code: CodeRequestBodyTooLarge, Message: "The size of POST data is too large.", HTTPStatus: http.StatusRequestEntityTooLarge}
	}
	caller, aerr := s.authenticate(r, path, body)
	if aerr != nil {
		return nil, aerr
	}
	ep, perr := ParseEndpoint(host)
	if perr != nil {
		return nil, paramInvalid("%s", perr.Error())
	}
	// The service routes by the x-ots-instancename header; the host only
	// tells region and network. A host naming another instance is ignored,
	// as it is by the cloud's shared regional front ends.
	c, oerr := s.open(action, caller, ep, r.Header.Get(hdrInstanceName))
	if oerr != nil {
		return nil, oerr
	}
	return s.dispatch(c, body)
}

func (s *Service) dispatch(c *call, body []byte) ([]byte, *Error) {
	switch c.action {
	case ActionCreateTable:
		return s.httpCreateTable(c, body)
	case ActionListTable:
		return s.httpListTable(c)
	case ActionDescribeTable:
		return s.httpDescribeTable(c, body)
	case ActionDeleteTable:
		return s.httpDeleteTable(c, body)
	case ActionUpdateTable:
		return s.httpUpdateTable(c, body)
	case ActionPutRow:
		return s.httpPutRow(c, body)
	case ActionGetRow:
		return s.httpGetRow(c, body)
	case ActionUpdateRow:
		return s.httpUpdateRow(c, body)
	case ActionDeleteRow:
		return s.httpDeleteRow(c, body)
	case ActionGetRange:
		return s.httpGetRange(c, body)
	case ActionBatchGetRow:
		return s.httpBatchGetRow(c, body)
	case ActionBatchWriteRow:
		return s.httpBatchWriteRow(c, body)
	case ActionComputeSplitPointsBySize:
		return s.httpComputeSplitPoints(c, body)
	}
	return nil, paramInvalid("Unsupported operation: %s.", c.action)
}
