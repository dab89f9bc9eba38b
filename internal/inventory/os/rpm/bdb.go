package rpm

import (
	"context"
	"encoding/binary"
	"fmt"
)

// BerkeleyDB hash database layout (db_page.h). All page fields are in the
// byte order of the host that wrote the file, told by the magic number.
const (
	bdbHashMagic   = 0x061561
	bdbMetaSize    = 72 // generic metadata header
	bdbPageHeader  = 26 // lsn, pgno, prev, next, entries, hf_offset, level, type
	bdbMinPageSize = 512
	bdbMaxPageSize = 64 << 10

	bdbPageHashUnsorted = 2
	bdbPageOverflow     = 7
	bdbPageHashMeta     = 8
	bdbPageHash         = 13

	bdbKeyData = 1 // H_KEYDATA: the item's bytes follow its type byte
	bdbOffPage = 3 // H_OFFPAGE: {type, 3 unused, pgno u32, tlen u32}
)

func isBerkeleyHash(magic []byte) bool {
	return binary.LittleEndian.Uint32(magic) == bdbHashMagic || binary.BigEndian.Uint32(magic) == bdbHashMagic
}

// readBerkeley reads every key/data pair of the hash database's bucket
// pages in page order; a data item is a header blob, inline or in a chain
// of overflow pages. The record with key 0 (rpm's header instance
// counter) is skipped.
func readBerkeley(ctx context.Context, db *dbFile, fn recordFunc) error {
	var meta [bdbMetaSize]byte
	if err := db.readAt(meta[:], 0, "BerkeleyDB metadata page"); err != nil {
		return err
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if binary.LittleEndian.Uint32(meta[12:16]) != bdbHashMagic {
		bo = binary.BigEndian
	}
	pageSize := bo.Uint32(meta[20:24])
	if pageSize < bdbMinPageSize || pageSize > bdbMaxPageSize || pageSize&(pageSize-1) != 0 {
		return db.errorf("BerkeleyDB page size %d is not a power of two in %d..%d", pageSize, bdbMinPageSize, bdbMaxPageSize)
	}
	if meta[24] != 0 {
		return db.errorf("BerkeleyDB database is encrypted (algorithm %d)", meta[24])
	}
	if meta[25] != bdbPageHashMeta {
		return db.errorf("BerkeleyDB page 0 has type %d, want hash metadata (%d)", meta[25], bdbPageHashMeta)
	}
	lastPage := int64(bo.Uint32(meta[32:36]))
	pages := min(lastPage+1, db.size/int64(pageSize))
	b := bdb{db: db, bo: bo, pageSize: int(pageSize), page: make([]byte, pageSize), ovf: make([]byte, pageSize)}
	for pgno := int64(1); pgno < pages; pgno++ {
		if (pgno-1)%256 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("parse %s: %w", db.path, err)
			}
		}
		if err := b.readPage(b.page, uint32(pgno)); err != nil {
			return err
		}
		if t := b.page[25]; t != bdbPageHash && t != bdbPageHashUnsorted {
			continue
		}
		if err := b.bucketPage(uint32(pgno), fn); err != nil {
			return err
		}
	}
	if pages < lastPage+1 {
		return db.errorf("BerkeleyDB metadata names %d pages, the file holds %d (truncated?)", lastPage+1, pages)
	}
	return nil
}

type bdb struct {
	db       *dbFile
	bo       binary.ByteOrder
	pageSize int
	page     []byte // the bucket page being read
	ovf      []byte // the overflow page being read
}

func (b *bdb) readPage(buf []byte, pgno uint32) error {
	return b.db.readAt(buf, int64(pgno)*int64(b.pageSize), fmt.Sprintf("BerkeleyDB page %d", pgno))
}

// bucketPage reads the key/data pairs of one hash page. Items are stored
// from the end of the page backwards; item i spans from its offset to the
// offset of item i-1 (or the page end).
func (b *bdb) bucketPage(pgno uint32, fn recordFunc) error {
	p := b.page
	entries := int(b.bo.Uint16(p[20:22]))
	if entries%2 != 0 || bdbPageHeader+2*entries > b.pageSize {
		return b.db.errorf("BerkeleyDB page %d: invalid entry count %d", pgno, entries)
	}
	item := func(i int) ([]byte, error) {
		start := int(b.bo.Uint16(p[bdbPageHeader+2*i:]))
		end := b.pageSize
		if i > 0 {
			end = int(b.bo.Uint16(p[bdbPageHeader+2*(i-1):]))
		}
		if start < bdbPageHeader+2*entries || start >= end || end > b.pageSize {
			return nil, b.db.errorf("BerkeleyDB page %d: item %d spans %d..%d outside the page's item area", pgno, i, start, end)
		}
		return p[start:end], nil
	}
	for i := 0; i < entries; i += 2 {
		key, err := item(i)
		if err != nil {
			return err
		}
		data, err := item(i + 1)
		if err != nil {
			return err
		}
		record := fmt.Sprintf("BerkeleyDB page %d item %d", pgno, i+1)
		if key[0] == bdbKeyData && len(key) == 5 {
			n := b.bo.Uint32(key[1:5])
			if n == 0 {
				continue // header instance counter, not a package
			}
			record = fmt.Sprintf("record %d (BerkeleyDB page %d)", n, pgno)
		}
		var blob []byte
		switch data[0] {
		case bdbKeyData:
			blob = data[1:]
			if int64(len(blob)) > b.db.maxBlob {
				if err := fn(record, nil, b.db.blobTooLarge(record)); err != nil {
					return err
				}
				continue
			}
		case bdbOffPage:
			if len(data) < 12 {
				return b.db.errorf("%s: off-page item of %d bytes, want 12", record, len(data))
			}
			tlen := b.bo.Uint32(data[8:12])
			if int64(tlen) > b.db.maxBlob {
				if err := fn(record, nil, b.db.blobTooLarge(record)); err != nil {
					return err
				}
				continue
			}
			blob, err = b.overflow(record, b.bo.Uint32(data[4:8]), tlen)
			if err != nil {
				return err
			}
		default:
			return b.db.errorf("%s: unsupported item type %d", record, data[0])
		}
		if err := fn(record, blob, nil); err != nil {
			return err
		}
	}
	return nil
}

// overflow reads a tlen-byte item from the chain of overflow pages
// starting at pgno. The chain is bounded by tlen: each page must carry
// data, so it ends after at most tlen pages.
func (b *bdb) overflow(record string, pgno, tlen uint32) ([]byte, error) {
	if int64(tlen) > b.db.size {
		return nil, b.db.errorf("%s: item of %d bytes is larger than the file", record, tlen)
	}
	out := make([]byte, 0, tlen)
	for uint32(len(out)) < tlen {
		if pgno == 0 {
			return nil, b.db.errorf("%s: overflow chain ends after %d of %d bytes", record, len(out), tlen)
		}
		if err := b.readPage(b.ovf, pgno); err != nil {
			return nil, err
		}
		if b.ovf[25] != bdbPageOverflow {
			return nil, b.db.errorf("%s: page %d in the overflow chain has type %d", record, pgno, b.ovf[25])
		}
		n := int(b.bo.Uint16(b.ovf[22:24])) // bytes on this page
		if n == 0 || bdbPageHeader+n > b.pageSize || len(out)+n > int(tlen) {
			return nil, b.db.errorf("%s: overflow page %d holds %d bytes, inconsistent with the item's %d", record, pgno, n, tlen)
		}
		out = append(out, b.ovf[bdbPageHeader:bdbPageHeader+n]...)
		pgno = b.bo.Uint32(b.ovf[16:20])
	}
	return out, nil
}
