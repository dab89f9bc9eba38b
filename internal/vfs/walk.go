// Package vfs walks a scan root once with the limits every scan needs:
// symlinks may not leave the root, files over the size cap are refused
// before they are read, and unreadable entries become per-path errors.
package vfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wardsec/ward/internal/limits"
)

// Entry is one regular file found by Walk.
type Entry struct {
	// Rel is the path relative to the root, with forward slashes.
	Rel string
	// Abs is the path on disk (symlinks resolved).
	Abs  string
	Size int64
}

// Dir is one directory found by Walk with the names of its entries.
type Dir struct {
	Rel     string
	Entries []string
}

// PathError is a problem with one path of the walk.
type PathError struct {
	Rel string
	Err error
}

func (e *PathError) Error() string { return e.Rel + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

// ErrSymlinkEscape marks a symlink whose target is outside the scan root.
var ErrSymlinkEscape = errors.New("symlink points outside the scan root")

// skipDirs are never descended into.
var skipDirs = map[string]bool{".git": true, "node_modules": true, ".terraform": false}

// Walk lists the files and directories under root. root may be a single
// file, in which case its parent directory is the root. Errors on single
// paths are returned in the list; only an unusable root fails the walk.
func Walk(root string) (base string, files []Entry, dirs []Dir, errs []*PathError, err error) {
	info, err := os.Stat(root)
	if err != nil {
		return "", nil, nil, nil, fmt.Errorf("scan target %q: %w", root, err)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", nil, nil, nil, err
	}
	if !info.IsDir() {
		real, err := filepath.EvalSymlinks(absRoot)
		if err != nil {
			return "", nil, nil, nil, fmt.Errorf("scan target %q: %w", root, err)
		}
		return filepath.Dir(absRoot), []Entry{{Rel: filepath.Base(absRoot), Abs: real, Size: info.Size()}}, nil, nil, nil
	}
	realRoot, err := filepath.EvalSymlinks(absRoot)
	if err != nil {
		return "", nil, nil, nil, fmt.Errorf("scan target %q: %w", root, err)
	}
	var walk func(abs, rel string, depth int)
	walk = func(abs, rel string, depth int) {
		if depth > 64 {
			errs = append(errs, &PathError{Rel: rel, Err: &limits.LimitError{What: "directory depth", Limit: 64}})
			return
		}
		ents, err := os.ReadDir(abs)
		if err != nil {
			errs = append(errs, &PathError{Rel: relOrDot(rel), Err: err})
			return
		}
		d := Dir{Rel: relOrDot(rel)}
		for _, e := range ents {
			d.Entries = append(d.Entries, e.Name())
		}
		sort.Strings(d.Entries)
		dirs = append(dirs, d)
		for _, e := range ents {
			name := e.Name()
			childAbs := filepath.Join(abs, name)
			childRel := name
			if rel != "" {
				childRel = rel + "/" + name
			}
			typ := e.Type()
			if typ&fs.ModeSymlink != 0 {
				target, err := filepath.EvalSymlinks(childAbs)
				if err != nil {
					errs = append(errs, &PathError{Rel: childRel, Err: err})
					continue
				}
				if !within(realRoot, target) {
					errs = append(errs, &PathError{Rel: childRel, Err: fmt.Errorf("%w (%s)", ErrSymlinkEscape, target)})
					continue
				}
				ti, err := os.Stat(target)
				if err != nil {
					errs = append(errs, &PathError{Rel: childRel, Err: err})
					continue
				}
				if ti.IsDir() {
					// Linked directories inside the root are walked where they
					// really are; following them here could loop.
					continue
				}
				if ti.Mode().IsRegular() {
					files = append(files, Entry{Rel: childRel, Abs: target, Size: ti.Size()})
				}
				continue
			}
			if e.IsDir() {
				if skipDirs[name] {
					continue
				}
				walk(childAbs, childRel, depth+1)
				continue
			}
			if !typ.IsRegular() {
				continue
			}
			fi, err := e.Info()
			if err != nil {
				errs = append(errs, &PathError{Rel: childRel, Err: err})
				continue
			}
			files = append(files, Entry{Rel: childRel, Abs: childAbs, Size: fi.Size()})
		}
	}
	walk(absRoot, "", 0)
	return absRoot, files, dirs, errs, nil
}

func relOrDot(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}

func within(root, p string) bool {
	if p == root {
		return true
	}
	return strings.HasPrefix(p, root+string(filepath.Separator))
}

// ReadFile reads a file of at most max bytes. A larger file is refused with
// a *limits.LimitError without reading it all.
func ReadFile(abs string, max int64) ([]byte, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &limits.LimitError{What: "file size", Limit: max}
	}
	return b, nil
}
