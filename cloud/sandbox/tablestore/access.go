package tablestore

import "strings"

// call is one operation on one instance by one caller, after the instance
// and the caller's standing on it have been checked.
type call struct {
	action   Action
	caller   Caller
	instance Instance
	key      instanceKey
}

// open resolves the instance a request addresses and checks, in the order
// the service reports them: it exists in the endpoint's region, it runs, its
// network admits the endpoint, and the caller's account owns it.
func (s *Service) open(action Action, caller Caller, ep Endpoint, instanceName string) (*call, *Error) {
	inst, ok := s.backend.Instance(ep.Region, instanceName)
	if !ok || (inst.Region != "" && !strings.EqualFold(inst.Region, ep.Region)) {
		return nil, authFailed(MsgInstanceNotFound)
	}
	inst.Region = ep.Region
	if !inst.Running {
		return nil, authFailed(MsgInstanceNotRunning)
	}
	if inst.Network.vpcOnly() && ep.Kind != EndpointVPC {
		return nil, authFailed(MsgVPCOnly)
	}
	if caller.AccountUID != inst.OwnerUID {
		return nil, authFailed(MsgNoInstancePrivilege)
	}
	return &call{action: action, caller: caller, instance: inst, key: keyOf(ep.Region, inst.Name)}, nil
}

// permit asks RAM whether the caller may perform the call's action on
// table ("*" for instance-wide actions such as ListTable). The account's own
// keys may do anything on its instances.
func (s *Service) permit(c *call, table string) *Error {
	if c.caller.Kind == CallerAccount {
		return nil
	}
	arn := ResourceARN(c.instance.Region, c.instance.OwnerUID, c.instance.Name, table)
	if !s.backend.Authorize(c.caller, c.action.RAMAction(), arn) {
		return noPermission()
	}
	return nil
}
