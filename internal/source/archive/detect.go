// Package archive streams the entries of zip, tar, tar.gz and gzip archives
// as source Items, opening nested archives to a bounded depth. Nothing is
// ever extracted to disk: entries stream from memory; only a nested zip too
// large for the in-memory buffer is spilled to a private temporary file
// that is removed when Expand returns.
package archive

import (
	"bytes"
	"path"
	"strings"
)

// Kind is an archive format.
type Kind int

// Archive kinds.
const (
	KindNone  Kind = iota
	KindZip        // zip and its derivatives: jar, war, ear, apk, whl, nupkg, aar
	KindTar        // uncompressed tar
	KindTarGz      // .tar.gz / .tgz
	KindGzip       // .gz: a gzipped tar is expanded as a tar, anything else as one file
)

var kindNames = [...]string{"none", "zip", "tar", "tar.gz", "gzip"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// HeadSize is how many leading bytes IsArchive needs to recognise every
// kind (a tar header is one 512-byte block).
const HeadSize = 512

var zipExts = map[string]bool{
	".zip": true, ".jar": true, ".war": true, ".ear": true, ".apk": true,
	".whl": true, ".nupkg": true, ".aar": true,
}

// extKind is the kind a file name claims by its extension.
func extKind(name string) Kind {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case strings.HasSuffix(base, ".tar.gz"), strings.HasSuffix(base, ".tgz"):
		return KindTarGz
	case strings.HasSuffix(base, ".gz"):
		return KindGzip
	case strings.HasSuffix(base, ".tar"):
		return KindTar
	case zipExts[path.Ext(base)]:
		return KindZip
	}
	return KindNone
}

// HasArchiveExt is the cheap first test: whether name has an archive
// extension. Only such files need their head read for IsArchive.
func HasArchiveExt(name string) bool { return extKind(name) != KindNone }

// IsArchive reports the kind of archive a file is. Both must agree: the
// extension names an archive kind and the leading bytes (head, at least
// HeadSize of them for tar) carry that kind's magic. A ".jar" that is not a
// zip, or a zip without an archive extension (.docx), is not an archive.
func IsArchive(name string, head []byte) (Kind, bool) {
	k := extKind(name)
	var ok bool
	switch k {
	case KindZip:
		ok = isZip(head)
	case KindTar:
		ok = isTarHeader(head)
	case KindTarGz, KindGzip:
		ok = isGzip(head)
	}
	if !ok {
		return KindNone, false
	}
	return k, true
}

func isZip(h []byte) bool {
	return bytes.HasPrefix(h, []byte("PK\x03\x04")) || bytes.HasPrefix(h, []byte("PK\x05\x06")) ||
		bytes.HasPrefix(h, []byte("PK\x07\x08"))
}

func isGzip(h []byte) bool { return len(h) >= 3 && h[0] == 0x1f && h[1] == 0x8b && h[2] == 8 }

// isTarHeader checks the header checksum of the first tar block, which
// every tar format (v7, ustar, pax, gnu) carries.
func isTarHeader(h []byte) bool {
	if len(h) < 512 {
		return false
	}
	field := bytes.TrimRight(bytes.TrimLeft(h[148:156], " \x00"), " \x00")
	if len(field) == 0 {
		return false
	}
	var want int64
	for _, c := range field {
		if c < '0' || c > '7' {
			return false
		}
		want = want*8 + int64(c-'0')
	}
	var sum int64
	for i, c := range h[:512] {
		if i >= 148 && i < 156 {
			c = ' '
		}
		sum += int64(c)
	}
	return sum == want && sum != 8*' '
}
