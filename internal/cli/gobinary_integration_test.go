//go:build integration

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/semver"

	"github.com/wardsec/ward/internal/vuln/osv"
)

// TestGoBinaryVulnerabilities builds a real Go binary against a known
// vulnerable module version (golang.org/x/net v0.16.0, HTTP/2 rapid reset,
// GO-2023-2102, fixed in 0.17.0) and scans it with the complete Go vulndb of
// ../shared/vulndata: the module is reported with the right fixed version,
// and the standard library findings are exactly the records whose stdlib
// ranges contain the toolchain version the binary was built with (computed
// here independently with golang.org/x/mod/semver).
const oldToolchain = "go1.21.3"

func TestGoBinaryVulnerabilities(t *testing.T) {
	vulndata := filepath.Join(sharedVulndata(t), "go/osv")
	src := t.TempDir()
	for name, content := range map[string]string{
		"go.mod": "module example.com/rapid\n\ngo 1.21\n\nrequire golang.org/x/net v0.16.0\n",
		"main.go": `package main

import (
	"fmt"

	"golang.org/x/net/http2"
)

func main() { fmt.Println(http2.ClientPreface) }
`,
	} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	binDir := t.TempDir()
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", filepath.Join(binDir, "rapid"), "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = src
		// An older toolchain (fetched through the module proxy like any
		// module), so the standard library has known vulnerabilities.
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "CGO_ENABLED=0", "GOTOOLCHAIN="+oldToolchain)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s (the module proxy must be reachable)", strings.Join(args, " "), err, out)
		}
	}
	dbPath := filepath.Join(t.TempDir(), "vuln.db")
	if code, _, stderr := run(t, "", "db", "import", "--db", dbPath, vulndata); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr := run(t, "", "fs", "--scanners", "vuln", "--db", dbPath, "-f", "json", binDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rep := decode(t, out)
	gotStd := map[string]bool{}
	var rapid bool
	for _, f := range rep.Findings {
		name, _, _ := strings.Cut(f.Resource.Name, "@")
		switch {
		case f.CheckID == "GO-2023-2102" && name == "golang.org/x/net":
			rapid = strings.Contains(f.Message, "fixed in 0.17.0")
		case name == "stdlib":
			gotStd[f.CheckID] = true
		}
	}
	if !rapid {
		t.Errorf("GO-2023-2102 on golang.org/x/net v0.16.0 with fix 0.17.0 not reported: %+v", rep.Findings)
	}

	// Independent expectation for the standard library: the toolchain
	// version `go version` reads from the binary.
	vout, err := exec.Command("go", "version", filepath.Join(binDir, "rapid")).Output()
	if err != nil || !strings.Contains(string(vout), oldToolchain) {
		t.Fatalf("go version of the binary: %s %v (want %s)", vout, err, oldToolchain)
	}
	goVersion := "v" + strings.TrimPrefix(oldToolchain, "go")
	want := map[string]bool{}
	ents, _ := os.ReadDir(vulndata)
	for _, e := range ents {
		f, err := os.Open(filepath.Join(vulndata, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		v, err := osv.Parse(f)
		f.Close()
		if err != nil || v.IsWithdrawn() {
			continue
		}
		for _, a := range v.Affected {
			if a.Package.Name != "stdlib" {
				continue
			}
			for _, r := range a.Ranges {
				in := false
				for _, ev := range r.Events {
					switch {
					case ev.Introduced != "":
						if ev.Introduced == "0" || semver.Compare(goVersion, "v"+ev.Introduced) >= 0 {
							in = true
						}
					case ev.Fixed != "":
						if semver.Compare(goVersion, "v"+ev.Fixed) >= 0 {
							in = false
						}
					}
				}
				if in {
					want[v.ID] = true
				}
			}
		}
	}
	for id := range want {
		if !gotStd[id] {
			t.Errorf("stdlib %s affects %s but was not reported", id, goVersion)
		}
	}
	for id := range gotStd {
		if !want[id] {
			t.Errorf("stdlib %s reported but does not affect %s", id, goVersion)
		}
	}
	t.Logf("toolchain %s: %d stdlib records apply, %d reported", goVersion, len(want), len(gotStd))
	if len(want) == 0 {
		t.Errorf("no stdlib record applies to %s: the check proves nothing", goVersion)
	}
}
