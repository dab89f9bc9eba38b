// Package rust holds the inventory extractors of the Rust ecosystem:
// Cargo.lock files ("lang/cargo-lock") and binaries built with
// cargo-auditable ("lang/cargo-auditable"). Every package they report is
// in the crates.io ecosystem.
package rust

import (
	"errors"

	"github.com/wardsec/ward/internal/limits"
)

// Extractor IDs, stable forever.
const (
	CargoLockID      = "lang/cargo-lock"
	CargoAuditableID = "lang/cargo-auditable"
)

// DefaultMaxSectionSize is the default cap of the compressed and the
// decompressed dependency section of a binary.
const DefaultMaxSectionSize = 8 << 20

// Config bounds what the extractors read. A zero field takes its default;
// a negative one is an error.
type Config struct {
	// MaxFileSize is the most bytes read from a Cargo.lock (default
	// limits.DefaultMaxFileSize).
	MaxFileSize int64
	// MaxDepth is the deepest nesting of TOML arrays and inline tables
	// (default limits.DefaultMaxDepth).
	MaxDepth int
	// MaxSectionSize caps the .dep-v0 section of a binary, compressed and
	// decompressed (default DefaultMaxSectionSize).
	MaxSectionSize int64
}

func (c Config) withDefaults() (Config, error) {
	if c.MaxFileSize < 0 || c.MaxDepth < 0 || c.MaxSectionSize < 0 {
		return c, errors.New("rust: negative limit in config")
	}
	if c.MaxFileSize == 0 {
		c.MaxFileSize = limits.DefaultMaxFileSize
	}
	if c.MaxDepth == 0 {
		c.MaxDepth = limits.DefaultMaxDepth
	}
	if c.MaxSectionSize == 0 {
		c.MaxSectionSize = DefaultMaxSectionSize
	}
	return c, nil
}
