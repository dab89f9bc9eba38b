package dotnet

import (
	"context"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
)

// NuGetLock extracts the packages of a NuGet lockfile (packages.lock.json):
// the "resolved" version of every dependency of every target framework,
// once per name and version. "Direct" dependencies are Direct;
// "Transitive" and "CentralTransitive" ones are not; "Project" references
// (the solution's own projects) are skipped.
type NuGetLock struct {
	cfg Config
}

var _ extract.Extractor = (*NuGetLock)(nil)

// NewNuGetLock returns the NuGet lockfile extractor.
func NewNuGetLock(cfg Config) (*NuGetLock, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &NuGetLock{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*NuGetLock) ID() string { return NuGetLockID }

// Version implements extract.Extractor.
func (*NuGetLock) Version() int { return 1 }

// Required implements extract.Extractor: files named packages.lock.json.
func (*NuGetLock) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "packages.lock.json"
}

type nugetLockFile struct {
	Dependencies map[string]map[string]struct {
		Type     string `json:"type"`
		Resolved string `json:"resolved"`
	} `json:"dependencies"`
}

// Extract implements extract.Extractor.
func (e *NuGetLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	var lock nugetLockFile
	if err := readJSON(in, e.cfg.MaxFileSize, &lock); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	index := map[string]int{} // lower-case name@version -> index in pkgs
	var pkgs []inventory.Package
	// Frameworks and names in sorted order, so the spelling kept for a
	// package named in two cases ("X", "x") does not depend on map order.
	frameworks := make([]string, 0, len(lock.Dependencies))
	for fw := range lock.Dependencies {
		frameworks = append(frameworks, fw)
	}
	sort.Strings(frameworks)
	for _, fw := range frameworks {
		deps := lock.Dependencies[fw]
		names := make([]string, 0, len(deps))
		for n := range deps {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			d := deps[name]
			if name == "" || d.Resolved == "" || strings.EqualFold(d.Type, "Project") {
				continue
			}
			direct := strings.EqualFold(d.Type, "Direct")
			key := strings.ToLower(name) + "@" + d.Resolved
			if i, ok := index[key]; ok {
				pkgs[i].Direct = pkgs[i].Direct || direct
				continue
			}
			index[key] = len(pkgs)
			pkgs = append(pkgs, inventory.Package{
				Name:      name,
				Version:   d.Resolved,
				Ecosystem: inventory.NuGet,
				Location:  in.Path,
				Extractor: NuGetLockID,
				Direct:    direct,
			})
		}
	}
	sortPackages(pkgs)
	return pkgs, nil
}
