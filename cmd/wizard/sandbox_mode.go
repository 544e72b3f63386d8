package main

import (
	"context"
	"fmt"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/sandbox"
)

// startDemoSandbox starts the in-process sandbox of --sandbox: accounts A
// and B with fresh keys that never leave this process, B's project
// demo_project, and demo rows in vehicle_track once the setup creates it.
func startDemoSandbox(ctx context.Context) (connection, error) {
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
	return connection{
		target: cloud.Target{Endpoint: info.Endpoint},
		a:      key(info.A),
		b:      key(info.B),
		notes: []string{fmt.Sprintf("sandbox: demo accounts A (%s) and B (%s) stand in for the spec's accounts; project %s; nothing leaves this machine",
			info.A.UID, info.B.UID, info.Project.Name)},
		close: func() { _ = sb.Close() },
	}, nil
}
