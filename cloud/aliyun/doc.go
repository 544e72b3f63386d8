// Package aliyun implements the cloud package's service interfaces over the
// official Alibaba Cloud SDKs — alibaba-cloud-sdk-go (STS, RAM, the
// Tablestore instance API), aliyun-tablestore-go-sdk (Tablestore tables and
// rows) and aliyun-odps-go-sdk (MaxCompute) — and provides Connect, the
// cloud.ConnectFunc the wizard runs on. It is the only package of the
// product that imports the SDKs.
//
// Calls go over HTTPS to the real regional endpoints, or, when the target
// names a sandbox, over HTTP to it: the RPC APIs at the sandbox's address,
// the data planes at <sandbox>/host/<real host>. Each call carries its
// context (the SDKs take none: a per-call transport or goroutine does it),
// the SDKs' own retries are off, so cloud's retry policy is the only one,
// and no SDK error reaches the caller unfiltered: secrets and request URLs
// are kept out of every message.
package aliyun
