// Package tablestore is the sandbox's Tablestore data plane: an in-memory
// emulation of the Tablestore (OTS) data API that the official Go SDK
// (aliyun-tablestore-go-sdk v1.8.0) talks to unchanged over HTTP.
//
// It speaks the real wire protocol — protobuf bodies, PlainBuffer rows with
// CRC-8 checksums, the V1 HMAC-SHA1 request signature — and answers with the
// service's real error codes and messages. Accounts, credentials, instances
// and RAM policies belong to the sandbox core, which supplies them through
// Backend; this package never imports the core.
//
// Besides the HTTP handler (ServeHost, Handler) the Service offers a Go API
// (Describe, SplitPoints, Scan, Write, Check, CreateTable) that applies the
// same checks, so the MaxCompute plane can read an external table's rows as
// a given caller and fail the way the cloud fails; its errors carry a
// request ID as HTTP answers do. WriteError answers in this plane's protocol
// for the core's injected faults.
//
// How a request is judged, in order:
//
//   - only POST to a known action; the body is at most 5 MB;
//   - the x-ots-* headers are present, x-ots-date is within 15 minutes,
//     x-ots-contentmd5 matches the body, the AccessKey (and STS token) is
//     known and the signature matches (all OTSAuthFailed / OTSParameterInvalid
//     as the service words them);
//   - the instance named by x-ots-instancename exists in the endpoint host's
//     region, is running, admits the host's network (VPC-only instances
//     refuse the public and classic hosts) and belongs to the caller's
//     account. The host's own instance label is not consulted: the cloud's
//     regional front ends route by the header too;
//   - the caller may perform ots:<Action> on
//     acs:ots:<region>:<owner>:instance/<lowercase instance>/table/<table>
//     (table "*" for ListTable): account keys always, RAM users and assumed
//     roles as Backend.Authorize decides (OTSNoPermissionAccess otherwise);
//   - then the operation itself. A table created less than
//     Options.TableReadyDelay ago answers row operations with
//     OTSTableNotReady, which the SDK retries.
//
// Not emulated, and refused with a clear OTSParameterInvalid: secondary
// indexes, streams, server-side encryption, local transactions and regex
// (ValueTransferRule) filters. BatchWriteRow's is_atomic flag is accepted
// but rows still succeed or fail one by one.
package tablestore
