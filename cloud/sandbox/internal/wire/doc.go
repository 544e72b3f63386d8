// Package wire holds the pieces of the services' wire protocols that the
// sandbox's core and its data planes would otherwise each carry a copy of:
// how a real endpoint host name is read, how the sandbox's one listener
// addresses it ("/host/<real-host>/<rest>"), the HMAC signature primitive all
// three signing schemes share, and the JSON answer writer.
package wire
