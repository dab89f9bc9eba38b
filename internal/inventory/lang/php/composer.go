// Package php holds the inventory extractor of the Packagist ecosystem:
// composer.lock files ("lang/composer-lock").
package php

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

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
	if in.Size > e.cfg.MaxFileSize {
		return nil, fmt.Errorf("%s: %w", in.Path, &limits.LimitError{What: "file size", Limit: e.cfg.MaxFileSize})
	}
	if in.Size < 0 {
		return nil, &limits.ParseError{Path: in.Path, Msg: "negative file size"}
	}
	data, err := io.ReadAll(io.NewSectionReader(in.Reader, 0, in.Size))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", in.Path, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var lock composerLockFile
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, jsonError(in.Path, data, err)
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

// jsonError turns an encoding/json error into a *limits.ParseError with
// the line and column of its offset.
func jsonError(p string, data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if off < 0 || off > int64(len(data)) {
		return &limits.ParseError{Path: p, Msg: msg}
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return &limits.ParseError{Path: p, Line: line, Col: col, Msg: msg}
}
