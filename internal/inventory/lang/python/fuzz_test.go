package python

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

// checkResult asserts what every extraction must satisfy: a typed error,
// and packages bounded by the input, fully filled in and normalised.
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
		if p.Name == "" || p.Name != Normalize(p.Name) || p.Version == "" ||
			p.Ecosystem != inventory.PyPI || p.Extractor != id || p.Location == "" {
			t.Fatalf("incomplete package %+v", p)
		}
	}
}

func fuzzExtractor(f *testing.F, ex extract.Extractor, path string, seeds ...string) {
	for _, name := range seeds {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := ex.Extract(context.Background(), input(path, data))
		checkResult(t, data, ex.ID(), pkgs, err)
	})
}

var fuzzConfig = Config{MaxFileSize: 1 << 16}

func FuzzRequirements(f *testing.F) {
	fuzzExtractor(f, newExtractors(f, fuzzConfig).req, "requirements.txt", "requirements.txt")
}

func FuzzPoetryLock(f *testing.F) {
	fuzzExtractor(f, newExtractors(f, fuzzConfig).poetry, "poetry.lock", "poetry.lock", "poetry-1.1.lock", "poetry-2.lock")
}

func FuzzPipfileLock(f *testing.F) {
	fuzzExtractor(f, newExtractors(f, fuzzConfig).pipfile, "Pipfile.lock", "Pipfile.lock")
}

func FuzzUVLock(f *testing.F) {
	fuzzExtractor(f, newExtractors(f, fuzzConfig).uv, "uv.lock", "uv.lock")
}

func FuzzDist(f *testing.F) {
	fuzzExtractor(f, newExtractors(f, fuzzConfig).dist, "x.dist-info/METADATA", "METADATA", "METADATA-2.4", "PKG-INFO")
}
