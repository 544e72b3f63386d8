// Package cloud is the seam between the wizard and Alibaba Cloud (or the
// sandbox, which speaks the same protocols). It holds the plain types the
// rest of the product uses — credentials, identities, errors with a
// diagnosis — and the Session interface through which the ui and the headless
// commands observe and apply each step.
//
// The step logic lives here, free of any SDK: NewSession implements Session
// on top of small per-service interfaces (STS, RAM, Instances, Tables,
// MaxCompute) — trust-policy merging, policy-version pruning, primary-key
// comparison, readiness polling, the retry policy and the error catalogue.
// cloud/aliyun implements those interfaces over the official SDKs and
// provides Connect; nothing else in the product imports an SDK.
//
// Doctor and destroy are built on the same observations: Session.Doctor
// walks the chain link by link (doctor*.go) and says, from the one
// catalogue of faults (fault.go), what is broken and how to fix it;
// Session.PlanDestroy and Destroy (destroy*.go) remove only what carries
// the wizard's marks (marks.go), in the safe order.
package cloud
