package terraform

import (
	"fmt"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

// scope is one instance of a module being evaluated.
type scope struct {
	ev        *evaluator
	mod       *module
	prefix    string   // address prefix: "" or "module.a[0]."
	keyPath   []string // module names from the root, for modules.json keys
	depth     int
	stack     []string // module dirs from the root, for cycle detection
	vars      map[string]cty.Value
	locals    map[string]cty.Value
	resources map[string]map[string]cty.Value
	modules   map[string]cty.Value
	outputs   map[string]cty.Value
	pathVal   cty.Value
}

func (ev *evaluator) newScope(mod *module, prefix string, keyPath []string, depth int, stack []string) *scope {
	rel := relPath(ev.root, mod.dir)
	return &scope{
		ev: ev, mod: mod, prefix: prefix, keyPath: keyPath, depth: depth, stack: stack,
		vars: map[string]cty.Value{}, locals: map[string]cty.Value{},
		resources: map[string]map[string]cty.Value{}, modules: map[string]cty.Value{}, outputs: map[string]cty.Value{},
		pathVal: cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(rel), "root": cty.StringVal("."), "cwd": cty.StringVal("."),
		}),
	}
}

// relPath is dir relative to root, both slash paths within one fs.FS.
func relPath(root, dir string) string {
	if root == dir {
		return "."
	}
	r := strings.Split(root, "/")
	d := strings.Split(dir, "/")
	if root == "." {
		r = nil
	}
	i := 0
	for i < len(r) && i < len(d) && r[i] == d[i] {
		i++
	}
	parts := make([]string, 0, len(r)-i+len(d)-i)
	for range r[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, d[i:]...)
	return path.Join(parts...)
}

func (s *scope) modPath() string { return strings.TrimSuffix(s.prefix, ".") }

// setVariables sets the module's declared variables from the given values,
// their defaults, or unknown.
func (s *scope) setVariables(given map[string]cty.Value) {
	for _, name := range s.mod.varOrder {
		d := s.mod.variables[name]
		v, ok := given[name]
		if ok && d.nonNullable && v.IsKnown() && v.IsNull() {
			ok = false
		}
		if !ok && d.def != nil {
			var diags hcl.Diagnostics
			v, diags = safeValue(d.def, nil)
			s.ev.addDiags(diags)
			ok = !diags.HasErrors()
		}
		if !ok {
			v = cty.DynamicVal
		}
		if d.hasType && v.IsKnown() && !v.IsNull() {
			if d.defaults != nil {
				v = applyDefaults(d, v)
			}
			if cv, err := convert.Convert(v, d.ty); err == nil {
				v = cv
			} else {
				s.ev.addError(s.mod.dir, 0, fmt.Sprintf("variable %s: %v", name, err))
			}
		}
		s.vars[name] = v
	}
}

func applyDefaults(d *variableDecl, v cty.Value) (out cty.Value) {
	defer func() {
		if recover() != nil {
			out = v
		}
	}()
	return d.defaults.Apply(v)
}

// run evaluates every object of the module in dependency order.
func (s *scope) run() {
	order, cycles := s.mod.order()
	cyclic := map[string]bool{}
	for _, c := range cycles {
		ids := make([]string, len(c))
		for i, o := range c {
			ids[i] = o.id
			cyclic[o.id] = true
		}
		sort.Strings(ids)
		file, line := "", 0
		if r := c[0].rangeOf(); r.Filename != "" {
			file, line = r.Filename, r.Start.Line
		}
		s.ev.addError(file, line, "reference cycle: "+strings.Join(ids, ", ")+" (values unknown)")
	}
	for _, o := range order {
		if s.ev.done() {
			return
		}
		if cyclic[o.id] && o.kind == kindLocal {
			s.locals[o.name] = cty.DynamicVal
			continue
		}
		switch o.kind {
		case kindLocal:
			v, _ := s.evalExpr(o.expr, nil)
			s.locals[o.name] = v
		case kindOutput:
			if o.expr == nil {
				s.outputs[o.name] = cty.DynamicVal
				continue
			}
			v, _ := s.evalExpr(o.expr, nil)
			s.outputs[o.name] = v
		case kindResource, kindData:
			s.evalResource(o)
		case kindModule:
			s.evalModule(o)
		}
	}
}

func (o *object) rangeOf() hcl.Range {
	if o.block != nil {
		return o.block.DefRange
	}
	if o.expr != nil {
		return o.expr.Range()
	}
	return hcl.Range{}
}

// depID is the graph node a reference points at, or "".
func depID(t hcl.Traversal) string {
	if len(t) < 2 {
		return ""
	}
	a1, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return ""
	}
	switch root := t.RootName(); root {
	case "var", "path", "terraform", "count", "each", "self":
		return ""
	case "local", "module":
		return root + "." + a1.Name
	case "data":
		if len(t) < 3 {
			return ""
		}
		a2, ok := t[2].(hcl.TraverseAttr)
		if !ok {
			return ""
		}
		return "data." + a1.Name + "." + a2.Name
	default:
		return root + "." + a1.Name
	}
}

// order returns the module's objects dependencies first (Tarjan's strongly
// connected components), and the cycles among them.
func (m *module) order() (order []*object, cycles [][]*object) {
	index := map[*object]int{}
	low := map[*object]int{}
	onStack := map[*object]bool{}
	var stack []*object
	next := 0
	deps := func(o *object) []*object {
		var out []*object
		seen := map[string]bool{}
		for _, t := range o.travs {
			id := depID(t)
			if id == "" || seen[id] {
				continue
			}
			seen[id] = true
			if d, ok := m.byID[id]; ok {
				out = append(out, d)
			}
		}
		return out
	}
	var visit func(o *object)
	visit = func(o *object) {
		index[o], low[o] = next, next
		next++
		stack = append(stack, o)
		onStack[o] = true
		self := false
		for _, d := range deps(o) {
			if d == o {
				self = true
			}
			if _, seen := index[d]; !seen {
				visit(d)
				low[o] = min(low[o], low[d])
			} else if onStack[d] {
				low[o] = min(low[o], index[d])
			}
		}
		if low[o] != index[o] {
			return
		}
		var comp []*object
		for {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[n] = false
			comp = append(comp, n)
			if n == o {
				break
			}
		}
		slices.Reverse(comp)
		if len(comp) > 1 || self {
			cycles = append(cycles, comp)
		}
		order = append(order, comp...)
	}
	for _, o := range m.objects {
		if _, seen := index[o]; !seen {
			visit(o)
		}
	}
	return order, cycles
}

// instance is one expansion of count / for_each.
type instance struct {
	addrKey string
	extra   map[string]cty.Value
	meta    string // "count" or "for_each" when the expansion was unknown
	reason  string
}

type shape int

const (
	shapeSingle shape = iota
	shapeCount
	shapeForEach
	shapeUnknown
)

// expand evaluates count / for_each of o. ok is false when the object
// cannot be expanded (the error is recorded).
func (s *scope) expand(o *object) (insts []instance, sh shape, ok bool) {
	maxN := s.ev.cfg.MaxCount
	limitErr := func(what string, e hcl.Expression) {
		r := e.Range()
		s.ev.addError(r.Filename, r.Start.Line, (&limits.LimitError{What: what + " of " + s.prefix + o.id, Limit: int64(maxN)}).Error())
	}
	switch {
	case o.count != nil:
		v, reason := s.evalExpr(o.count, nil)
		if !v.IsKnown() {
			return []instance{{extra: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})}, meta: "count", reason: reason}}, shapeUnknown, true
		}
		n, err := wholeNumber(v)
		if err != nil {
			r := o.count.Range()
			s.ev.addError(r.Filename, r.Start.Line, "invalid count: "+err.Error())
			return nil, shapeCount, false
		}
		if n > int64(maxN) {
			limitErr("count", o.count)
			return nil, shapeCount, false
		}
		for i := range n {
			insts = append(insts, instance{
				addrKey: "[" + strconv.FormatInt(i, 10) + "]",
				extra:   map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})},
			})
		}
		return insts, shapeCount, true
	case o.forEach != nil:
		v, reason := s.evalExpr(o.forEach, nil)
		unknown := []instance{{extra: map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})}, meta: "for_each", reason: reason}}
		if !v.IsKnown() {
			return unknown, shapeUnknown, true
		}
		r := o.forEach.Range()
		ty := v.Type()
		if v.IsNull() || !(ty.IsMapType() || ty.IsObjectType() || ty.IsSetType()) {
			s.ev.addError(r.Filename, r.Start.Line, "invalid for_each: a map or a set of strings is required")
			return nil, shapeForEach, false
		}
		if ty.IsSetType() && !v.IsWhollyKnown() {
			return unknown, shapeUnknown, true
		}
		if v.LengthInt() > maxN {
			limitErr("for_each", o.forEach)
			return nil, shapeForEach, false
		}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			if ty.IsSetType() {
				sk, err := convert.Convert(k, cty.String)
				if err != nil || sk.IsNull() {
					s.ev.addError(r.Filename, r.Start.Line, "invalid for_each: set elements must be strings")
					return nil, shapeForEach, false
				}
				k, ev = sk, sk
			}
			insts = append(insts, instance{
				addrKey: "[" + strconv.Quote(k.AsString()) + "]",
				extra:   map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev})},
			})
		}
		return insts, shapeForEach, true
	}
	return []instance{{}}, shapeSingle, true
}

func wholeNumber(v cty.Value) (int64, error) {
	if v.IsNull() {
		return 0, fmt.Errorf("null")
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		return 0, err
	}
	bf := n.AsBigFloat()
	if !bf.IsInt() || bf.Sign() < 0 {
		return 0, fmt.Errorf("must be a whole number >= 0")
	}
	i, acc := bf.Int64()
	if acc != 0 {
		return 0, fmt.Errorf("too large")
	}
	return i, nil
}

// collect returns the value other objects see for an expanded object.
func collect(sh shape, insts []instance, vals []cty.Value) cty.Value {
	switch sh {
	case shapeUnknown:
		return cty.DynamicVal
	case shapeSingle:
		if len(vals) == 1 {
			return vals[0]
		}
		return cty.DynamicVal
	case shapeCount:
		if len(vals) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(vals)
	}
	m := make(map[string]cty.Value, len(vals))
	for i, in := range insts {
		if i < len(vals) {
			m[in.extra["each"].GetAttr("key").AsString()] = vals[i]
		}
	}
	return cty.ObjectVal(m)
}

func (s *scope) evalResource(o *object) {
	insts, sh, ok := s.expand(o)
	store := func(v cty.Value) {
		if o.kind != kindResource {
			return
		}
		if s.resources[o.typ] == nil {
			s.resources[o.typ] = map[string]cty.Value{}
		}
		s.resources[o.typ][o.name] = v
	}
	if !ok {
		store(cty.DynamicVal)
		return
	}
	refs := s.references(o)
	mode := "managed"
	if o.kind == kindData {
		mode = "data"
	}
	vals := make([]cty.Value, 0, len(insts))
	for _, in := range insts {
		s.ev.instances++
		if s.ev.instances > maxInstances {
			s.ev.addError(o.block.DefRange.Filename, o.block.DefRange.Start.Line,
				(&limits.LimitError{What: "resource instances", Limit: maxInstances}).Error())
			s.ev.stopped = true
			break
		}
		src := state.SourceMap{"": toRange(blockRange(o.block))}
		val, obj := s.evalBody(o.block.Body, in.extra, nil, src, true, 0)
		if in.meta != "" {
			val[in.meta] = state.Unknown{Reason: in.reason}
		}
		vals = append(vals, obj)
		s.ev.res.Resources = append(s.ev.res.Resources, state.IaCResource{
			Type: o.typ, Name: o.name, Address: s.prefix + o.id + in.addrKey, Mode: mode,
			Module: s.modPath(), Value: val, Source: src, References: refs,
		})
	}
	store(collect(sh, insts, vals))
}

// references returns the resources and data sources of this module that o
// refers to.
func (s *scope) references(o *object) []string {
	var refs []string
	for _, t := range o.travs {
		id := depID(t)
		if d, ok := s.mod.byID[id]; ok && d != o && (d.kind == kindResource || d.kind == kindData) {
			refs = append(refs, s.prefix+id)
		}
	}
	sort.Strings(refs)
	return slices.Compact(refs)
}

func (s *scope) evalModule(o *object) {
	addr := s.prefix + o.id
	fail := func() { s.modules[o.name] = cty.DynamicVal }
	if o.source == "" {
		fail()
		return
	}
	keyPath := append(slices.Clone(s.keyPath), o.name)
	dir := s.ev.resolveSource(s.mod.dir, keyPath, o.source)
	r := o.block.DefRange
	if dir == "" {
		s.ev.res.NotEvaluated = append(s.ev.res.NotEvaluated, fmt.Sprintf("%s (source %s)", addr, o.source))
		fail()
		return
	}
	if s.depth+1 > s.ev.cfg.MaxModuleDepth {
		s.ev.addError(r.Filename, r.Start.Line, (&limits.LimitError{What: "module depth at " + addr, Limit: int64(s.ev.cfg.MaxModuleDepth)}).Error())
		fail()
		return
	}
	if slices.Contains(s.stack, dir) {
		s.ev.addError(r.Filename, r.Start.Line, fmt.Sprintf("module cycle: %s calls %q, which is already being evaluated", addr, o.source))
		fail()
		return
	}
	child, err := s.ev.loadModule(dir)
	if err != nil {
		s.ev.addError(r.Filename, r.Start.Line, err.Error())
		fail()
		return
	}
	insts, sh, ok := s.expand(o)
	if !ok {
		fail()
		return
	}
	vals := make([]cty.Value, 0, len(insts))
	for _, in := range insts {
		if s.ev.done() {
			break
		}
		s.ev.instances++
		if s.ev.instances > maxInstances {
			s.ev.addError(r.Filename, r.Start.Line, (&limits.LimitError{What: "resource and module instances", Limit: maxInstances}).Error())
			s.ev.stopped = true
			break
		}
		inputs := map[string]cty.Value{}
		for name, a := range o.inputs {
			v, _ := s.evalExpr(a.Expr, in.extra)
			inputs[name] = v
		}
		cs := s.ev.newScope(child, addr+in.addrKey+".", keyPath, s.depth+1, append(slices.Clone(s.stack), dir))
		cs.setVariables(inputs)
		cs.run()
		vals = append(vals, cty.ObjectVal(cs.outputs))
	}
	s.modules[o.name] = collect(sh, insts, vals)
}

func blockRange(b *hcl.Block) hcl.Range {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		return hcl.RangeBetween(b.DefRange, sb.SrcRange)
	}
	return b.DefRange
}

func toRange(r hcl.Range) state.Range {
	end := max(r.End.Line, r.Start.Line)
	return state.Range{Path: r.Filename, Start: r.Start.Line, End: end}
}

// rootVariables collects the root module's variable values: tfvars files,
// Config.VarFiles and Config.Vars, later wins.
func (ev *evaluator) rootVariables(m *module) map[string]cty.Value {
	vals := map[string]cty.Value{}
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		files = append(files, path.Join(m.dir, n))
	}
	var auto []string
	if entries, err := readDirNames(ev, m.dir); err == nil {
		for _, n := range entries {
			if strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json") {
				auto = append(auto, path.Join(m.dir, n))
			}
		}
	}
	sort.Strings(auto)
	for _, f := range append(files, auto...) {
		data, err := ev.readFile(f)
		if err != nil {
			continue
		}
		ev.applyVarsFile(vals, f, data)
	}
	for _, f := range ev.cfg.VarFiles {
		data, err := readOSFile(f)
		if err != nil {
			ev.addError(f, 0, err.Error())
			continue
		}
		ev.applyVarsFile(vals, f, data)
	}
	for _, k := range sortedKeys(ev.cfg.Vars) {
		raw := ev.cfg.Vars[k]
		v := cty.StringVal(raw)
		if expr, diags := hclsyntax.ParseExpression([]byte(raw), "-var", hcl.InitialPos); !diags.HasErrors() {
			if ev2, diags := safeValue(expr, nil); !diags.HasErrors() {
				v = ev2
			}
		}
		vals[k] = v
	}
	return vals
}

func (ev *evaluator) applyVarsFile(vals map[string]cty.Value, name string, data []byte) {
	pname := name
	if !strings.HasSuffix(name, ".json") {
		pname = strings.TrimSuffix(name, ".tfvars") + ".tfvars" // HCL native syntax
	}
	f, err := ParseFile(pname, data)
	if err != nil {
		ev.addErr(name, err)
		return
	}
	attrs, diags := f.Body.JustAttributes()
	ev.addDiags(diags)
	for n, a := range attrs {
		v, diags := safeValue(a.Expr, nil)
		if diags.HasErrors() {
			ev.addDiags(diags)
			continue
		}
		vals[n] = v
	}
}

func readDirNames(ev *evaluator, dir string) ([]string, error) {
	entries, err := fsReadDir(ev, dir)
	if err != nil {
		return nil, err
	}
	return entries, nil
}

func readOSFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if st.Size() > limits.DefaultMaxFileSize {
		return nil, &limits.LimitError{What: "size of " + name, Limit: limits.DefaultMaxFileSize}
	}
	return os.ReadFile(name)
}
