package cloud

import (
	"context"
	"fmt"
	"strings"
)

// RemovalError is a removal that failed; the removals before it are done,
// the ones after it were not tried.
type RemovalError struct {
	Removal Removal
	Err     error
}

func (e *RemovalError) Error() string {
	return fmt.Sprintf("removing %s %s: %v", e.Removal.Kind, e.Removal.Name, e.Err)
}

func (e *RemovalError) Unwrap() error { return e.Err }

// stillOurs decides from a fresh look whether a removal goes ahead: not
// when the look failed, when the object is gone already (the removal is
// done), or when it no longer carries the wizard's mark (refused: someone
// changed it since the plan).
func stillOurs(lookErr error, exists, marked bool, what string) (bool, error) {
	switch {
	case lookErr != nil:
		return false, lookErr
	case !exists:
		return false, nil
	case !marked:
		return false, errMarkGone(what)
	}
	return true, nil
}

// errMarkGone is a removal refused because the object no longer carries
// the wizard's mark: someone changed it since the plan.
func errMarkGone(what string) error {
	return fmt.Errorf("%s no longer carries the wizard's mark; it is left alone (run destroy again to see a fresh plan)", what)
}

// Destroy removes what the plan lists, in its order. Each removal looks at
// the object again first and removes it only if it still carries the mark;
// an object already gone counts as removed, so an interrupted destroy is
// finished by running it again.
func (s *session) Destroy(ctx context.Context, plan DestroyPlan, onRemoved func(Removal)) error {
	for _, rm := range plan.Remove {
		r := s.newRun(plan.Spec, rm.Kind.Step(), nil)
		if err := r.removeOne(ctx, rm); err != nil {
			return &RemovalError{Removal: rm, Err: err}
		}
		if onRemoved != nil {
			onRemoved(rm)
		}
	}
	return nil
}

// gone treats "not found" as done: a repeat of a removal that worked.
func gone(err error) error {
	if IsNotFound(err) {
		return nil
	}
	return err
}

func (r *run) removeOne(ctx context.Context, rm Removal) error {
	ram := r.s.a.RAM()
	role, pol := r.spec.RAM.Role, r.spec.RAM.Policy
	switch rm.Kind {
	case RemoveExternalTable:
		return r.dropExternal(ctx)
	case RemoveAttachment:
		return r.write(ctx, "DetachPolicyFromRole "+pol+" ← "+role, func(ctx context.Context) error {
			return gone(ram.DetachPolicyFromRole(ctx, policyCustom, pol, role))
		})
	case RemovePolicyVersion:
		return r.write(ctx, "DeletePolicyVersion "+pol+" "+rm.target, func(ctx context.Context) error {
			return gone(ram.DeletePolicyVersion(ctx, pol, rm.target))
		})
	case RemovePolicy:
		return r.deletePolicy(ctx)
	case RemoveTrustPrincipal:
		return r.removePrincipal(ctx, rm.target)
	case RemoveRole:
		v, err := r.lookRole(ctx)
		if ours, err := stillOurs(err, v.exists, HasMark(v.role.Description), "role "+role); !ours {
			return err
		}
		return r.write(ctx, "DeleteRole "+role, func(ctx context.Context) error { return gone(ram.DeleteRole(ctx, role)) })
	case RemoveTable:
		t := r.spec.Tablestore.Table
		inst, found, err := r.lookInstance(ctx)
		if ours, err := stillOurs(err, found, instanceNamesTable(inst, t), "instance "+inst.Name); !ours {
			return err
		}
		return r.write(ctx, "DeleteTable "+t, func(ctx context.Context) error { return gone(r.tables().DeleteTable(ctx, t)) })
	case RemoveInstance:
		return r.deleteInstance(ctx)
	}
	return fmt.Errorf("destroy: no removal of kind %s", rm.Kind)
}

func (r *run) dropExternal(ctx context.Context) error {
	v, err := r.lookExternal(ctx)
	marked := !v.foreign && strings.EqualFold(v.table.Comment, ExternalTableComment)
	if ours, err := stillOurs(gone(err), v.exists, marked, "external table "+r.spec.ExternalTable.Name); !ours {
		return err
	}
	_, err = r.runSQL(ctx, dropTableSQL(r.spec.ExternalTable.Name))
	return err
}

// deletePolicy deletes the wizard's policy after any version that is not
// the default, which RAM requires (one may have appeared since the plan).
func (r *run) deletePolicy(ctx context.Context) error {
	name := r.spec.RAM.Policy
	v, err := r.lookPolicy(ctx)
	if ours, err := stillOurs(err, v.exists, HasMark(v.pol.Description), "policy "+name); !ours {
		return err
	}
	vs, err := r.listVersions(ctx)
	if err != nil {
		return gone(err)
	}
	for _, pv := range vs {
		if pv.IsDefault {
			continue
		}
		err := r.write(ctx, "DeletePolicyVersion "+name+" "+pv.ID, func(ctx context.Context) error {
			return gone(r.s.a.RAM().DeletePolicyVersion(ctx, name, pv.ID))
		})
		if err != nil {
			return err
		}
	}
	return r.write(ctx, "DeletePolicy "+name, func(ctx context.Context) error { return gone(r.s.a.RAM().DeletePolicy(ctx, name)) })
}

// removePrincipal takes principal out of the role's trust policy and its
// note out of the role's description; the other principals stay. RAM
// cannot set an empty description: a description that was only the note
// keeps it, which a later apply or destroy reads correctly.
func (r *run) removePrincipal(ctx context.Context, principal string) error {
	name := r.spec.RAM.Role
	v, err := r.lookRole(ctx)
	switch {
	case err != nil:
		return err
	case !v.exists:
		return nil
	case v.blocked != nil && len(v.trust.Statement) == 0:
		return fmt.Errorf("role %s's trust policy cannot be read; it is left alone", name)
	}
	trust := ""
	if hasPrincipal(v.trust, principal) {
		doc := WithoutTrustPrincipal(v.trust, principal)
		if len(doc.Statement) == 0 {
			return fmt.Errorf("%s is the only principal of role %s's trust policy, which RAM cannot leave empty; it is left alone", principal, name)
		}
		trust = doc.Compact()
	}
	desc := WithoutAddedPrincipal(v.role.Description, principal)
	if desc == v.role.Description {
		desc = ""
	}
	if trust == "" && desc == "" {
		return nil
	}
	return r.write(ctx, "UpdateRole "+name+" (remove "+principal+" from the trust policy)", func(ctx context.Context) error {
		_, err := r.s.a.RAM().UpdateRole(ctx, name, trust, desc)
		return err
	})
}

// deleteInstance deletes the wizard's instance and waits until it is gone.
func (r *run) deleteInstance(ctx context.Context) error {
	name := r.spec.Tablestore.Instance
	inst, found, err := r.lookInstance(ctx)
	if ours, err := stillOurs(err, found, instanceMarked(inst), "instance "+name); !ours {
		return err
	}
	if inst.Status != InstanceDeleting {
		err := r.write(ctx, "DeleteInstance "+name, func(ctx context.Context) error { return gone(r.instances().DeleteInstance(ctx, name)) })
		if err != nil {
			return err
		}
	}
	return r.s.opts.Poll.wait(ctx, "instance "+name+" to be deleted", func(ctx context.Context) (bool, string, error) {
		inst, found, err := r.lookInstance(ctx)
		if err != nil || !found {
			return err == nil, "", err
		}
		return false, inst.Status.String(), nil
	}, func(msg string) { r.say("%s", msg) })
}
