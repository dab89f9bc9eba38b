package terraform

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/comment"
)

// module is the declarations of one module directory.
type module struct {
	dir       string
	variables map[string]*variableDecl
	varOrder  []string
	objects   []*object // locals, resources, data, module calls, outputs in declaration order
	byID      map[string]*object
	resTypes  map[string]bool
}

type variableDecl struct {
	name     string
	def      hcl.Expression
	ty       cty.Type
	defaults *typeexpr.Defaults
	hasType  bool
	// nonNullable is `nullable = false`: a null from the caller means the
	// default.
	nonNullable bool
}

type objectKind int

const (
	kindLocal objectKind = iota
	kindResource
	kindData
	kindModule
	kindOutput
)

// object is one node of a module's evaluation graph.
type object struct {
	kind    objectKind
	id      string // local.x, aws_s3_bucket.x, data.t.x, module.x, output.x
	typ     string // resource type
	name    string
	expr    hcl.Expression // local / output value
	block   *hcl.Block     // resource / data / module
	count   hcl.Expression
	forEach hcl.Expression
	source  string          // module source
	inputs  hcl.Attributes  // module inputs
	travs   []hcl.Traversal // every reference in the object
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "output", LabelNames: []string{"name"}},
}}

var variableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}, {Name: "nullable"}}}
var outputSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}}}
var resourceSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}}}
var moduleSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "source"}, {Name: "version"}, {Name: "count"}, {Name: "for_each"}, {Name: "providers"}, {Name: "depends_on"},
}}

// readFile reads one file of fsys with the size limit.
func (ev *evaluator) readFile(name string) ([]byte, error) {
	f, err := ev.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limits.DefaultMaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limits.DefaultMaxFileSize {
		return nil, &limits.LimitError{What: "size of " + name, Limit: limits.DefaultMaxFileSize}
	}
	return data, nil
}

func isOverride(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// loadModule parses the configuration files of dir (cached per dir).
func (ev *evaluator) loadModule(dir string) (*module, error) {
	if m, ok := ev.mods[dir]; ok {
		return m, nil
	}
	entries, err := fs.ReadDir(ev.fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("terraform: read module %q: %w", dir, err)
	}
	m := &module{dir: dir, variables: map[string]*variableDecl{}, byID: map[string]*object{}, resTypes: map[string]bool{}}
	ev.mods[dir] = m
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !(strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json")) || isOverride(n) {
			continue
		}
		p := path.Join(dir, n)
		data, err := ev.readFile(p)
		if err != nil {
			ev.addError(p, 0, err.Error())
			continue
		}
		ev.res.Ignores = append(ev.res.Ignores, comment.Ignores(p, data)...)
		f, err := ParseFile(p, data)
		if err != nil {
			ev.addErr(p, err)
			continue
		}
		m.addFile(ev, f)
	}
	return m, nil
}

func (m *module) add(ev *evaluator, o *object, rng hcl.Range) {
	if _, dup := m.byID[o.id]; dup {
		ev.addError(rng.Filename, rng.Start.Line, fmt.Sprintf("duplicate %s", o.id))
		return
	}
	m.byID[o.id] = o
	m.objects = append(m.objects, o)
}

func (m *module) addFile(ev *evaluator, f *hcl.File) {
	content, _, diags := f.Body.PartialContent(fileSchema)
	ev.addDiags(diags)
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			m.addVariable(ev, b)
		case "locals":
			attrs, diags := b.Body.JustAttributes()
			ev.addDiags(diags)
			for _, name := range sortedByPos(attrs) {
				a := attrs[name]
				m.add(ev, &object{kind: kindLocal, id: "local." + name, name: name, expr: a.Expr, travs: a.Expr.Variables()}, a.NameRange)
			}
		case "output":
			c, _, diags := b.Body.PartialContent(outputSchema)
			ev.addDiags(diags)
			o := &object{kind: kindOutput, id: "output." + b.Labels[0], name: b.Labels[0]}
			if a := c.Attributes["value"]; a != nil {
				o.expr = a.Expr
				o.travs = a.Expr.Variables()
			}
			m.add(ev, o, b.DefRange)
		case "resource", "data":
			c, _, diags := b.Body.PartialContent(resourceSchema)
			ev.addDiags(diags)
			o := &object{kind: kindResource, typ: b.Labels[0], name: b.Labels[1], block: b, id: b.Labels[0] + "." + b.Labels[1]}
			if b.Type == "data" {
				o.kind, o.id = kindData, "data."+o.id
			} else {
				m.resTypes[o.typ] = true
			}
			if a := c.Attributes["count"]; a != nil {
				o.count = a.Expr
			}
			if a := c.Attributes["for_each"]; a != nil {
				o.forEach = a.Expr
			}
			o.travs = bodyTraversals(b.Body, 0)
			m.add(ev, o, b.DefRange)
		case "module":
			c, remain, diags := b.Body.PartialContent(moduleSchema)
			ev.addDiags(diags)
			o := &object{kind: kindModule, id: "module." + b.Labels[0], name: b.Labels[0], block: b}
			if a := c.Attributes["source"]; a != nil {
				v, d := a.Expr.Value(nil)
				if d.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
					ev.addError(a.Range.Filename, a.Range.Start.Line, "module source must be a literal string")
				} else {
					o.source = v.AsString()
				}
			}
			if a := c.Attributes["count"]; a != nil {
				o.count = a.Expr
				o.travs = append(o.travs, a.Expr.Variables()...)
			}
			if a := c.Attributes["for_each"]; a != nil {
				o.forEach = a.Expr
				o.travs = append(o.travs, a.Expr.Variables()...)
			}
			attrs, _ := remain.JustAttributes()
			o.inputs = attrs
			for _, a := range attrs {
				o.travs = append(o.travs, a.Expr.Variables()...)
			}
			m.add(ev, o, b.DefRange)
		}
	}
}

func (m *module) addVariable(ev *evaluator, b *hcl.Block) {
	c, _, diags := b.Body.PartialContent(variableSchema)
	ev.addDiags(diags)
	name := b.Labels[0]
	if _, dup := m.variables[name]; dup {
		ev.addError(b.DefRange.Filename, b.DefRange.Start.Line, "duplicate variable "+name)
		return
	}
	v := &variableDecl{name: name, ty: cty.DynamicPseudoType}
	if a := c.Attributes["default"]; a != nil {
		v.def = a.Expr
	}
	if a := c.Attributes["nullable"]; a != nil {
		if nv, diags := a.Expr.Value(nil); !diags.HasErrors() && nv.Type() == cty.Bool && nv.IsKnown() && !nv.IsNull() && nv.False() {
			v.nonNullable = true
		}
	}
	if a := c.Attributes["type"]; a != nil {
		ty, defs, diags := typeexpr.TypeConstraintWithDefaults(a.Expr)
		if diags.HasErrors() {
			if lt, ok := legacyType(a.Expr); ok {
				v.ty, v.hasType = lt, true
			} else {
				ev.addDiags(diags)
			}
		} else {
			v.ty, v.defaults, v.hasType = ty, defs, true
		}
	}
	m.variables[name] = v
	m.varOrder = append(m.varOrder, name)
}

// sortedByPos returns attribute names in source order.
func sortedByPos(attrs hcl.Attributes) []string {
	names := sortedKeys(attrs)
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && posLess(attrs[names[j]].Range, attrs[names[j-1]].Range); j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return names
}

func posLess(a, b hcl.Range) bool {
	if a.Filename != b.Filename {
		return a.Filename < b.Filename
	}
	return a.Start.Byte < b.Start.Byte
}

// loadModulesJSON reads .terraform/modules/modules.json of the root module,
// the record `terraform init` leaves of downloaded modules.
func (ev *evaluator) loadModulesJSON() {
	p := path.Join(ev.root, ".terraform/modules/modules.json")
	data, err := ev.readFile(p)
	if err != nil {
		return
	}
	var mj struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if err := json.Unmarshal(data, &mj); err != nil {
		ev.addError(p, 0, "parse modules.json: "+err.Error())
		return
	}
	ev.modulesJSON = map[string]string{}
	for _, m := range mj.Modules {
		if m.Key == "" {
			continue
		}
		d := path.Clean(path.Join(ev.root, m.Dir))
		if fs.ValidPath(d) {
			ev.modulesJSON[m.Key] = d
		}
	}
}

// resolveSource returns the directory of a module call, or "" when the
// module is not available locally.
func (ev *evaluator) resolveSource(parentDir string, keyPath []string, source string) string {
	if strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../") || source == "." || source == ".." {
		d := path.Clean(path.Join(parentDir, source))
		if fs.ValidPath(d) {
			return d
		}
		return ""
	}
	if d, ok := ev.modulesJSON[strings.Join(keyPath, ".")]; ok {
		return d
	}
	return ""
}

// legacyType reads Terraform 0.11 quoted type names ("string", "list",
// "map").
func legacyType(expr hcl.Expression) (cty.Type, bool) {
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return cty.NilType, false
	}
	switch v.AsString() {
	case "string":
		return cty.String, true
	case "list":
		return cty.List(cty.DynamicPseudoType), true
	case "map":
		return cty.Map(cty.DynamicPseudoType), true
	}
	return cty.NilType, false
}
