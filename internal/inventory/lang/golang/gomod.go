package golang

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"sort"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// GoModID is the plugin ID of the go.mod extractor.
const GoModID = "lang/gomod"

// GoMod reports the module requirements of go.mod files. The main module is
// not a dependency; "// indirect" requirements have Direct false; a replace
// directive pointing at another module reports the replacement's path and
// version, one pointing at a local directory drops the requirement.
type GoMod struct {
	cfg Config
}

var _ extract.Extractor = (*GoMod)(nil)

// NewGoMod returns the go.mod extractor.
func NewGoMod(cfg Config) (*GoMod, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &GoMod{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*GoMod) ID() string { return GoModID }

// Version implements extract.Extractor.
func (*GoMod) Version() int { return 1 }

// Required implements extract.Extractor: files named go.mod.
func (*GoMod) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "go.mod"
}

// Extract implements extract.Extractor.
func (g *GoMod) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := extract.ReadAll(in, g.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parseGoMod(in.Path, data)
}

// parseGoMod parses go.mod content into its (replaced) requirements.
func parseGoMod(p string, data []byte) ([]inventory.Package, error) {
	f, err := modfile.Parse(p, data, nil)
	if err != nil {
		return nil, modfileError(p, err)
	}
	// Replacements: a version-specific one wins over a wildcard one.
	exact := map[module.Version]module.Version{}
	wildcard := map[string]module.Version{}
	for _, r := range f.Replace {
		if r.Old.Version != "" {
			exact[r.Old] = r.New
		} else {
			wildcard[r.Old.Path] = r.New
		}
	}
	var pkgs []inventory.Package
	for _, req := range f.Require {
		mod := req.Mod
		if to, ok := exact[mod]; ok {
			mod = to
		} else if to, ok := wildcard[mod.Path]; ok {
			mod = to
		}
		if mod.Version == "" {
			// Replaced by a local directory: no published version to match.
			continue
		}
		pkgs = append(pkgs, inventory.Package{
			Name:      mod.Path,
			Version:   mod.Version,
			Ecosystem: inventory.Go,
			Location:  p,
			Extractor: GoModID,
			Direct:    !req.Indirect,
		})
	}
	sort.SliceStable(pkgs, func(i, j int) bool {
		if pkgs[i].Name != pkgs[j].Name {
			return pkgs[i].Name < pkgs[j].Name
		}
		return pkgs[i].Version < pkgs[j].Version
	})
	return pkgs, nil
}

// modfileError turns a modfile error into a *limits.ParseError at the
// position of its first entry.
func modfileError(p string, err error) error {
	pe := &limits.ParseError{Path: p, Msg: err.Error()}
	var list modfile.ErrorList
	var one *modfile.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		one = &list[0]
	case errors.As(err, &one):
	}
	if one != nil {
		pe.Line, pe.Col = one.Pos.Line, one.Pos.LineRune
		pe.Msg = "parse go.mod"
		if one.Err != nil {
			pe.Msg += ": " + one.Err.Error()
		}
		if len(list) > 1 {
			pe.Msg += " (and more errors)"
		}
	}
	return pe
}
