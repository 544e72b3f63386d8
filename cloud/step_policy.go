package cloud

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/policy"
)

// MaxPolicyVersions is how many versions RAM keeps of a custom policy.
const MaxPolicyVersions = 5

// policyView is what observing the permission policy found.
type policyView struct {
	exists bool
	pol    Policy
	same   bool
	cur    policy.Document
	parsed bool
}

func (r *run) wantPolicy() policy.Document { return steps.PermissionPolicy(r.spec) }

func (r *run) lookPolicy(ctx context.Context) (policyView, error) {
	name := r.spec.RAM.Policy
	var v policyView
	var err error
	v.pol, v.exists, err = readFound(ctx, r, "GetPolicy "+name, func(ctx context.Context) (Policy, error) {
		return r.s.a.RAM().GetPolicy(ctx, name)
	})
	if !v.exists {
		return v, err
	}
	if doc, perr := policy.Parse(v.pol.Document); perr == nil {
		v.cur, v.parsed = doc, true
		v.same = SameDocument(doc, r.wantPolicy())
	}
	return v, nil
}

func (r *run) listVersions(ctx context.Context) ([]PolicyVersion, error) {
	var vs []PolicyVersion
	err := r.read(ctx, "ListPolicyVersions "+r.spec.RAM.Policy, func(ctx context.Context) error {
		var err error
		vs, err = r.s.a.RAM().ListPolicyVersions(ctx, r.spec.RAM.Policy)
		return err
	})
	return vs, err
}

// oldestNonDefault picks the version RAM's own rotation would drop: the
// oldest that is not the default, by creation time and then by number.
func oldestNonDefault(vs []PolicyVersion) (PolicyVersion, bool) {
	var cands []PolicyVersion
	for _, v := range vs {
		if !v.IsDefault {
			cands = append(cands, v)
		}
	}
	if len(cands) == 0 {
		return PolicyVersion{}, false
	}
	slices.SortFunc(cands, func(a, b PolicyVersion) int {
		if c := a.Created.Compare(b.Created); c != 0 && !a.Created.IsZero() && !b.Created.IsZero() {
			return c
		}
		return versionNumber(a.ID) - versionNumber(b.ID)
	})
	return cands[0], true
}

func versionNumber(id string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(strings.ToLower(id), "v"))
	if err != nil {
		return 1 << 30
	}
	return n
}

func (r *run) observePolicy(ctx context.Context) (steps.Outcome, error) {
	name := r.spec.RAM.Policy
	v, err := r.lookPolicy(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	want := r.wantPolicy()
	switch {
	case !v.exists:
		return steps.Outcome{Action: steps.ActionCreate,
			Summary: fmt.Sprintf("create policy %s (%s access, scoped to the %s)", name, r.spec.RAM.Access, r.spec.RAM.Scope),
			Details: []string{"document: " + want.Compact()}}, nil
	case v.same:
		return steps.Outcome{Action: steps.ActionInPlace,
			Summary: fmt.Sprintf("policy %s grants what the spec needs (default version %s)", name, v.pol.DefaultVersion)}, nil
	}
	vs, err := r.listVersions(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	out := steps.Outcome{Action: steps.ActionChange,
		Summary: fmt.Sprintf("policy %s differs: add a version with the wanted document and make it the default", name)}
	out.Details = append(out.Details, r.policyDiff(v)...)
	if dropped := droppedTables(v, want); len(dropped) > 0 {
		out.Details = append(out.Details, fmt.Sprintf("warning: the new version no longer lets the role read %s, which another setup may use; "+
			"to keep both, give this setup a policy of its own (ram.policy in the spec)", strings.Join(dropped, ", ")))
	}
	if len(vs) >= MaxPolicyVersions {
		if old, ok := oldestNonDefault(vs); ok {
			out.Summary += fmt.Sprintf(" (deleting its oldest non-default version %s first: RAM keeps %d)", old.ID, MaxPolicyVersions)
			out.Details = append(out.Details, fmt.Sprintf("the policy has %d versions, the most RAM keeps: version %s will be deleted", len(vs), old.ID))
		}
	}
	if !HasMark(v.pol.Description) {
		out.Details = append(out.Details, fmt.Sprintf("policy %s was not created by the wizard: its default document will change (the old one stays as a version)", name))
	}
	if v.pol.AttachmentCount > 1 {
		out.Details = append(out.Details, fmt.Sprintf("the policy is attached %d times: every role or user it is attached to gets the new document", v.pol.AttachmentCount))
	}
	return out, nil
}

// droppedTables lists the Tablestore tables the current document lets read
// (ots:GetRange allowed) that the wanted one does not: a version that
// replaces the document takes them away from whoever relied on them.
func droppedTables(v policyView, want policy.Document) []string {
	if !v.parsed {
		return nil
	}
	var out []string
	for _, st := range v.cur.Statement {
		if st.Effect != policy.Allow {
			continue
		}
		for _, res := range st.Resource {
			if !strings.Contains(res, "/table/") || strings.ContainsAny(res, "*?") || slices.Contains(out, res) {
				continue
			}
			if policy.Evaluate([]policy.Document{v.cur}, "ots:GetRange", res).IsAllowed() &&
				!policy.Evaluate([]policy.Document{want}, "ots:GetRange", res).IsAllowed() {
				out = append(out, res)
			}
		}
	}
	return out
}

func (r *run) policyDiff(v policyView) []string {
	if !v.parsed {
		return []string{"the current document cannot be parsed; it is replaced"}
	}
	added, removed := DocumentDiff(v.cur, r.wantPolicy())
	var out []string
	for _, a := range added {
		out = append(out, "+ "+a)
	}
	for _, rm := range removed {
		out = append(out, "- "+rm)
	}
	if len(out) == 0 {
		out = append(out, "the documents grant the same actions on the same resources but differ in conditions or structure")
	}
	return out
}

func (r *run) applyPolicy(ctx context.Context) (steps.Outcome, error) {
	name := r.spec.RAM.Policy
	doc := r.wantPolicy().Compact()
	v, err := r.lookPolicy(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	if !v.exists {
		created, err := r.create(ctx, "CreatePolicy "+name,
			func(ctx context.Context) (bool, error) {
				v, err := r.lookPolicy(ctx)
				return v.exists, err
			},
			func(ctx context.Context) error {
				_, err := r.s.a.RAM().CreatePolicy(ctx, name, doc, PolicyDescription(r.spec))
				return err
			})
		if err != nil {
			return steps.Outcome{}, err
		}
		if created {
			return steps.Outcome{Action: steps.ActionCreate, Summary: fmt.Sprintf("created policy %s", name)}, nil
		}
		if v, err = r.lookPolicy(ctx); err != nil {
			return steps.Outcome{}, err
		}
	}
	if v.same {
		return steps.Outcome{Action: steps.ActionInPlace, Summary: fmt.Sprintf("policy %s grants what the spec needs", name)}, nil
	}
	return r.addPolicyVersion(ctx, doc)
}

// addPolicyVersion makes doc the policy's default version, first deleting
// the oldest non-default version when the policy has as many as RAM keeps.
// CreatePolicyVersion is not idempotent: after a failure that leaves open
// whether it worked, the default document is read before trying again.
func (r *run) addPolicyVersion(ctx context.Context, doc string) (steps.Outcome, error) {
	name := r.spec.RAM.Policy
	var details []string
	var lastErr error
	for n := 1; n <= r.s.opts.Retry.attempts(); n++ {
		vs, err := r.listVersions(ctx)
		if err != nil {
			return steps.Outcome{}, err
		}
		if len(vs) >= MaxPolicyVersions {
			old, ok := oldestNonDefault(vs)
			if !ok {
				return steps.Outcome{}, &BlockedError{Step: r.step, Reason: fmt.Sprintf("policy %s has %d versions and none can be deleted", name, len(vs))}
			}
			err := r.write(ctx, fmt.Sprintf("DeletePolicyVersion %s %s (RAM keeps %d versions)", name, old.ID, MaxPolicyVersions), func(ctx context.Context) error {
				err := r.s.a.RAM().DeletePolicyVersion(ctx, name, old.ID)
				if IsNotFound(err) {
					return nil // gone already: a repeat of a delete that worked
				}
				return err
			})
			if err != nil {
				return steps.Outcome{}, err
			}
			details = append(details, fmt.Sprintf("deleted the oldest non-default version %s: the policy had %d versions, the most RAM keeps", old.ID, len(vs)))
		}
		var made PolicyVersion
		what := "CreatePolicyVersion " + name + " (as default)"
		r.say("%s", what)
		err = r.s.opts.Retry.retry(ctx, callCreate, func(ctx context.Context) error {
			var err error
			made, err = r.s.a.RAM().CreatePolicyVersion(ctx, name, doc, true)
			return err
		}, r.notify(what))
		switch {
		case err == nil:
			return steps.Outcome{Action: steps.ActionChange,
				Summary: fmt.Sprintf("policy %s: version %s is now the default", name, made.ID), Details: details}, nil
		case KindOf(err) == KindLimit:
			lastErr = err // another writer added a version meanwhile: prune again
			continue
		case !ambiguous(err):
			return steps.Outcome{}, err
		}
		lastErr = err
		if serr := sleep(ctx, r.s.opts.Retry.pause(n)); serr != nil {
			return steps.Outcome{}, serr
		}
		v, lerr := r.lookPolicy(ctx)
		if lerr != nil {
			return steps.Outcome{}, lerr
		}
		if v.same {
			return steps.Outcome{Action: steps.ActionChange,
				Summary: fmt.Sprintf("policy %s: version %s is now the default", name, v.pol.DefaultVersion), Details: details}, nil
		}
	}
	return steps.Outcome{}, lastErr
}
