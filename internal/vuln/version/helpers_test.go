package version

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wardsec/ward/internal/limits"
)

// pair is one comparison: want is -1, 0 or +1.
type pair struct {
	a, b string
	want int
}

// lt, eq and gt build pairs.
func lt(a, b string) pair { return pair{a, b, -1} }
func eq(a, b string) pair { return pair{a, b, 0} }
func gt(a, b string) pair { return pair{a, b, 1} }

// testPairs checks every pair both ways.
func testPairs(t *testing.T, c Comparer, pairs []pair) {
	t.Helper()
	for _, p := range pairs {
		name := strings.NewReplacer(" ", "_", "/", "_").Replace(p.a + "_vs_" + p.b)
		t.Run(name, func(t *testing.T) {
			got, err := c.Compare(p.a, p.b)
			if err != nil {
				t.Fatalf("Compare(%q, %q): %v", p.a, p.b, err)
			}
			if diff := cmp.Diff(p.want, got); diff != "" {
				t.Errorf("Compare(%q, %q) (-want +got):\n%s", p.a, p.b, diff)
			}
			got, err = c.Compare(p.b, p.a)
			if err != nil {
				t.Fatalf("Compare(%q, %q): %v", p.b, p.a, err)
			}
			if diff := cmp.Diff(-p.want, got); diff != "" {
				t.Errorf("Compare(%q, %q) (-want +got):\n%s", p.b, p.a, diff)
			}
		})
	}
}

// testOrder checks that sorting shuffles of ordered (strictly ascending)
// gives ordered back, and that every pair compares as its positions do.
func testOrder(t *testing.T, c Comparer, ordered []string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 5 {
		got := slices.Clone(ordered)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		var sortErr error
		slices.SortStableFunc(got, func(x, y string) int {
			n, err := c.Compare(x, y)
			if err != nil && sortErr == nil {
				sortErr = err
			}
			return n
		})
		if sortErr != nil {
			t.Fatalf("round %d: %v", round, sortErr)
		}
		if diff := cmp.Diff(ordered, got); diff != "" {
			t.Errorf("round %d: sorted order (-want +got):\n%s", round, diff)
		}
	}
	for i := range ordered {
		for j := range ordered {
			got, err := c.Compare(ordered[i], ordered[j])
			if err != nil {
				t.Fatal(err)
			}
			if want := sign(i - j); got != want {
				t.Errorf("Compare(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

// testInvalid checks that each version is rejected with a *limits.ParseError
// that names it.
func testInvalid(t *testing.T, c Comparer, valid string, bad []string) {
	t.Helper()
	for _, v := range bad {
		t.Run(strings.ReplaceAll("invalid_"+v, " ", "_"), func(t *testing.T) {
			for _, args := range [][2]string{{v, valid}, {valid, v}} {
				_, err := c.Compare(args[0], args[1])
				var pe *limits.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("Compare(%q, %q) error = %v, want *limits.ParseError", args[0], args[1], err)
				}
				if !strings.Contains(pe.Error(), fmt.Sprintf("%q", v)) {
					t.Errorf("error %q does not name %q", pe.Error(), v)
				}
			}
			if err := c.Validate(v); err == nil {
				t.Errorf("Validate(%q) = nil, want error", v)
			}
		})
	}
}

// fuzzComparer checks the comparer's contract on arbitrary input: no
// panic, a LimitError past MaxLen, Compare(a, a) == 0 for valid a,
// antisymmetry, agreement with Validate, and bounded time.
func fuzzComparer(f *testing.F, c Comparer, seeds []string) {
	for i, a := range seeds {
		f.Add(a, seeds[(i+1)%len(seeds)])
	}
	f.Add(strings.Repeat("1.", 200), strings.Repeat("1-", 200))
	f.Fuzz(func(t *testing.T, a, b string) {
		start := time.Now()
		ab, errAB := c.Compare(a, b)
		ba, errBA := c.Compare(b, a)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("Compare took %v", d)
		}
		for _, v := range []string{a, b} {
			if len(v) > MaxLen {
				var le *limits.LimitError
				if _, err := c.Compare(v, v); !errors.As(err, &le) {
					t.Fatalf("Compare of %d bytes: error %v, want *limits.LimitError", len(v), err)
				}
			}
		}
		validA, validB := c.Validate(a) == nil, c.Validate(b) == nil
		if (errAB == nil) != (validA && validB) || (errBA == nil) != (errAB == nil) {
			t.Fatalf("errors disagree: Compare(a,b)=%v Compare(b,a)=%v Validate(a) ok=%v Validate(b) ok=%v", errAB, errBA, validA, validB)
		}
		if errAB != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(errAB, &pe) && !errors.As(errAB, &le) {
				t.Fatalf("untyped error %T: %v", errAB, errAB)
			}
			return
		}
		if ab != -ba {
			t.Fatalf("Compare(%q, %q) = %d but Compare(b, a) = %d", a, b, ab, ba)
		}
		if ab < -1 || ab > 1 {
			t.Fatalf("Compare(%q, %q) = %d", a, b, ab)
		}
		if n, _ := c.Compare(a, a); n != 0 {
			t.Fatalf("Compare(%q, %q) = %d, want 0", a, a, n)
		}
	})
}

func TestCompareEcosystems(t *testing.T) {
	tests := []struct {
		name      string
		ecosystem string
		a, b      string
		want      int
	}{
		{"debian_release_ignored", "Debian:12", "1.0~rc1", "1.0", -1},
		{"ubuntu", "Ubuntu:22.04:LTS", "2:1.0", "1:9", 1},
		{"alpine", "Alpine:v3.19", "1.0_rc1-r0", "1.0-r0", -1},
		{"wolfi", "Wolfi", "1.0-r1", "1.0-r0", 1},
		{"red_hat", "Red Hat", "1:1.0-1.el9", "0:2.0-1.el9", 1},
		{"rocky", "Rocky Linux:9", "1.0~rc1", "1.0", -1},
		{"alma", "AlmaLinux:8", "1.0^git1", "1.0", 1},
		{"opensuse", "openSUSE:Tumbleweed", "1.10", "1.9", 1},
		{"npm", "npm", "v1.0.0-beta", "=1.0.0", -1},
		{"crates", "crates.io", "1.0.0+build", "1.0.0", 0},
		{"nuget", "NuGet", "1.0.0-RC", "1.0.0.0-rc", 0},
		{"packagist", "Packagist", "v1.0.0-beta1", "1.0", -1},
		{"pypi", "PyPI", "1.0-1", "1.0.post1", 0},
		{"maven", "Maven", "1.0-SNAPSHOT", "1.0", -1},
		{"go", "Go", "v1.2.3", "1.2.3", 0},
		{"go_stdlib", "Go", "go1.21.3", "1.21.3", 0},
		{"rubygems", "RubyGems", "1.0.a", "1.0", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !Supported(tt.ecosystem) {
				t.Fatalf("Supported(%q) = false", tt.ecosystem)
			}
			got, err := Compare(tt.ecosystem, tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compare(%q, %q, %q) (-want +got):\n%s", tt.ecosystem, tt.a, tt.b, diff)
			}
		})
	}
}

func TestCompareUnsupported(t *testing.T) {
	for _, eco := range []string{"", "Hex", "debian", "Pub", ":12"} {
		if Supported(eco) {
			t.Errorf("Supported(%q) = true", eco)
		}
		if _, err := Compare(eco, "1", "1"); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Compare(%q) error = %v, want ErrUnsupported", eco, err)
		}
	}
}

func TestCompareTooLong(t *testing.T) {
	long := "1." + strings.Repeat("0", MaxLen)
	for _, eco := range []string{"Debian", "Alpine", "Red Hat", "npm", "NuGet", "crates.io", "Packagist", "PyPI", "Maven", "Go", "RubyGems"} {
		t.Run(strings.ReplaceAll(eco, " ", "_"), func(t *testing.T) {
			for _, args := range [][2]string{{long, "1.0"}, {"1.0", long}} {
				_, err := Compare(eco, args[0], args[1])
				var le *limits.LimitError
				if !errors.As(err, &le) {
					t.Fatalf("error = %v, want *limits.LimitError", err)
				}
				if diff := cmp.Diff(&limits.LimitError{What: "version length", Limit: MaxLen}, le); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestCompareMaxLenBounded checks that versions at the limit, built to be
// expensive, compare quickly enough to run in a loop.
func TestCompareMaxLenBounded(t *testing.T) {
	shapes := []string{
		strings.Repeat("1.", MaxLen/2-1) + "1",
		strings.Repeat("a1", MaxLen/2),
		"1" + strings.Repeat("0", MaxLen-1),
		"1-" + strings.Repeat("~", MaxLen-2),
	}
	for _, eco := range []string{"Debian", "Alpine", "Red Hat", "npm", "NuGet", "Packagist", "PyPI", "Maven", "Go", "RubyGems"} {
		for _, a := range shapes {
			for _, b := range shapes {
				if _, err := Compare(eco, a, b); err != nil {
					var pe *limits.ParseError
					if !errors.As(err, &pe) {
						t.Errorf("%s: untyped error %v", eco, err)
					}
				}
			}
		}
	}
}
