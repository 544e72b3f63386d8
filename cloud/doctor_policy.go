package cloud

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/policy"
)

// trustAdmits reports whether a trust policy's text admits a service
// principal; a document that does not parse admits nobody.
func trustAdmits(text, service string) bool {
	doc, err := policy.Parse(text)
	return err == nil && policy.TrustAdmits(doc, policy.ServiceRequester(service))
}

// rolePolicy is a policy attached to the role, with its default document.
type rolePolicy struct {
	name, typ string
	doc       policy.Document
}

// TableResource is the resource ARN Tablestore checks when MaxCompute
// reads table of instance as the role: the instance name in lowercase,
// whatever its display name. An instance-wide action (ListTable) names the
// table "*".
func TableResource(region, ownerUID, instance, table string) string {
	return "acs:ots:" + region + ":" + ownerUID + ":instance/" + strings.ToLower(instance) + "/table/" + table
}

// attachedPolicies reads every policy attached to the role with its
// default document, custom and system alike.
func (d *doctor) attachedPolicies(ctx context.Context) ([]rolePolicy, []string, error) {
	role := d.r.spec.RAM.Role
	var list []AttachedPolicy
	err := d.r.read(ctx, "ListPoliciesForRole "+role, func(ctx context.Context) error {
		var err error
		list, err = d.r.s.a.RAM().ListPoliciesForRole(ctx, role)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	var out []rolePolicy
	var unreadable []string
	for _, a := range list {
		var p Policy
		err := d.r.read(ctx, "GetPolicy "+a.Name, func(ctx context.Context) error {
			var err error
			if strings.EqualFold(a.Type, policyCustom) {
				p, err = d.r.s.a.RAM().GetPolicy(ctx, a.Name)
			} else {
				p, err = d.r.s.a.RAM().GetSystemPolicy(ctx, a.Name)
			}
			return err
		})
		if err != nil {
			return nil, nil, err
		}
		doc, perr := policy.Parse(p.Document)
		if perr != nil {
			unreadable = append(unreadable, fmt.Sprintf("%s (%v)", a.Name, perr))
			continue
		}
		out = append(out, rolePolicy{name: a.Name, typ: a.Type, doc: doc})
	}
	return out, unreadable, nil
}

func docsOf(ps []rolePolicy) []policy.Document {
	out := make([]policy.Document, len(ps))
	for i, p := range ps {
		out[i] = p.doc
	}
	return out
}

// instanceSegment finds the instance name in a Tablestore resource ARN.
var instanceSegment = regexp.MustCompile(`(?i)(:instance/)([^/]+)`)

// lowerInstances writes every Resource's instance name in lowercase: how
// the policy would read had its author followed Tablestore's rule.
func lowerInstances(d policy.Document) policy.Document {
	out := cloneDocument(d)
	for i, st := range out.Statement {
		for j, r := range st.Resource {
			out.Statement[i].Resource[j] = instanceSegment.ReplaceAllStringFunc(r, strings.ToLower)
		}
	}
	return out
}

// upperInstanceResources lists the Resources that name the instance with
// capital letters.
func upperInstanceResources(ps []rolePolicy, instance string) []string {
	var out []string
	for _, p := range ps {
		for _, st := range p.doc.Statement {
			for _, r := range st.Resource {
				m := instanceSegment.FindStringSubmatch(r)
				if m != nil && strings.EqualFold(m[2], instance) && m[2] != strings.ToLower(m[2]) {
					out = append(out, p.name+": "+r)
				}
			}
		}
	}
	return out
}

// denyingPolicy names the first policy with a Deny statement matching the
// request.
func denyingPolicy(ps []rolePolicy, action, resource string) string {
	for _, p := range ps {
		if policy.Evaluate([]policy.Document{p.doc}, action, resource) == policy.ExplicitDeny {
			return p.name
		}
	}
	return ""
}

// grantingPolicies names the policies that on their own allow the request.
func grantingPolicies(ps []rolePolicy, action, resource string) []string {
	var out []string
	for _, p := range ps {
		if policy.Evaluate([]policy.Document{p.doc}, action, resource).IsAllowed() {
			out = append(out, p.name)
		}
	}
	return out
}

// checkPolicy evaluates the role's attached policies, with the evaluator
// the sandbox uses, for each action MaxCompute calls on the exact resource
// Tablestore checks — the instance name lowercased — so Deny, wildcards and
// the lowercase rule all count.
func (d *doctor) checkPolicy(ctx context.Context) (Check, error) {
	spec := d.r.spec
	want := spec.RAM.Policy
	ps, unreadable, err := d.attachedPolicies(ctx)
	if err != nil {
		return failed(err, FaultRAMDenied)
	}
	uidA := spec.Accounts.Tablestore.UID
	resource := TableResource(spec.Region, uidA, spec.Tablestore.Instance, spec.Tablestore.Table)
	docs := docsOf(ps)
	var denied []string
	for _, a := range steps.PolicyActions(spec.RAM.Access) {
		if a == "ots:ListTable" {
			continue // instance-wide: judged below, as a warning
		}
		if !policy.Evaluate(docs, a, resource).IsAllowed() {
			denied = append(denied, a)
		}
	}
	specAttached := slices.ContainsFunc(ps, func(p rolePolicy) bool {
		return strings.EqualFold(p.typ, policyCustom) && strings.EqualFold(p.name, want)
	})
	if len(denied) > 0 {
		return d.policyBroken(ctx, ps, unreadable, denied, resource, specAttached)
	}

	var granted []string
	for _, p := range ps {
		if len(grantingPolicies([]rolePolicy{p}, "ots:GetRange", resource)) > 0 {
			granted = append(granted, p.name)
		}
	}
	verb := "allows"
	if len(granted) > 1 {
		verb = "allow"
	}
	detail := fmt.Sprintf("%s %s %s on %s", strings.Join(granted, ", "), verb,
		strings.Join(readActions(spec.RAM.Access), ", "), resource)
	if spec.RAM.Access == steps.AccessRead {
		var writes []string
		for _, a := range steps.PolicyActions(steps.AccessReadWrite) {
			if !slices.Contains(steps.PolicyActions(steps.AccessRead), a) && policy.Evaluate(docs, a, resource).IsAllowed() {
				writes = append(writes, a)
			}
		}
		if len(writes) > 0 {
			fix := "detach the policy that grants them, or narrow it to the read actions"
			if specAttached {
				fix = d.orWizard(steps.PolicyVersionCommand(spec))
			}
			return warn(FaultWriteAccess, fmt.Sprintf("%s; the role may also write: %s (granted by %s)", detail,
				strings.Join(writes, ", "), strings.Join(grantingPolicies(ps, writes[0], resource), ", ")), fix), nil
		}
	}
	instanceWide := TableResource(spec.Region, uidA, spec.Tablestore.Instance, "*")
	if !policy.Evaluate(docs, "ots:ListTable", instanceWide).IsAllowed() {
		fix := "grant ots:ListTable on " + instanceWide
		if specAttached {
			fix = d.orWizard(steps.PolicyVersionCommand(spec))
		}
		return warn(FaultOTSDenied, detail+"; but not ots:ListTable on "+instanceWide+", which MaxCompute may call", fix), nil
	}
	return ok(detail), nil
}

// readActions are the actions checked on the table (ListTable apart).
func readActions(a steps.Access) []string {
	var out []string
	for _, x := range steps.PolicyActions(a) {
		if x != "ots:ListTable" {
			out = append(out, x)
		}
	}
	return out
}

// policyBroken says why the role may not do some of what MaxCompute needs,
// most specific cause first: an explicit Deny, the wizard's policy missing
// or unattached, a Resource with a capitalised instance, or missing actions.
func (d *doctor) policyBroken(ctx context.Context, ps []rolePolicy, unreadable, denied []string, resource string, specAttached bool) (Check, error) {
	spec := d.r.spec
	role, want := spec.RAM.Role, spec.RAM.Policy
	what := fmt.Sprintf("%s on %s", strings.Join(denied, ", "), resource)
	if len(unreadable) > 0 {
		what += fmt.Sprintf(" (policies that could not be read: %s)", strings.Join(unreadable, "; "))
	}
	if p := denyingPolicy(ps, denied[0], resource); p != "" {
		return broken(FaultExplicitDeny, fmt.Sprintf("policy %s attached to role %s denies %s", p, role, what),
			fmt.Sprintf("remove the Deny statement for %s from policy %s (or detach it from role %s)", denied[0], p, role)), nil
	}
	if !specAttached {
		v, err := d.r.lookPolicy(ctx)
		if err != nil {
			return failed(err, FaultRAMDenied)
		}
		if !v.exists {
			return broken(FaultPolicyNotAttached,
				fmt.Sprintf("policy %s does not exist in account A, and no policy attached to role %s allows %s", want, role, what),
				d.orWizard(d.cli(steps.StepPolicy)+"\n"+d.cli(steps.StepAttachment))), nil
		}
		return broken(FaultPolicyNotAttached,
			fmt.Sprintf("policy %s is not attached to role %s, and no attached policy allows %s", want, role, what),
			d.orWizard(d.cli(steps.StepAttachment))), nil
	}
	fix := d.orWizard(steps.PolicyVersionCommand(spec))
	if policy.Evaluate(lowerAll(ps), denied[0], resource).IsAllowed() {
		return broken(FaultResourceCase,
			fmt.Sprintf("no attached policy allows %s; these Resources name the instance with capital letters: %s", what, strings.Join(upperInstanceResources(ps, spec.Tablestore.Instance), "; ")),
			fix), nil
	}
	if others := otherGrantedTables(ps, spec, denied[0]); len(others) > 0 {
		// The policy reads another table: the spec may name the wrong
		// instance or table, and a new version would move the grant there.
		fix = fmt.Sprintf("if the spec's %s is the mistake (the attached policies grant %s), correct tablestore.instance and tablestore.table in the spec and check again; otherwise:\n%s",
			spec.Tablestore.Instance+"/"+spec.Tablestore.Table, strings.Join(others, ", "), fix)
	}
	return broken(FaultOTSDenied, fmt.Sprintf("no policy attached to role %s allows %s", role, what), fix), nil
}

// otherGrantedTables lists the tables of account A in the spec's region,
// as instance/table, other than the spec's, that the attached policies
// name and allow action on.
func otherGrantedTables(ps []rolePolicy, spec steps.Spec, action string) []string {
	prefix := strings.TrimSuffix(TableResource(spec.Region, spec.Accounts.Tablestore.UID, "x", "y"), "x/table/y")
	want := strings.ToLower(spec.Tablestore.Instance) + "/table/" + spec.Tablestore.Table
	docs := docsOf(ps)
	var out []string
	for _, p := range ps {
		for _, st := range p.doc.Statement {
			for _, r := range st.Resource {
				rest, ok := strings.CutPrefix(r, prefix)
				inst, table, isTable := strings.Cut(rest, "/table/")
				if !ok || !isTable || inst == "" || table == "" || strings.ContainsAny(rest, "*?") || strings.Contains(table, "/") || rest == want {
					continue
				}
				name := inst + "/" + table
				if !slices.Contains(out, name) && policy.Evaluate(docs, action, prefix+rest).IsAllowed() {
					out = append(out, name)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func lowerAll(ps []rolePolicy) []policy.Document {
	out := make([]policy.Document, len(ps))
	for i, p := range ps {
		out[i] = lowerInstances(p.doc)
	}
	return out
}
