package version

import (
	"strings"
)

// SemVerFlavor selects the dialect of SemVer an ecosystem writes.
type SemVerFlavor int

const (
	// Strict is SemVer 2.0.0 as written (crates.io): MAJOR.MINOR.PATCH,
	// no leading zeros in numbers, no prefix.
	Strict SemVerFlavor = iota
	// NPM is node-semver's strict grammar after its leading "v" and "="
	// (and blanks) are dropped: "=v1.2.3" is 1.2.3.
	NPM
	// NuGet is NuGet's SemVer 2.0 superset: one to four numeric parts
	// (missing parts are 0: "1.0" = "1.0.0.0"), leading zeros allowed,
	// pre-release labels compared case-insensitively.
	NuGet
)

// SemVer compares Semantic Versioning 2.0.0 versions by precedence: the
// numeric parts numerically, then a version with a pre-release sorts before
// the same version without one; pre-release identifiers compare one by one,
// numbers numerically and before alphanumerics, alphanumerics in ASCII
// order, and a shorter list first when all else is equal. Build metadata
// ("+...") is ignored.
type SemVer struct {
	Flavor SemVerFlavor
}

type semVersion struct {
	nums []string // digits, len 3 (4 for NuGet)
	pre  []string
}

// Compare implements Comparer.
func (s SemVer) Compare(a, b string) (int, error) {
	return compareBoth(a, b, s.parse, s.cmp)
}

// Validate implements Comparer.
func (s SemVer) Validate(v string) error { return validate(v, s.parse) }

func (s SemVer) scheme() string {
	switch s.Flavor {
	case NPM:
		return "npm semver"
	case NuGet:
		return "NuGet"
	}
	return "semver"
}

func (s SemVer) parse(v string) (semVersion, error) {
	in := v
	switch s.Flavor {
	case NPM:
		v = strings.TrimSpace(v)
		v = strings.TrimLeft(v, "=v \t")
	case NuGet:
		v = strings.TrimSpace(v)
	}
	opt := semverOptions{minParts: 3, maxParts: 3}
	if s.Flavor == NuGet {
		opt = semverOptions{minParts: 1, maxParts: 4, leadingZeros: true, fold: true}
	}
	sv, msg := parseSemVer(v, opt)
	if msg != "" {
		return sv, parseErr(s.scheme(), in, 0, msg)
	}
	return sv, nil
}

func (s SemVer) cmp(a, b semVersion) int {
	return cmpSemVer(a, b)
}

type semverOptions struct {
	minParts, maxParts int
	leadingZeros       bool // in numeric parts and identifiers
	fold               bool // lower-case pre-release identifiers
}

// parseSemVer parses core[-pre][+build]; the core is padded with zeros to
// opt.maxParts parts. It returns a message when v is invalid.
func parseSemVer(v string, opt semverOptions) (semVersion, string) {
	var sv semVersion
	if v == "" {
		return sv, "empty"
	}
	core, build, hasBuild := strings.Cut(v, "+")
	if hasBuild {
		if msg := checkIdents(build, true, true); msg != "" {
			return sv, "build metadata: " + msg
		}
	}
	core, pre, hasPre := strings.Cut(core, "-")
	if hasPre {
		if msg := checkIdents(pre, opt.leadingZeros, false); msg != "" {
			return sv, "pre-release: " + msg
		}
		if opt.fold {
			pre = strings.ToLower(pre)
		}
		sv.pre = strings.Split(pre, ".")
	}
	parts := strings.Split(core, ".")
	if len(parts) < opt.minParts || len(parts) > opt.maxParts {
		if opt.minParts == opt.maxParts {
			return sv, "want MAJOR.MINOR.PATCH"
		}
		return sv, "wrong number of numeric parts"
	}
	for _, p := range parts {
		if !allDigits(p) {
			return sv, "numeric part is not a number"
		}
		if !opt.leadingZeros && len(p) > 1 && p[0] == '0' {
			return sv, "numeric part has a leading zero"
		}
		sv.nums = append(sv.nums, p)
	}
	for len(sv.nums) < opt.maxParts {
		sv.nums = append(sv.nums, "0")
	}
	return sv, ""
}

// checkIdents validates dot-separated identifiers of [0-9A-Za-z-].
func checkIdents(s string, leadingZeros, isBuild bool) string {
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return "empty identifier"
		}
		for i := 0; i < len(id); i++ {
			if !isAlnum(id[i]) && id[i] != '-' {
				return "invalid character in identifier"
			}
		}
		if !isBuild && !leadingZeros && len(id) > 1 && id[0] == '0' && allDigits(id) {
			return "numeric identifier has a leading zero"
		}
	}
	return ""
}

func cmpSemVer(a, b semVersion) int {
	for k := 0; k < len(a.nums) && k < len(b.nums); k++ {
		if c := cmpDigits(a.nums[k], b.nums[k]); c != 0 {
			return c
		}
	}
	return cmpPrerelease(a.pre, b.pre)
}

// cmpPrerelease orders pre-release identifier lists; nil (a release) sorts
// after every pre-release.
func cmpPrerelease(a, b []string) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	for k := 0; k < len(a) && k < len(b); k++ {
		x, y := a[k], b[k]
		xn, yn := allDigits(x), allDigits(y)
		var c int
		switch {
		case xn && yn:
			c = cmpDigits(x, y)
		case xn:
			c = -1
		case yn:
			c = 1
		default:
			c = strings.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	return sign(len(a) - len(b))
}
