package rust

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"testing"
)

// The builders below write the smallest executables debug/elf, debug/pe
// and debug/macho accept with one section holding payload: enough to test
// the section lookup without committing binaries.

func le(t testing.TB, buf *bytes.Buffer, vs ...any) {
	t.Helper()
	for _, v := range vs {
		if err := binary.Write(buf, binary.LittleEndian, v); err != nil {
			t.Fatal(err)
		}
	}
}

// buildELF writes an ELF64 little-endian executable whose sections are a
// null section, name (holding payload) and .shstrtab.
func buildELF(t testing.TB, name string, payload []byte) []byte {
	t.Helper()
	type shdr struct {
		Name, Type             uint32
		Flags, Addr, Off, Size uint64
		Link, Info             uint32
		Addralign, Entsize     uint64
	}
	shstrtab := append([]byte("\x00"+name+"\x00.shstrtab\x00"), 0)
	const ehsize = 64
	dataOff := uint64(ehsize)
	strOff := dataOff + uint64(len(payload))
	shOff := (strOff + uint64(len(shstrtab)) + 7) &^ 7
	var b bytes.Buffer
	b.WriteString("\x7fELF\x02\x01\x01\x00")
	b.Write(make([]byte, 8))
	le(t, &b, uint16(2), uint16(62), uint32(1), uint64(0), uint64(0), shOff, uint32(0),
		uint16(ehsize), uint16(56), uint16(0), uint16(64), uint16(3), uint16(2))
	b.Write(payload)
	b.Write(shstrtab)
	b.Write(make([]byte, int(shOff)-b.Len()))
	le(t, &b,
		shdr{},
		shdr{Name: 1, Type: 1, Flags: 2, Off: dataOff, Size: uint64(len(payload)), Addralign: 1},
		shdr{Name: uint32(2 + len(name)), Type: 3, Off: strOff, Size: uint64(len(shstrtab)), Addralign: 1},
	)
	return b.Bytes()
}

// buildPE writes a PE file (DOS stub, COFF header, no optional header) with
// one section.
func buildPE(t testing.TB, name string, payload []byte) []byte {
	t.Helper()
	type section struct {
		Name                                                         [8]byte
		VirtualSize, VirtualAddress, SizeOfRawData, PointerToRawData uint32
		PointerToRelocations, PointerToLineNumbers                   uint32
		NumberOfRelocations, NumberOfLineNumbers                     uint16
		Characteristics                                              uint32
	}
	var b bytes.Buffer
	b.WriteString("MZ")
	b.Write(make([]byte, 0x3c-2))
	le(t, &b, uint32(0x40))
	b.WriteString("PE\x00\x00")
	le(t, &b, uint16(0x8664), uint16(1), uint32(0), uint32(0), uint32(0), uint16(0), uint16(0x22))
	s := section{
		VirtualSize: uint32(len(payload)), VirtualAddress: 0x1000, SizeOfRawData: uint32(len(payload)),
		PointerToRawData: uint32(0x40 + 4 + 20 + 40), Characteristics: 0x40000040,
	}
	copy(s.Name[:], name)
	le(t, &b, s)
	b.Write(payload)
	return b.Bytes()
}

// buildMachO writes a 64-bit little-endian Mach-O executable with one
// LC_SEGMENT_64 load command holding the section segment,name.
func buildMachO(t testing.TB, segment, name string, payload []byte) []byte {
	t.Helper()
	type segCmd struct {
		Cmd, Cmdsize                      uint32
		Segname                           [16]byte
		Vmaddr, Vmsize, Fileoff, Filesize uint64
		Maxprot, Initprot, Nsects, Flags  uint32
	}
	type sect struct {
		Sectname, Segname                    [16]byte
		Addr, Size                           uint64
		Offset, Align, Reloff, Nreloc, Flags uint32
		Reserved1, Reserved2, Reserved3      uint32
	}
	const hdr, cmdsize = 32, 72 + 80
	dataOff := uint64(hdr + cmdsize)
	var b bytes.Buffer
	le(t, &b, uint32(0xfeedfacf), uint32(0x01000007), uint32(3), uint32(2), uint32(1), uint32(cmdsize), uint32(0), uint32(0))
	sc := segCmd{Cmd: 0x19, Cmdsize: cmdsize, Vmaddr: 0x100000000, Vmsize: 0x1000, Fileoff: dataOff, Filesize: uint64(len(payload)), Maxprot: 3, Initprot: 3, Nsects: 1}
	copy(sc.Segname[:], segment)
	s := sect{Addr: 0x100000000, Size: uint64(len(payload)), Offset: uint32(dataOff)}
	copy(s.Sectname[:], name)
	copy(s.Segname[:], segment)
	le(t, &b, sc, s)
	b.Write(payload)
	return b.Bytes()
}

func zlibBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, err := zlib.NewWriterLevel(&b, zlib.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
