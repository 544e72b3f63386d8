package aliyun

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"

	"github.com/mcots/wizard/cloud"
)

// rpc calls one RPC-style API (STS, RAM, the Tablestore instance API) of
// one account through alibaba-cloud-sdk-go.
type rpc struct {
	service string // cloud.Service* name, for errors
	region  string
	domain  string // host[:port]
	scheme  string // HTTPS or HTTP
	keys    keys
	base    http.RoundTripper
	timeout time.Duration
}

// credential builds the SDK credential: the moment the secret leaves
// cloud.Secret.
func (c rpc) credential() auth.Credential {
	if tok := c.keys.token.Reveal(); tok != "" {
		return credentials.NewStsTokenCredential(c.keys.id, c.keys.secret.Reveal(), tok)
	}
	return credentials.NewAccessKeyCredential(c.keys.id, c.keys.secret.Reveal())
}

// do sends one request. A client is built per call so that the call's
// context reaches the connection (the SDK takes none); AutoRetry is off so
// that cloud's retry policy is the only one.
func (c rpc) do(ctx context.Context, op string, req requests.AcsRequest, resp responses.AcsResponse) error {
	cfg := sdk.NewConfig()
	cfg.AutoRetry = false
	cfg.MaxRetryTime = 0
	cfg.Scheme = c.scheme
	cfg.Transport = ctxTransport{ctx: ctx, base: c.base}
	cfg.Timeout = c.timeout
	client := &sdk.Client{}
	if err := client.InitWithOptions(c.region, cfg, c.credential()); err != nil {
		return cloud.Classify(&cloud.Error{Service: c.service, Op: op, Message: c.keys.redact(err.Error()), Kind: cloud.KindInvalid})
	}
	req.SetDomain(c.domain)
	req.SetScheme(c.scheme)
	return c.convert(ctx, op, client.DoAction(req, resp))
}

// convert turns an SDK error into a *cloud.Error.
func (c rpc) convert(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sdkerrors.ServerError
	if errors.As(err, &se) {
		return cloud.Classify(&cloud.Error{
			Service: c.service, Op: op, Code: se.ErrorCode(), Message: c.keys.redact(se.Message()),
			RequestID: se.RequestId(), HTTPStatus: se.HttpStatus(), Err: err,
		})
	}
	var ce *sdkerrors.ClientError
	if errors.As(err, &ce) && ce.OriginError() != nil {
		err = ce.OriginError()
	}
	e := cloud.TransportError(ctx, c.service, op, err)
	e.Message = c.keys.redact(e.Message)
	return e
}
