package ruby

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// GemfileLock extracts the gems of a Bundler lockfile (Gemfile.lock,
// gems.locked): the specs of its GEM and GIT sections, "    name (version)"
// at four spaces of indent. A platform suffix is dropped from the version
// ("nokogiri (1.15.4-x86_64-linux)" → 1.15.4); a gem locked for several
// platforms is reported once. Gems named in DEPENDENCIES are Direct. PATH
// sections (gems of the application's own tree) are skipped.
type GemfileLock struct {
	cfg Config
}

var _ extract.Extractor = (*GemfileLock)(nil)

// NewGemfileLock returns the Bundler lockfile extractor.
func NewGemfileLock(cfg Config) (*GemfileLock, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &GemfileLock{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*GemfileLock) ID() string { return GemfileLockID }

// Version implements extract.Extractor.
func (*GemfileLock) Version() int { return 1 }

// Required implements extract.Extractor.
func (*GemfileLock) Required(p string, _ int64, _ fs.FileMode) bool {
	switch path.Base(p) {
	case "Gemfile.lock", "gems.locked":
		return true
	}
	return false
}

// Extract implements extract.Extractor.
func (e *GemfileLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	data, err := extract.ReadAll(in, e.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	var (
		pkgs     []inventory.Package
		section  string
		inSpecs  bool
		seen     = map[string]int{} // name@version -> index in pkgs
		direct   = map[string]bool{}
		firstErr error
	)
	for i, line := range strings.Split(string(data), "\n") {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		line = strings.TrimRight(line, "\r")
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case strings.TrimSpace(line) == "":
			inSpecs = false
		case indent == 0:
			section, inSpecs = line, false
		case indent == 2 && (section == "GEM" || section == "GIT"):
			inSpecs = line == "  specs:"
		case indent == 2 && section == "DEPENDENCIES":
			name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
			direct[strings.TrimSuffix(name, "!")] = true
		case indent == 4 && inSpecs:
			name, version, ok := parseSpec(line[4:])
			if !ok {
				if firstErr == nil {
					firstErr = &limits.ParseError{Path: in.Path, Line: i + 1, Col: 5,
						Msg: fmt.Sprintf("want \"name (version)\", got %q", truncate(line[4:], 80))}
				}
				continue
			}
			if _, dup := seen[name+"@"+version]; dup {
				continue
			}
			seen[name+"@"+version] = len(pkgs)
			pkgs = append(pkgs, inventory.Package{
				Name:      name,
				Version:   version,
				Ecosystem: inventory.RubyGems,
				Location:  in.Path,
				Extractor: GemfileLockID,
			})
		}
	}
	for i := range pkgs {
		pkgs[i].Direct = direct[pkgs[i].Name]
	}
	return pkgs, firstErr
}

// parseSpec splits "name (version[-platform])".
func parseSpec(s string) (name, version string, ok bool) {
	name, rest, ok := strings.Cut(s, " (")
	if !ok || name == "" || strings.ContainsAny(name, " \t") || !strings.HasSuffix(rest, ")") {
		return "", "", false
	}
	version = stripPlatform(strings.TrimSuffix(rest, ")"))
	if version == "" || strings.ContainsAny(version, " \t()") {
		return "", "", false
	}
	return name, version, true
}

// platformParts are the first components of RubyGems platform names: a
// CPU ("x86_64-linux", "arm64-darwin") or an OS without one ("java").
var platformParts = map[string]bool{
	"x86": true, "x86_64": true, "x64": true, "i386": true, "i486": true, "i586": true, "i686": true,
	"arm": true, "armv7": true, "arm64": true, "aarch64": true, "universal": true, "powerpc": true,
	"ppc64": true, "ppc64le": true, "s390x": true, "sparc": true, "riscv64": true, "wasm32": true,
	"java": true, "jruby": true, "dalvik": true, "mswin": true, "mswin32": true, "mswin64": true,
	"mingw": true, "mingw32": true, "darwin": true, "linux": true, "freebsd": true, "openbsd": true,
}

// stripPlatform drops the platform Bundler appends to the version of a
// platform-specific gem ("1.15.4-x86_64-linux" → "1.15.4"), and keeps a
// version that merely holds a hyphen ("1.0.0-rc1").
func stripPlatform(v string) string {
	for i := 0; i < len(v); i++ {
		if v[i] != '-' {
			continue
		}
		first, _, _ := strings.Cut(v[i+1:], "-")
		if platformParts[first] || platformParts[strings.TrimRight(first, "0123456789._")] {
			return v[:i]
		}
	}
	return v
}

// truncate shortens s for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
