package db

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/vuln/osv"
)

// ImportOSVPath imports OSV records from p: one JSON file, a directory tree
// of *.json files (symbolic links are not followed), or a zip archive of
// *.json entries (OSV's per-ecosystem all.zip). The source is named
// "osv:" + the absolute path, so importing the same path again replaces
// it.
func (db *DB) ImportOSVPath(ctx context.Context, p string) (ImportResult, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", p, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import OSV records: %w", err)
	}
	src := Source{Name: "osv:" + abs, Kind: "osv", Location: abs}
	if fi.IsDir() {
		return db.Import(ctx, src, db.dirRecords(abs))
	}
	f, err := os.Open(abs)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import OSV records: %w", err)
	}
	defer f.Close()
	if isZip(f) {
		return db.importZip(ctx, src, f, fi.Size())
	}
	data, err := readCapped(f, db.limits.MaxRecordSize, "OSV record "+abs)
	if err != nil {
		return ImportResult{Source: src.Name}, fmt.Errorf("import %s: %w", abs, err)
	}
	rec, err := osv.ParseBytes(data, abs)
	if err != nil {
		return ImportResult{Source: src.Name}, fmt.Errorf("import %s: %w", abs, err)
	}
	return db.Import(ctx, src, Records([]*osv.Vulnerability{rec}))
}

// importZip imports the zip in r (size bytes) as src.
func (db *DB) importZip(ctx context.Context, src Source, r io.ReaderAt, size int64) (ImportResult, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // names are checked per entry
		return ImportResult{Source: src.Name}, fmt.Errorf("import %s: read zip: %w", src.Location, err)
	}
	return db.Import(ctx, src, zipRecords(zr, db.limits))
}

// isZip reports whether r starts with a zip local file header, and rewinds.
func isZip(f io.ReadSeeker) bool {
	var magic [4]byte
	n, _ := io.ReadFull(f, magic[:])
	_, _ = f.Seek(0, io.SeekStart)
	return n == 4 && bytes.Equal(magic[:], []byte("PK\x03\x04"))
}

// readCapped reads all of r, failing with a *limits.LimitError past max.
func readCapped(r io.Reader, max int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if int64(len(data)) > max {
		return nil, &limits.LimitError{What: what, Limit: max}
	}
	return data, nil
}

// dirRecords yields the records of every regular *.json file under root.
// Unreadable or invalid files are record errors; a failing walk ends the
// import.
func (db *DB) dirRecords(root string) iter.Seq2[*osv.Vulnerability, error] {
	return func(yield func(*osv.Vulnerability, error) bool) {
		stop := errors.New("stop")
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.Type().IsRegular() || !strings.HasSuffix(d.Name(), ".json") {
				return nil
			}
			rec, err := db.readRecordFile(p)
			if err != nil {
				err = &RecordError{Name: p, Err: err}
			}
			if !yield(rec, err) {
				return stop
			}
			return nil
		})
		if err != nil && !errors.Is(err, stop) {
			yield(nil, fmt.Errorf("walk %s: %w", root, err))
		}
	}
}

func (db *DB) readRecordFile(p string) (*osv.Vulnerability, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readCapped(f, db.limits.MaxRecordSize, "OSV record "+p)
	if err != nil {
		return nil, err
	}
	return osv.ParseBytes(data, p)
}

// zipRecords yields the records of the *.json entries of zr. Entries with
// unsafe names (absolute, "..", backslashes), entries over MaxRecordSize
// and invalid records are record errors; more than MaxArchiveEntries
// entries or MaxArchiveTotal uncompressed bytes end the import with a
// *limits.LimitError. Nothing is written to disk.
func zipRecords(zr *zip.Reader, lim Limits) iter.Seq2[*osv.Vulnerability, error] {
	return func(yield func(*osv.Vulnerability, error) bool) {
		if len(zr.File) > lim.MaxArchiveEntries {
			yield(nil, &limits.LimitError{What: "zip entries", Limit: int64(lim.MaxArchiveEntries)})
			return
		}
		var total int64
		for _, f := range zr.File {
			if f.FileInfo().IsDir() {
				continue
			}
			if !safeEntryName(f.Name) {
				if !yield(nil, &RecordError{Name: fmt.Sprintf("%q", f.Name), Err: errors.New("unsafe zip entry name")}) {
					return
				}
				continue
			}
			if !strings.HasSuffix(f.Name, ".json") {
				continue
			}
			if f.UncompressedSize64 > uint64(lim.MaxRecordSize) {
				if !yield(nil, &RecordError{Name: f.Name, Err: &limits.LimitError{What: "OSV record " + f.Name, Limit: lim.MaxRecordSize}}) {
					return
				}
				continue
			}
			data, err := readZipEntry(f, lim.MaxRecordSize)
			total += int64(len(data))
			if total > lim.MaxArchiveTotal {
				yield(nil, &limits.LimitError{What: "uncompressed zip size", Limit: lim.MaxArchiveTotal})
				return
			}
			var rec *osv.Vulnerability
			if err == nil {
				rec, err = osv.ParseBytes(data, f.Name)
			}
			if err != nil {
				err = &RecordError{Name: f.Name, Err: err}
			}
			if !yield(rec, err) {
				return
			}
		}
	}
}

// readZipEntry reads one entry, at most max bytes (the header's size may
// lie; the data decides).
func readZipEntry(f *zip.File, max int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return readCapped(rc, max, "OSV record "+f.Name)
}

// safeEntryName accepts relative, slash-separated names without "." or
// ".." elements and without backslashes, colons or NUL.
func safeEntryName(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\:\x00") || path.IsAbs(name) {
		return false
	}
	return fs.ValidPath(strings.TrimSuffix(name, "/"))
}
