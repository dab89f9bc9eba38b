//go:build integration

package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/vuln/osv"
)

// bookwormRootfs returns a Debian 12 root filesystem built with
// `debootstrap --variant=minbase bookworm` from deb.debian.org (no
// bookworm-security, so some packages are older than their security
// updates), cached outside the repository between runs.
func bookwormRootfs(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(cache, "ward-testdata", "bookworm-rootfs")
	if _, err := os.Stat(filepath.Join(dir, "var/lib/dpkg/status")); err == nil {
		return dir
	}
	if _, err := exec.LookPath("debootstrap"); err != nil {
		t.Fatal("debootstrap is missing: apt-get install -y debootstrap (.ci/run installs it)")
	}
	tmp := dir + ".tmp"
	_ = os.RemoveAll(tmp)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("debootstrap", "--variant=minbase", "bookworm", tmp, "http://deb.debian.org/debian").CombinedOutput()
	if err != nil {
		t.Fatalf("debootstrap: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func sharedVulndata(t *testing.T) string {
	t.Helper()
	p, _ := filepath.Abs("../../../shared/vulndata")
	if v := os.Getenv("WARD_VULNDATA"); v != "" {
		p = v
	}
	if _, err := os.Stat(filepath.Join(p, "debian/bookworm-changelog-osv")); err != nil {
		t.Fatalf("vulndata not found at %s (set WARD_VULNDATA): %v", p, err)
	}
	return p
}

// TestDebianRootfsAgainstDpkg is the acceptance check for OS package
// matching: on a real Debian 12 root filesystem, Ward reports each advisory
// of the bookworm changelog-derived OSV data (../shared/vulndata, derived
// data: see its README) that applies to an installed package version, and
// no others. The expectation is computed independently: dpkg-query reads the
// package database and `dpkg --compare-versions` orders versions.
func TestDebianRootfsAgainstDpkg(t *testing.T) {
	if _, err := exec.LookPath("dpkg"); err != nil {
		t.Fatal("dpkg is missing: apt-get install -y dpkg")
	}
	root := bookwormRootfs(t)
	data := filepath.Join(sharedVulndata(t), "debian/bookworm-changelog-osv")
	dbPath := filepath.Join(t.TempDir(), "vuln.db")
	if code, _, stderr := run(t, "", "db", "import", "--db", dbPath, data); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	code, stdout, stderr := run(t, "", "rootfs", "--db", dbPath, "-f", "json", "-q", root)
	if code != 0 {
		t.Fatalf("rootfs scan: exit %d: %s", code, stderr)
	}
	rep := decode(t, stdout)
	got := map[string]bool{}
	for _, f := range rep.Findings {
		name, _, _ := strings.Cut(f.Resource.Name, "@")
		got[f.CheckID+" "+name] = true
	}

	// The independent computation.
	out, err := exec.Command("dpkg-query", "--admindir="+filepath.Join(root, "var/lib/dpkg"), "-W",
		"-f=${db:Status-Abbrev}\t${Package}\t${Version}\t${source:Package}\t${source:Version}\n").Output()
	if err != nil {
		t.Fatal(err)
	}
	type rec struct{ id, fixed string }
	bySource := map[string][]rec{}
	ents, err := os.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		f, err := os.Open(filepath.Join(data, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		v, err := osv.Parse(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		for _, a := range v.Affected {
			for _, r := range a.Ranges {
				for _, ev := range r.Events {
					if ev.Fixed != "" {
						bySource[a.Package.Name] = append(bySource[a.Package.Name], rec{v.ID, ev.Fixed})
					}
				}
			}
		}
	}
	want := map[string]bool{}
	installed := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) != 5 || strings.TrimSpace(cols[0]) != "ii" {
			continue
		}
		installed++
		for _, r := range bySource[cols[3]] {
			if exec.Command("dpkg", "--compare-versions", cols[4], "lt", r.fixed).Run() == nil {
				want[r.id+" "+cols[1]] = true
			}
		}
	}
	var missing, extra []string
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	t.Logf("%d installed packages, %d expected findings, %d reported", installed, len(want), len(got))
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("missing %v\nextra %v", missing, extra)
	}
	if len(want) == 0 {
		t.Error("the rootfs has no outdated package: the check proves nothing (the vulndata README expects about 17 findings)")
	}
	b, _ := json.Marshal(rep.Summary)
	t.Logf("summary %s", b)
}
