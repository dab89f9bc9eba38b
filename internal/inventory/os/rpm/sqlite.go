package rpm

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// SQLite file format (https://www.sqlite.org/fileformat2.html), read-only
// and only as far as rpm's table needs: the schema table on page 1 names
// the root page of table "Packages" (hnum INTEGER PRIMARY KEY, blob BLOB),
// whose table b-tree is walked in rowid order.
const (
	sqliteHeaderSize   = 100
	sqliteMaxDepth     = 64 // real trees are a handful of levels deep
	sqliteInteriorPage = 5
	sqliteLeafPage     = 13
)

type sqliteDB struct {
	db       *dbFile
	pageSize int
	usable   int
	pages    uint32
	visited  []uint64 // bitset of b-tree pages seen, against cycles
	page     [][]byte // one buffer per tree level
	ovf      []byte
}

func readSQLite(ctx context.Context, db *dbFile, fn recordFunc) error {
	var h [sqliteHeaderSize]byte
	if err := db.readAt(h[:], 0, "SQLite header"); err != nil {
		return err
	}
	pageSize := int(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return db.errorf("SQLite page size %d is not a power of two in 512..65536", pageSize)
	}
	usable := pageSize - int(h[20])
	if usable < 480 {
		return db.errorf("SQLite usable page size %d is below 480", usable)
	}
	if enc := binary.BigEndian.Uint32(h[56:60]); enc != 1 {
		return db.errorf("SQLite text encoding %d is not UTF-8", enc)
	}
	npages := db.size / int64(pageSize)
	if npages > 1<<31 {
		npages = 1 << 31
	}
	s := &sqliteDB{
		db: db, pageSize: pageSize, usable: usable, pages: uint32(npages),
		visited: make([]uint64, npages/64+1),
		ovf:     make([]byte, pageSize),
	}
	root, err := s.findTable(ctx, "Packages")
	if err != nil {
		return err
	}
	s.visited = make([]uint64, npages/64+1)
	return s.walk(ctx, root, 0, func(rowid int64, payload []byte, recErr error) error {
		record := fmt.Sprintf("record %d", rowid)
		if recErr != nil {
			return fn(record, nil, recErr)
		}
		cols, err := s.columns(payload, 2)
		if err != nil {
			return fn(record, nil, s.db.errorf("%s: %v", record, err))
		}
		if cols[1].kind != colBlob {
			return fn(record, nil, s.db.errorf("%s: column blob is not a BLOB", record))
		}
		return fn(record, cols[1].raw, nil)
	})
}

// findTable returns the root page of table name from the schema table.
func (s *sqliteDB) findTable(ctx context.Context, name string) (uint32, error) {
	var root uint32
	err := s.walk(ctx, 1, 0, func(rowid int64, payload []byte, recErr error) error {
		if recErr != nil {
			return recErr
		}
		cols, err := s.columns(payload, 5)
		if err != nil {
			return s.db.errorf("SQLite schema row %d: %v", rowid, err)
		}
		if cols[0].text() != "table" || !strings.EqualFold(cols[1].text(), name) {
			return nil
		}
		if cols[3].kind != colInt || cols[3].i < 1 || cols[3].i > int64(s.pages) {
			return s.db.errorf("SQLite table %s: root page %d out of range 1..%d", name, cols[3].i, s.pages)
		}
		root = uint32(cols[3].i)
		return errFound
	})
	if errors.Is(err, errFound) {
		err = nil
	}
	if err != nil {
		return 0, err
	}
	if root == 0 {
		return 0, s.db.errorf("SQLite database has no table %q", name)
	}
	return root, nil
}

func (s *sqliteDB) markVisited(pgno uint32) bool {
	w, bit := pgno/64, uint64(1)<<(pgno%64)
	if s.visited[w]&bit != 0 {
		return false
	}
	s.visited[w] |= bit
	return true
}

func (s *sqliteDB) readPage(buf []byte, pgno uint32) error {
	if pgno < 1 || pgno > s.pages {
		return s.db.errorf("SQLite page %d out of range 1..%d", pgno, s.pages)
	}
	return s.db.readAt(buf, int64(pgno-1)*int64(s.pageSize), fmt.Sprintf("SQLite page %d", pgno))
}

var errFound = errors.New("found")

// leafFunc receives a row's rowid and payload, or the error that made the
// row unreadable (a payload over the size cap).
type leafFunc func(rowid int64, payload []byte, err error) error

// walk visits the table b-tree rooted at pgno, calling leaf for each row.
func (s *sqliteDB) walk(ctx context.Context, pgno uint32, depth int, leaf leafFunc) error {
	if depth >= sqliteMaxDepth {
		return s.db.errorf("SQLite b-tree deeper than %d levels at page %d", sqliteMaxDepth, pgno)
	}
	if pgno < 1 || pgno > s.pages {
		return s.db.errorf("SQLite page %d out of range 1..%d", pgno, s.pages)
	}
	if !s.markVisited(pgno) {
		return s.db.errorf("SQLite page %d is reached twice (corrupt b-tree)", pgno)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("parse %s: %w", s.db.path, err)
	}
	for len(s.page) <= depth {
		s.page = append(s.page, make([]byte, s.pageSize))
	}
	p := s.page[depth]
	if err := s.readPage(p, pgno); err != nil {
		return err
	}
	hdr := 0
	if pgno == 1 {
		hdr = sqliteHeaderSize
	}
	if hdr+12 > s.usable {
		return s.db.errorf("SQLite page %d too small for its header", pgno)
	}
	kind := p[hdr]
	ncells := int(binary.BigEndian.Uint16(p[hdr+3:]))
	hsize := 8
	if kind == sqliteInteriorPage {
		hsize = 12
	} else if kind != sqliteLeafPage {
		return s.db.errorf("SQLite page %d has type %d, want a table b-tree page", pgno, kind)
	}
	ptrs := hdr + hsize
	if ptrs+2*ncells > s.usable {
		return s.db.errorf("SQLite page %d: %d cells do not fit the page", pgno, ncells)
	}
	cell := func(i int) (int, error) {
		off := int(binary.BigEndian.Uint16(p[ptrs+2*i:]))
		if off < ptrs+2*ncells || off >= s.usable {
			return 0, s.db.errorf("SQLite page %d: cell %d at offset %d outside the cell area", pgno, i, off)
		}
		return off, nil
	}
	if kind == sqliteInteriorPage {
		for i := 0; i < ncells; i++ {
			off, err := cell(i)
			if err != nil {
				return err
			}
			if off+4 > s.usable {
				return s.db.errorf("SQLite page %d: cell %d truncated", pgno, i)
			}
			if err := s.walk(ctx, binary.BigEndian.Uint32(p[off:]), depth+1, leaf); err != nil {
				return err
			}
		}
		return s.walk(ctx, binary.BigEndian.Uint32(p[hdr+8:]), depth+1, leaf)
	}
	for i := 0; i < ncells; i++ {
		off, err := cell(i)
		if err != nil {
			return err
		}
		rowid, payload, recErr, err := s.leafCell(pgno, i, p[off:s.usable])
		if err != nil {
			return err
		}
		if err := leaf(rowid, payload, recErr); err != nil {
			return err
		}
	}
	return nil
}

// leafCell reads a table leaf cell: payload size, rowid, local payload and
// the first overflow page when the payload spills.
// A payload over the size cap is skipped and reported as recErr.
func (s *sqliteDB) leafCell(pgno uint32, i int, c []byte) (rowid int64, payload []byte, recErr, err error) {
	size, n := uvarint(c)
	if n == 0 {
		return 0, nil, nil, s.db.errorf("SQLite page %d: cell %d: truncated payload size", pgno, i)
	}
	c = c[n:]
	rid, n := uvarint(c)
	if n == 0 {
		return 0, nil, nil, s.db.errorf("SQLite page %d: cell %d: truncated rowid", pgno, i)
	}
	c = c[n:]
	// Record header and the hnum column add a few bytes to the blob.
	if size > uint64(s.db.maxBlob)+64 {
		return int64(rid), nil, s.db.blobTooLarge(fmt.Sprintf("record %d", int64(rid))), nil
	}
	u := s.usable
	maxLocal := u - 35
	local := int(size)
	if int(size) > maxLocal {
		minLocal := (u-12)*32/255 - 23
		k := minLocal + (int(size)-minLocal)%(u-4)
		local = minLocal
		if k <= maxLocal {
			local = k
		}
	}
	if local > len(c) || (local < int(size) && local+4 > len(c)) {
		return 0, nil, nil, s.db.errorf("SQLite page %d: cell %d overruns the page", pgno, i)
	}
	if int64(size)-int64(local) > s.db.size {
		return 0, nil, nil, s.db.errorf("SQLite record %d: payload of %d bytes is larger than the file", int64(rid), size)
	}
	out := make([]byte, 0, size)
	out = append(out, c[:local]...)
	next := uint32(0)
	if local < int(size) {
		next = binary.BigEndian.Uint32(c[local:])
	}
	for len(out) < int(size) {
		if next == 0 {
			return 0, nil, nil, s.db.errorf("SQLite record %d: overflow chain ends after %d of %d bytes", int64(rid), len(out), size)
		}
		if err := s.readPage(s.ovf, next); err != nil {
			return 0, nil, nil, err
		}
		take := min(int(size)-len(out), u-4)
		out = append(out, s.ovf[4:4+take]...)
		next = binary.BigEndian.Uint32(s.ovf[0:4])
	}
	return int64(rid), out, nil, nil
}

// Column kinds of a record.
const (
	colNull = iota
	colInt
	colFloat
	colBlob
	colText
)

type column struct {
	kind int
	i    int64
	raw  []byte
}

func (c column) text() string {
	if c.kind != colText {
		return ""
	}
	return string(c.raw)
}

// columns decodes the first n columns of a record; missing trailing
// columns are NULL.
func (s *sqliteDB) columns(rec []byte, n int) ([]column, error) {
	hlen, k := uvarint(rec)
	if k == 0 || hlen < uint64(k) || hlen > uint64(len(rec)) {
		return nil, fmt.Errorf("record header length %d invalid for a %d-byte record", hlen, len(rec))
	}
	types := rec[k:hlen]
	body := rec[hlen:]
	cols := make([]column, n)
	for i := 0; i < n && len(types) > 0; i++ {
		st, m := uvarint(types)
		if m == 0 {
			return nil, fmt.Errorf("column %d: truncated serial type", i)
		}
		types = types[m:]
		var size uint64
		switch {
		case st == 0 || st == 8 || st == 9:
			cols[i].kind = colInt
			if st == 0 {
				cols[i].kind = colNull
			}
			if st == 9 {
				cols[i].i = 1
			}
			continue
		case st >= 1 && st <= 6:
			size = []uint64{0, 1, 2, 3, 4, 6, 8}[st]
			cols[i].kind = colInt
		case st == 7:
			size = 8
			cols[i].kind = colFloat
		case st >= 12:
			size = (st - 12) / 2
			cols[i].kind = colBlob
			if st%2 == 1 {
				cols[i].kind = colText
			}
		default:
			return nil, fmt.Errorf("column %d: reserved serial type %d", i, st)
		}
		if size > uint64(len(body)) {
			return nil, fmt.Errorf("column %d: %d bytes overrun the record", i, size)
		}
		v := body[:size]
		body = body[size:]
		cols[i].raw = v
		if cols[i].kind == colInt {
			var x int64
			for j, b := range v {
				if j == 0 {
					x = int64(int8(b))
				} else {
					x = x<<8 | int64(b)
				}
			}
			cols[i].i = x
		}
	}
	return cols, nil
}

// uvarint decodes SQLite's big-endian varint (up to 9 bytes, the ninth
// contributing 8 bits). It returns n == 0 when b is too short.
func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < 9; i++ {
		if i >= len(b) {
			return 0, 0
		}
		if i == 8 {
			return v<<8 | uint64(b[i]), 9
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}
