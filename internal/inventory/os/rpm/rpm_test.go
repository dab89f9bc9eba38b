package rpm

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newExtractor(t testing.TB, cfg Config) *Extractor {
	t.Helper()
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func input(path string, data []byte) extract.Input {
	return extract.Input{Path: path, Reader: bytes.NewReader(data), Size: int64(len(data)), Mode: 0o644}
}

// headerBlobs returns the fixture header blobs in record order.
func headerBlobs() [][]byte {
	var out [][]byte
	for _, f := range fixtures() {
		out = append(out, f.blob())
	}
	return out
}

// buildNDB writes an ndb Packages.db holding blobs as packages 1..n, with
// a free slot first to show free slots are skipped.
func buildNDB(blobs [][]byte) []byte {
	le := binary.LittleEndian
	slotPages := 1
	file := make([]byte, slotPages*ndbPageSize)
	copy(file, "RpmP")
	le.PutUint32(file[4:], 0)
	le.PutUint32(file[8:], 7) // generation
	le.PutUint32(file[12:], uint32(slotPages))
	le.PutUint32(file[16:], uint32(len(blobs)+1))
	for o := ndbHeaderSize; o < ndbPageSize; o += ndbSlotSize {
		copy(file[o:], "Slot")
	}
	for i, blob := range blobs {
		idx := uint32(i + 1)
		off := len(file) / ndbBlockSize
		cnt := (ndbBlobHead + len(blob) + ndbBlobTail + ndbBlockSize - 1) / ndbBlockSize
		b := make([]byte, cnt*ndbBlockSize)
		copy(b, "BlbS")
		le.PutUint32(b[4:], idx)
		le.PutUint32(b[8:], 1700000000)
		le.PutUint32(b[12:], uint32(len(blob)))
		copy(b[ndbBlobHead:], blob)
		tail := b[len(b)-ndbBlobTail:]
		le.PutUint32(tail[0:], adler32.Checksum(b[:len(b)-ndbBlobTail]))
		le.PutUint32(tail[4:], uint32(len(blob)))
		copy(tail[8:], "BlbE")
		file = append(file, b...)
		slot := ndbHeaderSize + (i+1)*ndbSlotSize // slot 2 stays free
		le.PutUint32(file[slot+4:], idx)
		le.PutUint32(file[slot+8:], uint32(off))
		le.PutUint32(file[slot+12:], uint32(cnt))
	}
	return file
}

func pkg(name, version, srcName, srcVersion, license, location string) inventory.Package {
	p := inventory.Package{
		Name: name, Version: version, Ecosystem: inventory.RedHat, Location: location,
		Extractor: ID, SourceName: srcName, SourceVersion: srcVersion,
	}
	if license != "" {
		p.Licenses = []string{license}
	}
	return p
}

func wantFixturePackages(location string) []inventory.Package {
	want := []inventory.Package{
		pkg("bash", "4.2.46-34.el7", "bash", "4.2.46-34.el7", "GPLv3+", location),
		pkg("openssl-libs", "1:1.0.2k-26.el7_9", "openssl", "1:1.0.2k-26.el7_9", "OpenSSL", location),
		pkg("glibc", "2.17-326.el7_9", "glibc", "2.17-326.el7_9", "LGPLv2+ and LGPLv2+ with exceptions and GPLv2+", location),
		pkg("kernel", "3.10.0-1160.el7", "kernel", "3.10.0-1160.el7", "GPLv2", location),
		pkg("tzdata", "2024a-1.el7", "tzdata", "2024a-1.el7", "Public Domain", location),
		pkg("python3-libs", "3.6.8-21.el7_9", "python3", "3.6.8-21.el7_9", "Python", location),
	}
	for i := range 32 {
		want = append(want, pkg(fmt.Sprintf("filler%d", i), fmt.Sprintf("1.0-%d.el7", i), fmt.Sprintf("filler%d", i), fmt.Sprintf("1.0-%d.el7", i), "MIT", location))
	}
	return want
}

func TestRequired(t *testing.T) {
	e := newExtractor(t, Config{})
	tests := []struct {
		path string
		mode fs.FileMode
		want bool
	}{
		{BerkeleyPath, 0o644, true},
		{SQLitePath, 0o644, true},
		{SysimageSQLite, 0o644, true},
		{SysimageNDBPath, 0o644, true},
		{NDBPath, 0o644, true},
		{"var/lib/rpm/Name", 0o644, false},
		{"var/lib/rpm/rpmdb.sqlite-wal", 0o644, false},
		{"x/var/lib/rpm/Packages", 0o644, false},
		{BerkeleyPath, fs.ModeSymlink, false},
	}
	for _, tt := range tests {
		if got := e.Required(tt.path, 100, tt.mode); got != tt.want {
			t.Errorf("Required(%q, %v) = %v, want %v", tt.path, tt.mode, got, tt.want)
		}
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		path string
		data []byte
	}{
		{name: "berkeleydb", path: BerkeleyPath, data: readTestdata(t, "Packages")},
		{name: "berkeleydb_big_endian", path: BerkeleyPath, data: readTestdata(t, "Packages.be")},
		{name: "sqlite", path: SysimageSQLite, data: readTestdata(t, "rpmdb.sqlite")},
		{name: "ndb", path: SysimageNDBPath, data: buildNDB(headerBlobs())},
	}
	e := newExtractor(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(tt.path, tt.data))
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			want := wantFixturePackages(tt.path)
			// BerkeleyDB returns records in hash order: compare as sets.
			inv := inventory.Inventory{Packages: got}
			inv.Sort()
			wantInv := inventory.Inventory{Packages: want}
			wantInv.Sort()
			if diff := cmp.Diff(wantInv.Packages, inv.Packages); diff != "" {
				t.Errorf("Extract (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFixturesAreRealistic proves the fixtures exercise the paths they
// are meant to: overflow pages in both files and interior b-tree pages.
func TestFixturesAreRealistic(t *testing.T) {
	bdb := readTestdata(t, "Packages")
	types := map[byte]int{}
	for off := 512; off+512 <= len(bdb); off += 512 {
		types[bdb[off+25]]++
	}
	if types[bdbPageOverflow] == 0 || types[bdbPageHash] == 0 {
		t.Errorf("BerkeleyDB fixture page types %v: want hash and overflow pages", types)
	}
	sq := readTestdata(t, "rpmdb.sqlite")
	kinds := map[byte]int{}
	for off := 512; off+512 <= len(sq); off += 512 {
		kinds[sq[off]]++
	}
	if kinds[sqliteInteriorPage] == 0 || kinds[sqliteLeafPage] < 2 {
		t.Errorf("SQLite fixture page kinds %v: want interior and leaf table pages", kinds)
	}
}

func asParseError(t *testing.T, err error) *limits.ParseError {
	t.Helper()
	var pe *limits.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *limits.ParseError", err, err)
	}
	return pe
}

func asLimitError(t *testing.T, err error) *limits.LimitError {
	t.Helper()
	var le *limits.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T) is not a *limits.LimitError", err, err)
	}
	return le
}

func TestExtractErrors(t *testing.T) {
	bdb := readTestdata(t, "Packages")
	sq := readTestdata(t, "rpmdb.sqlite")
	blobs := headerBlobs()
	ndb := buildNDB(blobs)
	mutate := func(b []byte, f func([]byte)) []byte {
		c := append([]byte(nil), b...)
		f(c)
		return c
	}
	// A bad header in the ndb database: package 1 loses its NUL bytes.
	badBlobs := append([][]byte{bytes.ReplaceAll(blobs[0], []byte{0}, []byte{1})}, blobs[1:]...)
	tests := []struct {
		name      string
		path      string
		data      []byte
		cfg       Config
		wantCount int // packages returned with the error
		wantParse string
		wantLimit *limits.LimitError
	}{
		{name: "not_a_database", path: BerkeleyPath, data: []byte("hello, this is not an rpm database"), wantParse: "not an rpm database: unknown magic 68 65 6c 6c 6f 2c 20 74 68 69 73 20 69 73 20 6e"},
		{name: "too_short", path: BerkeleyPath, data: []byte("abc"), wantParse: "file of 3 bytes is too short for an rpm database"},
		{name: "bdb_truncated", path: BerkeleyPath, data: bdb[:len(bdb)/2], wantCount: -1, wantParse: "beyond the end"},
		{name: "bdb_bad_page_size", path: BerkeleyPath, data: mutate(bdb, func(b []byte) { binary.LittleEndian.PutUint32(b[20:], 1000) }), wantParse: "BerkeleyDB page size 1000 is not a power of two in 512..65536"},
		{name: "bdb_encrypted", path: BerkeleyPath, data: mutate(bdb, func(b []byte) { b[24] = 1 }), wantParse: "BerkeleyDB database is encrypted (algorithm 1)"},
		{name: "bdb_bad_item_offset", path: BerkeleyPath, data: mutate(bdb, func(b []byte) { binary.LittleEndian.PutUint16(b[512+26:], 5) }), wantParse: "BerkeleyDB page 1: item 0 spans 5..512 outside the page's item area"},
		{name: "sqlite_truncated", path: SQLitePath, data: sq[:len(sq)/2], wantCount: -1, wantParse: "out of range 1..25"},
		{name: "sqlite_bad_page_type", path: SQLitePath, data: mutate(sq, func(b []byte) { b[100] = 2 }), wantParse: "SQLite page 1 has type 2, want a table b-tree page"},
		{name: "sqlite_cycle", path: SQLitePath, data: mutate(sq, func(b []byte) { binary.BigEndian.PutUint32(b[512+8:], 2) }), wantCount: -1, wantParse: "SQLite page 2 is reached twice (corrupt b-tree)"},
		{name: "sqlite_root_out_of_range", path: SQLitePath, data: mutate(sq, func(b []byte) { b[bytes.Index(b, []byte("CREATE TABLE 'Packages'"))-1] = 100 }), wantParse: "SQLite table Packages: root page 100 out of range 1..50"},
		{name: "bdb_overflow_cycle", path: BerkeleyPath, data: mutate(bdb, func(b []byte) { binary.LittleEndian.PutUint32(b[9*512+16:], 8) }), wantCount: -1, wantParse: "overflow page 8 holds 486 bytes, inconsistent with the item's 3274"},
		{name: "bdb_chain_into_bucket_page", path: BerkeleyPath, data: mutate(bdb, func(b []byte) { binary.LittleEndian.PutUint32(b[9*512+16:], 1) }), wantCount: -1, wantParse: "page 1 in the overflow chain has type 13"},
		{name: "sqlite_utf16", path: SQLitePath, data: mutate(sq, func(b []byte) { binary.BigEndian.PutUint32(b[56:], 2) }), wantParse: "SQLite text encoding 2 is not UTF-8"},
		{name: "ndb_bad_slot_magic", path: NDBPath, data: mutate(ndb, func(b []byte) { copy(b[48:], "Xlot") }), wantParse: "ndb slot 3: bad magic 58 6c 6f 74"},
		{name: "ndb_slot_beyond_file", path: NDBPath, data: mutate(ndb, func(b []byte) { binary.LittleEndian.PutUint32(b[48+12:], 1<<30) }), wantParse: "blocks 256+1073741824 outside the blob area"},
		{name: "ndb_huge_slot_pages", path: NDBPath, data: mutate(ndb, func(b []byte) { binary.LittleEndian.PutUint32(b[12:], 0xffffffff) }), wantParse: "ndb slot page count 4294967295 out of range"},
		{name: "ndb_bad_checksum", path: NDBPath, data: mutate(ndb, func(b []byte) { b[ndbPageSize+ndbBlobHead+3] ^= 0xff }), wantCount: 37, wantParse: "record 1: blob checksum"},
		{name: "ndb_bad_header", path: NDBPath, data: buildNDB(badBlobs), wantCount: 37, wantParse: "record 1: header index count"},
		{name: "header_over_cap_bdb", path: BerkeleyPath, data: bdb, cfg: Config{MaxHeaderSize: 1000}, wantCount: 37, wantLimit: &limits.LimitError{What: BerkeleyPath + ": record 6 (BerkeleyDB page ", Limit: 1000}},
		{name: "header_over_cap_sqlite", path: SQLitePath, data: sq, cfg: Config{MaxHeaderSize: 1000}, wantCount: 37, wantLimit: &limits.LimitError{What: SQLitePath + ": record 6: header size", Limit: 1000}},
		{name: "header_over_cap_ndb", path: NDBPath, data: ndb, cfg: Config{MaxHeaderSize: 1000}, wantCount: 37, wantLimit: &limits.LimitError{What: NDBPath + ": record 6: header size", Limit: 1000}},
		{name: "bdb_shared_overflow_chain", path: BerkeleyPath, data: mutate(bdb, func(b []byte) {
			// Every off-page item of the bucket pages names kernel's chain.
			for _, pg := range []int{1, 2} {
				p := b[pg*512 : (pg+1)*512]
				for i := range int(binary.LittleEndian.Uint16(p[20:])) {
					if off := int(binary.LittleEndian.Uint16(p[26+2*i:])); p[off] == bdbOffPage {
						copy(p[off+4:], offPage(8, 3274))
					}
				}
			}
		}), wantCount: -1, wantLimit: &limits.LimitError{What: BerkeleyPath + ": bytes read (pages shared or looping: corrupt database)", Limit: 3*int64(len(bdb)) + 4096}},
		{name: "too_many_bad_headers", path: NDBPath, data: buildNDB(slices.Repeat(badBlobs[:1], 12)), wantCount: 0, wantLimit: &limits.LimitError{What: NDBPath + ": unreadable package headers", Limit: maxRecordErrors}},
		{name: "too_many_packages", path: SQLitePath, data: sq, cfg: Config{MaxPackages: 3}, wantCount: 3, wantLimit: &limits.LimitError{What: SQLitePath + ": packages", Limit: 3}},
		{name: "file_over_cap", path: SQLitePath, data: sq, cfg: Config{MaxFileSize: 4096}, wantCount: -1, wantLimit: &limits.LimitError{What: SQLitePath + ": file size", Limit: 4096}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := newExtractor(t, tt.cfg).Extract(context.Background(), input(tt.path, tt.data))
			if err == nil {
				t.Fatalf("Extract succeeded with %d packages", len(got))
			}
			if tt.wantCount >= 0 && len(got) != tt.wantCount {
				t.Errorf("got %d packages with the error, want %d", len(got), tt.wantCount)
			}
			if tt.wantParse != "" {
				pe := asParseError(t, err)
				if pe.Path != tt.path || !strings.Contains(pe.Msg, tt.wantParse) {
					t.Errorf("ParseError %q (path %q), want path %q and message containing %q", pe.Msg, pe.Path, tt.path, tt.wantParse)
				}
			}
			if tt.wantLimit != nil {
				le := asLimitError(t, err)
				if le.Limit != tt.wantLimit.Limit || !strings.HasPrefix(le.What, tt.wantLimit.What) {
					t.Errorf("LimitError %+v, want %+v", le, tt.wantLimit)
				}
			}
		})
	}
}

// offPage is the pgno and tlen fields of a BerkeleyDB off-page item.
func offPage(pgno, tlen uint32) []byte {
	return binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, pgno), tlen)
}

// TestHostileBounded builds files whose length fields claim huge sizes
// and asserts typed errors without allocating anything near the claim.
func TestHostileBounded(t *testing.T) {
	bdb := readTestdata(t, "Packages")
	sq := readTestdata(t, "rpmdb.sqlite")
	ndb := buildNDB(headerBlobs())
	mutate := func(b []byte, f func([]byte)) []byte {
		c := append([]byte(nil), b...)
		f(c)
		return c
	}
	// Offset of the first Packages cell in SQLite: find a leaf page of the
	// table and claim a 2^40-byte payload in its first cell.
	sqHuge := mutate(sq, func(b []byte) {
		filler := bytes.Index(b, []byte("filler5\x00"))
		for off := 512; off+512 <= len(b); off += 512 {
			if b[off] == sqliteLeafPage && filler > off && filler < off+512 {
				cell := off + int(binary.BigEndian.Uint16(b[off+8:]))
				copy(b[cell:], []byte{0xa0, 0x80, 0x80, 0x80, 0x80, 0x00}) // varint 2^40
				return
			}
		}
		t.Fatal("no leaf page in the SQLite fixture")
	})
	tests := []struct {
		name string
		path string
		data []byte
	}{
		// kernel's off-page item claims 4 GiB.
		{name: "bdb_huge_item", path: BerkeleyPath, data: bytes.Replace(bdb, offPage(8, 3274), offPage(8, 0xffffffff), 1)},
		// The same, under the header cap but far larger than the file.
		{name: "bdb_item_larger_than_file", path: BerkeleyPath, data: bytes.Replace(bdb, offPage(8, 3274), offPage(8, 30<<20), 1)},
		{name: "bdb_huge_last_page", path: BerkeleyPath, data: mutate(bdb, func(b []byte) { binary.LittleEndian.PutUint32(b[32:], 0xffffffff) })},
		{name: "sqlite_huge_payload", path: SQLitePath, data: sqHuge},
		{name: "ndb_huge_blob", path: NDBPath, data: mutate(ndb, func(b []byte) { binary.LittleEndian.PutUint32(b[48+12:], 0x7fffffff) })},
		{name: "ndb_huge_blob_length", path: NDBPath, data: mutate(ndb, func(b []byte) { binary.LittleEndian.PutUint32(b[ndbPageSize+12:], 0xffffffff) })},
		{name: "header_huge_counts", path: NDBPath, data: buildNDB([][]byte{mutate(headerBlobs()[0], func(b []byte) { binary.BigEndian.PutUint32(b[8+16+12:], 0xffffffff) })})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if bytes.Equal(tt.data, bdb) || bytes.Equal(tt.data, sq) || bytes.Equal(tt.data, ndb) {
				t.Fatal("fixture not modified")
			}
			e := newExtractor(t, Config{})
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := e.Extract(context.Background(), input(tt.path, tt.data))
			runtime.ReadMemStats(&after)
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("error %v (%T) is neither a ParseError nor a LimitError", err, err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
				t.Errorf("allocated %d bytes for a %d-byte file", alloc, len(tt.data))
			}
		})
	}
}

func TestNewRejectsNegativeLimits(t *testing.T) {
	for _, cfg := range []Config{{MaxFileSize: -1}, {MaxHeaderSize: -1}, {MaxPackages: -1}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}

func TestExtractCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, name := range []string{"Packages", "rpmdb.sqlite"} {
		_, err := newExtractor(t, Config{}).Extract(ctx, input(BerkeleyPath, readTestdata(t, name)))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: error = %v, want context.Canceled", name, err)
		}
	}
}

// FuzzExtract feeds database files of the three formats to the extractor
// and asserts no panic, typed errors for malformed input and a package
// count bounded by the file size.
func FuzzExtract(f *testing.F) {
	f.Add(readTestdata(f, "Packages"))
	f.Add(readTestdata(f, "Packages.be"))
	f.Add(readTestdata(f, "rpmdb.sqlite"))
	f.Add(buildNDB(headerBlobs()[:3]))
	e := newExtractor(f, Config{MaxHeaderSize: 1 << 20})
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := e.Extract(context.Background(), input(BerkeleyPath, data))
		if len(pkgs) > len(data)/24 {
			t.Fatalf("%d packages from %d bytes", len(pkgs), len(data))
		}
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("error %v (%T) is neither a ParseError nor a LimitError", err, err)
			}
		}
	})
}
