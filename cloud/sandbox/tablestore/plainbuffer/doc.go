// Package plainbuffer encodes and decodes PlainBuffer, the little-endian row
// format Tablestore uses inside its protobuf messages for primary keys, rows,
// row changes and split points.
//
// A stream is the header 0x75 followed by rows. A row is a primary-key section
// (tag 0x01 then cells), an optional data section (tag 0x02 then cells), an
// optional delete marker (0x08), an optional extension (0x0B) and a one-byte
// CRC-8 row checksum (tag 0x09). A cell is tag 0x03, its name (0x04 + length +
// bytes), an optional value (0x05 + length + type + payload), an optional
// operation (0x06 + byte), an optional timestamp (0x07 + int64 milliseconds)
// and a one-byte CRC-8 cell checksum (tag 0x0A).
//
// The sandbox decodes what the official SDKs send and encodes what they read,
// so the decoder is strict (checksums are verified, as the service does) and
// never panics on arbitrary bytes.
package plainbuffer
