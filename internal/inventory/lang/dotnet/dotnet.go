// Package dotnet holds the inventory extractors of the NuGet ecosystem:
// NuGet lockfiles ("lang/nuget-lock") and the .deps.json files of built
// .NET applications ("lang/dotnet-deps").
package dotnet

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// Extractor IDs, stable forever.
const (
	NuGetLockID  = "lang/nuget-lock"
	DotnetDepsID = "lang/dotnet-deps"
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
		return c, errors.New("dotnet: negative limit in config")
	}
	if c.MaxFileSize == 0 {
		c.MaxFileSize = limits.DefaultMaxFileSize
	}
	return c, nil
}

// readJSON reads the whole input, at most max bytes, into v.
func readJSON(in extract.Input, max int64, v any) error {
	data, err := extract.ReadAll(in, max)
	if err != nil {
		return err
	}
	// .NET tools write a UTF-8 byte order mark.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := json.Unmarshal(data, v); err != nil {
		return extract.JSONError(in.Path, data, err)
	}
	return nil
}

// sortPackages orders packages read from JSON objects, whose order Go
// maps lose, by name (case-insensitively, as NuGet compares) and version.
func sortPackages(pkgs []inventory.Package) {
	sort.Slice(pkgs, func(i, j int) bool {
		a, b := strings.ToLower(pkgs[i].Name), strings.ToLower(pkgs[j].Name)
		if a != b {
			return a < b
		}
		if pkgs[i].Version != pkgs[j].Version {
			return pkgs[i].Version < pkgs[j].Version
		}
		return pkgs[i].Name < pkgs[j].Name
	})
}
