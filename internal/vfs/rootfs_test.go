package vfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// An absolute symlink in a root filesystem points inside that root, never at
// the host: etc/os-release -> /usr/lib/os-release reads the tree's file, and
// a link to /etc/hostname cannot read the host's.
func TestRootFSSymlinks(t *testing.T) {
	root := t.TempDir()
	mk := func(p, s string) {
		t.Helper()
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("usr/lib/os-release", "ID=debian\n")
	if err := os.MkdirAll(filepath.Join(root, "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"etc/os-release": "/usr/lib/os-release", "etc/escape": "/etc/hostname", "etc/dotdot": "../../../../etc/hostname"} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	r, err := NewRootFS(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(r, "etc/os-release")
	if err != nil || string(b) != "ID=debian\n" {
		t.Fatalf("etc/os-release: %q, %v", b, err)
	}
	if _, err := os.Stat("/etc/hostname"); err == nil {
		for _, p := range []string{"etc/escape", "etc/dotdot"} {
			if b, err := fs.ReadFile(r, p); err == nil {
				t.Errorf("%s read the host's file: %q", p, b)
			}
		}
	}
	if _, err := r.Open("../x"); err == nil {
		t.Error("invalid path accepted")
	}
}
