package image

import (
	"context"
	"io"
	"log"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/wardsec/ward/internal/inventory"
)

// pkgRow is the part of a package the layer walk decides.
type pkgRow struct {
	Extractor, Name, Version, Location, Layer string
}

func rows(inv *inventory.Inventory) []pkgRow {
	var out []pkgRow
	for _, p := range inv.Packages {
		out = append(out, pkgRow{p.Extractor, p.Name, p.Version, p.Location, p.Layer})
	}
	return out
}

func debian3Want(diffIDs []string) []pkgRow {
	l2, l3 := diffIDs[1], diffIDs[2]
	return []pkgRow{
		{"lang/gomod", "github.com/google/uuid", "v1.6.0", "app/go.mod", l2},
		{"lang/gomod", "golang.org/x/text", "v0.14.0", "app/go.mod", l2},
		{"lang/gomod", "github.com/new/dep", "v2.0.0+incompatible", "opt/new/go.mod", l2},
		{"os/dpkg", "base-files", "12.4+deb12u5", "var/lib/dpkg/status", l3},
		{"os/dpkg", "libc6", "2.36-9+deb12u7", "var/lib/dpkg/status", l3},
		{"os/dpkg", "zlib1g", "1:1.2.13.dfsg-1", "var/lib/dpkg/status", l3},
	}
}

var debian12 = &inventory.Distro{ID: "debian", VersionID: "12", Codename: "bookworm", PrettyName: "Debian GNU/Linux 12 (bookworm)"}

// startRegistry serves an in-process registry on 127.0.0.1:0.
func startRegistry(t *testing.T, opts ...registry.Option) string {
	t.Helper()
	srv := httptest.NewServer(registry.New(append([]registry.Option{registry.Logger(log.New(io.Discard, "", 0))}, opts...)...))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// TestInventory_sources writes one three-layer image every way Open reads
// and asserts each gives the same layer-attributed inventory.
func TestInventory_sources(t *testing.T) {
	ctx := context.Background()
	img := buildImage(t, txtarLayers(t, "debian3.txtar"))
	dir := t.TempDir()

	archive := filepath.Join(dir, "image.tar")
	tag, err := name.NewTag("ward.test/debian3:1")
	if err != nil {
		t.Fatal(err)
	}
	if err := tarball.WriteToFile(archive, tag, img); err != nil {
		t.Fatalf("write docker-archive: %v", err)
	}

	oci := filepath.Join(dir, "oci")
	lp, err := layout.Write(oci, empty.Index)
	if err != nil {
		t.Fatalf("write layout: %v", err)
	}
	if err := lp.AppendImage(img, layout.WithAnnotations(map[string]string{AnnotationRefName: "1"})); err != nil {
		t.Fatalf("append layout image: %v", err)
	}
	multi := filepath.Join(dir, "multi")
	mp, err := layout.Write(multi, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	other := buildImage(t, txtarLayers(t, "hostile.txtar"))
	for tagName, im := range map[string]v1.Image{"docker.io/ward/debian3:1": img, "docker.io/ward/other:2": other} {
		if err := mp.AppendImage(im, layout.WithAnnotations(map[string]string{AnnotationRefName: tagName})); err != nil {
			t.Fatal(err)
		}
	}

	reg := startRegistry(t)
	remoteRef := reg + "/ward/debian3:1"
	rr, err := name.ParseReference(remoteRef)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(rr, img, remote.WithContext(ctx)); err != nil {
		t.Fatalf("push: %v", err)
	}
	wantDigest, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name       string
		ref        string
		opts       Options
		wantSource Source
		realDigest bool
	}{
		{"archive", archive, Options{Source: SourceArchive}, SourceArchive, false},
		{"archive_auto", archive, Options{}, SourceArchive, false},
		{"layout", oci, Options{Source: SourceLayout}, SourceLayout, true},
		{"layout_auto", oci, Options{}, SourceLayout, true},
		{"layout_tag", multi + ":1", Options{Source: SourceLayout}, SourceLayout, true},
		{"layout_tag_auto", multi + ":1", Options{}, SourceLayout, true},
		{"remote", remoteRef, Options{Source: SourceRemote}, SourceRemote, true},
		{"remote_insecure_loopback", remoteRef, Options{Source: SourceRemote, Insecure: true}, SourceRemote, true},
		{"remote_auto", remoteRef, Options{}, SourceRemote, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			im, err := Open(ctx, tc.ref, tc.opts)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if im.Source != tc.wantSource {
				t.Errorf("Source = %q, want %q", im.Source, tc.wantSource)
			}
			if len(im.DiffIDs) != 3 {
				t.Fatalf("DiffIDs = %v, want 3", im.DiffIDs)
			}
			if tc.realDigest && im.Digest != wantDigest.String() {
				t.Errorf("Digest = %q, want %q", im.Digest, wantDigest)
			}
			if d, err := im.ManifestDigest(); err != nil || !strings.HasPrefix(d, "sha256:") {
				t.Errorf("ManifestDigest = %q, %v", d, err)
			}
			inv, errs, err := Inventory(ctx, im, extractors(t))
			if err != nil {
				t.Fatalf("Inventory: %v", err)
			}
			if len(errs) != 0 {
				t.Errorf("errors: %v", errs)
			}
			if diff := cmp.Diff(debian3Want(im.DiffIDs), rows(inv)); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(debian12, inv.Distro); diff != "" {
				t.Errorf("distro (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOpen_config(t *testing.T) {
	img := buildImage(t, txtarLayers(t, "debian3.txtar"))
	im, err := FromV1("test", SourceRemote, img, true)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		User:         "app",
		Env:          []string{"PATH=/usr/bin", "APP_MODE=prod"},
		Entrypoint:   []string{"/app/server"},
		ExposedPorts: []string{"53/udp", "8080/tcp"},
		Labels:       map[string]string{"org.opencontainers.image.source": "https://example.com/app"},
		Healthcheck:  &Healthcheck{Test: []string{"CMD", "/app/health"}},
		History: []History{
			{CreatedBy: "step 1", Layer: im.DiffIDs[0]},
			{CreatedBy: "step 2", Layer: im.DiffIDs[1]},
			{CreatedBy: "step 3", Layer: im.DiffIDs[2]},
		},
	}
	if diff := cmp.Diff(want, im.Config); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if im.ID == "" || im.Digest == "" {
		t.Errorf("ID = %q, Digest = %q; want both", im.ID, im.Digest)
	}
}

func TestOpen_errors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	multi := filepath.Join(dir, "multi")
	mp, err := layout.Write(multi, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	img := buildImage(t, txtarLayers(t, "debian3.txtar"))
	for _, tg := range []string{"a", "b"} {
		if err := mp.AppendImage(img, layout.WithAnnotations(map[string]string{AnnotationRefName: tg})); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		ref     string
		opts    Options
		wantErr string
	}{
		{"empty_ref", "", Options{}, "empty reference"},
		{"unknown_source", "x", Options{Source: "ftp"}, "unknown source"},
		{"layout_ambiguous", multi, Options{Source: SourceLayout}, "name one as"},
		{"layout_missing_tag", multi + ":c", Options{Source: SourceLayout}, `no image with org.opencontainers.image.ref.name "c"`},
		{"archive_missing", filepath.Join(dir, "none.tar"), Options{Source: SourceArchive}, "open docker-archive"},
		{"insecure_not_loopback", "registry.example.com/x:1", Options{Source: SourceRemote, Insecure: true}, "only on loopback"},
		{"bad_platform", "127.0.0.1:1/x:1", Options{Source: SourceRemote, Platform: "linux/amd64/v3/x"}, "platform"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(ctx, tc.ref, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Open error = %v, want containing %q", err, tc.wantErr)
			}
		})
	}
}
