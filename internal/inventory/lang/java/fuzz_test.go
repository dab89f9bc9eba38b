package java

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// fuzzConfig keeps fuzzing fast and its memory small.
var fuzzConfig = Config{
	MaxFileSize:       1 << 20,
	MaxDepth:          50,
	MaxElements:       10_000,
	MaxArchiveEntries: 1000,
	MaxEntrySize:      64 << 10,
	MaxNestedSize:     1 << 20,
	MaxExpandedBytes:  4 << 20,
}

func seedTestdata(f *testing.F, pattern string) {
	f.Helper()
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

// checkFuzzResult asserts what holds for any input: errors are typed, and
// every package is complete and located under the scanned path.
func checkFuzzResult(t *testing.T, e extract.Extractor, path string, data []byte, pkgs []inventory.Package, err error) {
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
		if p.Name == "" || p.Version == "" || p.Ecosystem != inventory.Maven || p.Extractor != e.ID() || !strings.HasPrefix(p.Location, path) {
			t.Fatalf("bad package %+v", p)
		}
	}
}

func FuzzPOM(f *testing.F) {
	seedTestdata(f, "*.xml")
	f.Add([]byte(`<project><properties><a>${a}</a></properties><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>${a}</version></dependency></dependencies></project>`))
	e, err := NewPOM(fuzzConfig)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := e.Extract(context.Background(), input("pom.xml", data))
		checkFuzzResult(t, e, "pom.xml", data, pkgs, err)
	})
}

func FuzzGradleLock(f *testing.F) {
	seedTestdata(f, "*.lockfile")
	e, err := NewGradleLock(fuzzConfig)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := e.Extract(context.Background(), input("gradle.lockfile", data))
		checkFuzzResult(t, e, "gradle.lockfile", data, pkgs, err)
	})
}

func FuzzJAR(f *testing.F) {
	inner := buildZip(f, pomProps("g", "inner", "1"))
	f.Add(buildZip(f, pomProps("g", "a", "1"), zentry{name: "lib/inner-1.jar", data: inner}, zentry{name: "lib/s.jar", data: inner, store: true}))
	f.Add(buildZip(f, manifest("Bundle-SymbolicName: x;singleton:=true", "Bundle-Version: 1")))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	e, err := NewJAR(fuzzConfig)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := e.Extract(context.Background(), input("x-1.0.jar", data))
		checkFuzzResult(t, e, "x-1.0.jar", data, pkgs, err)
	})
}
