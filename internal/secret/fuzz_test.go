package secret

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzLoadYAML(f *testing.F) {
	_, data := readTestdata(f, "rules.yaml")
	f.Add(data)
	if b, err := os.ReadFile(filepath.Join("..", "..", "checks", "secret", "aws.yaml")); err == nil {
		f.Add(b)
	}
	f.Add([]byte("rules:\n  - id: A-1\n    title: t\n    severity: LOW\n    keywords: [a]\n    regex: a\n"))
	f.Add([]byte("rules: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := LoadYAML("f.yaml", data)
		if err != nil {
			return
		}
		// Whatever loads must compile.
		if _, err := New(Config{Rules: rules}); err != nil {
			t.Fatalf("loaded rules do not compile: %v", err)
		}
	})
}

func FuzzLoadGitleaksTOML(f *testing.F) {
	for _, name := range []string{"gitleaks.toml", "gitleaks_extend.toml"} {
		_, data := readTestdata(f, name)
		f.Add(data)
	}
	f.Add([]byte("[[rules]]\nid = 'a'\nregex = '''(a)'''\nsecretGroup = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := LoadGitleaksTOML("f.toml", data)
		if err != nil || len(rules) > 32 {
			return // useDefault: the built-ins compile in TestBuiltinRules
		}
		if _, err := New(Config{Rules: rules}); err != nil {
			t.Fatalf("loaded rules do not compile: %v", err)
		}
	})
}

func FuzzScan(f *testing.F) {
	rules, err := BuiltinRules()
	if err != nil {
		f.Fatal(err)
	}
	for _, r := range rules {
		for _, s := range append(r.Tests.Positive, r.Tests.Negative...) {
			f.Add([]byte(s))
		}
	}
	f.Add([]byte("x\r\n" + tok + " # ward:ignore\n\xff\xfe"))
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\n" + pemBody + "-----END RSA PRIVATE KEY-----"))
	all := newScanner(f, Config{Rules: append(rules, tokRule, pwRule, pemRule)})
	// The same token rule with tiny chunks must agree with one big chunk.
	big := newScanner(f, Config{Rules: []Rule{tokRule}})
	small := newScanner(f, Config{Rules: []Rule{tokRule}, ChunkSize: 7, overlap: 32})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := all.Scan(context.Background(), "f.txt", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		checkInside(t, data, res)
		a, err := big.Scan(context.Background(), "f.txt", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		b, err := small.Scan(context.Background(), "f.txt", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if a.Binary {
			return // the small scanner sniffs fewer bytes
		}
		if diff := cmp.Diff(a.Matches, b.Matches); diff != "" {
			t.Fatalf("chunked scan differs (-one chunk +small chunks):\n%s", diff)
		}
	})
}

// checkInside asserts that every match points inside data.
func checkInside(t *testing.T, data []byte, res *Result) {
	t.Helper()
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	off := func(line, col int) int {
		if line < 1 || line > len(starts) || col < 1 {
			t.Fatalf("position %d:%d outside %d lines", line, col, len(starts))
		}
		return starts[line-1] + col - 1
	}
	for _, m := range res.Matches {
		if len(m.Redacted) > MaxRedacted {
			t.Fatalf("Redacted %q longer than %d", m.Redacted, MaxRedacted)
		}
		if m.Line == 1 && m.Column == 1 && m.EndColumn == 1 {
			continue // path-only
		}
		s, e := off(m.Line, m.Column), off(m.EndLine, m.EndColumn)
		if s >= e || e > len(data) {
			t.Fatalf("match %+v spans [%d,%d) of %d bytes", m, s, e, len(data))
		}
		if got := hashSecret(data[s:e]); got != m.Hash {
			t.Fatalf("match %+v: positions do not hold the hashed secret", m)
		}
	}
}
