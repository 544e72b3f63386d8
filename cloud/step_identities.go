package cloud

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/mcots/wizard/steps"
)

// observeIdentities asks STS, for both accounts at once, who the
// credentials belong to. The machine fills or cross-checks the spec's UIDs
// from what it finds.
func (r *run) observeIdentities(ctx context.Context) (steps.Outcome, error) {
	var a, b Identity
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		var err error
		a, err = r.s.Identify(gctx, steps.SideTablestore)
		return labelled("account A (Tablestore)", err)
	})
	g.Go(func() error {
		var err error
		b, err = r.s.Identify(gctx, steps.SideMaxCompute)
		return labelled("account B (MaxCompute)", err)
	})
	if err := g.Wait(); err != nil {
		return steps.Outcome{}, err
	}
	out := steps.Outcome{
		Action:     steps.ActionInPlace,
		Discovered: steps.Discovery{TablestoreUID: a.AccountUID, MaxComputeUID: b.AccountUID},
		Details: []string{
			fmt.Sprintf("account A: %s (%s)", a.ARN, a.Type),
			fmt.Sprintf("account B: %s (%s)", b.ARN, b.Type),
		},
	}
	if a.AccountUID == b.AccountUID {
		out.Summary = fmt.Sprintf("both credentials belong to account %s: a same-account setup", a.AccountUID)
	} else {
		out.Summary = fmt.Sprintf("account A is %s, account B is %s", a.AccountUID, b.AccountUID)
	}
	for _, x := range []struct {
		name string
		id   Identity
	}{{"A", a}, {"B", b}} {
		if x.id.IsRoot() {
			out.Details = append(out.Details, fmt.Sprintf("warning: account %s's key is the account's root AccessKey; it works, but a RAM user with only the permissions this setup needs is safer", x.name))
		}
	}
	return out, nil
}

// labelled says which account an error belongs to, keeping it unwrappable.
func labelled(who string, err error) error {
	if err == nil {
		return nil
	}
	return &accountError{who: who, err: err}
}

type accountError struct {
	who string
	err error
}

func (e *accountError) Error() string { return e.who + ": " + e.err.Error() }
func (e *accountError) Unwrap() error { return e.err }

// observeProject checks that account B's project exists: the wizard does not
// create projects (there is no API in the SDK, and they cost money).
func (r *run) observeProject(ctx context.Context) (steps.Outcome, error) {
	name, region := r.spec.MaxCompute.Project, r.spec.Region
	p, found, err := r.lookProject(ctx)
	if err == nil && !found {
		return blocked(fmt.Sprintf("MaxCompute project %s was not found in account B in %s", name, region),
			fmt.Sprintf("create the project in the MaxCompute console (or aliyun maxcompute CreateProject --region %s … %s), then re-run", region, name)), nil
	}
	if err != nil {
		return steps.Outcome{}, err
	}
	if !projectUsable(p) {
		return blocked(fmt.Sprintf("MaxCompute project %s is %s", name, p.State),
			"the project must be AVAILABLE to create tables; check its state in the MaxCompute console"), nil
	}
	out := steps.Outcome{Action: steps.ActionInPlace, Summary: fmt.Sprintf("project %s exists", name)}
	if p.Owner != "" {
		out.Details = append(out.Details, "owner: "+p.Owner)
	}
	if p.Region != "" && p.Region != region {
		out.Details = append(out.Details, fmt.Sprintf("warning: the project is in %s, the spec says %s; LOCATION's internal endpoint works only within one region", p.Region, region))
	}
	return out, nil
}

// lookProject reads account B's project; found is false when the region
// has none of that name.
func (r *run) lookProject(ctx context.Context) (p Project, found bool, err error) {
	name := r.spec.MaxCompute.Project
	return readFound(ctx, r, "GetProject "+name, func(ctx context.Context) (Project, error) {
		return r.s.b.MaxCompute(r.spec.Region).GetProject(ctx, name)
	})
}

// projectUsable reports whether a project's state lets tables be created
// and read in it.
func projectUsable(p Project) bool { return p.State == "" || p.State == "AVAILABLE" }
