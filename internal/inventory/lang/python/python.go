// Package python holds the inventory extractors of the PyPI ecosystem:
// requirements files ("lang/python-requirements"), poetry.lock
// ("lang/poetry-lock"), Pipfile.lock ("lang/pipfile-lock"), uv.lock
// ("lang/uv-lock") and installed distributions' metadata
// ("lang/python-dist"). Names are normalised per PEP 503.
package python

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

// Config bounds the extractors of this package. The zero Config means the
// defaults.
type Config struct {
	// MaxFileSize is the largest file read, in bytes
	// (limits.DefaultMaxFileSize when zero). For installed metadata it
	// bounds the header block read, not the whole file.
	MaxFileSize int64
}

func (cfg Config) withDefaults() (Config, error) {
	if cfg.MaxFileSize < 0 {
		return cfg, fmt.Errorf("python config: negative MaxFileSize %d", cfg.MaxFileSize)
	}
	if cfg.MaxFileSize == 0 {
		cfg.MaxFileSize = limits.DefaultMaxFileSize
	}
	return cfg, nil
}

var (
	separatorsRE = regexp.MustCompile(`[-_.]+`)
	nameRE       = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$`)
)

// Normalize returns the PEP 503 normal form of a distribution name:
// lower case, runs of "-", "_" and "." as one "-" ("Foo.Bar_baz" →
// "foo-bar-baz").
func Normalize(name string) string {
	return separatorsRE.ReplaceAllString(strings.ToLower(name), "-")
}

// validName reports whether s is a valid distribution name (PEP 508).
func validName(s string) bool {
	return len(s) <= 200 && nameRE.MatchString(s)
}

func newPackage(name, version, loc, id string) inventory.Package {
	return inventory.Package{Name: Normalize(name), Version: version, Ecosystem: inventory.PyPI, Location: loc, Extractor: id}
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

// tomlError turns a BurntSushi/toml error into a *limits.ParseError.
func tomlError(p string, err error) error {
	var te toml.ParseError
	if errors.As(err, &te) {
		return &limits.ParseError{Path: p, Line: te.Position.Line, Col: te.Position.Col, Msg: "parse TOML: " + te.Message}
	}
	return &limits.ParseError{Path: p, Msg: "parse TOML: " + err.Error()}
}

// decodeTOML decodes a TOML document; the decoder's panics on hostile input
// are turned into parse errors by the library itself.
func decodeTOML(p string, data []byte, v any) error {
	if _, err := toml.Decode(string(data), v); err != nil {
		return tomlError(p, err)
	}
	return nil
}

// checkTOMLNesting rejects documents whose arrays and inline tables nest
// deeper than maxDepth, before the recursive TOML decoder sees them (it
// would exhaust the stack). It skips strings and comments and is
// conservative: only absurd nesting is refused.
func checkTOMLNesting(p string, data []byte, maxDepth int) error {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipTOMLString(data, i)
		case '[', '{':
			depth++
			if depth > maxDepth {
				return fmt.Errorf("parse %q: %w", p, &limits.LimitError{What: "TOML nesting depth", Limit: int64(maxDepth)})
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// skipTOMLString returns the index of the last byte of the string starting
// at data[i] (a quote).
func skipTOMLString(data []byte, i int) int {
	q := data[i]
	if i+2 < len(data) && data[i+1] == q && data[i+2] == q {
		end := bytes.Index(data[i+3:], []byte{q, q, q})
		if q == '"' {
			// Skip escaped quotes inside a multi-line basic string.
			for j := i + 3; j < len(data); j++ {
				if data[j] == '\\' {
					j++
					continue
				}
				if j+2 < len(data) && data[j] == q && data[j+1] == q && data[j+2] == q {
					return j + 2
				}
			}
			return len(data)
		}
		if end < 0 {
			return len(data)
		}
		return i + 3 + end + 2
	}
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q, '\n':
			return j
		}
	}
	return len(data)
}
