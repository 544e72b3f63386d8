package wire

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// WriteJSON answers with status and v as JSON, HTML characters unescaped
// (the services send policy documents with "<" and ">" as they are), and a
// Content-Length. Headers set before the call are kept.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"Code":"InternalError","Message":"the sandbox could not encode its answer"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
