package cloud

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/mcots/wizard/steps"
)

// RemovalKind is the kind of object destroy removes or keeps. The order of
// the constants is the safe order of removal: nothing is removed while
// something that depends on it remains.
type RemovalKind int

// Removal kinds, in the order destroy removes them.
const (
	RemoveExternalTable  RemovalKind = iota + 1 // the external table in B (DROP TABLE)
	RemoveAttachment                            // the policy's attachment to the role
	RemovePolicyVersion                         // a non-default version of the policy
	RemovePolicy                                // the custom policy
	RemoveTrustPrincipal                        // the wizard's principal in a role it did not create
	RemoveRole                                  // the role
	RemoveTable                                 // the Tablestore table, with its rows
	RemoveInstance                              // the Tablestore instance
)

func (k RemovalKind) String() string {
	switch k {
	case RemoveExternalTable:
		return "external table"
	case RemoveAttachment:
		return "policy attachment"
	case RemovePolicyVersion:
		return "policy version"
	case RemovePolicy:
		return "policy"
	case RemoveTrustPrincipal:
		return "trust principal"
	case RemoveRole:
		return "role"
	case RemoveTable:
		return "Tablestore table"
	case RemoveInstance:
		return "Tablestore instance"
	}
	return fmt.Sprintf("RemovalKind(%d)", int(k))
}

// Step is the step whose work a removal of this kind undoes.
func (k RemovalKind) Step() steps.StepID {
	switch k {
	case RemoveExternalTable:
		return steps.StepExternalTable
	case RemoveAttachment:
		return steps.StepAttachment
	case RemovePolicyVersion, RemovePolicy:
		return steps.StepPolicy
	case RemoveTrustPrincipal, RemoveRole:
		return steps.StepRole
	case RemoveTable:
		return steps.StepTable
	}
	return steps.StepInstance
}

// Removal is one object destroy removes, or keeps: what, where, and why —
// the wizard's mark that was found, or why it stays.
type Removal struct {
	Kind  RemovalKind
	Name  string // "vehicle_track_ext", "AliyunODPSRolePolicyForOtherUser version v2", …
	Where string // "project demo_project of account B 2222…", "account A 1111…", …
	Why   string
	// target is what the removal call names when Name does not: a policy
	// version's ID, a trust principal.
	target string
}

func (r Removal) String() string {
	return fmt.Sprintf("%s %s in %s: %s", r.Kind, r.Name, r.Where, r.Why)
}

// DestroyOptions tune a destroy plan.
type DestroyOptions struct {
	// IncludeData lets destroy remove the Tablestore table and instance the
	// wizard created, with every row in them.
	IncludeData bool
}

// DestroyPlan is what destroy would do: Remove in the safe order, and Keep,
// what it found but leaves alone, with the reason.
type DestroyPlan struct {
	// Spec is the spec with the account UIDs the credentials showed.
	Spec        steps.Spec
	IncludeData bool
	Remove      []Removal
	Keep        []Removal
}

// Empty reports whether there is nothing to remove.
func (p DestroyPlan) Empty() bool { return len(p.Remove) == 0 }

// planner builds a destroy plan from observations.
type planner struct {
	r    *run
	opts DestroyOptions
	plan DestroyPlan
}

func (p *planner) remove(kind RemovalKind, name, where, why string) {
	p.plan.Remove = append(p.plan.Remove, Removal{Kind: kind, Name: name, Where: where, Why: why})
}

func (p *planner) keep(kind RemovalKind, name, where, why string) {
	p.plan.Keep = append(p.plan.Keep, Removal{Kind: kind, Name: name, Where: where, Why: why})
}

// markWhy names the mark found in a description.
const markWhy = "its description starts with \"" + MarkPrefix + "\""

// PlanDestroy observes both accounts and lists what the wizard created for
// spec (by its marks) in the order destroy removes it.
func (s *session) PlanDestroy(ctx context.Context, spec steps.Spec, opts DestroyOptions) (DestroyPlan, error) {
	p := &planner{r: s.newRun(spec, steps.StepIdentities, nil), opts: opts}
	if err := p.learnAccounts(ctx); err != nil {
		return DestroyPlan{}, err
	}
	p.plan.Spec, p.plan.IncludeData = p.r.spec, opts.IncludeData
	for _, look := range []func(context.Context) error{p.external, p.ram, p.data} {
		if err := look(ctx); err != nil {
			return DestroyPlan{}, err
		}
	}
	slices.SortStableFunc(p.plan.Remove, func(a, b Removal) int { return int(a.Kind) - int(b.Kind) })
	return p.plan, nil
}

// learnAccounts asks who both keys belong to: the principal destroy looks
// for is B's, the objects are A's. Keys of other accounts than the spec
// names stop it before it looks at anything.
func (p *planner) learnAccounts(ctx context.Context) error {
	out, err := p.r.observeIdentities(ctx)
	if err != nil {
		return err
	}
	got := out.Discovered
	for _, x := range []struct {
		side      string
		spec, key string
		into      *string
	}{
		{"A (Tablestore)", p.r.spec.Accounts.Tablestore.UID, got.TablestoreUID, &p.r.spec.Accounts.Tablestore.UID},
		{"B (MaxCompute)", p.r.spec.Accounts.MaxCompute.UID, got.MaxComputeUID, &p.r.spec.Accounts.MaxCompute.UID},
	} {
		if x.spec != "" && x.spec != x.key {
			return fmt.Errorf("the key of account %s belongs to account %s, but the spec says %s: destroy removes nothing from an account the spec does not name", x.side, x.key, x.spec)
		}
		*x.into = x.key
	}
	return nil
}

func (p *planner) whereA() string { return "account A " + p.r.spec.Accounts.Tablestore.UID }

func (p *planner) external(ctx context.Context) error {
	project, name := p.r.spec.MaxCompute.Project, p.r.spec.ExternalTable.Name
	v, err := p.r.lookExternal(ctx)
	if err != nil || !v.exists {
		if IsNotFound(err) {
			return nil // no project: nothing in it to remove
		}
		return err
	}
	where := fmt.Sprintf("project %s of account B %s", project, p.r.spec.Accounts.MaxCompute.UID)
	switch {
	case v.foreign:
		p.keep(RemoveExternalTable, name, where, "not a Tablestore external table: not created by the wizard")
	case !strings.EqualFold(v.table.Comment, ExternalTableComment):
		p.keep(RemoveExternalTable, name, where, "not created by the wizard: its COMMENT is not '"+ExternalTableComment+"'")
	default:
		p.remove(RemoveExternalTable, name, where, "its COMMENT is '"+ExternalTableComment+"'")
	}
	return nil
}

func (p *planner) ram(ctx context.Context) error {
	r := p.r
	roleName, polName := r.spec.RAM.Role, r.spec.RAM.Policy
	rv, err := r.lookRole(ctx)
	if err != nil {
		return err
	}
	pv, err := r.lookPolicy(ctx)
	if err != nil {
		return err
	}
	var attached []AttachedPolicy
	if rv.exists {
		err := r.read(ctx, "ListPoliciesForRole "+roleName, func(ctx context.Context) error {
			var err error
			attached, err = r.s.a.RAM().ListPoliciesForRole(ctx, roleName)
			return err
		})
		if err != nil && !IsNotFound(err) {
			return err
		}
	}
	roleMarked := rv.exists && HasMark(rv.role.Description)
	polMarked := pv.exists && HasMark(pv.pol.Description)
	isSpecPolicy := func(a AttachedPolicy) bool {
		return strings.EqualFold(a.Type, policyCustom) && strings.EqualFold(a.Name, polName)
	}
	specAttached := slices.ContainsFunc(attached, isSpecPolicy)
	where := p.whereA()

	// The attachment: the wizard's, when it made the policy or the role.
	detach := specAttached && (polMarked || roleMarked)
	attachment := fmt.Sprintf("policy %s on role %s", polName, roleName)
	switch {
	case detach && polMarked:
		p.remove(RemoveAttachment, attachment, where, "the policy was created by the wizard ("+markWhy+")")
	case detach:
		p.remove(RemoveAttachment, attachment, where, "the role was created by the wizard ("+markWhy+")")
	case specAttached:
		p.keep(RemoveAttachment, attachment, where, "neither the policy nor the role was created by the wizard")
	}

	if pv.exists {
		if err := p.policy(ctx, pv, detach); err != nil {
			return err
		}
	}
	if !rv.exists {
		return nil
	}
	if roleMarked {
		var foreign []string
		for _, a := range attached {
			if !(detach && isSpecPolicy(a)) {
				foreign = append(foreign, a.Name)
			}
		}
		if len(foreign) > 0 {
			p.keep(RemoveRole, roleName, where, fmt.Sprintf("created by the wizard, but it holds policies the wizard did not attach (%s); detach them first, then run destroy again", strings.Join(foreign, ", ")))
			return nil
		}
		p.remove(RemoveRole, roleName, where, markWhy)
		return nil
	}
	p.trustPrincipal(rv)
	p.keep(RemoveRole, roleName, where, "not created by the wizard")
	return nil
}

// policy plans the removal of the wizard's policy: its other versions
// first (RAM deletes only a policy without them), unless someone else
// attached it too.
func (p *planner) policy(ctx context.Context, pv policyView, detaching bool) error {
	name, where := p.r.spec.RAM.Policy, p.whereA()
	if !HasMark(pv.pol.Description) {
		p.keep(RemovePolicy, name, where, "not created by the wizard")
		return nil
	}
	others := pv.pol.AttachmentCount
	if detaching {
		others--
	}
	if others > 0 {
		p.keep(RemovePolicy, name, where, fmt.Sprintf("created by the wizard, but attached to %d other role(s), user(s) or group(s)", others))
		return nil
	}
	vs, err := p.r.listVersions(ctx)
	if err != nil && !IsNotFound(err) {
		return err
	}
	for _, v := range vs {
		if !v.IsDefault {
			p.plan.Remove = append(p.plan.Remove, Removal{Kind: RemovePolicyVersion, Name: name + " version " + v.ID, Where: where,
				Why: "a version of the wizard's policy (RAM deletes a policy only without its other versions)", target: v.ID})
		}
	}
	p.remove(RemovePolicy, name, where, markWhy)
	return nil
}

// trustPrincipal plans taking the wizard's principal out of a role the
// wizard did not create — only when the role's description records that
// the wizard added it, and only that principal.
func (p *planner) trustPrincipal(rv roleView) {
	principal, roleName := p.r.principal(), p.r.spec.RAM.Role
	if !hasPrincipal(rv.trust, principal) {
		return
	}
	what := fmt.Sprintf("%s in role %s's trust policy", principal, roleName)
	recorded := slices.ContainsFunc(AddedPrincipals(rv.role.Description), func(s string) bool { return strings.EqualFold(s, principal) })
	switch {
	case !recorded:
		p.keep(RemoveTrustPrincipal, what, p.whereA(), "the role's description does not record that the wizard added it")
	case len(WithoutTrustPrincipal(rv.trust, principal).Statement) == 0:
		p.keep(RemoveTrustPrincipal, what, p.whereA(), "it is the only principal of the trust policy, which RAM cannot leave empty")
	default:
		p.plan.Remove = append(p.plan.Remove, Removal{Kind: RemoveTrustPrincipal, Name: what, Where: p.whereA(),
			Why: "the role's description records that the wizard added it: " + AddedPrincipalNote(principal), target: principal})
	}
}

// instanceMarked reports whether an instance carries the wizard's mark, in
// its description or its tag.
func instanceMarked(inst Instance) bool {
	return HasMark(inst.Description) || inst.Tags[MarkTagKey] == MarkTagValue
}

// instanceNamesTable reports whether the wizard's mark on an instance names
// the table as one the wizard created in it.
func instanceNamesTable(inst Instance, table string) bool {
	return HasMark(inst.Description) && strings.Contains(inst.Description, "(table "+table+")")
}

func (p *planner) data(ctx context.Context) error {
	r := p.r
	t, region := r.spec.Tablestore, r.spec.Region
	inst, found, err := r.lookInstance(ctx)
	if err != nil || !found || inst.Status == InstanceDeleting {
		return err
	}
	where := fmt.Sprintf("instance %s in %s, account A %s", inst.Name, region, r.spec.Accounts.Tablestore.UID)
	instWhere := fmt.Sprintf("%s, account A %s", region, r.spec.Accounts.Tablestore.UID)
	marked := instanceMarked(inst)
	if inst.Status != InstanceRunning {
		if marked {
			p.keep(RemoveInstance, inst.Name, instWhere, fmt.Sprintf("created by the wizard, but %s; run destroy again when it runs", inst.Status))
		}
		return nil
	}
	tv, err := r.lookTable(ctx)
	if err != nil {
		return err
	}
	tableOurs := tv.exists && instanceNamesTable(inst, t.Table)
	if !p.opts.IncludeData {
		const kept = "created by the wizard; data stays unless destroy runs with --include-data"
		if tableOurs {
			p.keep(RemoveTable, t.Table, where, kept)
		}
		if marked {
			p.keep(RemoveInstance, inst.Name, instWhere, kept)
		}
		return nil
	}
	switch {
	case tableOurs:
		p.remove(RemoveTable, t.Table, where, "the instance carries the wizard's mark and names this table: \""+inst.Description+"\"")
	case tv.exists:
		p.keep(RemoveTable, t.Table, where, "not created by the wizard")
	}
	if !marked {
		p.keep(RemoveInstance, inst.Name, instWhere, "not created by the wizard")
		return nil
	}
	var names []string
	err = r.read(ctx, "ListTable", func(ctx context.Context) error {
		var err error
		names, err = r.tables().ListTables(ctx)
		return err
	})
	if err != nil {
		return err
	}
	others := slices.DeleteFunc(names, func(n string) bool { return tableOurs && n == t.Table })
	if len(others) > 0 {
		slices.Sort(others)
		p.keep(RemoveInstance, inst.Name, instWhere, "created by the wizard, but it holds tables the wizard did not create: "+strings.Join(others, ", "))
		return nil
	}
	why := markWhy
	if !HasMark(inst.Description) {
		why = "its tag " + MarkTagKey + "=" + MarkTagValue
	}
	p.remove(RemoveInstance, inst.Name, instWhere, why)
	return nil
}
