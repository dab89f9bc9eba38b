package vfs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	securejoin "github.com/cyphar/filepath-securejoin"
)

// RootFS is an fs.FS over a directory that is the root of another system (an
// unpacked image, a mounted disk): symlinks resolve inside the root as they
// would for a process chrooted there ("/usr/lib/os-release" from
// etc/os-release stays in the tree), never on the host.
type RootFS struct{ root string }

// NewRootFS returns the file system rooted at dir.
func NewRootFS(dir string) (*RootFS, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	return &RootFS{root: abs}, nil
}

var (
	_ fs.FS        = (*RootFS)(nil)
	_ fs.ReadDirFS = (*RootFS)(nil)
)

func (r *RootFS) resolve(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	p, err := securejoin.SecureJoin(r.root, name)
	if err != nil {
		return "", &fs.PathError{Op: op, Path: name, Err: fmt.Errorf("resolve in root: %w", err)}
	}
	return p, nil
}

// Open opens name, resolving symlinks within the root.
func (r *RootFS) Open(name string) (fs.File, error) {
	p, err := r.resolve("open", name)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// ReadDir lists the directory name, resolving symlinks within the root.
func (r *RootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := r.resolve("readdir", name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(p)
}
