package db

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/vuln/osv"
)

var testNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// openTest opens a fresh read-write database in a temporary directory with
// a fixed clock.
func openTest(t *testing.T, opts Options) *DB {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	db, err := Open(filepath.Join(t.TempDir(), "vuln.db"), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func ids(recs []*osv.Vulnerability) []string {
	out := []string{}
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}

func rec(id string, pkgs ...osv.Package) *osv.Vulnerability {
	v := &osv.Vulnerability{ID: id, Modified: testNow}
	for _, p := range pkgs {
		v.Affected = append(v.Affected, osv.Affected{Package: p, Ranges: []osv.Range{{
			Type: osv.RangeEcosystem, Events: []osv.Event{{Introduced: "0"}, {Fixed: "1.0"}},
		}}})
	}
	return v
}

func TestOpen_ReadOnlyMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "vuln.db")
	_, err := Open(path, Options{ReadOnly: true})
	if !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("error %v, want ErrNoDatabase", err)
	}
	var nd *NoDatabaseError
	if !errors.As(err, &nd) || nd.Path != path {
		t.Fatalf("error %v does not name the path", err)
	}
	for _, want := range []string{path, "ward db import PATH", "ward db update --mirror URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only open created the directory (stat: %v)", err)
	}
}

func TestOpen_ReadOnlyEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vuln.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("error %v, want ErrNoDatabase", err)
	}
}

func TestOpen_NotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vuln.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("garbage ", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		if db, err := Open(path, Options{ReadOnly: ro, LockTimeout: time.Second}); err == nil {
			_ = db.Close()
			t.Errorf("Open(readOnly=%v) of garbage succeeded", ro)
		}
	}
}

func TestOpen_DefaultPath(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache) // darwin
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p, cache) || !strings.HasSuffix(p, filepath.Join("ward", "db", "vuln.db")) {
		t.Fatalf("DefaultPath = %q", p)
	}
	db, err := Open("", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if db.Path() != p {
		t.Errorf("Path = %q, want %q", db.Path(), p)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Created by the read-write open, it now opens read-only.
	ro, err := Open("", Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only reopen: %v", err)
	}
	defer ro.Close()
	if _, err := ro.Import(context.Background(), Source{Name: "x"}, Records(nil)); err == nil {
		t.Error("Import on a read-only database succeeded")
	}
}

func TestImportOSVPath_Directory(t *testing.T) {
	db := openTest(t, Options{})
	res, err := db.ImportOSVPath(context.Background(), filepath.Join("testdata", "osv"))
	if err != nil {
		t.Fatalf("ImportOSVPath: %v", err)
	}
	if res.Records != 5 || res.Skipped != 0 {
		t.Errorf("result = %+v, want 5 records, 0 skipped", res)
	}
	got, err := db.Lookup("Go", "golang.org/x/net")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"GO-2021-0238", "GO-2022-0193", "GO-2022-0969"}, ids(got)); diff != "" {
		t.Errorf("Lookup golang.org/x/net (-want +got):\n%s", diff)
	}
	// The stored record is the parsed one.
	f, err := os.ReadFile(filepath.Join("testdata", "osv", "GO-2022-0969.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := osv.ParseBytes(f, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got[2]); diff != "" {
		t.Errorf("stored record (-want +got):\n%s", diff)
	}
	// Withdrawn records are returned.
	w, err := db.Lookup("Go", "k8s.io/kubernetes")
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 1 || !w[0].IsWithdrawn() {
		t.Errorf("Lookup k8s.io/kubernetes = %v, want the withdrawn GO-2022-0617", ids(w))
	}
}

func TestImportOSVPath_SingleFile(t *testing.T) {
	db := openTest(t, Options{})
	res, err := db.ImportOSVPath(context.Background(), filepath.Join("testdata", "osv", "GO-2020-0001.json"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 1 {
		t.Errorf("Records = %d", res.Records)
	}
	got, err := db.Get("GO-2020-0001")
	if err != nil || got == nil {
		t.Fatalf("Get = %v, %v", got, err)
	}
	if missing, err := db.Get("GO-1999-0000"); err != nil || missing != nil {
		t.Errorf("Get of a missing id = %v, %v", missing, err)
	}
}

func TestImportOSVPath_DirectoryWithBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.json", `{"id":"WARD-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"left-pad"}}]}`)
	write("bad.json", `{"id":`)
	write("noid.json", `{}`)
	write("notes.txt", `not json, not read`)
	if err := os.Symlink(filepath.Join(dir, "good.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	db := openTest(t, Options{})
	res, err := db.ImportOSVPath(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 1 || res.Skipped != 2 || len(res.Errors) != 2 {
		t.Fatalf("result = %+v, want 1 record and 2 skipped", res)
	}
	for _, e := range res.Errors {
		var re *RecordError
		if !errors.As(e, &re) {
			t.Errorf("error %v is not a *RecordError", e)
		}
	}
}

func TestImport_AllFailedChangesNothing(t *testing.T) {
	db := openTest(t, Options{})
	ctx := context.Background()
	src := Source{Name: "s", Kind: "test"}
	if _, err := db.Import(ctx, src, Records([]*osv.Vulnerability{rec("A-1", osv.Package{Ecosystem: "npm", Name: "a"})})); err != nil {
		t.Fatal(err)
	}
	bad := func(yield func(*osv.Vulnerability, error) bool) {
		yield(nil, &RecordError{Name: "x", Err: errors.New("broken")})
	}
	if _, err := db.Import(ctx, src, bad); err == nil {
		t.Fatal("import of only broken records succeeded")
	}
	if got, _ := db.Lookup("npm", "a"); len(got) != 1 {
		t.Errorf("the failed import removed records: %v", ids(got))
	}
	fatal := func(yield func(*osv.Vulnerability, error) bool) {
		if !yield(rec("B-1", osv.Package{Ecosystem: "npm", Name: "b"}), nil) {
			return
		}
		yield(nil, errors.New("connection reset"))
	}
	if _, err := db.Import(ctx, Source{Name: "t"}, fatal); err == nil || !strings.Contains(err.Error(), "connection reset") {
		t.Fatalf("Import error = %v, want the fatal error", err)
	}
	if got, _ := db.Lookup("npm", "b"); len(got) != 0 {
		t.Errorf("an aborted import wrote records: %v", ids(got))
	}
}

func TestImport_ContextCancelled(t *testing.T) {
	db := openTest(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := db.Import(ctx, Source{Name: "s"}, Records([]*osv.Vulnerability{rec("A-1", osv.Package{Ecosystem: "npm", Name: "a"})}))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestImport_ReplacesSource(t *testing.T) {
	db := openTest(t, Options{})
	ctx := context.Background()
	a := Source{Name: "a", Kind: "test"}
	b := Source{Name: "b", Kind: "test"}
	pkg := osv.Package{Ecosystem: "npm", Name: "lodash"}
	other := osv.Package{Ecosystem: "npm", Name: "express"}
	mustImport := func(src Source, recs ...*osv.Vulnerability) ImportResult {
		t.Helper()
		res, err := db.Import(ctx, src, Records(recs))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	mustImport(a, rec("X-1", pkg), rec("X-2", pkg), rec("X-3", pkg))
	// b takes over X-3.
	mustImport(b, rec("X-3", pkg))
	// a's next import has X-1 (now for another package) and drops.
	res := mustImport(a, rec("X-1", other))
	if res.Removed != 1 {
		t.Errorf("Removed = %d, want 1 (X-2; X-3 belongs to b)", res.Removed)
	}
	got, err := db.Lookup("npm", "lodash")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"X-3"}, ids(got)); diff != "" {
		t.Errorf("lodash (-want +got):\n%s", diff)
	}
	got, _ = db.Lookup("npm", "express")
	if diff := cmp.Diff([]string{"X-1"}, ids(got)); diff != "" {
		t.Errorf("express (-want +got):\n%s", diff)
	}
	info, err := db.Info()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, s := range info.Sources {
		counts[s.Name] = s.Records
	}
	if diff := cmp.Diff(map[string]int{"a": 1, "b": 1}, counts); diff != "" {
		t.Errorf("source records (-want +got):\n%s", diff)
	}
	if info.Records != 2 {
		t.Errorf("Records = %d, want 2", info.Records)
	}
}

func TestLookup_Ecosystems(t *testing.T) {
	db := openTest(t, Options{})
	recs := []*osv.Vulnerability{
		rec("DEB-ANY", osv.Package{Ecosystem: "Debian", Name: "openssl"}),
		rec("DEB-11", osv.Package{Ecosystem: "Debian:11", Name: "openssl"}),
		rec("DEB-12", osv.Package{Ecosystem: "Debian:12", Name: "openssl"}),
		rec("DEB-11-12", osv.Package{Ecosystem: "Debian:11", Name: "openssl"}, osv.Package{Ecosystem: "Debian:12", Name: "openssl"}),
		rec("ALP-319", osv.Package{Ecosystem: "Alpine:v3.19", Name: "openssl"}),
		rec("ALP-ANY", osv.Package{Ecosystem: "Alpine", Name: "openssl"}),
		rec("UBU", osv.Package{Ecosystem: "Ubuntu:22.04", Name: "openssl"}),
		rec("PY-1", osv.Package{Ecosystem: "PyPI", Name: "Foo.Bar_baz"}),
		rec("PY-2", osv.Package{Ecosystem: "PyPI", Name: "foo-bar-baz"}),
		rec("GO-1", osv.Package{Ecosystem: "Go", Name: "github.com/Foo/bar"}),
		rec("GIT-ONLY"),
	}
	if _, err := db.Import(context.Background(), Source{Name: "t"}, Records(recs)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		ecosystem string
		pkg       string
		want      []string
	}{
		{name: "debian_12", ecosystem: "Debian:12", pkg: "openssl", want: []string{"DEB-11-12", "DEB-12", "DEB-ANY"}},
		{name: "debian_11", ecosystem: "Debian:11", pkg: "openssl", want: []string{"DEB-11", "DEB-11-12", "DEB-ANY"}},
		{name: "debian_10_only_unversioned", ecosystem: "Debian:10", pkg: "openssl", want: []string{"DEB-ANY"}},
		{name: "debian_any_release", ecosystem: "Debian", pkg: "openssl", want: []string{"DEB-11", "DEB-11-12", "DEB-12", "DEB-ANY"}},
		{name: "debian_case_insensitive_base", ecosystem: "debian:12", pkg: "openssl", want: []string{"DEB-11-12", "DEB-12", "DEB-ANY"}},
		{name: "alpine_319", ecosystem: "Alpine:v3.19", pkg: "openssl", want: []string{"ALP-319", "ALP-ANY"}},
		{name: "alpine_318", ecosystem: "Alpine:v3.18", pkg: "openssl", want: []string{"ALP-ANY"}},
		{name: "ubuntu_other_release", ecosystem: "Ubuntu:20.04", pkg: "openssl", want: []string{}},
		{name: "other_name", ecosystem: "Debian:12", pkg: "libssl3", want: []string{}},
		{name: "pypi_pep503", ecosystem: "PyPI", pkg: "FOO__bar.Baz", want: []string{"PY-1", "PY-2"}},
		{name: "go_case_sensitive", ecosystem: "Go", pkg: "github.com/foo/bar", want: []string{}},
		{name: "go_exact", ecosystem: "Go", pkg: "github.com/Foo/bar", want: []string{"GO-1"}},
		{name: "name_prefix_is_no_match", ecosystem: "Debian:12", pkg: "openss", want: []string{}},
		{name: "empty", ecosystem: "", pkg: "", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.Lookup(tt.ecosystem, tt.pkg)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
				t.Errorf("Lookup(%q, %q) (-want +got):\n%s", tt.ecosystem, tt.pkg, diff)
			}
		})
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ eco, name, want string }{
		{"PyPI", "Django", "django"},
		{"PyPI", "zope.interface", "zope-interface"},
		{"PyPI", "a-_.-b", "a-b"},
		{"pypi", "Foo_Bar", "foo-bar"},
		{"npm", "Foo_Bar", "Foo_Bar"},
		{"Go", "golang.org/x/net", "golang.org/x/net"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.eco, tt.name); got != tt.want {
			t.Errorf("NormalizeName(%q, %q) = %q, want %q", tt.eco, tt.name, got, tt.want)
		}
	}
}

func TestInfo(t *testing.T) {
	db := openTest(t, Options{})
	ctx := context.Background()
	empty, err := db.Info()
	if err != nil {
		t.Fatal(err)
	}
	if !empty.LastImport.IsZero() || empty.Records != 0 || len(empty.Sources) != 0 || empty.SchemaVersion != SchemaVersion {
		t.Errorf("empty Info = %+v", empty)
	}
	if _, err := db.ImportOSVPath(ctx, filepath.Join("testdata", "osv")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportDebianList(ctx, filepath.Join("testdata", "debian", "DLA-list")); err != nil {
		t.Fatal(err)
	}
	later := testNow.Add(36 * time.Hour)
	db.now = func() time.Time { return later }
	info, err := db.Info()
	if err != nil {
		t.Fatal(err)
	}
	wantEco := map[string]int{"Go": 5, "Debian:10": 4}
	if diff := cmp.Diff(wantEco, info.Ecosystems); diff != "" {
		t.Errorf("Ecosystems (-want +got):\n%s", diff)
	}
	if info.Records != 9 {
		t.Errorf("Records = %d, want 9", info.Records)
	}
	if !info.LastImport.Equal(testNow) || info.Age != 36*time.Hour {
		t.Errorf("LastImport = %v, Age = %v", info.LastImport, info.Age)
	}
	abs, _ := filepath.Abs(filepath.Join("testdata", "osv"))
	absDLA, _ := filepath.Abs(filepath.Join("testdata", "debian", "DLA-list"))
	want := []SourceInfo{
		{Name: "debian:" + absDLA, Kind: "debian-list", Location: absDLA, ImportedAt: testNow, Records: 4},
		{Name: "osv:" + abs, Kind: "osv", Location: abs, ImportedAt: testNow, Records: 5},
	}
	if diff := cmp.Diff(want, info.Sources); diff != "" {
		t.Errorf("Sources (-want +got):\n%s", diff)
	}
}

// TestReadOnlyConcurrentLookup proves a read-only handle serves lookups
// while another read-only handle is open (shared lock).
func TestReadOnlyConcurrentLookup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vuln.db")
	rw, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.ImportOSVPath(context.Background(), filepath.Join("testdata", "osv")); err != nil {
		t.Fatal(err)
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	a, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, d := range []*DB{a, b} {
		got, err := d.Lookup("Go", "stdlib")
		if err != nil || len(got) == 0 {
			t.Errorf("Lookup stdlib = %v, %v", ids(got), err)
		}
	}
}
