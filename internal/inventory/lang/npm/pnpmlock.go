package npm

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
)

// PnpmLockID is the plugin ID of the pnpm-lock.yaml extractor.
const PnpmLockID = "lang/pnpm-lock"

// PnpmLock reports the packages of pnpm-lock.yaml files, lockfile versions 5
// ("/name/1.2.3_peer@1"), 6 ("/name@1.2.3(peer@1)") and 9 ("name@1.2.3",
// with dependencies in "snapshots"). Direct comes from the root's or the
// importers' dependency lists; Dev from the packages' dev flag (v5, v6) or,
// in v9 which has none, from reachability: a package only reachable from
// devDependencies is dev. Local (link:, file:) packages are skipped.
type PnpmLock struct {
	cfg Config
}

var _ extract.Extractor = (*PnpmLock)(nil)

// NewPnpmLock returns the pnpm-lock.yaml extractor.
func NewPnpmLock(cfg Config) (*PnpmLock, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &PnpmLock{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*PnpmLock) ID() string { return PnpmLockID }

// Version implements extract.Extractor.
func (*PnpmLock) Version() int { return 1 }

// Required implements extract.Extractor: files named pnpm-lock.yaml outside
// node_modules.
func (*PnpmLock) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "pnpm-lock.yaml" && !underNodeModules(p)
}

// Extract implements extract.Extractor.
func (l *PnpmLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, l.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parsePnpmLock(in.Path, data)
}

// pnpmDep is a dependency reference: "1.2.3" in v5, {specifier, version}
// from v6 on.
type pnpmDep struct {
	Version string
}

func (d *pnpmDep) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		d.Version = n.Value
		return nil
	case yaml.MappingNode:
		var v struct {
			Version string `yaml:"version"`
		}
		if err := n.Decode(&v); err != nil {
			return err
		}
		d.Version = v.Version
		return nil
	}
	return fmt.Errorf("line %d: dependency is neither a version nor a mapping", n.Line)
}

type pnpmDeps struct {
	Dependencies         map[string]pnpmDep `yaml:"dependencies"`
	DevDependencies      map[string]pnpmDep `yaml:"devDependencies"`
	OptionalDependencies map[string]pnpmDep `yaml:"optionalDependencies"`
}

type pnpmPackage struct {
	Name    string `yaml:"name"`
	Version string `yaml:"version"`
	Dev     *bool  `yaml:"dev"`
}

type pnpmSnapshot struct {
	Dependencies         map[string]string `yaml:"dependencies"`
	OptionalDependencies map[string]string `yaml:"optionalDependencies"`
}

type pnpmFile struct {
	LockfileVersion any `yaml:"lockfileVersion"`
	pnpmDeps        `yaml:",inline"`
	Importers       map[string]pnpmDeps     `yaml:"importers"`
	Packages        map[string]pnpmPackage  `yaml:"packages"`
	Snapshots       map[string]pnpmSnapshot `yaml:"snapshots"`
}

func parsePnpmLock(p string, data []byte) ([]inventory.Package, error) {
	var f pnpmFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, yamlError(p, err)
	}
	major := lockfileMajor(f.LockfileVersion)
	slashKeys := major > 0 && major < 6

	// Direct dependencies, as "name@version", of the root (single-project
	// v5/v6) and of every importer.
	importers := []pnpmDeps{f.pnpmDeps}
	for _, imp := range f.Importers {
		importers = append(importers, imp)
	}
	direct := map[string]bool{}
	var prodRoots, devRoots []string
	for _, imp := range importers {
		for _, group := range []struct {
			deps map[string]pnpmDep
			dev  bool
		}{{imp.Dependencies, false}, {imp.OptionalDependencies, false}, {imp.DevDependencies, true}} {
			for name, d := range group.deps {
				id, ok := depID(name, d.Version, slashKeys)
				if !ok {
					continue
				}
				direct[id] = true
				if group.dev {
					devRoots = append(devRoots, id)
				} else {
					prodRoots = append(prodRoots, id)
				}
			}
		}
	}

	// v9 has no dev flags: walk the snapshot graph from both kinds of root.
	var prod, dev map[string]bool
	if len(f.Snapshots) > 0 {
		graph := map[string][]string{}
		for key, s := range f.Snapshots {
			name, version, ok := pnpmKey(key, false)
			if !ok {
				continue
			}
			from := name + "@" + version
			for _, deps := range []map[string]string{s.Dependencies, s.OptionalDependencies} {
				for dn, dv := range deps {
					if id, ok := depID(dn, dv, false); ok {
						graph[from] = append(graph[from], id)
					}
				}
			}
		}
		prod, dev = reach(graph, prodRoots), reach(graph, devRoots)
	}

	var pkgs []inventory.Package
	for key, e := range f.Packages {
		name, version, ok := pnpmKey(key, slashKeys)
		if e.Name != "" && e.Version != "" {
			// Git and tarball packages name themselves.
			name, version, ok = e.Name, e.Version, true
		}
		if !ok || !validName(name) {
			continue
		}
		id := name + "@" + version
		pkg := newPackage(name, version, p, PnpmLockID)
		pkg.Direct = direct[id]
		if e.Dev != nil {
			pkg.Dev = *e.Dev
		} else if prod != nil {
			pkg.Dev = !prod[id] && dev[id]
		}
		pkgs = append(pkgs, pkg)
	}
	return sortDedup(pkgs), nil
}

// lockfileMajor returns the major lockfile version (5 for 5.4, 9 for
// '9.0'), 0 when unknown.
func lockfileMajor(v any) int {
	s := fmt.Sprint(v)
	major, _, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(major)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// pnpmKey parses a packages or snapshots key: "/name/1.2.3_peer" (v5),
// "/@scope/name@1.2.3(peer@1)" (v6) or "name@1.2.3(peer)" (v9). ok is false
// for keys that are not registry versions (links, tarballs, git).
func pnpmKey(key string, slashKeys bool) (name, version string, ok bool) {
	key = strings.TrimPrefix(key, "/")
	if slashKeys {
		n := 1
		if strings.HasPrefix(key, "@") {
			n = 2
		}
		parts := strings.SplitN(key, "/", n+1)
		if len(parts) != n+1 {
			return "", "", false
		}
		name, version = strings.Join(parts[:n], "/"), parts[n]
		version, _, _ = strings.Cut(version, "_")
	} else {
		key, _, _ = strings.Cut(key, "(")
		if name, version, ok = splitSpec(key); !ok {
			return "", "", false
		}
	}
	return name, version, isRegistryVersion(version)
}

// depID returns the "name@version" a dependency reference points at:
// "1.2.3", "1.2.3_peer" (v5), "1.2.3(peer)", an alias "real@1.2.3", or a v5
// "/real/1.2.3" path. Local references (link:, file:) have none.
func depID(name, ref string, slashKeys bool) (string, bool) {
	if strings.HasPrefix(ref, "/") {
		n, v, ok := pnpmKey(ref, slashKeys)
		return n + "@" + v, ok
	}
	ref, _, _ = strings.Cut(ref, "(")
	if slashKeys {
		ref, _, _ = strings.Cut(ref, "_")
	}
	if n, v, ok := splitSpec(ref); ok {
		name, ref = n, v
	}
	if !isRegistryVersion(ref) {
		return "", false
	}
	return name + "@" + ref, true
}

// isRegistryVersion reports whether v looks like a published version (it
// starts with a digit), not a link, file, git or tarball reference.
func isRegistryVersion(v string) bool {
	return v != "" && v[0] >= '0' && v[0] <= '9' && !strings.ContainsAny(v, "/: ")
}

// reach returns the nodes reachable from roots.
func reach(graph map[string][]string, roots []string) map[string]bool {
	seen := map[string]bool{}
	stack := append([]string(nil), roots...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, graph[n]...)
	}
	return seen
}
