package terraform

import (
	"fmt"
	"io/fs"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

func fsReadDir(ev *evaluator, dir string) ([]string, error) {
	entries, err := fs.ReadDir(ev.fsys, dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// safeValue evaluates expr, turning a panic of the expression library into
// an error diagnostic.
func safeValue(expr hcl.Expression, ctx *hcl.EvalContext) (v cty.Value, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			rng := expr.Range()
			v = cty.DynamicVal
			diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Evaluation failed", Detail: fmt.Sprint(r), Subject: &rng}}
		}
	}()
	v, diags = expr.Value(ctx)
	if v == cty.NilVal {
		v = cty.DynamicVal
	}
	if v.IsMarked() {
		var marks cty.ValueMarks
		v, marks = v.UnmarkDeep()
		// Keep what a partly unknown jsonencode knew (see partialJSON).
		for m := range marks {
			if p, ok := m.(*partialJSON); ok && !v.IsKnown() {
				v = v.Mark(p)
				break
			}
		}
	}
	return v, diags
}

// ignoredDiag reports diagnostics that only mean "value unknown", not a
// problem of the configuration worth reporting.
func ignoredDiag(d *hcl.Diagnostic) bool {
	return d.Summary == "Call to unknown function" || strings.HasPrefix(d.Summary, "Unknown provider function")
}

// evalExpr evaluates expr in the scope with extra variables (each, count,
// dynamic iterators). A failed or unknown result is cty.DynamicVal / an
// unknown value; reason names the first reference that made it unknown.
func (s *scope) evalExpr(expr hcl.Expression, extra map[string]cty.Value) (cty.Value, string) {
	travs := expr.Variables()
	ctx := &hcl.EvalContext{Variables: s.ctxVars(travs, extra), Functions: s.ev.funcs}
	v, diags := safeValue(expr, ctx)
	if diags.HasErrors() {
		var keep hcl.Diagnostics
		for _, d := range diags {
			if !ignoredDiag(d) {
				keep = append(keep, d)
			}
		}
		if !s.refersToResources(travs) {
			s.ev.addDiags(keep)
		}
		v = cty.DynamicVal
	}
	if v.IsWhollyKnown() {
		return v, ""
	}
	for _, t := range travs {
		tv, d := t.TraverseAbs(ctx)
		if d.HasErrors() || !tv.IsWhollyKnown() {
			return v, traversalString(t)
		}
	}
	r := expr.Range()
	return v, fmt.Sprintf("expression at %s:%d", r.Filename, r.Start.Line)
}

// ctxVars builds the variables an expression refers to: only the referred
// attributes of var, local, module and resource types, with computed
// resource attributes (those not written in the configuration) unknown.
func (s *scope) ctxVars(travs []hcl.Traversal, extra map[string]cty.Value) map[string]cty.Value {
	vars := map[string]cty.Value{}
	want := map[string]map[string]bool{} // root -> attribute names; nil map = whole
	for _, t := range travs {
		root := t.RootName()
		if _, ok := extra[root]; ok {
			continue
		}
		names, seen := want[root]
		if seen && names == nil {
			continue
		}
		if len(t) < 2 {
			want[root] = nil
			continue
		}
		a, ok := t[1].(hcl.TraverseAttr)
		if !ok {
			want[root] = nil
			continue
		}
		if names == nil {
			names = map[string]bool{}
			want[root] = names
		}
		names[a.Name] = true
	}
	for root, names := range want {
		var src map[string]cty.Value
		switch root {
		case "var":
			src = s.vars
		case "local":
			src = s.locals
		case "module":
			src = s.modules
		case "data":
			vars[root] = cty.DynamicVal
			continue
		case "path":
			vars[root] = s.pathVal
			continue
		case "terraform":
			vars[root] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
			continue
		default:
			if !s.mod.resTypes[root] {
				continue
			}
			src = s.resources[root]
		}
		obj := map[string]cty.Value{}
		for n, v := range src {
			if names == nil || names[n] {
				obj[n] = v
			}
		}
		vars[root] = cty.ObjectVal(obj)
	}
	// Computed attributes: a reference to a resource or module output that
	// the configuration does not write is unknown, not an error.
	for _, t := range travs {
		root := t.RootName()
		if _, ok := extra[root]; ok {
			continue
		}
		if root == "module" || (s.mod.resTypes[root] && root != "var" && root != "local") {
			if v, ok := vars[root]; ok {
				vars[root] = patchValue(v, t[1:], 0)
			}
		}
	}
	for k, v := range extra {
		vars[k] = v
	}
	return vars
}

// patchValue adds the attributes a traversal reads and v lacks, as unknown.
func patchValue(v cty.Value, steps hcl.Traversal, depth int) cty.Value {
	if len(steps) == 0 || depth > maxBodyDepth || !v.IsKnown() || v.IsNull() {
		return v
	}
	ty := v.Type()
	name, isName := "", false
	switch st := steps[0].(type) {
	case hcl.TraverseAttr:
		name, isName = st.Name, true
	case hcl.TraverseIndex:
		k := st.Key
		if !k.IsKnown() || k.IsNull() {
			return v
		}
		if k.Type() == cty.String {
			name, isName = k.AsString(), true
		} else if k.Type() == cty.Number && ty.IsTupleType() {
			bf := k.AsBigFloat()
			i, acc := bf.Int64()
			if !bf.IsInt() || acc != big.Exact || i < 0 || i >= int64(v.LengthInt()) {
				return v
			}
			elems := v.AsValueSlice()
			elems[i] = patchValue(elems[i], steps[1:], depth+1)
			return cty.TupleVal(elems)
		}
	}
	if !isName || !ty.IsObjectType() {
		return v
	}
	m := v.AsValueMap()
	if m == nil {
		m = map[string]cty.Value{}
	}
	if child, ok := m[name]; ok {
		m[name] = patchValue(child, steps[1:], depth+1)
	} else {
		m[name] = cty.DynamicVal
	}
	return cty.ObjectVal(m)
}

// traversalString renders a reference: aws_s3_bucket.logs.id,
// module.x.out, aws_instance.a[0].arn.
func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for i, st := range t {
		switch st := st.(type) {
		case hcl.TraverseRoot:
			b.WriteString(st.Name)
		case hcl.TraverseAttr:
			b.WriteByte('.')
			b.WriteString(st.Name)
		case hcl.TraverseIndex:
			k := st.Key
			switch {
			case !k.IsKnown() || k.IsNull():
				b.WriteString("[?]")
			case k.Type() == cty.String:
				fmt.Fprintf(&b, "[%q]", k.AsString())
			case k.Type() == cty.Number:
				b.WriteString("[" + k.AsBigFloat().Text('f', -1) + "]")
			default:
				b.WriteString("[?]")
			}
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
		if i > 32 {
			break
		}
	}
	return b.String()
}

var metaAttrs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

func appendPath(p []any, elems ...any) []any {
	out := make([]any, 0, len(p)+len(elems))
	return append(append(out, p...), elems...)
}

// evalBody evaluates the attributes and nested blocks of a resource body
// into JSON-compatible Go values and the cty object other expressions see.
func (s *scope) evalBody(body hcl.Body, extra map[string]cty.Value, p []any, src state.SourceMap, top bool, depth int) (map[string]any, cty.Value) {
	out := map[string]any{}
	attrs := map[string]cty.Value{}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		// JSON: every property is an attribute.
		as, _ := body.JustAttributes()
		for name, a := range as {
			if top && metaAttrs[name] {
				continue
			}
			v, reason := s.evalExpr(a.Expr, extra)
			out[name] = toGo(v, reason, 0)
			attrs[name] = refValue(v)
			src[state.Key(appendPath(p, name))] = toRange(a.Range)
		}
		return out, cty.ObjectVal(attrs)
	}
	for name, a := range sb.Attributes {
		if top && metaAttrs[name] {
			continue
		}
		v, reason := s.evalExpr(a.Expr, extra)
		out[name] = toGo(v, reason, 0)
		attrs[name] = refValue(v)
		src[state.Key(appendPath(p, name))] = toRange(a.SrcRange)
	}
	groups := map[string][]any{}
	ctyGroups := map[string][]cty.Value{}
	unknownDyn := map[string]string{}
	var order []string
	add := func(typ string, m map[string]any, obj cty.Value) {
		if _, ok := groups[typ]; !ok {
			order = append(order, typ)
		}
		groups[typ] = append(groups[typ], m)
		ctyGroups[typ] = append(ctyGroups[typ], obj)
	}
	for _, b := range sb.Blocks {
		if top && metaBlocks[b.Type] {
			continue
		}
		if depth >= maxBodyDepth {
			s.ev.addError(b.TypeRange.Filename, b.TypeRange.Start.Line, (&limits.LimitError{What: "block nesting", Limit: maxBodyDepth}).Error())
			continue
		}
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			s.expandDynamic(b, extra, p, src, depth, groups, add, unknownDyn)
			continue
		}
		bp := appendPath(p, b.Type, len(groups[b.Type]))
		src[state.Key(bp)] = toRange(b.Range())
		m, obj := s.evalBody(b.Body, extra, bp, src, false, depth+1)
		add(b.Type, m, obj)
	}
	for typ, reason := range unknownDyn {
		if _, ok := groups[typ]; !ok {
			out[typ] = state.Unknown{Reason: reason}
			attrs[typ] = cty.DynamicVal
		}
	}
	for _, typ := range order {
		out[typ] = groups[typ]
		attrs[typ] = cty.TupleVal(ctyGroups[typ])
	}
	return out, cty.ObjectVal(attrs)
}

// expandDynamic expands a dynamic "label" { for_each, iterator, content }
// block into label blocks.
func (s *scope) expandDynamic(b *hclsyntax.Block, extra map[string]cty.Value, p []any, src state.SourceMap, depth int,
	groups map[string][]any, add func(string, map[string]any, cty.Value), unknownDyn map[string]string) {
	label := b.Labels[0]
	fe := b.Body.Attributes["for_each"]
	var content *hclsyntax.Block
	for _, c := range b.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	if fe == nil || content == nil {
		s.ev.addError(b.TypeRange.Filename, b.TypeRange.Start.Line, "dynamic block needs for_each and content")
		return
	}
	iter := label
	if it := b.Body.Attributes["iterator"]; it != nil {
		if kw := hcl.ExprAsKeyword(it.Expr); kw != "" {
			iter = kw
		}
	}
	v, reason := s.evalExpr(fe.Expr, extra)
	if !v.IsKnown() {
		unknownDyn[label] = reason
		return
	}
	if v.IsNull() {
		return
	}
	if !v.CanIterateElements() {
		s.ev.addError(fe.SrcRange.Filename, fe.SrcRange.Start.Line, "dynamic for_each must be a collection")
		return
	}
	if v.LengthInt() > s.ev.cfg.MaxCount {
		s.ev.addError(fe.SrcRange.Filename, fe.SrcRange.Start.Line, (&limits.LimitError{What: "dynamic " + label + " for_each", Limit: int64(s.ev.cfg.MaxCount)}).Error())
		return
	}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		child := make(map[string]cty.Value, len(extra)+1)
		for n, x := range extra {
			child[n] = x
		}
		child[iter] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev})
		bp := appendPath(p, label, len(groups[label]))
		src[state.Key(bp)] = toRange(content.Range())
		m, obj := s.evalBody(content.Body, child, bp, src, false, depth+1)
		add(label, m, obj)
	}
}

// bodyTraversals returns every reference in a body, nested blocks included.
func bodyTraversals(body hcl.Body, depth int) []hcl.Traversal {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		as, _ := body.JustAttributes()
		var out []hcl.Traversal
		for _, a := range as {
			out = append(out, a.Expr.Variables()...)
		}
		return out
	}
	var out []hcl.Traversal
	for _, a := range sb.Attributes {
		out = append(out, a.Expr.Variables()...)
	}
	if depth < maxBodyDepth {
		for _, b := range sb.Blocks {
			out = append(out, bodyTraversals(b.Body, depth+1)...)
		}
	}
	return out
}

// toGo converts a cty value to JSON-compatible Go: map[string]any, []any,
// string, int64 (whole numbers), float64, bool, nil, state.Unknown.
func toGo(v cty.Value, reason string, depth int) any {
	var marks cty.ValueMarks
	if v.IsMarked() {
		v, marks = v.UnmarkDeep()
	}
	if !v.IsKnown() {
		for m := range marks {
			if p, ok := m.(*partialJSON); ok && v.Type() == cty.String && depth < limits.DefaultMaxDepth {
				return state.PartialJSON{Reason: reason, Value: toGo(p.value, reason, depth+1)}
			}
		}
		return state.Unknown{Reason: reason}
	}
	if v.IsNull() {
		return nil
	}
	if depth > limits.DefaultMaxDepth {
		return state.Unknown{Reason: "value nested too deep"}
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Bool:
		return v.True()
	case ty == cty.Number:
		bf := v.AsBigFloat()
		if bf.IsInt() {
			if i, acc := bf.Int64(); acc == big.Exact {
				return i
			}
		}
		f, _ := bf.Float64()
		return f
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, toGo(e, reason, depth+1))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = toGo(e, reason, depth+1)
		}
		return out
	}
	return fmt.Sprintf("%#v", v)
}

// refValue is what other objects see of an attribute: an attribute set to
// null is left to the provider, which usually computes it.
func refValue(v cty.Value) cty.Value {
	if v.IsKnown() && v.IsNull() {
		return cty.DynamicVal
	}
	return v
}

// refersToResources reports whether an expression reads resources or
// module outputs, whose values are partly computed: errors such as a
// missing attribute behind a splat then mean "unknown", not a bug.
func (s *scope) refersToResources(travs []hcl.Traversal) bool {
	for _, t := range travs {
		if r := t.RootName(); r == "module" || r == "data" || s.mod.resTypes[r] {
			return true
		}
	}
	return false
}
