package rust

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

var fuzzConfig = Config{MaxFileSize: 1 << 20, MaxDepth: 50, MaxSectionSize: 1 << 20}

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
	// A package takes more than one byte of a Cargo.lock; a compressed
	// section can hold at most fuzzConfig.MaxSectionSize bytes of JSON.
	if len(pkgs) > len(data) && len(pkgs) > int(fuzzConfig.MaxSectionSize) {
		t.Fatalf("%d packages from %d bytes", len(pkgs), len(data))
	}
	for _, p := range pkgs {
		if p.Name == "" || p.Version == "" || p.Ecosystem != inventory.CratesIO || p.Extractor != e.ID() || p.Location != path {
			t.Fatalf("bad package %+v", p)
		}
	}
}

func FuzzCargoLock(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.lock")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`a = ['''x''''', [[{b=[1]}]]]`))
	e, err := NewCargoLock(fuzzConfig)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := e.Extract(context.Background(), input("Cargo.lock", data))
		checkFuzzResult(t, e, "Cargo.lock", data, pkgs, err)
	})
}

func FuzzCargoAuditable(f *testing.F) {
	section := zlibBytes(f, []byte(auditJSON))
	f.Add(buildELF(f, ".dep-v0", section))
	f.Add(buildPE(f, ".dep-v0", section))
	f.Add(buildMachO(f, "__DATA", ".dep-v0", section))
	f.Add(buildELF(f, ".dep-v0", []byte("not zlib")))
	e, err := NewCargoAuditable(fuzzConfig)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := e.Extract(context.Background(), input("usr/bin/x", data))
		checkFuzzResult(t, e, "usr/bin/x", data, pkgs, err)
	})
}
