package version

import (
	"strings"
)

// RubyGems compares gem versions as Gem::Version does. A version is
// digits{.alnum}[-alnum{.alnum}] ("-" reads as ".pre."); it is split into
// segments, runs of digits (numbers) and runs of letters (strings); any
// letter makes a pre-release. Trailing zeros are dropped from the numeric
// part before the first string and from the part from it on, then
// segments compare pairwise (missing ones are 0): numbers numerically,
// strings byte-wise, and a string sorts before a number, so "1.0.a" <
// "1.0" and "1.0.a" < "1.0.b" < "1.0.b1" < "1.0".
type RubyGems struct{}

// gemSegment is a number (digits) or a string.
type gemSegment struct {
	num bool
	val string
}

// Compare implements Comparer.
func (RubyGems) Compare(a, b string) (int, error) {
	return compareBoth(a, b, parseGem, cmpGem)
}

// Validate implements Comparer.
func (RubyGems) Validate(v string) error { return validate(v, parseGem) }

func parseGem(in string) ([]gemSegment, error) {
	s := strings.Trim(in, " \t\n\r\f\v")
	if s == "" {
		return nil, parseErr("RubyGems", in, 0, "empty")
	}
	if msg := checkGem(s); msg != "" {
		return nil, parseErr("RubyGems", in, 0, msg)
	}
	var segs []gemSegment
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isDigit(c):
			e := digitsEnd(s, i)
			segs = append(segs, gemSegment{num: true, val: s[i:e]})
			i = e
		case isAlpha(c):
			e := alphaEnd(s, i)
			segs = append(segs, gemSegment{val: s[i:e]})
			i = e
		default:
			if c == '-' {
				// "-" is ".pre."
				segs = append(segs, gemSegment{val: "pre"})
			}
			i++
		}
	}
	return gemCanonical(segs), nil
}

// checkGem matches Gem::Version's pattern:
// [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?
func checkGem(s string) string {
	if !isDigit(s[0]) {
		return "does not start with a digit"
	}
	release, pre, hasPre := strings.Cut(s, "-")
	for _, p := range strings.Split(release, ".") {
		if p == "" {
			return "empty segment"
		}
		for k := 0; k < len(p); k++ {
			if !isAlnum(p[k]) {
				return "invalid character"
			}
		}
	}
	if hasPre {
		for _, p := range strings.Split(pre, ".") {
			if p == "" {
				return "empty segment"
			}
			for k := 0; k < len(p); k++ {
				if !isAlnum(p[k]) && p[k] != '-' {
					return "invalid character"
				}
			}
		}
	}
	return ""
}

func gemIsZero(g gemSegment) bool {
	return g.num && strings.TrimLeft(g.val, "0") == ""
}

// gemCanonical drops trailing zeros of the numeric part and of the part
// from the first string on.
func gemCanonical(segs []gemSegment) []gemSegment {
	split := len(segs)
	for k, g := range segs {
		if !g.num {
			split = k
			break
		}
	}
	trim := func(p []gemSegment) []gemSegment {
		n := len(p)
		for n > 0 && gemIsZero(p[n-1]) {
			n--
		}
		return p[:n]
	}
	out := append([]gemSegment(nil), trim(segs[:split])...)
	return append(out, trim(segs[split:])...)
}

func cmpGem(a, b []gemSegment) int {
	zero := gemSegment{num: true, val: "0"}
	for k := 0; k < len(a) || k < len(b); k++ {
		x, y := zero, zero
		if k < len(a) {
			x = a[k]
		}
		if k < len(b) {
			y = b[k]
		}
		switch {
		case !x.num && y.num:
			return -1
		case x.num && !y.num:
			return 1
		case x.num:
			if c := cmpDigits(x.val, y.val); c != 0 {
				return c
			}
		default:
			if c := strings.Compare(x.val, y.val); c != 0 {
				return c
			}
		}
	}
	return 0
}
