// Package tablestore is the sandbox's Tablestore data plane: an in-memory
// emulation of the Tablestore (OTS) data API that the official Go SDK
// (aliyun-tablestore-go-sdk v1.8.0) talks to unchanged over HTTP.
//
// It speaks the real wire protocol — protobuf bodies, PlainBuffer rows with
// CRC-8 checksums, the V1 HMAC-SHA1 request signature — and answers with the
// service's real error codes and messages. The instance is taken from the
// x-ots-instancename header; region and network kind come from the endpoint
// host the request was addressed to. Accounts, credentials, instances and RAM
// policies belong to the sandbox core, which supplies them through Backend;
// this package never imports the core.
//
// Besides the HTTP handler (ServeHost, Handler) the Service offers a Go API
// (Describe, Scan, Write, Check) that applies the same checks, so the
// MaxCompute plane can read an external table's rows as a given caller and
// fail the way the cloud fails.
package tablestore
