package version

import (
	"strings"
)

// Go compares Go module versions and Go toolchain (stdlib) versions.
//
// Module versions are SemVer 2.0.0 with an optional "v" (go.mod writes
// "v1.2.3", OSV writes "1.2.3"); "+incompatible" and other build metadata
// are ignored, and the shorthands "v1" and "v1.2" mean v1.0.0 and v1.2.0 as
// in golang.org/x/mod/semver. Pseudo-versions need no special case: SemVer
// precedence already orders vX.Y.Z-0.yyyymmddhhmmss-abcdef before vX.Y.Z,
// vX.Y.(Z+1)-0.… after vX.Y.Z and before vX.Y.(Z+1), and vX.Y.Z-pre.0.…
// after vX.Y.Z-pre.
//
// Toolchain versions ("go1.21.3", "go1.22rc1", "1.22rc1", "go1.9beta2")
// are mapped to SemVer as the Go vulnerability database does: go1.N.P →
// 1.N.P, go1.N → 1.N.0, go1.NrcK → 1.N.0-rc.K, go1.NbetaK → 1.N.0-beta.K.
type Go struct{}

// Compare implements Comparer.
func (Go) Compare(a, b string) (int, error) {
	return compareBoth(a, b, parseGo, cmpSemVer)
}

// Validate implements Comparer.
func (Go) Validate(v string) error { return validate(v, parseGo) }

func parseGo(v string) (semVersion, error) {
	if strings.HasPrefix(v, "go") {
		if sv, ok := parseGoToolchain(v[2:]); ok {
			return sv, nil
		}
		return semVersion{}, parseErr("Go", v, 0, "not a Go toolchain version")
	}
	s := strings.TrimPrefix(v, "v")
	sv, msg := parseSemVer(s, semverOptions{minParts: 3, maxParts: 3})
	if msg == "" {
		return sv, nil
	}
	// Shorthand "v1", "v1.2" (no pre-release, no build).
	if n := strings.Count(s, "."); n < 2 && !strings.ContainsAny(s, "-+") {
		if sv2, msg2 := parseSemVer(s, semverOptions{minParts: 1, maxParts: 3}); msg2 == "" {
			return sv2, nil
		}
	}
	if sv, ok := parseGoToolchain(s); ok && v == s {
		return sv, nil
	}
	return sv, parseErr("Go", v, 0, msg)
}

// parseGoToolchain parses a toolchain version without its "go" prefix:
// 1[.N[.P]][(beta|rc)K].
func parseGoToolchain(s string) (semVersion, bool) {
	var sv semVersion
	i := digitsEnd(s, 0)
	if i == 0 || s[:i] != "1" {
		return sv, false
	}
	sv.nums = []string{"1", "0", "0"}
	if i == len(s) {
		return sv, true // "go1"
	}
	if s[i] != '.' {
		return sv, false
	}
	j := digitsEnd(s, i+1)
	if j == i+1 || (s[i+1] == '0' && j > i+2) {
		return sv, false
	}
	sv.nums[1] = s[i+1 : j]
	i = j
	if i < len(s) && s[i] == '.' {
		j = digitsEnd(s, i+1)
		if j == i+1 || (s[i+1] == '0' && j > i+2) {
			return sv, false
		}
		sv.nums[2] = s[i+1 : j]
		return sv, j == len(s)
	}
	if i == len(s) {
		return sv, true
	}
	for _, kind := range []string{"beta", "rc"} {
		if rest, ok := strings.CutPrefix(s[i:], kind); ok {
			if !allDigits(rest) || (rest[0] == '0' && len(rest) > 1) {
				return sv, false
			}
			sv.pre = []string{kind, rest}
			return sv, true
		}
	}
	return sv, false
}
