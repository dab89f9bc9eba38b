package image

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// alpineRootfs returns the Alpine 3.20.3 minirootfs of ../shared/images:
// the test is skipped when ../shared is absent, except in integration
// builds, where it fails.
func alpineRootfs(t *testing.T) string {
	t.Helper()
	p := filepath.Join(sharedDir(t), "images", "alpine-minirootfs", "alpine-minirootfs-3.20.3-x86_64.tar.gz")
	if _, err := os.Stat(p); err != nil {
		if integrationBuild {
			t.Fatalf("alpine minirootfs required by the integration build: %v", err)
		}
		t.Skipf("alpine minirootfs not available: %v", err)
	}
	return p
}

// checkAlpine asserts the inventory of an image made of the minirootfs.
func checkAlpine(t *testing.T, im *Image) {
	t.Helper()
	inv, errs, err := Inventory(context.Background(), im, extractors(t))
	if err != nil {
		t.Fatalf("Inventory: %v", err)
	}
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	if inv.Distro == nil || inv.Distro.ID != "alpine" || inv.Distro.VersionID != "3.20.3" {
		t.Errorf("distro = %+v, want alpine 3.20.3", inv.Distro)
	}
	// ../shared/images/README.md: 14 apk packages.
	n := 0
	names := map[string]bool{}
	for _, p := range inv.Packages {
		if p.Extractor != "os/apk" {
			continue
		}
		n++
		names[p.Name] = true
		if p.Layer != im.DiffIDs[len(im.DiffIDs)-1] || p.Location != "lib/apk/db/installed" {
			t.Errorf("package %s: layer %q location %q", p.Name, p.Layer, p.Location)
		}
	}
	if n != 14 {
		t.Errorf("apk packages = %d, want 14", n)
	}
	for _, want := range []string{"musl", "busybox", "alpine-baselayout", "apk-tools"} {
		if !names[want] {
			t.Errorf("package %q missing", want)
		}
	}
}

func TestInventory_alpine_minirootfs(t *testing.T) {
	rootfs := alpineRootfs(t)
	layer, err := tarball.LayerFromFile(rootfs)
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		t.Fatal(err)
	}
	im, err := FromV1("alpine", SourceRemote, img, true)
	if err != nil {
		t.Fatal(err)
	}
	checkAlpine(t, im)

	// The same through a docker-archive on disk.
	archive := filepath.Join(t.TempDir(), "alpine.tar")
	tag, err := name.NewTag("ward.test/alpine:3.20.3")
	if err != nil {
		t.Fatal(err)
	}
	if err := tarball.WriteToFile(archive, tag, img); err != nil {
		t.Fatal(err)
	}
	im, err = Open(context.Background(), archive, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkAlpine(t, im)
}
