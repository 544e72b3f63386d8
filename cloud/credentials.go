package cloud

import "fmt"

// CredentialSource says where an account's AccessKey comes from.
type CredentialSource int

// Credential sources.
const (
	// SourceDefault is the default chain: environment variables, then the
	// current profile of ~/.aliyun/config.json.
	SourceDefault CredentialSource = iota
	// SourceProfile is a named profile in the aliyun CLI's config file.
	SourceProfile
	// SourceEnvironment is ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (and
	// ALIBABA_CLOUD_SECURITY_TOKEN) from the environment.
	SourceEnvironment
	// SourceAccessKey is a pair the user pasted; it lives only in memory.
	SourceAccessKey
)

func (s CredentialSource) String() string {
	switch s {
	case SourceDefault:
		return "default chain"
	case SourceProfile:
		return "profile"
	case SourceEnvironment:
		return "environment"
	case SourceAccessKey:
		return "AccessKey pair"
	}
	return fmt.Sprintf("CredentialSource(%d)", int(s))
}

// Credentials is how one account signs its calls. Each account has its own;
// they never mix.
type Credentials struct {
	Source      CredentialSource
	Profile     string // SourceProfile: the profile name
	ConfigFile  string // SourceProfile: the config file; empty = ~/.aliyun/config.json
	AccessKeyID string // SourceAccessKey
	Secret      Secret // SourceAccessKey
	Token       Secret // SourceAccessKey with an STS token (optional)
}

// String describes the credentials without the secret.
func (c Credentials) String() string {
	switch c.Source {
	case SourceProfile:
		return fmt.Sprintf("profile %q", c.Profile)
	case SourceAccessKey:
		return fmt.Sprintf("AccessKey %s", MaskKeyID(c.AccessKeyID))
	}
	return c.Source.String()
}

// MaskKeyID shows enough of an AccessKey ID to recognise it and no more.
func MaskKeyID(id string) string {
	if len(id) <= 8 {
		return "****"
	}
	return id[:4] + "****" + id[len(id)-4:]
}
