package dpkg

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

func pkg(name, version, srcName, srcVersion, location string) inventory.Package {
	return inventory.Package{
		Name: name, Version: version, Ecosystem: inventory.Debian,
		SourceName: srcName, SourceVersion: srcVersion,
		Location: location, Extractor: ID,
	}
}

func TestRequired(t *testing.T) {
	e := newExtractor(t, Config{})
	tests := []struct {
		name string
		path string
		mode fs.FileMode
		want bool
	}{
		{name: "status", path: "var/lib/dpkg/status", want: true},
		{name: "status_d_file", path: "var/lib/dpkg/status.d/libssl3", want: true},
		{name: "status_d_md5sums", path: "var/lib/dpkg/status.d/libssl3.md5sums"},
		{name: "status_d_hidden", path: "var/lib/dpkg/status.d/.wh.x"},
		{name: "status_d_nested", path: "var/lib/dpkg/status.d/a/b"},
		{name: "status_old", path: "var/lib/dpkg/status-old"},
		{name: "nested_root", path: "opt/chroot/var/lib/dpkg/status"},
		{name: "leading_slash", path: "/var/lib/dpkg/status"},
		{name: "available", path: "var/lib/dpkg/available"},
		{name: "not_regular", path: "var/lib/dpkg/status", mode: fs.ModeSymlink},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.Required(tt.path, 100, tt.mode); got != tt.want {
				t.Errorf("Required(%q, mode %v) = %v, want %v", tt.path, tt.mode, got, tt.want)
			}
		})
	}
}

func TestExtractDebianSample(t *testing.T) {
	e := newExtractor(t, Config{})
	got, err := e.Extract(context.Background(), input(StatusPath, readTestdata(t, "status.debian")))
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if len(got) != 22 {
		t.Errorf("got %d packages, want 22", len(got))
	}
	byName := map[string]inventory.Package{}
	for _, p := range got {
		byName[p.Name] = p
	}
	want := []inventory.Package{
		pkg("libssl3", "3.0.19-1~deb12u2", "openssl", "3.0.19-1~deb12u2", StatusPath),
		pkg("openssl", "3.0.19-1~deb12u2", "openssl", "3.0.19-1~deb12u2", StatusPath),
		pkg("libc6", "2.36-9+deb12u14", "glibc", "2.36-9+deb12u14", StatusPath),
		// binNMU: the source version differs from the binary version.
		pkg("bash", "5.2.15-2+b8", "bash", "5.2.15-2", StatusPath),
		// Epoch in the binary version, Source with a version.
		pkg("bsdutils", "1:2.38.1-5+deb12u3", "util-linux", "2.38.1-5+deb12u3", StatusPath),
		pkg("zlib1g", "1:1.2.13.dfsg-1", "zlib", "1:1.2.13.dfsg-1", StatusPath),
		pkg("libstdc++6", "12.2.0-14+deb12u1", "gcc-12", "12.2.0-14+deb12u1", StatusPath),
	}
	for _, w := range want {
		if diff := cmp.Diff(w, byName[w.Name]); diff != "" {
			t.Errorf("package %s (-want +got):\n%s", w.Name, diff)
		}
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		path string
		file string
		want []inventory.Package
	}{
		{
			name: "status_states",
			path: StatusPath,
			file: "status.states",
			want: []inventory.Package{
				pkg("adduser", "3.134", "adduser", "3.134", StatusPath),
				pkg("selected-for-removal", "2.0-1+b1", "removal-src", "2.0-1", StatusPath),
				pkg("held", "1:4.5-2", "held", "1:4.5-2", StatusPath),
				pkg("broken-upgrade", "0.9-3", "broken", "0.9-3", StatusPath),
				pkg("just-unpacked", "5.0~rc1-1", "just-unpacked", "5.0~rc1-1", StatusPath),
				pkg("pending-triggers", "2.0", "pending-triggers", "2.0", StatusPath),
				pkg("libmulti1", "1.2-3", "multi", "1.2-3", StatusPath),
			},
		},
		{
			name: "distroless_with_status",
			path: StatusDir + "/libssl3",
			file: "status.d/libssl3",
			want: []inventory.Package{
				pkg("libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2", StatusDir+"/libssl3"),
			},
		},
		{
			name: "distroless_without_status",
			path: StatusDir + "/tzdata",
			file: "status.d/tzdata",
			want: []inventory.Package{
				pkg("tzdata", "2024a-0+deb12u1", "tzdata", "2024a-0+deb12u1", StatusDir+"/tzdata"),
			},
		},
	}
	e := newExtractor(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(tt.path, readTestdata(t, tt.file)))
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExtractCRLFAndWhitespaceSeparators(t *testing.T) {
	data := "Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\n \t\r\nPackage: b\nStatus: install ok installed\nVersion: 2\n"
	got, err := Parse(strings.NewReader(data), StatusPath, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []inventory.Package{pkg("a", "1", "a", "1", StatusPath), pkg("b", "2", "b", "2", StatusPath)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestExtractErrors(t *testing.T) {
	sample := readTestdata(t, "status.debian")
	// Cut in the middle of libssl3's Source line.
	cut := bytes.Index(sample, []byte("Source: openssl\n")) + len("Source: open")
	truncated := sample[:cut]
	truncatedLine := bytes.Count(truncated, []byte("\n")) + 1
	ok := "Package: ok\nStatus: install ok installed\nVersion: 1.0\n\n"

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
			wantNames: []string{"base-files", "bash", "bsdutils", "ca-certificates", "coreutils", "curl", "debian-archive-keyring", "dpkg", "gzip", "libc6", "libcurl4", "libgcc-s1"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: truncatedLine, Col: len("Source: open") + 1, Msg: msgTruncated},
		},
		{
			name:      "binary_garbage",
			data:      append([]byte(ok), 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, '\n'),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 5, Col: 1, Msg: `expected "Field: value"`},
		},
		{
			name:      "garbage_field_name",
			data:      []byte(ok + "Pack\x00age: x\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 5, Col: 5, Msg: `invalid field name "Pack\x00age"`},
		},
		{
			name:      "continuation_first",
			data:      []byte(ok + " continued\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 5, Col: 1, Msg: "continuation line outside a field"},
		},
		{
			name:      "missing_package",
			data:      []byte(ok + "Status: install ok installed\nVersion: 1\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 5, Col: 1, Msg: "paragraph without Package field"},
		},
		{
			name:      "missing_version",
			data:      []byte(ok + "Package: x\nStatus: install ok installed\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 5, Col: 1, Msg: "installed package x without Version field"},
		},
		{
			name:      "bad_status",
			data:      []byte(ok + "Package: x\nStatus: install ok\nVersion: 1\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 6, Col: 9, Msg: `package x: status "install ok" is not "want flag status"`},
		},
		{
			name:      "unknown_status_word",
			data:      []byte(ok + "Package: x\nStatus: install ok exploded\nVersion: 1\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 6, Col: 9, Msg: `package x: unknown status "exploded"`},
		},
		{
			name:      "bad_source",
			data:      []byte(ok + "Package: x\nStatus: install ok installed\nSource: y (1.0\nVersion: 1\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 7, Col: 9, Msg: `package x: source "y (1.0" is not "name (version)"`},
		},
		{
			name:      "bad_version",
			data:      []byte(ok + "Package: x\nStatus: install ok installed\nVersion: 1 2\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 7, Col: 10, Msg: `package x: invalid version "1 2"`},
		},
		{
			name:      "bad_name",
			data:      []byte(ok + "Package: -x\nStatus: install ok installed\nVersion: 1\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 5, Col: 10, Msg: `invalid package name "-x"`},
		},
		{
			name:      "duplicate_field",
			data:      []byte(ok + "Package: x\nVersion: 1\nVersion: 2\n"),
			wantNames: []string{"ok"},
			wantParse: &limits.ParseError{Path: StatusPath, Line: 7, Col: 1, Msg: `duplicate field "Version" in paragraph starting line 5`},
		},
		{
			name:      "file_over_cap_mid_line",
			data:      []byte(ok + ok),
			cfg:       Config{MaxFileSize: int64(len(ok) + 10)},
			wantNames: []string{"ok"},
			wantLimit: &limits.LimitError{What: StatusPath + ": file size", Limit: int64(len(ok) + 10)},
		},
		{
			name:      "file_over_cap_at_paragraph",
			data:      []byte(ok + strings.Replace(ok, "ok\n", "ok2\n", 1)),
			cfg:       Config{MaxFileSize: int64(len(ok))},
			wantNames: []string{"ok"},
			wantLimit: &limits.LimitError{What: StatusPath + ": file size", Limit: int64(len(ok))},
		},
		{
			// Cut after Version, before Source: the package would get the
			// wrong source, so it is dropped.
			name:      "file_over_cap_before_source",
			data:      []byte(ok + "Package: x\nStatus: install ok installed\nVersion: 1\nSource: y\n"),
			cfg:       Config{MaxFileSize: int64(len(ok) + len("Package: x\nStatus: install ok installed\nVersion: 1\n"))},
			wantNames: []string{"ok"},
			wantLimit: &limits.LimitError{What: StatusPath + ": file size", Limit: int64(len(ok) + len("Package: x\nStatus: install ok installed\nVersion: 1\n"))},
		},
		{
			name:      "too_many_packages",
			data:      []byte(ok + strings.Replace(ok, "ok\n", "ok2\n", 1) + strings.Replace(ok, "ok\n", "ok3\n", 1)),
			cfg:       Config{MaxPackages: 2},
			wantNames: []string{"ok", "ok2"},
			wantLimit: &limits.LimitError{What: StatusPath + ": packages", Limit: 2},
		},
		{
			name:      "line_too_long",
			data:      []byte(ok + "Package: x\nDescription: " + strings.Repeat("a", DefaultMaxLineLength) + "\n"),
			wantNames: []string{"ok"},
			wantLimit: &limits.LimitError{What: StatusPath + ":6: line length", Limit: DefaultMaxLineLength},
		},
		{
			name:      "too_many_fields",
			data:      []byte(ok + "Package: x\n" + manyFields(maxFields)),
			wantNames: []string{"ok"},
			wantLimit: &limits.LimitError{What: StatusPath + ":1005: fields in one paragraph", Limit: maxFields},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newExtractor(t, tt.cfg)
			got, err := e.Extract(context.Background(), input(StatusPath, tt.data))
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

func manyFields(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("X-F")
		b.WriteString(strings.Repeat("a", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(strings.Repeat("b", i/26))
		b.WriteString(": v\n")
	}
	return b.String()
}

func TestNewRejectsNegativeLimits(t *testing.T) {
	if _, err := New(Config{MaxFileSize: -1}); err == nil {
		t.Error("New(MaxFileSize: -1) succeeded")
	}
}

func TestExtractCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newExtractor(t, Config{}).Extract(ctx, input(StatusPath, readTestdata(t, "status.debian")))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

// TestExtractHostileBounded proves a file far over the cap is hostile (it
// would yield many packages) and that only the cap is read.
func TestExtractHostileBounded(t *testing.T) {
	para := "Package: p\nStatus: install ok installed\nVersion: 1\n\n"
	var b strings.Builder
	for i := 0; b.Len() < 4<<20; i++ {
		b.WriteString(strings.Replace(para, "p\n", "p"+strconv.Itoa(i)+"\n", 1))
	}
	data := []byte(b.String())
	all, err := newExtractor(t, Config{MaxPackages: 1 << 30}).Extract(context.Background(), input(StatusPath, data))
	if err != nil || len(all) < 1000 {
		t.Fatalf("fixture not hostile: %d packages, err %v", len(all), err)
	}
	const cap = 64 << 10
	got, err := newExtractor(t, Config{MaxFileSize: cap}).Extract(context.Background(), input(StatusPath, data))
	var le *limits.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T) is not a *limits.LimitError", err, err)
	}
	if len(got) == 0 || len(got) > cap/len(para) {
		t.Errorf("got %d packages from a %d-byte cap", len(got), cap)
	}
	allocs := testing.AllocsPerRun(3, func() {
		_, _ = newExtractor(t, Config{MaxFileSize: cap}).Extract(context.Background(), input(StatusPath, data))
	})
	if allocs > 20_000 {
		t.Errorf("%.0f allocations for a %d-byte cap", allocs, cap)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"status.debian", "status.states", "status.d/libssl3", "status.d/tzdata"} {
		f.Add(readTestdata(f, name), strings.HasPrefix(name, "status.d/"))
	}
	f.Add([]byte("Package: x\nStatus: install ok installed\nVersion: 1\nSource: y (2)\n"), false)
	f.Add([]byte("Package: x\n \n\tz\n#c\n"), true)
	e := newExtractor(f, Config{MaxFileSize: 1 << 20})
	f.Fuzz(func(t *testing.T, data []byte, statusDir bool) {
		path := StatusPath
		if statusDir {
			path = StatusDir + "/x"
		}
		pkgs, err := e.Extract(context.Background(), input(path, data))
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %v (%T)", err, err)
			}
			if pe != nil && (pe.Line < 1 || pe.Path != path) {
				t.Fatalf("ParseError without position: %+v", pe)
			}
		}
		if len(pkgs) > bytes.Count(data, []byte("\n"))/3+1 {
			t.Fatalf("%d packages from %d lines", len(pkgs), bytes.Count(data, []byte("\n")))
		}
		for _, p := range pkgs {
			if !validName(p.Name) || !validVersion(p.Version) || !validName(p.SourceName) || !validVersion(p.SourceVersion) {
				t.Fatalf("invalid package %+v", p)
			}
			if p.Location != path || p.Extractor != ID || p.Ecosystem != inventory.Debian {
				t.Fatalf("package %+v lacks location, extractor or ecosystem", p)
			}
		}
	})
}
