package scan

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// lineExtractor reads "name version" lines from files named pkgs.txt.
type lineExtractor struct{ eco string }

func (lineExtractor) ID() string   { return "test/lines" }
func (lineExtractor) Version() int { return 1 }
func (lineExtractor) Required(p string, _ int64, _ fs.FileMode) bool {
	return strings.HasSuffix(p, "pkgs.txt")
}
func (e lineExtractor) Extract(_ context.Context, in extract.Input) ([]inventory.Package, error) {
	b, err := io.ReadAll(io.NewSectionReader(in.Reader, 0, in.Size))
	if err != nil {
		return nil, err
	}
	var out []inventory.Package
	for i, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if l == "panic" {
			panic("bad line")
		}
		name, version, ok := strings.Cut(l, " ")
		if !ok {
			return out, &limits.ParseError{Path: in.Path, Line: i + 1, Msg: "want name version"}
		}
		out = append(out, inventory.Package{Name: name, Version: version, Ecosystem: e.eco})
	}
	return out, nil
}

func TestInventory(t *testing.T) {
	root := t.TempDir()
	write(t, root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
	write(t, root, "var/lib/pkgs.txt", "libssl3 3.0.11-1\nzlib1g 1:1.2.13\n")
	write(t, root, "bad/pkgs.txt", "ok 1\nbroken\n")
	write(t, root, "boom/pkgs.txt", "panic\n")
	write(t, root, ".git/pkgs.txt", "hidden 1\n")
	if err := os.Symlink("/var/lib/pkgs.txt", filepath.Join(root, "link-pkgs.txt")); err != nil {
		t.Fatal(err)
	}
	detect := func(fsys fs.FS) (*inventory.Distro, error) {
		b, err := fs.ReadFile(fsys, "etc/os-release")
		if err != nil {
			return nil, err
		}
		if !strings.Contains(string(b), "ID=debian") {
			return nil, errors.New("not debian")
		}
		return &inventory.Distro{ID: "debian", VersionID: "12"}, nil
	}
	inv, errs, err := Inventory(context.Background(), root, InventoryConfig{Extractors: []extract.Extractor{lineExtractor{eco: inventory.Debian}}, DetectDistro: detect})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range inv.Packages {
		got = append(got, p.Location+" "+p.Name+" "+p.Ecosystem+" "+p.PURL)
	}
	want := []string{
		"bad/pkgs.txt ok Debian:12 pkg:deb/debian/ok@1?distro=debian-12",
		"var/lib/pkgs.txt libssl3 Debian:12 pkg:deb/debian/libssl3@3.0.11-1?distro=debian-12",
		"var/lib/pkgs.txt zlib1g Debian:12 pkg:deb/debian/zlib1g@1:1.2.13?distro=debian-12",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("packages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(errs) != 2 || errs[0].Path != "bad/pkgs.txt" || errs[0].Line != 2 || errs[1].Path != "boom/pkgs.txt" || !strings.Contains(errs[1].Message, "panicked") {
		t.Errorf("errors %+v: want the parse error with its line, and the panic, each on its file", errs)
	}
	if inv.Distro == nil || inv.Distro.ID != "debian" {
		t.Errorf("distro %+v", inv.Distro)
	}
}
