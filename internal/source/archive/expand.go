package archive

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/source"
)

// MemBufferMax is the largest nested zip held in memory for random access;
// a larger one is spilled to a file in a private temporary directory
// (os.MkdirTemp, honouring TMPDIR) that Expand removes before returning.
const MemBufferMax = 16 << 20

// ErrUnsafePath marks an entry whose name is absolute or contains "..": it
// is reported and skipped, never resolved.
var ErrUnsafePath = errors.New("unsafe archive entry path")

// ErrNotArchive is returned (through onErr) when Expand is given an item
// that IsArchive does not recognise.
var ErrNotArchive = errors.New("not a supported archive")

// Expand streams the entries of the archive item as Items, expanding nested
// archives recursively. depth is the number of archive levels already
// opened above item (0 for a file on disk); item itself is level depth+1
// and is refused when that exceeds lim.MaxArchiveDepth.
//
// Every problem with the archive or one of its entries — a corrupt
// archive, an unsafe entry name, an archive nested too deep, an entry or
// archive over a limit (*limits.LimitError) — goes to onErr with the path
// of the entry and expansion goes on where the format allows. Exhausting
// the entry or expanded-bytes budget of the top-level archive stops the
// whole expansion. Expand returns only yield's error or ctx.Err().
//
// Items are valid only while yield runs; see source.Walker. An entry's
// reader that trips a limit while the consumer reads it returns the
// *limits.LimitError, which Expand also reports through onErr once.
func Expand(ctx context.Context, item source.Item, lim source.Limits, depth int,
	yield func(source.Item) error, onErr func(path string, err error)) error {
	e := &expander{ctx: ctx, lim: lim.Resolved(), yield: yield, onErr: onErr}
	defer e.cleanup()
	rc, err := item.Open()
	if err != nil {
		e.report(item.Path, fmt.Errorf("open archive: %w", err))
		return nil
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 4096)
	head, _ := br.Peek(HeadSize)
	kind, ok := IsArchive(item.Path, head)
	if !ok {
		e.report(item.Path, ErrNotArchive)
		return nil
	}
	if depth+1 > e.lim.MaxArchiveDepth {
		e.report(item.Path, &limits.LimitError{What: "archive depth", Limit: int64(e.lim.MaxArchiveDepth)})
		return nil
	}
	var ra io.ReaderAt
	size := item.Size
	if f, ok := rc.(interface {
		io.ReaderAt
		Stat() (iofs.FileInfo, error)
	}); ok && kind == KindZip {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			ra, size = f, fi.Size()
		}
	}
	return e.archive(item.Path, kind, br, ra, size, depth+1)
}

// expander holds the budget of one top-level archive.
type expander struct {
	ctx      context.Context
	lim      source.Limits
	yield    func(source.Item) error
	onErr    func(string, error)
	entries  int
	expanded int64
	// stop is set when a budget of the top-level archive is exhausted.
	stop   error
	sticky []error
	tmpDir string
}

func (e *expander) cleanup() {
	if e.tmpDir != "" {
		os.RemoveAll(e.tmpDir)
	}
}

// report sends err to onErr. A sticky error (a limit, or a corrupt stream
// that every later read returns) surfaces in several places — the
// consumer's read, then the archive's next header — and is reported once.
func (e *expander) report(p string, err error) {
	for _, s := range e.sticky {
		if errors.Is(err, s) {
			return
		}
	}
	var le *limits.LimitError
	var re *readError
	switch {
	case errors.As(err, &le):
		e.sticky = append(e.sticky, le)
	case errors.As(err, &re):
		e.sticky = append(e.sticky, re)
	}
	e.onErr(p, err)
}

// halted reports whether expansion must stop: the context is done or a
// budget is exhausted. The error to return from Expand is ctx's.
func (e *expander) halted() bool { return e.ctx.Err() != nil || e.stop != nil }

// archive expands one archive. r streams it; ra, when set, gives random
// access (zip). size is the archive's length, -1 when unknown.
func (e *expander) archive(p string, kind Kind, r io.Reader, ra io.ReaderAt, size int64, level int) error {
	switch kind {
	case KindZip:
		if ra == nil {
			m, n, release, err := e.materialize(r, size)
			if err != nil {
				e.report(p, fmt.Errorf("read zip: %w", err))
				return nil
			}
			defer release()
			ra, size = m, n
		}
		return e.zip(p, ra, size, level)
	case KindTar:
		return e.tar(p, r, nil, level)
	case KindTarGz, KindGzip:
		return e.gzip(p, r, level)
	}
	return nil
}

func (e *expander) zip(p string, ra io.ReaderAt, size int64, level int) error {
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		e.report(p, fmt.Errorf("open zip: %w", err))
		return nil
	}
	for _, f := range zr.File {
		if e.halted() {
			return e.ctx.Err()
		}
		ep, ok := e.admit(p, f.Name)
		if !ok {
			continue
		}
		mode := f.Mode()
		if !mode.IsRegular() || strings.HasSuffix(f.Name, "/") {
			continue // directories, symlinks and other special entries
		}
		declared := int64(f.UncompressedSize64)
		if declared < 0 {
			e.report(ep, &limits.LimitError{What: "archive entry size", Limit: e.lim.MaxFileSize})
			continue
		}
		if !e.sizeOK(ep, declared) {
			continue
		}
		if declared > source.RatioFloor && ratioOver(declared, int64(f.CompressedSize64), e.lim.MaxRatio) {
			e.report(ep, &limits.LimitError{What: "archive entry compression ratio", Limit: int64(e.lim.MaxRatio)})
			continue
		}
		rc, err := f.Open()
		if err != nil {
			e.report(ep, fmt.Errorf("open zip entry: %w", err))
			continue
		}
		compressed := int64(f.CompressedSize64)
		m := &meter{r: rc, e: e, max: declared, compressed: func() int64 { return compressed }}
		err = e.entry(ep, f.Name, m, m, declared, level)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return e.ctx.Err()
}

// tar expands a tar stream; m is the decompressor's meter of a tar.gz (nil
// for a plain tar), whose trips are reported on the entry being read.
func (e *expander) tar(p string, r io.Reader, m *meter, level int) error {
	tr := tar.NewReader(r)
	for {
		if e.halted() {
			return e.ctx.Err()
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			e.report(p, fmt.Errorf("read tar: %w", err))
			return nil // a tar stream cannot resynchronise after a bad header
		}
		ep, ok := e.admit(p, hdr.Name)
		if !ok {
			continue
		}
		if hdr.Typeflag != tar.TypeReg && hdr.Typeflag != tar.TypeRegA {
			continue // directories, links, devices, fifos, sparse files
		}
		if !e.sizeOK(ep, hdr.Size) {
			continue
		}
		if err := e.entry(ep, hdr.Name, tr, m, hdr.Size, level); err != nil {
			return err
		}
	}
}

func (e *expander) gzip(p string, r io.Reader, level int) error {
	in := &counter{r: r}
	gz, err := gzip.NewReader(in)
	if err != nil {
		e.report(p, fmt.Errorf("open gzip: %w", err))
		return nil
	}
	defer gz.Close()
	m := &meter{r: gz, e: e, max: -1, compressed: func() int64 { return in.n }}
	br := bufio.NewReaderSize(m, 4096)
	head, err := br.Peek(HeadSize)
	if err != nil && !errors.Is(err, io.EOF) {
		e.report(p, fmt.Errorf("read gzip: %w", err))
		return nil
	}
	if isTarHeader(head) {
		return e.tar(p, br, m, level)
	}
	// One compressed file: its name is the archive's without ".gz".
	base := path.Base(p[strings.LastIndex(p, "!/")+1:])
	name := strings.TrimSuffix(base, path.Ext(base))
	if strings.HasSuffix(strings.ToLower(base), ".tgz") {
		name += ".tar"
	}
	if name == "" {
		name = "content"
	}
	e.entries++
	if e.entries > e.lim.MaxArchiveEntries {
		e.halt(p, &limits.LimitError{What: "archive entries", Limit: int64(e.lim.MaxArchiveEntries)})
		return nil
	}
	return e.entry(p+"!/"+name, name, br, m, -1, level)
}

// admit counts an entry against the budget and checks its name. It returns
// the entry's display path and whether to go on with it.
func (e *expander) admit(parent, name string) (string, bool) {
	e.entries++
	if e.entries > e.lim.MaxArchiveEntries {
		e.halt(parent, &limits.LimitError{What: "archive entries", Limit: int64(e.lim.MaxArchiveEntries)})
		return "", false
	}
	clean, err := safeName(name)
	if err != nil {
		e.report(parent+"!/"+strings.ReplaceAll(name, "\\", "/"), err)
		return "", false
	}
	if clean == "" {
		return "", false
	}
	return parent + "!/" + clean, true
}

// sizeOK checks a declared entry size against the file size cap (skip the
// entry) and the remaining expanded-bytes budget (stop the expansion).
func (e *expander) sizeOK(ep string, declared int64) bool {
	if declared > e.lim.MaxFileSize {
		e.report(ep, &limits.LimitError{What: "archive entry size", Limit: e.lim.MaxFileSize})
		return false
	}
	if declared > e.lim.MaxExpandedBytes-e.expanded {
		e.halt(ep, &limits.LimitError{What: "expanded archive bytes", Limit: e.lim.MaxExpandedBytes})
		return false
	}
	return true
}

func (e *expander) halt(p string, err error) {
	if e.stop == nil {
		e.stop = err
	}
	e.report(p, err)
}

// entry yields one regular entry, or expands it when it is an archive.
// r is positioned at the entry's content and must not be used after entry
// returns; m (may be nil) is the meter r reads through, checked after the
// consumer has read the entry so that a limit it tripped is reported.
func (e *expander) entry(ep, name string, r io.Reader, m *meter, size int64, level int) error {
	if HasArchiveExt(name) {
		br := bufio.NewReaderSize(r, HeadSize)
		head, err := br.Peek(HeadSize)
		if err != nil && !errors.Is(err, io.EOF) {
			e.report(ep, fmt.Errorf("read archive entry: %w", err))
			return nil
		}
		r = br
		if kind, ok := IsArchive(name, head); ok {
			if level+1 > e.lim.MaxArchiveDepth {
				e.report(ep, &limits.LimitError{What: "archive depth", Limit: int64(e.lim.MaxArchiveDepth)})
				return nil
			}
			return e.archive(ep, kind, br, nil, size, level+1)
		}
	}
	used := false
	it := source.Item{Path: ep, Size: size, Open: func() (io.ReadCloser, error) {
		if used {
			return nil, fmt.Errorf("archive entry %q: already read (entries stream once)", ep)
		}
		used = true
		return io.NopCloser(r), nil
	}}
	if err := e.yield(it); err != nil {
		return err
	}
	if m != nil && m.err != nil {
		e.report(ep, m.err)
	} else if e.stop != nil {
		e.report(ep, e.stop)
	}
	return nil
}

// materialize gives random access to a nested zip: in memory up to
// MemBufferMax, else in a file in the expansion's temporary directory.
func (e *expander) materialize(r io.Reader, size int64) (io.ReaderAt, int64, func(), error) {
	noop := func() {}
	if size >= 0 && size <= MemBufferMax {
		b := make([]byte, size)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, 0, noop, err
		}
		return bytes.NewReader(b), size, noop, nil
	}
	if size < 0 {
		b, err := io.ReadAll(io.LimitReader(r, MemBufferMax+1))
		if err != nil {
			return nil, 0, noop, err
		}
		if len(b) <= MemBufferMax {
			return bytes.NewReader(b), int64(len(b)), noop, nil
		}
		r = io.MultiReader(bytes.NewReader(b), r)
	}
	if e.tmpDir == "" {
		d, err := os.MkdirTemp("", "ward-archive-")
		if err != nil {
			return nil, 0, noop, fmt.Errorf("temporary directory: %w", err)
		}
		e.tmpDir = d
	}
	f, err := os.CreateTemp(e.tmpDir, "zip-")
	if err != nil {
		return nil, 0, noop, fmt.Errorf("temporary file: %w", err)
	}
	release := func() { f.Close(); os.Remove(f.Name()) }
	n, err := io.Copy(f, io.LimitReader(r, e.lim.MaxFileSize+1))
	if err == nil && n > e.lim.MaxFileSize {
		err = &limits.LimitError{What: "archive entry size", Limit: e.lim.MaxFileSize}
	}
	if err != nil {
		release()
		return nil, 0, noop, err
	}
	return f, n, release, nil
}

// safeName checks an entry name and returns it cleaned, with forward
// slashes; "" for names that are only a directory ("./").
func safeName(name string) (string, error) {
	n := strings.ReplaceAll(name, "\\", "/")
	switch {
	case n == "":
		return "", fmt.Errorf("entry with an empty name: %w", ErrUnsafePath)
	case strings.ContainsRune(n, 0):
		return "", fmt.Errorf("entry %q: %w (NUL in name)", name, ErrUnsafePath)
	case strings.HasPrefix(n, "/"):
		return "", fmt.Errorf("entry %q: %w (absolute path)", name, ErrUnsafePath)
	case len(n) >= 2 && n[1] == ':' && (n[0]|0x20 >= 'a' && n[0]|0x20 <= 'z'):
		return "", fmt.Errorf("entry %q: %w (drive-letter path)", name, ErrUnsafePath)
	}
	for _, el := range strings.Split(n, "/") {
		if el == ".." {
			return "", fmt.Errorf("entry %q: %w (parent directory)", name, ErrUnsafePath)
		}
	}
	c := path.Clean(n)
	if c == "." {
		return "", nil
	}
	return c, nil
}

func ratioOver(expanded, compressed int64, max int) bool {
	if compressed <= 0 {
		return expanded > 0
	}
	return expanded/compressed > int64(max)
}

// readError is a decompressor's error on one stream.
type readError struct{ err error }

func (e *readError) Error() string { return "read archive entry: " + e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// counter counts the bytes read through it (the compressed side of a stream).
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// meter is the expanded side of a decompressor: it counts bytes against the
// top-level budget, the entry's declared size (max, -1 when none) and the
// compression ratio, and fails with a *limits.LimitError once one is
// exceeded. It also keeps the decompressor's own errors (corrupt data). The
// error sticks: every later Read returns it.
type meter struct {
	r          io.Reader
	e          *expander
	n          int64
	max        int64
	compressed func() int64
	err        error
}

func (m *meter) Read(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	if m.e.stop != nil {
		return 0, m.e.stop
	}
	n, err := m.r.Read(p)
	m.n += int64(n)
	m.e.expanded += int64(n)
	switch {
	case m.e.expanded > m.e.lim.MaxExpandedBytes:
		m.err = &limits.LimitError{What: "expanded archive bytes", Limit: m.e.lim.MaxExpandedBytes}
		if m.e.stop == nil {
			m.e.stop = m.err
		}
	case m.max >= 0 && m.n > m.max:
		m.err = &limits.LimitError{What: "archive entry larger than its declared size", Limit: m.max}
	case m.n > m.e.lim.MaxFileSize:
		m.err = &limits.LimitError{What: "archive entry size", Limit: m.e.lim.MaxFileSize}
	case m.n > source.RatioFloor && ratioOver(m.n, m.compressed(), m.e.lim.MaxRatio):
		m.err = &limits.LimitError{What: "archive entry compression ratio", Limit: int64(m.e.lim.MaxRatio)}
	}
	if m.err == nil && err != nil && !errors.Is(err, io.EOF) {
		// A corrupt entry: the consumer sees it, and Expand reports it. The
		// wrapper makes this occurrence distinct from another entry's
		// identical sentinel (zip.ErrFormat) for report's deduplication.
		m.err = &readError{err: err}
	}

	if m.err != nil {
		return n, m.err
	}
	return n, err
}
