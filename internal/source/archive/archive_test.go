package archive

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/source"
)

// entry is one member of a fixture archive.
type entry struct {
	name string
	data []byte
	typ  byte // tar type flag; 0 → regular file. For zip, tar.TypeSymlink makes a symlink.
	link string
}

func file(name, data string) entry { return entry{name: name, data: []byte(data)} }

func mkZip(t testing.TB, es ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.typ == tar.TypeSymlink {
			h.SetMode(os.ModeSymlink | 0o777)
			e.data = []byte(e.link)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mkTar(t testing.TB, es ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range es {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.data)), Typeflag: tar.TypeReg}
		if e.typ != 0 {
			h.Typeflag, h.Size, h.Linkname = e.typ, 0, e.link
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			tw.Write(e.data)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func mkTgz(t testing.TB, es ...entry) []byte { return gz(t, mkTar(t, es...)) }

func memItem(p string, b []byte) source.Item {
	return source.Item{Path: p, Size: int64(len(b)), Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(b)), nil
	}}
}

type result struct {
	items map[string]string
	errs  map[string]error
	n     int // items yielded
}

func expand(t testing.TB, it source.Item, lim source.Limits) result {
	t.Helper()
	r := result{items: map[string]string{}, errs: map[string]error{}}
	err := Expand(context.Background(), it, lim, 0, func(it source.Item) error {
		rc, err := it.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		r.n++
		if err == nil {
			r.items[it.Path] = string(b)
		}
		return nil
	}, func(p string, err error) {
		if prev, ok := r.errs[p]; ok {
			err = errors.Join(prev, err)
		}
		r.errs[p] = err
	})
	if err != nil {
		t.Fatalf("Expand: %v", err)
	}
	return r
}

func keys[M ~map[string]V, V any](m M) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func isLimit(err error, what string) bool {
	var le *limits.LimitError
	return errors.As(err, &le) && strings.Contains(le.What, what)
}

func TestIsArchive(t *testing.T) {
	z := mkZip(t, file("a", "a"))
	tr := mkTar(t, file("a", "a"))
	tg := gz(t, tr)
	tests := []struct {
		name string
		path string
		head []byte
		want Kind
	}{
		{"zip", "a.zip", z, KindZip},
		{"jar_upper", "lib/A.JAR", z, KindZip},
		{"war", "x.war", z, KindZip},
		{"ear", "x.ear", z, KindZip},
		{"apk", "x.apk", z, KindZip},
		{"whl", "x-1.0-py3-none-any.whl", z, KindZip},
		{"nupkg", "x.nupkg", z, KindZip},
		{"tar", "x.tar", tr, KindTar},
		{"tgz", "x.tgz", tg, KindTarGz},
		{"tar_gz", "x.tar.gz", tg, KindTarGz},
		{"gz", "x.gz", tg, KindGzip},
		{"zip_ext_text_content", "x.zip", []byte("hello, not a zip"), KindNone},
		{"jar_ext_tar_content", "x.jar", tr, KindNone},
		{"zip_content_no_ext", "x.docx", z, KindNone},
		{"tar_short_head", "x.tar", tr[:100], KindNone},
		{"tar_zero_block", "x.tar", make([]byte, 512), KindNone},
		{"gz_ext_zip_content", "x.tar.gz", z, KindNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := tt.head[:min(len(tt.head), HeadSize)]
			k, ok := IsArchive(tt.path, head)
			if k != tt.want || ok != (tt.want != KindNone) {
				t.Errorf("IsArchive(%q) = %v, %v; want %v", tt.path, k, ok, tt.want)
			}
		})
	}
}

// nest wraps leaf entries in archives, innermost first: kinds[0] holds the
// leaf, kinds[1] holds kinds[0], … Each level is named l<i>.<ext>.
func nest(t testing.TB, leaf entry, kinds ...Kind) (string, []byte) {
	t.Helper()
	cur := leaf
	var name string
	var data []byte
	for i, k := range kinds {
		switch k {
		case KindZip:
			name, data = "l"+string(rune('0'+i))+".zip", mkZip(t, cur)
		case KindTarGz:
			name, data = "l"+string(rune('0'+i))+".tar.gz", mkTgz(t, cur)
		case KindTar:
			name, data = "l"+string(rune('0'+i))+".tar", mkTar(t, cur)
		}
		cur = entry{name: "nested/" + name, data: data}
	}
	return name, data
}

func TestExpand_nested_depth_2(t *testing.T) {
	inner := mkTgz(t, file("dir/x.env", "TOKEN=abc\n"), file("dir/y.txt", "y"))
	outer := mkZip(t, file("README", "r"), entry{name: "inner.tar.gz", data: inner})
	r := expand(t, memItem("outer.zip", outer), source.Limits{})
	want := map[string]string{
		"outer.zip!/README":                  "r",
		"outer.zip!/inner.tar.gz!/dir/x.env": "TOKEN=abc\n",
		"outer.zip!/inner.tar.gz!/dir/y.txt": "y",
	}
	if diff := cmp.Diff(want, r.items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if len(r.errs) != 0 {
		t.Errorf("errors: %v", r.errs)
	}
}

func TestExpand_nested_depth_5_is_reported_past_default_depth(t *testing.T) {
	name, data := nest(t, file("secret.env", "K=V"), KindZip, KindTarGz, KindZip, KindTarGz, KindZip)
	r := expand(t, memItem(name, data), source.Limits{})
	if len(r.items) != 0 {
		t.Errorf("items beyond depth 3: %v", keys(r.items))
	}
	// Levels 1–3 are opened; the level-4 archive is refused and reported.
	wantErr := "l4.zip!/nested/l3.tar.gz!/nested/l2.zip!/nested/l1.tar.gz"
	if diff := cmp.Diff([]string{wantErr}, keys(r.errs)); diff != "" {
		t.Fatalf("errors (-want +got):\n%s", diff)
	}
	var le *limits.LimitError
	if !errors.As(r.errs[wantErr], &le) || le.What != "archive depth" || le.Limit != 3 {
		t.Errorf("want archive depth LimitError(3), got %v", r.errs[wantErr])
	}
	// Raised to 5, the file is found.
	r = expand(t, memItem(name, data), source.Limits{MaxArchiveDepth: 5})
	if diff := cmp.Diff(map[string]string{wantErr + "!/nested/l0.zip!/secret.env": "K=V"}, r.items); diff != "" {
		t.Errorf("depth 5 (-want +got):\n%s", diff)
	}
}

func TestExpand_jar_in_jar(t *testing.T) {
	dep := mkZip(t, file("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), file("config/application.properties", "db.password=hunter2\n"))
	app := mkZip(t, file("com/example/App.class", "\xca\xfe\xba\xbe"), entry{name: "BOOT-INF/lib/dep.jar", data: dep})
	r := expand(t, memItem("app.jar", app), source.Limits{})
	if got := r.items["app.jar!/BOOT-INF/lib/dep.jar!/config/application.properties"]; got != "db.password=hunter2\n" {
		t.Errorf("nested jar entry: %q (items %v)", got, keys(r.items))
	}
	if len(r.items) != 3 || len(r.errs) != 0 {
		t.Errorf("items %v errs %v", keys(r.items), r.errs)
	}
}

func TestExpand_unsafe_names_are_reported_and_skipped(t *testing.T) {
	hostile := []entry{
		file("../../etc/evil", "pwned"),
		file("ok/../../evil2", "pwned"),
		file("/etc/passwd", "root"),
		file(`C:\Windows\evil.ini`, "x"),
		file(`..\..\win-evil`, "x"),
		file("good/app.env", "A=1"),
	}
	for _, tc := range []struct {
		name string
		path string
		data []byte
	}{
		{"tar", "t.tar", mkTar(t, hostile...)},
		{"tar_gz", "t.tar.gz", mkTgz(t, hostile...)},
		{"zip", "t.zip", mkZip(t, hostile...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The fixture is hostile: its names really do escape a directory.
			for _, e := range hostile[:5] {
				n := strings.ReplaceAll(e.name, `\`, "/")
				if !filepath.IsAbs(n) && !strings.HasPrefix(filepath.Clean(n), "..") && !strings.Contains(n, ":") {
					t.Fatalf("fixture %q is not hostile", e.name)
				}
			}
			cwd, _ := os.Getwd()
			r := expand(t, memItem(tc.path, tc.data), source.Limits{})
			if diff := cmp.Diff(map[string]string{tc.path + "!/good/app.env": "A=1"}, r.items); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if len(r.errs) != 5 {
				t.Errorf("want 5 unsafe-path errors, got %v", r.errs)
			}
			for p, err := range r.errs {
				if !errors.Is(err, ErrUnsafePath) {
					t.Errorf("%s: %v is not ErrUnsafePath", p, err)
				}
			}
			for _, p := range []string{"/etc/evil", filepath.Join(cwd, "../../etc/evil"), filepath.Join(os.TempDir(), "evil2")} {
				if b, err := os.ReadFile(p); err == nil && string(b) == "pwned" {
					t.Errorf("%s was written", p)
				}
			}
		})
	}
}

func TestExpand_links_and_special_entries_are_skipped(t *testing.T) {
	tr := mkTar(t,
		entry{name: "link", typ: tar.TypeSymlink, link: "/etc/shadow"},
		entry{name: "hard", typ: tar.TypeLink, link: "real"},
		entry{name: "dir/", typ: tar.TypeDir},
		entry{name: "fifo", typ: tar.TypeFifo},
		file("real", "data"))
	r := expand(t, memItem("x.tar", tr), source.Limits{})
	if diff := cmp.Diff(map[string]string{"x.tar!/real": "data"}, r.items); diff != "" {
		t.Errorf("tar (-want +got):\n%s", diff)
	}
	z := mkZip(t, entry{name: "link", typ: tar.TypeSymlink, link: "/etc/shadow"}, entry{name: "d/"}, file("real", "data"))
	r = expand(t, memItem("x.zip", z), source.Limits{})
	if diff := cmp.Diff(map[string]string{"x.zip!/real": "data"}, r.items); diff != "" {
		t.Errorf("zip (-want +got):\n%s", diff)
	}
	if len(r.errs) != 0 {
		t.Errorf("errors: %v", r.errs)
	}
}

// zeroBombZip is one deflated entry of n zero bytes.
func zeroBombZip(t testing.TB, name string, n int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for left := n; left > 0; left -= int64(len(zeros)) {
		w.Write(zeros[:min(left, int64(len(zeros)))])
	}
	zw.Close()
	return buf.Bytes()
}

// allocDuring returns the bytes allocated while f runs.
func allocDuring(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

func TestExpand_zip_bomb(t *testing.T) {
	const declared = 300 << 20 // over the default 256 MiB file cap
	bomb := zeroBombZip(t, "zeros.bin", declared)
	// Prove the fixture is hostile before testing the defence.
	zr, err := zip.NewReader(bytes.NewReader(bomb), int64(len(bomb)))
	if err != nil {
		t.Fatal(err)
	}
	f := zr.File[0]
	ratio := f.UncompressedSize64 / f.CompressedSize64
	if f.UncompressedSize64 != declared || ratio < 500 || len(bomb) > 1<<20 ||
		int64(f.UncompressedSize64) <= source.DefaultMaxFileSize {
		t.Fatalf("fixture not hostile: %d bytes expand to %d (ratio %d)", len(bomb), f.UncompressedSize64, ratio)
	}
	t.Logf("bomb: %d bytes → %d bytes (ratio %d)", len(bomb), f.UncompressedSize64, ratio)

	for _, tc := range []struct {
		name string
		lim  source.Limits
		what string
	}{
		{"ratio", source.Limits{MaxFileSize: 1 << 30}, "compression ratio"},
		{"file_size", source.Limits{MaxRatio: 1 << 30}, "archive entry size"},
		{"expanded_bytes", source.Limits{MaxRatio: 1 << 30, MaxFileSize: 1 << 30, MaxExpandedBytes: 64 << 20}, "expanded archive bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r result
			alloc := allocDuring(func() { r = expand(t, memItem("bomb.zip", bomb), tc.lim) })
			if r.n != 0 {
				t.Errorf("bomb entry yielded")
			}
			if err := r.errs["bomb.zip!/zeros.bin"]; !isLimit(err, tc.what) {
				t.Errorf("want %q LimitError, got %v", tc.what, r.errs)
			}
			if alloc > 4<<20 {
				t.Errorf("allocated %d bytes expanding a refused bomb", alloc)
			}
		})
	}
}

// A zip whose entry declares a small size but inflates to much more: the
// reader stops at the declared size, the consumer sees an error, and Expand
// reports it once; memory stays bounded.
func TestExpand_zip_entry_lying_about_its_size(t *testing.T) {
	const real = 64 << 20
	var comp bytes.Buffer
	{
		z := zeroBombZip(t, "x", real)
		zr, _ := zip.NewReader(bytes.NewReader(z), int64(len(z)))
		rc, _ := zr.File[0].OpenRaw()
		io.Copy(&comp, rc)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "liar.txt", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 100})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	// Hostile: the declared size is a lie by a factor of more than 100000.
	if real/100 < 100000 {
		t.Fatal("fixture not hostile")
	}
	var r result
	var readErr error
	alloc := allocDuring(func() {
		r = result{errs: map[string]error{}}
		Expand(context.Background(), memItem("l.zip", buf.Bytes()), source.Limits{}, 0, func(it source.Item) error {
			rc, _ := it.Open()
			_, readErr = io.Copy(io.Discard, rc)
			return nil
		}, func(p string, err error) { r.errs[p] = errors.Join(r.errs[p], err) })
	})
	if readErr == nil {
		t.Error("consumer read the whole lying entry without an error")
	}
	if len(r.errs) != 1 || r.errs["l.zip!/liar.txt"] == nil {
		t.Errorf("want one error on the entry, got %v", r.errs)
	}
	if alloc > 4<<20 {
		t.Errorf("allocated %d bytes", alloc)
	}
}

func TestExpand_tar_gz_bomb(t *testing.T) {
	const size = 300 << 20
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	tw := tar.NewWriter(zw)
	tw.WriteHeader(&tar.Header{Name: "zeros", Mode: 0o644, Size: size, Typeflag: tar.TypeReg})
	zeros := make([]byte, 1<<20)
	for i := 0; i < size>>20; i++ {
		tw.Write(zeros)
	}
	tw.WriteHeader(&tar.Header{Name: "after", Mode: 0o644, Size: 1, Typeflag: tar.TypeReg})
	tw.Write([]byte("a"))
	tw.Close()
	zw.Close()
	if buf.Len() > 1<<20 || size/buf.Len() < 100 {
		t.Fatalf("fixture not hostile: %d bytes for %d", buf.Len(), size)
	}
	var r result
	alloc := allocDuring(func() { r = expand(t, memItem("b.tar.gz", buf.Bytes()), source.Limits{}) })
	if r.n != 0 {
		t.Errorf("yielded %v", keys(r.items))
	}
	var sawLimit bool
	for _, err := range r.errs {
		sawLimit = sawLimit || isLimit(err, "")
	}
	if !sawLimit {
		t.Errorf("want a LimitError, got %v", r.errs)
	}
	if alloc > 4<<20 {
		t.Errorf("allocated %d bytes", alloc)
	}
}

// bomb42 builds a 42.zip-style bomb: fanout copies of the level below at
// every level; the leaf is leafSize zero bytes.
func bomb42(t testing.TB, levels, fanout int, leafSize int64) []byte {
	cur := zeroBombZip(t, "leaf.bin", leafSize)
	for l := 1; l < levels; l++ {
		var es []entry
		for i := 0; i < fanout; i++ {
			es = append(es, entry{name: "z" + string(rune('a'+i)) + ".zip", data: cur})
		}
		cur = mkZip(t, es...)
	}
	return cur
}

// declaredTotal sums the declared sizes of the leaves of nested zips
// (identical nested zips are summed once and counted as often as they occur).
func declaredTotal(t testing.TB, b []byte, memo map[string]uint64) uint64 {
	if v, ok := memo[string(b)]; ok {
		return v
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var sum uint64
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".zip") {
			sum += f.UncompressedSize64
			continue
		}
		rc, _ := f.Open()
		inner, _ := io.ReadAll(rc)
		rc.Close()
		sum += declaredTotal(t, inner, memo)
	}
	memo[string(b)] = sum
	return sum
}

func TestExpand_nested_bomb_42(t *testing.T) {
	bomb := bomb42(t, 6, 16, 1<<20)
	total := declaredTotal(t, bomb, map[string]uint64{})
	if total < 1<<40 || len(bomb) > 8<<20 {
		t.Fatalf("fixture not hostile: %d bytes declare %d", len(bomb), total)
	}
	t.Logf("42-style bomb: %d bytes declare %d bytes", len(bomb), total)
	for _, tc := range []struct {
		name string
		lim  source.Limits
		what string
	}{
		{"default_limits", source.Limits{}, "archive depth"},
		{"entries_cap", source.Limits{MaxArchiveDepth: 10, MaxArchiveEntries: 500}, "archive entries"},
		{"bytes_cap", source.Limits{MaxArchiveDepth: 10, MaxRatio: 1 << 30, MaxExpandedBytes: 48 << 20}, "expanded archive bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r result
			var yielded int64
			alloc := allocDuring(func() {
				r = result{errs: map[string]error{}}
				Expand(context.Background(), memItem("42.zip", bomb), tc.lim, 0, func(it source.Item) error {
					rc, _ := it.Open()
					n, _ := io.Copy(io.Discard, rc)
					yielded += n
					return nil
				}, func(p string, err error) { r.errs[p] = errors.Join(r.errs[p], err) })
			})
			n := 0
			for _, err := range r.errs {
				if isLimit(err, tc.what) {
					n++
				}
			}
			if n == 0 {
				t.Errorf("no %q LimitError among %d errors", tc.what, len(r.errs))
			}
			lim := tc.lim.Resolved()
			if yielded > lim.MaxExpandedBytes {
				t.Errorf("yielded %d bytes, cap %d", yielded, lim.MaxExpandedBytes)
			}
			// Nested zips are buffered (small here), plus inflaters: bounded
			// far below what the bomb declares.
			if alloc > 256<<20 {
				t.Errorf("allocated %d bytes", alloc)
			}
			t.Logf("%s: %d errors, %d bytes yielded, %d allocated", tc.name, len(r.errs), yielded, alloc)
		})
	}
}

func TestExpand_invalid_archives(t *testing.T) {
	tgz := mkTgz(t, file("a", strings.Repeat("a", 4096)))
	tests := []struct {
		name string
		path string
		data []byte
	}{
		{"zip_garbage", "x.zip", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xff}, 100)...)},
		{"tgz_truncated", "x.tgz", tgz[:len(tgz)/2]},
		{"gzip_corrupt", "x.tar.gz", append([]byte{0x1f, 0x8b, 8, 0}, bytes.Repeat([]byte{0xff}, 600)...)},
		{"jar_not_zip", "x.jar", []byte("just text")},
		{"tar_truncated", "x.tar", mkTar(t, file("a", strings.Repeat("a", 4096)))[:1000]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := expand(t, memItem(tt.path, tt.data), source.Limits{})
			if len(r.errs) == 0 {
				t.Errorf("no error reported (items %v)", keys(r.items))
			}
			for p, err := range r.errs {
				if !strings.HasPrefix(p, tt.path) || err.Error() == "" {
					t.Errorf("error at %q: %v", p, err)
				}
			}
		})
	}
}

func TestExpand_gzip_single_file(t *testing.T) {
	r := expand(t, memItem("db/dump.sql.gz", gz(t, []byte("INSERT INTO users VALUES ('admin', 'pw');\n"))), source.Limits{})
	if diff := cmp.Diff(map[string]string{"db/dump.sql.gz!/dump.sql": "INSERT INTO users VALUES ('admin', 'pw');\n"}, r.items); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A nested zip over MemBufferMax is spilled to a temporary file that is
// gone when Expand returns, and nothing else is written.
func TestExpand_large_nested_zip_spills_to_temp_and_cleans_up(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	rnd := make([]byte, MemBufferMax+(1<<20))
	rand.New(rand.NewSource(1)).Read(rnd)
	var ib bytes.Buffer
	zw := zip.NewWriter(&ib)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "noise.bin", Method: zip.Store})
	w.Write(rnd)
	w2, _ := zw.Create("key.pem")
	w2.Write([]byte("-----BEGIN PRIVATE KEY-----"))
	zw.Close()
	outer := mkTar(t, entry{name: "inner.zip", data: ib.Bytes()})
	var sawTemp bool
	r := result{items: map[string]string{}, errs: map[string]error{}}
	err := Expand(context.Background(), memItem("o.tar", outer), source.Limits{}, 0, func(it source.Item) error {
		ents, _ := os.ReadDir(tmp)
		sawTemp = sawTemp || len(ents) > 0
		rc, _ := it.Open()
		b, _ := io.ReadAll(rc)
		r.items[it.Path] = string(b[:min(len(b), 40)])
		return nil
	}, func(p string, err error) { r.errs[p] = err })
	if err != nil || len(r.errs) != 0 {
		t.Fatalf("err %v errs %v", err, r.errs)
	}
	if r.items["o.tar!/inner.zip!/key.pem"] != "-----BEGIN PRIVATE KEY-----" {
		t.Errorf("items %v", keys(r.items))
	}
	if !sawTemp {
		t.Error("the large nested zip was not spilled to the temporary directory")
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("temporary files left: %v", ents)
	}
}

func TestExpand_top_level_file_is_read_in_place(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.zip")
	os.WriteFile(p, mkZip(t, file("x.env", "A=1")), 0o644)
	it := source.Item{Path: "a.zip", Size: -1, Open: func() (io.ReadCloser, error) { return os.Open(p) }}
	r := expand(t, it, source.Limits{})
	if diff := cmp.Diff(map[string]string{"a.zip!/x.env": "A=1"}, r.items); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestExpand_stops_on_yield_error_and_context(t *testing.T) {
	z := mkZip(t, file("a", "a"), file("b", "b"))
	stop := errors.New("stop")
	n := 0
	err := Expand(context.Background(), memItem("z.zip", z), source.Limits{}, 0,
		func(source.Item) error { n++; return stop }, func(string, error) {})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err=%v n=%d", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = Expand(ctx, memItem("z.zip", z), source.Limits{}, 0, func(source.Item) error { return nil }, func(string, error) {})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestExpand_entry_streams_once(t *testing.T) {
	err := Expand(context.Background(), memItem("t.tar", mkTar(t, file("a", "a"))), source.Limits{}, 0, func(it source.Item) error {
		if _, err := it.Open(); err != nil {
			return err
		}
		if _, err := it.Open(); err == nil {
			t.Error("second Open of a streamed entry succeeded")
		}
		return nil
	}, func(p string, err error) { t.Errorf("%s: %v", p, err) })
	if err != nil {
		t.Fatal(err)
	}
}
