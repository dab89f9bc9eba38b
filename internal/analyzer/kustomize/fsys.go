package kustomize

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"sigs.k8s.io/kustomize/kyaml/filesys"

	"github.com/wardsec/ward/internal/limits"
)

// mount is where the scan root appears to kustomize. Kustomize joins
// relative references onto absolute directories; with the root mounted one
// level down, a reference that climbs above the root lands outside mount and
// is refused instead of being clamped at "/".
const mount = "/ward-scan-root"

// ErrOutsideRoot marks a path that leaves the scan root.
var ErrOutsideRoot = errors.New("path is outside the scan root")

var errReadOnly = errors.New("kustomize: file system is read-only")

// rootFS presents an fs.FS (the scan root) to kustomize as a read-only
// filesys.FileSystem: reads cannot leave the root (fs.FS names are
// root-relative, and symlinks that resolve outside it are refused), every
// file is size-checked and all reads of one build share a byte budget.
type rootFS struct {
	fsys fs.FS
	// override replaces the content of one file (rel path) — the top
	// kustomization, with origin tracking turned on.
	overrideName string
	override     []byte

	mu       sync.Mutex
	left     int64
	maxTotal int64
	maxFile  int64
}

var _ filesys.FileSystem = (*rootFS)(nil)

// rel turns a kustomize path (absolute under mount, or relative to it) into
// an fs.FS name.
func (r *rootFS) rel(p string) (string, error) {
	p = filepath.ToSlash(p)
	if !path.IsAbs(p) {
		p = path.Join(mount, p)
	}
	p = path.Clean(p)
	if p == mount {
		return ".", nil
	}
	rest, ok := strings.CutPrefix(p, mount+"/")
	if !ok || !fs.ValidPath(rest) {
		return "", &fs.PathError{Op: "open", Path: shown(p), Err: ErrOutsideRoot}
	}
	if err := r.confined(rest); err != nil {
		return "", err
	}
	return rest, nil
}

// confined refuses a name whose symlinks (if the FS can report them)
// resolve outside the root.
func (r *rootFS) confined(name string) error {
	rl, ok := r.fsys.(fs.ReadLinkFS)
	if !ok {
		return nil
	}
	todo := strings.Split(name, "/")
	cur := "."
	for hops := 0; len(todo) > 0; {
		next := path.Join(cur, todo[0])
		todo = todo[1:]
		fi, err := rl.Lstat(next)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			cur = next
			if err != nil {
				return nil // does not exist: the operation itself reports it
			}
			continue
		}
		if hops++; hops > 40 {
			return &fs.PathError{Op: "open", Path: name, Err: errors.New("too many symlinks")}
		}
		target, err := rl.ReadLink(next)
		if err != nil {
			return err
		}
		target = filepath.ToSlash(target)
		if path.IsAbs(target) {
			return &fs.PathError{Op: "open", Path: name, Err: ErrOutsideRoot}
		}
		resolved := path.Join(path.Dir(next), target)
		if resolved == ".." || strings.HasPrefix(resolved, "../") {
			return &fs.PathError{Op: "open", Path: name, Err: ErrOutsideRoot}
		}
		todo = append(strings.Split(resolved, "/"), todo...)
		cur = "."
	}
	return nil
}

func (r *rootFS) abs(rel string) string {
	if rel == "." {
		return mount
	}
	return mount + "/" + rel
}

// shown strips the mount from a path for messages.
func shown(p string) string {
	if p == mount {
		return "."
	}
	if rest, ok := strings.CutPrefix(p, mount+"/"); ok {
		return rest
	}
	return p
}

func (r *rootFS) readFile(rel string) ([]byte, error) {
	if rel == r.overrideName {
		return bytes.Clone(r.override), nil
	}
	f, err := r.fsys.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: rel, Err: errors.New("is a directory")}
	}
	if st.Size() > r.maxFile {
		return nil, &limits.LimitError{What: "file size of " + rel, Limit: r.maxFile}
	}
	data, err := io.ReadAll(io.LimitReader(f, r.maxFile+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > r.maxFile {
		return nil, &limits.LimitError{What: "file size of " + rel, Limit: r.maxFile}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if int64(len(data)) > r.left {
		return nil, &limits.LimitError{What: "bytes read by one kustomize build", Limit: r.maxTotal}
	}
	r.left -= int64(len(data))
	return data, nil
}

// ReadFile implements filesys.FileSystem.
func (r *rootFS) ReadFile(p string) ([]byte, error) {
	rel, err := r.rel(p)
	if err != nil {
		return nil, err
	}
	return r.readFile(rel)
}

// Open implements filesys.FileSystem (read-only).
func (r *rootFS) Open(p string) (filesys.File, error) {
	rel, err := r.rel(p)
	if err != nil {
		return nil, err
	}
	st, err := fs.Stat(r.fsys, rel)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return &memFile{info: st}, nil
	}
	data, err := r.readFile(rel)
	if err != nil {
		return nil, err
	}
	return &memFile{Reader: bytes.NewReader(data), info: st}, nil
}

// IsDir implements filesys.FileSystem.
func (r *rootFS) IsDir(p string) bool {
	rel, err := r.rel(p)
	if err != nil {
		return false
	}
	st, err := fs.Stat(r.fsys, rel)
	return err == nil && st.IsDir()
}

// Exists implements filesys.FileSystem.
func (r *rootFS) Exists(p string) bool {
	rel, err := r.rel(p)
	if err != nil {
		return false
	}
	if rel == r.overrideName {
		return true
	}
	_, err = fs.Stat(r.fsys, rel)
	return err == nil
}

// ReadDir implements filesys.FileSystem.
func (r *rootFS) ReadDir(p string) ([]string, error) {
	rel, err := r.rel(p)
	if err != nil {
		return nil, err
	}
	ents, err := fs.ReadDir(r.fsys, rel)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ents))
	for i, e := range ents {
		out[i] = e.Name()
	}
	return out, nil
}

// CleanedAbs implements filesys.FileSystem: an existing directory, or an
// existing file split into its directory and name.
func (r *rootFS) CleanedAbs(p string) (filesys.ConfirmedDir, string, error) {
	rel, err := r.rel(p)
	if err != nil {
		return "", "", err
	}
	st, err := fs.Stat(r.fsys, rel)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", shown(r.abs(rel)), err)
	}
	if st.IsDir() {
		return filesys.ConfirmedDir(r.abs(rel)), "", nil
	}
	return filesys.ConfirmedDir(r.abs(path.Dir(rel))), path.Base(rel), nil
}

// Glob implements filesys.FileSystem like kustomize's on-disk one: hidden
// files only when the pattern names them.
func (r *rootFS) Glob(pattern string) ([]string, error) {
	pattern = filepath.ToSlash(pattern)
	if !path.IsAbs(pattern) {
		pattern = path.Join(mount, pattern)
	}
	rest, ok := strings.CutPrefix(path.Clean(pattern), mount+"/")
	if !ok {
		return nil, &fs.PathError{Op: "glob", Path: shown(pattern), Err: ErrOutsideRoot}
	}
	matches, err := fs.Glob(r.fsys, rest)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range matches {
		if r.confined(m) == nil {
			out = append(out, r.abs(m))
		}
	}
	if filesys.IsHiddenFilePath(pattern) {
		return out, nil
	}
	return filesys.RemoveHiddenFiles(out), nil
}

// Walk implements filesys.FileSystem.
func (r *rootFS) Walk(p string, fn filepath.WalkFunc) error {
	rel, err := r.rel(p)
	if err != nil {
		return err
	}
	return fs.WalkDir(r.fsys, rel, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fn(r.abs(name), nil, err)
		}
		info, err := d.Info()
		return fn(r.abs(name), info, err)
	})
}

// Create implements filesys.FileSystem: refused.
func (r *rootFS) Create(string) (filesys.File, error) { return nil, errReadOnly }

// Mkdir implements filesys.FileSystem: refused.
func (r *rootFS) Mkdir(string) error { return errReadOnly }

// MkdirAll implements filesys.FileSystem: refused.
func (r *rootFS) MkdirAll(string) error { return errReadOnly }

// RemoveAll implements filesys.FileSystem: refused.
func (r *rootFS) RemoveAll(string) error { return errReadOnly }

// WriteFile implements filesys.FileSystem: refused.
func (r *rootFS) WriteFile(string, []byte) error { return errReadOnly }

// memFile is a read-only filesys.File over bytes already read.
type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *memFile) Read(p []byte) (int, error) {
	if f.Reader == nil {
		return 0, io.EOF
	}
	return f.Reader.Read(p)
}
func (f *memFile) Write([]byte) (int, error)  { return 0, errReadOnly }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Stat() (os.FileInfo, error) { return f.info, nil }
