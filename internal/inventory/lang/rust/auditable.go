package rust

import (
	"bytes"
	"compress/zlib"
	"context"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// depSection is the section cargo-auditable writes: ".dep-v0" in ELF and
// PE, __DATA,.dep-v0 in Mach-O.
const depSection = ".dep-v0"

// CargoAuditable extracts the dependencies cargo-auditable embeds in Rust
// binaries: the .dep-v0 section holds zlib-compressed JSON,
// {"packages":[{"name","version","source","kind","root","dependencies"}]}.
// Packages from crates.io, a registry or git are reported; those with the
// source "local" (the workspace's own crates, path dependencies) are not.
//
// A file that is not an ELF, Mach-O (thin) or PE executable, or one
// without the section, gives (nil, nil), as does an executable the debug/*
// packages cannot read: judging arbitrary binaries is not this extractor's
// work. A present but corrupt or oversized section gives a typed error.
type CargoAuditable struct {
	cfg Config
}

var _ extract.Extractor = (*CargoAuditable)(nil)

// NewCargoAuditable returns the cargo-auditable extractor.
func NewCargoAuditable(cfg Config) (*CargoAuditable, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &CargoAuditable{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*CargoAuditable) ID() string { return CargoAuditableID }

// Version implements extract.Extractor.
func (*CargoAuditable) Version() int { return 1 }

// minBinarySize is smaller than any executable with a .dep-v0 section.
const minBinarySize = 64

// Required implements extract.Extractor: executable regular files, and
// files named *.exe or *.dll (Windows images carry no mode bits).
func (*CargoAuditable) Required(p string, size int64, mode fs.FileMode) bool {
	if !mode.IsRegular() || size < minBinarySize {
		return false
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".exe", ".dll":
		return true
	}
	return mode&0o111 != 0
}

type auditInfo struct {
	Packages []struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		Source  string `json:"source"`
		Kind    string `json:"kind"`
		Root    bool   `json:"root"`
	} `json:"packages"`
}

// Extract implements extract.Extractor.
func (e *CargoAuditable) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if in.Size < minBinarySize {
		return nil, nil
	}
	sec, size, err := findSection(in.Reader, in.Size)
	if err != nil || sec == nil {
		return nil, nil // unreadable executables are not ours to report
	}
	if size > uint64(e.cfg.MaxSectionSize) {
		return nil, fmt.Errorf("%s: %w", in.Path, &limits.LimitError{What: "compressed .dep-v0 section", Limit: e.cfg.MaxSectionSize})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	compressed, err := io.ReadAll(io.LimitReader(sec, e.cfg.MaxSectionSize))
	if err != nil {
		return nil, &limits.ParseError{Path: in.Path, Msg: "read .dep-v0 section: " + err.Error()}
	}
	zr, err := zlib.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return nil, &limits.ParseError{Path: in.Path, Msg: ".dep-v0 section: " + err.Error()}
	}
	defer zr.Close()
	raw, err := io.ReadAll(io.LimitReader(zr, e.cfg.MaxSectionSize+1))
	if int64(len(raw)) > e.cfg.MaxSectionSize {
		return nil, fmt.Errorf("%s: %w", in.Path, &limits.LimitError{What: "decompressed .dep-v0 section", Limit: e.cfg.MaxSectionSize})
	}
	if err != nil {
		return nil, &limits.ParseError{Path: in.Path, Msg: ".dep-v0 section: " + err.Error()}
	}
	var info auditInfo
	if err := json.Unmarshal(raw, &info); err != nil {
		return nil, &limits.ParseError{Path: in.Path, Msg: ".dep-v0 section: " + err.Error()}
	}
	var pkgs []inventory.Package
	for _, p := range info.Packages {
		if p.Name == "" || p.Version == "" || p.Source == "local" {
			continue
		}
		pkgs = append(pkgs, inventory.Package{
			Name:      p.Name,
			Version:   p.Version,
			Ecosystem: inventory.CratesIO,
			Location:  in.Path,
			Extractor: CargoAuditableID,
			Direct:    p.Root,
		})
	}
	return pkgs, nil
}

// findSection returns a reader of the .dep-v0 section of an ELF, Mach-O or
// PE file and the section's size in the file, or nil when there is none.
func findSection(r io.ReaderAt, size int64) (io.Reader, uint64, error) {
	var magic [4]byte
	if _, err := r.ReadAt(magic[:], 0); err != nil {
		return nil, 0, err
	}
	switch {
	case string(magic[:]) == elf.ELFMAG:
		f, err := elf.NewFile(r)
		if err != nil {
			return nil, 0, err
		}
		s := f.Section(depSection)
		if s == nil || s.Type == elf.SHT_NOBITS {
			return nil, 0, nil
		}
		return s.Open(), s.FileSize, nil
	case isMachO(magic):
		f, err := macho.NewFile(r)
		if err != nil {
			return nil, 0, err
		}
		for _, s := range f.Sections {
			if s.Name == depSection && s.Seg == "__DATA" {
				return s.Open(), s.Size, nil
			}
		}
		return nil, 0, nil
	case magic[0] == 'M' && magic[1] == 'Z':
		f, err := pe.NewFile(r)
		if err != nil {
			return nil, 0, err
		}
		s := f.Section(depSection)
		if s == nil {
			return nil, 0, nil
		}
		return s.Open(), uint64(s.Size), nil
	}
	return nil, 0, nil
}

// isMachO reports a thin Mach-O magic number, 32 or 64 bits, either byte
// order. Universal binaries (0xcafebabe, also Java's class magic) are not
// read.
func isMachO(m [4]byte) bool {
	switch string(m[:]) {
	case "\xfe\xed\xfa\xce", "\xce\xfa\xed\xfe", "\xfe\xed\xfa\xcf", "\xcf\xfa\xed\xfe":
		return true
	}
	return false
}
