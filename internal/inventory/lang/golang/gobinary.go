package golang

import (
	"context"
	"debug/buildinfo"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// GoBinaryID is the plugin ID of the Go binary extractor.
const GoBinaryID = "lang/gobinary"

// StdlibName is the package name of the Go toolchain's standard library, as
// OSV's Go ecosystem spells it.
const StdlibName = "stdlib"

// GoBinary reports the modules compiled into Go programs (ELF, Mach-O, PE
// and the other formats debug/buildinfo reads): each dependency (with
// replacements honoured), the main module when it has a released version,
// and the standard library at the toolchain's version. A file that is not a
// Go program yields nothing and no error.
type GoBinary struct {
	cfg Config
}

var _ extract.Extractor = (*GoBinary)(nil)

// NewGoBinary returns the Go binary extractor.
func NewGoBinary(cfg Config) (*GoBinary, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &GoBinary{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*GoBinary) ID() string { return GoBinaryID }

// Version implements extract.Extractor.
func (*GoBinary) Version() int { return 1 }

// Required implements extract.Extractor: non-empty files up to
// MaxBinarySize that are executable (any x bit), or have no extension
// (or ".exe") and sit directly in a bin or sbin directory — image layers and
// archives do not always keep mode bits.
func (g *GoBinary) Required(p string, size int64, mode fs.FileMode) bool {
	if size <= 0 || size > g.cfg.MaxBinarySize {
		return false
	}
	if mode&0o111 != 0 {
		return true
	}
	ext := path.Ext(p)
	if ext != "" && ext != ".exe" {
		return false
	}
	switch path.Base(path.Dir(p)) {
	case "bin", "sbin":
		return true
	}
	return false
}

// Extract implements extract.Extractor.
func (g *GoBinary) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.Size > g.cfg.MaxBinarySize {
		return nil, fmt.Errorf("read %q: %w", in.Path, &limits.LimitError{What: "binary size", Limit: g.cfg.MaxBinarySize})
	}
	// The section reader keeps debug/buildinfo within Size.
	bi, err := buildinfo.Read(io.NewSectionReader(in.Reader, 0, in.Size))
	if err != nil {
		if notGo(err) {
			return nil, nil
		}
		return nil, &limits.ParseError{Path: in.Path, Msg: "read Go build info: " + err.Error()}
	}
	return buildInfoPackages(in.Path, bi), nil
}

// notGo reports whether a debug/buildinfo error means the file is not a Go
// program (or not an executable at all). The package's sentinel errors are
// unexported, so their fixed texts are compared.
func notGo(err error) bool {
	switch err.Error() {
	case "not a Go executable", "unrecognized file format":
		return true
	}
	return false
}

// buildInfoPackages lists the packages of one binary's build information.
func buildInfoPackages(p string, bi *debug.BuildInfo) []inventory.Package {
	var pkgs []inventory.Package
	add := func(name, version string) {
		pkgs = append(pkgs, inventory.Package{
			Name:      name,
			Version:   version,
			Ecosystem: inventory.Go,
			Location:  p,
			Extractor: GoBinaryID,
		})
	}
	for _, dep := range bi.Deps {
		mod := dep
		if dep.Replace != nil {
			mod = dep.Replace
		}
		if mod.Path == "" || mod.Version == "" || mod.Version == "(devel)" {
			// A local replacement or a workspace module: no version to match.
			continue
		}
		add(mod.Path, mod.Version)
	}
	if m := bi.Main; m.Path != "" && m.Version != "" && m.Version != "(devel)" {
		if m.Replace != nil && m.Replace.Version != "" {
			add(m.Replace.Path, m.Replace.Version)
		} else {
			add(m.Path, m.Version)
		}
	}
	if v, ok := StdlibVersion(bi.GoVersion); ok {
		add(StdlibName, v)
	}
	sort.SliceStable(pkgs, func(i, j int) bool {
		if pkgs[i].Name != pkgs[j].Name {
			return pkgs[i].Name < pkgs[j].Name
		}
		return pkgs[i].Version < pkgs[j].Version
	})
	return pkgs
}

var goVersionRE = regexp.MustCompile(`^go([1-9][0-9]*)\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:(alpha|beta|rc)([0-9]+))?$`)

// StdlibVersion converts a Go toolchain version as build information
// records it ("go1.21.3", "go1.22rc1", "go1.21.3 X:boringcrypto") to the
// semantic version OSV uses for the "stdlib" package ("1.21.3",
// "1.22.0-rc.1"). Development toolchains ("devel ...") have none.
func StdlibVersion(goVersion string) (string, bool) {
	v, _, _ := strings.Cut(strings.TrimSpace(goVersion), " ")
	m := goVersionRE.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	patch := m[3]
	if patch == "" {
		patch = "0"
	}
	out := m[1] + "." + m[2] + "." + patch
	if m[4] != "" {
		out += "-" + m[4] + "." + m[5]
	}
	return out, true
}
