package npm

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// YarnLockID is the plugin ID of the yarn.lock extractor.
const YarnLockID = "lang/yarn-lock"

// YarnLock reports the packages of yarn.lock files, in yarn v1's own format
// and in yarn berry's YAML (recognised by its __metadata entry). Names come
// from the entry keys ("@scope/pkg@^1.0.0, @scope/pkg@^1.1.0:"), aliases
// ("alias@npm:real@^1") resolve to the real package; berry entries that are
// not from the registry (workspaces, links, patches of registry packages,
// which are listed again unpatched) are skipped.
type YarnLock struct {
	cfg Config
}

var _ extract.Extractor = (*YarnLock)(nil)

// NewYarnLock returns the yarn.lock extractor.
func NewYarnLock(cfg Config) (*YarnLock, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &YarnLock{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*YarnLock) ID() string { return YarnLockID }

// Version implements extract.Extractor.
func (*YarnLock) Version() int { return 1 }

// Required implements extract.Extractor: files named yarn.lock outside
// node_modules.
func (*YarnLock) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "yarn.lock" && !underNodeModules(p)
}

// Extract implements extract.Extractor.
func (y *YarnLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, y.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	if isBerry(data) {
		return parseYarnBerry(in.Path, data)
	}
	return parseYarnV1(in.Path, data)
}

// isBerry reports whether a yarn.lock is yarn berry's YAML: it has a
// top-level __metadata entry.
func isBerry(data []byte) bool {
	return bytes.HasPrefix(data, []byte("__metadata:")) || bytes.Contains(data, []byte("\n__metadata:"))
}

// parseYarnV1 reads yarn v1's format: unindented entry headers listing the
// specs they resolve ("a@^1, a@^1.1:"), then indented fields of which only
// the entry's own "version" (indent 2) matters.
func parseYarnV1(p string, data []byte) ([]inventory.Package, error) {
	var pkgs []inventory.Package
	var name string // entry being read; "" when none or skipped
	lines := bytes.Split(data, []byte("\n"))
	for i, raw := range lines {
		line := strings.TrimRight(string(raw), "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case line[0] == '\t':
			return nil, &limits.ParseError{Path: p, Line: i + 1, Col: 1, Msg: "yarn.lock: tab indentation"}
		case indent == 0:
			if !strings.HasSuffix(line, ":") {
				return nil, &limits.ParseError{Path: p, Line: i + 1, Col: 1, Msg: "yarn.lock: entry header does not end with ':'"}
			}
			n, ok := yarnEntryName(strings.TrimSuffix(line, ":"))
			if !ok {
				return nil, &limits.ParseError{Path: p, Line: i + 1, Col: 1, Msg: "yarn.lock: no package name in entry header"}
			}
			name = n // "" for a local package: its fields are skipped
		case indent == 2 && name != "":
			key, value, _ := strings.Cut(trimmed, " ")
			if key != "version" {
				continue
			}
			v := unquote(strings.TrimSpace(value))
			if v != "" {
				pkgs = append(pkgs, newPackage(name, v, p, YarnLockID))
			}
			name = ""
		}
	}
	return sortDedup(pkgs), nil
}

// yarnEntryName returns the package name of an entry header: the name of
// its first spec, or for an alias ("alias@npm:real@^1") the real name; ""
// and true for a local package ("a@file:../a").
func yarnEntryName(header string) (string, bool) {
	first, _, _ := strings.Cut(header, ",")
	spec := unquote(strings.TrimSpace(first))
	name, rest, ok := splitSpec(spec)
	if !ok {
		return "", false
	}
	for _, local := range []string{"file:", "link:", "portal:", "workspace:"} {
		if strings.HasPrefix(rest, local) {
			// The project's own code: nothing to match.
			return "", true
		}
	}
	if alias, ok := strings.CutPrefix(rest, "npm:"); ok {
		// "string-width-cjs@npm:string-width@^4.2.0"; a bare "npm:^4" range
		// keeps the key's name.
		if real, _, ok := splitSpec(alias); ok && validName(real) {
			name = real
		}
	}
	if !validName(name) {
		return "", false
	}
	return name, true
}

// unquote removes yarn's optional double quotes.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
		return s[1 : len(s)-1]
	}
	return s
}

type berryEntry struct {
	Version    string `yaml:"version"`
	Resolution string `yaml:"resolution"`
	LinkType   string `yaml:"linkType"`
}

// parseYarnBerry reads yarn berry's YAML lockfile.
func parseYarnBerry(p string, data []byte) ([]inventory.Package, error) {
	var doc map[string]yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(p, err)
	}
	var pkgs []inventory.Package
	for key, node := range doc {
		if key == "__metadata" || node.Kind != yaml.MappingNode {
			continue
		}
		var e berryEntry
		if err := node.Decode(&e); err != nil {
			return nil, yamlError(p, err)
		}
		// "lodash@npm:4.17.21"; the resolution names the real package of an
		// alias and tells the protocol.
		spec := e.Resolution
		if spec == "" {
			spec, _, _ = strings.Cut(key, ",")
			spec = strings.TrimSpace(spec)
		}
		name, rest, ok := splitSpec(spec)
		if !ok || !strings.HasPrefix(rest, "npm:") || e.LinkType == "soft" {
			continue
		}
		if !validName(name) || e.Version == "" {
			continue
		}
		pkgs = append(pkgs, newPackage(name, e.Version, p, YarnLockID))
	}
	return sortDedup(pkgs), nil
}
