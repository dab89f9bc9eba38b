package golang

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

func input(p string, data []byte, mode fs.FileMode) extract.Input {
	return extract.Input{Path: p, Reader: bytes.NewReader(data), Size: int64(len(data)), Mode: mode}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func goPkg(name, version, loc, id string, direct bool) inventory.Package {
	return inventory.Package{Name: name, Version: version, Ecosystem: inventory.Go,
		Location: loc, Extractor: id, Direct: direct}
}

func TestGoModExtract(t *testing.T) {
	const loc = "svc/go.mod"
	tests := []struct {
		name    string
		fixture string
		want    []inventory.Package
	}{
		{
			name:    "requirements_replacements_indirect",
			fixture: "replace.go.mod",
			want: []inventory.Package{
				goPkg("github.com/bytedance/sonic", "v1.9.1", loc, GoModID, false),
				goPkg("github.com/gin-gonic/gin", "v1.9.1", loc, GoModID, true),
				goPkg("github.com/google/uuid", "v1.6.0", loc, GoModID, true),
				goPkg("github.com/new/logger", "v1.3.1", loc, GoModID, true),
				// The replace names v0.9.0 only, so v1.0.0 stays.
				goPkg("github.com/pinned/thing", "v1.0.0", loc, GoModID, true),
				goPkg("golang.org/x/net", "v0.23.0", loc, GoModID, false),
				goPkg("golang.org/x/text", "v0.14.0", loc, GoModID, false),
			},
		},
		{name: "no_requirements", fixture: "nodeps.go.mod", want: nil},
	}
	ex, err := NewGoMod(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ex.Extract(context.Background(), input(loc, readTestdata(t, tc.fixture), 0o644))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGoModErrors(t *testing.T) {
	ex, err := NewGoMod(Config{MaxFileSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("syntax_error_has_line", func(t *testing.T) {
		def, err := NewGoMod(Config{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = def.Extract(context.Background(), input("go.mod", readTestdata(t, "bad.go.mod"), 0o644))
		var pe *limits.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("got %v, want *limits.ParseError", err)
		}
		if pe.Line != 5 || pe.Path != "go.mod" {
			t.Errorf("position = %s:%d, want go.mod:5", pe.Path, pe.Line)
		}
	})
	t.Run("too_large", func(t *testing.T) {
		_, err := ex.Extract(context.Background(), input("go.mod", bytes.Repeat([]byte("\n"), 65), 0o644))
		var le *limits.LimitError
		if !errors.As(err, &le) || le.Limit != 64 {
			t.Fatalf("got %v, want *limits.LimitError with limit 64", err)
		}
	})
	t.Run("binary_garbage", func(t *testing.T) {
		_, err := ex.Extract(context.Background(), input("go.mod", []byte("\x00\xff\x01module\x00"), 0o644))
		var pe *limits.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("got %v, want *limits.ParseError", err)
		}
	})
}

func TestRequired(t *testing.T) {
	gm, err := NewGoMod(Config{})
	if err != nil {
		t.Fatal(err)
	}
	gb, err := NewGoBinary(Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ex   extract.Extractor
		path string
		size int64
		mode fs.FileMode
		want bool
	}{
		{"gomod_root", gm, "go.mod", 100, 0o644, true},
		{"gomod_nested", gm, "a/b/go.mod", 100, 0o644, true},
		{"gomod_sum", gm, "go.sum", 100, 0o644, false},
		{"gomod_suffix", gm, "a/xgo.mod", 100, 0o644, false},
		{"binary_exec_bits", gb, "app/server", 1 << 20, 0o755, true},
		{"binary_exec_with_extension", gb, "app/run.sh", 100, 0o755, true},
		{"binary_bin_dir_no_mode", gb, "usr/local/bin/kubectl", 1 << 20, 0o644, true},
		{"binary_sbin_dir_no_mode", gb, "sbin/init", 1 << 20, 0o644, true},
		{"binary_exe_in_bin", gb, "bin/tool.exe", 1 << 20, 0o644, true},
		{"binary_text_in_bin", gb, "bin/README.md", 100, 0o644, false},
		{"binary_plain_file", gb, "app/server", 1 << 20, 0o644, false},
		{"binary_empty", gb, "bin/x", 0, 0o755, false},
		{"binary_too_large", gb, "bin/x", DefaultMaxBinarySize + 1, 0o755, false},
		{"binary_at_limit", gb, "bin/x", DefaultMaxBinarySize, 0o755, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.ex.Required(tc.path, tc.size, tc.mode); got != tc.want {
				t.Errorf("Required(%q, %d, %v) = %v, want %v", tc.path, tc.size, tc.mode, got, tc.want)
			}
		})
	}
}

func TestNewRejectsNegativeLimits(t *testing.T) {
	if _, err := NewGoMod(Config{MaxFileSize: -1}); err == nil {
		t.Error("NewGoMod accepted a negative MaxFileSize")
	}
	if _, err := NewGoBinary(Config{MaxBinarySize: -1}); err == nil {
		t.Error("NewGoBinary accepted a negative MaxBinarySize")
	}
}
