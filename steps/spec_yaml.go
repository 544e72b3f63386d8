package steps

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load reads a spec file. Errors name the file and line.
func Load(path string) (Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Spec{}, fmt.Errorf("cannot read the spec: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a spec from YAML. name (a path, or "<stdin>") prefixes every
// error as "name:line: message". Decoding is strict: a key the spec does not
// have is an error naming the key, its line and the keys that fit there, so
// a typo never silently falls back to a default. Every such error is
// reported, not only the first.
func Parse(name string, data []byte) (Spec, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return Spec{}, fmt.Errorf("%s: the spec is empty; start from examples/cap1-vehicle-track.yaml", name)
		}
		return Spec{}, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return Spec{}, fmt.Errorf("%s:%d: a spec file holds one YAML document; remove the '---' and what follows", name, extra.Line)
	} else if !errors.Is(err, io.EOF) {
		return Spec{}, yamlError(name, err)
	}

	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if isNull(root) {
		return Spec{}, fmt.Errorf("%s: the spec is empty; start from examples/cap1-vehicle-track.yaml", name)
	}
	var problems []string
	checkShape(name, root, reflect.TypeOf(Spec{}), "", &problems)
	if len(problems) > 0 {
		return Spec{}, errors.New(strings.Join(problems, "\n"))
	}
	var s Spec
	if err := root.Decode(&s); err != nil {
		return Spec{}, yamlError(name, err)
	}
	return s, nil
}

// Marshal renders the spec in the file format Parse reads.
func Marshal(s Spec) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# wizard spec: MaxCompute (account B) reading Tablestore (account A).\n")
	buf.WriteString("# It never holds secrets: credentials come from the named profiles or the environment.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encode the spec: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode the spec: %w", err)
	}
	return buf.Bytes(), nil
}

// Save writes the spec to path (readable by the owner only: it names
// accounts and profiles).
func Save(path string, s Spec) error {
	data, err := Marshal(s)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("cannot save the spec: %w", err)
	}
	return nil
}

// yamlError rewrites the YAML library's "yaml: line 3: msg" as "name:3: msg".
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	out := make([]string, len(msgs))
	for i, m := range msgs {
		m = strings.TrimSpace(m)
		if line, msg, ok := splitYAMLLine(m); ok {
			out[i] = fmt.Sprintf("%s:%s: %s", name, line, msg)
		} else {
			out[i] = fmt.Sprintf("%s: %s", name, strings.TrimPrefix(m, "yaml: "))
		}
	}
	return errors.New(strings.Join(out, "\n"))
}

// splitYAMLLine splits "yaml: line 3: msg" (or "line 3: msg") into "3" and "msg".
func splitYAMLLine(m string) (line, msg string, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(m, "yaml: "), "line ")
	if !ok {
		return "", "", false
	}
	line, msg, ok = strings.Cut(rest, ": ")
	if !ok || line == "" || strings.Trim(line, "0123456789") != "" {
		return "", "", false
	}
	return line, msg, true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == 0 || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// checkShape walks a YAML node against the Go type it will decode into and
// reports unknown keys and values of the wrong shape (a list where one value
// belongs, …) without echoing values, which might be secrets pasted by mistake.
func checkShape(name string, n *yaml.Node, t reflect.Type, path string, problems *[]string) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if isNull(n) {
		return
	}
	report := func(line int, format string, args ...any) {
		*problems = append(*problems, fmt.Sprintf("%s:%d: ", name, line)+fmt.Sprintf(format, args...))
	}
	where := path
	if where == "" {
		where = "the spec"
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			report(n.Line, "%s must be a mapping of keys (%s), not %s", where, strings.Join(yamlKeys(t), ", "), shapeOf(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := fieldByKey(t, k.Value)
			switch {
			case ok:
				checkShape(name, v, f.Type, join(path, k.Value), problems)
			case looksSecret(k.Value):
				report(k.Line, "%q does not belong in a spec: a spec never holds secrets; name a profile (accounts.*.profile) or use environment variables", k.Value)
			default:
				report(k.Line, "unknown key %q in %s (known keys: %s)", k.Value, where, strings.Join(yamlKeys(t), ", "))
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			report(n.Line, "%s must be a list, not %s", where, shapeOf(n))
			return
		}
		for i, item := range n.Content {
			checkShape(name, item, t.Elem(), fmt.Sprintf("%s[%d]", path, i), problems)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			report(n.Line, "%s must be a mapping of keys to values, not %s", where, shapeOf(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkShape(name, n.Content[i+1], t.Elem(), join(path, n.Content[i].Value), problems)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			report(n.Line, "%s must be a single value, not %s", where, shapeOf(n))
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func shapeOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return "a single value"
	}
}

func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if yamlName(f) == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

func yamlKeys(t reflect.Type) []string {
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i] = yamlName(t.Field(i))
	}
	sort.Strings(keys)
	return keys
}

// looksSecret reports whether a key names a credential, which a spec must
// never hold.
func looksSecret(key string) bool {
	k := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(key))
	for _, s := range []string{"secret", "password", "token", "accesskey", "akid"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return k == "ak" || k == "sk"
}
