package main

import (
	"context"
	"fmt"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/sandbox"
)

// startDemoSandbox starts the in-process sandbox of --sandbox: accounts A
// and B with fresh keys that never leave this process, B's demo project,
// and demo rows in vehicle_track once the setup creates it.
func startDemoSandbox(ctx context.Context) (connection, error) {
	sb, err := sandbox.Start(sandbox.Options{InstanceReadyDelay: 300 * time.Millisecond, DemoRows: 20, Seed: time.Now().UnixNano()})
	if err != nil {
		return connection{}, fmt.Errorf("starting the sandbox: %w", err)
	}
	a, _ := sb.Account(sandbox.DemoAccountA)
	b, _ := sb.Account(sandbox.DemoAccountB)
	key := func(k sandbox.AccessKey) cloud.Credentials {
		return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: k.ID, Secret: cloud.NewSecret(k.Secret)}
	}
	return connection{
		target: cloud.Target{Endpoint: sb.Endpoint()},
		a:      key(a.Keys[0]),
		b:      key(b.Keys[0]),
		notes: []string{fmt.Sprintf("sandbox: demo accounts A (%s) and B (%s) stand in for the spec's accounts; project %s; nothing leaves this machine",
			a.UID, b.UID, sandbox.DemoProject)},
		close: func() { _ = sb.Close() },
	}, nil
}
