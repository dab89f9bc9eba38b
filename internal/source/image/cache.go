package image

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/version"
)

// The layer cache keeps, per layer diffID, what reading the layer did to
// the walk: its entries in order (whiteouts, paths that hide lower files)
// and what the extractors found in the files they wanted. Replaying that
// journal gives exactly the state reading the layer would, so a cached
// layer is never downloaded or decompressed again. The key also covers the
// extractors (IDs and versions), the limits that change what is read and
// Ward's version: a different configuration never sees another's results.

// cacheFormat is bumped when the journal's meaning changes.
const cacheFormat = 1

// maxJournalBytes bounds the decompressed size of one cache file (a
// corrupted or planted file cannot exhaust memory).
const maxJournalBytes = 512 << 20

// Op kinds of a layer journal.
const (
	opEntry    = "e" // a tar entry at P (Dir for directories), F what was read from it
	opWhiteout = "w" // a whiteout of P
	opOpaque   = "o" // an opaque directory P ("" is the root)
)

// op is one applied layer entry.
type op struct {
	K   string     `json:"k"`
	P   string     `json:"p"`
	Dir bool       `json:"d,omitempty"`
	F   *fileState `json:"f,omitempty"`
}

// journal is the cached result of one layer.
type journal struct {
	Format int    `json:"format"`
	Key    string `json:"key"`
	DiffID string `json:"diffID"`
	Ops    []op   `json:"ops"`
	// noCache is set when the result holds a transient failure.
	noCache bool
}

func (j *journal) add(o op) {
	if o.F != nil && o.F.spoolFailed {
		j.noCache = true
	}
	j.Ops = append(j.Ops, o)
}

// layerCache reads and writes journals under dir/<key>/<diffID hex>.json.gz.
type layerCache struct {
	dir string
	key string
}

// newLayerCache returns nil when dir is empty (no cache).
func newLayerCache(dir string, cfg WalkConfig) *layerCache {
	if dir == "" {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "format=%d\nward=%s\nmaxFile=%d\nmaxBinary=%d\n", cacheFormat, version.Get().Version, cfg.MaxFileSize, cfg.MaxBinarySize)
	spool := append([]string(nil), cfg.SpoolExtractors...)
	sort.Strings(spool)
	fmt.Fprintf(h, "spool=%s\n", strings.Join(spool, ","))
	ids := make([]string, 0, len(cfg.Extractors))
	for _, e := range cfg.Extractors {
		ids = append(ids, fmt.Sprintf("%s@%d", e.ID(), e.Version()))
	}
	sort.Strings(ids)
	fmt.Fprintf(h, "extractors=%s\n", strings.Join(ids, ","))
	return &layerCache{dir: dir, key: hex.EncodeToString(h.Sum(nil))[:32]}
}

func (c *layerCache) path(diffID string) (string, bool) {
	h, err := v1.NewHash(diffID)
	if err != nil || h.Algorithm != "sha256" {
		return "", false
	}
	return filepath.Join(c.dir, c.key, h.Hex+".json.gz"), true
}

// get returns the journal of diffID, or nil when there is none or it is
// unreadable (a broken cache file is removed and the layer read again).
func (c *layerCache) get(diffID string) *journal {
	p, ok := c.path(diffID)
	if !ok {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	j, err := readJournal(f)
	if err != nil || j.Key != c.key || j.DiffID != diffID {
		_ = os.Remove(p)
		return nil
	}
	return j
}

func readJournal(r io.Reader) (*journal, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	lr := &io.LimitedReader{R: zr, N: maxJournalBytes + 1}
	var j journal
	if err := json.NewDecoder(lr).Decode(&j); err != nil {
		if lr.N <= 0 {
			return nil, &limits.LimitError{What: "layer cache file size", Limit: maxJournalBytes}
		}
		return nil, err
	}
	if j.Format != cacheFormat {
		return nil, fmt.Errorf("layer cache format %d, want %d", j.Format, cacheFormat)
	}
	for _, o := range j.Ops {
		switch o.K {
		case opEntry, opWhiteout, opOpaque:
		default:
			return nil, fmt.Errorf("layer cache: unknown op %q", o.K)
		}
	}
	return &j, nil
}

// put writes the journal atomically (temp file + rename), so concurrent
// scans never read a half-written file.
func (c *layerCache) put(j *journal) error {
	if j.noCache {
		return nil
	}
	p, ok := c.path(j.DiffID)
	if !ok {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".layer-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	j.Format, j.Key = cacheFormat, c.key
	zw := gzip.NewWriter(tmp)
	err = json.NewEncoder(zw).Encode(j)
	err = errors.Join(err, zw.Close(), tmp.Close())
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// DefaultCacheDir is os.UserCacheDir()/ward/layers.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("user cache directory: %w", err)
	}
	return filepath.Join(dir, "ward", "layers"), nil
}
