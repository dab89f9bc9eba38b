// Package fs is the source of the files under a directory (or one file):
// it reuses internal/vfs, so symlinks never leave the root, .git and
// node_modules are skipped, and files over the size cap are refused before
// they are read. Archives are yielded as files unless Options.ExpandArchives
// is set, in which case their entries are yielded instead.
package fs

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/source/archive"
	"github.com/wardsec/ward/internal/vfs"
)

// Options configure a Walker. The zero value walks files with default
// limits and does not open archives.
type Options struct {
	Limits source.Limits
	// ExpandArchives yields the entries of zip, jar, tar, tar.gz and gzip
	// files (recursively, within Limits) in place of the archive itself.
	ExpandArchives bool
}

// Walker walks the files under a root.
type Walker struct {
	root string
	opt  Options
}

var _ source.Walker = (*Walker)(nil)

// New returns a Walker over root, a directory or a single file. The root is
// checked when Walk runs.
func New(root string, opt Options) *Walker {
	opt.Limits = opt.Limits.Resolved()
	return &Walker{root: root, opt: opt}
}

// Walk yields one Item per regular file, in vfs order, with Path relative to
// the root (a single file's Path is its base name). Items stay valid after
// yield returns; entries of expanded archives do not (see source.Walker).
func (w *Walker) Walk(ctx context.Context, yield func(source.Item) error, onErr func(string, error)) error {
	_, files, _, errs, err := vfs.Walk(w.root)
	if err != nil {
		return err
	}
	for _, pe := range errs {
		onErr(pe.Rel, pe.Err)
	}
	lim := w.opt.Limits
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.Size > lim.MaxFileSize {
			onErr(f.Rel, &limits.LimitError{What: "file size", Limit: lim.MaxFileSize})
			continue
		}
		abs := f.Abs
		it := source.Item{Path: f.Rel, Size: f.Size, Open: func() (io.ReadCloser, error) { return os.Open(abs) }}
		if w.opt.ExpandArchives && archive.HasArchiveExt(f.Rel) {
			isArc, err := sniff(abs, f.Rel)
			if err != nil {
				onErr(f.Rel, err)
				continue
			}
			if isArc {
				if err := archive.Expand(ctx, it, lim, 0, yield, onErr); err != nil {
					return err
				}
				continue
			}
		}
		if err := yield(it); err != nil {
			return err
		}
	}
	return nil
}

// sniff reads the head of a file whose name says archive.
func sniff(abs, rel string) (bool, error) {
	fh, err := os.Open(abs)
	if err != nil {
		return false, err
	}
	defer fh.Close()
	head := make([]byte, archive.HeadSize)
	n, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	_, ok := archive.IsArchive(rel, head[:n])
	return ok, nil
}
