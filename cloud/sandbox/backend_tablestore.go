package sandbox

import (
	"errors"

	"github.com/mcots/wizard/cloud/sandbox/tablestore"
)

// tablestoreBackend is the core as the Tablestore plane sees it.
type tablestoreBackend struct{ s *Sandbox }

// Credential resolves a data-API AccessKey (and STS token) to its secret
// and caller; the caller's Ref is the core Identity, for Authorize.
func (b tablestoreBackend) Credential(accessKeyID, securityToken string) (tablestore.Credential, error) {
	secret, id, err := b.s.ResolveAccessKey(accessKeyID, securityToken)
	if err != nil {
		return tablestore.Credential{}, tablestoreCredentialError(err)
	}
	return tablestore.Credential{Secret: secret, Caller: tablestoreCaller(id)}, nil
}

// tablestoreCaller is the plane's view of an identity.
func tablestoreCaller(id Identity) tablestore.Caller {
	kind := tablestore.CallerAccount
	switch id.Type {
	case IdentityRAMUser:
		kind = tablestore.CallerRAMUser
	case IdentityAssumedRole:
		kind = tablestore.CallerAssumedRole
	}
	return tablestore.Caller{Kind: kind, AccountUID: id.AccountID, ARN: id.ARN, Ref: id}
}

// keyProblem is why ResolveAccessKey refused a key, in the terms both data
// planes need.
type keyProblem int

const (
	keyUnknown   keyProblem = iota + 1 // no such AccessKeyId (or none given)
	tokenExpired                       // an STS token past its expiry
	tokenInvalid                       // an STS token missing, forged or for another key
)

// keyProblemOf classifies an error of ResolveAccessKey.
func keyProblemOf(err error) keyProblem {
	var e *APIError
	if errors.As(err, &e) {
		switch e.Code {
		case "InvalidAccessKeyId.NotFound", "MissingParameter":
			return keyUnknown
		case "InvalidSecurityToken.Expired":
			return tokenExpired
		}
	}
	return tokenInvalid
}

// tablestoreCredentialError maps a refused key to the error the data API
// words as OTSAuthFailed.
func tablestoreCredentialError(err error) error {
	switch keyProblemOf(err) {
	case keyUnknown:
		return tablestore.ErrUnknownAccessKey
	case tokenExpired:
		return tablestore.ErrSecurityTokenExpired
	}
	return tablestore.ErrSecurityTokenInvalid
}

// Instance is the plane's view of a Tablestore instance.
func (b tablestoreBackend) Instance(region, name string) (tablestore.Instance, bool) {
	in, ok := b.s.Instance(region, name)
	if !ok {
		return tablestore.Instance{}, false
	}
	return tablestore.Instance{
		Name:        in.Name,
		Region:      in.Region,
		OwnerUID:    in.Owner,
		Network:     tablestore.Network(in.Network),
		ClusterType: tablestore.ClusterType(in.ClusterType),
		Running:     in.Status == InstanceRunning,
		TableQuota:  maxTablesPerInstance,
	}, true
}

// Authorize asks the core's RAM evaluation about a RAM user or assumed role.
func (b tablestoreBackend) Authorize(caller tablestore.Caller, ramAction, resource string) bool {
	id, ok := caller.Ref.(Identity)
	if !ok {
		return false
	}
	return b.s.Authorize(id, ramAction, resource).IsAllowed()
}
