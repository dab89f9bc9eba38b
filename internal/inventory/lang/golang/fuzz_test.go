package golang

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

// checkResult asserts what every extraction must satisfy: a typed error or
// packages that are bounded by the input and fully filled in.
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
		if p.Name == "" || p.Version == "" || p.Ecosystem != inventory.Go || p.Extractor != id || p.Location == "" {
			t.Fatalf("incomplete package %+v", p)
		}
	}
}

func addSeeds(f *testing.F, pattern string) {
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

// FuzzGoMod feeds arbitrary bytes to the go.mod extractor.
func FuzzGoMod(f *testing.F) {
	addSeeds(f, "*.go.mod")
	f.Add([]byte("module m\nreplace a => b v1.0.0\nrequire a v0.1.0\n"))
	ex, err := NewGoMod(Config{MaxFileSize: 1 << 16})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := ex.Extract(context.Background(), input("go.mod", data, 0o644))
		checkResult(t, data, GoModID, pkgs, err)
	})
}

// FuzzGoBinary feeds arbitrary bytes, seeded with executable headers, to the
// Go binary extractor.
func FuzzGoBinary(f *testing.F) {
	f.Add([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00"))
	f.Add([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"))
	f.Add([]byte("\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00\x02\x00\x00\x00"))
	f.Add([]byte("\xca\xfe\xba\xbe\x00\x00\x00\x02"))
	f.Add([]byte("#!/bin/sh\nexit 0\n"))
	ex, err := NewGoBinary(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := ex.Extract(context.Background(), input("bin/x", data, 0o755))
		checkResult(t, data, GoBinaryID, pkgs, err)
	})
}
