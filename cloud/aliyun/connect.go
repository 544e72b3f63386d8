package aliyun

import (
	"context"
	"net/http"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// DefaultRegion is where calls that name no region go (STS, RAM) when the
// target names none either.
const DefaultRegion = "cn-hangzhou"

// Options tune a connection.
type Options struct {
	// Session tunes the step logic: retries, polling, demo rows, consent
	// to replace an external table.
	Session cloud.Options
	// Timeout bounds one HTTP call; default 60 s.
	Timeout time.Duration
	// Transport carries the STS, RAM, instance-API and Tablestore calls;
	// nil means a fresh one (see NewTransport). The ODPS SDK keeps its own.
	Transport *http.Transport
}

// NewTransport is the transport a connection uses unless told otherwise:
// proxies from the environment (never for loopback), bounded dials and
// handshakes, kept-alive connections. A caller that passes it in Options
// can close its idle connections when done.
func NewTransport() *http.Transport { return newTransport() }

// DefaultOptions are the options of a live run.
func DefaultOptions() Options {
	return Options{Session: cloud.DefaultOptions(), Timeout: 60 * time.Second}
}

// Connect opens a Session for both accounts with the default options: the
// cloud.ConnectFunc the wizard runs on.
func Connect(ctx context.Context, t cloud.Target, a, b cloud.Credentials) (cloud.Session, error) {
	return ConnectWith(DefaultOptions())(ctx, t, a, b)
}

// ConnectWith returns a cloud.ConnectFunc with the given options.
func ConnectWith(opts Options) cloud.ConnectFunc {
	return func(ctx context.Context, t cloud.Target, a, b cloud.Credentials) (cloud.Session, error) {
		base := opts.Transport
		if base == nil {
			base = newTransport()
		}
		acctA, err := newAccount(t, steps.SideTablestore, a, base, opts)
		if err != nil {
			return nil, err
		}
		acctB, err := newAccount(t, steps.SideMaxCompute, b, base, opts)
		if err != nil {
			return nil, err
		}
		return cloud.NewSession(acctA, acctB, opts.Session), nil
	}
}

// NewAccount gives one account's services directly, for commands that do
// not run the steps (doctor, destroy) and for tests.
func NewAccount(t cloud.Target, c cloud.Credentials, opts Options) (cloud.Account, error) {
	base := opts.Transport
	if base == nil {
		base = newTransport()
	}
	return newAccount(t, steps.SideBoth, c, base, opts)
}

// newAccount gives one account's services; side says which account of a
// session it is (SideBoth: a lone account), and credentials it cannot use
// are an AccountError naming that side.
func newAccount(t cloud.Target, side steps.AccountSide, c cloud.Credentials, base http.RoundTripper, opts Options) (*account, error) {
	ep, err := newEndpoints(t)
	if err != nil {
		return nil, err
	}
	who := "account"
	if side != steps.SideBoth {
		who = side.String()
	}
	k, err := resolveKeys(who, c)
	if err != nil {
		if side != steps.SideBoth {
			err = &cloud.AccountError{Side: side, Err: err}
		}
		return nil, err
	}
	region := t.Region
	if region == "" {
		region = DefaultRegion
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	return &account{ep: ep, region: region, keys: k, base: base, timeout: timeout}, nil
}

// account is one account's services over the SDKs.
type account struct {
	ep      endpoints
	region  string
	keys    keys
	base    http.RoundTripper
	timeout time.Duration
}

func (a *account) rpc(service, region, domain string) rpc {
	return rpc{service: service, region: region, domain: domain, scheme: a.ep.scheme(), keys: a.keys, base: a.base, timeout: a.timeout}
}

func (a *account) STS() cloud.STS {
	return stsAPI{rpc: a.rpc(cloud.ServiceSTS, a.region, a.ep.sts(a.region))}
}

func (a *account) RAM() cloud.RAM {
	return ramAPI{rpc: a.rpc(cloud.ServiceRAM, a.region, a.ep.ram())}
}

func (a *account) Instances(region string) cloud.Instances {
	return otsAPI{rpc: a.rpc(cloud.ServiceOTS, region, a.ep.ots(region)), region: region}
}

func (a *account) Tables(region, instance string) cloud.Tables {
	return tablesAPI{endpoint: a.ep.tablestore(region, instance), instance: instance, keys: a.keys, base: a.base, timeout: a.timeout}
}

func (a *account) MaxCompute(region string) cloud.MaxCompute {
	return maxComputeAPI{endpoint: a.ep.maxcompute(region), keys: a.keys, timeout: a.timeout}
}
