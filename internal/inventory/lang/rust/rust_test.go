package rust

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

func input(path string, data []byte) extract.Input {
	return extract.Input{Path: path, Reader: bytes.NewReader(data), Size: int64(len(data)), Mode: 0o755}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func crate(name, version, loc, id string) inventory.Package {
	return inventory.Package{Name: name, Version: version, Ecosystem: inventory.CratesIO, Location: loc, Extractor: id}
}

func TestCargoLock(t *testing.T) {
	e, err := NewCargoLock(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const id = CargoLockID
	tests := []struct {
		name string
		path string
		data []byte
		want []inventory.Package
	}{
		{
			name: "workspace_with_git_and_path",
			path: "Cargo.lock",
			data: readTestdata(t, "Cargo.lock"),
			want: []inventory.Package{
				crate("aho-corasick", "1.1.2", "Cargo.lock", id),
				crate("memchr", "2.7.1", "Cargo.lock", id),
				crate("regex", "1.10.2", "Cargo.lock", id),
				crate("time", "0.1.45", "Cargo.lock", id),
			},
		},
		{
			name: "version_4_with_bracket_string",
			path: "x/Cargo.lock",
			data: readTestdata(t, "Cargo-v4.lock"),
			want: []inventory.Package{crate("smallvec", "1.13.2", "x/Cargo.lock", id)},
		},
		{
			name: "no_packages",
			path: "Cargo.lock",
			data: []byte("version = 3\n"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(tc.path, tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCargoLockErrors(t *testing.T) {
	e, err := NewCargoLock(Config{MaxFileSize: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		wantLimit bool
		wantLine  int
	}{
		{name: "deep_inline_tables", data: []byte("a = " + strings.Repeat("{b=", 1_000_000) + "1" + strings.Repeat("}", 1_000_000)), wantLimit: true},
		{name: "deep_arrays", data: []byte("a = " + strings.Repeat("[", 300) + strings.Repeat("]", 300)), wantLimit: true},
		{name: "deep_after_odd_quotes", data: []byte(`a = ["""x"""", ` + strings.Repeat("[", 300) + strings.Repeat("]", 301)), wantLimit: true},
		{name: "too_large", data: bytes.Repeat([]byte("#"), 4<<20+1), wantLimit: true},
		{name: "syntax", data: []byte("version = 3\n\n[[package]]\nname = \n"), wantLine: 4},
		{name: "wrong_type", data: []byte("[[package]]\nname = 3\n")},
		{name: "binary_garbage", data: []byte("\x00\xff\xfe[[\x01")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Extract(context.Background(), input("Cargo.lock", tc.data))
			var pe *limits.ParseError
			var le *limits.LimitError
			switch {
			case errors.As(err, &le):
				if !tc.wantLimit {
					t.Errorf("unexpected LimitError %v", err)
				}
			case errors.As(err, &pe):
				if tc.wantLimit {
					t.Errorf("want LimitError, got %v", err)
				}
				if tc.wantLine != 0 && pe.Line != tc.wantLine {
					t.Errorf("line = %d, want %d (%v)", pe.Line, tc.wantLine, err)
				}
			default:
				t.Fatalf("error = %T %v, want a typed error", err, err)
			}
		})
	}
}

const auditJSON = `{"packages":[
{"name":"demo-cli","version":"0.4.0","source":"local","dependencies":[1,2,3,4],"root":true},
{"name":"aho-corasick","version":"1.1.2","source":"crates.io","dependencies":[2]},
{"name":"memchr","version":"2.7.1","source":"crates.io"},
{"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"},
{"name":"time","version":"0.1.45","source":"git"}]}`

func TestCargoAuditable(t *testing.T) {
	e, err := NewCargoAuditable(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const id = CargoAuditableID
	section := zlibBytes(t, []byte(auditJSON))
	want := func(loc string) []inventory.Package {
		return []inventory.Package{
			crate("aho-corasick", "1.1.2", loc, id),
			crate("memchr", "2.7.1", loc, id),
			crate("cc", "1.0.83", loc, id),
			crate("time", "0.1.45", loc, id),
		}
	}
	rootFromCrates := zlibBytes(t, []byte(`{"packages":[{"name":"ripgrep","version":"14.1.0","source":"crates.io","root":true}]}`))
	rg := crate("ripgrep", "14.1.0", "usr/bin/rg", id)
	rg.Direct = true
	tests := []struct {
		name string
		path string
		data []byte
		want []inventory.Package
	}{
		{name: "elf", path: "usr/bin/demo", data: buildELF(t, ".dep-v0", section), want: want("usr/bin/demo")},
		{name: "pe", path: "app/demo.exe", data: buildPE(t, ".dep-v0", section), want: want("app/demo.exe")},
		{name: "macho", path: "bin/demo", data: buildMachO(t, "__DATA", ".dep-v0", section), want: want("bin/demo")},
		{name: "root_from_crates_io", path: "usr/bin/rg", data: buildELF(t, ".dep-v0", rootFromCrates), want: []inventory.Package{rg}},
		{name: "elf_without_section", path: "usr/bin/ls", data: buildELF(t, ".rodata", section)},
		{name: "macho_other_segment", path: "bin/x", data: buildMachO(t, "__TEXT", ".dep-v0", section)},
		{name: "not_a_binary", path: "usr/bin/script", data: []byte("#!/bin/sh\n" + strings.Repeat("echo hello\n", 10))},
		{name: "corrupt_elf_header", path: "usr/bin/x", data: append([]byte("\x7fELF\x09\x09"), make([]byte, 100)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(tc.path, tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCargoAuditableErrors(t *testing.T) {
	e, err := NewCargoAuditable(Config{})
	if err != nil {
		t.Fatal(err)
	}
	// 64 MiB of JSON whitespace compresses to ~64 KiB: a zlib bomb.
	bombPlain := len(`{"packages":[]}`) + 64<<20
	bomb := zlibBytes(t, append(bytes.Repeat([]byte(" "), 64<<20), `{"packages":[]}`...))
	if int64(bombPlain) <= DefaultMaxSectionSize || len(bomb)*100 > bombPlain {
		t.Fatalf("fixture not hostile: %d bytes inflate to %d", len(bomb), bombPlain)
	}
	tests := []struct {
		name      string
		cfg       Config
		data      []byte
		wantLimit string
	}{
		{name: "zlib_bomb", data: buildELF(t, ".dep-v0", bomb), wantLimit: "decompressed .dep-v0 section"},
		{name: "large_section", cfg: Config{MaxSectionSize: 1024}, data: buildPE(t, ".dep-v0", make([]byte, 4096)), wantLimit: "compressed .dep-v0 section"},
		{name: "not_zlib", data: buildELF(t, ".dep-v0", []byte("plain text, not zlib"))},
		{name: "truncated_zlib", data: buildELF(t, ".dep-v0", zlibBytes(t, []byte(auditJSON))[:40])},
		{name: "bad_json", data: buildMachO(t, "__DATA", ".dep-v0", zlibBytes(t, []byte(`{"packages":[{"name":1}]}`)))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := e
			if tc.cfg != (Config{}) {
				var err error
				if e, err = NewCargoAuditable(tc.cfg); err != nil {
					t.Fatal(err)
				}
			}
			_, err := e.Extract(context.Background(), input("usr/bin/x", tc.data))
			var pe *limits.ParseError
			var le *limits.LimitError
			switch {
			case tc.wantLimit != "":
				if !errors.As(err, &le) || le.What != tc.wantLimit {
					t.Errorf("error = %v, want LimitError %q", err, tc.wantLimit)
				}
			case !errors.As(err, &pe):
				t.Errorf("error = %T %v, want ParseError", err, err)
			}
		})
	}
}

func TestRequired(t *testing.T) {
	lock, err1 := NewCargoLock(Config{})
	aud, err2 := NewCargoAuditable(Config{})
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		e    extract.Extractor
		path string
		size int64
		mode fs.FileMode
		want bool
	}{
		{"cargo_lock", lock, "a/Cargo.lock", 10, 0o644, true},
		{"cargo_toml", lock, "a/Cargo.toml", 10, 0o644, false},
		{"executable", aud, "usr/bin/rg", 1 << 20, 0o755, true},
		{"not_executable", aud, "usr/lib/libx.so.1", 1 << 20, 0o644, false},
		{"windows_exe", aud, "app/x.EXE", 1 << 20, 0o644, true},
		{"tiny", aud, "usr/bin/x", 10, 0o755, false},
		{"symlink", aud, "usr/bin/x", 1 << 20, fs.ModeSymlink | 0o777, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Required(tc.path, tc.size, tc.mode); got != tc.want {
				t.Errorf("Required(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
	if _, err := NewCargoLock(Config{MaxDepth: -1}); err == nil {
		t.Error("negative limit accepted")
	}
}
