package rpm

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/adler32"
)

// ndb "Packages.db" layout (rpm lib/backend/ndb/rpmpkg.c), little-endian:
// a 32-byte header {"RpmP", version 0, generation, slot page count, next
// index}; slot pages of 4096 bytes holding 16-byte slots {"Slot", package
// index, block offset, block count} (the header takes the first two slots
// of page 0; block offset 0 marks a free slot); blobs at block offset *
// 16: {"BlbS", package index, timestamp, length}, the header blob, zero
// padding to a 16-byte block, {adler32, length, "BlbE"}, where the adler32
// covers the blob head, the blob and the padding.
const (
	ndbHeaderSize  = 32
	ndbSlotSize    = 16
	ndbBlockSize   = 16
	ndbPageSize    = 4096
	ndbBlobHead    = 16
	ndbBlobTail    = 12
	ndbVersion     = 0
	ndbMaxSlotPage = 1 << 20
)

var (
	ndbSlotMagic     = []byte("Slot")
	ndbBlobHeadMagic = []byte("BlbS")
	ndbBlobTailMagic = []byte("BlbE")
)

func readNDB(ctx context.Context, db *dbFile, fn recordFunc) error {
	var h [ndbHeaderSize]byte
	if err := db.readAt(h[:], 0, "ndb header"); err != nil {
		return err
	}
	le := binary.LittleEndian
	if v := le.Uint32(h[4:8]); v != ndbVersion {
		return db.errorf("ndb version %d, want %d", v, ndbVersion)
	}
	slotPages := int64(le.Uint32(h[12:16]))
	if slotPages == 0 || slotPages > ndbMaxSlotPage || slotPages*ndbPageSize > db.size {
		return db.errorf("ndb slot page count %d out of range for a %d-byte file", slotPages, db.size)
	}
	minBlock := uint64(slotPages) * ndbPageSize / ndbBlockSize
	fileBlocks := uint64(db.size) / ndbBlockSize
	page := make([]byte, ndbPageSize)
	for pg := int64(0); pg < slotPages; pg++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("parse %s: %w", db.path, err)
		}
		if err := db.readAt(page, pg*ndbPageSize, fmt.Sprintf("ndb slot page %d", pg)); err != nil {
			return err
		}
		start := 0
		if pg == 0 {
			start = ndbHeaderSize
		}
		for o := start; o < ndbPageSize; o += ndbSlotSize {
			slot := page[o : o+ndbSlotSize]
			slotNo := (pg*ndbPageSize + int64(o)) / ndbSlotSize
			if string(slot[:4]) != string(ndbSlotMagic) {
				return db.errorf("ndb slot %d: bad magic % x", slotNo, slot[:4])
			}
			idx, off, cnt := le.Uint32(slot[4:8]), uint64(le.Uint32(slot[8:12])), uint64(le.Uint32(slot[12:16]))
			if off == 0 {
				continue // free slot
			}
			record := fmt.Sprintf("record %d", idx)
			if idx == 0 || cnt == 0 || off < minBlock || off+cnt > fileBlocks {
				return db.errorf("ndb slot %d (%s): blocks %d+%d outside the blob area %d..%d", slotNo, record, off, cnt, minBlock, fileBlocks)
			}
			if int64(cnt*ndbBlockSize) > db.maxBlob+ndbBlobHead+ndbBlobTail+ndbBlockSize {
				if err := fn(record, nil, db.blobTooLarge(record)); err != nil {
					return err
				}
				continue
			}
			blob, err := readNDBBlob(db, idx, off, cnt)
			if err != nil {
				// A damaged blob leaves the slots and other blobs intact.
				if err := fn(record, nil, db.errorf("%s: %v", record, err)); err != nil {
					return err
				}
				continue
			}
			if err := fn(record, blob, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// readNDBBlob reads and verifies the blob of package idx in blocks
// off..off+cnt, which the caller has checked lie inside the file.
func readNDBBlob(db *dbFile, idx uint32, off, cnt uint64) ([]byte, error) {
	le := binary.LittleEndian
	buf := make([]byte, cnt*ndbBlockSize)
	if err := db.readAt(buf, int64(off*ndbBlockSize), "ndb blob"); err != nil {
		return nil, err
	}
	if len(buf) < ndbBlobHead+ndbBlobTail {
		return nil, fmt.Errorf("blob of %d blocks is too short", cnt)
	}
	if string(buf[:4]) != string(ndbBlobHeadMagic) {
		return nil, fmt.Errorf("bad blob magic % x", buf[:4])
	}
	if got := le.Uint32(buf[4:8]); got != idx {
		return nil, fmt.Errorf("blob belongs to package %d", got)
	}
	n := uint64(le.Uint32(buf[12:16]))
	if want := (ndbBlobHead + n + ndbBlobTail + ndbBlockSize - 1) / ndbBlockSize; want != cnt {
		return nil, fmt.Errorf("blob length %d needs %d blocks, slot has %d", n, want, cnt)
	}
	tail := buf[len(buf)-ndbBlobTail:]
	if got := le.Uint32(tail[4:8]); uint64(got) != n {
		return nil, fmt.Errorf("blob tail length %d differs from head length %d", got, n)
	}
	if string(tail[8:12]) != string(ndbBlobTailMagic) {
		return nil, fmt.Errorf("bad blob tail magic % x", tail[8:12])
	}
	if sum, want := adler32.Checksum(buf[:len(buf)-ndbBlobTail]), le.Uint32(tail[0:4]); sum != want {
		return nil, fmt.Errorf("blob checksum %#08x, want %#08x", sum, want)
	}
	return buf[ndbBlobHead : ndbBlobHead+n], nil
}
