package sandbox

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mcots/wizard/cloud/sandbox/internal/wire"
	"github.com/mcots/wizard/cloud/sandbox/maxcompute"
	"github.com/mcots/wizard/cloud/sandbox/tablestore"
)

// maxcomputeBackend is the core as the MaxCompute plane sees it: keys,
// projects, and the cross-account chain to Tablestore.
type maxcomputeBackend struct{ s *Sandbox }

// Credential resolves an ODPS AccessKey (and STS token).
func (b maxcomputeBackend) Credential(_ context.Context, accessKeyID, securityToken string) (maxcompute.Credential, error) {
	secret, id, err := b.s.ResolveAccessKey(accessKeyID, securityToken)
	if err != nil {
		if keyProblemOf(err) == keyUnknown {
			return maxcompute.Credential{}, maxcompute.ErrNoSuchAccessKey
		}
		return maxcompute.Credential{}, maxcompute.ErrInvalidSecurityToken
	}
	return maxcompute.Credential{Secret: secret, AccountUID: id.AccountID}, nil
}

// Project looks a project up in the world.
func (b maxcomputeBackend) Project(_ context.Context, name string) (maxcompute.Project, error) {
	p, ok := b.s.Project(name)
	if !ok {
		return maxcompute.Project{}, maxcompute.ErrNoSuchProject
	}
	return maxcompute.Project{Name: p.Name, OwnerUID: p.Owner, Region: p.Region, Created: p.Created}, nil
}

// AssumeRole is MaxCompute's check at CREATE: the role exists and trusts
// the project owner's MaxCompute principal.
func (b maxcomputeBackend) AssumeRole(_ context.Context, src maxcompute.ExternalSource) error {
	_, err := b.assume(src)
	return err
}

// assume assumes src's role as MaxCompute does, counting the STS call.
func (b maxcomputeBackend) assume(src maxcompute.ExternalSource) (Identity, error) {
	id, e := b.s.assumeForService(src.RoleARN, odpsPrincipal(src.ProjectOwnerUID, src.RoleARN))
	code := ""
	if e != nil {
		code = e.Code
	}
	b.s.chainCall(ServiceSTS, "AssumeRole", code)
	if e != nil {
		return Identity{}, &maxcompute.ExternalError{Fault: maxcompute.FaultRole, Code: e.Code, Message: e.Message,
			RequestID: b.s.ids.requestID(), HostID: hostID(ServiceSTS, "")}
	}
	return id, nil
}

// OpenExternal walks the chain in the order MaxCompute meets its links: the
// role (assumed when the job is compiled), the LOCATION host (reached from
// the project's region), the AccessKey of a LOCATION that embeds one (checked
// by Tablestore once connected), and the table itself (DescribeTable as the
// caller, so RAM decides).
func (b maxcomputeBackend) OpenExternal(_ context.Context, src maxcompute.ExternalSource) (maxcompute.ExternalTable, error) {
	var caller tablestore.Caller
	if src.RoleARN != "" {
		id, err := b.assume(src)
		if err != nil {
			return nil, err
		}
		caller = tablestoreCaller(id)
	}
	host, err := b.s.reachFromMaxCompute(src.Location, src.ProjectRegion)
	if err != nil {
		return nil, err
	}
	if src.RoleARN == "" {
		if caller, err = b.s.locationCaller(src.Location); err != nil {
			return nil, err
		}
	}
	t := &externalTable{s: b.s, caller: caller, host: host, table: src.Table}
	info, err := b.s.ts.Describe(caller, host, src.Table)
	t.count(tablestore.ActionDescribeTable, err)
	if err != nil {
		return nil, tablestoreFault(err)
	}
	t.key = info.Meta.PrimaryKey
	t.meta = externalMeta(info.Meta)
	return t, nil
}

// reachFromMaxCompute resolves a LOCATION to the Tablestore host MaxCompute
// would connect to. MaxCompute reaches Tablestore over the classic internal
// network of its own region only (external tables use the internal
// endpoint; the public one needs a network connection set up first, and
// MaxCompute is in no user's VPC), and a host name exists only while its
// instance does. Anything else leaves MaxCompute waiting for a connection:
// FaultEndpoint, which it reports as a timeout.
func (s *Sandbox) reachFromMaxCompute(location, projectRegion string) (string, error) {
	unreachable := func(format string, args ...any) error {
		why := fmt.Sprintf(format, args...)
		// MaxCompute only reports a timeout; the log says why.
		s.log.Info("chain", "service", string(ServiceTablestore), "action", "connect", "code", "ConnectTimeout", "why", why)
		return &maxcompute.ExternalError{Fault: maxcompute.FaultEndpoint, Code: "ConnectTimeout", Message: why}
	}
	h, err := wire.ParseHost(location)
	if err != nil || h.Service != wire.Tablestore {
		return "", unreachable("LOCATION %s names no Tablestore endpoint", wire.MaskLocation(location))
	}
	switch {
	case h.Network != wire.Internal:
		return "", unreachable("%s is not the classic internal endpoint %s.%s.ots-internal.aliyuncs.com, the only one MaxCompute reaches without a network connection",
			h.Name, h.Instance, h.Region)
	case h.Region != projectRegion:
		return "", unreachable("%s is in %s; the internal network of the project's region %s does not reach it", h.Name, h.Region, projectRegion)
	}
	if _, ok := s.Instance(h.Region, h.Instance); !ok {
		return "", unreachable("%s does not resolve: there is no instance %s in %s", h.Name, h.Instance, h.Region)
	}
	return h.Name, nil
}

// locationCaller is who a LOCATION with an embedded AccessKey
// (tablestore://<id>:<secret>@host) acts as. Tablestore checks the key when
// MaxCompute connects: an unknown key or a wrong secret is OTSAuthFailed.
func (s *Sandbox) locationCaller(location string) (tablestore.Caller, error) {
	_, rest, _ := strings.Cut(location, "://")
	userinfo, _, ok := strings.Cut(rest, "@")
	id, secret, hasSecret := strings.Cut(userinfo, ":")
	authFailed := func(msg string) error {
		return &maxcompute.ExternalError{Fault: maxcompute.FaultTablestore, Code: tablestore.CodeAuthFailed, Message: msg}
	}
	if !ok || !hasSecret || id == "" {
		return tablestore.Caller{}, authFailed(tablestore.ErrUnknownAccessKey.Error())
	}
	want, ident, err := s.ResolveAccessKey(id, "")
	if err != nil {
		return tablestore.Caller{}, authFailed(tablestoreCredentialError(err).Error())
	}
	if !wire.SameSignature(want, secret) {
		// The handler signs with the secret it was given; the service
		// recomputes with the real one.
		return tablestore.Caller{}, authFailed(tablestore.MsgSignatureMismatch)
	}
	return tablestoreCaller(ident), nil
}

// tablestoreFault turns a Tablestore error into the chain's failure.
func tablestoreFault(err error) error {
	var e *tablestore.Error
	if errors.As(err, &e) {
		return &maxcompute.ExternalError{Fault: maxcompute.FaultTablestore, Code: e.Code, Message: e.Message, RequestID: e.RequestID}
	}
	return err
}
