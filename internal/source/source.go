// Package source defines where the content that Ward scans for secrets comes
// from: files on disk, entries of archives, the added lines of a git history
// and, later, the files of image layers. A source is a Walker that yields
// Items; the consumer (the secret engine) only ever sees Items and readers,
// so a new kind of source plugs in without the engine changing.
package source

import (
	"context"
	"io"

	"github.com/wardsec/ward/internal/finding"
)

// Item is one file-like object to scan.
type Item struct {
	// Path is the display path, with forward slashes. Inside archives each
	// archive level adds "!/": "outer.zip!/dir/inner.tar.gz!/x.env".
	Path string
	// Size is the content size in bytes, -1 when unknown.
	Size int64
	// Open returns the content. See Walker for how long it stays valid.
	Open func() (io.ReadCloser, error)
	// Commit is the commit that added these lines (history items only).
	Commit *finding.Commit
	// Layer is the image layer (diffID) that holds the file (image items).
	Layer string
	// LineMap, when set, maps the item's content lines (1-based index i →
	// LineMap[i-1]) to the lines of the real file: git history items contain
	// only the ADDED lines of one commit's diff of one file.
	LineMap []int
}

// RealLine maps a 1-based line of the item's content to the line of the
// real file. Without a LineMap (or out of its range) the line is returned
// unchanged.
func (it Item) RealLine(line int) int {
	if line >= 1 && line <= len(it.LineMap) {
		return it.LineMap[line-1]
	}
	return line
}

// Defaults applied when a Limits field is zero.
const (
	DefaultMaxFileSize       int64 = 256 << 20
	DefaultMaxArchiveDepth         = 3
	DefaultMaxArchiveEntries       = 100_000
	DefaultMaxExpandedBytes  int64 = 2 << 30
	DefaultMaxRatio                = 100
)

// Limits bound what a source may read and expand. The zero value means the
// defaults above; Resolved returns a copy with them filled in.
type Limits struct {
	// MaxFileSize is the largest single item (file, archive entry, or blob
	// of a history item) read. 0 → DefaultMaxFileSize.
	MaxFileSize int64
	// MaxArchiveDepth is how many archive levels are opened: 1 opens a
	// top-level archive but not archives inside it. 0 → DefaultMaxArchiveDepth.
	MaxArchiveDepth int
	// MaxArchiveEntries is the number of entries (all levels together) read
	// from one top-level archive. 0 → DefaultMaxArchiveEntries.
	MaxArchiveEntries int
	// MaxExpandedBytes is the number of decompressed bytes (all levels
	// together) produced from one top-level archive. 0 → DefaultMaxExpandedBytes.
	MaxExpandedBytes int64
	// MaxRatio is the largest compression ratio (expanded / compressed) of one
	// entry, checked once an entry has expanded past RatioFloor bytes.
	// 0 → DefaultMaxRatio.
	MaxRatio int
}

// RatioFloor is the expanded size below which the compression ratio is not
// checked: small, very regular files (a run of zeros, a minified JSON with
// repeated keys) legitimately compress far beyond any sane bomb ratio.
const RatioFloor = 1 << 20

// Resolved returns l with every zero field set to its default.
func (l Limits) Resolved() Limits {
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = DefaultMaxFileSize
	}
	if l.MaxArchiveDepth <= 0 {
		l.MaxArchiveDepth = DefaultMaxArchiveDepth
	}
	if l.MaxArchiveEntries <= 0 {
		l.MaxArchiveEntries = DefaultMaxArchiveEntries
	}
	if l.MaxExpandedBytes <= 0 {
		l.MaxExpandedBytes = DefaultMaxExpandedBytes
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = DefaultMaxRatio
	}
	return l
}

// Walker yields items; errors about single items go to onErr and the walk
// goes on.
//
// Lifecycle: Walk calls yield once per item, sequentially, on the calling
// goroutine. An Item's Open is valid until yield returns: archive entries
// are streamed and cannot be read after the walk has moved on. (Items of
// the fs and git sources stay valid after, but a consumer must not rely on
// it for items whose Path contains "!/".) A consumer that scans in parallel
// reads the item inside yield or hands it to a worker and waits.
//
// If yield returns an error the walk stops and Walk returns that error; Walk
// also stops with ctx.Err() when ctx is done. Any other error Walk returns
// means the source as a whole is unusable (a missing root, a path that is
// not a repository).
type Walker interface {
	Walk(ctx context.Context, yield func(Item) error, onErr func(path string, err error)) error
}
