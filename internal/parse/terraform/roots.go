package terraform

import (
	"io/fs"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

var moduleOnlySchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "module", LabelNames: []string{"name"}}}}

// RootModules returns the directories of dirs (slash-separated, within
// fsys) that no other directory of dirs calls as a local module
// ("source = \"../../\""): Terraform's root modules, which are evaluated
// with their callers' variables. A called module is evaluated as part of
// every caller, never alone with unset variables. Files that do not parse
// are ignored here (the evaluation reports them). When every directory is
// called (a cycle), all are returned.
func RootModules(fsys fs.FS, dirs []string) []string {
	in := make(map[string]bool, len(dirs))
	for _, d := range dirs {
		in[path.Clean(d)] = true
	}
	called := map[string]bool{}
	for _, d := range dirs {
		for _, c := range LocalModuleCalls(fsys, d) {
			if c != path.Clean(d) && in[c] {
				called[c] = true
			}
		}
	}
	var roots []string
	for _, d := range dirs {
		if !called[path.Clean(d)] {
			roots = append(roots, d)
		}
	}
	if len(roots) == 0 {
		return dirs
	}
	return roots
}

// LocalModuleCalls returns the directories (within fsys) of the local
// module calls written in dir's configuration files.
func LocalModuleCalls(fsys fs.FS, dir string) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !(strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json")) {
			continue
		}
		p := path.Join(dir, n)
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			continue
		}
		f, err := ParseFile(p, data)
		if err != nil {
			continue
		}
		c, _, _ := f.Body.PartialContent(moduleOnlySchema)
		for _, b := range c.Blocks {
			attrs, _ := b.Body.JustAttributes()
			a := attrs["source"]
			if a == nil {
				continue
			}
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
				continue
			}
			src := v.AsString()
			if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".." {
				if d := path.Clean(path.Join(dir, src)); fs.ValidPath(d) {
					out = append(out, d)
				}
			}
		}
	}
	return out
}
