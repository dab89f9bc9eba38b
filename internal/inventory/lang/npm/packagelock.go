package npm

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// PackageLockID is the plugin ID of the package-lock.json extractor.
const PackageLockID = "lang/npm-lock"

// PackageLock reports the packages of package-lock.json (and
// npm-shrinkwrap.json) files: lockfile v1's nested "dependencies" tree, or
// v2/v3's flat "packages" map, where it is present. Workspace and linked
// entries are the project's own code and are skipped, as are local
// ("file:") dependencies of v1.
type PackageLock struct {
	cfg Config
}

var _ extract.Extractor = (*PackageLock)(nil)

// NewPackageLock returns the package-lock.json extractor.
func NewPackageLock(cfg Config) (*PackageLock, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &PackageLock{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*PackageLock) ID() string { return PackageLockID }

// Version implements extract.Extractor.
func (*PackageLock) Version() int { return 1 }

// Required implements extract.Extractor: package-lock.json and
// npm-shrinkwrap.json outside node_modules (npm's hidden
// node_modules/.package-lock.json repeats the project's lockfile).
func (*PackageLock) Required(p string, _ int64, _ fs.FileMode) bool {
	switch path.Base(p) {
	case "package-lock.json", "npm-shrinkwrap.json":
		return !underNodeModules(p)
	}
	return false
}

// Extract implements extract.Extractor.
func (l *PackageLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, l.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parsePackageLock(in.Path, data, l.cfg.MaxDepth)
}

type lockFile struct {
	LockfileVersion int                    `json:"lockfileVersion"`
	Packages        map[string]lockPackage `json:"packages"`
	Dependencies    map[string]lockV1Entry `json:"dependencies"`
}

type lockPackage struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Dev                  bool              `json:"dev"`
	Link                 bool              `json:"link"`
	License              json.RawMessage   `json:"license"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
}

type lockV1Entry struct {
	Version      string                 `json:"version"`
	Dev          bool                   `json:"dev"`
	Bundled      bool                   `json:"bundled"`
	Dependencies map[string]lockV1Entry `json:"dependencies"`
}

func parsePackageLock(p string, data []byte, maxDepth int) ([]inventory.Package, error) {
	// encoding/json bounds nesting itself (10000 levels); the v1 walk below
	// applies maxDepth.
	var lf lockFile
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, extract.JSONError(p, data, err)
	}
	if lf.Packages != nil {
		return packagesV2(p, lf.Packages), nil
	}
	var pkgs []inventory.Package
	if err := walkV1(p, lf.Dependencies, 1, maxDepth, &pkgs); err != nil {
		return nil, err
	}
	return sortDedup(pkgs), nil
}

// packagesV2 lists the "packages" map of lockfile v2/v3.
func packagesV2(p string, entries map[string]lockPackage) []inventory.Package {
	root := entries[""]
	direct := map[string]bool{}
	for _, deps := range []map[string]string{root.Dependencies, root.DevDependencies, root.OptionalDependencies, root.PeerDependencies} {
		for name := range deps {
			direct[name] = true
		}
	}
	var pkgs []inventory.Package
	for key, e := range entries {
		i := strings.LastIndex(key, "node_modules/")
		if key == "" || e.Link || i < 0 {
			// The root, a symlink to a workspace, or a workspace directory.
			continue
		}
		installed := key[i+len("node_modules/"):]
		name := installed
		if e.Name != "" {
			// An alias ("node_modules/my-lodash" installing lodash).
			name = e.Name
		}
		if !validName(name) || e.Version == "" {
			continue
		}
		pkg := newPackage(name, e.Version, p, PackageLockID)
		pkg.Dev = e.Dev
		// A direct dependency is installed at the top: node_modules/<name>,
		// or in a workspace's own node_modules.
		pkg.Direct = i == 0 && direct[installed]
		pkg.Licenses = licenses(e.License)
		pkgs = append(pkgs, pkg)
	}
	return sortDedup(pkgs)
}

// walkV1 lists lockfile v1's nested dependency tree.
func walkV1(p string, deps map[string]lockV1Entry, depth, maxDepth int, pkgs *[]inventory.Package) error {
	if len(deps) == 0 {
		return nil
	}
	if depth > maxDepth {
		return fmt.Errorf("parse %q: %w", p, &limits.LimitError{What: "package-lock.json dependency depth", Limit: int64(maxDepth)})
	}
	for key, e := range deps {
		name, version := key, e.Version
		if alias, ok := strings.CutPrefix(version, "npm:"); ok {
			// "my-lodash": {"version": "npm:lodash@4.17.21"}.
			if n, v, ok := splitSpec(alias); ok {
				name, version = n, v
			}
		}
		if validName(name) && version != "" && !isLocalVersion(version) {
			pkg := newPackage(name, version, p, PackageLockID)
			pkg.Dev = e.Dev
			*pkgs = append(*pkgs, pkg)
		}
		if err := walkV1(p, e.Dependencies, depth+1, maxDepth, pkgs); err != nil {
			return err
		}
	}
	return nil
}

// isLocalVersion reports versions that point at the local file system.
func isLocalVersion(v string) bool {
	return strings.HasPrefix(v, "file:") || strings.HasPrefix(v, "link:")
}

// underNodeModules reports whether p lies inside a node_modules directory.
func underNodeModules(p string) bool {
	return strings.HasPrefix(p, "node_modules/") || strings.Contains(p, "/node_modules/")
}

// licenses reads a package.json-style license: an SPDX string, or the
// deprecated {"type": "MIT"} object.
func licenses(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s = strings.TrimSpace(s); s != "" {
			return []string{s}
		}
		return nil
	}
	var obj struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(raw, &obj) == nil && strings.TrimSpace(obj.Type) != "" {
		return []string{strings.TrimSpace(obj.Type)}
	}
	return nil
}
