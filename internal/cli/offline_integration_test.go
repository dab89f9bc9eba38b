//go:build integration

package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// inetConnect matches a connect() or sendto() to an IPv4/IPv6 address in
// strace output (unix sockets, e.g. to a local daemon, do not match).
var inetConnect = regexp.MustCompile(`(connect|sendto|sendmsg)\([0-9]+, \{sa_family=AF_INET6?`)

// TestNoNetworkByDefault runs the real binary under strace and proves that
// the local scans — fs (every scanner), rootfs, image --input, sbom, sbom
// scan, config, db import and db info — never open an IPv4/IPv6 connection.
// Only `ward db update --mirror URL` and registry references reach the
// network, and only when asked.
func TestNoNetworkByDefault(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Fatal("strace is missing: apt-get install -y strace (.ci/run installs it)")
	}
	bin := filepath.Join(t.TempDir(), "ward")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/ward")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	work := t.TempDir()
	dbPath := filepath.Join(work, "vuln.db")
	osvDir, _ := filepath.Abs("testdata/osv")
	dir := tree(t, map[string]string{"go.mod": vulnerableGoMod, "Dockerfile": "FROM alpine:3.20\n", "main.tf": `resource "aws_s3_bucket" "b" { bucket = "b" }` + "\n"})

	img, err := mutate.AppendLayers(empty.Image, layerFromFiles(t, map[string]string{"app/go.mod": vulnerableGoMod}))
	if err != nil {
		t.Fatal(err)
	}
	tarPath := filepath.Join(work, "app.tar")
	tag, _ := name.NewTag("example.com/app:1")
	if err := tarball.WriteToFile(tarPath, tag, img); err != nil {
		t.Fatal(err)
	}
	sbomPath := filepath.Join(work, "sbom.json")

	for _, args := range [][]string{
		{"db", "import", "--db", dbPath, osvDir},
		{"db", "info", "--db", dbPath},
		{"fs", "--scanners", "misconfig,secret,vuln", "--db", dbPath, dir},
		{"config", dir},
		{"rootfs", "--db", dbPath, dir},
		{"image", "--db", dbPath, "--input", tarPath},
		{"sbom", "-o", sbomPath, dir},
		{"sbom", "scan", "--db", dbPath, sbomPath},
	} {
		log := filepath.Join(work, "strace.log")
		cmd := exec.Command(strace, append([]string{"-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", log, bin}, args...)...)
		cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+work)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Errorf("ward %s: %v\n%s", strings.Join(args, " "), err, out.String())
			continue
		}
		trace, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		if m := inetConnect.Find(trace); m != nil {
			t.Errorf("ward %s opened a network connection: %s", strings.Join(args, " "), m)
		}
	}

	// The detector works: `db update` with a mirror does connect (here to a
	// closed loopback port, so the command fails).
	log := filepath.Join(work, "strace-update.log")
	_ = exec.Command(strace, "-f", "-qq", "-e", "trace=connect", "-o", log, bin, "db", "update", "--db", dbPath,
		"--mirror", "http://127.0.0.1:9", "--ecosystem", "Go").Run()
	trace, _ := os.ReadFile(log)
	if !inetConnect.Match(trace) {
		t.Errorf("the connection of db update --mirror was not detected; the check above proves nothing:\n%s", trace)
	}
}
