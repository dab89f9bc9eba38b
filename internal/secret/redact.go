package secret

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strings"
)

// MaxRedacted is the longest Redact output, in bytes.
const MaxRedacted = 24

// Redact shows the first 4 bytes of a secret of 8 bytes or more (printable
// ASCII only, others as '*') and a '*' for every other byte, at most
// MaxRedacted bytes in all. Shorter secrets are all '*' so that a short
// password is not half revealed.
func Redact(secret string) string {
	n := min(len(secret), MaxRedacted)
	show := 0
	if len(secret) >= 8 {
		show = 4
	}
	var b strings.Builder
	b.Grow(n)
	for i := range n {
		c := secret[i]
		if i < show && c > ' ' && c < 0x7f {
			b.WriteByte(c)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// Entropy is the Shannon entropy of s in bits per byte (0 for "").
func Entropy(s string) float64 { return entropy([]byte(s)) }

func entropy(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	var counts [256]int
	for _, c := range b {
		counts[c]++
	}
	n := float64(len(b))
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

func hashSecret(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// KnownExamples are vendor documentation example credentials; a secret
// containing one is never reported, whatever the rule.
var KnownExamples = []string{
	"AKIAIOSFODNN7EXAMPLE",
	"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	"AKIAI44QH8DHBEXAMPLE",
	"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
	// The signature of the sample token shown on jwt.io.
	"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
}

// PlaceholderStopwords are words that mark a value as a placeholder. They
// apply to a rule only when its allowlist lists the stopword
// "@placeholders" (generic password/key=value rules should).
var PlaceholderStopwords = []string{
	"example", "placeholder", "changeme", "change_me", "change-me", "your_", "your-", "yourkey",
	"yourpassword", "yourtoken", "redacted", "dummy", "sample", "fake", "foobar", "xxxxxx",
	"<secret>", "<password>", "<token>", "insert", "replace", "todo", "notreal", "not-real",
}

// globalAllowed reports whether the global allowlist drops a secret: a
// known example value, a single repeated character, or a template or
// variable reference (${X}, {{ x }}, $(x), %(x)s, <x>).
func globalAllowed(s []byte) bool {
	for _, ex := range KnownExamples {
		if bytes.Contains(s, []byte(ex)) {
			return true
		}
	}
	if len(s) >= 2 && bytes.Count(s, s[:1]) == len(s) {
		return true
	}
	if bytes.Contains(s, []byte("${")) || bytes.Contains(s, []byte("{{")) ||
		bytes.HasPrefix(s, []byte("$(")) || bytes.HasPrefix(s, []byte("%(")) ||
		(len(s) >= 3 && s[0] == '<' && s[len(s)-1] == '>') {
		return true
	}
	return false
}
