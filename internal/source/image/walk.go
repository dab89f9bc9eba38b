package image

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/inventory/os/osrelease"
	"github.com/wardsec/ward/internal/limits"
)

// Defaults applied when a WalkConfig field is zero.
const (
	// DefaultMaxBinarySize is the largest Go/Rust binary spooled to disk.
	DefaultMaxBinarySize int64 = 256 << 20
	// DefaultMaxImageBytes is the uncompressed size of all layers together.
	DefaultMaxImageBytes int64 = 8 << 30
	// DefaultMaxEntries is the number of tar entries of all layers together.
	DefaultMaxEntries = 1_000_000
)

// DefaultSpoolExtractors are the extractors that may read files larger
// than MaxFileSize from a spool file: the Go and Rust binary extractors.
var DefaultSpoolExtractors = []string{"lang/gobinary", "lang/cargo-auditable"}

// PluginRelease is the plugin name of per-file errors about distro
// release files.
const PluginRelease = "os/release"

// maxLinkHops bounds symlink resolution of release files.
const maxLinkHops = 8

// releasePaths are the files buffered for distro detection.
var releasePaths = map[string]bool{
	osrelease.PathOSRelease: true, osrelease.PathUsrOSRelease: true, osrelease.PathAlpine: true,
	osrelease.PathLSBRelease: true, osrelease.PathDebian: true, osrelease.PathRedHat: true,
}

// WalkConfig configures Walk. Zero fields mean the defaults.
type WalkConfig struct {
	Extractors []extract.Extractor
	// MaxFileSize is the largest file buffered in memory for extractors;
	// 0 → limits.DefaultMaxFileSize. A larger file is a per-file
	// *limits.LimitError, except for SpoolExtractors.
	MaxFileSize int64
	// MaxBinarySize is the largest file spooled to a private temp file for
	// SpoolExtractors; 0 → DefaultMaxBinarySize.
	MaxBinarySize int64
	// SpoolExtractors are the extractor IDs allowed to read spooled files;
	// nil → DefaultSpoolExtractors.
	SpoolExtractors []string
	// MaxImageBytes caps the uncompressed bytes of all layers;
	// 0 → DefaultMaxImageBytes.
	MaxImageBytes int64
	// MaxEntries caps the tar entries of all layers; 0 → DefaultMaxEntries.
	MaxEntries int
	// TempDir is where the spool directory is made; "" → os.TempDir().
	TempDir string
	// CacheDir holds the per-layer results by diffID (see cache.go);
	// "" disables the cache. DefaultCacheDir gives the user's.
	CacheDir string
	// CacheHits, when not nil, is incremented for each layer taken from
	// the cache instead of being read.
	CacheHits *int
}

func (c WalkConfig) resolved() WalkConfig {
	if c.MaxFileSize <= 0 {
		c.MaxFileSize = limits.DefaultMaxFileSize
	}
	if c.MaxBinarySize <= 0 {
		c.MaxBinarySize = DefaultMaxBinarySize
	}
	if c.SpoolExtractors == nil {
		c.SpoolExtractors = DefaultSpoolExtractors
	}
	if c.MaxImageBytes <= 0 {
		c.MaxImageBytes = DefaultMaxImageBytes
	}
	if c.MaxEntries <= 0 {
		c.MaxEntries = DefaultMaxEntries
	}
	return c
}

// LayerError is a layer that could not be read to its end (a truncated or
// corrupt tarball, a registry failure, a limit). What was read of the
// layer before the error is kept.
type LayerError struct {
	// Index is the layer's position, 0 for the bottom layer.
	Index  int
	DiffID string
	Err    error
}

func (e *LayerError) Error() string {
	return fmt.Sprintf("layer %d (%s): %v", e.Index, e.DiffID, e.Err)
}

func (e *LayerError) Unwrap() error { return e.Err }

// Inventory is Walk with default limits.
func Inventory(ctx context.Context, img *Image, extractors []extract.Extractor) (*inventory.Inventory, []finding.Error, error) {
	return Walk(ctx, img, WalkConfig{Extractors: extractors})
}

// Walk streams every layer of img once, bottom first, runs the extractors
// on the regular files they require and returns the inventory of the final
// filesystem: the packages of the files that survive later layers'
// whiteouts and replacements, each with Layer set to the diffID of the
// layer that wrote its file, and the distro of the final filesystem.
//
// The caller completes the inventory (OS ecosystems from the distro,
// PURLs) with the scan core's Complete; this package does not import the
// scan core. Packages come sorted by inventory.Sort, errors by path.
//
// Per-file problems (an extractor error, a file over the size cap) are
// returned as finding.Errors and the walk goes on. A layer that cannot be
// read to its end is a *LayerError; the following layers are still read.
// A cap on the whole image (MaxImageBytes, MaxEntries) is a *LayerError
// wrapping a *limits.LimitError and ends the walk. On any error the
// inventory holds what was read so far and is never nil.
func Walk(ctx context.Context, img *Image, cfg WalkConfig) (*inventory.Inventory, []finding.Error, error) {
	w := newWalker(cfg)
	defer w.cleanup()
	layers, err := img.img.Layers()
	if err != nil {
		inv, errs := w.finish()
		return inv, errs, fmt.Errorf("image %q: layers: %w", img.Ref, err)
	}
	var layerErrs []error
	for i, l := range layers {
		if err := ctx.Err(); err != nil {
			inv, errs := w.finish()
			return inv, errs, err
		}
		diffID := ""
		if i < len(img.DiffIDs) {
			diffID = img.DiffIDs[i]
		}
		if h, err := l.DiffID(); err == nil {
			diffID = h.String()
		}
		err := w.readLayer(ctx, i, diffID, l.Uncompressed)
		if err == nil {
			continue
		}
		layerErrs = append(layerErrs, err)
		var le *limits.LimitError
		if errors.As(err, &le) || ctx.Err() != nil {
			break
		}
	}
	inv, errs := w.finish()
	return inv, errs, errors.Join(layerErrs...)
}

// walker holds the merged state of the layers read so far.
type walker struct {
	cfg   WalkConfig
	spool map[string]bool
	// state maps each tracked path of the filesystem so far (files an
	// extractor wanted, release files) to what was read from it.
	state map[string]*fileState
	// under counts the tracked paths below each directory.
	under    map[string]int
	cache    *layerCache
	entries  int
	bytes    int64
	spoolDir string
}

// fileState is what was read from one tracked file. It is stored in the
// layer cache, hence the exported fields.
type fileState struct {
	Layer   string              `json:"layer"`
	Pkgs    []inventory.Package `json:"pkgs,omitempty"`
	Errs    []finding.Error     `json:"errs,omitempty"`
	Release []byte              `json:"release,omitempty"` // content of a release file
	Link    string              `json:"link,omitempty"`    // symlink target of a release path
	IsLink  bool                `json:"isLink,omitempty"`
	// spoolFailed marks a transient failure (no spool file): the layer's
	// result is then not cached.
	spoolFailed bool
}

func newWalker(cfg WalkConfig) *walker {
	cfg = cfg.resolved()
	w := &walker{cfg: cfg, spool: map[string]bool{}, state: map[string]*fileState{}, under: map[string]int{}}
	w.cache = newLayerCache(cfg.CacheDir, cfg)
	for _, id := range cfg.SpoolExtractors {
		w.spool[id] = true
	}
	return w
}

func (w *walker) cleanup() {
	if w.spoolDir != "" {
		_ = os.RemoveAll(w.spoolDir)
		w.spoolDir = ""
	}
}

// readLayer opens and reads one layer, wrapping any error in a LayerError.
// A layer found in the cache is replayed without being opened; a layer
// read to its end is stored in the cache.
func (w *walker) readLayer(ctx context.Context, idx int, diffID string, open func() (io.ReadCloser, error)) error {
	if w.cache != nil {
		if j := w.cache.get(diffID); j != nil {
			if err := w.replay(ctx, j); err != nil {
				return &LayerError{Index: idx, DiffID: diffID, Err: err}
			}
			if w.cfg.CacheHits != nil {
				*w.cfg.CacheHits++
			}
			return nil
		}
	}
	rc, err := open()
	if err != nil {
		return &LayerError{Index: idx, DiffID: diffID, Err: err}
	}
	defer rc.Close()
	var j *journal
	if w.cache != nil && diffID != "" {
		j = &journal{DiffID: diffID}
	}
	if err := w.layer(ctx, diffID, rc, j); err != nil {
		return &LayerError{Index: idx, DiffID: diffID, Err: err}
	}
	if j != nil {
		// A cache that cannot be written costs only speed.
		_ = w.cache.put(j)
	}
	return nil
}

// layer reads one uncompressed layer tarball, applying each entry to the
// state as an op and recording the ops in j (when j is not nil) for the
// layer cache. Entries read before an error are kept.
func (w *walker) layer(ctx context.Context, diffID string, r io.Reader, j *journal) error {
	cur := map[string]*fileState{}
	defer w.merge(cur)
	cr := &countingReader{r: r, n: &w.bytes, max: w.cfg.MaxImageBytes}
	tr := tar.NewReader(cr)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read tar: %w", err)
		}
		p, ok := cleanPath(hdr.Name)
		var o op
		switch dir, base := path.Split(p); {
		case !ok:
			if err := w.count(); err != nil {
				return err
			}
			continue
		case base == ".wh..wh..opq":
			o = op{K: opOpaque, P: strings.TrimSuffix(dir, "/")}
		case strings.HasPrefix(base, ".wh..wh."):
			// AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs): not content.
			if err := w.count(); err != nil {
				return err
			}
			continue
		case strings.HasPrefix(base, ".wh."):
			o = op{K: opWhiteout, P: path.Join(strings.TrimSuffix(dir, "/"), base[len(".wh."):])}
		default:
			o = op{K: opEntry, P: p, Dir: hdr.Typeflag == tar.TypeDir}
			switch hdr.Typeflag {
			case tar.TypeReg, tar.TypeRegA:
				fst, err := w.file(ctx, diffID, p, hdr, tr)
				if err != nil {
					return err
				}
				o.F = fst
			case tar.TypeSymlink:
				// Not followed for extraction; kept only to resolve
				// etc/os-release -> ../usr/lib/os-release.
				if releasePaths[p] {
					o.F = &fileState{Layer: diffID, Link: hdr.Linkname, IsLink: true}
				}
			}
		}
		if err := w.apply(cur, o); err != nil {
			return err
		}
		if j != nil {
			j.add(o)
		}
	}
	// Drain trailing bytes so registry layers are verified to their end.
	if _, err := io.Copy(io.Discard, cr); err != nil {
		return fmt.Errorf("read layer tail: %w", err)
	}
	return nil
}

// count counts one tar entry against MaxEntries.
func (w *walker) count() error {
	w.entries++
	if w.entries > w.cfg.MaxEntries {
		return &limits.LimitError{What: "image tar entries", Limit: int64(w.cfg.MaxEntries)}
	}
	return nil
}

// apply applies one entry of a layer to the lower layers' state and to the
// layer's own files cur.
func (w *walker) apply(cur map[string]*fileState, o op) error {
	if err := w.count(); err != nil {
		return err
	}
	switch o.K {
	case opOpaque:
		w.removeUnder(o.P)
	case opWhiteout:
		w.remove(o.P)
		w.removeUnder(o.P)
	case opEntry:
		// Any entry hides the lower file of the same path; a
		// non-directory also hides a lower directory's content. The last
		// entry of a path within one layer wins.
		w.remove(o.P)
		delete(cur, o.P)
		if !o.Dir {
			w.removeUnder(o.P)
		}
		if o.F != nil {
			cur[o.P] = o.F
		}
	}
	return nil
}

// replay applies a cached layer's ops.
func (w *walker) replay(ctx context.Context, j *journal) error {
	cur := map[string]*fileState{}
	defer w.merge(cur)
	for i, o := range j.Ops {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := w.apply(cur, o); err != nil {
			return err
		}
	}
	return nil
}

// file handles one regular file entry; nil when nothing is tracked.
func (w *walker) file(ctx context.Context, diffID, p string, hdr *tar.Header, r io.Reader) (*fileState, error) {
	size := hdr.Size
	if size < 0 {
		return nil, nil
	}
	mode := hdr.FileInfo().Mode()
	var want []extract.Extractor
	for _, e := range w.cfg.Extractors {
		if e.Required(p, size, mode) {
			want = append(want, e)
		}
	}
	isRelease := releasePaths[p]
	if len(want) == 0 && !isRelease {
		return nil, nil
	}
	fst := &fileState{Layer: diffID}
	var data []byte
	if size <= w.cfg.MaxFileSize {
		data = make([]byte, size)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("read %q: %w", p, err)
		}
	}
	if isRelease {
		switch {
		case size > osrelease.MaxFileSize:
			fst.Errs = append(fst.Errs, finding.Error{Path: p, Plugin: PluginRelease,
				Message: (&limits.LimitError{What: "release file size", Limit: osrelease.MaxFileSize}).Error()})
		default:
			fst.Release = data
		}
	}
	if len(want) == 0 {
		return fst, nil
	}
	if data != nil {
		w.extract(ctx, fst, p, bytes.NewReader(data), size, mode, want)
		return fst, nil
	}
	var spooled []extract.Extractor
	for _, e := range want {
		if w.spool[e.ID()] && size <= w.cfg.MaxBinarySize {
			spooled = append(spooled, e)
			continue
		}
		fst.Errs = append(fst.Errs, finding.Error{Path: p, Plugin: e.ID(),
			Message: (&limits.LimitError{What: "file size", Limit: w.cfg.MaxFileSize}).Error()})
	}
	if len(spooled) > 0 {
		if err := w.spoolExtract(ctx, fst, p, r, size, mode, spooled); err != nil {
			return nil, err
		}
	}
	return fst, nil
}

// spoolExtract copies a large binary to a private temp file, runs the
// extractors on it and removes it. A failure to create the spool is a
// per-file error; a failure to read the layer is returned.
func (w *walker) spoolExtract(ctx context.Context, fst *fileState, p string, r io.Reader, size int64, mode fs.FileMode, exs []extract.Extractor) error {
	perFile := func(err error) {
		fst.Errs = append(fst.Errs, finding.Error{Path: p, Plugin: "image/spool", Message: err.Error()})
		fst.spoolFailed = true
	}
	if w.spoolDir == "" {
		dir, err := os.MkdirTemp(w.cfg.TempDir, "ward-image-spool-*")
		if err != nil {
			perFile(fmt.Errorf("create spool dir: %w", err))
			return nil
		}
		w.spoolDir = dir
	}
	f, err := os.CreateTemp(w.spoolDir, "bin-*")
	if err != nil {
		perFile(fmt.Errorf("create spool file: %w", err))
		return nil
	}
	defer func() {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}()
	n, err := io.Copy(f, io.LimitReader(r, size))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || n < size {
			return fmt.Errorf("read %q: %w", p, err)
		}
		var le *limits.LimitError
		if errors.As(err, &le) {
			return err
		}
		// The layer may be fine but the spool write failed: drop the file.
		perFile(fmt.Errorf("spool: %w", err))
		return nil
	}
	if n < size {
		return fmt.Errorf("read %q: %w", p, io.ErrUnexpectedEOF)
	}
	w.extract(ctx, fst, p, f, size, mode, exs)
	return nil
}

func (w *walker) extract(ctx context.Context, fst *fileState, p string, ra io.ReaderAt, size int64, mode fs.FileMode, exs []extract.Extractor) {
	for _, e := range exs {
		ps, err := safeExtract(ctx, e, extract.Input{Path: p, Reader: ra, Size: size, Mode: mode})
		for i := range ps {
			if ps[i].Location == "" {
				ps[i].Location = p
			}
			if ps[i].Extractor == "" {
				ps[i].Extractor = e.ID()
			}
			ps[i].Layer = fst.Layer
		}
		fst.Pkgs = append(fst.Pkgs, ps...)
		if err != nil {
			fst.Errs = append(fst.Errs, extractError(p, e.ID(), err))
		}
	}
}

func safeExtract(ctx context.Context, e extract.Extractor, in extract.Input) (ps []inventory.Package, err error) {
	defer func() {
		if r := recover(); r != nil {
			ps, err = nil, fmt.Errorf("extractor %s panicked: %v", e.ID(), r)
		}
	}()
	return e.Extract(ctx, in)
}

func extractError(p, plugin string, err error) finding.Error {
	fe := finding.Error{Path: p, Plugin: plugin, Message: err.Error()}
	var pe *limits.ParseError
	if errors.As(err, &pe) {
		fe.Line, fe.Message = pe.Line, pe.Msg
	}
	return fe
}

// remove drops the tracked file at p from the lower layers' state.
func (w *walker) remove(p string) {
	if _, ok := w.state[p]; !ok {
		return
	}
	delete(w.state, p)
	for d := parent(p); d != ""; d = parent(d) {
		w.under[d]--
		if w.under[d] <= 0 {
			delete(w.under, d)
		}
	}
	w.under["."]--
	if w.under["."] <= 0 {
		delete(w.under, ".")
	}
}

// removeUnder drops every tracked file below directory dir ("" is the
// root) from the lower layers' state.
func (w *walker) removeUnder(dir string) {
	key := dir
	if key == "" {
		key = "."
	}
	if w.under[key] == 0 {
		return
	}
	prefix := dir + "/"
	var gone []string
	for p := range w.state {
		if dir == "" || strings.HasPrefix(p, prefix) {
			gone = append(gone, p)
		}
	}
	for _, p := range gone {
		w.remove(p)
	}
}

// merge adds a layer's tracked files to the state; lower files of the same
// paths were removed when the layer's entries were read.
func (w *walker) merge(cur map[string]*fileState) {
	for p, fst := range cur {
		w.remove(p)
		w.state[p] = fst
		for d := parent(p); d != ""; d = parent(d) {
			w.under[d]++
		}
		w.under["."]++
	}
}

func parent(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// cleanPath normalises a tar entry name into the image root: leading "/",
// "./" and any "../" that would climb above the root are dropped. ok is
// false for the root itself.
func cleanPath(name string) (string, bool) {
	p := strings.TrimPrefix(path.Clean("/"+name), "/")
	return p, p != ""
}

// finish builds the inventory and per-file errors of the surviving files.
func (w *walker) finish() (*inventory.Inventory, []finding.Error) {
	inv := &inventory.Inventory{Packages: []inventory.Package{}}
	var errs []finding.Error
	paths := make([]string, 0, len(w.state))
	for p := range w.state {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fst := w.state[p]
		inv.Packages = append(inv.Packages, fst.Pkgs...)
		errs = append(errs, fst.Errs...)
	}
	d, err := w.distro()
	if err != nil {
		errs = append(errs, finding.Error{Plugin: PluginRelease, Message: err.Error()})
	}
	inv.Distro = d
	inv.Sort()
	sort.SliceStable(errs, func(i, k int) bool { return errs[i].Path < errs[k].Path })
	return inv, errs
}

// distro detects the distro from the surviving release files, symlinks
// resolved inside the image root.
func (w *walker) distro() (*inventory.Distro, error) {
	fsys := fstest.MapFS{}
	for p := range releasePaths {
		if data, ok := w.resolve(p); ok {
			fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		}
	}
	if len(fsys) == 0 {
		return nil, nil
	}
	return osrelease.Detect(fsys)
}

func (w *walker) resolve(p string) ([]byte, bool) {
	for hop := 0; hop <= maxLinkHops; hop++ {
		fst := w.state[p]
		if fst == nil {
			return nil, false
		}
		if !fst.IsLink {
			return fst.Release, fst.Release != nil
		}
		target := fst.Link
		if !path.IsAbs(target) {
			target = path.Join(parent(p), target)
		}
		var ok bool
		if p, ok = cleanPath(target); !ok {
			return nil, false
		}
	}
	return nil, false
}

// countingReader counts the bytes of all layers and fails past max.
type countingReader struct {
	r   io.Reader
	n   *int64
	max int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if *c.n >= c.max {
		return 0, &limits.LimitError{What: "image uncompressed size", Limit: c.max}
	}
	if rest := c.max - *c.n + 1; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	*c.n += int64(n)
	if *c.n > c.max {
		return n, &limits.LimitError{What: "image uncompressed size", Limit: c.max}
	}
	return n, err
}
