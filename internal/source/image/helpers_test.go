package image

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"golang.org/x/tools/txtar"

	"github.com/wardsec/ward/internal/inventory/all"
	"github.com/wardsec/ward/internal/inventory/extract"
)

// tarEntry is one entry of a test layer.
type tarEntry struct {
	Name string
	Type byte
	Body []byte
	Link string
	Mode int64
}

// txtarLayers reads a testdata txtar whose files are named
// "layerN/<path>", "layerN/<path> -> <symlink target>" or
// "layerN/<path> => <hardlink target>", and returns the tar of each layer
// in order.
func txtarLayers(t testing.TB, file string) [][]byte {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	var order []string
	byLayer := map[string][]tarEntry{}
	for _, f := range ar.Files {
		layer, name, ok := strings.Cut(f.Name, "/")
		if !ok || !strings.HasPrefix(layer, "layer") {
			t.Fatalf("fixture %s: bad file name %q", file, f.Name)
		}
		if _, seen := byLayer[layer]; !seen {
			order = append(order, layer)
			byLayer[layer] = nil
		}
		e := tarEntry{Name: name, Type: tar.TypeReg, Body: f.Data, Mode: 0o644}
		if n, target, ok := strings.Cut(name, " -> "); ok {
			e = tarEntry{Name: n, Type: tar.TypeSymlink, Link: target, Mode: 0o777}
		} else if n, target, ok := strings.Cut(name, " => "); ok {
			e = tarEntry{Name: n, Type: tar.TypeLink, Link: target, Mode: 0o644}
		}
		byLayer[layer] = append(byLayer[layer], e)
	}
	sort.Strings(order)
	var out [][]byte
	for _, l := range order {
		out = append(out, tarOf(t, byLayer[l]))
	}
	return out
}

func tarOf(t testing.TB, entries []tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.Name, Typeflag: e.Type, Linkname: e.Link, Mode: e.Mode, Format: tar.FormatPAX}
		if e.Type == tar.TypeReg {
			hdr.Size = int64(len(e.Body))
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatalf("tar header %q: %v", e.Name, err)
		}
		if _, err := tw.Write(e.Body); err != nil {
			t.Fatalf("tar body %q: %v", e.Name, err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatalf("tar close: %v", err)
	}
	return buf.Bytes()
}

// layerOf makes a layer from a tar (plain or gzip) held in memory.
func layerOf(t testing.TB, data []byte) v1.Layer {
	t.Helper()
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	})
	if err != nil {
		t.Fatalf("layer: %v", err)
	}
	return l
}

// testConfig is the image configuration of the built test images.
var testConfig = v1.Config{
	User:         "app",
	Env:          []string{"PATH=/usr/bin", "APP_MODE=prod"},
	ExposedPorts: map[string]struct{}{"8080/tcp": {}, "53/udp": {}},
	Labels:       map[string]string{"org.opencontainers.image.source": "https://example.com/app"},
	Healthcheck:  &v1.HealthConfig{Test: []string{"CMD", "/app/health"}},
	Entrypoint:   []string{"/app/server"},
}

// buildImage appends one layer per tar to an empty image; layer i is
// created by "step i".
func buildImage(t testing.TB, tars [][]byte) v1.Image {
	t.Helper()
	var adds []mutate.Addendum
	for i, data := range tars {
		adds = append(adds, mutate.Addendum{
			Layer:   layerOf(t, data),
			History: v1.History{CreatedBy: "step " + string(rune('1'+i))},
		})
	}
	img, err := mutate.Append(empty.Image, adds...)
	if err != nil {
		t.Fatalf("append layers: %v", err)
	}
	img, err = mutate.Config(img, testConfig)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return img
}

func extractors(t testing.TB) []extract.Extractor {
	t.Helper()
	exs, err := all.Extractors()
	if err != nil {
		t.Fatalf("extractors: %v", err)
	}
	return exs
}

// sharedDir returns ../shared beside the repository root.
func sharedDir(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(d), "shared")
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
