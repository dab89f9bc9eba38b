package version

import (
	"strings"
)

// Maven compares Maven versions by the "Version Order Specification" of
// the POM reference (https://maven.apache.org/pom.html#version-order-specification),
// which is what OSV uses for the Maven ecosystem:
//
//   - The version (case-insensitive) is split into tokens at "." and "-"
//     and at transitions between digits and other characters; the separator
//     is kept as the token's prefix, a transition counts as "-", and an
//     empty token is "0".
//   - Trailing "null" tokens (0, "", "final", "ga", "release") are removed
//     from the end, and again before each remaining "-" token, end to start.
//   - Versions compare token by token, the shorter padded with "null"s of
//     the other's prefix (".0" or "-"). Tokens with the same prefix and kind
//     compare numerically or by qualifier order: alpha < beta < milestone <
//     rc = cr < snapshot < "" = ga = final = release < sp < any other
//     qualifier (alphabetically); "a", "b" and "m" directly followed by a
//     number mean alpha, beta and milestone. Otherwise ".qualifier" <
//     "-qualifier" < "-number" < ".number".
//
// Maven accepts any string; this comparer rejects only the empty string and
// blanks, control and non-ASCII characters.
type Maven struct{}

type mavenToken struct {
	sep byte // '.' or '-'
	num bool
	val string // digits, or a qualifier after aliasing
}

type mavenVersion []mavenToken

// Compare implements Comparer.
func (Maven) Compare(a, b string) (int, error) {
	return compareBoth(a, b, parseMaven, cmpMaven)
}

// Validate implements Comparer.
func (Maven) Validate(v string) error { return validate(v, parseMaven) }

func parseMaven(in string) (mavenVersion, error) {
	if in == "" {
		return nil, parseErr("Maven", in, 0, "empty")
	}
	for k := 0; k < len(in); k++ {
		if in[k] <= ' ' || in[k] >= 0x7f {
			return nil, parseErr("Maven", in, k+1, "blank, control or non-ASCII character")
		}
	}
	s := strings.ToLower(in)
	var toks mavenVersion
	emit := func(sep byte, tok string, beforeDigit bool) {
		t := mavenToken{sep: sep, val: tok}
		switch {
		case tok == "":
			t.num, t.val = true, "0"
		case allDigits(tok):
			t.num = true
		default:
			t.val = mavenAlias(tok, beforeDigit)
		}
		toks = append(toks, t)
	}
	sep, start := byte('.'), 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' || c == '-':
			emit(sep, s[start:i], false)
			sep, start = c, i+1
		case i > start && isDigit(c) != isDigit(s[i-1]):
			emit(sep, s[start:i], isDigit(c))
			sep, start = '-', i
		}
	}
	emit(sep, s[start:], false)
	return mavenNormalize(toks), nil
}

func mavenAlias(q string, beforeDigit bool) string {
	switch q {
	case "a":
		if beforeDigit {
			return "alpha"
		}
	case "b":
		if beforeDigit {
			return "beta"
		}
	case "m":
		if beforeDigit {
			return "milestone"
		}
	case "cr":
		return "rc"
	case "ga", "final", "release":
		return ""
	}
	return q
}

func (t mavenToken) isNull() bool {
	if t.num {
		return strings.TrimLeft(t.val, "0") == ""
	}
	return t.val == ""
}

// mavenNormalize trims null tokens at the end and before every "-" token;
// the first token always stays.
func mavenNormalize(toks mavenVersion) mavenVersion {
	trimming := true
	out := make(mavenVersion, 0, len(toks))
	for i := len(toks) - 1; i >= 0; i-- {
		t := toks[i]
		if i > 0 && trimming && t.isNull() {
			if t.sep == '-' {
				trimming = true
			}
			continue
		}
		trimming = t.sep == '-'
		out = append(out, t)
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

var mavenQualifiers = [...]string{"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"}

func mavenQualifierRank(q string) int {
	for k, known := range mavenQualifiers {
		if q == known {
			return k
		}
	}
	return len(mavenQualifiers)
}

// rank orders tokens of different prefix or kind.
func (t mavenToken) rank() int {
	switch {
	case t.sep == '.' && !t.num:
		return 0
	case t.sep == '-' && !t.num:
		return 1
	case t.sep == '-':
		return 2
	}
	return 3
}

func mavenPad(sep byte) mavenToken {
	if sep == '.' {
		return mavenToken{sep: '.', num: true, val: "0"}
	}
	return mavenToken{sep: '-'}
}

func cmpMaven(a, b mavenVersion) int {
	for k := 0; k < len(a) || k < len(b); k++ {
		var x, y mavenToken
		switch {
		case k >= len(a):
			x, y = mavenPad(b[k].sep), b[k]
		case k >= len(b):
			x, y = a[k], mavenPad(a[k].sep)
		default:
			x, y = a[k], b[k]
		}
		if c := sign(x.rank() - y.rank()); c != 0 {
			return c
		}
		var c int
		if x.num {
			c = cmpDigits(x.val, y.val)
		} else {
			xr, yr := mavenQualifierRank(x.val), mavenQualifierRank(y.val)
			c = sign(xr - yr)
			if c == 0 && xr == len(mavenQualifiers) {
				c = strings.Compare(x.val, y.val)
			}
		}
		if c != 0 {
			return c
		}
	}
	return 0
}
