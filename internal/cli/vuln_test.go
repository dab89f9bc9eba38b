package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const vulnerableGoMod = `module example.com/app

go 1.22

require (
	golang.org/x/net v0.16.0
	golang.org/x/text v0.14.0
)
`

// A vulnerability scan without a database fails (exit 2) and says how to
// build one; after `ward db import` the same scan reports the record with its
// fixed version, and `ward db info` describes the database.
func TestVulnScanAndDB(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "vuln.db")
	dir := tree(t, map[string]string{"go.mod": vulnerableGoMod})

	code, _, stderr := run(t, dir, "fs", "--scanners", "vuln", "--db", dbPath, ".")
	if code != 2 || !strings.Contains(stderr, "not evaluated") || !strings.Contains(stderr, "ward db import") {
		t.Fatalf("no database: exit %d, stderr %q", code, stderr)
	}

	osvDir, _ := filepath.Abs("testdata/osv")
	code, out, stderr := run(t, "", "db", "import", "--db", dbPath, osvDir)
	if code != 0 || !strings.Contains(out, "1 records") {
		t.Fatalf("import: exit %d, out %q, err %q", code, out, stderr)
	}
	code, out, _ = run(t, "", "db", "info", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "Records:    1") || !strings.Contains(out, "Go") {
		t.Fatalf("info: exit %d\n%s", code, out)
	}

	code, out, stderr = run(t, dir, "fs", "--scanners", "vuln", "--db", dbPath, "-f", "json", ".")
	if code != 0 {
		t.Fatalf("scan: exit %d, %s", code, stderr)
	}
	rep := decode(t, out)
	if len(rep.Findings) != 1 {
		t.Fatalf("want one finding (x/net; x/text is not affected), got %+v", rep.Findings)
	}
	f := rep.Findings[0]
	if f.CheckID != "GO-2023-2102" || f.Location.Path != "go.mod" || !strings.Contains(f.Message, "fixed in 0.17.0") || !strings.Contains(f.Message, "CVE-2023-39325") {
		t.Errorf("finding %+v", f)
	}
	code, _, _ = run(t, dir, "fs", "--scanners", "vuln", "--db", dbPath, "--exit-code", "4", ".")
	if code != 4 {
		t.Errorf("--exit-code with a vulnerability: %d", code)
	}
}

// `ward sbom` writes CycloneDX and SPDX; `ward sbom scan` reads them back and
// finds the same vulnerability.
func TestSBOMCommands(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "vuln.db")
	osvDir, _ := filepath.Abs("testdata/osv")
	if code, _, stderr := run(t, "", "db", "import", "--db", dbPath, osvDir); code != 0 {
		t.Fatal(stderr)
	}
	dir := tree(t, map[string]string{"go.mod": vulnerableGoMod})
	for _, format := range []string{"cyclonedx", "spdx-json"} {
		out := filepath.Join(t.TempDir(), "sbom.json")
		code, _, stderr := run(t, dir, "sbom", "--format", format, "-o", out, ".")
		if code != 0 {
			t.Fatalf("%s: exit %d %s", format, code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil || !strings.Contains(string(b), "pkg:golang/golang.org/x/net@v0.16.0") {
			t.Fatalf("%s: %v\n%s", format, err, b)
		}
		code, stdout, stderr := run(t, "", "sbom", "scan", "--db", dbPath, "-f", "json", out)
		if code != 0 {
			t.Fatalf("sbom scan %s: exit %d %s", format, code, stderr)
		}
		rep := decode(t, stdout)
		if len(rep.Findings) != 1 || rep.Findings[0].CheckID != "GO-2023-2102" {
			t.Errorf("sbom scan %s: %+v", format, rep.Findings)
		}
	}
}

// An OpenVEX statement that the package is not affected suppresses the
// finding (counted, shown with --show-suppressed, no exit code).
func TestVEX(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "vuln.db")
	osvDir, _ := filepath.Abs("testdata/osv")
	if code, _, stderr := run(t, "", "db", "import", "--db", dbPath, osvDir); code != 0 {
		t.Fatal(stderr)
	}
	dir := tree(t, map[string]string{"go.mod": vulnerableGoMod, "app.vex.json": `{
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.com/vex/app-1",
  "author": "App Security",
  "timestamp": "2026-11-01T00:00:00Z",
  "version": 1,
  "statements": [{
    "vulnerability": {"name": "CVE-2023-39325"},
    "products": [{"@id": "pkg:golang/golang.org/x/net@v0.16.0"}],
    "status": "not_affected",
    "justification": "vulnerable_code_not_in_execute_path",
    "impact_statement": "the app never serves HTTP/2"
  }]
}`})
	code, out, stderr := run(t, dir, "fs", "--scanners", "vuln", "--db", dbPath, "--vex", "app.vex.json", "--exit-code", "4", "--show-suppressed", "-f", "json", ".")
	if code != 0 {
		t.Fatalf("exit %d (a suppressed finding must not set the exit code): %s", code, stderr)
	}
	rep := decode(t, out)
	if len(rep.Findings) != 1 || rep.Findings[0].Suppressed == nil || rep.Findings[0].Suppressed.Kind != "vex" ||
		!strings.Contains(rep.Findings[0].Suppressed.Reason, "vulnerable_code_not_in_execute_path") || rep.Summary.Suppressed != 1 {
		t.Errorf("findings %+v summary %+v", rep.Findings, rep.Summary)
	}
	if code, _, stderr := run(t, dir, "fs", "--scanners", "vuln", "--db", dbPath, "--vex", "go.mod", "."); code != 2 || !strings.Contains(stderr, "OpenVEX") {
		t.Errorf("a file that is not VEX: exit %d %q", code, stderr)
	}
}
