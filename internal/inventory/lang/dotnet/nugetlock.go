package dotnet

import (
	"context"
	"io/fs"
	"path"
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
	for _, deps := range lock.Dependencies {
		for name, d := range deps {
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
