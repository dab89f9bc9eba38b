package version

import "testing"

// Semantic Versioning 2.0.0 §11 (precedence) example chains:
// https://semver.org/spec/v2.0.0.html#spec-item-11
var semverOrdered = []string{
	"1.0.0-alpha",
	"1.0.0-alpha.1",
	"1.0.0-alpha.beta",
	"1.0.0-beta",
	"1.0.0-beta.2",
	"1.0.0-beta.11",
	"1.0.0-rc.1",
	"1.0.0",
	"2.0.0",
	"2.1.0",
	"2.1.1",
	"10.0.0",
}

func TestSemVerOrder(t *testing.T) {
	for _, f := range []SemVerFlavor{Strict, NPM, NuGet} {
		testOrder(t, SemVer{Flavor: f}, semverOrdered)
	}
}

func TestSemVerPairs(t *testing.T) {
	// §10: build metadata is ignored for precedence.
	testPairs(t, SemVer{}, []pair{
		eq("1.0.0-alpha+001", "1.0.0-alpha"),
		eq("1.0.0+20130313144700", "1.0.0"),
		eq("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta"),
		lt("1.0.0-Alpha", "1.0.0-alpha"), // ASCII order, case-sensitive
		lt("1.0.0-2", "1.0.0-10"),
		lt("1.0.0-999", "1.0.0-a"), // numeric before alphanumeric
		lt("1.0.0-x-y-z.--", "1.0.0-x-y-z.a"),
		gt("99999999999999999999.0.0", "9999999999999999999.0.0"),
	})
}

func TestSemVerInvalid(t *testing.T) {
	// §2 and §9: no leading zeros, non-empty identifiers.
	testInvalid(t, SemVer{}, "1.0.0", []string{
		"", "1", "1.0", "1.0.0.0", "01.0.0", "1.01.0", "1.0.0-01", "1.0.0-", "1.0.0+", "1.0.0-a..b",
		"1.0.0-a_b", "v1.0.0", "=1.0.0", " 1.0.0", "1.0.0 ", "a.b.c",
	})
}

func FuzzSemVer(f *testing.F) { fuzzComparer(f, SemVer{}, semverOrdered) }

// node-semver: "v" and "=" prefixes and surrounding blanks are dropped
// (https://github.com/npm/node-semver#versions: "A leading "=" or "v"
// character is stripped off and ignored").
func TestNPMPairs(t *testing.T) {
	testPairs(t, SemVer{Flavor: NPM}, []pair{
		eq("v1.2.3", "1.2.3"),
		eq("=1.2.3", "1.2.3"),
		eq("=v1.2.3", " 1.2.3 "),
		lt("v1.2.3-beta.1", "1.2.3"),
		eq("1.2.3+build", "1.2.3"),
	})
	testInvalid(t, SemVer{Flavor: NPM}, "1.2.3", []string{"", "v", "1.2", "1.2.3.4", "01.2.3", "1.2.3-01", "x1.2.3"})
}

func FuzzNPM(f *testing.F) { fuzzComparer(f, SemVer{Flavor: NPM}, semverOrdered) }

// NuGet package versioning, "Normalized version numbers" and "Semantic
// Versioning 2.0.0" sections:
// https://learn.microsoft.com/en-us/nuget/concepts/package-versioning
// (leading zeros dropped, a zero fourth part dropped, missing parts are
// zero, pre-release labels compared without regard to case; the
// documented order 1.0.1-aaa < 1.0.1-alpha10 < 1.0.1-alpha2 < 1.0.1-beta
// < 1.0.1-open < 1.0.1-rc < 1.0.1-zzz < 1.0.1).
var nugetOrdered = []string{
	"1.0.1-aaa",
	"1.0.1-alpha10",
	"1.0.1-alpha2",
	"1.0.1-beta",
	"1.0.1-open",
	"1.0.1-rc",
	"1.0.1-zzz",
	"1.0.1",
	"1.0.1.1",
	"1.0.2",
}

func TestNuGetOrder(t *testing.T) { testOrder(t, SemVer{Flavor: NuGet}, nugetOrdered) }

func TestNuGetPairs(t *testing.T) {
	testPairs(t, SemVer{Flavor: NuGet}, []pair{
		eq("1.0", "1.0.0"),
		eq("1.0.0.0", "1.0.0"),
		eq("1", "1.0.0.0"),
		eq("1.00", "1.0"),
		eq("1.01.1", "1.1.1"),
		eq("1.0.0-Beta", "1.0.0-beta"),
		eq("1.0.0-RC.1+meta", "1.0.0-rc.1"),
		lt("1.0.0.1-beta", "1.0.0.1"),
		lt("1.0.0-beta.2", "1.0.0-beta.10"),
	})
	testInvalid(t, SemVer{Flavor: NuGet}, "1.0", []string{"", "1.0.0.0.0", "1.a", "v1.0", "1.0-", "1..0"})
}

func FuzzNuGet(f *testing.F) { fuzzComparer(f, SemVer{Flavor: NuGet}, nugetOrdered) }

// Composer versions, https://getcomposer.org/doc/articles/versions.md and
// PHP's version_compare, https://www.php.net/manual/en/function.version-compare.php
// ("dev" < "alpha" = "a" < "beta" = "b" < "RC" = "rc" < "#" < "pl" = "p").
var packagistOrdered = []string{
	"1.0.0-dev",
	"1.0.0-alpha1",
	"1.0.0-alpha2",
	"1.0.0-beta1",
	"1.0.0-RC1",
	"1.0.0-RC2",
	"1.0.0",
	"1.0.0-p1",
	"1.0.0.1",
	"1.0.1",
	"1.2",
	"1.10",
	"2.0.0-beta",
}

func TestPackagistOrder(t *testing.T) { testOrder(t, Packagist{}, packagistOrdered) }

func TestPackagistPairs(t *testing.T) {
	testPairs(t, Packagist{}, []pair{
		eq("v1.0.0", "1.0.0"),
		eq("1.0", "1.0.0.0"),
		eq("1.0.0-beta1", "1.0.0beta1"),
		eq("1.0.0-beta.1", "1.0.0-b1"),
		eq("1.0.0-rc1", "1.0.0-RC1"),
		eq("1.0.0-patch1", "1.0.0-pl1"),
		eq("1.0.0_alpha", "1.0.0+alpha"),
		lt("5.4.0-beta", "5.4.0"),
		lt("5.3.0-dev", "5.3.0-alpha"),
		lt("1.0.0-foo", "1.0.0-dev"), // unknown words before dev
		lt("1.0.0", "1.0.0.0.1"),
		gt("1.0.0-p", "1.0.0"),
	})
	testInvalid(t, Packagist{}, "1.0", []string{"", "1.0 1", "1..0", "1.0/1", "-"})
}

func FuzzPackagist(f *testing.F) { fuzzComparer(f, Packagist{}, packagistOrdered) }
