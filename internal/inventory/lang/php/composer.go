// Package php holds the inventory extractor of the Packagist ecosystem:
// composer.lock files ("lang/composer-lock").
package php

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"path"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// ComposerLockID is the extractor's ID, stable forever.
const ComposerLockID = "lang/composer-lock"

// Config bounds what the extractor reads. A zero field takes its default;
// a negative one is an error.
type Config struct {
	// MaxFileSize is the most bytes read from one file (default
	// limits.DefaultMaxFileSize).
	MaxFileSize int64
}

// ComposerLock extracts the packages of a composer.lock: "packages", and
// "packages-dev" with Dev set. Versions are kept as written except for a
// leading "v" before a digit, which Composer tags carry and Packagist
// advisories do not ("v5.4.21" → "5.4.21"); branch versions
// ("dev-main") are kept as they are. Licenses come from "license".
type ComposerLock struct {
	cfg Config
}

var _ extract.Extractor = (*ComposerLock)(nil)

// NewComposerLock returns the composer.lock extractor.
func NewComposerLock(cfg Config) (*ComposerLock, error) {
	if cfg.MaxFileSize < 0 {
		return nil, errors.New("php: negative limit in config")
	}
	if cfg.MaxFileSize == 0 {
		cfg.MaxFileSize = limits.DefaultMaxFileSize
	}
	return &ComposerLock{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*ComposerLock) ID() string { return ComposerLockID }

// Version implements extract.Extractor.
func (*ComposerLock) Version() int { return 1 }

// Required implements extract.Extractor: files named composer.lock.
func (*ComposerLock) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "composer.lock"
}

type composerPackage struct {
	Name    string      `json:"name"`
	Version string      `json:"version"`
	License licenseList `json:"license"`
}

// licenseList reads "license" as Composer writes it, an array, or as a
// single string some older lockfiles hold.
type licenseList []string

func (l *licenseList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*l = licenseList{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*l = many
	return nil
}

type composerLockFile struct {
	Packages    []composerPackage `json:"packages"`
	PackagesDev []composerPackage `json:"packages-dev"`
}

// Extract implements extract.Extractor.
func (e *ComposerLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	data, err := extract.ReadAll(in, e.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var lock composerLockFile
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, extract.JSONError(in.Path, data, err)
	}
	var pkgs []inventory.Package
	add := func(list []composerPackage, dev bool) {
		for _, p := range list {
			if p.Name == "" || p.Version == "" {
				continue
			}
			var lic []string
			for _, l := range p.License {
				if l != "" {
					lic = append(lic, l)
				}
			}
			pkgs = append(pkgs, inventory.Package{
				Name:      p.Name,
				Version:   trimV(p.Version),
				Ecosystem: inventory.Packagist,
				Location:  in.Path,
				Extractor: ComposerLockID,
				Licenses:  lic,
				Dev:       dev,
			})
		}
	}
	add(lock.Packages, false)
	add(lock.PackagesDev, true)
	return pkgs, nil
}

// trimV strips the "v" of a tag version: "v1.2.3" → "1.2.3".
func trimV(v string) string {
	if len(v) > 1 && (v[0] == 'v' || v[0] == 'V') && v[1] >= '0' && v[1] <= '9' {
		return v[1:]
	}
	return v
}
