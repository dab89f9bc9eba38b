package php

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

func input(path string, data []byte) extract.Input {
	return extract.Input{Path: path, Reader: bytes.NewReader(data), Size: int64(len(data)), Mode: 0o644}
}

func TestComposerLock(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("testdata", "composer.lock"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewComposerLock(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const loc = "web/composer.lock"
	pkg := func(name, version string, dev bool, lic ...string) inventory.Package {
		return inventory.Package{Name: name, Version: version, Ecosystem: inventory.Packagist, Location: loc,
			Extractor: ComposerLockID, Dev: dev, Licenses: lic}
	}
	tests := []struct {
		name string
		data []byte
		want []inventory.Package
	}{
		{
			name: "packages_and_dev",
			data: fixture,
			want: []inventory.Package{
				pkg("guzzlehttp/guzzle", "7.4.4", false, "MIT"),
				pkg("symfony/http-kernel", "5.4.21", false, "MIT"),
				pkg("acme/internal-tools", "dev-main", false),
				pkg("phpunit/phpunit", "9.5.20", true, "BSD-3-Clause"),
			},
		},
		{
			name: "string_license_and_missing_fields",
			data: []byte(`{"packages":[{"name":"a/b","version":"V2.0","license":"GPL-2.0-only"},{"name":"c/d"}],"packages-dev":null}`),
			want: []inventory.Package{pkg("a/b", "2.0", false, "GPL-2.0-only")},
		},
		{name: "empty_object", data: []byte(`{}`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(loc, tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestComposerLockErrors(t *testing.T) {
	e, err := NewComposerLock(Config{MaxFileSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		wantLimit bool
		wantLine  int
	}{
		{name: "too_large", data: bytes.Repeat([]byte(" "), 1<<20+1), wantLimit: true},
		{name: "deep_nesting", data: []byte(`{"x":` + strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000) + `}`)},
		{name: "truncated", data: []byte("{\n  \"packages\": [\n    {\"name\": \"a/b\",")},
		{name: "wrong_type", data: []byte("{\n\"packages\": {\"a\": 1}}"), wantLine: 2},
		{name: "binary_garbage", data: []byte("\x00\xff\xfe")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Extract(context.Background(), input("composer.lock", tc.data))
			var pe *limits.ParseError
			var le *limits.LimitError
			switch {
			case errors.As(err, &le):
				if !tc.wantLimit {
					t.Errorf("unexpected LimitError %v", err)
				}
			case errors.As(err, &pe):
				if tc.wantLimit {
					t.Errorf("want LimitError, got %v", err)
				}
				if tc.wantLine != 0 && pe.Line != tc.wantLine {
					t.Errorf("line = %d, want %d (%v)", pe.Line, tc.wantLine, err)
				}
			default:
				t.Fatalf("error = %T %v, want a typed error", err, err)
			}
		})
	}
}

func TestRequired(t *testing.T) {
	e, err := NewComposerLock(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{"composer.lock": true, "a/b/composer.lock": true, "composer.json": false} {
		if got := e.Required(p, 10, 0o644); got != want {
			t.Errorf("Required(%q) = %v, want %v", p, got, want)
		}
	}
	if _, err := NewComposerLock(Config{MaxFileSize: -1}); err == nil {
		t.Error("negative limit accepted")
	}
}

func FuzzComposerLock(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "composer.lock"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"packages":[{"name":"a/b","version":"v1","license":"MIT"}]}`))
	e, err := NewComposerLock(Config{MaxFileSize: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := e.Extract(context.Background(), input("composer.lock", data))
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
			if p.Name == "" || p.Version == "" || p.Extractor != ComposerLockID {
				t.Fatalf("bad package %+v", p)
			}
		}
	})
}
