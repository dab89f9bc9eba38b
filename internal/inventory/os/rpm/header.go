package rpm

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// Header tags read from a package header.
const (
	tagName      = 1000
	tagVersion   = 1001
	tagRelease   = 1002
	tagEpoch     = 1003
	tagLicense   = 1014
	tagSourceRPM = 1044
)

// Header entry types.
const (
	typeInt32       = 4
	typeString      = 6
	typeStringArray = 8
	typeI18NString  = 9
	typeMax         = 9
)

// Bounds rpm itself applies to an imported header (hdrchkTags, hdrchkData).
const (
	maxIndexEntries = 0xffff
	maxDataLength   = 0x0fffffff
	indexEntrySize  = 16
	headerPreamble  = 8 // index count and data length
)

// header is what the extractor keeps of one package header.
type header struct {
	Name      string
	Version   string
	Release   string
	Epoch     int32
	HasEpoch  bool
	License   string
	SourceRPM string
}

// parseHeader parses an rpm header blob as stored in the rpm database: a
// big-endian index entry count il and data length dl, il 16-byte entries
// {tag, type, offset, count}, then dl bytes of data. The blob must be
// exactly 8+16*il+dl bytes, as rpm requires. Only the tags the extractor
// uses are decoded; every entry is checked to lie inside the data store.
// It allocates nothing proportional to the counts in the blob.
func parseHeader(blob []byte) (header, error) {
	var h header
	if len(blob) < headerPreamble {
		return h, fmt.Errorf("header of %d bytes is shorter than its 8-byte preamble", len(blob))
	}
	il := binary.BigEndian.Uint32(blob[0:4])
	dl := binary.BigEndian.Uint32(blob[4:8])
	if il == 0 || il > maxIndexEntries {
		return h, fmt.Errorf("header index count %d out of range 1..%d", il, maxIndexEntries)
	}
	if dl > maxDataLength {
		return h, fmt.Errorf("header data length %d exceeds %d", dl, maxDataLength)
	}
	want := int64(headerPreamble) + int64(il)*indexEntrySize + int64(dl)
	if want != int64(len(blob)) {
		return h, fmt.Errorf("header size %d does not match 8 + 16 * %d entries + %d data bytes = %d", len(blob), il, dl, want)
	}
	index := blob[headerPreamble : headerPreamble+int(il)*indexEntrySize]
	data := blob[headerPreamble+int(il)*indexEntrySize:]
	seen := map[uint32]bool{}
	for i := 0; i < int(il); i++ {
		e := index[i*indexEntrySize : (i+1)*indexEntrySize]
		tag := binary.BigEndian.Uint32(e[0:4])
		typ := binary.BigEndian.Uint32(e[4:8])
		off := binary.BigEndian.Uint32(e[8:12])
		count := binary.BigEndian.Uint32(e[12:16])
		if typ > typeMax {
			return h, fmt.Errorf("header entry %d (tag %d): unknown type %d", i, tag, typ)
		}
		// Every non-NULL value takes at least one byte of the store (rpm's
		// hdrchkRange).
		if typ != 0 && (off >= dl || count == 0 || count > dl-off) {
			return h, fmt.Errorf("header entry %d (tag %d): offset %d and count %d outside the %d-byte data store", i, tag, off, count, dl)
		}
		switch tag {
		case tagName, tagVersion, tagRelease, tagEpoch, tagLicense, tagSourceRPM:
		default:
			continue
		}
		if seen[tag] {
			return h, fmt.Errorf("header entry %d: duplicate tag %d", i, tag)
		}
		seen[tag] = true
		if tag == tagEpoch {
			v, err := int32Value(data, typ, off, count)
			if err != nil {
				return h, fmt.Errorf("header entry %d (epoch): %w", i, err)
			}
			h.Epoch, h.HasEpoch = v, true
			continue
		}
		s, err := stringValue(data, typ, off)
		if err != nil {
			return h, fmt.Errorf("header entry %d (tag %d): %w", i, tag, err)
		}
		switch tag {
		case tagName:
			h.Name = s
		case tagVersion:
			h.Version = s
		case tagRelease:
			h.Release = s
		case tagLicense:
			h.License = s
		case tagSourceRPM:
			h.SourceRPM = s
		}
	}
	return h, nil
}

// stringValue returns the first NUL-terminated string of a STRING,
// STRING_ARRAY or I18NSTRING entry.
func stringValue(data []byte, typ, off uint32) (string, error) {
	switch typ {
	case typeString, typeStringArray, typeI18NString:
	default:
		return "", fmt.Errorf("type %d is not a string", typ)
	}
	rest := data[off:]
	end := bytes.IndexByte(rest, 0)
	if end < 0 {
		return "", fmt.Errorf("string at offset %d is not NUL-terminated inside the data store", off)
	}
	return string(rest[:end]), nil
}

// int32Value returns the first value of an INT32 entry.
func int32Value(data []byte, typ, off, count uint32) (int32, error) {
	if typ != typeInt32 {
		return 0, fmt.Errorf("type %d is not INT32", typ)
	}
	if off%4 != 0 {
		return 0, fmt.Errorf("INT32 at unaligned offset %d", off)
	}
	if int64(off)+4*int64(count) > int64(len(data)) {
		return 0, fmt.Errorf("%d INT32 values at offset %d overrun the %d-byte data store", count, off, len(data))
	}
	return int32(binary.BigEndian.Uint32(data[off : off+4])), nil
}
