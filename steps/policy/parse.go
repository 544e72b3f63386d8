package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Error is one problem in a policy document, located as precisely as the
// problem allows: by line and column for JSON syntax errors, by path (e.g.
// "Statement[1].Action[0]") for grammar errors.
type Error struct {
	Line   int    // 1-based line of a JSON syntax error; 0 otherwise
	Column int    // 1-based column (in characters) of a JSON syntax error; 0 otherwise
	Path   string // where in the document a grammar error is; empty for syntax errors
	Reason string // what is wrong and how to fix it
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Reason)
	case e.Path != "":
		return fmt.Sprintf("%s: %s", e.Path, e.Reason)
	default:
		return e.Reason
	}
}

func grammar(path, format string, args ...any) *Error {
	return &Error{Path: path, Reason: fmt.Sprintf(format, args...)}
}

// Known keys, with the spelling RAM expects. Keys are case-sensitive.
var (
	documentKeys  = []string{"Version", "Statement"}
	statementKeys = []string{"Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "Condition"}
	principalKeys = []string{"Service", "RAM", "Federated"}
)

// Parse reads a RAM policy document (permission or trust policy) and checks
// the grammar both kinds share: JSON syntax, Version "1", a non-empty
// Statement array, Effect Allow|Deny, well-formed Action, Resource, Principal
// and Condition elements, and no unknown keys. Use ValidatePermission or
// ValidateTrust for what only one kind requires.
func Parse(text string) (Document, error) {
	if strings.TrimSpace(text) == "" {
		return Document{}, &Error{Reason: "the policy document is empty; it must be a JSON object with \"Version\": \"1\" and a \"Statement\" array"}
	}
	// Unmarshal checks the whole text, including anything after the
	// document, and reports where the syntax breaks.
	var raw json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return Document{}, syntaxError(text, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return Document{}, syntaxError(text, err)
	}
	obj, ok := root.(map[string]any)
	if !ok {
		return Document{}, grammar("(document)", "must be a JSON object, got %s", describe(root))
	}
	if err := unknownKeys("(document)", obj, documentKeys); err != nil {
		return Document{}, err
	}
	var d Document
	v, ok := obj["Version"]
	if !ok {
		return Document{}, grammar("Version", "is missing; add \"Version\": \"1\"")
	}
	if s, isStr := v.(string); !isStr || s != "1" {
		return Document{}, grammar("Version", "must be the string \"1\" (in quotes), got %s", describe(v))
	}
	d.Version = "1"
	sv, ok := obj["Statement"]
	if !ok {
		return Document{}, grammar("Statement", "is missing; add a \"Statement\" array with at least one statement")
	}
	stmts, ok := sv.([]any)
	if !ok {
		if _, isObj := sv.(map[string]any); isObj {
			return Document{}, grammar("Statement", "must be an array of statements; wrap the statement object in [ ]")
		}
		return Document{}, grammar("Statement", "must be an array of statements, got %s", describe(sv))
	}
	if len(stmts) == 0 {
		return Document{}, grammar("Statement", "is empty; a policy needs at least one statement")
	}
	for i, raw := range stmts {
		path := fmt.Sprintf("Statement[%d]", i)
		st, err := parseStatement(path, raw)
		if err != nil {
			return Document{}, err
		}
		d.Statement = append(d.Statement, st)
	}
	return d, nil
}

func parseStatement(path string, raw any) (Statement, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return Statement{}, grammar(path, "must be a JSON object, got %s", describe(raw))
	}
	if err := unknownKeys(path, obj, statementKeys); err != nil {
		return Statement{}, err
	}
	var st Statement
	ev, ok := obj["Effect"]
	if !ok {
		return Statement{}, grammar(path+".Effect", "is missing; add \"Effect\": \"Allow\" or \"Deny\"")
	}
	es, _ := ev.(string)
	switch es {
	case string(Allow), string(Deny):
		st.Effect = Effect(es)
	default:
		if strings.EqualFold(es, string(Allow)) || strings.EqualFold(es, string(Deny)) {
			return Statement{}, grammar(path+".Effect", "must be spelled exactly \"Allow\" or \"Deny\", got %q", es)
		}
		return Statement{}, grammar(path+".Effect", "must be \"Allow\" or \"Deny\", got %s", describe(ev))
	}

	_, hasA := obj["Action"]
	_, hasNA := obj["NotAction"]
	switch {
	case hasA && hasNA:
		return Statement{}, grammar(path, "has both Action and NotAction; use one of them")
	case !hasA && !hasNA:
		return Statement{}, grammar(path+".Action", "is missing; name the allowed actions, e.g. \"ots:GetRow\"")
	}
	var err error
	if hasA {
		if st.Action, err = parseList(path+".Action", obj["Action"], checkAction); err != nil {
			return Statement{}, err
		}
	} else if st.NotAction, err = parseList(path+".NotAction", obj["NotAction"], checkAction); err != nil {
		return Statement{}, err
	}

	_, hasR := obj["Resource"]
	_, hasNR := obj["NotResource"]
	if hasR && hasNR {
		return Statement{}, grammar(path, "has both Resource and NotResource; use one of them")
	}
	if hasR {
		if st.Resource, err = parseList(path+".Resource", obj["Resource"], checkResource); err != nil {
			return Statement{}, err
		}
	}
	if hasNR {
		if st.NotResource, err = parseList(path+".NotResource", obj["NotResource"], checkResource); err != nil {
			return Statement{}, err
		}
	}
	if pv, ok := obj["Principal"]; ok {
		p, err := parsePrincipal(path+".Principal", pv)
		if err != nil {
			return Statement{}, err
		}
		st.Principal = p
	}
	if cv, ok := obj["Condition"]; ok {
		c, err := parseCondition(path+".Condition", cv)
		if err != nil {
			return Statement{}, err
		}
		st.Condition = c
	}
	return st, nil
}

func parsePrincipal(path string, raw any) (*Principal, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, grammar(path, "must be an object such as {\"Service\": [\"odps.aliyuncs.com\"]} or {\"RAM\": [\"acs:ram::<uid>:root\"]}, got %s", describe(raw))
	}
	if err := unknownKeys(path, obj, principalKeys); err != nil {
		return nil, err
	}
	p := &Principal{}
	var err error
	if v, ok := obj["Service"]; ok {
		if p.Service, err = parseList(path+".Service", v, checkNonBlank); err != nil {
			return nil, err
		}
	}
	if v, ok := obj["RAM"]; ok {
		if p.RAM, err = parseList(path+".RAM", v, checkRAMPrincipal); err != nil {
			return nil, err
		}
	}
	if v, ok := obj["Federated"]; ok {
		if p.Federated, err = parseList(path+".Federated", v, checkNonBlank); err != nil {
			return nil, err
		}
	}
	if len(p.Service)+len(p.RAM)+len(p.Federated) == 0 {
		return nil, grammar(path, "names nobody; add \"Service\", \"RAM\" or \"Federated\" entries")
	}
	return p, nil
}

func parseCondition(path string, raw any) (map[string]map[string]List, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, grammar(path, "must be an object of operators, e.g. {\"StringEquals\": {\"acs:SourceVpc\": [\"vpc-1\"]}}, got %s", describe(raw))
	}
	out := make(map[string]map[string]List, len(obj))
	for _, op := range sortedKeys(obj) {
		keys, ok := obj[op].(map[string]any)
		if !ok {
			return nil, grammar(path+"."+op, "must be an object of condition keys to values, got %s", describe(obj[op]))
		}
		if len(keys) == 0 {
			return nil, grammar(path+"."+op, "is empty; name at least one condition key")
		}
		m := make(map[string]List, len(keys))
		for _, k := range sortedKeys(keys) {
			vals, err := conditionValues(path+"."+op+"."+k, keys[k])
			if err != nil {
				return nil, err
			}
			m[k] = vals
		}
		out[op] = m
	}
	return out, nil
}

// conditionValues accepts strings, numbers and booleans, alone or in an
// array, and keeps them as strings the way RAM compares them.
func conditionValues(path string, raw any) (List, error) {
	scalar := func(v any) (string, bool) {
		switch x := v.(type) {
		case string:
			return x, true
		case json.Number:
			return x.String(), true
		case bool:
			if x {
				return "true", true
			}
			return "false", true
		}
		return "", false
	}
	if s, ok := scalar(raw); ok {
		return List{s}, nil
	}
	arr, ok := raw.([]any)
	if !ok || len(arr) == 0 {
		return nil, grammar(path, "must be a value or a non-empty array of values, got %s", describe(raw))
	}
	var l List
	for i, v := range arr {
		s, ok := scalar(v)
		if !ok {
			return nil, grammar(fmt.Sprintf("%s[%d]", path, i), "must be a string, number or boolean, got %s", describe(v))
		}
		l = append(l, s)
	}
	return l, nil
}

// parseList reads a string-or-array-of-strings element and checks each entry.
func parseList(path string, raw any, check func(string) string) (List, error) {
	if s, ok := raw.(string); ok {
		if why := check(s); why != "" {
			return nil, grammar(path, "%s", why)
		}
		return List{s}, nil
	}
	arr, ok := raw.([]any)
	if !ok {
		return nil, grammar(path, "must be a string or an array of strings, got %s", describe(raw))
	}
	if len(arr) == 0 {
		return nil, grammar(path, "is an empty array; list at least one entry")
	}
	l := make(List, 0, len(arr))
	for i, v := range arr {
		p := fmt.Sprintf("%s[%d]", path, i)
		s, ok := v.(string)
		if !ok {
			return nil, grammar(p, "must be a string, got %s", describe(v))
		}
		if why := check(s); why != "" {
			return nil, grammar(p, "%s", why)
		}
		l = append(l, s)
	}
	return l, nil
}

func checkNonBlank(s string) string {
	if strings.TrimSpace(s) == "" {
		return "is empty"
	}
	if strings.TrimSpace(s) != s {
		return fmt.Sprintf("%q has leading or trailing spaces", s)
	}
	return ""
}

// checkAction accepts "*" and "<service>:<action>" where both parts hold
// letters, digits, '-' (service only) and the wildcards '*' and '?'.
func checkAction(s string) string {
	if why := checkNonBlank(s); why != "" {
		return why
	}
	if s == "*" {
		return ""
	}
	svc, act, ok := strings.Cut(s, ":")
	if !ok || svc == "" || act == "" {
		return fmt.Sprintf("%q is not an action; write <service>:<action>, e.g. \"ots:GetRow\" or \"ots:*\"", s)
	}
	for _, r := range svc {
		if !isAlnum(r) && r != '-' && r != '*' && r != '?' {
			return fmt.Sprintf("%q: service %q may contain only letters, digits, '-' and wildcards", s, svc)
		}
	}
	for _, r := range act {
		if !isAlnum(r) && r != '*' && r != '?' {
			return fmt.Sprintf("%q: action %q may contain only letters, digits and the wildcards '*' and '?'", s, act)
		}
	}
	return ""
}

// checkResource accepts "*" and ARNs of the form
// acs:<service>:<region>:<account>:<relative-id>.
func checkResource(s string) string {
	if why := checkNonBlank(s); why != "" {
		return why
	}
	if s == "*" {
		return ""
	}
	if !strings.HasPrefix(s, "acs:") {
		return fmt.Sprintf("%q is not a resource; write \"*\" or an ARN such as \"acs:ots:cn-hangzhou:<uid>:instance/<name>\"", s)
	}
	parts := strings.SplitN(s, ":", 5)
	if len(parts) < 5 || parts[1] == "" || parts[4] == "" {
		return fmt.Sprintf("%q is not a complete ARN; it needs five parts acs:<service>:<region>:<account>:<resource> (region and account may be empty or *)", s)
	}
	if strings.ContainsAny(s, " \t\n") {
		return fmt.Sprintf("%q contains spaces", s)
	}
	return ""
}

// checkRAMPrincipal accepts account UIDs, "*", and ARNs acs:ram::<uid>:root,
// acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>.
func checkRAMPrincipal(s string) string {
	if why := checkNonBlank(s); why != "" {
		return why
	}
	if s == "*" || isDigits(s) {
		return ""
	}
	if !strings.HasPrefix(s, "acs:ram::") {
		return fmt.Sprintf("%q is not a RAM principal; write \"acs:ram::<uid>:root\" (any identity of that account) or \"acs:ram::<uid>:user/<name>\"", s)
	}
	rest := strings.TrimPrefix(s, "acs:ram::")
	uid, rel, ok := strings.Cut(rest, ":")
	if !ok || uid == "" || rel == "" {
		return fmt.Sprintf("%q is incomplete; write \"acs:ram::<uid>:root\"", s)
	}
	if !isDigits(uid) && uid != "*" {
		return fmt.Sprintf("%q: the account part %q must be the numeric account UID", s, uid)
	}
	if rel != "root" && !strings.HasPrefix(rel, "user/") && !strings.HasPrefix(rel, "role/") {
		return fmt.Sprintf("%q: after the UID write \"root\", \"user/<name>\" or \"role/<name>\"", s)
	}
	return ""
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func unknownKeys(path string, obj map[string]any, known []string) *Error {
	for _, k := range sortedKeys(obj) {
		if contains(known, k) {
			continue
		}
		if s := suggest(k, known); s != "" {
			return grammar(path, "unknown key %q; did you mean %q? (keys are case-sensitive)", k, s)
		}
		return grammar(path, "unknown key %q; allowed keys are %s", k, strings.Join(known, ", "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest finds the known key the user most likely meant: same letters in
// another case, or a plural/singular slip.
func suggest(k string, known []string) string {
	for _, c := range known {
		lk, lc := strings.ToLower(k), strings.ToLower(c)
		if lk == lc || lk == lc+"s" || lk+"s" == lc || lk == lc+"es" {
			return c
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// describe names a decoded JSON value for messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", x)
	case json.Number:
		return "the number " + x.String()
	case bool:
		return fmt.Sprintf("the boolean %t", x)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func syntaxError(text string, err error) *Error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se) && strings.Contains(se.Error(), "unexpected end"):
		return syntaxAt(text, len(text), "invalid JSON: the document ends too early (a missing } or ]?)")
	case errors.As(err, &se):
		reason := "invalid JSON: " + se.Error()
		if i := int(se.Offset) - 1; i >= 0 && i < len(text) && (text[i] == ']' || text[i] == '}') {
			reason += " (a trailing comma before it?)"
		}
		return syntaxAt(text, int(se.Offset), reason)
	case errors.As(err, &te):
		return syntaxAt(text, int(te.Offset), "invalid JSON: "+te.Error())
	}
	return &Error{Reason: "invalid JSON: " + err.Error()}
}

// syntaxAt places a syntax error at a byte offset: the line and the
// character column of the byte just before the offset.
func syntaxAt(text string, offset int, reason string) *Error {
	if offset > len(text) {
		offset = len(text)
	}
	if offset < 0 {
		offset = 0
	}
	before := text[:offset]
	line := strings.Count(before, "\n") + 1
	lastLine := before[strings.LastIndexByte(before, '\n')+1:]
	col := utf8.RuneCountInString(lastLine)
	if col == 0 {
		col = 1
	}
	return &Error{Line: line, Column: col, Reason: reason}
}

// ValidatePermission checks what a permission policy needs beyond Parse:
// every statement names a Resource (or NotResource) and no Principal.
func ValidatePermission(d Document) error {
	for i, st := range d.Statement {
		path := fmt.Sprintf("Statement[%d]", i)
		if st.Principal != nil {
			return grammar(path+".Principal", "belongs in trust policies only; a permission policy names a Resource instead")
		}
		if len(st.Resource) == 0 && len(st.NotResource) == 0 {
			return grammar(path+".Resource", "is missing; name the resources, e.g. \"acs:ots:<region>:<uid>:instance/<name>\" (lowercase instance name), or \"*\"")
		}
	}
	return nil
}

// ValidateTrust checks what a trust policy (a role's AssumeRolePolicyDocument)
// needs beyond Parse: every statement names a Principal, grants
// sts:AssumeRole, and names no Resource.
func ValidateTrust(d Document) error {
	for i, st := range d.Statement {
		path := fmt.Sprintf("Statement[%d]", i)
		if st.Principal == nil {
			return grammar(path+".Principal", "is missing; a trust policy names who may assume the role, e.g. {\"Service\": [\"<uid>@odps.aliyuncs.com\"]}")
		}
		if len(st.Resource) > 0 || len(st.NotResource) > 0 {
			return grammar(path+".Resource", "does not belong in a trust policy; the role itself is the resource")
		}
		if len(st.NotAction) > 0 {
			return grammar(path+".NotAction", "is not allowed in a trust policy; write \"Action\": \"sts:AssumeRole\"")
		}
		ok := false
		for _, a := range st.Action {
			if MatchAction(a, "sts:AssumeRole") {
				ok = true
			}
		}
		if !ok {
			return grammar(path+".Action", "must include \"sts:AssumeRole\", got %s", strings.Join(quoteAll(st.Action), ", "))
		}
	}
	return nil
}

func quoteAll(l List) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// ParsePermission parses text and validates it as a permission policy.
func ParsePermission(text string) (Document, error) {
	d, err := Parse(text)
	if err != nil {
		return Document{}, err
	}
	return d, ValidatePermission(d)
}

// ParseTrust parses text and validates it as a trust policy.
func ParseTrust(text string) (Document, error) {
	d, err := Parse(text)
	if err != nil {
		return Document{}, err
	}
	return d, ValidateTrust(d)
}

// Compact renders the document as single-line JSON, the form RAM echoes
// back in API responses.
func (d Document) Compact() string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(d.Marshal())); err != nil {
		panic(fmt.Sprintf("policy: compact: %v", err)) // Marshal always yields valid JSON
	}
	return buf.String()
}
