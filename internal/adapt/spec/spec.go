// Package spec adapts IaC resources to the typed cloud model by
// declaration: a Mapping says, for one IaC resource type, which source value
// fills each field of a model kind (internal/state/cloud Schema); a Link
// merges a separate resource (a flow log, a rule, a policy attachment) into
// the resource it designates. Every value keeps the range that wrote it and
// whether it was explicit, defaulted or unknown, exactly as the hand-written
// adapters do.
//
// Expressions read a value relative to the resource (or to a list
// element):
//
//	path            dotted; a block list on the way is entered at its first
//	                element ("logging.target_bucket"); digits index a list
//	a ?? b          the first of a and b that is present in the source
//	path|op|op      then apply operators, left to right:
//	  present       true when the value is present (absent: the default)
//	  absent        true when the value is absent, false when present
//	  eq:X / ne:X   string comparison with X, case-insensitive
//	  in:X,Y        true when the string is one of X, Y (case-insensitive)
//	  not           negate a bool
//	  lower         lower-case a string
//	  nonempty      true when a string, list or map is non-empty
//	  len           the length of a list
//	  entries       a map as a list of {"key", "value"} objects, in key
//	                order, each with the lines of its entry (for a list
//	                field: "env": "environment.variables|entries")
//	  const:V       the constant V (JSON, or else a string), with the range
//	                of the value (or of the resource for an empty path)
//
// Unknown values pass through operators unchanged: a field read from an
// unknown is unknown.
package spec

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
)

// Mapping fills one model kind from one IaC resource type.
type Mapping struct {
	Kind string
	// Type is the IaC resource type: "aws_db_instance",
	// "AWS::RDS::DBInstance".
	Type string
	// Name is the expression of the resource's name; empty, or absent in
	// the source, makes the name unknown (generated at apply).
	Name string
	// Fields maps model field paths ("storage_encrypted",
	// "encryption.enabled", "listeners.protocol" for the elements of the
	// list field "listeners") to source expressions. A list field's own
	// entry is the expression of the source list.
	Fields map[string]string
	// Defaults override the schema's defaults for this source.
	Defaults map[string]any
}

// Link merges a separate resource into the resource of Kind it designates.
type Link struct {
	Kind string
	// Type is the separate resource's IaC type ("aws_flow_log").
	Type string
	// Attr is the expression of the separate resource's attribute that
	// designates the parent ("vpc_id", "Bucket"): a literal name, a
	// reference, or else any of the resource's references.
	Attr string
	// Fields maps parent field paths to expressions read from the separate
	// resource; they replace what the parent had. A list field's entry
	// ("rules": "") appends one element built from the separate resource
	// with the "rules.<sub>" expressions.
	Fields map[string]string
}

// Set is one provider's declarations.
type Set struct {
	Schemas  []cloud.Schema
	Mappings []Mapping
	Links    []Link
}

// Validate checks that every mapping and link names a declared kind and
// field, and that every expression parses.
func (s Set) Validate() error {
	if err := cloud.Validate(s.Schemas); err != nil {
		return err
	}
	byKind := map[string]cloud.Schema{}
	for _, sc := range s.Schemas {
		byKind[sc.Kind] = sc
	}
	check := func(what, kind string, fields map[string]string) error {
		sc, ok := byKind[kind]
		if !ok {
			return fmt.Errorf("%s: no schema for kind %q", what, kind)
		}
		for path, expr := range fields {
			if _, ok := sc.Field(path); !ok {
				return fmt.Errorf("%s: kind %s has no field %q", what, kind, path)
			}
			if _, err := parseExpr(expr); err != nil {
				return fmt.Errorf("%s: field %s: %w", what, path, err)
			}
		}
		return nil
	}
	for _, m := range s.Mappings {
		if m.Type == "" {
			return fmt.Errorf("mapping of %s without a resource type", m.Kind)
		}
		if err := check("mapping "+m.Type, m.Kind, m.Fields); err != nil {
			return err
		}
		if _, err := parseExpr(m.Name); err != nil {
			return fmt.Errorf("mapping %s: name: %w", m.Type, err)
		}
		sc := byKind[m.Kind]
		for path, v := range m.Defaults {
			f, ok := sc.Field(path)
			if !ok {
				return fmt.Errorf("mapping %s: default for unknown field %q", m.Type, path)
			}
			if err := cloud.Validate([]cloud.Schema{{Kind: "x.y.z", Fields: []cloud.Field{{Name: "f", Type: f.Type, Default: v, Fields: f.Fields}}}}); err != nil {
				return fmt.Errorf("mapping %s: default for %s: %w", m.Type, path, err)
			}
		}
	}
	for _, l := range s.Links {
		if err := check("link "+l.Type, l.Kind, l.Fields); err != nil {
			return err
		}
		if _, err := parseExpr(l.Attr); err != nil || l.Attr == "" {
			return fmt.Errorf("link %s: attribute %q: %v", l.Type, l.Attr, err)
		}
	}
	return nil
}

// Kinds returns the kinds declared.
func (s Set) Kinds() []string {
	out := make([]string, len(s.Schemas))
	for i, sc := range s.Schemas {
		out[i] = sc.Kind
	}
	return out
}

// Types returns the IaC resource types the set reads.
func (s Set) Types() []string {
	seen := map[string]bool{}
	for _, m := range s.Mappings {
		seen[m.Type] = true
	}
	for _, l := range s.Links {
		seen[l.Type] = true
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// record is one resource being built.
type record struct {
	b      *Builder
	value  map[string]any
	target Target
	res    *state.IaCResource
}

// Adapt builds the documents of every resource of a type the set maps,
// then applies the links. Resources of other types are ignored. The set
// must be valid (Validate); a bad value is kept as an unknown and reported.
func (s Set) Adapt(resources []state.IaCResource) ([]*state.Document, []finding.Error) {
	byKind := map[string]cloud.Schema{}
	for _, sc := range s.Schemas {
		byKind[sc.Kind] = sc
	}
	byType := map[string][]Mapping{}
	for _, m := range s.Mappings {
		byType[m.Type] = append(byType[m.Type], m)
	}
	linksByType := map[string][]Link{}
	for _, l := range s.Links {
		linksByType[l.Type] = append(linksByType[l.Type], l)
	}
	recs := map[string][]*record{}
	var order []*record
	for i := range resources {
		r := &resources[i]
		if r.Mode == "data" {
			continue
		}
		for _, m := range byType[r.Type] {
			rec := build(byKind[m.Kind], m, r)
			recs[m.Kind] = append(recs[m.Kind], rec)
			order = append(order, rec)
		}
	}
	targets := map[string][]Target{}
	for kind, parents := range recs {
		ts := make([]Target, len(parents))
		for j, p := range parents {
			ts[j] = p.target
		}
		targets[kind] = ts
	}
	for i := range resources {
		r := &resources[i]
		if r.Mode == "data" {
			continue
		}
		for _, l := range linksByType[r.Type] {
			parents := recs[l.Kind]
			if len(parents) == 0 {
				continue
			}
			root := ResourceNode(r)
			j := Designated(eval(mustExpr(l.Attr), root, root), r, targets[l.Kind])
			if j < 0 {
				continue
			}
			applyLink(byKind[l.Kind], l, parents[j], r)
		}
	}
	docs := make([]*state.Document, len(order))
	for i, rec := range order {
		docs[i] = rec.b.Document(rec.value)
	}
	return docs, nil
}

func build(sc cloud.Schema, m Mapping, r *state.IaCResource) *record {
	root := ResourceNode(r)
	rr := root.Rng()
	name := cloud.UnknownString(r.Address+".name", rr)
	if m.Name != "" {
		if n := eval(mustExpr(m.Name), root, root); n.OK {
			name = n.String("")
		}
	}
	b := NewBuilder(sc.Kind, r.Address, name, rr)
	rec := &record{b: b, res: r, target: Target{Address: r.Address}}
	if name.IsExplicit() {
		rec.target.Name = name.V
	}
	rec.value = map[string]any{"address": r.Address, "name": b.Str([]any{"name"}, name)}
	fillObject(b, nil, "", sc.Fields, m.Fields, m.Defaults, root, root, rec.value)
	return rec
}

// fillObject fills out with the fields of one object (the resource, a
// nested object or a list element), reading expressions relative to base.
func fillObject(b *Builder, p []any, prefix string, fields []cloud.Field, exprs map[string]string, defs map[string]any, root, base Node, out map[string]any) {
	for _, f := range fields {
		fp := Join(p, f.Name)
		key := prefix + f.Name
		def, hasDef := defs[key]
		if !hasDef {
			def = f.Default
		}
		switch f.Type {
		case cloud.ObjectField:
			m := map[string]any{}
			fillObject(b, fp, key+".", f.Fields, exprs, defs, root, base, m)
			out[f.Name] = m
		case cloud.ListField:
			expr, ok := exprs[key]
			if !ok {
				b.Meta(fp, cloud.Meta{Range: base.Rng(), Origin: cloud.Default})
				out[f.Name] = []any{}
				continue
			}
			n := eval(mustExpr(expr), root, base)
			out[f.Name] = buildList(b, fp, key+".", f, exprs, defs, root, n)
		default:
			expr, ok := exprs[key]
			var n Node
			if ok {
				n = eval(mustExpr(expr), root, base)
			} else {
				n = Node{Path: base.Path, at: base.at}
			}
			out[f.Name] = scalar(b, fp, f, def, n)
		}
	}
}

func buildList(b *Builder, fp []any, prefix string, f cloud.Field, exprs map[string]string, defs map[string]any, root, n Node) []any {
	if !n.OK {
		b.Meta(fp, cloud.Meta{Range: n.Rng(), Origin: cloud.Default})
		return []any{}
	}
	if ref, ok := n.Unknown(); ok {
		b.Meta(fp, cloud.Meta{Range: n.Rng(), Origin: cloud.Unknown, Ref: ref})
		return []any{}
	}
	b.At(fp, n.Rng())
	var out []any
	for i, el := range n.List() {
		ep := Join(fp, i)
		if ref, ok := el.Unknown(); ok {
			b.Meta(ep, cloud.Meta{Range: el.Rng(), Origin: cloud.Unknown, Ref: ref})
			out = append(out, nil)
			continue
		}
		b.At(ep, el.Rng())
		m := map[string]any{}
		fillObject(b, ep, prefix, f.Fields, exprs, defs, root, el, m)
		out = append(out, m)
	}
	if out == nil {
		out = []any{}
	}
	return out
}

// scalar converts n to the field's type and records its origin.
func scalar(b *Builder, p []any, f cloud.Field, def any, n Node) any {
	switch f.Type {
	case cloud.BoolField:
		d, _ := def.(bool)
		return b.Bool(p, n.Bool(d))
	case cloud.StringField:
		d, _ := def.(string)
		return b.Str(p, n.String(d))
	case cloud.IntField:
		if !n.OK && def == nil {
			b.Meta(p, cloud.Meta{Range: n.Rng(), Origin: cloud.Default})
			return nil
		}
		d, _ := def.(int)
		return b.Int(p, n.Int(int64(d)))
	case cloud.StringsField:
		if !n.OK {
			d, _ := def.([]string)
			return b.Strs(p, cloud.DefaultStrings(d, n.Rng()))
		}
		return b.Strs(p, n.Strings())
	}
	return nil
}

func applyLink(sc cloud.Schema, l Link, parent *record, child *state.IaCResource) {
	root := ResourceNode(child)
	b := parent.b
	paths := make([]string, 0, len(l.Fields))
	for p := range l.Fields {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		f, _ := sc.Field(path)
		parts := strings.Split(path, ".")
		// Skip the sub-fields of a list: they are read with the element.
		if isListElementPath(sc, parts) {
			continue
		}
		container, fp := parent.value, []any{}
		for _, part := range parts[:len(parts)-1] {
			fp = append(fp, part)
			next, _ := container[part].(map[string]any)
			if next == nil {
				next = map[string]any{}
				container[part] = next
			}
			container = next
		}
		last := parts[len(parts)-1]
		fp = append(fp, last)
		b.forget(fp)
		if f.Type == cloud.ListField {
			list, _ := container[last].([]any)
			ep := Join(fp, len(list))
			b.At(ep, root.Rng())
			m := map[string]any{}
			fillObject(b, ep, path+".", f.Fields, l.Fields, nil, root, root, m)
			container[last] = append(list, m)
			continue
		}
		n := eval(mustExpr(l.Fields[path]), root, root)
		container[last] = scalar(b, fp, f, f.Default, n)
	}
	parent.res.References = append(parent.res.References, child.Address)
}

// isListElementPath reports whether parts names a field inside a list's
// elements.
func isListElementPath(sc cloud.Schema, parts []string) bool {
	for i := 1; i < len(parts); i++ {
		if f, ok := sc.Field(strings.Join(parts[:i], ".")); ok && f.Type == cloud.ListField {
			return true
		}
	}
	return false
}

// forget drops what the builder recorded about the scalar at p, which a
// link replaces.
func (b *Builder) forget(p []any) {
	k := state.Key(p)
	delete(b.doc.Defaults, k)
	delete(b.doc.Unknown, k)
}

// expr is a parsed expression: alternatives, each a path and operators.
type expr []alt

type alt struct {
	path []string
	ops  []op
}

type op struct {
	name string
	arg  string
}

var knownOps = map[string]bool{"present": true, "absent": true, "eq": true, "ne": true, "in": true,
	"not": true, "lower": true, "nonempty": true, "len": true, "const": true, "entries": true}

func parseExpr(s string) (expr, error) {
	var e expr
	for _, part := range strings.Split(s, "??") {
		part = strings.TrimSpace(part)
		segs := strings.Split(part, "|")
		a := alt{}
		if p := strings.TrimSpace(segs[0]); p != "" {
			a.path = strings.Split(p, ".")
			for _, x := range a.path {
				if x == "" {
					return nil, fmt.Errorf("expression %q: empty path element", s)
				}
			}
		}
		for _, o := range segs[1:] {
			name, arg, _ := strings.Cut(strings.TrimSpace(o), ":")
			if !knownOps[name] {
				return nil, fmt.Errorf("expression %q: unknown operator %q", s, name)
			}
			a.ops = append(a.ops, op{name, arg})
		}
		e = append(e, a)
	}
	return e, nil
}

func mustExpr(s string) expr {
	e, err := parseExpr(s)
	if err != nil {
		panic(err) // Validate runs in tests over every declaration.
	}
	return e
}

// eval reads e relative to base.
func eval(e expr, root, base Node) Node {
	var n Node
	for i, a := range e {
		n = walk(base, a.path)
		if !n.OK && i < len(e)-1 {
			continue
		}
		for _, o := range a.ops {
			n = apply(o, n)
		}
		return n
	}
	return n
}

func walk(n Node, path []string) Node {
	for _, seg := range path {
		if _, ok := n.Unknown(); ok {
			return n
		}
		if l, ok := n.V.([]any); ok {
			if i, err := strconv.Atoi(seg); err == nil {
				if i >= 0 && i < len(l) {
					n = n.Child(i, l[i], l[i] != nil)
				} else {
					n = n.Child(i, nil, false)
				}
				continue
			}
			n = n.First()
			if _, ok := n.Unknown(); ok {
				return n
			}
		}
		n = n.Get(seg)
	}
	return n
}

func (n Node) with(v any) Node { return Node{V: v, OK: true, Path: n.Path, at: n.at} }

func apply(o op, n Node) Node {
	if _, ok := n.Unknown(); ok && o.name != "const" {
		return n
	}
	switch o.name {
	case "present":
		if n.OK {
			return n.with(true)
		}
		return n
	case "absent":
		return n.with(!n.OK)
	case "const":
		var v any
		if err := json.Unmarshal([]byte(o.arg), &v); err != nil {
			v = o.arg
		}
		return n.with(v)
	}
	if !n.OK {
		return n
	}
	switch o.name {
	case "eq", "ne":
		s, _ := n.Str()
		eq := strings.EqualFold(strings.TrimSpace(s), o.arg)
		return n.with(eq == (o.name == "eq"))
	case "in":
		s, _ := n.Str()
		for _, x := range strings.Split(o.arg, ",") {
			if strings.EqualFold(strings.TrimSpace(s), x) {
				return n.with(true)
			}
		}
		return n.with(false)
	case "not":
		b := n.Bool(false)
		if b.IsUnknown() {
			return n
		}
		return n.with(!b.V)
	case "lower":
		if s, ok := n.Str(); ok {
			return n.with(strings.ToLower(s))
		}
	case "nonempty":
		switch v := n.V.(type) {
		case string:
			return n.with(v != "")
		case []any:
			return n.with(len(v) > 0)
		case map[string]any:
			return n.with(len(v) > 0)
		}
		return n.with(true)
	case "entries":
		m, ok := n.V.(map[string]any)
		if !ok {
			return n
		}
		keys := SortedKeys(m)
		list := make([]any, len(keys))
		for i, k := range keys {
			list[i] = map[string]any{"key": k, "value": m[k]}
		}
		out := n.with(list)
		out.entryKeys = keys
		return out
	case "len":
		if l, ok := n.V.([]any); ok {
			return n.with(len(l))
		}
		return n.with(1)
	}
	return n
}
