package image

import (
	"bytes"
	"context"
	"testing"
)

// FuzzWalkLayer feeds arbitrary bytes as a layer tarball: no panic, and
// what the walk keeps stays within its caps.
func FuzzWalkLayer(f *testing.F) {
	for _, file := range []string{"debian3.txtar", "hostile.txtar"} {
		for _, l := range txtarLayers(f, file) {
			f.Add(l)
		}
	}
	exs := extractors(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		w := newWalker(WalkConfig{Extractors: exs, MaxFileSize: 64 << 10, MaxImageBytes: 4 << 20, MaxEntries: 1000, TempDir: t.TempDir()})
		defer w.cleanup()
		_ = w.layer(context.Background(), "sha256:fuzz", bytes.NewReader(data), nil)
		inv, _ := w.finish()
		if w.bytes > 4<<20+1 {
			t.Fatalf("read %d bytes past the cap", w.bytes)
		}
		if w.entries > 1001 {
			t.Fatalf("read %d entries past the cap", w.entries)
		}
		for _, p := range inv.Packages {
			if p.Layer != "sha256:fuzz" {
				t.Fatalf("package without layer: %+v", p)
			}
		}
	})
}
