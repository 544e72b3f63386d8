package aliyun

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/aliyun/aliyun-odps-go-sdk/odps"
	odpsaccount "github.com/aliyun/aliyun-odps-go-sdk/odps/account"
	"github.com/aliyun/aliyun-odps-go-sdk/odps/restclient"

	"github.com/mcots/wizard/cloud"
)

// maxComputeAPI is the MaxCompute REST API of one region. The ODPS SDK has
// no context and no transport hook, and its client is not safe for
// concurrent first use: each call builds its own client and runs in the
// background, so that cancelling returns at once.
type maxComputeAPI struct {
	endpoint string
	keys     keys
	timeout  time.Duration
}

func (m maxComputeAPI) odps(project string) *odps.Odps {
	var acct odpsaccount.Account
	if tok := m.keys.token.Reveal(); tok != "" {
		acct = odpsaccount.NewStsAccount(m.keys.id, m.keys.secret.Reveal(), tok)
	} else {
		acct = odpsaccount.NewAliyunAccount(m.keys.id, m.keys.secret.Reveal())
	}
	o := odps.NewOdps(acct, m.endpoint)
	o.SetHttpTimeout(m.timeout)
	o.SetTcpConnectTimeout(10 * time.Second)
	if project != "" {
		o.SetDefaultProjectName(project)
	}
	return o
}

// convert turns an ODPS SDK error into a *cloud.Error. The SDK's HttpError
// text includes the whole response body; only the parsed code and message
// are kept.
func (m maxComputeAPI) convert(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return cloud.TransportError(ctx, cloud.ServiceMaxCompute, op, err)
	}
	var he restclient.HttpError
	if errors.As(err, &he) {
		e := &cloud.Error{Service: cloud.ServiceMaxCompute, Op: op, RequestID: he.RequestId, HTTPStatus: he.StatusCode, Err: err}
		if he.ErrorMessage != nil {
			e.Code, e.Message = he.ErrorMessage.ErrorCode, he.ErrorMessage.Message
			if e.RequestID == "" {
				e.RequestID = he.ErrorMessage.RequestId
			}
		}
		if e.Message == "" {
			e.Message = he.Status
		}
		e.Message = m.keys.redact(e.Message)
		return cloud.Classify(e)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		e := cloud.TransportError(ctx, cloud.ServiceMaxCompute, op, ue)
		e.Message = m.keys.redact(e.Message)
		return e
	}
	return cloud.Classify(&cloud.Error{Service: cloud.ServiceMaxCompute, Op: op, Message: m.keys.redact(firstLine(err.Error())), Err: err})
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (m maxComputeAPI) GetProject(ctx context.Context, name string) (cloud.Project, error) {
	return inBackground(ctx, func() (cloud.Project, error) {
		p := m.odps(name).Project(name)
		if err := p.Load(); err != nil {
			return cloud.Project{}, m.convert(ctx, "GetProject", err)
		}
		state := p.Status().String()
		if state == "UNKNOWN" {
			state = ""
		}
		return cloud.Project{Name: p.Name(), Owner: p.Owner(), Region: p.RegionId(), State: state}, nil
	})
}

func (m maxComputeAPI) GetTable(ctx context.Context, project, name string) (cloud.ExternalTable, error) {
	return inBackground(ctx, func() (cloud.ExternalTable, error) {
		t := m.odps(project).Table(name)
		if err := t.Load(); err != nil {
			return cloud.ExternalTable{}, m.convert(ctx, "GetTable", err)
		}
		s := t.Schema()
		out := cloud.ExternalTable{
			Name: t.Name(), Comment: t.Comment(), IsExternal: s.IsExternal || t.Type() == odps.ExternalTable,
			StorageHandler: s.StorageHandler, Location: s.Location, Properties: map[string]string{},
		}
		for _, c := range s.Columns {
			typ := ""
			if c.Type != nil {
				typ = strings.ToLower(c.Type.Name())
			}
			out.Columns = append(out.Columns, cloud.Column{Name: strings.ToLower(c.Name), Type: typ})
		}
		for k, v := range s.SerDeProperties {
			out.Properties[k] = v
		}
		return out, nil
	})
}

func (m maxComputeAPI) SubmitSQL(ctx context.Context, project, sql string, hints map[string]string) (cloud.SQLJob, error) {
	return inBackground(ctx, func() (cloud.SQLJob, error) {
		ins, err := m.odps(project).ExecSQl(sql, hints)
		if ins != nil && ins.IsSync() {
			// MaxCompute answered at once: the result is in the answer.
			job := cloud.SQLJob{ID: ins.Id(), Done: true, Status: cloud.SQLStatus{State: cloud.SQLSucceeded}}
			if err != nil {
				job.Status = cloud.SQLStatus{State: cloud.SQLFailed, Message: m.keys.redact(err.Error())}
				return job, nil
			}
			if rs := ins.TaskResults(); len(rs) > 0 {
				job.Result = rs[0].Content()
			}
			return job, nil
		}
		if err != nil {
			return cloud.SQLJob{}, m.convert(ctx, "SubmitSQL", err)
		}
		return cloud.SQLJob{ID: ins.Id()}, nil
	})
}

// SQLStatus asks for the job's task statuses only: one call per look,
// where the SDK's WaitForSuccess makes two and then sleeps a second.
func (m maxComputeAPI) SQLStatus(ctx context.Context, project, jobID string) (cloud.SQLStatus, error) {
	return inBackground(ctx, func() (cloud.SQLStatus, error) {
		ins := odps.NewInstance(m.odps(project), project, jobID)
		tasks, err := ins.GetTasks()
		if err != nil {
			return cloud.SQLStatus{}, m.convert(ctx, "SQLStatus", err)
		}
		if len(tasks) == 0 {
			return cloud.SQLStatus{State: cloud.SQLRunning}, nil
		}
		done := true
		for _, t := range tasks {
			switch t.Status {
			case odps.TaskFailed, odps.TaskCancelled, odps.TaskSuspended:
				msg := fmt.Sprintf("task %s %s", t.Name, t.Status)
				if rs, err := ins.GetResult(); err == nil && len(rs) > 0 && rs[0].Content() != "" {
					msg = rs[0].Content()
				}
				return cloud.SQLStatus{State: cloud.SQLFailed, Message: m.keys.redact(msg)}, nil
			case odps.TaskSuccess:
			default:
				done = false
			}
		}
		if done {
			return cloud.SQLStatus{State: cloud.SQLSucceeded}, nil
		}
		return cloud.SQLStatus{State: cloud.SQLRunning}, nil
	})
}

func (m maxComputeAPI) SQLResult(ctx context.Context, project, jobID string) (string, error) {
	return inBackground(ctx, func() (string, error) {
		rs, err := odps.NewInstance(m.odps(project), project, jobID).GetResult()
		if err != nil {
			return "", m.convert(ctx, "SQLResult", err)
		}
		if len(rs) == 0 {
			return "", nil
		}
		return rs[0].Content(), nil
	})
}

func (m maxComputeAPI) CancelSQL(ctx context.Context, project, jobID string) error {
	_, err := inBackground(ctx, func() (struct{}, error) {
		return struct{}{}, m.convert(ctx, "CancelSQL", odps.NewInstance(m.odps(project), project, jobID).Terminate())
	})
	return err
}
