package ruby

import (
	"context"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// Gemspec extracts the gem an installed specification describes:
// specifications/*.gemspec, which RubyGems writes as Ruby code with
// literal values ("s.name = \"rack\".freeze", "s.version = \"2.2.8\"",
// "s.licenses = [\"MIT\".freeze]"). The file is matched line by line with
// regular expressions, not evaluated: a specification computing its values
// (a gem's own source .gemspec) gives a *limits.ParseError.
type Gemspec struct {
	cfg Config
}

var _ extract.Extractor = (*Gemspec)(nil)

// NewGemspec returns the installed gem specification extractor.
func NewGemspec(cfg Config) (*Gemspec, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Gemspec{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*Gemspec) ID() string { return GemspecID }

// Version implements extract.Extractor.
func (*Gemspec) Version() int { return 1 }

// Required implements extract.Extractor: *.gemspec files in a directory
// named specifications (gems/3.2.0/specifications/rack-2.2.8.gemspec).
func (*Gemspec) Required(p string, _ int64, _ fs.FileMode) bool {
	return strings.HasSuffix(p, ".gemspec") && path.Base(path.Dir(p)) == "specifications"
}

var (
	// attrRe matches "<var>.<attr> = <value>" at the start of a line.
	attrRe = regexp.MustCompile(`^\s*\w+\.(name|version|licenses?)\s*=\s*(.*?)\s*$`)
	// stringRe matches one Ruby string literal, with an optional .freeze.
	stringRe = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'`)
)

// Extract implements extract.Extractor.
func (e *Gemspec) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	data, err := extract.ReadAll(in, e.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	var name, version string
	var licenses []string
	for i, line := range strings.Split(string(data), "\n") {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		m := attrRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		strs := stringRe.FindAllStringSubmatch(m[2], -1)
		switch m[1] {
		case "name", "version":
			// Only the first assignment counts, and only a literal one:
			// s.version = "1.2.3" or "1.2.3".freeze, or
			// Gem::Version.new("1.2.3").
			if len(strs) != 1 || (m[1] == "name" && name != "") || (m[1] == "version" && version != "") {
				continue
			}
			v := strs[0][1] + strs[0][2]
			if m[1] == "name" {
				name = v
			} else {
				version = v
			}
		case "license", "licenses":
			if licenses != nil {
				continue
			}
			licenses = []string{}
			for _, s := range strs {
				if v := s[1] + s[2]; v != "" {
					licenses = append(licenses, v)
				}
			}
		}
	}
	if name == "" || version == "" {
		return nil, &limits.ParseError{Path: in.Path, Msg: "no literal name and version"}
	}
	if len(licenses) == 0 {
		licenses = nil
	}
	return []inventory.Package{{
		Name:      name,
		Version:   version,
		Ecosystem: inventory.RubyGems,
		Location:  in.Path,
		Extractor: GemspecID,
		Licenses:  licenses,
	}}, nil
}
