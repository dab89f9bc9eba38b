package python

import (
	"context"
	"io/fs"
	"path"
	"slices"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// PoetryLockID is the plugin ID of the poetry.lock extractor.
const PoetryLockID = "lang/poetry-lock"

// PoetryLock reports the [[package]] entries of poetry.lock files. Dev comes
// from "category = \"dev\"" (lock format 1.x) or from "groups" without
// "main" (Poetry 2); packages from a local directory or file are the
// project's own code and are skipped.
type PoetryLock struct {
	cfg Config
}

var _ extract.Extractor = (*PoetryLock)(nil)

// NewPoetryLock returns the poetry.lock extractor.
func NewPoetryLock(cfg Config) (*PoetryLock, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &PoetryLock{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*PoetryLock) ID() string { return PoetryLockID }

// Version implements extract.Extractor.
func (*PoetryLock) Version() int { return 1 }

// Required implements extract.Extractor: files named poetry.lock.
func (*PoetryLock) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "poetry.lock"
}

type poetryFile struct {
	Package []struct {
		Name     string   `toml:"name"`
		Version  string   `toml:"version"`
		Category string   `toml:"category"`
		Groups   []string `toml:"groups"`
		Source   struct {
			Type string `toml:"type"`
		} `toml:"source"`
	} `toml:"package"`
}

// Extract implements extract.Extractor.
func (l *PoetryLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, l.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parsePoetryLock(in.Path, data)
}

func parsePoetryLock(p string, data []byte) ([]inventory.Package, error) {
	if err := checkTOMLNesting(p, data, limits.DefaultMaxDepth); err != nil {
		return nil, err
	}
	var f poetryFile
	if err := decodeTOML(p, data, &f); err != nil {
		return nil, err
	}
	var pkgs []inventory.Package
	for _, e := range f.Package {
		switch e.Source.Type {
		case "directory", "file":
			continue
		}
		if !validName(e.Name) || e.Version == "" {
			continue
		}
		pkg := newPackage(e.Name, e.Version, p, PoetryLockID)
		pkg.Dev = e.Category == "dev" || (len(e.Groups) > 0 && !slices.Contains(e.Groups, "main"))
		pkgs = append(pkgs, pkg)
	}
	return sortDedup(pkgs), nil
}
