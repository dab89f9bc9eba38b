package npm

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
)

// NodeModulesID is the plugin ID of the installed node_modules extractor.
const NodeModulesID = "lang/node-modules"

// NodeModules reports installed npm packages from the package.json at the
// root of each package directory under node_modules
// ("node_modules/lodash/package.json",
// "node_modules/@babel/core/package.json", nested and pnpm store layouts
// alike). Other package.json files — the project's own, or ones inside a
// package's subdirectories — are not required.
type NodeModules struct {
	cfg Config
}

var _ extract.Extractor = (*NodeModules)(nil)

// NewNodeModules returns the node_modules extractor.
func NewNodeModules(cfg Config) (*NodeModules, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &NodeModules{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*NodeModules) ID() string { return NodeModulesID }

// Version implements extract.Extractor.
func (*NodeModules) Version() int { return 1 }

// Required implements extract.Extractor: node_modules/<name>/package.json
// and node_modules/@<scope>/<name>/package.json.
func (*NodeModules) Required(p string, _ int64, _ fs.FileMode) bool {
	dir, ok := strings.CutSuffix(p, "/package.json")
	if !ok {
		return false
	}
	parts := strings.Split(dir, "/")
	n := len(parts)
	switch {
	case n >= 2 && parts[n-2] == "node_modules":
		return parts[n-1] != "" && !strings.HasPrefix(parts[n-1], "@") && !strings.HasPrefix(parts[n-1], ".")
	case n >= 3 && parts[n-3] == "node_modules":
		return len(parts[n-2]) > 1 && strings.HasPrefix(parts[n-2], "@") && parts[n-1] != ""
	}
	return false
}

type packageJSON struct {
	Name     string          `json:"name"`
	Version  string          `json:"version"`
	License  json.RawMessage `json:"license"`
	Licenses []struct {
		Type string `json:"type"`
	} `json:"licenses"`
}

// Extract implements extract.Extractor.
func (m *NodeModules) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, m.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parsePackageJSON(in.Path, data)
}

func parsePackageJSON(p string, data []byte) ([]inventory.Package, error) {
	var pj packageJSON
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, extract.JSONError(p, data, err)
	}
	if !validName(pj.Name) || pj.Version == "" {
		// Not a published package (a fixture, a partial install).
		return nil, nil
	}
	pkg := newPackage(pj.Name, pj.Version, p, NodeModulesID)
	pkg.Licenses = licenses(pj.License)
	if pkg.Licenses == nil {
		for _, l := range pj.Licenses {
			if t := strings.TrimSpace(l.Type); t != "" {
				pkg.Licenses = append(pkg.Licenses, t)
			}
		}
	}
	return []inventory.Package{pkg}, nil
}
