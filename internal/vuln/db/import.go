package db

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wardsec/ward/internal/vuln/osv"
)

// MaxImportErrors is how many record errors an ImportResult keeps; the
// rest are only counted in Skipped.
const MaxImportErrors = 100

// Source names what an import reads.
type Source struct {
	// Name identifies the source across imports: importing the same Name
	// again replaces what it wrote before.
	Name     string
	Kind     string
	Location string
}

// RecordError is an entry an importer could not read (malformed, too
// large, unsafe name). The import skips it and goes on.
type RecordError struct {
	// Name is the file, archive entry or record that failed.
	Name string
	Err  error
}

func (e *RecordError) Error() string { return fmt.Sprintf("%s: %v", e.Name, e.Err) }
func (e *RecordError) Unwrap() error { return e.Err }

// ImportResult reports one import.
type ImportResult struct {
	Source string
	// Records is how many distinct records were written.
	Records int
	// Removed is how many records of the source's previous import were
	// deleted because this import no longer has them.
	Removed int
	// Skipped counts entries that could not be read; Errors holds the
	// first MaxImportErrors of them (each a *RecordError).
	Skipped  int
	Errors   []error
	Duration time.Duration
}

// Import writes records as src in one transaction: on any error but a
// *RecordError yielded by records (kept in the result, the import goes on)
// nothing is written. Every record is validated (osv.Vulnerability.
// Validate); invalid ones are skipped as record errors. A record whose id
// exists is replaced. Records src wrote before and no longer yields are
// deleted, unless a later source wrote them again. An import in which
// every entry failed is an error and changes nothing, so a broken download
// cannot empty the database.
func (db *DB) Import(ctx context.Context, src Source, records iter.Seq2[*osv.Vulnerability, error]) (ImportResult, error) {
	res := ImportResult{Source: src.Name}
	if db.ro {
		return res, fmt.Errorf("import %s: database opened read-only", src.Name)
	}
	if src.Name == "" || strings.Contains(src.Name, sep) {
		return res, fmt.Errorf("import: invalid source name %q", src.Name)
	}
	start := db.now()
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		w := writer{
			records:       tx.Bucket([]byte(bucketRecords)),
			index:         tx.Bucket([]byte(bucketIndex)),
			origin:        tx.Bucket([]byte(bucketOrigin)),
			sourceRecords: tx.Bucket([]byte(bucketSourceRecords)),
		}
		old, err := w.sourceIDs(src.Name)
		if err != nil {
			return err
		}
		seen := map[string]struct{}{}
		n := 0
		for rec, err := range records {
			if n++; n%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err == nil && rec == nil {
				err = &RecordError{Name: "(nil record)", Err: errors.New("no record")}
			}
			if err == nil {
				if verr := rec.Validate(); verr != nil {
					err = &RecordError{Name: rec.ID, Err: verr}
				}
			}
			if err != nil {
				var re *RecordError
				if !errors.As(err, &re) {
					return err
				}
				res.Skipped++
				if len(res.Errors) < MaxImportErrors {
					res.Errors = append(res.Errors, re)
				}
				continue
			}
			if err := w.put(src.Name, rec); err != nil {
				return err
			}
			seen[rec.ID] = struct{}{}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(seen) == 0 && res.Skipped > 0 {
			return fmt.Errorf("no readable records (%d skipped, first: %w)", res.Skipped, res.Errors[0])
		}
		res.Records = len(seen)
		for _, id := range old {
			if _, ok := seen[id]; ok {
				continue
			}
			removed, err := w.remove(src.Name, id)
			if err != nil {
				return err
			}
			if removed {
				res.Removed++
			}
		}
		now := db.now().UTC()
		si := SourceInfo{Name: src.Name, Kind: src.Kind, Location: src.Location, ImportedAt: now, Records: res.Records, Skipped: res.Skipped}
		data, err := json.Marshal(si)
		if err != nil {
			return fmt.Errorf("encode source info: %w", err)
		}
		if err := tx.Bucket([]byte(bucketSources)).Put([]byte(src.Name), data); err != nil {
			return fmt.Errorf("write source info: %w", err)
		}
		if err := tx.Bucket([]byte(bucketMeta)).Put([]byte(keyLastImport), []byte(now.Format(time.RFC3339Nano))); err != nil {
			return fmt.Errorf("write import time: %w", err)
		}
		return nil
	})
	res.Duration = db.now().Sub(start)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", src.Name, err)
	}
	return res, nil
}

// Records adapts a slice to the sequence Import reads.
func Records(recs []*osv.Vulnerability) iter.Seq2[*osv.Vulnerability, error] {
	return func(yield func(*osv.Vulnerability, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// writer holds the buckets of one import transaction.
type writer struct {
	records, index, origin, sourceRecords *bolt.Bucket
}

// sourceIDs lists the ids src owns.
func (w *writer) sourceIDs(src string) ([]string, error) {
	prefix := []byte(src + sep)
	var ids []string
	c := w.sourceRecords.Cursor()
	for k, _ := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, _ = c.Next() {
		ids = append(ids, string(k[len(prefix):]))
	}
	return ids, nil
}

// put writes rec as src's, replacing any record with its id.
func (w *writer) put(src string, rec *osv.Vulnerability) error {
	id := rec.ID
	if err := w.unindex(id); err != nil {
		return err
	}
	if prev := w.origin.Get([]byte(id)); prev != nil && string(prev) != src {
		if err := w.sourceRecords.Delete([]byte(string(prev) + sep + id)); err != nil {
			return fmt.Errorf("move record %q: %w", id, err)
		}
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode record %q: %w", id, err)
	}
	if err := w.records.Put([]byte(id), data); err != nil {
		return fmt.Errorf("write record %q: %w", id, err)
	}
	for key, ecos := range indexEntries(rec) {
		if err := w.index.Put([]byte(key), []byte(strings.Join(ecos, "\n"))); err != nil {
			return fmt.Errorf("index record %q: %w", id, err)
		}
	}
	if err := w.origin.Put([]byte(id), []byte(src)); err != nil {
		return fmt.Errorf("write origin of %q: %w", id, err)
	}
	if err := w.sourceRecords.Put([]byte(src+sep+id), nil); err != nil {
		return fmt.Errorf("write source of %q: %w", id, err)
	}
	return nil
}

// remove deletes record id if src still owns it, and src's claim on it.
func (w *writer) remove(src, id string) (bool, error) {
	if err := w.sourceRecords.Delete([]byte(src + sep + id)); err != nil {
		return false, fmt.Errorf("delete record %q: %w", id, err)
	}
	if string(w.origin.Get([]byte(id))) != src {
		return false, nil
	}
	if err := w.unindex(id); err != nil {
		return false, err
	}
	if err := w.records.Delete([]byte(id)); err != nil {
		return false, fmt.Errorf("delete record %q: %w", id, err)
	}
	if err := w.origin.Delete([]byte(id)); err != nil {
		return false, fmt.Errorf("delete record %q: %w", id, err)
	}
	return true, nil
}

// unindex deletes the index entries of the stored record id, if any.
func (w *writer) unindex(id string) error {
	data := w.records.Get([]byte(id))
	if data == nil {
		return nil
	}
	var old osv.Vulnerability
	if err := json.Unmarshal(data, &old); err != nil {
		return fmt.Errorf("read stored record %q: %w", id, err)
	}
	for key := range indexEntries(&old) {
		if err := w.index.Delete([]byte(key)); err != nil {
			return fmt.Errorf("unindex record %q: %w", id, err)
		}
	}
	return nil
}

// indexEntries maps each index key of rec to the sorted, distinct
// ecosystems rec names for that package.
func indexEntries(rec *osv.Vulnerability) map[string][]string {
	sets := map[string]map[string]struct{}{}
	for _, a := range rec.Affected {
		p := a.Package
		if p.Ecosystem == "" || p.Name == "" {
			continue
		}
		key := indexPrefix(p.Ecosystem, p.Name) + rec.ID
		if sets[key] == nil {
			sets[key] = map[string]struct{}{}
		}
		sets[key][p.Ecosystem] = struct{}{}
	}
	out := make(map[string][]string, len(sets))
	for key, set := range sets {
		ecos := make([]string, 0, len(set))
		for e := range set {
			ecos = append(ecos, e)
		}
		sort.Strings(ecos)
		out[key] = ecos
	}
	return out
}
