package main

import (
	"context"
	"fmt"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

// startDemoSandbox starts the in-process sandbox of --sandbox: accounts A
// and B with fresh keys that never leave this process, B's project
// demo_project, and demo rows in vehicle_track once the setup creates it.
//
// The demo stands for the workspace the user prepared for spec: the spec's
// MaxCompute project is made in the spec's region, in the account that runs
// MaxCompute, and a spec that puts both services in one account gets A's
// key for both.
func startDemoSandbox(ctx context.Context, spec steps.Spec) (connection, error) {
	sb, err := sandbox.StartDemo(ctx, sandbox.DemoOptions{})
	if err != nil {
		return connection{}, fmt.Errorf("starting the sandbox: %w", err)
	}
	info, err := sb.Demo()
	if err != nil {
		_ = sb.Close()
		return connection{}, err
	}
	key := func(a sandbox.DemoAccount) cloud.Credentials {
		return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: a.AccessKeyID, Secret: cloud.NewSecret(a.AccessKeySecret)}
	}
	maxCompute := info.B
	accounts := fmt.Sprintf("demo accounts A (%s) and B (%s) stand in for the spec's accounts", info.A.UID, info.B.UID)
	if sandboxOneAccount(spec) {
		maxCompute = info.A
		accounts = fmt.Sprintf("demo account A (%s) stands in for the spec's one account", info.A.UID)
	}
	conn := connection{
		target: cloud.Target{Endpoint: info.Endpoint},
		a:      key(info.A),
		b:      key(maxCompute),
		close:  func() { _ = sb.Close() },
	}
	project, note := prepareSandboxProject(sb, spec, maxCompute)
	conn.notes = append(conn.notes, fmt.Sprintf("sandbox: %s; project %s; nothing leaves this machine", accounts, project))
	if note != "" {
		conn.notes = append(conn.notes, "sandbox: "+note)
	}
	return conn, nil
}

// sandboxOneAccount reports whether spec runs MaxCompute and Tablestore in
// one account: the same UID on both, or one profile named for both with no
// UIDs that tell them apart (the credentials would then be one account's).
func sandboxOneAccount(spec steps.Spec) bool {
	a, b := spec.Accounts.Tablestore, spec.Accounts.MaxCompute
	if spec.SameAccount() {
		return true
	}
	uidsAgree := a.UID == "" || b.UID == "" || a.UID == b.UID
	return a.Profile != "" && a.Profile == b.Profile && uidsAgree
}

// prepareSandboxProject makes the spec's MaxCompute project in its region,
// owned by owner, unless a project of that name exists. It returns the
// project's name for the notes, and a note when the project cannot be what
// the spec needs (the run then says what is missing).
func prepareSandboxProject(sb *sandbox.Sandbox, spec steps.Spec, owner sandbox.DemoAccount) (project, note string) {
	name, region := spec.MaxCompute.Project, spec.Region
	if name == "" || region == "" {
		return sandbox.DemoProject, ""
	}
	if p, ok := sb.Project(name); ok {
		if p.Owner != owner.UID || p.Region != region {
			other, _ := sb.AccountByUID(p.Owner)
			return name, fmt.Sprintf("project %s is the demo's, account %s's in %s, not account %s's in %s as the spec needs: name another project to have the sandbox make it",
				name, other.Name, p.Region, owner.Name, region)
		}
		return name, ""
	}
	if err := sb.AddProject(sandbox.Project{Name: name, Owner: owner.UID, Region: region}); err != nil {
		return name, fmt.Sprintf("the spec's project was not made: %v", err)
	}
	return fmt.Sprintf("%s (account %s, %s)", name, owner.Name, region), ""
}
