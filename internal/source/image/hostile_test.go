package image

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

func openV1(t *testing.T, tars [][]byte) *Image {
	t.Helper()
	im, err := FromV1("test", SourceRemote, buildImage(t, tars), false)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

func tarNames(t *testing.T, data []byte) []*tar.Header {
	t.Helper()
	var out []*tar.Header
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, h)
	}
}

// TestWalk_hostile_paths: traversal and absolute names stay inside the
// image root, linked package databases are not read, an absolute
// etc/os-release symlink resolves inside the image.
func TestWalk_hostile_paths(t *testing.T) {
	tars := txtarLayers(t, "hostile.txtar")
	// Prove the fixture is hostile.
	var climbs, absLinks, hardlinks int
	for _, h := range tarNames(t, tars[0]) {
		if strings.Contains(h.Name, "../") || strings.HasPrefix(h.Name, "/") {
			climbs++
		}
		if h.Typeflag == tar.TypeSymlink && strings.HasPrefix(h.Linkname, "/") {
			absLinks++
		}
		if h.Typeflag == tar.TypeLink {
			hardlinks++
		}
	}
	if climbs < 3 || absLinks < 2 || hardlinks < 1 {
		t.Fatalf("fixture not hostile: climbs=%d absLinks=%d hardlinks=%d", climbs, absLinks, hardlinks)
	}

	im := openV1(t, tars)
	inv, errs, err := Inventory(context.Background(), im, extractors(t))
	if err != nil {
		t.Fatalf("Inventory: %v", err)
	}
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	want := []pkgRow{{"lang/gomod", "github.com/escape/dep", "v1.2.3", "srv/go.mod", im.DiffIDs[0]}}
	if diff := cmp.Diff(want, rows(inv)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	wantDistro := &inventory.Distro{ID: "alpine", VersionID: "3.20.3", PrettyName: "Alpine Linux v3.20"}
	if diff := cmp.Diff(wantDistro, inv.Distro); diff != "" {
		t.Errorf("distro (-want +got):\n%s", diff)
	}
}

func TestCleanPath(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"./etc/os-release", "etc/os-release", true},
		{"/etc/passwd", "etc/passwd", true},
		{"../../../etc/passwd", "etc/passwd", true},
		{"a/../../b", "b", true},
		{"a//b/./c/", "a/b/c", true},
		{"./", "", false},
		{"..", "", false},
	}
	for _, tc := range tests {
		got, ok := cleanPath(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("cleanPath(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// gzipBomb is a gzip tar of one file of size zero bytes.
func gzipBomb(t *testing.T, name string, size int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(zw)
	if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Size: size, Mode: 0o644}); err != nil {
		t.Fatal(err)
	}
	zero := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(zero)) {
		if _, err := tw.Write(zero[:min(left, int64(len(zero)))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func allocDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestWalk_decompression_bomb: a small layer that expands far past the
// image cap stops the walk with a LimitError, without allocating the
// expansion.
func TestWalk_decompression_bomb(t *testing.T) {
	const expanded = 256 << 20
	const capBytes = 16 << 20
	bomb := gzipBomb(t, "var/lib/dpkg/status", expanded)
	// Prove the fixture is hostile: tiny on the wire, huge expanded.
	if len(bomb) > 1<<20 || expanded/int64(len(bomb)) < 100 || expanded <= capBytes {
		t.Fatalf("fixture not a bomb: %d bytes compressed for %d expanded", len(bomb), expanded)
	}
	good := tarOf(t, []tarEntry{{Name: "app/go.mod", Type: tar.TypeReg, Mode: 0o644,
		Body: []byte("module x\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n")}})
	im := openV1(t, [][]byte{good, bomb, good})

	var inv *inventory.Inventory
	var err error
	alloc := allocDuring(func() {
		inv, _, err = Walk(context.Background(), im, WalkConfig{Extractors: extractors(t), MaxImageBytes: capBytes})
	})
	var le *limits.LimitError
	if !errors.As(err, &le) || le.Limit != capBytes {
		t.Fatalf("err = %v, want LimitError with limit %d", err, capBytes)
	}
	var lerr *LayerError
	if !errors.As(err, &lerr) || lerr.Index != 1 || lerr.DiffID != im.DiffIDs[1] {
		t.Errorf("err = %v, want LayerError of layer 1 (%s)", err, im.DiffIDs[1])
	}
	if alloc > 12<<20 {
		t.Errorf("allocated %d bytes, want bounded (< 12 MiB)", alloc)
	}
	// Layer 0 was kept; layer 2 was not read.
	want := []pkgRow{{"lang/gomod", "example.com/a", "v1.0.0", "app/go.mod", im.DiffIDs[0]}}
	if diff := cmp.Diff(want, rows(inv)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

// TestWalk_entry_cap: a layer of many tiny entries hits the entry cap.
func TestWalk_entry_cap(t *testing.T) {
	var entries []tarEntry
	for i := 0; i < 500; i++ {
		entries = append(entries, tarEntry{Name: "d/f" + strings.Repeat("x", i%7) + string(rune('a'+i%26)), Type: tar.TypeReg, Mode: 0o644})
	}
	im := openV1(t, [][]byte{tarOf(t, entries)})
	_, _, err := Walk(context.Background(), im, WalkConfig{Extractors: extractors(t), MaxEntries: 100})
	var le *limits.LimitError
	if !errors.As(err, &le) || le.What != "image tar entries" || le.Limit != 100 {
		t.Fatalf("err = %v, want entry LimitError", err)
	}
}

// TestWalk_oversized_file: a package database over the buffer cap is a
// per-file error, read without buffering it.
func TestWalk_oversized_file(t *testing.T) {
	const size = 12 << 20
	bomb := gzipBomb(t, "var/lib/dpkg/status", size)
	im := openV1(t, [][]byte{bomb})
	var inv *inventory.Inventory
	var errs []finding.Error
	var err error
	alloc := allocDuring(func() {
		inv, errs, err = Walk(context.Background(), im, WalkConfig{Extractors: extractors(t)})
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	if len(inv.Packages) != 0 {
		t.Errorf("packages = %v, want none", inv.Packages)
	}
	if len(errs) != 1 || errs[0].Path != "var/lib/dpkg/status" || !strings.Contains(errs[0].Message, "file size exceeds limit of 10485760") {
		t.Errorf("errors = %v, want one file size limit error", errs)
	}
	if alloc > 8<<20 {
		t.Errorf("allocated %d bytes, want bounded (< 8 MiB)", alloc)
	}
}

// TestWalk_truncated: a layer cut short is a LayerError naming it; what
// was read before the cut, and the other layers, are kept.
func TestWalk_truncated(t *testing.T) {
	tars := txtarLayers(t, "debian3.txtar")
	second := tarOf(t, []tarEntry{
		{Name: "app/go.mod", Type: tar.TypeReg, Mode: 0o644, Body: []byte("module x\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n")},
		{Name: "srv/go.mod", Type: tar.TypeReg, Mode: 0o644, Body: bytes.Repeat([]byte("// padding\n"), 200)},
	})
	cut := second[:1024+512+100] // header+body of app/go.mod, header of srv/go.mod, part of its body
	if tr := tar.NewReader(bytes.NewReader(cut)); true {
		_, _ = tr.Next()
		_, _ = tr.Next()
		if _, err := io.Copy(io.Discard, tr); !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("fixture not truncated: %v", err)
		}
	}
	im := openV1(t, [][]byte{tars[0], cut, tars[2]})
	inv, _, err := Inventory(context.Background(), im, extractors(t))
	var lerr *LayerError
	if !errors.As(err, &lerr) || lerr.Index != 1 || lerr.DiffID != im.DiffIDs[1] || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v, want LayerError of layer 1 wrapping ErrUnexpectedEOF", err)
	}
	if !strings.Contains(err.Error(), im.DiffIDs[1]) {
		t.Errorf("error %q does not name the layer", err)
	}
	l0, l1, l2 := im.DiffIDs[0], im.DiffIDs[1], im.DiffIDs[2]
	want := []pkgRow{
		{"lang/gomod", "example.com/a", "v1.0.0", "app/go.mod", l1},
		{"lang/gomod", "github.com/old/dep", "v1.0.0", "app/old/go.mod", l0},
		{"lang/gomod", "github.com/legacy/dep", "v0.1.0", "opt/legacy/go.mod", l0},
		{"os/dpkg", "base-files", "12.4+deb12u5", "var/lib/dpkg/status", l2},
		{"os/dpkg", "libc6", "2.36-9+deb12u7", "var/lib/dpkg/status", l2},
		{"os/dpkg", "zlib1g", "1:1.2.13.dfsg-1", "var/lib/dpkg/status", l2},
	}
	if diff := cmp.Diff(want, rows(inv)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

// TestWalk_spool_binary: a Go binary above the buffer cap is spooled to a
// private temp dir, read, and removed.
func TestWalk_spool_binary(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	im := openV1(t, [][]byte{tarOf(t, []tarEntry{{Name: "usr/local/bin/app", Type: tar.TypeReg, Mode: 0o755, Body: bin}})})
	tmp := t.TempDir()
	inv, errs, err := Walk(context.Background(), im, WalkConfig{Extractors: extractors(t), MaxFileSize: 1 << 20, TempDir: tmp})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	found := false
	for _, p := range inv.Packages {
		if p.Extractor != "lang/gobinary" || p.Location != "usr/local/bin/app" || p.Layer != im.DiffIDs[0] {
			t.Errorf("unexpected package %+v", p)
		}
		if p.Name == "stdlib" && "go"+p.Version == runtime.Version() {
			found = true
		}
	}
	if !found {
		t.Errorf("stdlib %s not found in the test binary's packages: %v", runtime.Version(), rows(inv))
	}
	left, err := os.ReadDir(tmp)
	if err != nil || len(left) != 0 {
		t.Errorf("spool left behind: %v, %v", left, err)
	}

	// Over MaxBinarySize: a per-file error, nothing spooled.
	_, errs, err = Walk(context.Background(), im, WalkConfig{Extractors: extractors(t), MaxFileSize: 1 << 20, MaxBinarySize: 2 << 20, TempDir: tmp})
	if err != nil || len(errs) == 0 || !strings.Contains(errs[0].Message, "file size exceeds limit") {
		t.Errorf("errs = %v, err = %v; want a file size error", errs, err)
	}
}

// TestWalk_whiteouts covers whiteout and replacement semantics.
func TestWalk_whiteouts(t *testing.T) {
	gomod := func(dep string) []byte { return []byte("module m\n\ngo 1.22\n\nrequire " + dep + " v1.0.0\n") }
	reg := func(name string, body []byte) tarEntry {
		return tarEntry{Name: name, Type: tar.TypeReg, Mode: 0o644, Body: body}
	}
	tests := []struct {
		name   string
		layers [][]tarEntry
		want   []string // "dep@layerIndex"
	}{
		{"file_whiteout", [][]tarEntry{{reg("a/go.mod", gomod("x.com/a"))}, {reg("a/.wh.go.mod", nil)}}, nil},
		{"dir_whiteout", [][]tarEntry{{reg("a/b/go.mod", gomod("x.com/a"))}, {reg(".wh.a", nil)}}, nil},
		{"opaque_keeps_same_layer", [][]tarEntry{
			{reg("a/go.mod", gomod("x.com/old"))},
			{reg("a/go.mod", gomod("x.com/new")), reg("a/.wh..wh..opq", nil)},
		}, []string{"x.com/new@1"}},
		{"replaced_by_symlink", [][]tarEntry{
			{reg("a/go.mod", gomod("x.com/a"))},
			{{Name: "a/go.mod", Type: tar.TypeSymlink, Link: "/etc/passwd"}},
		}, nil},
		{"dir_replaced_by_file", [][]tarEntry{
			{reg("a/b/go.mod", gomod("x.com/a"))},
			{reg("a", []byte("file"))},
		}, nil},
		{"whiteout_then_readd", [][]tarEntry{
			{reg("a/go.mod", gomod("x.com/a"))},
			{reg("a/.wh.go.mod", nil)},
			{reg("a/go.mod", gomod("x.com/b"))},
		}, []string{"x.com/b@2"}},
		{"same_layer_last_wins", [][]tarEntry{
			{reg("a/go.mod", gomod("x.com/a")), reg("a/go.mod", gomod("x.com/b"))},
		}, []string{"x.com/b@0"}},
		{"sibling_survives", [][]tarEntry{
			{reg("a/go.mod", gomod("x.com/a")), reg("ab/go.mod", gomod("x.com/ab"))},
			{reg(".wh.a", nil)},
		}, []string{"x.com/ab@0"}},
		{"root_opaque", [][]tarEntry{
			{reg("a/go.mod", gomod("x.com/a"))},
			{reg(".wh..wh..opq", nil)},
		}, nil},
		{"aufs_meta_ignored", [][]tarEntry{
			{reg("a/go.mod", gomod("x.com/a"))},
			{reg(".wh..wh.plnk/123", nil), reg("a/.wh..wh.aufs", nil)},
		}, []string{"x.com/a@0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var tars [][]byte
			for _, l := range tc.layers {
				tars = append(tars, tarOf(t, l))
			}
			im := openV1(t, tars)
			inv, errs, err := Inventory(context.Background(), im, extractors(t))
			if err != nil || len(errs) != 0 {
				t.Fatalf("Inventory: %v %v", err, errs)
			}
			layerIdx := map[string]int{}
			for i, d := range im.DiffIDs {
				layerIdx[d] = i
			}
			var got []string
			for _, p := range inv.Packages {
				got = append(got, p.Name+"@"+string(rune('0'+layerIdx[p.Layer])))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}
