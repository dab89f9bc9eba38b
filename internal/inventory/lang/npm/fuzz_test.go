package npm

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// checkResult asserts what every extraction must satisfy: a typed error,
// and packages bounded by the input and fully filled in.
func checkResult(t *testing.T, data []byte, id string, pkgs []inventory.Package, err error) {
	t.Helper()
	if err != nil {
		var pe *limits.ParseError
		var le *limits.LimitError
		if !errors.As(err, &pe) && !errors.As(err, &le) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
		if pe != nil && (pe.Line < 0 || pe.Col < 0) {
			t.Fatalf("negative position: %v", err)
		}
	}
	if len(pkgs) > len(data) {
		t.Fatalf("%d packages from %d bytes", len(pkgs), len(data))
	}
	for _, p := range pkgs {
		if p.Name == "" || p.Version == "" || p.Ecosystem != inventory.NPM || p.Extractor != id || p.Location == "" {
			t.Fatalf("incomplete package %+v", p)
		}
	}
}

func fuzzExtractor(f *testing.F, ex extract.Extractor, path string, seeds ...string) {
	for _, pattern := range seeds {
		paths, err := filepath.Glob(filepath.Join("testdata", pattern))
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := ex.Extract(context.Background(), input(path, data))
		checkResult(t, data, ex.ID(), pkgs, err)
	})
}

func FuzzPackageLock(f *testing.F) {
	ex, err := NewPackageLock(Config{MaxFileSize: 1 << 16})
	if err != nil {
		f.Fatal(err)
	}
	fuzzExtractor(f, ex, "package-lock.json", "package-lock-*.json")
}

func FuzzYarnLock(f *testing.F) {
	ex, err := NewYarnLock(Config{MaxFileSize: 1 << 16})
	if err != nil {
		f.Fatal(err)
	}
	fuzzExtractor(f, ex, "yarn.lock", "yarn-*.lock")
}

func FuzzPnpmLock(f *testing.F) {
	ex, err := NewPnpmLock(Config{MaxFileSize: 1 << 16})
	if err != nil {
		f.Fatal(err)
	}
	fuzzExtractor(f, ex, "pnpm-lock.yaml", "pnpm-lock-*.yaml")
}

func FuzzNodeModules(f *testing.F) {
	ex, err := NewNodeModules(Config{MaxFileSize: 1 << 16})
	if err != nil {
		f.Fatal(err)
	}
	fuzzExtractor(f, ex, "node_modules/x/package.json", "node-modules-*.json")
}

// yamlBomb builds a billion-laughs document: levels of anchors, each
// aliasing the previous one ten times, under the given top-level key.
func yamlBomb(key string, levels int) string {
	var b strings.Builder
	b.WriteString(key + ":\n  a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// TestHostile feeds inputs that expand far beyond their size (10^9 aliased
// strings) or nest far beyond any lockfile, and asserts a typed error and
// bounded allocation.
func TestHostile(t *testing.T) {
	lock, _ := NewPackageLock(Config{})
	yarn, _ := NewYarnLock(Config{})
	pnpm, _ := NewPnpmLock(Config{})
	const levels = 9 // 10^9 leaves when expanded
	tests := []struct {
		name    string
		ex      extract.Extractor
		data    string
		wantErr bool
	}{
		{"pnpm_alias_bomb", pnpm, "lockfileVersion: '9.0'\n" + yamlBomb("packages", levels), true},
		// Berry entries are decoded field by field, so the bomb is never
		// expanded: no error, no packages.
		{"berry_alias_bomb", yarn, "__metadata:\n  version: 8\n" + yamlBomb("\"a@npm:1\"", levels), false},
		{"lock_deep_nesting", lock, `{"packages":` + strings.Repeat(`{"a":`, 100_000) + strings.Repeat("}", 100_001), true},
		{"lock_v1_deep_tree", lock, `{"dependencies":` + strings.Repeat(`{"a":{"version":"1.0.0","dependencies":`, 5_000) + "{}" + strings.Repeat("}}", 5_000) + "}", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) > limits.DefaultMaxFileSize {
				t.Fatalf("fixture of %d bytes is over the file size limit", len(tc.data))
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			got, err := tc.ex.Extract(context.Background(), input("f", []byte(tc.data)))
			runtime.ReadMemStats(&after)
			if got != nil {
				t.Errorf("packages = %d, want none", len(got))
			}
			var pe *limits.ParseError
			var le *limits.LimitError
			if tc.wantErr && !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("error = %v, want a typed error", err)
			}
			if !tc.wantErr && err != nil {
				t.Fatalf("error = %v, want none", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("allocated %d MiB for a %d-byte input", alloc>>20, len(tc.data))
			}
		})
	}
}
