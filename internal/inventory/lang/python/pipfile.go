package python

import (
	"context"
	"encoding/json"
	"io/fs"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
)

// PipfileLockID is the plugin ID of the Pipfile.lock extractor.
const PipfileLockID = "lang/pipfile-lock"

// PipfileLock reports the "default" and "develop" (Dev) packages of
// Pipfile.lock files that carry an exact version ("==1.2.3"); editable,
// path and VCS entries have none and are skipped. A package in both
// sections is not dev.
type PipfileLock struct {
	cfg Config
}

var _ extract.Extractor = (*PipfileLock)(nil)

// NewPipfileLock returns the Pipfile.lock extractor.
func NewPipfileLock(cfg Config) (*PipfileLock, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &PipfileLock{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*PipfileLock) ID() string { return PipfileLockID }

// Version implements extract.Extractor.
func (*PipfileLock) Version() int { return 1 }

// Required implements extract.Extractor: files named Pipfile.lock.
func (*PipfileLock) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "Pipfile.lock"
}

type pipfileEntry struct {
	Version string `json:"version"`
}

type pipfileLock struct {
	Default map[string]pipfileEntry `json:"default"`
	Develop map[string]pipfileEntry `json:"develop"`
}

// Extract implements extract.Extractor.
func (l *PipfileLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, l.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parsePipfileLock(in.Path, data)
}

func parsePipfileLock(p string, data []byte) ([]inventory.Package, error) {
	var f pipfileLock
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, extract.JSONError(p, data, err)
	}
	var pkgs []inventory.Package
	for _, section := range []struct {
		entries map[string]pipfileEntry
		dev     bool
	}{{f.Default, false}, {f.Develop, true}} {
		for name, e := range section.entries {
			version, ok := strings.CutPrefix(e.Version, "==")
			if !ok || !validName(name) || !versionRE.MatchString(version) {
				continue
			}
			pkg := newPackage(name, version, p, PipfileLockID)
			pkg.Dev = section.dev
			pkgs = append(pkgs, pkg)
		}
	}
	return sortDedup(pkgs), nil
}
