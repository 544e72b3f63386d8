package tablestore

import (
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/protoadapt"
)

// The SDK's otsprotocol package is generated with the old protobuf API;
// protoadapt lets the current runtime marshal it without another module.

// unmarshal decodes a request body. proto2 required fields are enforced,
// as the service does.
func unmarshal(b []byte, m protoadapt.MessageV1) *Error {
	if err := proto.Unmarshal(b, protoadapt.MessageV2Of(m)); err != nil {
		return paramInvalid("Parse PBMessage from RawString failed.")
	}
	return nil
}

// marshal encodes a response; our responses always carry their required
// fields, so a failure is a bug in the sandbox and says so.
func marshal(m protoadapt.MessageV1) ([]byte, *Error) {
	b, err := proto.Marshal(protoadapt.MessageV2Of(m))
	if err != nil {
		return nil, &Error{Code: CodeInternalServerError, Message: "sandbox: cannot encode response: " + err.Error(), HTTPStatus: 500}
	}
	return b, nil
}
