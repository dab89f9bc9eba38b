package ruby

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

func seedTestdata(f *testing.F, pattern string) {
	f.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func fuzzExtractor(t *testing.T, e extract.Extractor, path string, data []byte) {
	pkgs, err := e.Extract(context.Background(), input(path, data))
	if err != nil {
		var pe *limits.ParseError
		var le *limits.LimitError
		if !errors.As(err, &pe) && !errors.As(err, &le) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
	}
	if len(pkgs) > len(data) {
		t.Fatalf("%d packages from %d bytes", len(pkgs), len(data))
	}
	for _, p := range pkgs {
		if p.Name == "" || p.Version == "" || p.Ecosystem != inventory.RubyGems || p.Extractor != e.ID() || p.Location != path {
			t.Fatalf("bad package %+v", p)
		}
	}
}

func FuzzGemfileLock(f *testing.F) {
	seedTestdata(f, "*.lock")
	e, err := NewGemfileLock(Config{MaxFileSize: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtractor(t, e, "Gemfile.lock", data) })
}

func FuzzGemspec(f *testing.F) {
	seedTestdata(f, "*.gemspec")
	e, err := NewGemspec(Config{MaxFileSize: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtractor(t, e, "specifications/x.gemspec", data) })
}
