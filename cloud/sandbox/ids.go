package sandbox

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
)

// ids makes every identifier and secret the sandbox hands out. They come
// from a seeded generator so that a run is reproducible: the same seed and
// the same calls yield the same UIDs, keys, RequestIds and RoleIds. The
// sandbox's secrets are fake and only guard the emulator itself.
type ids struct {
	mu  sync.Mutex
	pcg *rand.PCG
	rng *rand.Rand
}

func newIDs(seed int64) *ids {
	pcg := rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)
	return &ids{pcg: pcg, rng: rand.New(pcg)}
}

const (
	alnum     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexUpper  = "0123456789ABCDEF"
	digitsSet = "0123456789"
)

func (g *ids) pick(set string, n int) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var b strings.Builder
	b.Grow(n)
	for range n {
		b.WriteByte(set[g.rng.IntN(len(set))])
	}
	return b.String()
}

// digits returns n digits not starting with 0, like account UIDs and RoleIds.
func (g *ids) digits(n int) string {
	return g.pick("123456789", 1) + g.pick(digitsSet, n-1)
}

// requestID is UUID-shaped, upper-case, as the services return.
func (g *ids) requestID() string {
	h := g.pick(hexUpper, 32)
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])
}

// accessKeyID looks like a real long-term AccessKey ID.
func (g *ids) accessKeyID() string { return "LTAI5t" + g.pick(alnum, 18) }

// accessKeySecret is 30 characters, as real secrets are.
func (g *ids) accessKeySecret() string { return g.pick(alnum, 30) }

// stsAccessKeyID is the "STS." form of temporary credentials.
func (g *ids) stsAccessKeyID() string { return "STS.NT" + g.pick(alnum, 21) }

// securityToken is an opaque STS token.
func (g *ids) securityToken() string { return "CAIS" + g.pick(alnum+"+/", 200) }

func (g *ids) marshal() (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	b, err := g.pcg.MarshalBinary()
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

func (g *ids) unmarshal(s string) error {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.pcg.UnmarshalBinary(b)
}
