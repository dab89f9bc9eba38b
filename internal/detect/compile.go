package detect

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/parse/falco"
)

// pred is a compiled condition: a closure tree over the event.
type pred func(*evalCtx) bool

// maxMacroDepth bounds macro nesting (a macro using a macro using …).
const maxMacroDepth = 200

// compiler turns conditions into predicates against the final lists and
// macros of a load, and records which lists and macros rules use.
type compiler struct {
	cfg        falco.Config
	lists      map[string]*listState
	macros     map[string]*macroState
	expanded   map[string][]string
	expanding  map[string]bool
	resolved   map[string]falco.Expr
	resolving  map[string]bool
	usedLists  map[string]bool
	usedMacros map[string]bool
}

func newCompiler(cfg falco.Config, lists map[string]*listState, macros map[string]*macroState) *compiler {
	return &compiler{
		cfg: cfg, lists: lists, macros: macros,
		expanded: map[string][]string{}, expanding: map[string]bool{},
		resolved: map[string]falco.Expr{}, resolving: map[string]bool{},
		usedLists: map[string]bool{}, usedMacros: map[string]bool{},
	}
}

// macroError is a problem with a macro a rule uses.
type macroError struct {
	macro string
	err   error
}

func (e *macroError) Error() string { return fmt.Sprintf("macro %q: %v", e.macro, e.err) }
func (e *macroError) Unwrap() error { return e.err }

// resolve replaces macro references with their (resolved) conditions.
func (c *compiler) resolve(e falco.Expr, depth int) (falco.Expr, error) {
	if depth > maxMacroDepth {
		return nil, fmt.Errorf("macros nested deeper than %d", maxMacroDepth)
	}
	switch e := e.(type) {
	case *falco.And:
		out := &falco.And{Off: e.Off, Children: make([]falco.Expr, len(e.Children))}
		for i, ch := range e.Children {
			r, err := c.resolve(ch, depth)
			if err != nil {
				return nil, err
			}
			out.Children[i] = r
		}
		return out, nil
	case *falco.Or:
		out := &falco.Or{Off: e.Off, Children: make([]falco.Expr, len(e.Children))}
		for i, ch := range e.Children {
			r, err := c.resolve(ch, depth)
			if err != nil {
				return nil, err
			}
			out.Children[i] = r
		}
		return out, nil
	case *falco.Not:
		x, err := c.resolve(e.X, depth)
		if err != nil {
			return nil, err
		}
		return &falco.Not{Off: e.Off, X: x}, nil
	case *falco.MacroRef:
		return c.macro(e.Name, depth+1)
	}
	return e, nil
}

func (c *compiler) macro(name string, depth int) (falco.Expr, error) {
	m, ok := c.macros[name]
	if !ok {
		return nil, fmt.Errorf("undefined macro %q", name)
	}
	c.usedMacros[name] = true
	if r, ok := c.resolved[name]; ok {
		return r, nil
	}
	if c.resolving[name] {
		return nil, fmt.Errorf("macro %q refers to itself", name)
	}
	ast, err := m.parse(c.cfg)
	if err != nil {
		return nil, &macroError{macro: name, err: err}
	}
	c.resolving[name] = true
	r, err := c.resolve(ast, depth)
	delete(c.resolving, name)
	if err != nil {
		var me *macroError
		if errors.As(err, &me) {
			return nil, err
		}
		return nil, &macroError{macro: name, err: err}
	}
	c.resolved[name] = r
	return r, nil
}

// values expands the items of a list literal through named lists, as
// Falco pastes lists into conditions: an unquoted item naming a list is
// replaced by that list's items, recursively.
func (c *compiler) values(items []falco.Value) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if !it.Quoted {
			if _, ok := c.lists[it.Text]; ok {
				out = append(out, c.list(it.Text)...)
				continue
			}
		}
		out = append(out, it.Text)
	}
	return out
}

func (c *compiler) list(name string) []string {
	c.usedLists[name] = true
	if v, ok := c.expanded[name]; ok {
		return v
	}
	if c.expanding[name] {
		return nil // a list that contains itself adds nothing more
	}
	c.expanding[name] = true
	items := make([]falco.Value, 0, len(c.lists[name].items))
	for _, it := range c.lists[name].items {
		items = append(items, falco.ItemValue(it))
	}
	v := c.values(items)
	delete(c.expanding, name)
	c.expanded[name] = v
	return v
}

// markLists expands every list literal of e, recording the lists used.
func (c *compiler) markLists(e falco.Expr) {
	switch e := e.(type) {
	case *falco.And:
		for _, ch := range e.Children {
			c.markLists(ch)
		}
	case *falco.Or:
		for _, ch := range e.Children {
			c.markLists(ch)
		}
	case *falco.Not:
		c.markLists(e.X)
	case *falco.Check:
		if l, ok := e.Right.(*falco.ListLit); ok {
			c.values(l.Items)
		}
	}
}

// exceptionsExpr builds the "not (...)" clause of each exception, as Falco
// appends them to the condition.
func exceptionsExpr(exs []falco.Exception, cfg falco.Config) ([]falco.Expr, error) {
	var out []falco.Expr
	for _, ex := range exs {
		if len(ex.Values) == 0 {
			continue
		}
		if len(ex.Fields) == 0 {
			return nil, fmt.Errorf("exception %q has values but no fields", ex.Name)
		}
		fields := make([]falco.Operand, len(ex.Fields))
		for i, f := range ex.Fields {
			op, err := parseOperand(f, cfg)
			if err != nil {
				return nil, fmt.Errorf("exception %q: field %q: %w", ex.Name, f, err)
			}
			fields[i] = op
		}
		if !ex.FieldsList {
			comp := "in"
			if len(ex.Comps) == 1 {
				comp = ex.Comps[0]
			}
			l := &falco.ListLit{}
			for _, v := range ex.Values {
				l.Items = append(l.Items, falco.ItemValue(v.Value))
			}
			out = append(out, &falco.Not{X: &falco.Check{Left: fields[0], Op: comp, Right: l}})
			continue
		}
		comps := ex.Comps
		if len(comps) == 0 {
			comps = slices.Repeat([]string{"="}, len(fields))
		}
		or := &falco.Or{}
		for _, tuple := range ex.Values {
			and := &falco.And{}
			for i, v := range tuple.List {
				chk := &falco.Check{Left: fields[i], Op: comps[i]}
				switch {
				case v.IsList:
					if !falco.IsListOperator(comps[i]) {
						return nil, fmt.Errorf("exception %q: a list value needs in, intersects or pmatch, not %q", ex.Name, comps[i])
					}
					l := &falco.ListLit{}
					for _, item := range v.List {
						if item.IsList {
							return nil, fmt.Errorf("exception %q: value lists cannot nest", ex.Name)
						}
						l.Items = append(l.Items, falco.ItemValue(item.Value))
					}
					chk.Right = l
				case falco.IsListOperator(comps[i]):
					chk.Right = &falco.ListLit{Items: []falco.Value{falco.ItemValue(v.Value)}}
				default:
					chk.Right = &falco.Literal{Value: falco.ItemValue(v.Value)}
				}
				and.Children = append(and.Children, chk)
			}
			or.Children = append(or.Children, and)
		}
		out = append(out, &falco.Not{X: or})
	}
	return out, nil
}

// parseOperand reads a field (with its argument) as written in an
// exception's fields.
func parseOperand(s string, cfg falco.Config) (falco.Operand, error) {
	e, err := falco.ParseCondition(s+" exists", cfg)
	if err != nil {
		return nil, err
	}
	chk, ok := e.(*falco.Check)
	if !ok {
		return nil, fmt.Errorf("not a field")
	}
	return chk.Left, nil
}

// fieldRefs collects the fields an expression uses.
func fieldRefs(e falco.Expr, out map[string]bool) {
	switch e := e.(type) {
	case *falco.And:
		for _, c := range e.Children {
			fieldRefs(c, out)
		}
	case *falco.Or:
		for _, c := range e.Children {
			fieldRefs(c, out)
		}
	case *falco.Not:
		fieldRefs(e.X, out)
	case *falco.Check:
		operandRefs(e.Left, out)
		if o, ok := e.Right.(falco.Operand); ok {
			operandRefs(o, out)
		}
	}
}

func operandRefs(o falco.Operand, out map[string]bool) {
	switch o := o.(type) {
	case *falco.FieldRef:
		out[o.String()] = true
	case *falco.Transform:
		operandRefs(o.X, out)
	}
}

// unknownFields lists the fields of e that Ward does not provide.
func unknownFields(e falco.Expr) []string {
	refs := map[string]bool{}
	fieldRefs(e, refs)
	var out []string
	for r := range refs {
		name, arg, hasArg := splitFieldRef(r)
		if _, _, err := lookupField(name, arg, hasArg); errors.Is(err, errUnknownField) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

func splitFieldRef(s string) (name, arg string, hasArg bool) {
	if i := strings.IndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") {
		return s[:i], s[i+1 : len(s)-1], true
	}
	return s, "", false
}

// mayMatch reports whether e can be true on some event, given the fields
// Ward never has a value for: a check on such a field is always false, so
// it makes a conjunction false and its negation true. The never-available
// fields it meets are added to never.
func mayMatch(e falco.Expr, neg bool, never map[string]bool) bool {
	switch e := e.(type) {
	case *falco.And, *falco.Or:
		var children []falco.Expr
		conj := false
		if a, ok := e.(*falco.And); ok {
			children, conj = a.Children, !neg
		} else {
			children, conj = e.(*falco.Or).Children, neg
		}
		for _, ch := range children {
			m := mayMatch(ch, neg, never)
			if conj && !m {
				return false
			}
			if !conj && m {
				return true
			}
		}
		return conj
	case *falco.Not:
		return mayMatch(e.X, !neg, never)
	case *falco.Check:
		f, ok := e.Left.(*falco.FieldRef)
		if !ok || neg {
			return true
		}
		if _, d, err := lookupField(f.Name, f.Arg, f.HasArg); err == nil && d != nil && d.never {
			never[f.String()] = true
			return false
		}
	}
	return true
}

// typeSet is a set of event type names, possibly co-finite (every type
// but the listed ones), for Falco's event-type indexing of rules.
type typeSet struct {
	neg   bool
	names map[string]bool
}

func allTypes() typeSet { return typeSet{neg: true} }

func (s typeSet) has(t string) bool { return s.names[t] != s.neg }

func (s typeSet) complement() typeSet { return typeSet{neg: !s.neg, names: s.names} }

func union(a, b typeSet) typeSet {
	m := map[string]bool{}
	switch {
	case !a.neg && !b.neg:
		for n := range a.names {
			m[n] = true
		}
		for n := range b.names {
			m[n] = true
		}
		return typeSet{names: m}
	case a.neg && b.neg:
		for n := range a.names {
			if b.names[n] {
				m[n] = true
			}
		}
	case a.neg:
		for n := range a.names {
			if !b.names[n] {
				m[n] = true
			}
		}
	default:
		for n := range b.names {
			if !a.names[n] {
				m[n] = true
			}
		}
	}
	return typeSet{neg: true, names: m}
}

func intersect(a, b typeSet) typeSet { return union(a.complement(), b.complement()).complement() }

// evtTypes computes the event types for which e can be true, pushing
// negations down to the leaves (De Morgan) as Falco does: a check on
// evt.type (=, !=, in) gives its names; any other check admits every type,
// negated or not.
func (c *compiler) evtTypes(e falco.Expr, neg bool) typeSet {
	switch e := e.(type) {
	case *falco.And, *falco.Or:
		var children []falco.Expr
		conj := false
		if a, ok := e.(*falco.And); ok {
			children, conj = a.Children, !neg
		} else {
			children, conj = e.(*falco.Or).Children, neg
		}
		var s typeSet
		if conj {
			s = allTypes()
		}
		for _, ch := range children {
			t := c.evtTypes(ch, neg)
			if conj {
				s = intersect(s, t)
			} else {
				s = union(s, t)
			}
		}
		return s
	case *falco.Not:
		return c.evtTypes(e.X, !neg)
	case *falco.Check:
		f, ok := e.Left.(*falco.FieldRef)
		if !ok || f.Name != "evt.type" || f.HasArg || (e.Op != "=" && e.Op != "!=" && e.Op != "in") {
			return allTypes()
		}
		var vals []string
		switch r := e.Right.(type) {
		case *falco.Literal:
			vals = []string{r.Value.Text}
		case *falco.ListLit:
			vals = c.values(r.Items)
		default:
			return allTypes()
		}
		s := typeSet{names: map[string]bool{}}
		for _, v := range vals {
			s.names[v] = true
		}
		if e.Op == "!=" {
			s = s.complement()
		}
		if neg {
			s = s.complement()
		}
		return s
	}
	return allTypes()
}

// compile turns a resolved expression into a predicate.
func (c *compiler) compile(e falco.Expr) (pred, error) {
	switch e := e.(type) {
	case *falco.And:
		ps, err := c.compileAll(e.Children, func(x falco.Expr) ([]falco.Expr, bool) {
			if a, ok := x.(*falco.And); ok {
				return a.Children, true
			}
			return nil, false
		})
		if err != nil {
			return nil, err
		}
		return andOf(ps), nil
	case *falco.Or:
		children := c.mergeStringTests(flattenOr(e.Children))
		ps, err := c.compileAll(children, func(falco.Expr) ([]falco.Expr, bool) { return nil, false })
		if err != nil {
			return nil, err
		}
		return orOf(ps), nil
	case *falco.Not:
		p, err := c.compile(e.X)
		if err != nil {
			return nil, err
		}
		return func(ctx *evalCtx) bool { return !p(ctx) }, nil
	case *falco.Check:
		p, err := c.compileCheck(e)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", falco.Format(e), err)
		}
		return p, nil
	case *stringTests:
		return c.compileStringTests(e)
	case *falco.MacroRef:
		return nil, fmt.Errorf("unresolved macro %q", e.Name)
	}
	return nil, fmt.Errorf("unexpected expression %T", e)
}

func flattenOr(children []falco.Expr) []falco.Expr {
	var out []falco.Expr
	for _, ch := range children {
		if o, ok := ch.(*falco.Or); ok {
			out = append(out, flattenOr(o.Children)...)
			continue
		}
		out = append(out, ch)
	}
	return out
}

// stringTests is several string checks on one field, or'ed: the field is
// read once (`fd.name startswith /a or fd.name startswith /b or …` is
// common in Falco rules).
type stringTests struct {
	field *falco.FieldRef
	tests []*falco.Check
}

func (*stringTests) Offset() int { return 0 }

// mergeStringTests replaces runs of or'ed literal string checks on the
// same single-valued string field with one stringTests node.
func (c *compiler) mergeStringTests(children []falco.Expr) []falco.Expr {
	key := func(e falco.Expr) (*falco.FieldRef, *falco.Check, bool) {
		chk, ok := e.(*falco.Check)
		if !ok {
			return nil, nil, false
		}
		f, ok := chk.Left.(*falco.FieldRef)
		if _, lit := chk.Right.(*falco.Literal); !ok || !lit {
			return nil, nil, false
		}
		switch chk.Op {
		case "=", "contains", "startswith", "endswith":
		default:
			return nil, nil, false
		}
		a, _, err := lookupField(f.Name, f.Arg, f.HasArg)
		if err != nil || a.typ != typeString || a.str == nil {
			return nil, nil, false
		}
		return f, chk, true
	}
	var out []falco.Expr
	for i := 0; i < len(children); {
		f, chk, ok := key(children[i])
		if !ok {
			out = append(out, children[i])
			i++
			continue
		}
		group := &stringTests{field: f, tests: []*falco.Check{chk}}
		j := i + 1
		for ; j < len(children); j++ {
			g, chk2, ok := key(children[j])
			if !ok || g.String() != f.String() {
				break
			}
			group.tests = append(group.tests, chk2)
		}
		if len(group.tests) == 1 {
			out = append(out, chk)
		} else {
			out = append(out, group)
		}
		i = j
	}
	return out
}

func (c *compiler) compileStringTests(g *stringTests) (pred, error) {
	a, _, err := lookupField(g.field.Name, g.field.Arg, g.field.HasArg)
	if err != nil {
		return nil, err
	}
	type test struct {
		op  byte
		val string
	}
	tests := make([]test, len(g.tests))
	for i, t := range g.tests {
		tests[i] = test{op: t.Op[0], val: t.Right.(*falco.Literal).Value.Text}
	}
	get := a.str
	return func(c *evalCtx) bool {
		v, ok := get(c)
		if !ok {
			return false
		}
		for _, t := range tests {
			switch t.op {
			case '=':
				if v == t.val {
					return true
				}
			case 'c':
				if strings.Contains(v, t.val) {
					return true
				}
			case 's':
				if strings.HasPrefix(v, t.val) {
					return true
				}
			case 'e':
				if strings.HasSuffix(v, t.val) {
					return true
				}
			}
		}
		return false
	}, nil
}

// compileAll compiles children, flattening nested nodes of the same kind.
func (c *compiler) compileAll(children []falco.Expr, same func(falco.Expr) ([]falco.Expr, bool)) ([]pred, error) {
	var ps []pred
	for _, ch := range children {
		if sub, ok := same(ch); ok {
			more, err := c.compileAll(sub, same)
			if err != nil {
				return nil, err
			}
			ps = append(ps, more...)
			continue
		}
		p, err := c.compile(ch)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

func andOf(ps []pred) pred {
	switch len(ps) {
	case 1:
		return ps[0]
	case 2:
		a, b := ps[0], ps[1]
		return func(c *evalCtx) bool { return a(c) && b(c) }
	case 3:
		a, b, d := ps[0], ps[1], ps[2]
		return func(c *evalCtx) bool { return a(c) && b(c) && d(c) }
	}
	return func(c *evalCtx) bool {
		for _, p := range ps {
			if !p(c) {
				return false
			}
		}
		return true
	}
}

func orOf(ps []pred) pred {
	switch len(ps) {
	case 1:
		return ps[0]
	case 2:
		a, b := ps[0], ps[1]
		return func(c *evalCtx) bool { return a(c) || b(c) }
	}
	return func(c *evalCtx) bool {
		for _, p := range ps {
			if p(c) {
				return true
			}
		}
		return false
	}
}

// operand binds a field, applying transformers.
func (c *compiler) operand(o falco.Operand) (accessor, error) {
	switch o := o.(type) {
	case *falco.FieldRef:
		a, _, err := lookupField(o.Name, o.Arg, o.HasArg)
		return a, err
	case *falco.Transform:
		x, err := c.operand(o.X)
		if err != nil {
			return accessor{}, err
		}
		if o.Name == "val" {
			return x, nil
		}
		if x.typ != typeString {
			return accessor{}, fmt.Errorf("transformer %s() needs a string field", o.Name)
		}
		t := transformers[o.Name]
		if t == nil {
			return accessor{}, fmt.Errorf("unknown transformer %s()", o.Name)
		}
		if x.anyStr != nil {
			inner := x.anyStr
			x.anyStr = func(c *evalCtx, test func(string) bool) bool {
				return inner(c, func(v string) bool {
					v, ok := t(v)
					return ok && test(v)
				})
			}
			return x, nil
		}
		inner := x.str
		x.str = func(c *evalCtx) (string, bool) {
			v, ok := inner(c)
			if !ok {
				return "", false
			}
			return t(v)
		}
		return x, nil
	}
	return accessor{}, fmt.Errorf("unexpected operand %T", o)
}

var transformers = map[string]func(string) (string, bool){
	"tolower": func(s string) (string, bool) { return strings.ToLower(s), true },
	"toupper": func(s string) (string, bool) { return strings.ToUpper(s), true },
	"basename": func(s string) (string, bool) {
		if s == "" || strings.HasSuffix(s, "/") {
			return "", true
		}
		return path.Base(s), true
	},
	"b64": func(s string) (string, bool) {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
			if b, err := enc.DecodeString(s); err == nil {
				return string(b), true
			}
		}
		return "", false
	},
}

func (c *compiler) compileCheck(chk *falco.Check) (pred, error) {
	left, err := c.operand(chk.Left)
	if err != nil {
		return nil, err
	}
	if chk.Op == "exists" {
		return existsPred(left), nil
	}
	var vals []string
	switch r := chk.Right.(type) {
	case falco.Operand:
		right, err := c.operand(r)
		if err != nil {
			return nil, err
		}
		return fieldPred(left, chk.Op, right)
	case *falco.Literal:
		vals = []string{r.Value.Text}
	case *falco.ListLit:
		vals = c.values(r.Items)
	default:
		return nil, fmt.Errorf("operator %s needs a value", chk.Op)
	}
	if !falco.IsListOperator(chk.Op) && len(vals) != 1 {
		return nil, fmt.Errorf("operator %s needs one value", chk.Op)
	}
	if f, ok := chk.Left.(*falco.FieldRef); ok && f.Name == "evt.type" && !f.HasArg {
		if p := evtTypePred(chk.Op, vals); p != nil {
			return p, nil
		}
	}
	switch left.typ {
	case typeString:
		return strPred(left, chk.Op, vals)
	case typeInt, typeBool:
		return numPred(left, chk.Op, vals)
	default:
		return ipPred(left, chk.Op, vals)
	}
}

// evtTypePred compiles evt.type =, != and in into a bit test on the
// event type's position in SensorTypes, with a string set for types the
// sensor does not list.
func evtTypePred(op string, vals []string) pred {
	if op != "=" && op != "!=" && op != "in" {
		return nil
	}
	var mask uint64
	for i, t := range SensorTypes {
		if i >= 64 {
			return nil
		}
		if slices.Contains(vals, string(t)) {
			mask |= 1 << i
		}
	}
	set := stringSet(vals)
	in := func(c *evalCtx) bool {
		if c.typeIdx >= 0 {
			return mask>>c.typeIdx&1 == 1
		}
		return set(string(c.e.Type))
	}
	if op == "!=" {
		return func(c *evalCtx) bool { return !in(c) }
	}
	return in
}

func existsPred(a accessor) pred {
	switch {
	case a.anyStr != nil:
		return func(c *evalCtx) bool { return a.anyStr(c, func(string) bool { return true }) }
	case a.anyNum != nil:
		return func(c *evalCtx) bool { return a.anyNum(c, func(int64) bool { return true }) }
	case a.anyIP != nil:
		return func(c *evalCtx) bool { return a.anyIP(c, func(netip.Addr) bool { return true }) }
	case a.str != nil:
		return func(c *evalCtx) bool { _, ok := a.str(c); return ok }
	case a.num != nil:
		return func(c *evalCtx) bool { _, ok := a.num(c); return ok }
	}
	return func(c *evalCtx) bool { _, ok := a.ip(c); return ok }
}

// stringSet is a string set: linear for a few values, a map beyond.
func stringSet(vals []string) func(string) bool {
	if len(vals) <= 6 {
		vs := slices.Clone(vals)
		return func(v string) bool {
			for _, x := range vs {
				if x == v {
					return true
				}
			}
			return false
		}
	}
	m := make(map[string]struct{}, len(vals))
	for _, v := range vals {
		m[v] = struct{}{}
	}
	return func(v string) bool { _, ok := m[v]; return ok }
}

func strTest(op string, vals []string) (func(string) bool, error) {
	s := vals[0]
	switch op {
	case "=":
		return func(v string) bool { return v == s }, nil
	case "!=":
		return func(v string) bool { return v != s }, nil
	case "<":
		return func(v string) bool { return v < s }, nil
	case "<=":
		return func(v string) bool { return v <= s }, nil
	case ">":
		return func(v string) bool { return v > s }, nil
	case ">=":
		return func(v string) bool { return v >= s }, nil
	case "contains":
		return func(v string) bool { return strings.Contains(v, s) }, nil
	case "icontains":
		ls := strings.ToLower(s)
		return func(v string) bool { return strings.Contains(strings.ToLower(v), ls) }, nil
	case "startswith":
		return func(v string) bool { return strings.HasPrefix(v, s) }, nil
	case "endswith":
		return func(v string) bool { return strings.HasSuffix(v, s) }, nil
	case "bcontains", "bstartswith":
		b, err := hex.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("%s needs a hexadecimal string: %q", op, s)
		}
		bs := string(b)
		if op == "bcontains" {
			return func(v string) bool { return strings.Contains(v, bs) }, nil
		}
		return func(v string) bool { return strings.HasPrefix(v, bs) }, nil
	case "glob":
		return func(v string) bool { return globMatch(s, v) }, nil
	case "iglob":
		ls := strings.ToLower(s)
		return func(v string) bool { return globMatch(ls, strings.ToLower(v)) }, nil
	case "regex":
		re, err := regexp.Compile(`^(?:` + s + `)$`)
		if err != nil {
			return nil, fmt.Errorf("invalid regex %q: %w", s, err)
		}
		return re.MatchString, nil
	case "in", "intersects":
		return stringSet(vals), nil
	case "pmatch":
		ps, err := newPathSet(vals)
		if err != nil {
			return nil, err
		}
		return ps.match, nil
	}
	return nil, fmt.Errorf("operator %s is not supported on string fields", op)
}

func strPred(a accessor, op string, vals []string) (pred, error) {
	if (op == "in" || op == "intersects" || op == "pmatch") && len(vals) == 0 {
		return func(*evalCtx) bool { return false }, nil
	}
	test, err := strTest(op, vals)
	if err != nil {
		return nil, err
	}
	if a.anyStr != nil {
		return func(c *evalCtx) bool { return a.anyStr(c, test) }, nil
	}
	get := a.str
	switch op {
	case "=":
		s := vals[0]
		return func(c *evalCtx) bool { v, ok := get(c); return ok && v == s }, nil
	case "!=":
		s := vals[0]
		return func(c *evalCtx) bool { v, ok := get(c); return ok && v != s }, nil
	case "startswith":
		s := vals[0]
		return func(c *evalCtx) bool { v, ok := get(c); return ok && strings.HasPrefix(v, s) }, nil
	case "endswith":
		s := vals[0]
		return func(c *evalCtx) bool { v, ok := get(c); return ok && strings.HasSuffix(v, s) }, nil
	case "contains":
		s := vals[0]
		return func(c *evalCtx) bool { v, ok := get(c); return ok && strings.Contains(v, s) }, nil
	}
	return func(c *evalCtx) bool { v, ok := get(c); return ok && test(v) }, nil
}

// parseNum reads a numeric value: decimal, 0x hex, or an integral float;
// for booleans also true and false.
func parseNum(s string, typ valueType) (int64, error) {
	if typ == typeBool {
		switch strings.ToLower(s) {
		case "true", "1":
			return 1, nil
		case "false", "0":
			return 0, nil
		}
		return 0, fmt.Errorf("%q is not a boolean (true or false)", s)
	}
	if h, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
		if v, err := strconv.ParseUint(h, 16, 64); err == nil {
			return int64(v), nil
		}
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, nil
	}
	if v, err := strconv.ParseUint(s, 10, 64); err == nil {
		return int64(v), nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
		return int64(f), nil
	}
	return 0, fmt.Errorf("%q is not a number", s)
}

func numPred(a accessor, op string, vals []string) (pred, error) {
	ns := make([]int64, len(vals))
	for i, v := range vals {
		n, err := parseNum(v, a.typ)
		if err != nil {
			return nil, err
		}
		ns[i] = n
	}
	var test func(int64) bool
	switch op {
	case "in", "intersects":
		test = func(v int64) bool { return slices.Contains(ns, v) }
	default:
		n := ns[0]
		switch op {
		case "=":
			test = func(v int64) bool { return v == n }
		case "!=":
			test = func(v int64) bool { return v != n }
		case "<":
			test = func(v int64) bool { return v < n }
		case "<=":
			test = func(v int64) bool { return v <= n }
		case ">":
			test = func(v int64) bool { return v > n }
		case ">=":
			test = func(v int64) bool { return v >= n }
		default:
			return nil, fmt.Errorf("operator %s is not supported on numeric fields", op)
		}
	}
	if a.anyNum != nil {
		return func(c *evalCtx) bool { return a.anyNum(c, test) }, nil
	}
	get := a.num
	if op == "=" {
		n := ns[0]
		return func(c *evalCtx) bool { v, ok := get(c); return ok && v == n }, nil
	}
	return func(c *evalCtx) bool { v, ok := get(c); return ok && test(v) }, nil
}

// ipPred compares addresses with addresses or CIDR networks: = and in
// match when the address equals one of the values or lies in one of the
// networks; != when it matches none.
func ipPred(a accessor, op string, vals []string) (pred, error) {
	switch op {
	case "=", "!=", "in", "intersects":
	default:
		return nil, fmt.Errorf("operator %s is not supported on address fields", op)
	}
	var prefixes []netip.Prefix
	for _, v := range vals {
		if strings.Contains(v, "/") {
			p, err := netip.ParsePrefix(v)
			if err != nil {
				return nil, fmt.Errorf("%q is not a network: %w", v, err)
			}
			prefixes = append(prefixes, p.Masked())
			continue
		}
		addr, err := netip.ParseAddr(v)
		if err != nil {
			return nil, fmt.Errorf("%q is not an IP address", v)
		}
		addr = addr.Unmap()
		prefixes = append(prefixes, netip.PrefixFrom(addr, addr.BitLen()))
	}
	in := func(v netip.Addr) bool {
		for _, p := range prefixes {
			if p.Contains(v) {
				return true
			}
		}
		return false
	}
	var test func(netip.Addr) bool
	switch op {
	case "=", "in", "intersects":
		test = in
	case "!=":
		test = func(v netip.Addr) bool { return !in(v) }
	default:
		return nil, fmt.Errorf("operator %s is not supported on address fields", op)
	}
	if a.anyIP != nil {
		return func(c *evalCtx) bool { return a.anyIP(c, test) }, nil
	}
	get := a.ip
	return func(c *evalCtx) bool { v, ok := get(c); return ok && test(v) }, nil
}

// fieldPred compares two fields of the same event (val(field) and
// transformers on the right).
func fieldPred(left accessor, op string, right accessor) (pred, error) {
	if right.multi() {
		return nil, errors.New("a filter-only field cannot be compared on the right")
	}
	if left.typ != right.typ && !(isNumeric(left.typ) && isNumeric(right.typ)) {
		return nil, fmt.Errorf("cannot compare a %s field with a %s field", left.typ, right.typ)
	}
	if op == "in" || op == "intersects" {
		op = "="
	}
	switch left.typ {
	case typeString:
		switch op {
		case "=", "!=", "<", "<=", ">", ">=", "contains", "icontains", "startswith", "endswith":
		default:
			return nil, fmt.Errorf("operator %s is not supported between two fields", op)
		}
		rget := right.str
		return func(c *evalCtx) bool {
			r, ok := rget(c)
			if !ok {
				return false
			}
			test := func(v string) bool { return compareStrings(op, v, r) }
			if left.anyStr != nil {
				return left.anyStr(c, test)
			}
			v, ok := left.str(c)
			return ok && test(v)
		}, nil
	case typeInt, typeBool:
		if _, err := numPred(accessor{typ: typeInt, num: left.num}, op, []string{"0"}); err != nil {
			return nil, err
		}
		rget := right.num
		return func(c *evalCtx) bool {
			r, ok := rget(c)
			if !ok {
				return false
			}
			cmp := func(v int64) bool { return compareInts(op, v, r) }
			if left.anyNum != nil {
				return left.anyNum(c, cmp)
			}
			v, ok := left.num(c)
			return ok && cmp(v)
		}, nil
	}
	if op != "=" && op != "!=" {
		return nil, fmt.Errorf("operator %s is not supported between address fields", op)
	}
	rget := right.ip
	return func(c *evalCtx) bool {
		r, ok := rget(c)
		if !ok {
			return false
		}
		cmp := func(v netip.Addr) bool { return (v == r) == (op == "=") }
		if left.anyIP != nil {
			return left.anyIP(c, cmp)
		}
		v, ok := left.ip(c)
		return ok && cmp(v)
	}, nil
}

func compareStrings(op, v, r string) bool {
	switch op {
	case "=":
		return v == r
	case "!=":
		return v != r
	case "<":
		return v < r
	case "<=":
		return v <= r
	case ">":
		return v > r
	case ">=":
		return v >= r
	case "contains":
		return strings.Contains(v, r)
	case "icontains":
		return strings.Contains(strings.ToLower(v), strings.ToLower(r))
	case "startswith":
		return strings.HasPrefix(v, r)
	case "endswith":
		return strings.HasSuffix(v, r)
	}
	return false
}

func isNumeric(t valueType) bool { return t == typeInt || t == typeBool }

func compareInts(op string, a, b int64) bool {
	switch op {
	case "=":
		return a == b
	case "!=":
		return a != b
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	}
	return false
}
