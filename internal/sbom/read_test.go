package sbom

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	packageurl "github.com/package-url/packageurl-go"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

func readFile(t *testing.T, name string) (*inventory.Inventory, Format) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "read", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inv, format, err := Read(f)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return inv, format
}

func TestReadThirdParty(t *testing.T) {
	for _, tt := range []struct {
		name   string
		file   string
		format Format
		distro *inventory.Distro
		want   []keyFacts
	}{
		{
			name: "cyclonedx_1_4", file: "cyclonedx-1.4.json", format: CycloneDX,
			distro: &inventory.Distro{ID: "debian", VersionID: "12.5", PrettyName: "Debian GNU/Linux 12 (bookworm)"},
			want: []keyFacts{
				{"app.jar", "1.0.0", "", ""},
				{"left-pad", "1.3.0", "", ""},
				{"tzdata", "2024a-0+deb12u1", "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all", "Debian:12"},
				{"zlib1g", "1:1.2.13.dfsg-1", "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12.5&upstream=zlib%401%3A1.2.13.dfsg-1", "Debian:12"},
				{"com.fasterxml.jackson.core:jackson-databind", "2.15.2", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2", "Maven"},
				{"@angular/core", "17.0.0", "pkg:npm/%40angular/core@17.0.0", "npm"},
			},
		},
		{
			name: "cyclonedx_1_5_alpine", file: "cyclonedx-1.5-alpine.json", format: CycloneDX,
			want: []keyFacts{
				{"musl", "1.2.4_git20230717-r4", "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1", "Alpine:v3.19"},
				{"ubuntu-only", "1.0", "pkg:deb/ubuntu/ubuntu-only@1.0?distro=ubuntu-22.04", "Ubuntu:22.04"},
				{"widget", "0.1", "pkg:generic/widget@0.1", ""},
				{"golang.org/x/net", "v0.17.0", "pkg:golang/golang.org/x/net@v0.17.0", "Go"},
				{"requests", "2.31.0", "pkg:pypi/requests@2.31.0", "PyPI"},
			},
		},
		{
			name: "spdx_2_2", file: "spdx-2.2.json", format: SPDX,
			want: []keyFacts{
				{"busybox", "1.36.1-r15", "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1", "Alpine:v3.19"},
				{"serde_json", "1.0.114", "pkg:cargo/serde_json@1.0.114", "crates.io"},
				{"guzzlehttp/guzzle", "7.8.1", "pkg:composer/guzzlehttp/guzzle@7.8.1", "Packagist"},
				{"nokogiri", "1.16.2", "pkg:gem/nokogiri@1.16.2", "RubyGems"},
				{"Serilog", "3.1.1", "pkg:nuget/Serilog@3.1.1", "NuGet"},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			inv, format := readFile(t, tt.file)
			if format != tt.format {
				t.Errorf("format = %q, want %q", format, tt.format)
			}
			if diff := cmp.Diff(tt.distro, inv.Distro); diff != "" {
				t.Errorf("distro (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(sortFacts(tt.want), facts(inv.Packages)); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadKeepsDetails(t *testing.T) {
	inv, _ := readFile(t, "cyclonedx-1.4.json")
	var zlib, leftPad inventory.Package
	for _, p := range inv.Packages {
		switch p.Name {
		case "zlib1g":
			zlib = p
		case "left-pad":
			leftPad = p
		}
	}
	want := inventory.Package{
		Name: "zlib1g", Version: "1:1.2.13.dfsg-1", Ecosystem: "Debian:12",
		PURL:       "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12.5&upstream=zlib%401%3A1.2.13.dfsg-1",
		SourceName: "zlib", SourceVersion: "1:1.2.13.dfsg-1",
		Extractor: "sbom/cyclonedx", Licenses: []string{"Zlib"},
	}
	if diff := cmp.Diff(want, zlib); diff != "" {
		t.Errorf("zlib1g (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"WTFPL OR MIT"}, leftPad.Licenses); diff != "" {
		t.Errorf("left-pad licenses (-want +got):\n%s", diff)
	}
	spdx, _ := readFile(t, "spdx-2.2.json")
	for _, p := range spdx.Packages {
		if p.Name == "busybox" {
			if diff := cmp.Diff([]string{"GPL-2.0-only"}, p.Licenses); diff != "" {
				t.Errorf("busybox licenses (-want +got):\n%s", diff)
			}
			if p.Extractor != "sbom/spdx" {
				t.Errorf("busybox extractor = %q, want sbom/spdx", p.Extractor)
			}
		}
	}
}

// spaceReader yields n spaces (valid JSON whitespace) without holding them.
type spaceReader struct{ n int64 }

func (r *spaceReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = ' '
	}
	r.n -= int64(len(p))
	return len(p), nil
}

func TestReadErrors(t *testing.T) {
	deep := strings.Repeat(`{"a":[`, 5000)
	if strings.Count(deep, "[")+strings.Count(deep, "{") <= limits.DefaultMaxDepth {
		t.Fatal("deep fixture is not deeper than the limit")
	}
	for _, tt := range []struct {
		name string
		in   io.Reader
		// exactly one of these is set
		limit      string // LimitError.What
		parse      bool   // *limits.ParseError
		sentinel   error
		wantFormat Format
	}{
		{name: "too_big", in: &spaceReader{n: MaxSize + 1}, limit: "SBOM size"},
		{name: "deeply_nested", in: strings.NewReader(deep), limit: "SBOM nesting depth"},
		{name: "deeply_nested_in_valid_bom", in: strings.NewReader(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"x","components":` + strings.Repeat(`[{"type":"library","name":"x","components":`, 300) + `[]` + strings.Repeat(`}]`, 300) + `}]}`), limit: "SBOM nesting depth"},
		{name: "empty", in: strings.NewReader(""), parse: true},
		{name: "truncated", in: strings.NewReader(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":`), parse: true},
		{name: "binary_garbage", in: bytes.NewReader([]byte{0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00}), parse: true},
		{name: "wrong_field_type", in: strings.NewReader(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":{"name":"x"}}`), parse: true, wantFormat: CycloneDX},
		{name: "spdx_packages_not_array", in: strings.NewReader(`{"spdxVersion":"SPDX-2.3","packages":"x"}`), parse: true, wantFormat: SPDX},
		{name: "json_array", in: strings.NewReader(`[1,2,3]`), sentinel: ErrUnknownFormat},
		{name: "other_json", in: strings.NewReader(`{"name":"package.json"}`), sentinel: ErrUnknownFormat},
		{name: "bomformat_not_a_string", in: strings.NewReader(`{"bomFormat":1}`), sentinel: ErrUnknownFormat},
		{name: "cyclonedx_1_2", in: strings.NewReader(`{"bomFormat":"CycloneDX","specVersion":"1.2"}`), sentinel: ErrUnsupportedVersion, wantFormat: CycloneDX},
		{name: "spdx_3", in: strings.NewReader(`{"spdxVersion":"SPDX-3.0"}`), sentinel: ErrUnsupportedVersion, wantFormat: SPDX},
	} {
		t.Run(tt.name, func(t *testing.T) {
			inv, format, err := Read(tt.in)
			if inv != nil {
				t.Errorf("inventory = %+v, want nil", inv)
			}
			if format != tt.wantFormat {
				t.Errorf("format = %q, want %q", format, tt.wantFormat)
			}
			var le *limits.LimitError
			var pe *limits.ParseError
			switch {
			case tt.limit != "":
				if !errors.As(err, &le) || le.What != tt.limit {
					t.Errorf("error = %v, want LimitError %q", err, tt.limit)
				}
			case tt.parse:
				if !errors.As(err, &pe) {
					t.Errorf("error = %v (%T), want *limits.ParseError", err, err)
				}
			default:
				if !errors.Is(err, tt.sentinel) {
					t.Errorf("error = %v, want %v", err, tt.sentinel)
				}
			}
		})
	}
}

func TestReadParseErrorPosition(t *testing.T) {
	_, _, err := Read(strings.NewReader("{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": 1.6 x\n}"))
	var pe *limits.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v, want ParseError", err)
	}
	if pe.Line != 3 || pe.Col < 1 {
		t.Errorf("position = %d:%d, want line 3", pe.Line, pe.Col)
	}
}

// TestReadDeepNestingBoundedMemory proves the depth check runs before any
// decoding: a 4 MiB nesting bomb costs little more than its own bytes.
func TestReadDeepNestingBoundedMemory(t *testing.T) {
	bomb := bytes.Repeat([]byte("["), 4<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := Read(bytes.NewReader(bomb))
	runtime.ReadMemStats(&after)
	var le *limits.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("error = %v, want LimitError", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("Read allocated %d bytes for a %d-byte bomb", alloc, len(bomb))
	}
}

func TestPURLEcosystem(t *testing.T) {
	for _, tt := range []struct {
		purl, eco, name string
	}{
		{"pkg:golang/github.com/gin-gonic/gin@v1.9.1", "Go", "github.com/gin-gonic/gin"},
		{"pkg:npm/%40babel/core@7.24.0", "npm", "@babel/core"},
		{"pkg:npm/lodash@4.17.21", "npm", "lodash"},
		{"pkg:pypi/django-rest@3.0", "PyPI", "django-rest"},
		{"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "Maven", "org.apache.logging.log4j:log4j-core"},
		{"pkg:cargo/serde@1.0.0", "crates.io", "serde"},
		{"pkg:gem/rails@7.1.3", "RubyGems", "rails"},
		{"pkg:composer/monolog/monolog@3.5.0", "Packagist", "monolog/monolog"},
		{"pkg:nuget/Newtonsoft.Json@13.0.3", "NuGet", "Newtonsoft.Json"},
		{"pkg:deb/debian/libssl3@3.0.11?distro=debian-12", "Debian:12", "libssl3"},
		{"pkg:deb/debian/libssl3@3.0.11?distro=debian-12.5", "Debian:12", "libssl3"},
		{"pkg:deb/debian/libssl3@3.0.11?distro=bookworm", "Debian:12", "libssl3"},
		{"pkg:deb/debian/libssl3@3.0.11", "Debian", "libssl3"},
		{"pkg:deb/ubuntu/libssl3@3.0.2?distro=ubuntu-22.04", "Ubuntu:22.04", "libssl3"},
		{"pkg:deb/ubuntu/libssl3@3.0.2", "Ubuntu", "libssl3"},
		{"pkg:deb/libssl3@3.0.2?distro=debian-11", "Debian:11", "libssl3"},
		{"pkg:apk/alpine/musl@1.2.4-r2?distro=alpine-3.19.1", "Alpine:v3.19", "musl"},
		{"pkg:apk/alpine/musl@1.2.4-r2", "Alpine", "musl"},
		{"pkg:apk/wolfi/glibc@2.39-r1", "Wolfi", "glibc"},
		{"pkg:rpm/redhat/openssl@3.0.7?distro=rhel-9.2", "Red Hat", "openssl"},
		{"pkg:rpm/rocky/openssl@3.0.7", "Rocky Linux", "openssl"},
		{"pkg:generic/widget@1", "", "widget"},
		{"pkg:rpm/fedora/bash@5", "", "bash"},
	} {
		t.Run(tt.purl, func(t *testing.T) {
			u, err := packageurl.FromString(tt.purl)
			if err != nil {
				t.Fatal(err)
			}
			eco, name := purlEcosystem(u)
			if diff := cmp.Diff([2]string{tt.eco, tt.name}, [2]string{eco, name}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestApplyPURL(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   inventory.Package
		hint string
		want inventory.Package
	}{
		{"pypi_keeps_spelling", inventory.Package{Name: "Django_Rest", PURL: "pkg:pypi/django-rest@3.0"}, "",
			inventory.Package{Name: "Django_Rest", Version: "3.0", PURL: "pkg:pypi/django-rest@3.0", Ecosystem: "PyPI"}},
		{"purl_name_wins", inventory.Package{Name: "Gin", Version: "v1", PURL: "pkg:golang/github.com/gin-gonic/gin@v1.9.1"}, "",
			inventory.Package{Name: "github.com/gin-gonic/gin", Version: "v1", PURL: "pkg:golang/github.com/gin-gonic/gin@v1.9.1", Ecosystem: "Go"}},
		{"invalid_purl_uses_hint", inventory.Package{Name: "x", PURL: "not a purl"}, "npm",
			inventory.Package{Name: "x", PURL: "not a purl", Ecosystem: "npm"}},
		{"unknown_type_uses_hint", inventory.Package{Name: "openssl", PURL: "pkg:rpm/fedora/openssl@3"}, "Red Hat",
			inventory.Package{Name: "openssl", PURL: "pkg:rpm/fedora/openssl@3", Ecosystem: "Red Hat"}},
		{"deb_upstream_without_version", inventory.Package{PURL: "pkg:deb/debian/libssl3@3?upstream=openssl"}, "",
			inventory.Package{Name: "libssl3", Version: "3", PURL: "pkg:deb/debian/libssl3@3?upstream=openssl", Ecosystem: "Debian", SourceName: "openssl"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.in
			applyPURL(&p, tt.hint)
			if diff := cmp.Diff(tt.want, p); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzRead asserts Read never panics, fails only with typed errors, and
// returns no more packages than the input could describe.
func FuzzRead(f *testing.F) {
	for _, dir := range []string{"testdata/read", "testdata/golden"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"x","purl":"pkg:deb/debian/x@1?distro=debian-"}]}`))
	f.Add([]byte(`{"spdxVersion":"SPDX-2.3","packages":[{"SPDXID":"a","externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:npm/%40/"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, format, err := Read(bytes.NewReader(data))
		if err != nil {
			var le *limits.LimitError
			var pe *limits.ParseError
			if !errors.As(err, &le) && !errors.As(err, &pe) && !errors.Is(err, ErrUnknownFormat) && !errors.Is(err, ErrUnsupportedVersion) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if format != CycloneDX && format != SPDX {
			t.Fatalf("format = %q with no error", format)
		}
		if inv == nil {
			t.Fatal("nil inventory with no error")
		}
		// Every package needs at least a few bytes of input ("{}").
		if len(inv.Packages) > len(data)/2 {
			t.Fatalf("%d packages from %d bytes", len(inv.Packages), len(data))
		}
	})
}
