package version

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Go modules reference, "Versions" and "Pseudo-versions":
// https://go.dev/ref/mod#versions, https://go.dev/ref/mod#pseudo-versions
// (a pseudo-version vX.Y.(Z+1)-0.… sorts after vX.Y.Z and before
// vX.Y.(Z+1); vX.Y.Z-pre.0.… after vX.Y.Z-pre; +incompatible is build
// metadata) and https://go.dev/ref/mod#incompatible-versions.
var goOrdered = []string{
	"v0.0.0-20191109021931-daa7c04131f5",
	"v0.0.0-20200101000000-aaaaaaaaaaaa",
	"v0.1.0",
	"v1.2.3",
	"v1.2.4-0.20191109021931-daa7c04131f5",
	"v1.2.4-pre",
	"v1.2.4-pre.0.20191109021931-daa7c04131f5",
	"v1.2.4-pre.1",
	"v1.2.4",
	"v2.0.0+incompatible",
	"v2.0.1",
}

func TestGoOrder(t *testing.T) { testOrder(t, Go{}, goOrdered) }

// Go toolchain versions, https://go.dev/doc/toolchain#version (1.21rc1 <
// 1.21rc2 < 1.21.0 < 1.21.1 < 1.22rc1 < 1.22.0), mapped to SemVer as the Go
// vulnerability database writes them for the "stdlib" and "toolchain"
// modules (https://go.dev/doc/security/vuln/database#go-stdlib): go1.21rc1
// is 1.21.0-rc.1.
var goToolchainOrdered = []string{
	"go1.9beta2",
	"go1.9",
	"go1.20rc1",
	"go1.20",
	"go1.20.1",
	"go1.21rc1",
	"go1.21rc2",
	"go1.21.0",
	"go1.21.1",
	"go1.21.3",
	"go1.22rc1",
	"go1.22.0",
}

func TestGoToolchainOrder(t *testing.T) { testOrder(t, Go{}, goToolchainOrdered) }

func TestGoPairs(t *testing.T) {
	testPairs(t, Go{}, []pair{
		eq("v1.2.3", "1.2.3"), // go.mod and OSV spellings
		eq("v2.0.0+incompatible", "2.0.0"),
		eq("v1", "v1.0.0"),
		eq("v1.2", "v1.2.0"),
		eq("go1.21.3", "1.21.3"),
		eq("go1.21.3", "v1.21.3"),
		eq("go1.22rc1", "1.22rc1"),
		eq("go1.22rc1", "1.22.0-rc.1"),
		eq("go1.20", "1.20.0"),
		eq("go1", "1.0.0"),
		lt("1.22rc1", "1.22.0"),
		gt("1.21.10", "go1.21.9"),
		lt("v1.0.0-alpha", "v1.0.0-alpha.1"),
	})
	testInvalid(t, Go{}, "v1.0.0", []string{
		"", "v", "vv1.0.0", "v01.0.0", "v1.0.0-01", "v1.2-pre", "go", "go2.1", "go1.21.x", "go1.21rc", "go1.021", "latest",
	})
}

func FuzzGo(f *testing.F) { fuzzComparer(f, Go{}, append(goOrdered, goToolchainOrdered...)) }

// PEP 440, "Summary of permitted suffixes and relative ordering":
// https://peps.python.org/pep-0440/#summary-of-permitted-suffixes-and-relative-ordering
var pep440Ordered = []string{
	"1.dev0",
	"1.0.dev456",
	"1.0a1",
	"1.0a2.dev456",
	"1.0a12.dev456",
	"1.0a12",
	"1.0b1.dev456",
	"1.0b2",
	"1.0b2.post345.dev456",
	"1.0b2.post345",
	"1.0rc1.dev456",
	"1.0rc1",
	"1.0",
	"1.0+abc.5",
	"1.0+abc.7",
	"1.0+5",
	"1.0.post456.dev34",
	"1.0.post456",
	"1.0.15",
	"1.1.dev1",
	"1!0.1",
}

func TestPEP440Order(t *testing.T) { testOrder(t, PEP440{}, pep440Ordered) }

func TestPEP440Pairs(t *testing.T) {
	// PEP 440 "Normalization": https://peps.python.org/pep-0440/#normalization
	testPairs(t, PEP440{}, []pair{
		eq("1.0", "1.0.0"),
		eq("1.0", "1"),
		eq("0!1.0", "1.0"),
		eq("1.1RC1", "1.1rc1"),
		eq("1.1.a1", "1.1a1"),
		eq("1.1-a1", "1.1a1"),
		eq("1.0a.1", "1.0a1"),
		eq("1.0alpha1", "1.0a1"),
		eq("1.0beta", "1.0b0"),
		eq("1.0c1", "1.0rc1"),
		eq("1.0pre1", "1.0rc1"),
		eq("1.0preview1", "1.0rc1"),
		eq("1.0-post1", "1.0.post1"),
		eq("1.0_post1", "1.0.post1"),
		eq("1.0post1", "1.0.post1"),
		eq("1.0.post", "1.0.post0"),
		eq("1.0-r4", "1.0.post4"),
		eq("1.0rev4", "1.0.post4"),
		eq("1.0-1", "1.0.post1"),
		eq("1.0-dev", "1.0.dev0"),
		eq("1.0dev1", "1.0.dev1"),
		eq("1.0+ubuntu-1", "1.0+ubuntu.1"),
		eq("1.0+ubuntu_1", "1.0+ubuntu.1"),
		eq("v1.0", "1.0"),
		eq(" 1.0\n", "1.0"),
		eq("1.01", "1.1"),
		eq("1.0+Ubuntu.1", "1.0+ubuntu.1"),
		lt("1.0+ubuntu.1", "1.0+ubuntu.1.1"),
		gt("2!0.1", "1!9.9"),
		lt("1.0.dev1", "1.0a1.dev1"),
		gt("1.0.post1.dev1", "1.0"),
		lt("1.0.post1.dev1", "1.0.post1"),
	})
}

func TestNormalizePEP440(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.1RC1", "1.1rc1"},
		{"1.0a.1", "1.0a1"},
		{"1.0beta", "1.0b0"},
		{"1.0preview2", "1.0rc2"},
		{"1.0-r4", "1.0.post4"},
		{"1.0-1", "1.0.post1"},
		{"1.0-dev", "1.0.dev0"},
		{"v1.0+ubuntu-1", "1.0+ubuntu.1"},
		{"00!09.010", "9.10"},
		{"1!2.0.0a1.post2.dev3+local.7", "1!2.0.0a1.post2.dev3+local.7"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormalizePEP440(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NormalizePEP440(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestPEP440Invalid(t *testing.T) {
	testInvalid(t, PEP440{}, "1.0", []string{
		"", "a", "1.0.", "1.0+", "1.0+a..b", "1.0+a$", "1.0a1a2", "1.0-", "1!", "!1.0", "1.0 1", "1.0.postx", "french toast", "1.0\u212a",
	})
}

func FuzzPEP440(f *testing.F) { fuzzComparer(f, PEP440{}, pep440Ordered) }

// Maven POM reference, "Version Order Specification" and "Version Order
// Testing" (its end-result examples):
// https://maven.apache.org/pom.html#version-order-specification
var mavenOrdered = []string{
	"1.foo", // ".qualifier" sorts first
	"1-alpha-1",
	"1-alpha-2",
	"1-beta-1",
	"1-milestone-1",
	"1-rc-1",
	"1-snapshot",
	"1",
	"1-sp",
	"1-sp-1",
	"1-abc",
	"1-foo2",
	"1-foo10",
	"1-1",
	"1.1",
	"1.1.1",
	"1.2",
	"1.10",
}

func TestMavenOrder(t *testing.T) { testOrder(t, Maven{}, mavenOrdered) }

func TestMavenPairs(t *testing.T) {
	testPairs(t, Maven{}, []pair{
		lt("1", "1.1"),          // number padding
		lt("1-snapshot", "1"),   // qualifier padding
		lt("1", "1-sp"),         // qualifier padding
		lt("1-foo2", "1-foo10"), // "switching" to numeric order
		lt("1.foo", "1-foo"),
		lt("1-foo", "1-1"),
		lt("1-1", "1.1"),
		eq("1.ga", "1-ga"),
		eq("1-ga", "1-0"),
		eq("1-0", "1.0"),
		eq("1.0", "1"),
		gt("1-sp", "1-ga"),
		gt("1-sp.1", "1-ga.1"),
		lt("1-sp-1", "1-ga-1"),
		eq("1-ga-1", "1-1"), // trailing "null" values at each hyphen
		eq("1-a1", "1-alpha-1"),
		// Splitting, replacing and trimming examples.
		eq("1-1.foo-bar1baz-.1", "1-1.foo-bar-1-baz-0.1"),
		eq("1.0.0", "1"),
		eq("1.final", "1"),
		eq("1.release", "1"),
		eq("1.", "1"),
		eq("1-", "1"),
		eq("1.0.0-foo.0.0", "1-foo"),
		eq("1.0.0-0.0.0", "1"),
		eq("1-cr1", "1-rc-1"),
		eq("1.0-SNAPSHOT", "1-snapshot"),
		eq("1.0.Final", "1.0"),
		eq("1b2", "1-beta-2"),
		eq("1m3", "1-milestone-3"),
		lt("1-a", "1-b"), // "a" is alpha only before a number
		lt("2.0.0.RELEASE", "2.0.1"),
		lt("2.17.0", "2.17.1"),
		lt("1.2.3-beta.1", "1.2.3"),
		gt("12345678901234567890", "12345678901234567889"),
	})
	testInvalid(t, Maven{}, "1.0", []string{"", "1.0 beta", "1.0\t", "1.0\u00e9"})
}

func FuzzMaven(f *testing.F) { fuzzComparer(f, Maven{}, mavenOrdered) }

// Gem::Version documentation:
// https://docs.ruby-lang.org/en/master/Gem/Version.html ("1.0.a" is a
// pre-release and sorts before "1.0"; the documented ordering
// 1.0 < 1.0.1 < 1.1 and 1.0.a.2 < 1.0.b1 < 1.0; "-" reads as ".pre.").
var gemOrdered = []string{
	"0.9",
	"1.0.a",
	"1.0.a.2",
	"1.0.a10",
	"1.0.b1",
	"1.0.rc1",
	"1.0",
	"1.0.1",
	"1.1.pre",
	"1.1",
	"1.10",
}

func TestRubyGemsOrder(t *testing.T) { testOrder(t, RubyGems{}, gemOrdered) }

func TestRubyGemsPairs(t *testing.T) {
	testPairs(t, RubyGems{}, []pair{
		eq("1.0", "1"),
		eq("1.0.0", "1"),
		eq("1.0.a", "1.a"),     // trailing zeros of the numeric part dropped
		eq("1.0.a.0", "1.0.a"), // and of the pre-release part
		eq("1.0-1", "1.0.pre.1"),
		eq(" 1.0 ", "1.0"),
		eq("1.01", "1.1"),
		lt("1.0.A", "1.0.a"), // byte order
		lt("1.0.a", "1.0.b"),
		lt("1.0.a", "1.0.a.1"),
		lt("3.2.1.rc1", "3.2.1"),
		gt("3.2.1.1", "3.2.1"),
	})
	testInvalid(t, RubyGems{}, "1.0", []string{"", "a", "1..0", "1.0.", "1.0-", "1.0-a..b", "1.0_1", "1.0 1", ".1"})
}

func FuzzRubyGems(f *testing.F) { fuzzComparer(f, RubyGems{}, gemOrdered) }
