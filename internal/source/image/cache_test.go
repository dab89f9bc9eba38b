package image

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// unreadable wraps an image so that opening any layer fails: a walk that
// succeeds on it took every layer from the cache.
type unreadable struct{ v1.Image }

type unreadableLayer struct{ v1.Layer }

var errOpened = errors.New("layer opened")

func (u unreadable) Layers() ([]v1.Layer, error) {
	ls, err := u.Image.Layers()
	if err != nil {
		return nil, err
	}
	out := make([]v1.Layer, len(ls))
	for i, l := range ls {
		out[i] = unreadableLayer{l}
	}
	return out, nil
}

func (unreadableLayer) Uncompressed() (io.ReadCloser, error) { return nil, errOpened }
func (unreadableLayer) Compressed() (io.ReadCloser, error)   { return nil, errOpened }

func TestWalk_layerCache(t *testing.T) {
	ctx := context.Background()
	// Three layers: packages written, replaced and whited out across
	// layers, so a replay that got whiteouts or ordering wrong would
	// differ.
	v1img := buildImage(t, txtarLayers(t, "debian3.txtar"))
	img, err := newImage("test", SourceArchive, v1img, false)
	if err != nil {
		t.Fatal(err)
	}
	exs := extractors(t)
	cacheDir := t.TempDir()

	want, wantErrs, err := Walk(ctx, img, WalkConfig{Extractors: exs})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Packages) == 0 {
		t.Fatal("fixture yields no packages; the comparison below would prove nothing")
	}

	hits := 0
	first, firstErrs, err := Walk(ctx, img, WalkConfig{Extractors: exs, CacheDir: cacheDir, CacheHits: &hits})
	if err != nil {
		t.Fatal(err)
	}
	if hits != 0 {
		t.Errorf("cold cache: %d hits", hits)
	}
	if d := cmp.Diff(want, first); d != "" {
		t.Errorf("cold cache changed the inventory (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantErrs, firstErrs); d != "" {
		t.Errorf("cold cache changed the errors (-want +got):\n%s", d)
	}

	// Warm: no layer is opened, the result is the same.
	warm, err := newImage("test", SourceArchive, unreadable{v1img}, false)
	if err != nil {
		t.Fatal(err)
	}
	hits = 0
	second, secondErrs, err := Walk(ctx, warm, WalkConfig{Extractors: exs, CacheDir: cacheDir, CacheHits: &hits})
	if err != nil {
		t.Fatalf("warm walk opened a layer: %v", err)
	}
	if hits != len(img.DiffIDs) {
		t.Errorf("warm cache: %d hits, want %d", hits, len(img.DiffIDs))
	}
	if d := cmp.Diff(want, second); d != "" {
		t.Errorf("replayed inventory differs (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantErrs, secondErrs); d != "" {
		t.Errorf("replayed errors differ (-want +got):\n%s", d)
	}

	// Another extractor set is another key: nothing cached applies.
	hits = 0
	if _, _, err := Walk(ctx, warm, WalkConfig{Extractors: exs[:1], CacheDir: cacheDir, CacheHits: &hits}); !errors.Is(err, errOpened) {
		t.Errorf("other extractors: err %v, want the layers opened", err)
	}
	if hits != 0 {
		t.Errorf("other extractors: %d hits", hits)
	}

	// A corrupted cache file is dropped and the layer read again.
	files, err := filepath.Glob(filepath.Join(cacheDir, "*", "*.json.gz"))
	if err != nil || len(files) != len(img.DiffIDs) {
		t.Fatalf("cache files %v (%v), want %d", files, err, len(img.DiffIDs))
	}
	if err := os.WriteFile(files[0], []byte("not gzip"), 0o600); err != nil {
		t.Fatal(err)
	}
	hits = 0
	third, _, err := Walk(ctx, img, WalkConfig{Extractors: exs, CacheDir: cacheDir, CacheHits: &hits})
	if err != nil {
		t.Fatal(err)
	}
	if hits != len(img.DiffIDs)-1 {
		t.Errorf("after corrupting one file: %d hits, want %d", hits, len(img.DiffIDs)-1)
	}
	if d := cmp.Diff(want, third); d != "" {
		t.Errorf("inventory after a corrupt cache file differs (-want +got):\n%s", d)
	}
}

// A truncated layer is never cached: its partial result must not stand
// in for the layer later.
func TestWalk_layerCache_skips_failed_layers(t *testing.T) {
	ctx := context.Background()
	v1img := buildImage(t, txtarLayers(t, "debian3.txtar"))
	img, err := newImage("test", SourceArchive, unreadable{v1img}, false)
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	if _, _, err := Walk(ctx, img, WalkConfig{Extractors: extractors(t), CacheDir: cacheDir}); !errors.Is(err, errOpened) {
		t.Fatalf("err %v, want the open failure", err)
	}
	files, _ := filepath.Glob(filepath.Join(cacheDir, "*", "*"))
	if len(files) != 0 {
		t.Errorf("failed layers were cached: %v", files)
	}
}

func FuzzReadJournal(f *testing.F) {
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = readJournal(bytes.NewReader(b))
	})
}
