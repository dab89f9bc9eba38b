// Package dotnet holds the inventory extractors of the NuGet ecosystem:
// NuGet lockfiles ("lang/nuget-lock") and the .deps.json files of built
// .NET applications ("lang/dotnet-deps").
package dotnet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	if in.Size > max {
		return fmt.Errorf("%s: %w", in.Path, &limits.LimitError{What: "file size", Limit: max})
	}
	if in.Size < 0 {
		return &limits.ParseError{Path: in.Path, Msg: "negative file size"}
	}
	data, err := io.ReadAll(io.NewSectionReader(in.Reader, 0, in.Size))
	if err != nil {
		return fmt.Errorf("read %s: %w", in.Path, err)
	}
	// .NET tools write a UTF-8 byte order mark.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := json.Unmarshal(data, v); err != nil {
		return jsonError(in.Path, data, err)
	}
	return nil
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
