//go:build integration

package cli

import (
	"archive/tar"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/vuln/match"
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
	root := bookwormRootfs(t)
	data := filepath.Join(sharedVulndata(t), "debian/bookworm-changelog-osv")
	dbPath := importDB(t, data)
	code, stdout, stderr := run(t, "", "rootfs", "--db", dbPath, "-f", "json", "-q", root)
	if code != 0 {
		t.Fatalf("rootfs scan: exit %d: %s", code, stderr)
	}
	rep := decode(t, stdout)
	compareDebian(t, findingSet(rep), debianExpected(t, root, data))
	b, _ := json.Marshal(rep.Summary)
	t.Logf("summary %s", b)
}

// TestDebianImageAgainstDpkg is the same acceptance check on the Debian
// test image: the root filesystem packed as a one-layer image, scanned as a
// docker-archive and, after `docker import`, from the local Docker engine.
// Every finding names the image's layer.
func TestDebianImageAgainstDpkg(t *testing.T) {
	root := bookwormRootfs(t)
	data := filepath.Join(sharedVulndata(t), "debian/bookworm-changelog-osv")
	dbPath := importDB(t, data)
	want := debianExpected(t, root, data)
	layerTar := bookwormTar(t, root)

	dir := t.TempDir()
	archive := filepath.Join(dir, "debian.tar")
	layer, err := tarball.LayerFromFile(layerTar)
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		t.Fatal(err)
	}
	img, err = mutate.Config(img, v1.Config{Cmd: []string{"bash"}, Env: []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}})
	if err != nil {
		t.Fatal(err)
	}
	tag, err := name.NewTag("ward-test/debian:bookworm")
	if err != nil {
		t.Fatal(err)
	}
	if err := tarball.WriteToFile(archive, tag, img); err != nil {
		t.Fatal(err)
	}
	diffID, err := layer.DiffID()
	if err != nil {
		t.Fatal(err)
	}

	check := func(t *testing.T, args ...string) {
		t.Helper()
		code, stdout, stderr := run(t, "", append([]string{"image", "--db", dbPath, "-f", "json", "-q", "--no-cache"}, args...)...)
		if code != 0 && code != 1 {
			t.Fatalf("image scan: exit %d: %s", code, stderr)
		}
		rep := decode(t, stdout)
		compareDebian(t, findingSet(rep), want)
		for _, f := range rep.Findings {
			if f.Domain == match.Domain && f.Location.Layer != diffID.String() {
				t.Errorf("%s on %s: layer %q, want %s", f.CheckID, f.Resource.Name, f.Location.Layer, diffID)
			}
		}
	}
	t.Run("docker_archive", func(t *testing.T) { check(t, "--input", archive) })
	t.Run("docker_engine", func(t *testing.T) {
		docker, err := exec.LookPath("docker")
		if err != nil {
			t.Fatal("no docker CLI: apt-get install -y docker.io (the Docker engine runs on these machines and in CI)")
		}
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			t.Fatal(err)
		}
		ref := "ward-test/debian-" + hex.EncodeToString(b[:]) + ":bookworm"
		if out, err := exec.Command(docker, "import", layerTar, ref).CombinedOutput(); err != nil {
			t.Fatalf("docker import: %v: %s", err, out)
		}
		t.Cleanup(func() {
			if out, err := exec.Command(docker, "rmi", "-f", ref).CombinedOutput(); err != nil {
				t.Errorf("docker rmi %s: %v: %s", ref, err, out)
			}
		})
		check(t, "--image-source", "daemon", ref)
	})
}

func importDB(t *testing.T, paths ...string) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "vuln.db")
	if code, _, stderr := run(t, "", append([]string{"db", "import", "--db", dbPath}, paths...)...); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	return dbPath
}

// findingSet is "ADVISORY package" for each vulnerability finding.
func findingSet(rep finding.Report) map[string]bool {
	got := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Domain != match.Domain {
			continue
		}
		name, _, _ := strings.Cut(f.Resource.Name, "@")
		got[f.CheckID+" "+name] = true
	}
	return got
}

func compareDebian(t *testing.T, got, want map[string]bool) {
	t.Helper()
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
	t.Logf("%d expected findings, %d reported", len(want), len(got))
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("missing %v\nextra %v", missing, extra)
	}
	if len(want) == 0 {
		t.Error("the rootfs has no outdated package: the check proves nothing (the vulndata README expects about 17 findings)")
	}
}

// bookwormTar packs the root filesystem into a layer tarball (cached
// beside it): files, directories, symlinks and hard links with their modes;
// device nodes are left out, as image builders do.
func bookwormTar(t *testing.T, root string) string {
	t.Helper()
	out := root + ".tar"
	if _, err := os.Stat(out); err == nil {
		return out
	}
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(f)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || rel == "." {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() && !info.IsDir() && info.Mode()&fs.ModeSymlink == 0 {
			return nil
		}
		link := ""
		if info.Mode()&fs.ModeSymlink != 0 {
			if link, err = os.Readlink(p); err != nil {
				return err
			}
		}
		hdr, err := tar.FileInfoHeader(info, link)
		if err != nil {
			return err
		}
		hdr.Name = filepath.ToSlash(rel)
		if info.IsDir() {
			hdr.Name += "/"
		}
		hdr.Uname, hdr.Gname = "", ""
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if info.Mode().IsRegular() {
			src, err := os.Open(p)
			if err != nil {
				return err
			}
			_, err = io.Copy(tw, src)
			src.Close()
			return err
		}
		return nil
	})
	if err == nil {
		err = tw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("pack %s: %v", root, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// debianExpected computes, without Ward, the "ADVISORY package" pairs that
// apply to the packages installed in root.
func debianExpected(t *testing.T, root, data string) map[string]bool {
	t.Helper()
	if _, err := exec.LookPath("dpkg"); err != nil {
		t.Fatal("dpkg is missing: apt-get install -y dpkg")
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
	t.Logf("%d installed packages", installed)
	return want
}
