package cloud

import (
	"context"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/policy"
)

// roleView is what observing the role found.
type roleView struct {
	exists  bool
	role    Role
	trust   policy.Document
	admits  bool
	merged  policy.Document // the trust policy with the principal merged in
	blocked *steps.Outcome
}

func (r *run) principal() string { return steps.TrustPrincipal(r.spec) }

// lookRole reads the role and judges its trust policy.
func (r *run) lookRole(ctx context.Context) (roleView, error) {
	name := r.spec.RAM.Role
	var v roleView
	var err error
	v.role, v.exists, err = readFound(ctx, r, "GetRole "+name, func(ctx context.Context) (Role, error) {
		return r.s.a.RAM().GetRole(ctx, name)
	})
	if !v.exists {
		return v, err
	}
	doc, perr := policy.Parse(v.role.TrustPolicy)
	if perr != nil {
		b := blocked(fmt.Sprintf("role %s exists but its trust policy cannot be read (%v)", name, perr),
			"fix the trust policy in the RAM console, then re-run")
		v.blocked = &b
		return v, nil
	}
	v.trust = doc
	want := policy.ServiceRequester(r.principal())
	v.admits = policy.TrustAdmits(doc, want)
	if !v.admits {
		v.merged = MergeTrustPrincipal(doc, r.principal())
		if !policy.TrustAdmits(v.merged, want) {
			b := blocked(fmt.Sprintf("role %s's trust policy denies %s explicitly", name, r.principal()),
				"remove the Deny statement that names it from the role's trust policy, then re-run")
			v.blocked = &b
		}
	}
	return v, nil
}

func (r *run) observeRole(ctx context.Context) (steps.Outcome, error) {
	v, err := r.lookRole(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	return r.rolePlan(v), nil
}

func (r *run) rolePlan(v roleView) steps.Outcome {
	name, p := r.spec.RAM.Role, r.principal()
	switch {
	case v.blocked != nil:
		return *v.blocked
	case !v.exists:
		return steps.Outcome{Action: steps.ActionCreate,
			Summary: fmt.Sprintf("create role %s trusting %s", name, p),
			Details: []string{"trust policy: " + steps.TrustPolicy(r.spec).Compact()}}
	case v.admits:
		return steps.Outcome{Action: steps.ActionInPlace,
			Summary: fmt.Sprintf("role %s exists and trusts %s", name, p),
			Details: []string{"ARN: " + v.role.ARN}}
	}
	others := TrustPrincipals(v.trust)
	out := steps.Outcome{Action: steps.ActionChange,
		Summary: fmt.Sprintf("role %s exists; add %s to its trust policy, keeping its %d other principal(s)", name, p, len(others)),
		Details: []string{
			"trust policy now: " + v.trust.Compact(),
			"trust policy after: " + v.merged.Compact(),
		}}
	for _, o := range others {
		if strings.EqualFold(o, "odps.aliyuncs.com") && !r.spec.SameAccount() {
			out.Details = append(out.Details, "note: odps.aliyuncs.com admits only MaxCompute of account A itself; it stays, but across accounts the role needs "+p)
		}
	}
	if !HasMark(v.role.Description) {
		out.Details = append(out.Details, "the role was not created by the wizard: its description will record the added principal, so that destroy removes only that")
	}
	return out
}

func (r *run) applyRole(ctx context.Context) (steps.Outcome, error) {
	name, p := r.spec.RAM.Role, r.principal()
	v, err := r.lookRole(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	if !v.exists {
		var made Role
		created, err := r.create(ctx, "CreateRole "+name,
			func(ctx context.Context) (bool, error) {
				v, err := r.lookRole(ctx)
				return v.exists, err
			},
			func(ctx context.Context) error {
				var err error
				made, err = r.s.a.RAM().CreateRole(ctx, name, steps.TrustPolicy(r.spec).Compact(), RoleDescription(r.spec))
				return err
			})
		if err != nil {
			return steps.Outcome{}, err
		}
		if created {
			out := steps.Outcome{Action: steps.ActionCreate, Summary: fmt.Sprintf("created role %s trusting %s", name, p)}
			if made.ARN != "" {
				out.Details = append(out.Details, "ARN: "+made.ARN)
			}
			return out, nil
		}
		// It appeared meanwhile: judge what is there.
		if v, err = r.lookRole(ctx); err != nil {
			return steps.Outcome{}, err
		}
	}
	switch {
	case v.blocked != nil:
		return steps.Outcome{}, &BlockedError{Step: r.step, Reason: v.blocked.Summary}
	case v.admits:
		return steps.Outcome{Action: steps.ActionInPlace, Summary: fmt.Sprintf("role %s exists and trusts %s", name, p)}, nil
	}
	desc := ""
	recorded := true
	if !HasMark(v.role.Description) {
		desc, recorded = WithAddedPrincipal(v.role.Description, p)
		if !recorded {
			desc = ""
		}
	}
	err = r.write(ctx, "UpdateRole "+name+" (merge "+p+" into the trust policy)", func(ctx context.Context) error {
		_, err := r.s.a.RAM().UpdateRole(ctx, name, v.merged.Compact(), desc)
		return err
	})
	if err != nil {
		return steps.Outcome{}, err
	}
	out := steps.Outcome{Action: steps.ActionChange,
		Summary: fmt.Sprintf("added %s to role %s's trust policy; its other principals stay", p, name),
		Details: []string{"trust policy: " + v.merged.Compact()}}
	if !recorded {
		out.Details = append(out.Details, "the role's description is too long to record the added principal; destroy will ask before removing it")
	}
	return out, nil
}
