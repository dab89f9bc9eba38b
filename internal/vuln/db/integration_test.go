//go:build integration

package db

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// vulndata is ../shared/vulndata (see its README) seen from this package;
// WARD_VULNDATA overrides it.
func vulndata(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("WARD_VULNDATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "vulndata")
	}
	if _, err := os.Stat(filepath.Join(dir, "go", "osv")); err != nil {
		t.Fatalf("the integration tests need the shared vulnerability data at %s (or WARD_VULNDATA): %v", dir, err)
	}
	return dir
}

// TestIntegration_GoVulnDB imports the whole Go vulnerability database and
// looks up packages with known advisories.
func TestIntegration_GoVulnDB(t *testing.T) {
	dir := filepath.Join(vulndata(t), "go", "osv")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(filepath.Join(t.TempDir(), "vuln.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	res, err := db.ImportOSVPath(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("imported %d records (%d skipped) of %d files in %v", res.Records, res.Skipped, len(files), time.Since(start))
	for _, e := range res.Errors {
		t.Errorf("record error: %v", e)
	}
	if res.Records != len(files) {
		t.Errorf("imported %d records from %d files", res.Records, len(files))
	}
	got, err := db.Lookup("Go", "golang.org/x/net")
	if err != nil {
		t.Fatal(err)
	}
	gotIDs := ids(got)
	for _, want := range []string{"GO-2022-0969", "GO-2021-0238", "GO-2022-0193"} {
		if !slices.Contains(gotIDs, want) {
			t.Errorf("Lookup(Go, golang.org/x/net) lacks %s (got %d: %v)", want, len(gotIDs), gotIDs)
		}
	}
	if std, _ := db.Lookup("Go", "stdlib"); len(std) < 100 {
		t.Errorf("stdlib: %d records, want hundreds", len(std))
	}
	info, err := db.Info()
	if err != nil {
		t.Fatal(err)
	}
	if info.Ecosystems["Go"] != len(files) {
		t.Errorf("Info Go = %d, want %d", info.Ecosystems["Go"], len(files))
	}
	if fi, err := os.Stat(db.Path()); err == nil {
		t.Logf("database file: %d bytes", fi.Size())
	}

	// Re-import replaces, it does not duplicate.
	start = time.Now()
	res2, err := db.ImportOSVPath(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("re-imported in %v", time.Since(start))
	if res2.Records != res.Records || res2.Removed != 0 {
		t.Errorf("re-import = %+v", res2)
	}
}

// TestIntegration_DebianAlpine imports the full Debian DSA/DLA lists and
// every Alpine secdb file.
func TestIntegration_DebianAlpine(t *testing.T) {
	root := vulndata(t)
	db, err := Open(filepath.Join(t.TempDir(), "vuln.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, l := range []string{"DSA", "DLA"} {
		start := time.Now()
		res, err := db.ImportDebianList(ctx, filepath.Join(root, "debian", "security-tracker", "data", l, "list"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d records in %v", l, res.Records, time.Since(start))
		if res.Records < 3000 {
			t.Errorf("%s: only %d records", l, res.Records)
		}
	}
	secdbs, err := filepath.Glob(filepath.Join(root, "alpine", "secdb", "*", "*.yaml"))
	if err != nil || len(secdbs) == 0 {
		t.Fatalf("no Alpine secdb files: %v", err)
	}
	for _, f := range secdbs {
		if _, err := db.ImportAlpineSecDB(ctx, f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	checks := []struct{ eco, name, id string }{
		{"Debian:11", "xorg-server", "DSA-5380-1"},
		{"Debian:10", "systemd", "DLA-3377-1"},
		{"Alpine:v3.11", "openssl", "ALPINE-v3.11-main-CVE-2019-1551"},
	}
	for _, c := range checks {
		got, err := db.Lookup(c.eco, c.name)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(ids(got), c.id) {
			t.Errorf("Lookup(%s, %s) lacks %s", c.eco, c.name, c.id)
		}
	}
	info, err := db.Info()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records, %d sources, ecosystems %v", info.Records, len(info.Sources), info.Ecosystems)
}

// TestIntegration_OtherOSV imports the PyPI, Maven (GHSA) and Kubernetes
// OSV records: every one must pass validation.
func TestIntegration_OtherOSV(t *testing.T) {
	root := vulndata(t)
	db, err := Open(filepath.Join(t.TempDir(), "vuln.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, dir := range []string{"pypi/osv", "maven/ghsa-sample", "kubernetes/vulns"} {
		start := time.Now()
		res, err := db.ImportOSVPath(context.Background(), filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		t.Logf("%s: %d records (%d skipped) in %v", dir, res.Records, res.Skipped, time.Since(start))
		for _, e := range res.Errors {
			t.Errorf("%s: %v", dir, e)
		}
	}
	// PyPI names are looked up after PEP 503 normalisation.
	for _, name := range []string{"django", "Django"} {
		if got, _ := db.Lookup("PyPI", name); len(got) < 10 {
			t.Errorf("Lookup(PyPI, %s) = %d records", name, len(got))
		}
	}
}
