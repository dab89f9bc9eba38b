// Package ruby holds the inventory extractors of the RubyGems ecosystem:
// Bundler lockfiles ("lang/gemfile-lock") and the specifications of
// installed gems ("lang/gemspec").
package ruby

import (
	"errors"

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
