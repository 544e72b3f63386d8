// Package cloud is the seam between the wizard and Alibaba Cloud (or the
// sandbox, which speaks the same protocols). It holds the plain types the
// rest of the product uses — credentials, identities, errors with a
// diagnosis — and the Session interface through which the ui and the headless
// commands observe and apply each step. cloud/aliyun implements Session over
// the official SDKs; nothing else in the product imports an SDK.
package cloud
