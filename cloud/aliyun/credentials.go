package aliyun

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/aliyun/credentials-go/credentials/providers"

	"github.com/mcots/wizard/cloud"
)

// keys are an account's resolved credentials, ready for an SDK. The secret
// and token stay cloud.Secret until the moment a client is built.
type keys struct {
	id     string
	secret cloud.Secret
	token  cloud.Secret
}

// redact removes the key's secret and token from text, as they are and
// percent-encoded once or twice, and cuts off the string to sign that a
// SignatureDoesNotMatch answer quotes: it holds the request's parameters,
// with an STS token among them, encoded twice.
func (k keys) redact(text string) string {
	text = withoutStringToSign(text)
	for _, s := range []cloud.Secret{k.secret, k.token} {
		v := s.Reveal()
		if len(v) < 4 {
			continue
		}
		once := url.QueryEscape(v)
		for _, form := range []string{v, once, url.QueryEscape(once)} {
			text = strings.ReplaceAll(text, form, "******")
		}
	}
	return text
}

// withoutStringToSign cuts text off where a service starts quoting its
// string to sign ("… server string to sign is:POST&%2F&AccessKeyId…").
func withoutStringToSign(text string) string {
	i := strings.Index(strings.ToLower(text), "string to sign")
	if i < 0 {
		return text
	}
	head := strings.TrimRight(text[:i], " ")
	if h, found := strings.CutSuffix(strings.ToLower(head), "server"); found {
		head = strings.TrimRight(head[:len(h)], " ")
	}
	return head + " [the server's string to sign is left out]"
}

// Environment variables the CLI profile loader of credentials-go reads.
const (
	envConfigFile = "ALIBABA_CLOUD_CONFIG_FILE"
	envAccessKey  = "ALIBABA_CLOUD_ACCESS_KEY_ID"
)

// resolveKeys turns an account's credential source into keys, through
// credentials-go for profiles and the environment; who names the account in
// the error, a *cloud.CredentialsError. Its errors never carry a secret:
// credentials-go quotes a whole malformed config file in its error, so the
// file is checked here first and the library's own messages are redacted of
// every secret-looking value the file holds.
func resolveKeys(who string, c cloud.Credentials) (keys, error) {
	k, err := resolve(c)
	if err != nil {
		return keys{}, &cloud.CredentialsError{Who: who, Err: err}
	}
	return k, nil
}

func resolve(c cloud.Credentials) (keys, error) {
	switch c.Source {
	case cloud.SourceAccessKey:
		if c.AccessKeyID == "" || c.Secret.IsZero() {
			return keys{}, errors.New("an AccessKey pair needs both the ID and the secret")
		}
		return keys{id: c.AccessKeyID, secret: c.Secret, token: c.Token}, nil
	case cloud.SourceEnvironment:
		return fromEnvironment()
	case cloud.SourceProfile:
		if c.Profile == "" {
			return keys{}, errors.New("no profile named (set accounts.*.profile in the spec, or --profile-a/--profile-b)")
		}
		return fromProfile(c.ConfigFile, c.Profile)
	case cloud.SourceDefault:
		if os.Getenv(envAccessKey) != "" {
			return fromEnvironment()
		}
		return fromProfile(c.ConfigFile, "")
	}
	return keys{}, fmt.Errorf("unknown credential source %s", c.Source)
}

func fromEnvironment() (keys, error) {
	p, err := providers.NewEnvironmentVariableCredentialsProviderBuilder().Build()
	if err != nil {
		return keys{}, err
	}
	cc, err := p.GetCredentials()
	if err != nil {
		// The provider's messages name variables, never values.
		return keys{}, err
	}
	return keys{id: cc.AccessKeyId, secret: cloud.NewSecret(cc.AccessKeySecret), token: cloud.NewSecret(cc.SecurityToken)}, nil
}

// configPath is the aliyun CLI config file credentials-go would read.
func configPath(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if p := os.Getenv(envConfigFile); p != "" {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the home directory for ~/.aliyun/config.json: %w", err)
	}
	return filepath.Join(home, ".aliyun", "config.json"), nil
}

func fromProfile(file, profile string) (keys, error) {
	path, err := configPath(file)
	if err != nil {
		return keys{}, err
	}
	secrets, err := checkConfig(path, profile)
	if err != nil {
		return keys{}, err
	}
	p, err := providers.NewCLIProfileCredentialsProviderBuilder().WithProfileFile(path).WithProfileName(profile).Build()
	if err == nil {
		var cc *providers.Credentials
		if cc, err = p.GetCredentials(); err == nil {
			return keys{id: cc.AccessKeyId, secret: cloud.NewSecret(cc.AccessKeySecret), token: cloud.NewSecret(cc.SecurityToken)}, nil
		}
	}
	msg := err.Error()
	if strings.Contains(msg, "unmarshal aliyun cli config") {
		msg = "the file is not a valid aliyun config" // the library's text quotes the whole file
	}
	for _, s := range secrets {
		msg = strings.ReplaceAll(msg, s, "******")
	}
	name := profile
	if name == "" {
		name = "(current)"
	}
	return keys{}, fmt.Errorf("profile %s in %s: %s", name, path, msg)
}

// checkConfig reads the config file the way the CLI would and reports, in
// its own words, what is wrong: missing file, bad JSON (with the position,
// never the content), unknown profile. It returns every string value under
// a secret-looking key, for redacting the library's messages.
func checkConfig(path, profile string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no aliyun config file at %s: run aliyun configure, or name the file with %s", path, envConfigFile)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the aliyun config file: %w", err)
	}
	var doc struct {
		Current  string           `json:"current"`
		Profiles []map[string]any `json:"profiles"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("the aliyun config file %s is not valid JSON%s", path, jsonPosition(data, err))
	}
	var secrets, names []string
	found := false
	want := profile
	if want == "" {
		want = doc.Current
	}
	for _, p := range doc.Profiles {
		name, _ := p["name"].(string)
		names = append(names, name)
		found = found || name == want
		for k, v := range p {
			if s, ok := v.(string); ok && len(s) >= 4 && secretKey(k) {
				secrets = append(secrets, s)
			}
		}
	}
	switch {
	case len(doc.Profiles) == 0:
		return nil, fmt.Errorf("the aliyun config file %s holds no profiles: run aliyun configure", path)
	case want == "":
		return nil, fmt.Errorf("the aliyun config file %s names no current profile: name one (profiles: %s)", path, strings.Join(names, ", "))
	case !found:
		return nil, fmt.Errorf("the aliyun config file %s has no profile %q (profiles: %s)", path, want, strings.Join(names, ", "))
	}
	return secrets, nil
}

func secretKey(k string) bool {
	k = strings.ToLower(k)
	return strings.Contains(k, "secret") || strings.Contains(k, "token") || strings.Contains(k, "password") || strings.Contains(k, "private")
}

// jsonPosition says where a JSON error is, as " (line L, column C: what)",
// without quoting the file.
func jsonPosition(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var off int64
	what := "unexpected content"
	switch {
	case errors.As(err, &se):
		off, what = se.Offset, "syntax error"
	case errors.As(err, &te):
		off, what = te.Offset, "a value of the wrong type for "+te.Field
	default:
		return ""
	}
	line, col := 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf(" (line %d, column %d: %s)", line, col, what)
}
