package cloud

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/steps/odpssql"
)

// doctor is one doctor run: it walks the links in order through the same
// observations the steps make, and never writes.
type doctor struct {
	r      *run // the spec it observes, with the UIDs the credentials showed
	opts   DoctorOptions
	checks map[LinkID]Check

	// What earlier links found, for the links after them.
	role  roleView
	table TableMeta
	def   *externalDef
}

// Doctor checks an existing setup link by link, read-only, and reports
// each link's verdict with the catalogue's cause and the exact fix. onCheck
// (nil allowed) hears of each link as soon as it is judged. A failing
// service call is a broken link, not an error: the error is only ctx's,
// when it ends.
func (s *session) Doctor(ctx context.Context, spec steps.Spec, opts DoctorOptions, onCheck func(Check)) (DoctorReport, error) {
	opts.Apply = ApplyCommand(opts.Apply, opts.SpecPath)
	if opts.DDLName == "" {
		opts.DDLName = "<ddl>"
	}
	if opts.VerifyTimeout <= 0 {
		opts.VerifyTimeout = DefaultVerifyTimeout
	}
	d := &doctor{r: s.newRun(spec, steps.StepIdentities, nil), opts: opts, checks: map[LinkID]Check{}}
	var report DoctorReport
	for _, l := range Links() {
		if err := ctx.Err(); err != nil {
			return report, err
		}
		start := time.Now()
		c, err := d.check(ctx, l)
		if err != nil {
			return report, err
		}
		c.Link = l
		if c.Verdict != VerdictSkipped {
			c.Took = time.Since(start)
		}
		c = d.specFirst(c)
		d.checks[l] = c
		report.Checks = append(report.Checks, c)
		if onCheck != nil {
			onCheck(c)
		}
	}
	report.AccountA, report.AccountB = d.r.spec.Accounts.Tablestore.UID, d.r.spec.Accounts.MaxCompute.UID
	return report, nil
}

// specFirst puts the spec first in the fix of a DDL link broken only by a
// name the spec gets wrong: when the spec's instance or table does not
// exist, the DDL that names another is likely right and the spec wrong, and
// re-creating the external table after the spec would break what works.
func (d *doctor) specFirst(c Check) Check {
	if c.Verdict != VerdictBroken || (c.Link != LinkLocation && c.Link != LinkExternalTable) {
		return c
	}
	for _, x := range []struct {
		link  LinkID
		fault Fault
		field string
		code  string // the finding that compares the DDL with that name
	}{
		{LinkInstance, FaultInstanceAbsent, "tablestore.instance", "location-instance"},
		{LinkTable, FaultTableMissing, "tablestore.table", "table-mismatch"},
	} {
		named := d.checks[x.link]
		if named.Verdict != VerdictBroken || named.Fault != x.fault || d.def == nil ||
			!slices.ContainsFunc(d.def.byLink[c.Link], func(f odpssql.Finding) bool { return f.Code == x.code }) {
			continue
		}
		c.SpecFirst = true
		c.Fix = fmt.Sprintf("first check %s in the spec: it names what does not exist, while the DDL names what does (see the %s link); correct the spec and check again. Only if the spec is right:\n%s",
			x.field, x.link, c.Fix)
		return c
	}
	return c
}

// ApplyCommand is the command a fix names, as it would be typed: prefix
// (empty: wizard apply) with -f and the spec's path quoted for a shell, or
// SPEC when there is no file (empty, or "-" for standard input).
func ApplyCommand(prefix, specPath string) string {
	if prefix == "" {
		prefix = "wizard apply"
	}
	if specPath == "" || specPath == "-" {
		return prefix + " -f SPEC"
	}
	return prefix + " -f " + steps.ShellCommand(specPath)
}

// pasted reports whether doctor checks a pasted DDL rather than the
// external table in account B.
func (d *doctor) pasted() bool { return d.opts.DDL != "" }

// check judges one link, or skips it when a link it needs does not hold.
// The error is only a cancellation.
func (d *doctor) check(ctx context.Context, l LinkID) (Check, error) {
	needs := l.needs()
	if d.pasted() && l == LinkExternalTable {
		needs = nil // a pasted DDL needs no project
	}
	for _, n := range needs {
		if n == LinkExternalTable && l != LinkVerify && d.def != nil {
			continue // a definition was found: its faults are judged at their own links
		}
		if !d.checks[n].Verdict.Holds() {
			return Check{Verdict: VerdictSkipped, Needs: n, Detail: "skipped (needs " + n.String() + ")"}, nil
		}
	}
	switch l {
	case LinkCredentialsA:
		return d.credentials(ctx, steps.SideTablestore)
	case LinkCredentialsB:
		return d.credentials(ctx, steps.SideMaxCompute)
	case LinkProject:
		return d.checkProject(ctx)
	case LinkRole:
		return d.checkRole(ctx)
	case LinkTrust:
		return d.checkTrust(), nil
	case LinkPolicy:
		return d.checkPolicy(ctx)
	case LinkInstance:
		return d.checkInstance(ctx)
	case LinkTable:
		return d.checkTable(ctx)
	case LinkExternalTable:
		return d.checkExternalTable(ctx)
	case LinkLocation:
		return d.checkLocation(), nil
	case LinkMapping:
		return d.checkMapping(), nil
	case LinkRoleARN:
		return d.checkRoleARN(ctx)
	case LinkVerify:
		return d.checkVerify(ctx)
	}
	return Check{}, fmt.Errorf("doctor: there is no link %s", l)
}

// ok, warn and broken build checks; a warning or a broken link carries the
// fault's wording from the catalogue, and fix replaces the catalogue's
// generic fix when doctor knows the exact one.
func ok(detail string) Check { return Check{Verdict: VerdictOK, Detail: detail} }

func warn(f Fault, detail, fix string) Check {
	c := broken(f, detail, fix)
	c.Verdict = VerdictWarning
	return c
}

func broken(f Fault, detail, fix string) Check {
	c := Check{Verdict: VerdictBroken, Detail: detail, Fault: f}
	if diag, found := f.Diagnosis(); found {
		c.Cause, c.Fix = diag.Cause, diag.Fix
	}
	if fix != "" {
		c.Fix = fix
	}
	return c
}

// failed turns a failed call into a broken link, with the catalogue's
// diagnosis of the error when it has one (an unreachable endpoint, a
// credential source that gives no key, a service's code it knows). The
// error's text is kept whole: the service's code, message and request id.
// Without a diagnosis, fallback stands in for a refusal the catalogue does
// not name; a transient failure (throttled, busy, a 5xx) says nothing about
// the link, and neither does any failure when fallback is FaultNone. A
// cancellation is returned as the error.
func failed(err error, fallback Fault) (Check, error) {
	kind := KindOf(err)
	if kind == KindCanceled {
		return Check{}, err
	}
	if diag, found := DiagnosisOf(err); found {
		c := broken(diag.Fault, err.Error(), "")
		c.Cause, c.Fix = diag.Cause, diag.Fix
		return c, nil
	}
	switch {
	case kind.Transient():
		return Check{Verdict: VerdictBroken, Detail: err.Error(),
			Cause: fmt.Sprintf("the service could not serve the call just now (%s), so the link could not be judged", kind),
			Fix:   "run doctor again in a while"}, nil
	case fallback == FaultNone:
		return Check{Verdict: VerdictBroken, Detail: err.Error(),
			Cause: "the catalogue does not know this failure: the service's own message above says what is wrong",
			Fix:   "fix what the message names, then run doctor again"}, nil
	}
	return broken(fallback, err.Error(), ""), nil
}

// orWizard adds the wizard's own repair to a command: apply makes the
// minimal change and never clobbers.
func (d *doctor) orWizard(cmd string) string {
	w := d.opts.Apply
	if cmd == "" {
		return w
	}
	return cmd + "\nor: " + w
}

// cli is the command the steps print for a step of the spec.
func (d *doctor) cli(step steps.StepID) string {
	for _, c := range steps.CLICommands(d.r.spec) {
		if c.Step == step {
			return c.Command
		}
	}
	return ""
}

func (d *doctor) credentials(ctx context.Context, side steps.AccountSide) (Check, error) {
	id, err := d.r.s.Identify(ctx, side)
	if err != nil {
		// No guess: an unknown key, a wrong secret, an unreachable endpoint
		// and a source that gives no key each have their own diagnosis.
		return failed(err, FaultNone)
	}
	acct, name, flag := &d.r.spec.Accounts.Tablestore, "A", "--profile-a"
	field := "accounts.tablestore.uid"
	if side == steps.SideMaxCompute {
		acct, name, flag = &d.r.spec.Accounts.MaxCompute, "B", "--profile-b"
		field = "accounts.maxcompute.uid"
	}
	detail := fmt.Sprintf("account %s (%s, %s)", id.AccountUID, id.ARN, id.Type)
	if acct.UID != "" && acct.UID != id.AccountUID {
		return broken(FaultWrongAccount,
			fmt.Sprintf("the key belongs to account %s, but the spec says account %s is %s", id.AccountUID, name, acct.UID),
			fmt.Sprintf("set %s in the spec to %s, or use account %s's key (%s PROFILE)", field, id.AccountUID, acct.UID, flag)), nil
	}
	acct.UID = id.AccountUID
	if id.IsRoot() {
		return warn(FaultRootKey, detail+": the account's root AccessKey", ""), nil
	}
	return ok(detail), nil
}

func (d *doctor) checkProject(ctx context.Context) (Check, error) {
	name, region := d.r.spec.MaxCompute.Project, d.r.spec.Region
	p, found, err := d.r.lookProject(ctx)
	switch {
	case err != nil:
		return failed(err, FaultProjectMissing)
	case !found:
		return broken(FaultProjectMissing, fmt.Sprintf("account B has no project %s in %s", name, region),
			fmt.Sprintf("create project %s in the MaxCompute console in %s, or set maxcompute.project in the spec to an existing project", name, region)), nil
	case !projectUsable(p):
		return broken(FaultProjectUnavailable, fmt.Sprintf("project %s is %s", name, p.State), ""), nil
	}
	detail := "project " + name
	if p.Owner != "" {
		detail += " (owner " + p.Owner + ")"
	}
	if p.Region != "" && p.Region != region {
		return warn(FaultRegionMismatch, fmt.Sprintf("%s is in %s, the spec says %s", detail, p.Region, region),
			fmt.Sprintf("set region in the spec to %s if the instance is there too", p.Region)), nil
	}
	return ok(detail), nil
}

func (d *doctor) checkRole(ctx context.Context) (Check, error) {
	v, err := d.r.lookRole(ctx)
	if err != nil {
		return failed(err, FaultRAMDenied)
	}
	d.role = v
	name := d.r.spec.RAM.Role
	if !v.exists {
		detail := fmt.Sprintf("account A (%s) has no role %s", d.r.spec.Accounts.Tablestore.UID, name)
		fix := d.orWizard(d.cli(steps.StepRole))
		cands, err := d.roleCandidates(ctx, name)
		if KindOf(err) == KindCanceled {
			return Check{}, err
		}
		if len(cands) > 0 {
			detail += "; " + candidates(cands)
			fix = "set ram.role in the spec to " + cands[0] + "\nor create the role: " + fix
		}
		return broken(FaultRoleAbsent, detail, fix), nil
	}
	return ok(fmt.Sprintf("role %s (%s)", v.role.Name, v.role.ARN)), nil
}

// roleCandidates lists account A's roles, other than skip, whose trust
// policy admits MaxCompute of account B — the roles a DDL may have meant —
// as their ARNs write them (lowercase). When none trusts it, roles with
// "odps" in their name stand in.
func (d *doctor) roleCandidates(ctx context.Context, skip string) ([]string, error) {
	var roles []Role
	err := d.r.read(ctx, "ListRoles", func(ctx context.Context) error {
		var err error
		roles, err = d.r.s.a.RAM().ListRoles(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	trusting, named := []string{}, []string{}
	for _, role := range roles {
		if strings.EqualFold(role.Name, skip) {
			continue
		}
		// The role's own name: the spec takes it as it is (an ARN is
		// what wants it in lower case).
		if trustAdmits(role.TrustPolicy, d.r.principal()) {
			trusting = append(trusting, role.Name)
		} else if strings.Contains(strings.ToLower(role.Name), "odps") {
			named = append(named, role.Name)
		}
	}
	if len(trusting) > 0 {
		slices.Sort(trusting)
		return trusting, nil
	}
	slices.Sort(named)
	return named, nil
}

// candidates says which roles a missing one may have meant, as field
// report B1 words it.
func candidates(names []string) string {
	if len(names) == 1 {
		return "existing candidate: " + names[0]
	}
	return "existing candidates: " + strings.Join(names, ", ")
}

func (d *doctor) checkTrust() Check {
	v, p := d.role, d.r.principal()
	name := d.r.spec.RAM.Role
	switch {
	case v.blocked != nil:
		return broken(FaultTrust, v.blocked.Summary, "")
	case v.admits:
		return ok(fmt.Sprintf("role %s trusts %s", name, p))
	}
	others := TrustPrincipals(v.trust)
	detail := fmt.Sprintf("role %s trusts %s, not %s", name, listOrNone(others), p)
	uidA := d.r.spec.Accounts.Tablestore.UID
	for _, o := range others {
		switch {
		case strings.EqualFold(o, "odps.aliyuncs.com") && !d.r.spec.SameAccount():
			detail = fmt.Sprintf("role %s trusts odps.aliyuncs.com, which admits only MaxCompute of account A itself; across accounts it must name %s", name, p)
		case uidA != "" && strings.EqualFold(o, uidA+"@odps.aliyuncs.com") && !d.r.spec.SameAccount():
			detail = fmt.Sprintf("role %s trusts %s — account A's UID; MaxCompute of account B is %s", name, o, p)
		}
	}
	return broken(FaultTrust, detail, d.orWizard(steps.UpdateTrustCommand(d.r.spec, v.merged)))
}

func listOrNone(l []string) string {
	if len(l) == 0 {
		return "no principal"
	}
	return strings.Join(l, ", ")
}

func (d *doctor) checkInstance(ctx context.Context) (Check, error) {
	t, region := d.r.spec.Tablestore, d.r.spec.Region
	inst, found, err := d.r.lookInstance(ctx)
	if err != nil {
		return failed(err, FaultRAMDenied)
	}
	if !found {
		detail := fmt.Sprintf("account A has no instance %s in %s", t.Instance, region)
		fix := d.orWizard(d.cli(steps.StepInstance))
		var list []Instance
		err := d.r.read(ctx, "ListInstance", func(ctx context.Context) error {
			var err error
			list, err = d.r.instances().ListInstances(ctx)
			return err
		})
		if KindOf(err) == KindCanceled {
			return Check{}, err
		}
		var names []string
		for _, in := range list {
			names = append(names, in.Name)
		}
		if len(names) > 0 {
			slices.Sort(names)
			detail += "; it has " + strings.Join(names, ", ")
			fix = "set tablestore.instance in the spec to " + oneOf(names) + "\nor create it: " + fix
		}
		return broken(FaultInstanceAbsent, detail, fix), nil
	}
	detail := fmt.Sprintf("instance %s in %s: %s, %s, network %s", inst.Name, region, inst.Status, inst.ClusterType, inst.Network)
	if inst.Status != InstanceRunning {
		return broken(FaultInstanceNotRunning, detail, ""), nil
	}
	vpcOnly := strings.EqualFold(inst.Network, string(steps.NetworkVPC)) || strings.EqualFold(inst.Network, string(steps.NetworkVPCConsole))
	if vpcOnly && d.r.spec.ExternalTable.Endpoint != steps.EndpointVPC {
		return broken(FaultVPCOnly,
			fmt.Sprintf("instance %s accepts requests only from its bound VPC (network %s): MaxCompute cannot reach it over the %s endpoint", inst.Name, inst.Network, d.r.spec.ExternalTable.Endpoint),
			steps.OpenNetworkCommand(d.r.spec)+"\nor: the instance's network settings in the Tablestore console"), nil
	}
	return ok(detail), nil
}

func oneOf(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return "one of: " + strings.Join(names, ", ")
}

func (d *doctor) checkTable(ctx context.Context) (Check, error) {
	t := d.r.spec.Tablestore
	v, err := d.r.lookTable(ctx)
	if err != nil {
		return failed(err, FaultOTSDenied)
	}
	if !v.exists {
		detail := fmt.Sprintf("instance %s has no table %s", t.Instance, t.Table)
		fix := d.orWizard(d.cli(steps.StepTable))
		var names []string
		err := d.r.read(ctx, "ListTable", func(ctx context.Context) error {
			var err error
			names, err = d.r.tables().ListTables(ctx)
			return err
		})
		if KindOf(err) == KindCanceled {
			return Check{}, err
		}
		if len(names) > 0 {
			slices.Sort(names)
			detail += "; it has " + strings.Join(names, ", ")
			fix = "set tablestore.table in the spec to " + oneOf(names) + "\nor create it: " + fix
		}
		return broken(FaultTableMissing, detail, fix), nil
	}
	if b := d.r.keyMismatch(v.meta); b != nil {
		return broken(FaultKeyMismatch, b.Reason, b.Fix), nil
	}
	d.table = v.meta
	return ok(fmt.Sprintf("table %s, primary key (%s)", v.meta.Name, keyText(v.meta.PrimaryKey))), nil
}

// recreate is how to replace a broken external table in account B: the
// wizard drops and re-creates it from the spec, with consent.
func (d *doctor) recreate(fix string) string {
	if d.pasted() {
		return fix
	}
	again := "then re-create the external table: " + d.opts.Apply + " --replace-external-table"
	if fix == "" {
		return again
	}
	return fix + "\n" + again
}

func (d *doctor) checkVerify(ctx context.Context) (Check, error) {
	if d.pasted() {
		return Check{Verdict: VerdictSkipped, Detail: "skipped: doctor checks the pasted DDL and creates nothing, so there is no table to query"}, nil
	}
	spec := d.r.spec
	spec.ExternalTable.Name = d.def.table.Name
	if m, mapped := d.def.mapping(); mapped {
		spec.ExternalTable.Mapping = m
	}
	vctx, cancel := context.WithTimeout(ctx, d.opts.VerifyTimeout)
	defer cancel()
	out, err := d.r.s.newRun(spec, steps.StepVerify, nil).verify(vctx)
	query := strings.TrimSpace(steps.VerificationQuery(spec))
	switch {
	case ctx.Err() != nil:
		return Check{}, ctx.Err()
	case err != nil && vctx.Err() != nil:
		return broken(FaultVerify, fmt.Sprintf("%s did not finish within %s", query, d.opts.VerifyTimeout),
			"check the project's quota and jobs in the MaxCompute console, then run doctor again"), nil
	case err != nil:
		c, _ := failed(err, FaultVerify)
		c.Detail = query + "\n" + c.Detail
		return c, nil
	}
	for _, det := range out.Details {
		if q, found := strings.CutPrefix(det, "query: "); found {
			query = q
		}
	}
	n := max(len(out.Rows)-1, 0)
	if n == 0 {
		return warn(FaultVerify, query+" ran and returned no rows: the table is empty, or holds nothing at the sample key",
			"put a row into the table, then run doctor again"), nil
	}
	return ok(fmt.Sprintf("%s returned %d row(s)", query, n)), nil
}
