package fim

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/wardsec/ward/internal/limits"
)

// Entry types.
const (
	TypeFile    = "file"
	TypeDir     = "dir"
	TypeSymlink = "symlink"
	// TypeOther is a device, FIFO or socket: tracked by mode and owner.
	TypeOther = "other"
)

// Entry is the recorded state of one path.
type Entry struct {
	// Type is TypeFile, TypeDir, TypeSymlink or TypeOther.
	Type string `json:"type"`
	// Mode holds the permission bits with setuid (04000), setgid (02000)
	// and sticky (01000), as chmod(2) takes them.
	Mode uint32 `json:"mode"`
	UID  uint32 `json:"uid"`
	GID  uint32 `json:"gid"`
	// Size and MTime are the file's (or the link's); zero for directories,
	// whose size and time change with every child.
	Size  int64     `json:"size"`
	MTime time.Time `json:"mtime"`
	// SHA256 is the hex digest of a regular file's content; empty when it
	// was not computed, and NoHash says why (too large, unreadable).
	SHA256 string `json:"sha256,omitempty"`
	NoHash string `json:"noHash,omitempty"`
	// Link is a symlink's target (links are recorded, never followed).
	Link string `json:"link,omitempty"`
}

// equal reports whether two entries record the same state.
func (e Entry) equal(o Entry) bool {
	return e.Type == o.Type && e.Mode == o.Mode && e.UID == o.UID && e.GID == o.GID && e.Size == o.Size &&
		e.MTime.Equal(o.MTime) && e.SHA256 == o.SHA256 && e.NoHash == o.NoHash && e.Link == o.Link
}

// contentChanged reports whether the content of a path of one type
// changed: the digests when both are known, else size and time.
func contentChanged(a, b Entry) bool {
	switch a.Type {
	case TypeFile:
		if a.SHA256 != "" && b.SHA256 != "" {
			return a.SHA256 != b.SHA256
		}
		return a.Size != b.Size || !a.MTime.Equal(b.MTime)
	case TypeSymlink:
		return a.Link != b.Link
	}
	return false
}

// attrsChanged reports whether mode or owner changed.
func attrsChanged(a, b Entry) bool { return a.Mode != b.Mode || a.UID != b.UID || a.GID != b.GID }

// baselineVersion is the version of the baseline file format.
const baselineVersion = 1

// baselineDoc is the baseline file (docs/runtime-fim-profiles.md).
type baselineDoc struct {
	Version int              `json:"version"`
	Paths   []string         `json:"paths"`
	Created time.Time        `json:"created"`
	Updated time.Time        `json:"updated"`
	Entries map[string]Entry `json:"entries"`
}

// Limits of the baseline loader.
const (
	maxEntryPathLen = 4096
	maxNoHashLen    = 512
)

// maxBaselineBytes bounds the baseline file for a limit of maxFiles
// entries (about 1 KiB per entry).
func maxBaselineBytes(maxFiles int) int64 { return int64(maxFiles)*1024 + 1<<20 }

var errTooLarge = errors.New("input too large")

// capReader fails with errTooLarge after n bytes.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// Tell an exact fit from an overflow: a further byte is too much.
		var one [1]byte
		k, err := c.r.Read(one[:])
		if k > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

func readBaselineFile(name string, maxBytes int64, maxEntries int) (*baselineDoc, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decodeBaseline(f, name, maxBytes, maxEntries)
}

// decodeBaseline reads and validates a baseline document of at most
// maxBytes bytes and maxEntries entries. Errors are *limits.LimitError or
// *limits.ParseError.
func decodeBaseline(r io.Reader, name string, maxBytes int64, maxEntries int) (*baselineDoc, error) {
	dec := json.NewDecoder(bufio.NewReader(&capReader{r: r, n: maxBytes}))
	dec.DisallowUnknownFields()
	var doc baselineDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonError(err, name, "baseline file", maxBytes)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil || !errors.Is(err, errTooLarge) {
			return nil, &limits.ParseError{Path: name, Msg: "trailing data after the baseline document"}
		}
		return nil, jsonError(err, name, "baseline file", maxBytes)
	}
	if doc.Version != baselineVersion {
		return nil, &limits.ParseError{Path: name, Msg: fmt.Sprintf("unsupported baseline version %d (want %d)", doc.Version, baselineVersion)}
	}
	roots, err := normalizeRoots(doc.Paths)
	if err != nil {
		return nil, &limits.ParseError{Path: name, Msg: err.Error()}
	}
	if len(roots) != len(doc.Paths) {
		return nil, &limits.ParseError{Path: name, Msg: "paths are not sorted, unique and disjoint"}
	}
	for i := range roots {
		if roots[i] != doc.Paths[i] {
			return nil, &limits.ParseError{Path: name, Msg: fmt.Sprintf("path %q is not in clean, sorted form", doc.Paths[i])}
		}
	}
	if len(doc.Entries) > maxEntries {
		return nil, &limits.LimitError{What: "entries in baseline file " + name, Limit: int64(maxEntries)}
	}
	if doc.Entries == nil {
		doc.Entries = map[string]Entry{}
	}
	for p, e := range doc.Entries {
		if err := validEntry(p, e, roots); err != nil {
			return nil, &limits.ParseError{Path: name, Msg: fmt.Sprintf("entry %q: %s", p, err)}
		}
	}
	return &doc, nil
}

// jsonError turns a decoding error into a typed one.
func jsonError(err error, name, what string, maxBytes int64) error {
	if errors.Is(err, errTooLarge) {
		return &limits.LimitError{What: what + " " + name, Limit: maxBytes}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &limits.ParseError{Path: name, Msg: fmt.Sprintf("invalid JSON at byte %d: %s", se.Offset, se.Error())}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &limits.ParseError{Path: name, Msg: "unexpected end of JSON"}
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &limits.ParseError{Path: name, Msg: fmt.Sprintf("field %q: %s", te.Field, te.Error())}
	}
	var pe *limits.ParseError
	if errors.As(err, &pe) {
		return err
	}
	return &limits.ParseError{Path: name, Msg: err.Error()}
}

func validEntry(p string, e Entry, roots []string) error {
	if len(p) > maxEntryPathLen || !path.IsAbs(p) || path.Clean(p) != p {
		return errors.New("not a clean absolute path")
	}
	ok := false
	for _, r := range roots {
		if under(p, r) {
			ok = true
			break
		}
	}
	if !ok {
		return errors.New("not under the baseline's paths")
	}
	switch e.Type {
	case TypeFile, TypeDir, TypeSymlink, TypeOther:
	default:
		return fmt.Errorf("unknown type %q", e.Type)
	}
	if e.Mode > 0o7777 {
		return fmt.Errorf("mode %o has bits outside 07777", e.Mode)
	}
	if e.Size < 0 {
		return fmt.Errorf("negative size %d", e.Size)
	}
	if e.SHA256 != "" {
		if e.Type != TypeFile {
			return errors.New("sha256 on a non-file")
		}
		if len(e.SHA256) != 64 {
			return errors.New("sha256 is not 64 hex digits")
		}
		for _, c := range []byte(e.SHA256) {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return errors.New("sha256 is not lower-case hex")
			}
		}
	}
	if len(e.NoHash) > maxNoHashLen {
		return errors.New("noHash too long")
	}
	if e.Link != "" && e.Type != TypeSymlink {
		return errors.New("link on a non-symlink")
	}
	if len(e.Link) > maxEntryPathLen {
		return errors.New("link too long")
	}
	return nil
}

// persist writes the baseline atomically (a temporary file in the same
// directory, synced, renamed over the old one).
func (m *Monitor) persist() error {
	if m.baseFile == "" {
		m.bmu.Lock()
		m.dirty = false
		m.bmu.Unlock()
		return nil
	}
	m.bmu.RLock()
	doc := baselineDoc{Version: baselineVersion, Paths: m.roots, Created: m.created, Updated: m.now().UTC(), Entries: m.base}
	err := writeAtomic(m.baseFile, func(w io.Writer) error { return json.NewEncoder(w).Encode(&doc) })
	m.bmu.RUnlock()
	if err != nil {
		return fmt.Errorf("fim: persist baseline %q: %w", m.baseFile, err)
	}
	m.bmu.Lock()
	m.dirty = false
	m.lastPersist = time.Now()
	m.bmu.Unlock()
	return nil
}

// writeAtomic replaces name with what write produces, or leaves it as it
// was.
func writeAtomic(name string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, name); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		// Make the rename durable; not every file system supports it.
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// stat records p's state without following a final symlink. ok is false
// when p does not exist.
func (m *Monitor) stat(p string) (e Entry, ok bool, err error) {
	fi, err := os.Lstat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || isNotDir(err) {
			return Entry{}, false, nil
		}
		return Entry{}, false, err
	}
	e = entryFromInfo(fi)
	switch e.Type {
	case TypeSymlink:
		target, err := os.Readlink(p)
		if err != nil {
			e.NoHash = "unreadable: " + errText(err)
		} else {
			e.Link = target
		}
	case TypeFile:
		m.hash(p, &e)
	}
	return e, true, nil
}

func entryFromInfo(fi fs.FileInfo) Entry {
	mode := fi.Mode()
	e := Entry{Mode: uint32(mode.Perm())}
	if mode&fs.ModeSetuid != 0 {
		e.Mode |= 0o4000
	}
	if mode&fs.ModeSetgid != 0 {
		e.Mode |= 0o2000
	}
	if mode&fs.ModeSticky != 0 {
		e.Mode |= 0o1000
	}
	e.UID, e.GID = owner(fi)
	switch {
	case mode.IsRegular():
		e.Type = TypeFile
	case mode.IsDir():
		e.Type = TypeDir
		return e
	case mode&fs.ModeSymlink != 0:
		e.Type = TypeSymlink
	default:
		e.Type = TypeOther
	}
	e.Size = fi.Size()
	e.MTime = fi.ModTime().UTC()
	return e
}

// hash fills e.SHA256 for a regular file of at most maxSize bytes, or
// e.NoHash with the reason it could not. The file is opened without
// following symlinks and without blocking, and checked to be the regular
// file that was stat'ed; e then records what was hashed.
func (m *Monitor) hash(p string, e *Entry) {
	if e.Size > m.maxSize {
		e.NoHash = fmt.Sprintf("larger than %d bytes", m.maxSize)
		return
	}
	f, err := m.openFile(p)
	if err != nil {
		e.NoHash = "unreadable: " + errText(err)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		e.NoHash = "unreadable: " + errText(err)
		return
	}
	if !fi.Mode().IsRegular() {
		e.NoHash = "not a regular file when opened"
		return
	}
	*e = entryFromInfo(fi)
	if e.Size > m.maxSize {
		e.NoHash = fmt.Sprintf("larger than %d bytes", m.maxSize)
		return
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, m.maxSize+1))
	switch {
	case err != nil:
		e.NoHash = "unreadable: " + errText(err)
	case n > m.maxSize:
		e.NoHash = fmt.Sprintf("larger than %d bytes", m.maxSize)
	default:
		e.SHA256 = hex.EncodeToString(h.Sum(nil))
	}
}

// errText is an error without the path os adds.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// walkResult is what a walk found.
type walkResult struct {
	out map[string]Entry
	// full is set when the walk stopped at the file limit.
	full bool
	// skipped are directories whose children were not listed (unreadable):
	// what the baseline holds below them is neither confirmed nor deleted.
	skipped []string
}

// covered reports whether p's state is unknown to the walk.
func (w *walkResult) covered(p string) bool {
	if w.full {
		return true
	}
	for _, s := range w.skipped {
		if p != s && under(p, s) {
			return true
		}
	}
	return false
}

// walk records every monitored path.
func (m *Monitor) walk() *walkResult {
	w := &walkResult{out: map[string]Entry{}}
	for _, r := range m.roots {
		m.walkFrom(w, r, 0, m.maxFiles)
		if w.full {
			break
		}
	}
	return w
}

// walkFrom records p and, for a directory, its children down to MaxDepth,
// while w holds fewer than limit entries. Symlinks are recorded, not
// followed; children are visited in name order.
func (m *Monitor) walkFrom(w *walkResult, p string, depth, limit int) {
	if len(w.out) >= limit {
		w.full = true
		return
	}
	e, ok, err := m.stat(p)
	if err != nil {
		m.log.Warn("fim cannot examine path", slog.String(logKeyPath, p), slog.String(logKeyError, err.Error()))
		w.skipped = append(w.skipped, p)
		return
	}
	if !ok {
		return
	}
	w.out[p] = e
	if e.Type != TypeDir || depth >= m.maxDepth {
		return
	}
	ents, err := os.ReadDir(p)
	if err != nil {
		m.log.Warn("fim cannot list directory", slog.String(logKeyPath, p), slog.String(logKeyError, err.Error()))
		w.skipped = append(w.skipped, p)
	}
	for _, de := range ents {
		m.walkFrom(w, path.Join(p, de.Name()), depth+1, limit)
		if w.full {
			return
		}
	}
}
