package apk

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newExtractor(t testing.TB, cfg Config) *Extractor {
	t.Helper()
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func input(path string, data []byte) extract.Input {
	return extract.Input{Path: path, Reader: bytes.NewReader(data), Size: int64(len(data)), Mode: 0o644}
}

func pkg(name, version, origin, license string) inventory.Package {
	p := inventory.Package{
		Name: name, Version: version, Ecosystem: inventory.Alpine,
		SourceName: origin, SourceVersion: version,
		Location: InstalledPath, Extractor: ID,
	}
	if license != "" {
		p.Licenses = []string{license}
	}
	return p
}

func TestRequired(t *testing.T) {
	e := newExtractor(t, Config{})
	tests := []struct {
		name string
		path string
		mode fs.FileMode
		want bool
	}{
		{name: "installed", path: "lib/apk/db/installed", want: true},
		{name: "usr_merged", path: "usr/lib/apk/db/installed", want: true},
		{name: "triggers", path: "lib/apk/db/triggers"},
		{name: "nested", path: "x/lib/apk/db/installed"},
		{name: "symlink", path: "lib/apk/db/installed", mode: fs.ModeSymlink},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.Required(tt.path, 10, tt.mode); got != tt.want {
				t.Errorf("Required(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []inventory.Package
	}{
		{
			name: "alpine_3_20_minirootfs",
			file: "installed.alpine-3.20.3",
			want: []inventory.Package{
				pkg("alpine-baselayout", "3.6.5-r0", "alpine-baselayout", "GPL-2.0-only"),
				pkg("alpine-baselayout-data", "3.6.5-r0", "alpine-baselayout", "GPL-2.0-only"),
				pkg("alpine-keys", "2.4-r1", "alpine-keys", "MIT"),
				pkg("apk-tools", "2.14.4-r0", "apk-tools", "GPL-2.0-only"),
				pkg("busybox", "1.36.1-r29", "busybox", "GPL-2.0-only"),
				pkg("busybox-binsh", "1.36.1-r29", "busybox", "GPL-2.0-only"),
				pkg("ca-certificates-bundle", "20240705-r0", "ca-certificates", "MPL-2.0 AND MIT"),
				pkg("libcrypto3", "3.3.2-r0", "openssl", "Apache-2.0"),
				pkg("libssl3", "3.3.2-r0", "openssl", "Apache-2.0"),
				pkg("musl", "1.2.5-r0", "musl", "MIT"),
				pkg("musl-utils", "1.2.5-r0", "musl", "MIT AND BSD-2-Clause AND GPL-2.0-or-later"),
				pkg("scanelf", "1.3.7-r2", "pax-utils", "GPL-2.0-only"),
				pkg("ssl_client", "1.36.1-r29", "busybox", "GPL-2.0-only"),
				pkg("zlib", "1.3.1-r1", "zlib", "Zlib"),
			},
		},
		{
			name: "synthetic",
			file: "installed.synthetic",
			want: []inventory.Package{
				pkg("libfoo", "2.0_git20240101-r3", "libfoo", "GPL2 LGPL2+"),
				pkg("foo-doc", "2.0-r3", "foo", ""),
			},
		},
	}
	e := newExtractor(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(InstalledPath, readTestdata(t, tt.file)))
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	sample := readTestdata(t, "installed.alpine-3.20.3")
	cut := bytes.Index(sample, []byte("P:libssl3\n")) + len("P:libssl3\nV:3.3")
	truncated := sample[:cut]
	ok := "P:ok\nV:1.0-r0\n\n"
	tests := []struct {
		name      string
		data      []byte
		cfg       Config
		wantNames []string
		wantParse *limits.ParseError
		wantLimit *limits.LimitError
	}{
		{
			name:      "truncated_mid_line",
			data:      truncated,
			wantNames: []string{"alpine-baselayout", "alpine-baselayout-data", "alpine-keys", "apk-tools", "busybox", "busybox-binsh", "ca-certificates-bundle", "libcrypto3"},
			wantParse: &limits.ParseError{Path: InstalledPath, Line: bytes.Count(truncated, []byte("\n")) + 1, Col: len("V:3.3") + 1, Msg: msgTruncated},
		},
		{
			name:      "binary_garbage",
			data:      []byte(ok + "\x7fELF\x02\x01\x01\x00\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: InstalledPath, Line: 4, Col: 1, Msg: `expected "K:value"`},
		},
		{
			name:      "missing_name",
			data:      []byte(ok + "V:1-r0\nF:usr\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: InstalledPath, Line: 4, Col: 1, Msg: "package without P: (name)"},
		},
		{
			name:      "missing_version",
			data:      []byte(ok + "P:x\nF:usr\n\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: InstalledPath, Line: 4, Col: 1, Msg: "package x without V: (version)"},
		},
		{
			name:      "duplicate_name",
			data:      []byte(ok + "P:x\nV:1-r0\nP:y\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: InstalledPath, Line: 6, Col: 1, Msg: "duplicate P: in package starting line 4"},
		},
		{
			name:      "invalid_version",
			data:      []byte(ok + "P:x\nV:abc def\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: InstalledPath, Line: 5, Col: 3, Msg: `invalid version "abc def"`},
		},
		{
			name:      "invalid_origin",
			data:      []byte(ok + "P:x\nV:1-r0\no:a b\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: InstalledPath, Line: 6, Col: 3, Msg: `invalid origin "a b"`},
		},
		{
			name:      "file_over_cap",
			data:      []byte(ok + ok),
			cfg:       Config{MaxFileSize: int64(len(ok) + 3)},
			wantNames: []string{"ok"},
			wantLimit: &limits.LimitError{What: InstalledPath + ": file size", Limit: int64(len(ok) + 3)},
		},
		{
			name:      "too_many_packages",
			data:      []byte(ok + ok + ok),
			cfg:       Config{MaxPackages: 2},
			wantNames: []string{"ok", "ok"},
			wantLimit: &limits.LimitError{What: InstalledPath + ": packages", Limit: 2},
		},
		{
			name:      "line_too_long",
			data:      []byte(ok + "P:x\nT:" + strings.Repeat("a", DefaultMaxLineLength) + "\n"),
			wantNames: []string{"ok"},
			wantLimit: &limits.LimitError{What: InstalledPath + ":5: line length", Limit: DefaultMaxLineLength},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := newExtractor(t, tt.cfg).Extract(context.Background(), input(InstalledPath, tt.data))
			var names []string
			for _, p := range got {
				names = append(names, p.Name)
			}
			if diff := cmp.Diff(tt.wantNames, names); diff != "" {
				t.Errorf("packages read before the error (-want +got):\n%s", diff)
			}
			if tt.wantParse != nil {
				var pe *limits.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v (%T) is not a *limits.ParseError", err, err)
				}
				if diff := cmp.Diff(tt.wantParse, pe); diff != "" {
					t.Errorf("ParseError (-want +got):\n%s", diff)
				}
			}
			if tt.wantLimit != nil {
				var le *limits.LimitError
				if !errors.As(err, &le) {
					t.Fatalf("error %v (%T) is not a *limits.LimitError", err, err)
				}
				if diff := cmp.Diff(tt.wantLimit, le); diff != "" {
					t.Errorf("LimitError (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestExtractHostileBounded proves a file far over the cap is hostile and
// that only the cap is read.
func TestExtractHostileBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 4<<20; i++ {
		b.WriteString("P:p" + strconv.Itoa(i) + "\nV:1-r0\nF:usr/lib\n\n")
	}
	data := []byte(b.String())
	all, err := newExtractor(t, Config{MaxPackages: 1 << 30}).Extract(context.Background(), input(InstalledPath, data))
	if err != nil || len(all) < 100_000 {
		t.Fatalf("fixture not hostile: %d packages, err %v", len(all), err)
	}
	const cap = 64 << 10
	got, err := newExtractor(t, Config{MaxFileSize: cap}).Extract(context.Background(), input(InstalledPath, data))
	var le *limits.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T) is not a *limits.LimitError", err, err)
	}
	if len(got) == 0 || len(got) > cap/len("P:p\nV:1-r0\nF:usr/lib\n\n") {
		t.Errorf("got %d packages from a %d-byte cap", len(got), cap)
	}
}

func TestExtractCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newExtractor(t, Config{}).Extract(ctx, input(InstalledPath, readTestdata(t, "installed.alpine-3.20.3")))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"installed.alpine-3.20.3", "installed.synthetic"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte("P:x\nV:1-r0\no:y\nL:MIT\n\nP:z\n"))
	e := newExtractor(f, Config{MaxFileSize: 1 << 20})
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := e.Extract(context.Background(), input(InstalledPath, data))
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %v (%T)", err, err)
			}
			if pe != nil && pe.Line < 1 {
				t.Fatalf("ParseError without line: %+v", pe)
			}
		}
		if len(pkgs) > bytes.Count(data, []byte("\n"))/2+1 {
			t.Fatalf("%d packages from %d lines", len(pkgs), bytes.Count(data, []byte("\n")))
		}
		for _, p := range pkgs {
			if !validName(p.Name) || !validVersion(p.Version) || !validName(p.SourceName) {
				t.Fatalf("invalid package %+v", p)
			}
		}
	})
}
