package cloud

import (
	"context"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps"
)

// policyCustom is RAM's type name for a custom policy.
const policyCustom = "Custom"

// lookAttachment reports whether the role exists and has the policy attached.
func (r *run) lookAttachment(ctx context.Context) (roleExists, attached bool, err error) {
	role, pol := r.spec.RAM.Role, r.spec.RAM.Policy
	list, found, err := readFound(ctx, r, "ListPoliciesForRole "+role, func(ctx context.Context) ([]AttachedPolicy, error) {
		return r.s.a.RAM().ListPoliciesForRole(ctx, role)
	})
	if !found {
		return false, false, err
	}
	for _, p := range list {
		if strings.EqualFold(p.Type, policyCustom) && strings.EqualFold(p.Name, pol) {
			return true, true, nil
		}
	}
	return true, false, nil
}

func (r *run) observeAttachment(ctx context.Context) (steps.Outcome, error) {
	role, pol := r.spec.RAM.Role, r.spec.RAM.Policy
	exists, attached, err := r.lookAttachment(ctx)
	switch {
	case err != nil:
		return steps.Outcome{}, err
	case attached:
		return steps.Outcome{Action: steps.ActionInPlace, Summary: fmt.Sprintf("policy %s is attached to role %s", pol, role)}, nil
	case !exists:
		return steps.Outcome{Action: steps.ActionCreate, Summary: fmt.Sprintf("attach policy %s to role %s (once both exist)", pol, role)}, nil
	}
	return steps.Outcome{Action: steps.ActionCreate, Summary: fmt.Sprintf("attach policy %s to role %s", pol, role)}, nil
}

func (r *run) applyAttachment(ctx context.Context) (steps.Outcome, error) {
	role, pol := r.spec.RAM.Role, r.spec.RAM.Policy
	if _, attached, err := r.lookAttachment(ctx); err != nil || attached {
		return steps.Outcome{Action: steps.ActionInPlace, Summary: fmt.Sprintf("policy %s is attached to role %s", pol, role)}, err
	}
	// Attaching twice answers EntityAlreadyExists.Role.Policy, so the call
	// may be repeated: that answer means done.
	err := r.write(ctx, fmt.Sprintf("AttachPolicyToRole %s → %s", pol, role), func(ctx context.Context) error {
		err := r.s.a.RAM().AttachPolicyToRole(ctx, policyCustom, pol, role)
		if IsAlreadyExists(err) {
			return nil
		}
		return err
	})
	if err != nil {
		return steps.Outcome{}, err
	}
	return steps.Outcome{Action: steps.ActionCreate, Summary: fmt.Sprintf("attached policy %s to role %s", pol, role)}, nil
}
