// Package golang holds the inventory extractors of the Go ecosystem:
// "lang/gomod" reads the requirements of a go.mod file and "lang/gobinary"
// the build information embedded in compiled Go programs.
package golang

import (
	"fmt"
	"io"

	"github.com/wardsec/ward/internal/inventory/extract"
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

// readAll reads the whole input, refusing inputs larger than max.
func readAll(in extract.Input, max int64) ([]byte, error) {
	if in.Size > max {
		return nil, fmt.Errorf("read %q: %w", in.Path, &limits.LimitError{What: "file size", Limit: max})
	}
	if in.Size < 0 {
		return nil, fmt.Errorf("read %q: negative size %d", in.Path, in.Size)
	}
	buf := make([]byte, in.Size)
	n, err := in.Reader.ReadAt(buf, 0)
	if n == len(buf) {
		return buf, nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return nil, fmt.Errorf("read %q: %w", in.Path, err)
}
