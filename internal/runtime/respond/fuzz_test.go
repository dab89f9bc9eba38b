package respond

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
)

// FuzzLoadConfig feeds arbitrary bytes to LoadConfig: it must never panic,
// must fail only with a typed error, and whatever it accepts must be a
// config New accepts, loaded the same way twice.
func FuzzLoadConfig(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*.yaml")
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seeds in testdata: %v", err)
	}
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("rules: [{match: '*', actions: webhook}]\nwebhook: http://127.0.0.1:1/x\n"))
	f.Add([]byte("minSeverity: !!int 3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := LoadConfig(bytes.NewReader(data))
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if _, err := New(cfg); err != nil {
			t.Fatalf("LoadConfig accepted a config New rejects: %v", err)
		}
		again, err := LoadConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("second load failed: %v", err)
		}
		if diff := cmp.Diff(cfg, again); diff != "" {
			t.Fatalf("two loads differ (-first +second):\n%s", diff)
		}
	})
}
