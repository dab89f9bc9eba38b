// Package golang holds the inventory extractors of the Go ecosystem:
// "lang/gomod" reads the requirements of a go.mod file and "lang/gobinary"
// the build information embedded in compiled Go programs.
package golang

import (
	"fmt"

	"github.com/wardsec/ward/internal/limits"
)

// DefaultMaxBinarySize is the largest file the Go binary extractor opens.
const DefaultMaxBinarySize = 256 << 20

// Config bounds the extractors of this package. The zero Config means the
// defaults.
type Config struct {
	// MaxFileSize is the largest go.mod read, in bytes
	// (limits.DefaultMaxFileSize when zero).
	MaxFileSize int64
	// MaxBinarySize is the largest file offered to the Go binary extractor,
	// in bytes (DefaultMaxBinarySize when zero). Larger files are not
	// required. The binary is read in place, never whole.
	MaxBinarySize int64
}

// withDefaults validates cfg and fills zero limits.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.MaxFileSize < 0 {
		return cfg, fmt.Errorf("golang config: negative MaxFileSize %d", cfg.MaxFileSize)
	}
	if cfg.MaxBinarySize < 0 {
		return cfg, fmt.Errorf("golang config: negative MaxBinarySize %d", cfg.MaxBinarySize)
	}
	if cfg.MaxFileSize == 0 {
		cfg.MaxFileSize = limits.DefaultMaxFileSize
	}
	if cfg.MaxBinarySize == 0 {
		cfg.MaxBinarySize = DefaultMaxBinarySize
	}
	return cfg, nil
}
