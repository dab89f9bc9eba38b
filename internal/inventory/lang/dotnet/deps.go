package dotnet

import (
	"context"
	"io/fs"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
)

// DotnetDeps extracts the packages of a .NET application's *.deps.json:
// every "libraries" entry of type "package", keyed "Name/1.2.3". Entries of
// type "project" and "reference" (the application and its own projects)
// are skipped. The packages the application's own project (the library
// named like the file: Orders.Api.deps.json → Orders.Api/1.0.0) depends on
// in "targets" are Direct.
type DotnetDeps struct {
	cfg Config
}

var _ extract.Extractor = (*DotnetDeps)(nil)

// NewDotnetDeps returns the .deps.json extractor.
func NewDotnetDeps(cfg Config) (*DotnetDeps, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &DotnetDeps{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*DotnetDeps) ID() string { return DotnetDepsID }

// Version implements extract.Extractor.
func (*DotnetDeps) Version() int { return 1 }

// Required implements extract.Extractor: files named *.deps.json.
func (*DotnetDeps) Required(p string, _ int64, _ fs.FileMode) bool {
	return strings.HasSuffix(p, ".deps.json")
}

type depsFile struct {
	Targets map[string]map[string]struct {
		Dependencies map[string]string `json:"dependencies"`
	} `json:"targets"`
	Libraries map[string]struct {
		Type string `json:"type"`
	} `json:"libraries"`
}

// Extract implements extract.Extractor.
func (e *DotnetDeps) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	var deps depsFile
	if err := readJSON(in, e.cfg.MaxFileSize, &deps); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Packages the application depends on directly: the dependencies of
	// the project library named like the file (Orders.Api.deps.json →
	// Orders.Api/1.0.0), or of every project library when none is.
	app := strings.TrimSuffix(path.Base(in.Path), ".deps.json")
	appFound := false
	for key, lib := range deps.Libraries {
		if name, _, _ := strings.Cut(key, "/"); lib.Type == "project" && strings.EqualFold(name, app) {
			appFound = true
		}
	}
	direct := map[string]bool{}
	for _, libs := range deps.Targets {
		for key, lib := range libs {
			name, _, _ := strings.Cut(key, "/")
			if deps.Libraries[key].Type != "project" || (appFound && !strings.EqualFold(name, app)) {
				continue
			}
			for name, version := range lib.Dependencies {
				direct[strings.ToLower(name)+"/"+version] = true
			}
		}
	}
	var pkgs []inventory.Package
	for key, lib := range deps.Libraries {
		if lib.Type != "package" {
			continue
		}
		i := strings.LastIndexByte(key, '/')
		if i <= 0 || i == len(key)-1 {
			continue
		}
		name, version := key[:i], key[i+1:]
		pkgs = append(pkgs, inventory.Package{
			Name:      name,
			Version:   version,
			Ecosystem: inventory.NuGet,
			Location:  in.Path,
			Extractor: DotnetDepsID,
			Direct:    direct[strings.ToLower(name)+"/"+version],
		})
	}
	sortPackages(pkgs)
	return pkgs, nil
}
