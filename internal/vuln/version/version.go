// Package version compares package versions the way each ecosystem orders
// them: dpkg (Debian, Ubuntu), apk (Alpine, Wolfi), rpm (Red Hat and its
// rebuilds, SUSE), SemVer 2.0 (npm, crates.io, NuGet), Composer (Packagist),
// PEP 440 (PyPI), Maven, Go modules and toolchains, and RubyGems.
//
// Every comparer parses both versions first and reports a version that is
// not valid for its scheme as a *limits.ParseError whose message names the
// scheme and the version; a version longer than MaxLen bytes is rejected
// with a *limits.LimitError before it is parsed, so the work per comparison
// is bounded. Comparers are plain values without state, safe for concurrent
// use.
package version

import (
	"errors"
	"fmt"
	"strings"

	"github.com/wardsec/ward/internal/limits"
)

// MaxLen is the longest version, in bytes, any comparer accepts.
const MaxLen = 256

// ErrUnsupported is wrapped by Compare for an ecosystem without a comparer.
var ErrUnsupported = errors.New("no version comparer for ecosystem")

// Comparer orders the versions of one scheme.
type Comparer interface {
	// Compare returns -1, 0 or +1 as a sorts before, equal to or after b,
	// or an error (*limits.ParseError, *limits.LimitError) when either is
	// not a valid version of the scheme.
	Compare(a, b string) (int, error)
	// Validate reports whether v is a valid version of the scheme.
	Validate(v string) error
}

// Compile-time guards: every scheme is a Comparer.
var (
	_ Comparer = Dpkg{}
	_ Comparer = APK{}
	_ Comparer = RPM{}
	_ Comparer = SemVer{}
	_ Comparer = Packagist{}
	_ Comparer = PEP440{}
	_ Comparer = Maven{}
	_ Comparer = Go{}
	_ Comparer = RubyGems{}
)

// For returns the comparer of an OSV ecosystem string. The part after the
// first ":" (the release, "Debian:12", "Alpine:v3.19") is ignored.
func For(ecosystem string) (Comparer, bool) {
	name, _, _ := strings.Cut(ecosystem, ":")
	switch name {
	case "Debian", "Ubuntu":
		return Dpkg{}, true
	case "Alpine", "Wolfi", "Chainguard":
		return APK{}, true
	case "Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE", "Mageia", "openEuler":
		return RPM{}, true
	case "npm":
		return SemVer{Flavor: NPM}, true
	case "crates.io":
		return SemVer{Flavor: Strict}, true
	case "NuGet":
		return SemVer{Flavor: NuGet}, true
	case "Packagist":
		return Packagist{}, true
	case "PyPI":
		return PEP440{}, true
	case "Maven":
		return Maven{}, true
	case "Go":
		return Go{}, true
	case "RubyGems":
		return RubyGems{}, true
	}
	return nil, false
}

// Supported reports whether the ecosystem has a comparer.
func Supported(ecosystem string) bool {
	_, ok := For(ecosystem)
	return ok
}

// Compare compares two versions of one ecosystem (OSV ecosystem string; the
// part after ":" is ignored, so "Debian:12" uses dpkg rules). It returns -1,
// 0, +1, or an error (*limits.ParseError naming the version) when a version
// is not valid for the ecosystem, a *limits.LimitError when one is longer
// than MaxLen, and an error wrapping ErrUnsupported for an unknown
// ecosystem.
func Compare(ecosystem, a, b string) (int, error) {
	c, ok := For(ecosystem)
	if !ok {
		return 0, fmt.Errorf("compare versions: %w %q", ErrUnsupported, ecosystem)
	}
	return c.Compare(a, b)
}

// checkLen rejects versions longer than MaxLen.
func checkLen(v string) error {
	if len(v) > MaxLen {
		return &limits.LimitError{What: "version length", Limit: MaxLen}
	}
	return nil
}

// parseErr builds the error for an invalid version. col is the 1-based
// byte offset of the problem, 0 when it is the whole version.
func parseErr(scheme, v string, col int, msg string) error {
	if col > 0 {
		msg = fmt.Sprintf("%s (at byte %d)", msg, col)
	}
	return &limits.ParseError{Msg: fmt.Sprintf("invalid %s version %q: %s", scheme, v, msg)}
}

// compareBoth parses a and b with parse and compares them with cmp.
func compareBoth[T any](a, b string, parse func(string) (T, error), cmp func(x, y T) int) (int, error) {
	if err := checkLen(a); err != nil {
		return 0, err
	}
	if err := checkLen(b); err != nil {
		return 0, err
	}
	x, err := parse(a)
	if err != nil {
		return 0, err
	}
	y, err := parse(b)
	if err != nil {
		return 0, err
	}
	return cmp(x, y), nil
}

// validate checks the length of v and parses it.
func validate[T any](v string, parse func(string) (T, error)) error {
	if err := checkLen(v); err != nil {
		return err
	}
	_, err := parse(v)
	return err
}

// cmpDigits compares two runs of ASCII digits as unbounded non-negative
// integers ("" counts as 0).
func cmpDigits(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return sign(len(a) - len(b))
	}
	return strings.Compare(a, b)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isDigit(c) || isAlpha(c) }

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// digitsEnd returns the index after the run of digits starting at i.
func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}
