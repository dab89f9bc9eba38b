// Package db is Ward's local vulnerability database: OSV records (package
// internal/vuln/osv) in one bbolt file, indexed by ecosystem and package
// name, filled by importers (OSV JSON files, directories and all.zip
// archives; Debian security-tracker DSA/DLA lists; Alpine secdb files) and
// by Update from an OSV mirror.
//
// Layout (bucket: key → value):
//
//	meta:           "schema" → schema version, "last_import" → RFC 3339 time
//	records:        id → record JSON
//	index:          ecosystem base (lower case) NUL name NUL id → the record's
//	                full ecosystems for that name, newline-separated
//	origin:         id → name of the source that wrote the record
//	source_records: source NUL id → ""
//	sources:        source name → SourceInfo JSON
//
// Names in the index are as the ecosystem spells them, except PyPI names,
// normalised per PEP 503. Re-importing a source replaces it: records the
// source wrote before and no longer has are deleted.
//
// Lifecycle: Open, any number of Lookup/Info (safe for concurrent use) and,
// on a read-write DB, Import/Update (serialised by bbolt), then Close.
package db

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/vuln/osv"
)

// SchemaVersion is the layout version written to new databases. A database
// of another version must be re-imported.
const SchemaVersion = "1"

const (
	bucketMeta          = "meta"
	bucketRecords       = "records"
	bucketIndex         = "index"
	bucketOrigin        = "origin"
	bucketSourceRecords = "source_records"
	bucketSources       = "sources"

	keySchema     = "schema"
	keyLastImport = "last_import"

	sep = "\x00"
)

func allBuckets() []string {
	return []string{bucketMeta, bucketRecords, bucketIndex, bucketOrigin, bucketSourceRecords, bucketSources}
}

// Default limits.
const (
	DefaultMaxArchiveEntries = 2_000_000
	DefaultMaxArchiveTotal   = 16 << 30                  // uncompressed bytes read from one archive
	DefaultMaxDownloadSize   = 2 << 30                   // bytes of one all.zip
	DefaultMaxListSize       = limits.DefaultMaxFileSize // a Debian list or an Alpine secdb file
	DefaultLockTimeout       = 5 * time.Second
)

// Limits bound what importers read. Zero fields take the defaults.
type Limits struct {
	// MaxRecordSize caps one OSV record (file or archive entry);
	// default osv.MaxRecordSize.
	MaxRecordSize int64
	// MaxArchiveEntries caps the entries of one zip.
	MaxArchiveEntries int
	// MaxArchiveTotal caps the uncompressed bytes read from one zip.
	MaxArchiveTotal int64
	// MaxDownloadSize caps one download of Update.
	MaxDownloadSize int64
	// MaxListSize caps a Debian list or an Alpine secdb file.
	MaxListSize int64
}

func (l Limits) withDefaults() Limits {
	if l.MaxRecordSize <= 0 {
		l.MaxRecordSize = osv.MaxRecordSize
	}
	if l.MaxArchiveEntries <= 0 {
		l.MaxArchiveEntries = DefaultMaxArchiveEntries
	}
	if l.MaxArchiveTotal <= 0 {
		l.MaxArchiveTotal = DefaultMaxArchiveTotal
	}
	if l.MaxDownloadSize <= 0 {
		l.MaxDownloadSize = DefaultMaxDownloadSize
	}
	if l.MaxListSize <= 0 {
		l.MaxListSize = DefaultMaxListSize
	}
	return l
}

// Options configure Open. The zero value opens read-write with defaults.
type Options struct {
	// ReadOnly opens an existing database for lookups only; a missing file
	// is a *NoDatabaseError.
	ReadOnly bool
	// LockTimeout is how long Open waits for the file lock held by another
	// process (default DefaultLockTimeout).
	LockTimeout time.Duration
	Limits      Limits
	// Now is the clock (default time.Now); tests set it.
	Now func() time.Time
}

// DB is an open vulnerability database.
type DB struct {
	path   string
	bolt   *bolt.DB
	ro     bool
	limits Limits
	now    func() time.Time
}

// ErrNoDatabase is matched (errors.Is) by *NoDatabaseError.
var ErrNoDatabase = errors.New("no vulnerability database")

// NoDatabaseError reports that no database exists at Path.
type NoDatabaseError struct{ Path string }

func (e *NoDatabaseError) Error() string {
	return fmt.Sprintf("no vulnerability database at %s; run `ward db import PATH` or `ward db update --mirror URL`", e.Path)
}

// Is makes errors.Is(err, ErrNoDatabase) true.
func (e *NoDatabaseError) Is(target error) bool { return target == ErrNoDatabase }

// DefaultPath is os.UserCacheDir()/ward/db/vuln.db
// ($XDG_CACHE_HOME/ward/db/vuln.db on Linux).
func DefaultPath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("locate vulnerability database: %w", err)
	}
	return filepath.Join(dir, "ward", "db", "vuln.db"), nil
}

// Open opens the database at path ("" means DefaultPath). Read-write opens
// create the file and its directory.
func Open(path string, opts Options) (*DB, error) {
	if path == "" {
		p, err := DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	if opts.ReadOnly {
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, &NoDatabaseError{Path: path}
		case err != nil:
			return nil, fmt.Errorf("open vulnerability database: %w", err)
		case fi.Size() == 0:
			return nil, &NoDatabaseError{Path: path}
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create vulnerability database directory: %w", err)
	}
	b, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: opts.ReadOnly, Timeout: timeout})
	if err != nil {
		return nil, fmt.Errorf("open vulnerability database %s: %w", path, err)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	db := &DB{path: path, bolt: b, ro: opts.ReadOnly, limits: opts.Limits.withDefaults(), now: now}
	if err := db.init(); err != nil {
		_ = b.Close()
		return nil, err
	}
	return db, nil
}

// init creates the buckets of a new database and checks the schema version.
func (db *DB) init() error {
	check := func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte(bucketMeta))
		if meta == nil {
			return &NoDatabaseError{Path: db.path}
		}
		if v := string(meta.Get([]byte(keySchema))); v != SchemaVersion {
			return fmt.Errorf("vulnerability database %s has schema %q, this Ward reads %q: re-import it", db.path, v, SchemaVersion)
		}
		for _, name := range allBuckets() {
			if tx.Bucket([]byte(name)) == nil {
				return fmt.Errorf("vulnerability database %s: bucket %q missing: re-import it", db.path, name)
			}
		}
		return nil
	}
	if db.ro {
		return db.bolt.View(check)
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if tx.Bucket([]byte(bucketMeta)) == nil {
			for _, name := range allBuckets() {
				if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
					return fmt.Errorf("create bucket %q: %w", name, err)
				}
			}
			if err := tx.Bucket([]byte(bucketMeta)).Put([]byte(keySchema), []byte(SchemaVersion)); err != nil {
				return fmt.Errorf("write schema version: %w", err)
			}
		}
		return check(tx)
	})
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close releases the file.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close vulnerability database: %w", err)
	}
	return nil
}

// Lookup returns the records that affect the package name in ecosystem,
// ordered by id. Ecosystems match by base name (case-insensitive) and
// release: a record for "Debian:12" matches a lookup for "Debian:12" only;
// a record without release ("Debian") matches every release; a lookup
// without release matches records of every release. PyPI names are
// compared after PEP 503 normalisation, others exactly.
//
// Withdrawn records are returned (osv.Vulnerability.IsWithdrawn); the
// matcher ignores them, and `ward db` can still show them.
func (db *DB) Lookup(ecosystem, name string) ([]*osv.Vulnerability, error) {
	if ecosystem == "" || name == "" {
		return nil, nil
	}
	prefix := []byte(indexPrefix(ecosystem, name))
	var out []*osv.Vulnerability
	err := db.bolt.View(func(tx *bolt.Tx) error {
		records := tx.Bucket([]byte(bucketRecords))
		c := tx.Bucket([]byte(bucketIndex)).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if !anyEcosystemMatches(string(v), ecosystem) {
				continue
			}
			id := string(k[len(prefix):])
			data := records.Get([]byte(id))
			if data == nil {
				return fmt.Errorf("index names record %q, which is missing: re-import the database", id)
			}
			rec, err := osv.ParseBytes(data, id)
			if err != nil {
				return fmt.Errorf("read record %q: %w", id, err)
			}
			out = append(out, rec)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lookup %s/%s: %w", ecosystem, name, err)
	}
	return out, nil
}

// Get returns the record with id, or nil when there is none.
func (db *DB) Get(id string) (*osv.Vulnerability, error) {
	var rec *osv.Vulnerability
	err := db.bolt.View(func(tx *bolt.Tx) error {
		data := tx.Bucket([]byte(bucketRecords)).Get([]byte(id))
		if data == nil {
			return nil
		}
		var err error
		rec, err = osv.ParseBytes(data, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("get record %q: %w", id, err)
	}
	return rec, nil
}

// SourceInfo describes one imported source.
type SourceInfo struct {
	// Name identifies the source: "osv:/abs/path", "mirror:Go",
	// "debian:/abs/DSA/list", "alpine:/abs/v3.11/main.yaml".
	Name string `json:"name"`
	// Kind is the importer: "osv", "osv-mirror", "debian-list", "alpine-secdb".
	Kind string `json:"kind"`
	// Location is the path or URL read.
	Location   string    `json:"location"`
	ImportedAt time.Time `json:"importedAt"`
	// Records is how many records the source currently owns (a record
	// written again by a later source moves to that source).
	Records int `json:"records"`
	// Skipped is how many entries the last import could not read.
	Skipped int `json:"skipped"`
}

// Info summarises the database.
type Info struct {
	Path          string
	SchemaVersion string
	Sources       []SourceInfo // by name
	Records       int
	// Ecosystems counts records per affected ecosystem as the records
	// spell it ("Go", "Debian:11"); a record affecting two ecosystems
	// counts in both.
	Ecosystems map[string]int
	// LastImport is the time of the last import (zero if none); Age is
	// the time since.
	LastImport time.Time
	Age        time.Duration
}

// Info reports the sources, record counts and age of the database.
func (db *DB) Info() (Info, error) {
	info := Info{Path: db.path, Ecosystems: map[string]int{}}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte(bucketMeta))
		info.SchemaVersion = string(meta.Get([]byte(keySchema)))
		if t := meta.Get([]byte(keyLastImport)); t != nil {
			ts, err := time.Parse(time.RFC3339Nano, string(t))
			if err != nil {
				return fmt.Errorf("read last import time: %w", err)
			}
			info.LastImport = ts
			info.Age = db.now().Sub(ts)
		}
		info.Records = tx.Bucket([]byte(bucketRecords)).Stats().KeyN

		counts := map[string]int{}
		if err := tx.Bucket([]byte(bucketSourceRecords)).ForEach(func(k, _ []byte) error {
			src, _, _ := strings.Cut(string(k), sep)
			counts[src]++
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket([]byte(bucketSources)).ForEach(func(k, v []byte) error {
			var si SourceInfo
			if err := json.Unmarshal(v, &si); err != nil {
				return fmt.Errorf("read source %q: %w", k, err)
			}
			si.Records = counts[si.Name]
			info.Sources = append(info.Sources, si)
			return nil
		}); err != nil {
			return err
		}

		seen := map[string]struct{}{} // ecosystem NUL id
		return tx.Bucket([]byte(bucketIndex)).ForEach(func(k, v []byte) error {
			parts := strings.SplitN(string(k), sep, 3)
			if len(parts) != 3 {
				return fmt.Errorf("malformed index key %q", k)
			}
			for eco := range strings.SplitSeq(string(v), "\n") {
				key := eco + sep + parts[2]
				if _, ok := seen[key]; ok {
					continue
				}
				seen[key] = struct{}{}
				info.Ecosystems[eco]++
			}
			return nil
		})
	})
	if err != nil {
		return Info{}, fmt.Errorf("vulnerability database info: %w", err)
	}
	sort.Slice(info.Sources, func(i, j int) bool { return info.Sources[i].Name < info.Sources[j].Name })
	return info, nil
}

// splitEcosystem splits "Debian:12" into "Debian" and "12".
func splitEcosystem(eco string) (base, release string) {
	base, release, _ = strings.Cut(eco, ":")
	return base, release
}

// ecosystemMatches reports whether a record's ecosystem covers a lookup's.
func ecosystemMatches(record, lookup string) bool {
	rb, rr := splitEcosystem(record)
	lb, lr := splitEcosystem(lookup)
	if !strings.EqualFold(rb, lb) {
		return false
	}
	return rr == "" || lr == "" || rr == lr
}

func anyEcosystemMatches(list, lookup string) bool {
	for eco := range strings.SplitSeq(list, "\n") {
		if ecosystemMatches(eco, lookup) {
			return true
		}
	}
	return false
}

// NormalizeName returns the package name as the index keys it: PEP 503 for
// PyPI ("Foo.Bar_baz" → "foo-bar-baz"), unchanged otherwise.
func NormalizeName(ecosystem, name string) string {
	base, _ := splitEcosystem(ecosystem)
	if strings.EqualFold(base, inventory.PyPI) {
		var b strings.Builder
		b.Grow(len(name))
		inRun := false
		for _, r := range strings.ToLower(name) {
			if r == '-' || r == '_' || r == '.' {
				if !inRun {
					b.WriteByte('-')
				}
				inRun = true
				continue
			}
			inRun = false
			b.WriteRune(r)
		}
		return b.String()
	}
	return name
}

// indexPrefix is the index key prefix of a package: base NUL name NUL.
func indexPrefix(ecosystem, name string) string {
	base, _ := splitEcosystem(ecosystem)
	return strings.ToLower(base) + sep + NormalizeName(ecosystem, name) + sep
}
