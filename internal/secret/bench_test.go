package secret

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// mixedSource is Go-like code with the words secret rules key on (token,
// password, secret, key, auth) on many lines and one planted token.
func mixedSource(size int) []byte {
	const block = `package auth

// TokenSource returns a token for the API key; the password is read from
// the secret store, never hardcoded. See https://example.com/docs/auth.
func (c *Client) Token(ctx context.Context, key string) (*oauth2.Token, error) {
	secret, err := c.store.Get(ctx, "db-password")
	if err != nil {
		return nil, fmt.Errorf("get secret %q: %w", key, err)
	}
	headers := map[string]string{"Authorization": "Bearer " + secret.Value}
	for i, v := range c.values {
		if v.AccessKeyID == "" || v.SecretAccessKey == "" { continue }
		c.log.Info("credentials", "index", i, "access_key_id", v.AccessKeyID[:4])
	}
	return &oauth2.Token{AccessToken: secret.Value, TokenType: "bearer"}, nil
}

`
	var b bytes.Buffer
	for b.Len() < size {
		b.WriteString(block)
		if b.Len() > size/2 && b.Len() < size/2+len(block)+1 {
			b.WriteString("const testToken = \"" + tok + "\"\n")
		}
	}
	return b.Bytes()[:size]
}

// plainText has no keyword of any rule.
func plainText(size int) []byte {
	const line = "The quick brown fox jumps over the lazy dog near the riverbank, 0123456789.\n"
	return bytes.Repeat([]byte(line), size/len(line)+1)[:size]
}

func BenchmarkScan(b *testing.B) {
	rules, err := BuiltinRules()
	if err != nil {
		b.Fatal(err)
	}
	s := newScanner(b, Config{Rules: append(rules, tokRule, pwRule, pemRule)})
	b.Logf("%d rules", len(s.Rules()))
	inputs := []struct {
		name string
		data []byte
	}{
		{"mixed_source_64KiB", mixedSource(64 << 10)},
		{"mixed_source_4MiB", mixedSource(4 << 20)},
		{"keyword_free_4MiB", plainText(4 << 20)},
		{"minified_line_4MiB", bytes.ReplaceAll(mixedSource(4<<20), []byte("\n"), []byte(" "))},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := s.Scan(context.Background(), "x.go", bytes.NewReader(in.data))
				if err != nil {
					b.Fatal(err)
				}
				if strings.HasPrefix(in.name, "mixed") && len(res.Matches) == 0 {
					b.Fatal(fmt.Sprintf("planted token not found in %s", in.name))
				}
			}
		})
	}
}
