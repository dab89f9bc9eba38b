// Package ruby holds the inventory extractors of the RubyGems ecosystem:
// Bundler lockfiles ("lang/gemfile-lock") and the specifications of
// installed gems ("lang/gemspec").
package ruby

import (
	"errors"
	"fmt"
	"io"

	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// Extractor IDs, stable forever.
const (
	GemfileLockID = "lang/gemfile-lock"
	GemspecID     = "lang/gemspec"
)

// Config bounds what the extractors read. A zero field takes its default;
// a negative one is an error.
type Config struct {
	// MaxFileSize is the most bytes read from one file (default
	// limits.DefaultMaxFileSize).
	MaxFileSize int64
}

func (c Config) withDefaults() (Config, error) {
	if c.MaxFileSize < 0 {
		return c, errors.New("ruby: negative limit in config")
	}
	if c.MaxFileSize == 0 {
		c.MaxFileSize = limits.DefaultMaxFileSize
	}
	return c, nil
}

// readFile reads the whole input, refusing one larger than max bytes.
func readFile(in extract.Input, max int64) ([]byte, error) {
	if in.Size > max {
		return nil, fmt.Errorf("%s: %w", in.Path, &limits.LimitError{What: "file size", Limit: max})
	}
	if in.Size < 0 {
		return nil, &limits.ParseError{Path: in.Path, Msg: "negative file size"}
	}
	b, err := io.ReadAll(io.NewSectionReader(in.Reader, 0, in.Size))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", in.Path, err)
	}
	return b, nil
}
