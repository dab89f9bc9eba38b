// Package npm holds the inventory extractors of the npm ecosystem:
// package-lock.json ("lang/npm-lock"), yarn.lock v1 and berry
// ("lang/yarn-lock"), pnpm-lock.yaml ("lang/pnpm-lock") and the package.json
// files of installed node_modules ("lang/node-modules").
package npm

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

// Config bounds the extractors of this package. The zero Config means the
// defaults.
type Config struct {
	// MaxFileSize is the largest file read, in bytes
	// (limits.DefaultMaxFileSize when zero).
	MaxFileSize int64
	// MaxDepth bounds the nesting of package-lock.json v1 dependency trees
	// (limits.DefaultMaxDepth when zero).
	MaxDepth int
}

func (cfg Config) withDefaults() (Config, error) {
	if cfg.MaxFileSize < 0 {
		return cfg, fmt.Errorf("npm config: negative MaxFileSize %d", cfg.MaxFileSize)
	}
	if cfg.MaxDepth < 0 {
		return cfg, fmt.Errorf("npm config: negative MaxDepth %d", cfg.MaxDepth)
	}
	if cfg.MaxFileSize == 0 {
		cfg.MaxFileSize = limits.DefaultMaxFileSize
	}
	if cfg.MaxDepth == 0 {
		cfg.MaxDepth = limits.DefaultMaxDepth
	}
	return cfg, nil
}

var yamlLineRE = regexp.MustCompile(`line ([0-9]+)`)

// yamlError turns a gopkg.in/yaml.v3 error (which carries its position only
// in the text) into a *limits.ParseError.
func yamlError(p string, err error) error {
	pe := &limits.ParseError{Path: p, Msg: "parse YAML: " + err.Error()}
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n > 0 {
			pe.Line = n
		}
	}
	return pe
}

// splitSpec splits "name@rest" at the "@" after the name, keeping a scope's
// leading "@": "@babel/core@^7.0.0" → "@babel/core", "^7.0.0".
func splitSpec(s string) (name, rest string, ok bool) {
	i := strings.Index(s[min(1, len(s)):], "@")
	if i < 0 {
		return s, "", false
	}
	i++
	return s[:i], s[i+1:], true
}

// validName reports whether s can be an npm package name (loosely: the
// registry accepts legacy names with capitals).
func validName(s string) bool {
	if s == "" || len(s) > 214 || strings.ContainsAny(s, " \t\r\n\"'\\") {
		return false
	}
	if strings.HasPrefix(s, "@") {
		scope, name, ok := strings.Cut(s[1:], "/")
		return ok && scope != "" && name != "" && !strings.Contains(name, "/")
	}
	return !strings.Contains(s, "/")
}

func newPackage(name, version, loc, id string) inventory.Package {
	return inventory.Package{Name: name, Version: version, Ecosystem: inventory.NPM, Location: loc, Extractor: id}
}

// sortDedup orders packages by name and version and merges duplicates: a
// package is dev only if every occurrence is, direct if any is.
func sortDedup(pkgs []inventory.Package) []inventory.Package {
	sort.SliceStable(pkgs, func(i, j int) bool {
		if pkgs[i].Name != pkgs[j].Name {
			return pkgs[i].Name < pkgs[j].Name
		}
		return pkgs[i].Version < pkgs[j].Version
	})
	out := pkgs[:0]
	for _, p := range pkgs {
		if n := len(out); n > 0 && out[n-1].Name == p.Name && out[n-1].Version == p.Version {
			out[n-1].Dev = out[n-1].Dev && p.Dev
			out[n-1].Direct = out[n-1].Direct || p.Direct
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
