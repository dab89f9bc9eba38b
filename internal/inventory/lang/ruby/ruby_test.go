package ruby

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

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gem(name, version, loc, id string) inventory.Package {
	return inventory.Package{Name: name, Version: version, Ecosystem: inventory.RubyGems, Location: loc, Extractor: id}
}

func direct(p inventory.Package) inventory.Package { p.Direct = true; return p }

func TestGemfileLock(t *testing.T) {
	e, err := NewGemfileLock(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const id, loc = GemfileLockID, "app/Gemfile.lock"
	tests := []struct {
		name    string
		data    []byte
		want    []inventory.Package
		wantErr bool
	}{
		{
			name: "rails_app_with_platforms",
			data: readTestdata(t, "Gemfile.lock"),
			want: []inventory.Package{
				direct(gem("feature_flags", "0.3.0", loc, id)),
				direct(gem("actionpack", "7.0.8", loc, id)),
				gem("actionview", "7.0.8", loc, id),
				gem("activesupport", "7.0.8", loc, id),
				gem("concurrent-ruby", "1.2.2", loc, id),
				gem("mini_portile2", "2.8.5", loc, id),
				direct(gem("nokogiri", "1.15.4", loc, id)),
				gem("racc", "1.7.3", loc, id),
				gem("rack", "2.2.8", loc, id),
				gem("sassc", "2.4.0", loc, id),
				direct(gem("tzinfo-data", "1.2023.3", loc, id)),
				gem("weird-version", "1.0.0-rc1", loc, id),
			},
		},
		{
			name: "crlf_line_ends",
			data: []byte("GEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    rake (13.1.0)\r\n\r\nDEPENDENCIES\r\n  rake\r\n"),
			want: []inventory.Package{direct(gem("rake", "13.1.0", loc, id))},
		},
		{
			name:    "malformed_spec_keeps_others",
			data:    []byte("GEM\n  specs:\n    rake 13.1.0\n    rack (2.2.8)\n"),
			want:    []inventory.Package{gem("rack", "2.2.8", loc, id)},
			wantErr: true,
		},
		{name: "empty", data: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(loc, tc.data))
			if tc.wantErr {
				var pe *limits.ParseError
				if !errors.As(err, &pe) || pe.Line != 3 {
					t.Errorf("error = %v, want ParseError at line 3", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStripPlatform(t *testing.T) {
	for in, want := range map[string]string{
		"1.15.4-x86_64-linux":       "1.15.4",
		"1.15.4-x86_64-linux-musl":  "1.15.4",
		"1.7.3-java":                "1.7.3",
		"2.4.0-x64-mingw32":         "2.4.0",
		"1.0.0-arm64-darwin":        "1.0.0",
		"1.0.0-universal-darwin-22": "1.0.0",
		"1.0.0-rc1":                 "1.0.0-rc1",
		"1.0.0":                     "1.0.0",
	} {
		if got := stripPlatform(in); got != want {
			t.Errorf("stripPlatform(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGemspec(t *testing.T) {
	e, err := NewGemspec(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const id = GemspecID
	withLicenses := func(p inventory.Package, l ...string) inventory.Package { p.Licenses = l; return p }
	tests := []struct {
		name string
		path string
		data []byte
		want []inventory.Package
	}{
		{
			name: "installed_spec",
			path: "usr/local/bundle/specifications/rack-2.2.8.gemspec",
			data: readTestdata(t, "rack-2.2.8.gemspec"),
			want: []inventory.Package{withLicenses(gem("rack", "2.2.8", "usr/local/bundle/specifications/rack-2.2.8.gemspec", id), "MIT")},
		},
		{
			name: "platform_spec_two_licenses",
			path: "specifications/nokogiri-1.15.4-x86_64-linux.gemspec",
			data: readTestdata(t, "nokogiri-1.15.4-x86_64-linux.gemspec"),
			want: []inventory.Package{withLicenses(gem("nokogiri", "1.15.4", "specifications/nokogiri-1.15.4-x86_64-linux.gemspec", id), "MIT", "Apache-2.0")},
		},
		{
			name: "single_quotes_and_license",
			path: "specifications/x-1.gemspec",
			data: []byte("Gem::Specification.new do |s|\n  s.name = 'x'\n  s.version = Gem::Version.new('1.0')\n  s.license = 'BSD-2-Clause'\nend\n"),
			want: []inventory.Package{withLicenses(gem("x", "1.0", "specifications/x-1.gemspec", id), "BSD-2-Clause")},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(tc.path, tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	lock, err1 := NewGemfileLock(Config{MaxFileSize: 1 << 20})
	spec, err2 := NewGemspec(Config{MaxFileSize: 1 << 20})
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		e         extract.Extractor
		data      []byte
		wantLimit bool
	}{
		{name: "lock_too_large", e: lock, data: bytes.Repeat([]byte("\n"), 1<<20+1), wantLimit: true},
		{name: "spec_too_large", e: spec, data: bytes.Repeat([]byte("x"), 1<<20+1), wantLimit: true},
		{name: "spec_computed_version", e: spec, data: []byte("Gem::Specification.new do |s|\n  s.name = \"x\"\n  s.version = X::VERSION\nend\n")},
		{name: "spec_garbage", e: spec, data: []byte("\x00\xff" + strings.Repeat("s.name = \"", 100))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.e.Extract(context.Background(), input("specifications/x.gemspec", tc.data))
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
			default:
				t.Fatalf("error = %T %v, want a typed error", err, err)
			}
		})
	}
}

func TestRequired(t *testing.T) {
	lock, _ := NewGemfileLock(Config{})
	spec, _ := NewGemspec(Config{})
	tests := []struct {
		name string
		e    extract.Extractor
		path string
		want bool
	}{
		{"gemfile_lock", lock, "app/Gemfile.lock", true},
		{"gems_locked", lock, "gems.locked", true},
		{"gemfile", lock, "Gemfile", false},
		{"installed_spec", spec, "usr/lib/ruby/gems/3.2.0/specifications/rack-2.2.8.gemspec", true},
		{"source_gemspec", spec, "src/rack/rack.gemspec", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Required(tc.path, 100, 0o644); got != tc.want {
				t.Errorf("Required(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
}
