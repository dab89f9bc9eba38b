package cli

import (
	"archive/tar"
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/wardsec/ward/internal/finding"
)

// layerFromFiles is an image layer holding the files.
func layerFromFiles(t *testing.T, files map[string]string) v1.Layer {
	t.Helper()
	data := layerOf(t, files)
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func layerOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for p, c := range files {
		if err := tw.WriteHeader(&tar.Header{Name: p, Mode: 0o644, Size: int64(len(c)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// `ward image --input` on a docker-archive: the vulnerable module of layer 2
// is reported with that layer's diffID; the one layer 3 deletes is not.
func TestImageCommand(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "vuln.db")
	osvDir, _ := filepath.Abs("testdata/osv")
	if code, _, stderr := run(t, "", "db", "import", "--db", dbPath, osvDir); code != 0 {
		t.Fatal(stderr)
	}
	img := empty.Image
	var diffIDs []string
	for _, files := range []map[string]string{
		{"etc/os-release": "ID=debian\nVERSION_ID=\"12\"\n"},
		{"app/go.mod": vulnerableGoMod, "old/go.mod": vulnerableGoMod},
		{"old/.wh.go.mod": ""},
	} {
		l := layerFromFiles(t, files)
		d, _ := l.DiffID()
		var err error
		diffIDs = append(diffIDs, d.String())
		if img, err = mutate.AppendLayers(img, l); err != nil {
			t.Fatal(err)
		}
	}
	tarPath := filepath.Join(t.TempDir(), "app.tar")
	tag, _ := name.NewTag("example.com/app:1")
	if err := tarball.WriteToFile(tarPath, tag, img); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "image", "--db", dbPath, "--input", tarPath, "-f", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rep := decode(t, out)
	var vulns []finding.Finding
	hygiene := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Domain == "vuln" {
			vulns = append(vulns, f)
		} else {
			hygiene[f.CheckID] = true
		}
	}
	if len(vulns) != 1 {
		t.Fatalf("want the app/go.mod finding only (old/go.mod is whited out), got %+v", vulns)
	}
	// No USER and no HEALTHCHECK in the config; Debian 12 is supported.
	if !hygiene["WARD-IMAGE-0001"] || !hygiene["WARD-IMAGE-0008"] || hygiene["WARD-IMAGE-0005"] {
		t.Errorf("hygiene findings %v: want root user and no healthcheck, not end of life", hygiene)
	}
	f := vulns[0]
	if f.CheckID != "GO-2023-2102" || f.Location.Layer != diffIDs[1] || !strings.HasSuffix(f.Location.Path, ":/app/go.mod") {
		t.Errorf("finding %+v, want layer %s", f.Location, diffIDs[1])
	}
}

// The verify command needs one complete verification mode before it
// contacts anything, and --require-signature needs a registry reference.
func TestImageVerifyFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "give --key FILE, or --certificate-identity"},
		{[]string{"--key", "k.pub", "--certificate-identity", "me@example.com"}, "not both"},
		{[]string{"--certificate-identity", "me@example.com", "--certificate-oidc-issuer", "https://issuer"}, "needs --trusted-root"},
		{[]string{"--trusted-root", "tr.json", "--certificate-oidc-issuer", "https://issuer"}, "needs --certificate-identity"},
		{[]string{"--trusted-root", "tr.json", "--certificate-identity-regexp", ".*"}, "needs --certificate-oidc-issuer"},
		{[]string{"--trusted-root", "missing.json", "--certificate-identity", "me@example.com", "--certificate-oidc-issuer", "https://issuer"}, "--trusted-root: open missing.json"},
	} {
		args := append([]string{"image", "verify", "127.0.0.1:1/app:1"}, c.args...)
		if code, _, stderr := run(t, t.TempDir(), args...); code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d %q, want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	if code, _, stderr := run(t, "", "image", "--require-signature", "--key", "k.pub", "--input", "app.tar"); code != 2 || !strings.Contains(stderr, "registry reference") {
		t.Errorf("--require-signature with --input: exit %d %q", code, stderr)
	}
}
