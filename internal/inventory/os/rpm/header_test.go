package rpm

import (
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/headers from the test encoder")

// entry is one header entry for the test encoder: value is a string
// (STRING, or the type given), []string (STRING_ARRAY) or int32 (INT32).
type entry struct {
	tag   uint32
	typ   uint32 // 0: from the value
	value any
}

// encodeHeader writes an rpm header blob as the database stores it:
// il, dl, the index and the data store, with the immutable region entry
// (tag 63) first and its 16-byte trailer at the end of the data, as rpm
// writes installed headers.
func encodeHeader(entries []entry) []byte {
	type idx struct{ tag, typ, off, count uint32 }
	var data []byte
	var index []idx
	for _, e := range entries {
		switch v := e.value.(type) {
		case string:
			typ := e.typ
			if typ == 0 {
				typ = typeString
			}
			index = append(index, idx{e.tag, typ, uint32(len(data)), 1})
			data = append(append(data, v...), 0)
		case []string:
			index = append(index, idx{e.tag, typeStringArray, uint32(len(data)), uint32(len(v))})
			for _, s := range v {
				data = append(append(data, s...), 0)
			}
		case int32:
			for len(data)%4 != 0 {
				data = append(data, 0)
			}
			index = append(index, idx{e.tag, typeInt32, uint32(len(data)), 1})
			data = binary.BigEndian.AppendUint32(data, uint32(v))
		default:
			panic(fmt.Sprintf("encodeHeader: unsupported value %T", v))
		}
	}
	// Region trailer: tag 63, type BIN, offset -(il*16), count 16.
	il := len(index) + 1
	trailerOff := uint32(len(data))
	data = binary.BigEndian.AppendUint32(data, 63)
	data = binary.BigEndian.AppendUint32(data, 7)
	data = binary.BigEndian.AppendUint32(data, uint32(-int32(il*16)))
	data = binary.BigEndian.AppendUint32(data, 16)
	index = append([]idx{{63, 7, trailerOff, 16}}, index...)
	sort.SliceStable(index[1:], func(i, j int) bool { return index[1+i].tag < index[1+j].tag })
	out := binary.BigEndian.AppendUint32(nil, uint32(il))
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	for _, e := range index {
		out = binary.BigEndian.AppendUint32(out, e.tag)
		out = binary.BigEndian.AppendUint32(out, e.typ)
		out = binary.BigEndian.AppendUint32(out, e.off)
		out = binary.BigEndian.AppendUint32(out, e.count)
	}
	return append(out, data...)
}

// fixture is one package of the test databases.
type fixture struct {
	file                                 string
	name, version, release, license, src string
	epoch                                *int32
	filler                               int // bytes of description, to make the header large
}

func int32p(v int32) *int32 { return &v }

func (f fixture) blob() []byte {
	es := []entry{
		{tag: tagName, value: f.name},
		{tag: tagVersion, value: f.version},
		{tag: tagRelease, value: f.release},
		{tag: 1004, typ: typeI18NString, value: "summary of " + f.name},
		{tag: 1022, value: "x86_64"},
		{tag: 1117, value: []string{"a", "b"}}, // BASENAMES
	}
	if f.license != "" {
		es = append(es, entry{tag: tagLicense, value: f.license})
	}
	if f.src != "" {
		es = append(es, entry{tag: tagSourceRPM, value: f.src})
	}
	if f.epoch != nil {
		es = append(es, entry{tag: tagEpoch, value: *f.epoch})
	}
	if f.filler > 0 {
		es = append(es, entry{tag: 1005, typ: typeI18NString, value: strings.Repeat("description ", f.filler/12+1)[:f.filler]})
	}
	return encodeHeader(es)
}

// fixtures are the packages of testdata/Packages and testdata/rpmdb.sqlite,
// in record order.
func fixtures() []fixture {
	fs := []fixture{
		{file: "01-bash", name: "bash", version: "4.2.46", release: "34.el7", license: "GPLv3+", src: "bash-4.2.46-34.el7.src.rpm"},
		{file: "02-openssl-libs", name: "openssl-libs", version: "1.0.2k", release: "26.el7_9", license: "OpenSSL", src: "openssl-1.0.2k-26.el7_9.src.rpm", epoch: int32p(1)},
		{file: "03-gpg-pubkey", name: "gpg-pubkey", version: "f4a80eb5", release: "53a7ff4b", license: "pubkey"},
		{file: "04-glibc", name: "glibc", version: "2.17", release: "326.el7_9", license: "LGPLv2+ and LGPLv2+ with exceptions and GPLv2+", src: "glibc-2.17-326.el7_9.src.rpm"},
		// The same package again (another architecture): reported once.
		{file: "05-glibc", name: "glibc", version: "2.17", release: "326.el7_9", license: "LGPLv2+ and LGPLv2+ with exceptions and GPLv2+", src: "glibc-2.17-326.el7_9.src.rpm"},
		// A large header: overflow pages in both databases.
		{file: "06-kernel", name: "kernel", version: "3.10.0", release: "1160.el7", license: "GPLv2", src: "kernel-3.10.0-1160.el7.src.rpm", filler: 3000},
		// An explicit epoch 0 is left off the version.
		{file: "07-tzdata", name: "tzdata", version: "2024a", release: "1.el7", license: "Public Domain", src: "tzdata-2024a-1.el7.src.rpm", epoch: int32p(0)},
		{file: "08-python-libs", name: "python3-libs", version: "3.6.8", release: "21.el7_9", license: "Python", src: "python3-3.6.8-21.el7_9.src.rpm"},
	}
	for i := range 32 {
		fs = append(fs, fixture{
			file: fmt.Sprintf("%02d-filler%d", 9+i, i), name: fmt.Sprintf("filler%d", i), version: "1.0",
			release: fmt.Sprintf("%d.el7", i), license: "MIT", src: fmt.Sprintf("filler%d-1.0-%d.el7.src.rpm", i, i),
		})
	}
	return fs
}

// TestWriteHeaders keeps testdata/headers in sync with the encoder; run
// with -update, then testdata/mkdb.sh to rebuild the databases.
func TestWriteHeaders(t *testing.T) {
	dir := filepath.Join("testdata", "headers")
	for _, f := range fixtures() {
		p := filepath.Join(dir, f.file+".hdr")
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.blob(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test -run TestWriteHeaders -update)", err)
		}
		if string(got) != string(f.blob()) {
			t.Errorf("%s differs from the encoder's output (run go test -run TestWriteHeaders -update)", p)
		}
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name string
		blob []byte
		want header
	}{
		{
			name: "all_fields",
			blob: fixtures()[1].blob(),
			want: header{Name: "openssl-libs", Version: "1.0.2k", Release: "26.el7_9", Epoch: 1, HasEpoch: true, License: "OpenSSL", SourceRPM: "openssl-1.0.2k-26.el7_9.src.rpm"},
		},
		{
			name: "no_epoch_no_source",
			blob: encodeHeader([]entry{{tag: tagName, value: "x"}, {tag: tagVersion, value: "1"}, {tag: tagRelease, value: "2"}}),
			want: header{Name: "x", Version: "1", Release: "2"},
		},
		{
			name: "i18n_license",
			blob: encodeHeader([]entry{{tag: tagName, value: "x"}, {tag: tagLicense, typ: typeI18NString, value: "MIT"}}),
			want: header{Name: "x", License: "MIT"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHeader(tt.blob)
			if err != nil {
				t.Fatalf("parseHeader: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseHeader (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseHeaderErrors(t *testing.T) {
	good := fixtures()[0].blob()
	patch := func(off int, v uint32) []byte {
		b := append([]byte(nil), good...)
		binary.BigEndian.PutUint32(b[off:], v)
		return b
	}
	il := int(binary.BigEndian.Uint32(good))
	dl := int(binary.BigEndian.Uint32(good[4:]))
	// Entry 1 is the first real entry (NAME) after the region entry.
	entry1 := 8 + 16
	tests := []struct {
		name string
		blob []byte
		want string
	}{
		{name: "empty", blob: nil, want: "header of 0 bytes is shorter than its 8-byte preamble"},
		{name: "truncated", blob: good[:len(good)-1], want: fmt.Sprintf("header size %d does not match 8 + 16 * %d entries + %d data bytes = %d", len(good)-1, il, dl, len(good))},
		{name: "trailing_bytes", blob: append(append([]byte(nil), good...), 0), want: fmt.Sprintf("header size %d does not match 8 + 16 * %d entries + %d data bytes = %d", len(good)+1, il, dl, len(good))},
		{name: "huge_index_count", blob: patch(0, 0xffffffff), want: "header index count 4294967295 out of range 1..65535"},
		{name: "zero_index_count", blob: patch(0, 0), want: "header index count 0 out of range 1..65535"},
		{name: "huge_data_length", blob: patch(4, 0x7fffffff), want: "header data length 2147483647 exceeds 268435455"},
		{name: "offset_out_of_range", blob: patch(entry1+8, uint32(dl)), want: fmt.Sprintf("header entry 1 (tag 1000): offset %d and count 1 outside the %d-byte data store", dl, dl)},
		{name: "huge_count", blob: patch(entry1+12, 0xffffffff), want: fmt.Sprintf("header entry 1 (tag 1000): offset 0 and count 4294967295 outside the %d-byte data store", dl)},
		{name: "unknown_type", blob: patch(entry1+4, 42), want: "header entry 1 (tag 1000): unknown type 42"},
		{name: "name_not_string", blob: patch(entry1+4, typeInt32), want: "header entry 1 (tag 1000): type 4 is not a string"},
		{name: "duplicate_tag", blob: patch(entry1+16, tagName), want: "header entry 2: duplicate tag 1000"},
		{
			name: "unterminated_string",
			blob: func() []byte {
				b := append([]byte(nil), good...)
				// Point NAME at the last byte of the store, not a NUL.
				binary.BigEndian.PutUint32(b[entry1+8:], uint32(dl-1))
				b[len(b)-1] = 'x'
				return b
			}(),
			want: fmt.Sprintf("header entry 1 (tag 1000): string at offset %d is not NUL-terminated inside the data store", dl-1),
		},
		{
			name: "epoch_unaligned",
			blob: encodeHeader([]entry{{tag: tagName, value: "x"}, {tag: tagEpoch, typ: typeInt32, value: "abc"}}),
			want: "header entry 2 (epoch): INT32 at unaligned offset 2",
		},
		{
			name: "epoch_overrun",
			blob: func() []byte {
				b := encodeHeader([]entry{{tag: tagEpoch, value: int32(1)}})
				binary.BigEndian.PutUint32(b[entry1+12:], 6) // 24 bytes in a 20-byte store
				return b
			}(),
			want: "header entry 1 (epoch): 6 INT32 values at offset 0 overrun the 20-byte data store",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseHeader(tt.blob)
			if err == nil {
				t.Fatal("parseHeader succeeded")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitSourceRPM(t *testing.T) {
	tests := []struct {
		in                 string
		name, version, rel string
		ok                 bool
	}{
		{"openssl-1.0.2k-26.el7_9.src.rpm", "openssl", "1.0.2k", "26.el7_9", true},
		{"python-3.11-3.11.5-1.el9.src.rpm", "python-3.11", "3.11.5", "1.el9", true},
		{"foo-1-2.nosrc.rpm", "foo", "1", "2", true},
		{"foo-1.src.rpm", "", "", "", false},
		{"foo-1-2.rpm", "", "", "", false},
		{"-1-2.src.rpm", "", "", "", false},
		{"", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(strings.NewReplacer(".", "_", "-", "_").Replace(tt.in), func(t *testing.T) {
			n, v, r, ok := splitSourceRPM(tt.in)
			if diff := cmp.Diff([]any{tt.name, tt.version, tt.rel, tt.ok}, []any{n, v, r, ok}); diff != "" {
				t.Errorf("splitSourceRPM(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// FuzzParseHeader asserts no panic and that a parsed header's strings lie
// inside the input.
func FuzzParseHeader(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "headers", "*.hdr"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{0, 0, 0, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, blob []byte) {
		h, err := parseHeader(blob)
		if err != nil {
			return
		}
		total := len(h.Name) + len(h.Version) + len(h.Release) + len(h.License) + len(h.SourceRPM)
		if total > 5*len(blob) {
			t.Fatalf("parsed %d bytes of strings from a %d-byte blob", total, len(blob))
		}
		_ = h.validate()
	})
}
