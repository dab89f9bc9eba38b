// Package git is the source of a repository's history: for every commit,
// the lines it added to each file, so a secret committed and later deleted
// is still found, with the commit that introduced it.
//
// Semantics:
//   - Commits are those reachable from HEAD (Options.AllBranches: from every
//     reference), newest committer time first, each visited once.
//   - A commit is diffed against its first parent; the root commit against
//     the empty tree, so every line of it is added.
//   - A merge commit yields only lines added relative to EVERY parent (the
//     lines of an "evil merge" or a conflict resolution). Lines a merge
//     brings in from a side branch were already yielded by the side
//     branch's own commits; diffing against the first parent alone would
//     report each of them a second time.
//   - Renames are detected exactly (same blob): a moved file adds nothing.
//     A file renamed and edited in one commit counts as deleted and added.
//   - Symlinks, submodules and binary files (a NUL byte in the first 8000
//     bytes, git's own test) are skipped; a blob over Limits.MaxFileSize is
//     reported through onErr and skipped.
//   - An Item holds the added lines of one file in one commit joined by
//     "\n"; LineMap gives each line's number in the file at that commit.
package git

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5"
	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/utils/diff"
	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/source"
)

// Options configure a history walk. The zero value walks every commit
// reachable from HEAD with default limits.
type Options struct {
	// AllBranches walks the commits reachable from every reference (local
	// and remote branches, tags), not only from HEAD.
	AllBranches bool
	// Since, when set, skips commits whose committer time is before it
	// (git log --since).
	Since time.Time
	// MaxCommits, when positive, stops after that many commits (newest first).
	MaxCommits int
	Limits     source.Limits
}

// DiffTimeout bounds the line diff of one file. Past it the diff degrades
// to "everything not in the common prefix and suffix was added": more lines
// are scanned, none is missed.
const DiffTimeout = 10 * time.Second

// binarySniff is how many leading bytes are searched for a NUL.
const binarySniff = 8000

// Walker walks the history of one repository.
type Walker struct {
	// dotGit is the repository's .git directory; each Walk opens its own
	// storage on it with pack files kept open (go-git otherwise reopens a
	// pack file for every object it reads) and closes it when done.
	dotGit billy.Filesystem
	opt    Options
}

var _ source.Walker = (*Walker)(nil)

// Open opens the repository at path (its work tree or the .git directory
// itself; a path inside a work tree finds the enclosing repository).
func Open(path string, opt Options) (*Walker, error) {
	repo, err := gogit.PlainOpenWithOptions(path, &gogit.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		if errors.Is(err, gogit.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("open git repository %q: not a git repository (no .git found): %w", path, err)
		}
		return nil, fmt.Errorf("open git repository %q: %w", path, err)
	}
	st, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return nil, fmt.Errorf("open git repository %q: unexpected storage %T", path, repo.Storer)
	}
	opt.Limits = opt.Limits.Resolved()
	return &Walker{dotGit: st.Filesystem(), opt: opt}, nil
}

// history is the state of one Walk.
type history struct {
	repo  *gogit.Repository
	opt   Options
	blobs blobCache
}

// blobCacheBytes bounds the cache of recently read blobs. Walking newest
// first, the "before" side of one commit's diff is usually the "after"
// side of the next commit: the cache saves inflating it twice.
const blobCacheBytes = 64 << 20

type cachedBlob struct {
	data []byte
	skip bool
}

// blobCache is a FIFO-evicted cache of blob contents, bounded in bytes.
type blobCache struct {
	m     map[plumbing.Hash]cachedBlob
	order []plumbing.Hash
	bytes int
}

func (c *blobCache) get(h plumbing.Hash) (cachedBlob, bool) {
	b, ok := c.m[h]
	return b, ok
}

func (c *blobCache) put(h plumbing.Hash, b cachedBlob) {
	if len(b.data) > blobCacheBytes/4 {
		return
	}
	if c.m == nil {
		c.m = make(map[plumbing.Hash]cachedBlob)
	}
	for c.bytes+len(b.data) > blobCacheBytes && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.bytes -= len(c.m[old].data)
		delete(c.m, old)
	}
	c.m[h] = b
	c.order = append(c.order, h)
	c.bytes += len(b.data)
}

// Walk yields one Item per (commit, file) with added lines. Items stay valid
// after yield returns (their content is in memory). Problems with one
// commit or one blob go to onErr (path "<file>@<hash>" or "<hash>") and
// the walk goes on; an unreadable history fails the walk.
func (w *Walker) Walk(ctx context.Context, yield func(source.Item) error, onErr func(string, error)) error {
	st := filesystem.NewStorageWithOptions(w.dotGit, cache.NewObjectLRUDefault(),
		filesystem.Options{KeepDescriptors: true, ExclusiveAccess: true})
	defer st.Close()
	repo, err := gogit.Open(st, nil)
	if err != nil {
		return fmt.Errorf("open git repository: %w", err)
	}
	h := &history{repo: repo, opt: w.opt}
	return h.walk(ctx, yield, onErr)
}

func (w *history) walk(ctx context.Context, yield func(source.Item) error, onErr func(string, error)) error {
	lo := &gogit.LogOptions{Order: gogit.LogOrderCommitterTime, All: w.opt.AllBranches}
	if !w.opt.Since.IsZero() {
		s := w.opt.Since
		lo.Since = &s
	}
	if _, err := w.repo.Head(); err != nil {
		if !errors.Is(err, plumbing.ErrReferenceNotFound) {
			return fmt.Errorf("read HEAD: %w", err)
		}
		if !w.opt.AllBranches {
			return nil // an empty repository: no history yet
		}
	}
	iter, err := w.repo.Log(lo)
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return nil
		}
		return fmt.Errorf("read history: %w", err)
	}
	defer iter.Close()
	seen := make(map[plumbing.Hash]bool)
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := iter.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read history: %w", err)
		}
		if seen[c.Hash] {
			continue
		}
		seen[c.Hash] = true
		if w.opt.MaxCommits > 0 && n >= w.opt.MaxCommits {
			return nil
		}
		n++
		if err := w.commit(ctx, c, yield, onErr); err != nil {
			return err
		}
	}
}

// commit yields the added lines of one commit.
func (w *history) commit(ctx context.Context, c *object.Commit, yield func(source.Item) error, onErr func(string, error)) error {
	id := c.Hash.String()
	tree, err := c.Tree()
	if err != nil {
		onErr(id, fmt.Errorf("read commit tree: %w", err))
		return nil
	}
	parents := make([]*object.Tree, 0, len(c.ParentHashes))
	for i, ph := range c.ParentHashes {
		pc, err := w.repo.CommitObject(ph)
		if err == nil {
			var pt *object.Tree
			if pt, err = pc.Tree(); err == nil {
				parents = append(parents, pt)
				continue
			}
		}
		if i == 0 {
			onErr(id, fmt.Errorf("read parent %s: %w", ph, err))
			return nil
		}
		// A missing second parent (shallow clone) only widens what counts as added.
	}
	var first *object.Tree
	if len(parents) > 0 {
		first = parents[0]
	}
	changes, err := object.DiffTreeWithOptions(ctx, first, tree,
		&object.DiffTreeOptions{DetectRenames: true, OnlyExactRenames: true})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		onErr(id, fmt.Errorf("diff against parent: %w", err))
		return nil
	}
	meta := &finding.Commit{Hash: id, Author: c.Author.Name, Email: c.Author.Email, Date: c.Author.When}
	for _, ch := range changes {
		if err := ctx.Err(); err != nil {
			return err
		}
		to := ch.To.TreeEntry
		if ch.To.Name == "" || !isFile(to.Mode) {
			continue // deleted, a symlink, a submodule
		}
		if ch.From.Name != "" && ch.From.TreeEntry.Hash == to.Hash {
			continue // an exact rename or a mode change adds no line
		}
		p := ch.To.Name
		newData, skip, err := w.blob(to.Hash)
		if err != nil {
			onErr(p+"@"+id, err)
			continue
		}
		if skip {
			continue
		}
		var oldData []byte
		if ch.From.Name != "" && isFile(ch.From.TreeEntry.Mode) {
			oldData, skip, err = w.blob(ch.From.TreeEntry.Hash)
			if err != nil || skip {
				oldData = nil // unreadable, binary or huge before: all of it counts as added
			}
		}
		added := addedLines(oldData, newData)
		// A merge adds a line only if no parent had it.
		for _, pt := range parents[min(1, len(parents)):] {
			if len(added) == 0 {
				break
			}
			e, err := pt.FindEntry(p)
			if err != nil || !isFile(e.Mode) {
				continue
			}
			if e.Hash == to.Hash {
				added = nil
				break
			}
			od, skip, err := w.blob(e.Hash)
			if err != nil || skip {
				continue
			}
			added = intersect(added, addedLines(od, newData))
		}
		if len(added) == 0 {
			continue
		}
		content := join(newData, added)
		it := source.Item{
			Path:    p,
			Size:    int64(len(content)),
			Open:    func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content)), nil },
			Commit:  meta,
			LineMap: added,
		}
		if err := yield(it); err != nil {
			return err
		}
	}
	return nil
}

func isFile(m filemode.FileMode) bool {
	return m == filemode.Regular || m == filemode.Executable || m == filemode.Deprecated
}

// blob reads a blob. skip is set for binary content and for blobs over the
// size limit (the latter also returns a *limits.LimitError).
func (w *history) blob(h plumbing.Hash) (data []byte, skip bool, err error) {
	if c, ok := w.blobs.get(h); ok {
		return c.data, c.skip, nil
	}
	data, skip, err = w.readBlob(h)
	if err == nil {
		w.blobs.put(h, cachedBlob{data: data, skip: skip})
	}
	return data, skip, err
}

func (w *history) readBlob(h plumbing.Hash) (data []byte, skip bool, err error) {
	b, err := w.repo.BlobObject(h)
	if err != nil {
		return nil, true, fmt.Errorf("read blob %s: %w", h, err)
	}
	if b.Size > w.opt.Limits.MaxFileSize {
		return nil, true, &limits.LimitError{What: "file size", Limit: w.opt.Limits.MaxFileSize}
	}
	r, err := b.Reader()
	if err != nil {
		return nil, true, fmt.Errorf("read blob %s: %w", h, err)
	}
	defer r.Close()
	data = make([]byte, b.Size)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, true, fmt.Errorf("read blob %s: %w", h, err)
	}
	if bytes.IndexByte(data[:min(len(data), binarySniff)], 0) >= 0 {
		return nil, true, nil
	}
	return data, false, nil
}

// addedLines returns the 1-based numbers of the lines of new that are not
// in old according to a line diff (all of them when old is nil).
func addedLines(old, new []byte) []int {
	if len(new) == 0 {
		return nil
	}
	if old == nil {
		n := bytes.Count(new, []byte{'\n'})
		if new[len(new)-1] != '\n' {
			n++
		}
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	var out []int
	line := 1
	for _, d := range diff.DoWithTimeout(string(old), string(new), DiffTimeout) {
		n := countLines(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			line += n
		case diffmatchpatch.DiffInsert:
			for i := 0; i < n; i++ {
				out = append(out, line)
				line++
			}
		}
	}
	return out
}

func countLines(s string) int {
	n := strings.Count(s, "\n")
	if s != "" && !strings.HasSuffix(s, "\n") {
		n++
	}
	return n
}

// intersect keeps the numbers of a (sorted) that are also in b (sorted).
func intersect(a, b []int) []int {
	out := a[:0]
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			out = append(out, x)
		}
	}
	return out
}

// join returns the given 1-based lines of data joined by "\n".
func join(data []byte, lines []int) []byte {
	var buf bytes.Buffer
	want := 0
	ln := 1
	for len(data) > 0 && want < len(lines) {
		i := bytes.IndexByte(data, '\n')
		var l []byte
		if i < 0 {
			l, data = data, nil
		} else {
			l, data = data[:i], data[i+1:]
		}
		if ln == lines[want] {
			if want > 0 {
				buf.WriteByte('\n')
			}
			buf.Write(l)
			want++
		}
		ln++
	}
	return buf.Bytes()
}
