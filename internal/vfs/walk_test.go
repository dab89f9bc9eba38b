package vfs

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
)

func TestWalk(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	mk := func(p, s string) {
		os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte(s), 0o644)
	}
	mk("a.yaml", "a")
	mk("sub/b.yaml", "b")
	mk(".git/config", "x")
	mk("node_modules/m/package.json", "{}")
	os.WriteFile(filepath.Join(outside, "secret"), []byte("s"), 0o644)
	os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "escape.yaml"))
	os.Symlink("sub/b.yaml", filepath.Join(root, "inside.yaml"))
	os.Symlink(outside, filepath.Join(root, "outdir"))

	_, files, dirs, errs, err := Walk(root)
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, f := range files {
		rels = append(rels, f.Rel)
	}
	sort.Strings(rels)
	if diff := cmp.Diff([]string{"a.yaml", "inside.yaml", "sub/b.yaml"}, rels); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	var escaped []string
	for _, e := range errs {
		if errors.Is(e, ErrSymlinkEscape) {
			escaped = append(escaped, e.Rel)
		}
	}
	sort.Strings(escaped)
	if diff := cmp.Diff([]string{"escape.yaml", "outdir"}, escaped); diff != "" {
		t.Errorf("escapes (-want +got):\n%s", diff)
	}
	for _, d := range dirs {
		if d.Rel == ".git" || d.Rel == "node_modules" {
			t.Errorf("walked into %s", d.Rel)
		}
	}
}

func TestWalkSingleFile(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "x.yaml")
	os.WriteFile(p, []byte("k: v"), 0o644)
	base, files, _, _, err := Walk(p)
	if err != nil || base != root || len(files) != 1 || files[0].Rel != "x.yaml" {
		t.Fatalf("Walk(file) = %q %+v %v", base, files, err)
	}
	if _, _, _, _, err := Walk(filepath.Join(root, "missing")); err == nil {
		t.Fatal("missing target accepted")
	}
}

func TestReadFileLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big")
	os.WriteFile(p, make([]byte, 1025), 0o644)
	_, err := ReadFile(p, 1024)
	var le *limits.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("want LimitError, got %v", err)
	}
	if b, err := ReadFile(p, 2048); err != nil || len(b) != 1025 {
		t.Fatalf("under the limit: %d %v", len(b), err)
	}
}
