package python

import (
	"context"
	"io/fs"
	"path"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// UVLockID is the plugin ID of the uv.lock extractor.
const UVLockID = "lang/uv-lock"

// UVLock reports the [[package]] entries of uv.lock files. The project's
// own packages — editable, virtual, directory or path sources (the root and
// workspace members) — are skipped; their dependencies are Direct, and a
// package reachable from them only through dev dependency groups is Dev.
type UVLock struct {
	cfg Config
}

var _ extract.Extractor = (*UVLock)(nil)

// NewUVLock returns the uv.lock extractor.
func NewUVLock(cfg Config) (*UVLock, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &UVLock{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*UVLock) ID() string { return UVLockID }

// Version implements extract.Extractor.
func (*UVLock) Version() int { return 1 }

// Required implements extract.Extractor: files named uv.lock.
func (*UVLock) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "uv.lock"
}

type uvDep struct {
	Name    string `toml:"name"`
	Version string `toml:"version"`
}

type uvPackage struct {
	Name    string `toml:"name"`
	Version string `toml:"version"`
	Source  struct {
		Editable  string `toml:"editable"`
		Virtual   string `toml:"virtual"`
		Directory string `toml:"directory"`
		Path      string `toml:"path"`
	} `toml:"source"`
	Dependencies         []uvDep            `toml:"dependencies"`
	OptionalDependencies map[string][]uvDep `toml:"optional-dependencies"`
	DevDependencies      map[string][]uvDep `toml:"dev-dependencies"`
}

func (p *uvPackage) local() bool {
	s := p.Source
	return s.Editable != "" || s.Virtual != "" || s.Directory != "" || s.Path != ""
}

type uvFile struct {
	Package []uvPackage `toml:"package"`
}

// Extract implements extract.Extractor.
func (l *UVLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, l.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parseUVLock(in.Path, data)
}

func parseUVLock(p string, data []byte) ([]inventory.Package, error) {
	if err := checkTOMLNesting(p, data, limits.DefaultMaxDepth); err != nil {
		return nil, err
	}
	var f uvFile
	if err := decodeTOML(p, data, &f); err != nil {
		return nil, err
	}
	// Nodes are "name" and "name version"; a dependency names its version
	// only when the lockfile holds several versions of the package.
	byName := map[string][]int{}
	for i, e := range f.Package {
		n := Normalize(e.Name)
		byName[n] = append(byName[n], i)
	}
	resolve := func(d uvDep) []int {
		idx := byName[Normalize(d.Name)]
		if d.Version == "" {
			return idx
		}
		for _, i := range idx {
			if f.Package[i].Version == d.Version {
				return []int{i}
			}
		}
		return nil
	}
	var prodRoots, devRoots []int
	for _, e := range f.Package {
		if !e.local() {
			continue
		}
		for _, d := range e.Dependencies {
			prodRoots = append(prodRoots, resolve(d)...)
		}
		for _, deps := range e.OptionalDependencies {
			for _, d := range deps {
				prodRoots = append(prodRoots, resolve(d)...)
			}
		}
		for _, deps := range e.DevDependencies {
			for _, d := range deps {
				devRoots = append(devRoots, resolve(d)...)
			}
		}
	}
	direct := map[int]bool{}
	for _, i := range append(append([]int(nil), prodRoots...), devRoots...) {
		direct[i] = true
	}
	walk := func(roots []int) map[int]bool {
		seen := map[int]bool{}
		stack := append([]int(nil), roots...)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[i] {
				continue
			}
			seen[i] = true
			e := &f.Package[i]
			for _, d := range e.Dependencies {
				stack = append(stack, resolve(d)...)
			}
			for _, deps := range e.OptionalDependencies {
				for _, d := range deps {
					stack = append(stack, resolve(d)...)
				}
			}
		}
		return seen
	}
	prod, dev := walk(prodRoots), walk(devRoots)

	var pkgs []inventory.Package
	for i, e := range f.Package {
		if e.local() || !validName(e.Name) || e.Version == "" {
			continue
		}
		pkg := newPackage(e.Name, e.Version, p, UVLockID)
		pkg.Direct = direct[i]
		pkg.Dev = !prod[i] && dev[i]
		pkgs = append(pkgs, pkg)
	}
	return sortDedup(pkgs), nil
}
