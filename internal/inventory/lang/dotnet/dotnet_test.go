package dotnet

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

func nuget(name, version, loc, id string, direct bool) inventory.Package {
	return inventory.Package{Name: name, Version: version, Ecosystem: inventory.NuGet, Location: loc, Extractor: id, Direct: direct}
}

func TestExtract(t *testing.T) {
	lock, err1 := NewNuGetLock(Config{})
	deps, err2 := NewDotnetDeps(Config{})
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		e    extract.Extractor
		path string
		data []byte
		want []inventory.Package
	}{
		{
			name: "nuget_lock_two_frameworks",
			e:    lock,
			path: "src/Orders.Api/packages.lock.json",
			data: readTestdata(t, "packages.lock.json"),
			want: []inventory.Package{
				nuget("Newtonsoft.Json", "13.0.1", "src/Orders.Api/packages.lock.json", NuGetLockID, true),
				nuget("Newtonsoft.Json", "13.0.3", "src/Orders.Api/packages.lock.json", NuGetLockID, true),
				nuget("Serilog", "2.10.0", "src/Orders.Api/packages.lock.json", NuGetLockID, true),
				nuget("System.Text.Encodings.Web", "4.7.1", "src/Orders.Api/packages.lock.json", NuGetLockID, false),
				nuget("System.Text.Encodings.Web", "4.7.2", "src/Orders.Api/packages.lock.json", NuGetLockID, false),
			},
		},
		{
			name: "nuget_lock_direct_in_one_framework",
			e:    lock,
			path: "packages.lock.json",
			data: []byte(`{"version":1,"dependencies":{"a":{"X":{"type":"Transitive","resolved":"1.0"}},"b":{"x":{"type":"Direct","resolved":"1.0"}}}}`),
			want: []inventory.Package{nuget("X", "1.0", "packages.lock.json", NuGetLockID, true)},
		},
		{
			name: "deps_json_with_bom",
			e:    deps,
			path: "app/Orders.Api.deps.json",
			data: readTestdata(t, "Orders.Api.deps.json"),
			want: []inventory.Package{
				nuget("Newtonsoft.Json", "13.0.1", "app/Orders.Api.deps.json", DotnetDepsID, true),
				nuget("System.Text.Encodings.Web", "4.7.1", "app/Orders.Api.deps.json", DotnetDepsID, false),
			},
		},
		{
			name: "deps_json_bad_keys",
			e:    deps,
			path: "x.deps.json",
			data: []byte(`{"libraries":{"NoVersion":{"type":"package"},"/1.0":{"type":"package"},"Trailing/":{"type":"package"},"Ok/2.0":{"type":"package"}}}`),
			want: []inventory.Package{nuget("Ok", "2.0", "x.deps.json", DotnetDepsID, false)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.e.Extract(context.Background(), input(tc.path, tc.data))
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
	lock, err1 := NewNuGetLock(Config{MaxFileSize: 1 << 20})
	deps, err2 := NewDotnetDeps(Config{MaxFileSize: 1 << 20})
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		e         extract.Extractor
		data      []byte
		wantLimit bool
		wantLine  int
	}{
		{name: "lock_too_large", e: lock, data: bytes.Repeat([]byte(" "), 1<<20+1), wantLimit: true},
		{name: "deps_too_large", e: deps, data: bytes.Repeat([]byte(" "), 1<<20+1), wantLimit: true},
		{name: "lock_deep_nesting", e: lock, data: []byte(`{"x":` + strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000) + `}`)},
		{name: "lock_wrong_type", e: lock, data: []byte("{\n\"dependencies\": {\n\"net6.0\": []}}"), wantLine: 3},
		{name: "deps_truncated", e: deps, data: readTestdata(t, "Orders.Api.deps.json")[:300]},
		{name: "deps_garbage", e: deps, data: []byte("\x00\x01\x02")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.e.Extract(context.Background(), input("x.json", tc.data))
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
	lock, _ := NewNuGetLock(Config{})
	deps, _ := NewDotnetDeps(Config{})
	tests := []struct {
		name string
		e    extract.Extractor
		path string
		want bool
	}{
		{"nuget_lock", lock, "src/App/packages.lock.json", true},
		{"packages_config", lock, "src/App/packages.config", false},
		{"deps_json", deps, "app/Orders.Api.deps.json", true},
		{"runtimeconfig", deps, "app/Orders.Api.runtimeconfig.json", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Required(tc.path, 100, 0o644); got != tc.want {
				t.Errorf("Required(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
	if _, err := NewDotnetDeps(Config{MaxFileSize: -1}); err == nil {
		t.Error("negative limit accepted")
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
		if p.Name == "" || p.Version == "" || p.Ecosystem != inventory.NuGet || p.Extractor != e.ID() || p.Location != path {
			t.Fatalf("bad package %+v", p)
		}
	}
}

func FuzzNuGetLock(f *testing.F) {
	f.Add(readTestdata(f, "packages.lock.json"))
	e, err := NewNuGetLock(Config{MaxFileSize: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtractor(t, e, "packages.lock.json", data) })
}

func FuzzDotnetDeps(f *testing.F) {
	f.Add(readTestdata(f, "Orders.Api.deps.json"))
	e, err := NewDotnetDeps(Config{MaxFileSize: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtractor(t, e, "app.deps.json", data) })
}
