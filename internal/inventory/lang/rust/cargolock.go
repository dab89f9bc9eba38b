package rust

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/BurntSushi/toml"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// CargoLock extracts the packages of a Cargo.lock: every [[package]] with
// a source (a registry, "registry+…" or "sparse+…", or a git repository,
// "git+…"). Packages without a source are the workspace's own crates and
// path dependencies, and are skipped.
type CargoLock struct {
	cfg Config
}

var _ extract.Extractor = (*CargoLock)(nil)

// NewCargoLock returns the Cargo.lock extractor.
func NewCargoLock(cfg Config) (*CargoLock, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &CargoLock{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*CargoLock) ID() string { return CargoLockID }

// Version implements extract.Extractor.
func (*CargoLock) Version() int { return 1 }

// Required implements extract.Extractor: files named Cargo.lock.
func (*CargoLock) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "Cargo.lock"
}

type cargoLockFile struct {
	Package []struct {
		Name    string `toml:"name"`
		Version string `toml:"version"`
		Source  string `toml:"source"`
	} `toml:"package"`
}

// Extract implements extract.Extractor.
func (e *CargoLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	data, err := extract.ReadAll(in, e.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	if err := checkTOMLDepth(data, e.cfg.MaxDepth); err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var lock cargoLockFile
	if _, err := toml.Decode(string(data), &lock); err != nil {
		var te toml.ParseError
		if errors.As(err, &te) {
			return nil, &limits.ParseError{Path: in.Path, Line: te.Position.Line, Col: te.Position.Col, Msg: te.Message}
		}
		return nil, &limits.ParseError{Path: in.Path, Msg: err.Error()}
	}
	var pkgs []inventory.Package
	for _, p := range lock.Package {
		if p.Source == "" || p.Name == "" || p.Version == "" {
			continue
		}
		pkgs = append(pkgs, inventory.Package{
			Name:      p.Name,
			Version:   p.Version,
			Ecosystem: inventory.CratesIO,
			Location:  in.Path,
			Extractor: CargoLockID,
		})
	}
	return pkgs, nil
}

// checkTOMLDepth refuses TOML whose arrays and inline tables nest deeper
// than max: the decoder recurses on them, and deep nesting costs it time
// and memory out of proportion to the input. It follows strings and
// comments so that brackets inside them do not count; table headers
// ("[a]", "[[a]]") open and close on one line and stay shallow.
func checkTOMLDepth(data []byte, max int) error {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '"', '\'':
			quote := c
			if hasTriple(data, i, quote) { // multi-line string
				i += 3
				for i < len(data) && !hasTriple(data, i, quote) {
					if quote == '"' && data[i] == '\\' {
						i++
					}
					i++
				}
				i += 3
				// A closing delimiter may carry up to two more quotes.
				for n := 0; n < 2 && i < len(data) && data[i] == quote; n++ {
					i++
				}
				i-- // the loop's i++
				continue
			}
			for i++; i < len(data) && data[i] != quote && data[i] != '\n'; i++ {
				if quote == '"' && data[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
			if depth > max {
				return &limits.LimitError{What: "TOML nesting depth", Limit: int64(max)}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

func hasTriple(data []byte, i int, q byte) bool {
	return i+2 < len(data) && data[i] == q && data[i+1] == q && data[i+2] == q
}
