package db

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/vuln/osv"
)

type zipEntry struct {
	name string
	data []byte
}

func makeZip(t *testing.T, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// osvEntries returns the testdata OSV files as zip entries.
func osvEntries(t *testing.T) []zipEntry {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "osv", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	var out []zipEntry
	for _, f := range files {
		out = append(out, zipEntry{name: filepath.Base(f), data: readTestdata(t, filepath.Join("osv", filepath.Base(f)))})
	}
	return out
}

func writeZip(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "all.zip")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func minimalRecord(id string) []byte {
	return []byte(fmt.Sprintf(`{"id":%q,"modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"p"}}]}`, id))
}

func TestImportOSVPath_Zip(t *testing.T) {
	db := openTest(t, Options{})
	entries := append(osvEntries(t), zipEntry{name: "README.txt", data: []byte("not a record")}, zipEntry{name: "sub/", data: nil})
	res, err := db.ImportOSVPath(context.Background(), writeZip(t, makeZip(t, entries...)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 5 || res.Skipped != 0 {
		t.Errorf("result = %+v, want 5 records", res)
	}
	got, _ := db.Lookup("Go", "golang.org/x/net")
	if len(got) != 3 {
		t.Errorf("golang.org/x/net: %v", ids(got))
	}
}

func TestImportOSVPath_ZipUnsafeNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"../evil.json", "/abs.json", `..\win.json`, "C:drive.json", "a/../../up.json", "./dot.json"}
	entries := []zipEntry{{name: "ok.json", data: minimalRecord("OK-1")}}
	for i, n := range names {
		entries = append(entries, zipEntry{name: n, data: minimalRecord(fmt.Sprintf("EVIL-%d", i))})
	}
	db := openTest(t, Options{})
	zipPath := filepath.Join(dir, "sub", "all.zip")
	if err := os.MkdirAll(filepath.Dir(zipPath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zipPath, makeZip(t, entries...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := db.ImportOSVPath(context.Background(), zipPath)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 1 || res.Skipped != len(names) {
		t.Fatalf("result = %+v, want 1 record and %d skipped", res, len(names))
	}
	for _, e := range res.Errors {
		if !strings.Contains(e.Error(), "unsafe zip entry name") {
			t.Errorf("error %v, want unsafe name", e)
		}
	}
	if got, _ := db.Lookup("npm", "p"); len(got) != 1 || got[0].ID != "OK-1" {
		t.Errorf("Lookup = %v, want only OK-1", ids(got))
	}
	// Nothing was written next to the archive.
	for _, p := range []string{filepath.Join(dir, "evil.json"), filepath.Join(dir, "up.json")} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s exists", p)
		}
	}
}

// TestImportOSVPath_ZipBomb builds an entry that inflates past
// MaxRecordSize from a few kilobytes, proves it is hostile, and expects a
// record error after reading at most the cap.
func TestImportOSVPath_ZipBomb(t *testing.T) {
	bomb := bytes.Repeat([]byte{' '}, osv.MaxRecordSize+(4<<20))
	data := makeZip(t, zipEntry{name: "bomb.json", data: bomb}, zipEntry{name: "ok.json", data: minimalRecord("OK-1")})
	if len(data) > 1<<20 || len(bomb) <= osv.MaxRecordSize {
		t.Fatalf("fixture not hostile: %d compressed, %d uncompressed", len(data), len(bomb))
	}
	db := openTest(t, Options{})
	res, err := db.ImportOSVPath(context.Background(), writeZip(t, data))
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 1 || res.Skipped != 1 {
		t.Fatalf("result = %+v", res)
	}
	var le *limits.LimitError
	if !errors.As(res.Errors[0], &le) {
		t.Errorf("error %v, want a *limits.LimitError", res.Errors[0])
	}
}

// TestImportOSVPath_ZipLyingHeader declares 100 bytes for an entry that
// inflates to 32 MiB: reading fails at the declared size, never reaching
// the real one.
func TestImportOSVPath_ZipLyingHeader(t *testing.T) {
	honest := makeZip(t, zipEntry{name: "lie.json", data: bytes.Repeat([]byte{' '}, 32<<20)})
	zr, err := zip.NewReader(bytes.NewReader(honest), int64(len(honest)))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := zr.File[0].OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "lie.json", Method: zip.Deflate,
		CompressedSize64:   zr.File[0].CompressedSize64,
		UncompressedSize64: 100,
		CRC32:              zr.File[0].CRC32,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(w, raw); err != nil {
		t.Fatal(err)
	}
	ok, err := zw.Create("ok.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ok.Write(minimalRecord("OK-1")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 1<<20 {
		t.Fatalf("fixture is %d bytes", buf.Len())
	}
	db := openTest(t, Options{})
	res, err := db.ImportOSVPath(context.Background(), writeZip(t, buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 1 || res.Skipped != 1 {
		t.Fatalf("result = %+v, want the lying entry skipped", res)
	}
	if !errors.Is(res.Errors[0], zip.ErrFormat) {
		t.Errorf("error %v, want zip.ErrFormat", res.Errors[0])
	}
}

func TestImportOSVPath_ZipLimits(t *testing.T) {
	entries := []zipEntry{
		{name: "a.json", data: minimalRecord("A-1")},
		{name: "b.json", data: minimalRecord("B-1")},
		{name: "c.json", data: minimalRecord("C-1")},
	}
	tests := []struct {
		name   string
		limits Limits
		what   string
	}{
		{name: "too_many_entries", limits: Limits{MaxArchiveEntries: 2}, what: "zip entries"},
		{name: "too_many_bytes", limits: Limits{MaxArchiveTotal: int64(len(entries[0].data)*2 + 1)}, what: "uncompressed zip size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t, Options{Limits: tt.limits})
			_, err := db.ImportOSVPath(context.Background(), writeZip(t, makeZip(t, entries...)))
			var le *limits.LimitError
			if !errors.As(err, &le) || le.What != tt.what {
				t.Fatalf("error %v, want *limits.LimitError for %q", err, tt.what)
			}
			if got, _ := db.Lookup("npm", "p"); len(got) != 0 {
				t.Errorf("an aborted import wrote %v", ids(got))
			}
		})
	}
}

func TestImportOSVPath_Truncated(t *testing.T) {
	data := makeZip(t, osvEntries(t)...)
	db := openTest(t, Options{})
	if _, err := db.ImportOSVPath(context.Background(), writeZip(t, data[:len(data)/2])); err == nil {
		t.Fatal("import of a truncated zip succeeded")
	}
}

func TestUpdate(t *testing.T) {
	goZip := makeZip(t, osvEntries(t)...)
	debZip := makeZip(t, zipEntry{name: "DSA-1-1.json", data: []byte(`{"id":"DSA-1-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Debian:12","name":"openssl"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0.1-1"}]}]}]}`)})
	var requests atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/osv/Go/all.zip", func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		_, _ = w.Write(goZip)
	})
	mux.HandleFunc("/osv/Debian:12/all.zip", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(debZip)
	})
	mux.HandleFunc("/osv/Huge/all.zip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000000000")
		_, _ = w.Write(make([]byte, 64<<10))
	})
	mux.HandleFunc("/osv/Chunked/all.zip", func(w http.ResponseWriter, r *http.Request) {
		for range 100 {
			_, _ = w.Write(make([]byte, 32<<10))
			w.(http.Flusher).Flush()
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	db := openTest(t, Options{Limits: Limits{MaxDownloadSize: 1 << 20}})
	ctx := context.Background()
	res, err := db.Update(ctx, srv.URL+"/osv/", []string{"Go", "Debian:12"}, srv.Client())
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	got := map[string]int{}
	for _, r := range res {
		got[r.Source] = r.Records
	}
	if diff := cmp.Diff(map[string]int{"mirror:Go": 5, "mirror:Debian:12": 1}, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if recs, _ := db.Lookup("Debian:12", "openssl"); len(recs) != 1 {
		t.Errorf("Debian:12 openssl = %v", ids(recs))
	}
	info, err := db.Info()
	if err != nil {
		t.Fatal(err)
	}
	var goSrc SourceInfo
	for _, s := range info.Sources {
		if s.Name == "mirror:Go" {
			goSrc = s
		}
	}
	if goSrc.Kind != "osv-mirror" || goSrc.Location != srv.URL+"/osv/Go/all.zip" || goSrc.Records != 5 {
		t.Errorf("source = %+v", goSrc)
	}
	// No download is left behind.
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(db.Path()), ".download-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}

	t.Run("errors_do_not_stop_other_ecosystems", func(t *testing.T) {
		before := requests.Load()
		res, err := db.Update(ctx, srv.URL+"/osv", []string{"Missing", "Huge", "Chunked", "../etc", "Go"}, srv.Client())
		if err == nil {
			t.Fatal("Update succeeded")
		}
		for _, want := range []string{"Missing", "404", "Huge", "Chunked", "invalid ecosystem"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
		var le *limits.LimitError
		if !errors.As(err, &le) {
			t.Errorf("error %v carries no *limits.LimitError", err)
		}
		if len(res) != 1 || res[0].Source != "mirror:Go" || requests.Load() != before+1 {
			t.Errorf("results = %+v", res)
		}
	})
	t.Run("bad_mirror_url", func(t *testing.T) {
		for _, u := range []string{"file:///etc", "ftp://example.com", "not a url", "http://"} {
			if _, err := db.Update(ctx, u, []string{"Go"}, srv.Client()); err == nil {
				t.Errorf("Update(%q) succeeded", u)
			}
		}
	})
}
