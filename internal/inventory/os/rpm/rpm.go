// Package rpm extracts installed packages from the rpm package database in
// its three on-disk formats, read by hand with bounds checks on every
// offset:
//
//   - BerkeleyDB hash "Packages" (var/lib/rpm/Packages: CentOS 7/8,
//     Amazon Linux 2, RHEL 7/8),
//   - SQLite "rpmdb.sqlite" (var/lib/rpm or usr/lib/sysimage/rpm: RHEL 9
//     family, Fedora 33+),
//   - ndb "Packages.db" (usr/lib/sysimage/rpm or var/lib/rpm: SUSE).
//
// The format is recognised by the file's magic, not its name. Each
// database record is a package header blob (see parseHeader); gpg-pubkey
// pseudo-packages (imported signing keys) are skipped.
//
// Limitations: a SQLite database in WAL mode may have recent transactions
// in rpmdb.sqlite-wal, which is not read; BerkeleyDB files with encryption
// are rejected.
package rpm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// ID is the plugin ID.
const ID = "os/rpm"

// Paths of the databases.
const (
	BerkeleyPath    = "var/lib/rpm/Packages"
	SQLitePath      = "var/lib/rpm/rpmdb.sqlite"
	SysimageSQLite  = "usr/lib/sysimage/rpm/rpmdb.sqlite"
	SysimageNDBPath = "usr/lib/sysimage/rpm/Packages.db"
	NDBPath         = "var/lib/rpm/Packages.db"
)

// Defaults of Config.
const (
	// DefaultMaxFileSize bounds the bytes read from one database. rpm
	// databases are far larger than most parsed files (a full RHEL 8
	// install has a Packages file of 100-200 MiB), so the cap is larger
	// than limits.DefaultMaxFileSize; files are read page by page and
	// never held in memory whole, so memory is bounded by MaxHeaderSize.
	DefaultMaxFileSize = 1 << 30
	// DefaultMaxHeaderSize bounds one package header blob. Real headers
	// are a few KiB to a few MiB (large file lists).
	DefaultMaxHeaderSize = 32 << 20
	// DefaultMaxPackages bounds the packages read from one database.
	DefaultMaxPackages = 100_000
	// maxRecordErrors bounds the per-record errors kept from one file.
	maxRecordErrors = 10
)

// Config configures the extractor. A zero value means defaults.
type Config struct {
	// MaxFileSize is the number of bytes read from one database file; 0
	// means DefaultMaxFileSize. Data past the cap is treated as missing.
	MaxFileSize int64
	// MaxHeaderSize bounds one package header; 0 means
	// DefaultMaxHeaderSize.
	MaxHeaderSize int64
	// MaxPackages bounds the packages of one file; 0 means
	// DefaultMaxPackages.
	MaxPackages int
}

// Extractor is the rpm database extractor.
type Extractor struct {
	maxFile     int64
	maxHeader   int64
	maxPackages int
}

var _ extract.Extractor = (*Extractor)(nil)

// New returns an extractor.
func New(cfg Config) (*Extractor, error) {
	if cfg.MaxFileSize < 0 || cfg.MaxHeaderSize < 0 || cfg.MaxPackages < 0 {
		return nil, fmt.Errorf("rpm: negative limit in config %+v", cfg)
	}
	e := &Extractor{maxFile: cfg.MaxFileSize, maxHeader: cfg.MaxHeaderSize, maxPackages: cfg.MaxPackages}
	if e.maxFile == 0 {
		e.maxFile = DefaultMaxFileSize
	}
	if e.maxHeader == 0 {
		e.maxHeader = DefaultMaxHeaderSize
	}
	if e.maxPackages == 0 {
		e.maxPackages = DefaultMaxPackages
	}
	return e, nil
}

// ID returns "os/rpm".
func (e *Extractor) ID() string { return ID }

// Version is the extractor's version.
func (e *Extractor) Version() int { return 1 }

// Required reports whether path is one of the rpm database files. Files
// over the size cap are required too, so the cap is reported rather than
// the database silently skipped.
func (e *Extractor) Required(p string, size int64, mode fs.FileMode) bool {
	if !mode.IsRegular() {
		return false
	}
	switch p {
	case BerkeleyPath, SQLitePath, SysimageSQLite, SysimageNDBPath, NDBPath:
		return true
	}
	return false
}

// Extract parses one database file. Errors in single package headers do
// not stop it: it returns the packages of every readable header along
// with the errors (at most 10, joined), each a *limits.ParseError or
// *limits.LimitError. An error in the database structure stops it with
// the packages read so far.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	size := min(in.Size, e.maxFile)
	r := io.NewSectionReader(in.Reader, 0, size)
	c := &collector{path: in.Path, maxPackages: e.maxPackages, seen: map[string]bool{}}
	db := &dbFile{r: r, size: size, path: in.Path, maxBlob: e.maxHeader, budget: readBudget(size)}
	err := readDatabase(ctx, db, c.add)
	if err == nil && len(c.errs) > 0 {
		err = errors.Join(c.errs...)
	} else if err != nil && len(c.errs) > 0 {
		err = errors.Join(append(c.errs, err)...)
	}
	if in.Size > e.maxFile {
		capped := &limits.LimitError{What: fmt.Sprintf("%s: file size", in.Path), Limit: e.maxFile}
		if err != nil {
			err = errors.Join(capped, err)
		} else {
			err = capped
		}
	}
	return c.pkgs, err
}

// Parse reads the packages of an rpm database of any of the three formats
// from r (size bytes; path is used in errors and as Location), with
// default limits.
func Parse(ctx context.Context, r io.ReaderAt, size int64, path string) ([]inventory.Package, error) {
	e, _ := New(Config{})
	return e.Extract(ctx, extract.Input{Path: path, Reader: r, Size: size, Mode: 0o644})
}

// dbFile is one database file being read.
type dbFile struct {
	r       io.ReaderAt
	size    int64
	path    string
	maxBlob int64
	// budget is the number of bytes left to read (see readBudget). A
	// sound database has each page read at most twice (BerkeleyDB: in the
	// page scan and in one overflow chain); pages shared by many records
	// or chains that loop would multiply the work.
	budget int64
}

// readBudget is the number of bytes read from a database of size bytes:
// each page at most three times, plus the format's small headers.
func readBudget(size int64) int64 { return 3*size + 4096 }

// readAt reads len(buf) bytes at off; reading past the end (a truncated
// file, or one cut at the size cap) is a *limits.ParseError.
func (db *dbFile) readAt(buf []byte, off int64, what string) error {
	if off < 0 || off > db.size || int64(len(buf)) > db.size-off {
		return db.errorf("%s: %d bytes at offset %d beyond the end of the %d-byte file (truncated?)", what, len(buf), off, db.size)
	}
	if db.budget < int64(len(buf)) {
		return &limits.LimitError{What: fmt.Sprintf("%s: bytes read (pages shared or looping: corrupt database)", db.path), Limit: readBudget(db.size)}
	}
	db.budget -= int64(len(buf))
	if _, err := db.r.ReadAt(buf, off); err != nil && !(err == io.EOF && off+int64(len(buf)) == db.size) {
		return fmt.Errorf("read %s: %s: %w", db.path, what, err)
	}
	return nil
}

func (db *dbFile) errorf(format string, args ...any) error {
	return &limits.ParseError{Path: db.path, Msg: fmt.Sprintf(format, args...)}
}

// blobTooLarge is the error for a record over the header size cap.
func (db *dbFile) blobTooLarge(record string) error {
	return &limits.LimitError{What: fmt.Sprintf("%s: %s: header size", db.path, record), Limit: db.maxBlob}
}

// recordFunc receives one record: a description for errors ("record 12")
// and its header blob, or the error that made the record unreadable while
// the database around it is intact (a header over the size cap). An error
// it returns stops the read.
type recordFunc func(record string, blob []byte, err error) error

// Magic numbers recognising the formats.
var (
	sqliteMagic = []byte("SQLite format 3\x00")
	ndbMagic    = []byte("RpmP")
)

func readDatabase(ctx context.Context, db *dbFile, fn recordFunc) error {
	var head [16]byte
	if db.size < int64(len(head)) {
		return db.errorf("file of %d bytes is too short for an rpm database", db.size)
	}
	if err := db.readAt(head[:], 0, "file header"); err != nil {
		return err
	}
	switch {
	case string(head[:]) == string(sqliteMagic):
		return readSQLite(ctx, db, fn)
	case string(head[:4]) == string(ndbMagic):
		return readNDB(ctx, db, fn)
	case isBerkeleyHash(head[12:16]):
		return readBerkeley(ctx, db, fn)
	}
	return db.errorf("not an rpm database: unknown magic % x", head[:])
}

// collector turns header blobs into packages.
type collector struct {
	path        string
	maxPackages int
	pkgs        []inventory.Package
	seen        map[string]bool
	errs        []error
}

func (c *collector) add(record string, blob []byte, recErr error) error {
	if recErr == nil {
		h, err := parseHeader(blob)
		if err == nil {
			err = h.validate()
		}
		if err != nil {
			recErr = &limits.ParseError{Path: c.path, Msg: fmt.Sprintf("%s: %v", record, err)}
		} else {
			return c.addHeader(h)
		}
	}
	if len(c.errs) == maxRecordErrors {
		return &limits.LimitError{What: fmt.Sprintf("%s: unreadable package headers", c.path), Limit: maxRecordErrors}
	}
	c.errs = append(c.errs, recErr)
	return nil
}

func (c *collector) addHeader(h header) error {
	if h.Name == "gpg-pubkey" {
		return nil
	}
	p := h.toPackage(c.path)
	key := p.Name + "\x00" + p.Version
	if c.seen[key] { // the same package for several architectures
		return nil
	}
	if len(c.pkgs) >= c.maxPackages {
		return &limits.LimitError{What: fmt.Sprintf("%s: packages", c.path), Limit: int64(c.maxPackages)}
	}
	c.seen[key] = true
	c.pkgs = append(c.pkgs, p)
	return nil
}

// validate checks the fields a package needs.
func (h header) validate() error {
	if h.Name == "" {
		return errors.New("header without a name")
	}
	if h.Name == "gpg-pubkey" {
		return nil
	}
	for _, f := range []struct{ what, v string }{{"name", h.Name}, {"version", h.Version}, {"release", h.Release}} {
		if f.v == "" {
			return fmt.Errorf("package %q without a %s", h.Name, f.what)
		}
		if !validToken(f.v) {
			return fmt.Errorf("package %q: invalid %s %q", h.Name, f.what, f.v)
		}
	}
	if strings.Contains(h.Version, "-") {
		return fmt.Errorf("package %q: version %q contains '-'", h.Name, h.Version)
	}
	if h.HasEpoch && h.Epoch < 0 {
		return fmt.Errorf("package %q: negative epoch %d", h.Name, h.Epoch)
	}
	if h.SourceRPM != "" && !validToken(h.SourceRPM) {
		return fmt.Errorf("package %q: invalid source rpm %q", h.Name, h.SourceRPM)
	}
	return nil
}

// validToken accepts printable ASCII and UTF-8 without spaces, up to 1
// KiB: rpm names, versions and releases have no whitespace.
func validToken(s string) bool {
	if len(s) > 1024 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f {
			return false
		}
	}
	return true
}

// toPackage builds the inventory package. The version is
// "[epoch:]version-release"; an epoch of 0 is left off, as rpm treats a
// missing epoch as 0. The source package is named by SOURCERPM
// ("openssl-1.1.1k-12.el8.src.rpm"); its version takes the binary
// package's epoch, which SOURCERPM does not record.
func (h header) toPackage(path string) inventory.Package {
	epoch := ""
	if h.HasEpoch && h.Epoch > 0 {
		epoch = fmt.Sprintf("%d:", h.Epoch)
	}
	p := inventory.Package{
		Name:      h.Name,
		Version:   epoch + h.Version + "-" + h.Release,
		Ecosystem: inventory.RedHat,
		Location:  path,
		Extractor: ID,
	}
	if name, ver, rel, ok := splitSourceRPM(h.SourceRPM); ok {
		p.SourceName = name
		p.SourceVersion = epoch + ver + "-" + rel
	}
	if l := strings.TrimSpace(h.License); l != "" {
		p.Licenses = []string{l}
	}
	return p
}

// splitSourceRPM splits "name-version-release.src.rpm" (or .nosrc.rpm).
func splitSourceRPM(s string) (name, version, release string, ok bool) {
	base, found := strings.CutSuffix(s, ".src.rpm")
	if !found {
		base, found = strings.CutSuffix(s, ".nosrc.rpm")
	}
	if !found {
		return "", "", "", false
	}
	i := strings.LastIndexByte(base, '-')
	if i <= 0 {
		return "", "", "", false
	}
	release = base[i+1:]
	base = base[:i]
	j := strings.LastIndexByte(base, '-')
	if j <= 0 || release == "" || j == len(base)-1 {
		return "", "", "", false
	}
	return base[:j], base[j+1:], release, true
}
