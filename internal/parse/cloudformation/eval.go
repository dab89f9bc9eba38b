package cloudformation

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

// noValue is what Ref AWS::NoValue evaluates to: the enclosing key or list
// element is removed.
type noValue struct{}

type condMemo struct {
	done       bool
	inProgress bool
	val        any // bool or state.Unknown
}

type template struct {
	path   string
	cfg    Config
	rawSrc state.SourceMap
	nodes  int

	params     map[string]any
	mappings   map[string]any
	conditions map[string]any
	condState  map[string]condMemo
	condDepth  int
	resources  map[string]any
	globals    map[string]any

	res      *Result
	seenErr  map[string]bool
	steps    int
	outBytes int
	limitErr error
}

// serverlessGlobals maps SAM resource types to their Globals section.
var serverlessGlobals = map[string]string{
	"AWS::Serverless::Function":     "Function",
	"AWS::Serverless::Api":          "Api",
	"AWS::Serverless::HttpApi":      "HttpApi",
	"AWS::Serverless::SimpleTable":  "SimpleTable",
	"AWS::Serverless::StateMachine": "StateMachine",
	"AWS::Serverless::LayerVersion": "LayerVersion",
}

func (t *template) step() bool {
	if t.limitErr != nil {
		return false
	}
	t.steps++
	if limit := 4 * t.cfg.MaxNodes; t.steps > limit {
		t.limitErr = &limits.LimitError{What: "evaluation steps in " + t.path, Limit: int64(limit)}
		return false
	}
	return true
}

func (t *template) grow(n int) bool {
	if t.limitErr != nil {
		return false
	}
	t.outBytes += n
	if t.outBytes > maxOutputBytes {
		t.limitErr = &limits.LimitError{What: "bytes of strings built by functions in " + t.path, Limit: maxOutputBytes}
		return false
	}
	return true
}

func (t *template) evaluate(root map[string]any, order []string) {
	switch tr := root["Transform"].(type) {
	case string:
		t.res.Transforms = []string{tr}
	case []any:
		for _, x := range tr {
			if s, ok := x.(string); ok {
				t.res.Transforms = append(t.res.Transforms, s)
			}
		}
	}
	t.mappings, _ = root["Mappings"].(map[string]any)
	t.conditions, _ = root["Conditions"].(map[string]any)
	t.globals, _ = root["Globals"].(map[string]any)
	t.loadParameters(root["Parameters"])

	rs, ok := root["Resources"]
	if !ok {
		t.note(nil, "template has no Resources section")
		return
	}
	t.resources, ok = rs.(map[string]any)
	if !ok {
		t.note([]any{"Resources"}, "Resources is not a mapping")
		return
	}
	for _, id := range order {
		if t.limitErr != nil {
			return
		}
		if r, ok := t.resource(id); ok {
			t.res.Resources = append(t.res.Resources, r)
		}
	}
}

func (t *template) loadParameters(p any) {
	t.params = map[string]any{}
	ps, ok := p.(map[string]any)
	if !ok {
		if p != nil {
			t.note([]any{"Parameters"}, "Parameters is not a mapping")
		}
		return
	}
	for name, def := range ps {
		d, ok := def.(map[string]any)
		if !ok {
			t.note([]any{"Parameters", name}, "parameter %q is not a mapping", name)
			t.params[name] = state.Unknown{Reason: "Parameter " + name}
			continue
		}
		typ, _ := d["Type"].(string)
		v, has := d["Default"]
		if o, ok := t.cfg.Parameters[name]; ok {
			v, has = o, true
		}
		switch {
		case !has:
			v = state.Unknown{Reason: "Parameter " + name}
		case strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<"):
			s, _ := toString(v)
			v = state.Unknown{Reason: "SSM parameter " + s}
		case typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<"):
			if s, ok := v.(string); ok {
				parts := strings.Split(s, ",")
				l := make([]any, len(parts))
				for i, x := range parts {
					l[i] = strings.TrimSpace(x)
				}
				v = l
			}
		}
		t.params[name] = v
	}
}

func (t *template) resource(id string) (state.IaCResource, bool) {
	raw := []any{"Resources", id}
	m, ok := t.resources[id].(map[string]any)
	if !ok {
		t.note(raw, "resource %q is not a mapping", id)
		return state.IaCResource{}, false
	}
	typ, _ := m["Type"].(string)
	if typ == "" {
		t.note(raw, "resource %q has no Type", id)
		return state.IaCResource{}, false
	}
	if cv, ok := m["Condition"]; ok {
		name, _ := cv.(string)
		if name == "" {
			t.note(appendPath(raw, "Condition"), "resource %q: Condition is not a string", id)
		} else if b, ok := t.condition(name, appendPath(raw, "Condition")).(bool); ok && !b {
			return state.IaCResource{}, false
		}
	}
	c := &evalCtx{t: t, refs: map[string]bool{}, src: state.SourceMap{}}
	if r, ok := t.rawSrc[state.Key(raw)]; ok {
		c.src[""] = r
	}
	val := map[string]any{}
	if props, ok := m["Properties"]; ok && props != nil {
		praw := appendPath(raw, "Properties")
		switch pv := c.eval(props, praw, nil).(type) {
		case map[string]any:
			val = pv
		case noValue:
		case state.Unknown:
			t.note(praw, "resource %q: Properties cannot be evaluated (%s)", id, pv.Reason)
		default:
			t.note(praw, "resource %q: Properties is not a mapping", id)
		}
	}
	if section, ok := serverlessGlobals[typ]; ok && t.globals != nil {
		if g, ok := t.globals[section]; ok {
			gc := &evalCtx{t: t, refs: c.refs, src: state.SourceMap{}}
			if gm, ok := gc.eval(g, []any{"Globals", section}, nil).(map[string]any); ok {
				mergeGlobals(val, gm, nil, c.src, gc.src)
			}
		}
	}
	switch d := m["DependsOn"].(type) {
	case string:
		c.dependsOn(d, appendPath(raw, "DependsOn"))
	case []any:
		for i, x := range d {
			s, _ := x.(string)
			c.dependsOn(s, appendPath(raw, "DependsOn", i))
		}
	case nil:
	default:
		t.note(appendPath(raw, "DependsOn"), "resource %q: DependsOn is not a string or list", id)
	}
	delete(c.refs, id)
	refs := make([]string, 0, len(c.refs))
	for r := range c.refs {
		refs = append(refs, r)
	}
	sort.Strings(refs)
	return state.IaCResource{
		Type: typ, Name: id, Address: id, Mode: "managed",
		Value: val, Source: c.src, References: refs,
	}, true
}

// mergeGlobals merges a SAM Globals section g into a resource's properties
// v: keys absent from v are added, maps merged recursively, lists get the
// global items first; v's scalars win. Source entries follow the values.
func mergeGlobals(v, g map[string]any, path []any, src, gsrc state.SourceMap) {
	for k, gv := range g {
		p := appendPath(path, k)
		rv, exists := v[k]
		if !exists {
			v[k] = gv
			copySrc(src, gsrc, state.Key(p), state.Key(p), 0)
			continue
		}
		switch r := rv.(type) {
		case map[string]any:
			if gm, ok := gv.(map[string]any); ok {
				mergeGlobals(r, gm, p, src, gsrc)
			}
		case []any:
			gl, ok := gv.([]any)
			if !ok {
				continue
			}
			// Shift the resource's items after the global ones.
			prefix := state.Key(p) + "\x00"
			shifted := state.SourceMap{}
			for key, rg := range src {
				if !strings.HasPrefix(key, prefix) {
					continue
				}
				rest := key[len(prefix):]
				idx, tail, _ := strings.Cut(rest, "\x00")
				i, err := strconv.Atoi(idx)
				if err != nil {
					continue
				}
				nk := prefix + strconv.Itoa(i+len(gl))
				if tail != "" || strings.HasSuffix(rest, "\x00") {
					nk += "\x00" + tail
				}
				delete(src, key)
				shifted[nk] = rg
			}
			for key, rg := range shifted {
				src[key] = rg
			}
			copySrc(src, gsrc, prefix, prefix, 1)
			v[k] = append(append([]any{}, gl...), r...)
		}
	}
}

// copySrc copies gsrc entries under key from (the key itself when
// childrenOnly is 0) to the same place in src.
func copySrc(src, gsrc state.SourceMap, from, to string, childrenOnly int) {
	for k, r := range gsrc {
		if (childrenOnly == 0 && k == from) || strings.HasPrefix(k, strings.TrimSuffix(from, "\x00")+"\x00") {
			src[to+k[len(from):]] = r
		}
	}
}

// evalCtx evaluates values for one resource (or one condition): refs
// collects the logical IDs it refers to; src, when not nil, receives the
// lines of evaluated values under their output path.
type evalCtx struct {
	t      *template
	refs   map[string]bool
	src    state.SourceMap
	inCond bool
}

// args is a context for function arguments: same refs, no source records.
func (c *evalCtx) args() *evalCtx {
	return &evalCtx{t: c.t, refs: c.refs, inCond: c.inCond}
}

func (c *evalCtx) record(raw, out []any) {
	if c.src == nil || len(out) == 0 {
		return
	}
	if r, ok := c.t.rawSrc[state.Key(raw)]; ok {
		c.src[state.Key(out)] = r
	}
}

func (c *evalCtx) dependsOn(id string, raw []any) {
	if _, ok := c.t.resources[id]; ok && id != "" {
		c.refs[id] = true
		return
	}
	c.t.note(raw, "DependsOn names undefined resource %q", id)
}

func isFunc(k string) bool {
	return k == "Ref" || strings.HasPrefix(k, "Fn::")
}

func (c *evalCtx) eval(v any, raw, out []any) any {
	if !c.t.step() {
		return state.Unknown{Reason: "evaluation limit"}
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				if isFunc(k) || (c.inCond && k == "Condition") {
					return c.call(k, arg, appendPath(raw, k), out)
				}
			}
		}
		m := make(map[string]any, len(x))
		for k, e := range x {
			kr, ko := appendPath(raw, k), appendPath(out, k)
			ev := c.eval(e, kr, ko)
			if _, ok := ev.(noValue); ok {
				continue
			}
			m[k] = ev
			c.record(kr, ko)
		}
		return m
	case []any:
		s := make([]any, 0, len(x))
		for i, e := range x {
			er, eo := appendPath(raw, i), appendPath(out, len(s))
			ev := c.eval(e, er, eo)
			if _, ok := ev.(noValue); ok {
				continue
			}
			s = append(s, ev)
			c.record(er, eo)
		}
		return s
	}
	return v
}

// copyValue deep-copies a literal value (a parameter's or a mapping's),
// counting steps.
func (c *evalCtx) copyValue(v any) any {
	if !c.t.step() {
		return state.Unknown{Reason: "evaluation limit"}
	}
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = c.copyValue(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = c.copyValue(e)
		}
		return s
	}
	return v
}

func (c *evalCtx) call(name string, arg any, raw, out []any) any {
	switch name {
	case "Ref":
		return c.ref(arg, raw)
	case "Fn::GetAtt":
		return c.getAtt(arg, raw)
	case "Fn::Sub":
		return c.sub(arg, raw)
	case "Fn::Join":
		return c.join(arg, raw)
	case "Fn::Select":
		return c.selectFn(arg, raw)
	case "Fn::Split":
		return c.split(arg, raw)
	case "Fn::Base64":
		a := c.args().eval(arg, raw, nil)
		if u, ok := a.(state.Unknown); ok {
			return state.Unknown{Reason: "Fn::Base64 (" + u.Reason + ")"}
		}
		s, ok := toString(a)
		if !ok {
			c.t.note(raw, "Fn::Base64 needs a string")
			return state.Unknown{Reason: "Fn::Base64"}
		}
		if !c.t.grow(len(s) * 4 / 3) {
			return state.Unknown{Reason: "evaluation limit"}
		}
		return base64.StdEncoding.EncodeToString([]byte(s))
	case "Fn::FindInMap":
		return c.findInMap(arg, raw)
	case "Fn::If":
		return c.ifFn(arg, raw, out)
	case "Fn::Equals":
		return c.equals(arg, raw)
	case "Fn::And", "Fn::Or", "Fn::Not":
		return c.logic(name, arg, raw)
	case "Condition":
		s, ok := arg.(string)
		if !ok {
			c.t.note(raw, "Condition needs a condition name")
			return state.Unknown{Reason: "Condition"}
		}
		return c.t.condition(s, raw)
	case "Fn::ImportValue":
		a := c.args().eval(arg, raw, nil)
		if s, ok := toString(a); ok {
			return state.Unknown{Reason: "Fn::ImportValue " + s}
		}
		return state.Unknown{Reason: "Fn::ImportValue"}
	case "Fn::GetAZs", "Fn::Cidr":
		c.args().eval(arg, raw, nil)
		return state.Unknown{Reason: name}
	case "Fn::Transform":
		if m, ok := arg.(map[string]any); ok {
			if s, ok := m["Name"].(string); ok {
				return state.Unknown{Reason: "Fn::Transform " + s}
			}
		}
		return state.Unknown{Reason: "Fn::Transform"}
	}
	c.t.note(raw, "unsupported intrinsic function %q", name)
	c.args().eval(arg, raw, nil)
	return state.Unknown{Reason: name}
}

func (c *evalCtx) ref(arg any, raw []any) any {
	name, ok := arg.(string)
	if !ok {
		c.t.note(raw, "Ref needs a name")
		return state.Unknown{Reason: "Ref"}
	}
	switch name {
	case "AWS::Region":
		return PseudoRegion
	case "AWS::AccountId":
		return PseudoAccountID
	case "AWS::Partition":
		return PseudoPartition
	case "AWS::StackName":
		return PseudoStackName
	case "AWS::StackId":
		return PseudoStackID
	case "AWS::URLSuffix":
		return PseudoURLSuffix
	case "AWS::NoValue":
		return noValue{}
	case "AWS::NotificationARNs":
		return state.Unknown{Reason: "Ref AWS::NotificationARNs"}
	}
	if v, ok := c.t.params[name]; ok {
		return c.copyValue(v)
	}
	if _, ok := c.t.resources[name]; ok {
		c.refs[name] = true
		return state.Unknown{Reason: "Ref " + name}
	}
	c.t.note(raw, "Ref to undefined %q", name)
	return state.Unknown{Reason: "Ref " + name}
}

func (c *evalCtx) getAtt(arg any, raw []any) any {
	var res, attr string
	switch a := arg.(type) {
	case string:
		res, attr, _ = strings.Cut(a, ".")
	case []any:
		if len(a) == 2 {
			res, _ = a[0].(string)
			if s, ok := toString(c.args().eval(a[1], appendPath(raw, 1), nil)); ok {
				attr = s
			} else {
				attr = "?"
			}
		}
	}
	if res == "" || attr == "" {
		c.t.note(raw, "Fn::GetAtt needs [LogicalID, Attribute]")
		return state.Unknown{Reason: "Fn::GetAtt"}
	}
	if _, ok := c.t.resources[res]; ok {
		c.refs[res] = true
	} else {
		c.t.note(raw, "Fn::GetAtt of undefined resource %q", res)
	}
	return state.Unknown{Reason: "Fn::GetAtt " + res + "." + attr}
}

func (c *evalCtx) sub(arg any, raw []any) any {
	var tmpl string
	vars := map[string]any{}
	switch a := arg.(type) {
	case string:
		tmpl = a
	case []any:
		if len(a) != 2 {
			c.t.note(raw, "Fn::Sub needs a string or [string, map]")
			return state.Unknown{Reason: "Fn::Sub"}
		}
		s, ok := a[0].(string)
		if !ok {
			c.t.note(raw, "Fn::Sub needs a string template")
			return state.Unknown{Reason: "Fn::Sub"}
		}
		tmpl = s
		if m, ok := a[1].(map[string]any); ok {
			for k, e := range m {
				vars[k] = c.args().eval(e, appendPath(raw, 1, k), nil)
			}
		} else if a[1] != nil {
			c.t.note(raw, "Fn::Sub variables are not a mapping")
		}
	default:
		c.t.note(raw, "Fn::Sub needs a string or [string, map]")
		return state.Unknown{Reason: "Fn::Sub"}
	}
	var b strings.Builder
	var unknown string
	rest := tmpl
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i+2:]
		if strings.HasPrefix(rest, "!") {
			b.WriteString("${")
			rest = rest[1:]
			continue
		}
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			b.WriteString("${" + rest)
			break
		}
		name := strings.TrimSpace(rest[:j])
		rest = rest[j+1:]
		if !c.t.step() {
			return state.Unknown{Reason: "evaluation limit"}
		}
		v := c.subVar(name, vars, raw)
		if u, ok := v.(state.Unknown); ok {
			if unknown == "" {
				unknown = u.Reason
			}
			continue
		}
		s, ok := toString(v)
		if !ok {
			c.t.note(raw, "Fn::Sub variable %q is not a string", name)
			if unknown == "" {
				unknown = "Fn::Sub ${" + name + "}"
			}
			continue
		}
		if unknown == "" {
			b.WriteString(s)
			if !c.t.grow(len(s)) {
				return state.Unknown{Reason: "evaluation limit"}
			}
		}
	}
	if unknown != "" {
		return state.Unknown{Reason: "Fn::Sub (" + unknown + ")"}
	}
	return b.String()
}

func (c *evalCtx) subVar(name string, vars map[string]any, raw []any) any {
	if v, ok := vars[name]; ok {
		return v
	}
	if strings.HasPrefix(name, "AWS::") {
		return c.ref(name, raw)
	}
	if _, ok := c.t.params[name]; ok {
		return c.ref(name, raw)
	}
	if res, attr, ok := strings.Cut(name, "."); ok {
		if _, ok := c.t.resources[res]; ok {
			c.refs[res] = true
			return state.Unknown{Reason: "Fn::GetAtt " + res + "." + attr}
		}
	}
	if _, ok := c.t.resources[name]; ok {
		c.refs[name] = true
		return state.Unknown{Reason: "Ref " + name}
	}
	c.t.note(raw, "Fn::Sub variable %q is undefined", name)
	return state.Unknown{Reason: "Fn::Sub ${" + name + "}"}
}

// list2 evaluates a two-element argument list.
func (c *evalCtx) list2(name string, arg any, raw []any) (any, any, bool) {
	a, ok := arg.([]any)
	if !ok || len(a) != 2 {
		c.t.note(raw, "%s needs a list of two arguments", name)
		return nil, nil, false
	}
	ac := c.args()
	return ac.eval(a[0], appendPath(raw, 0), nil), ac.eval(a[1], appendPath(raw, 1), nil), true
}

func (c *evalCtx) join(arg any, raw []any) any {
	d, l, ok := c.list2("Fn::Join", arg, raw)
	if !ok {
		return state.Unknown{Reason: "Fn::Join"}
	}
	if u, ok := firstUnknown(d, l); ok {
		return state.Unknown{Reason: "Fn::Join (" + u.Reason + ")"}
	}
	delim, ok := toString(d)
	items, ok2 := l.([]any)
	if !ok || !ok2 {
		c.t.note(raw, "Fn::Join needs [delimiter, list]")
		return state.Unknown{Reason: "Fn::Join"}
	}
	parts := make([]string, 0, len(items))
	n := 0
	for _, it := range items {
		if u, ok := it.(state.Unknown); ok {
			return state.Unknown{Reason: "Fn::Join (" + u.Reason + ")"}
		}
		s, ok := toString(it)
		if !ok {
			c.t.note(raw, "Fn::Join list item is not a string")
			return state.Unknown{Reason: "Fn::Join"}
		}
		parts = append(parts, s)
		n += len(s) + len(delim)
	}
	if !c.t.grow(n) {
		return state.Unknown{Reason: "evaluation limit"}
	}
	return strings.Join(parts, delim)
}

func (c *evalCtx) selectFn(arg any, raw []any) any {
	iv, l, ok := c.list2("Fn::Select", arg, raw)
	if !ok {
		return state.Unknown{Reason: "Fn::Select"}
	}
	if u, ok := firstUnknown(iv, l); ok {
		return state.Unknown{Reason: "Fn::Select (" + u.Reason + ")"}
	}
	s, _ := toString(iv)
	idx, err := strconv.Atoi(s)
	items, ok := l.([]any)
	if err != nil || !ok {
		c.t.note(raw, "Fn::Select needs [index, list]")
		return state.Unknown{Reason: "Fn::Select"}
	}
	if idx < 0 || idx >= len(items) {
		c.t.note(raw, "Fn::Select index %d out of range (%d items)", idx, len(items))
		return state.Unknown{Reason: "Fn::Select"}
	}
	return items[idx]
}

func (c *evalCtx) split(arg any, raw []any) any {
	d, sv, ok := c.list2("Fn::Split", arg, raw)
	if !ok {
		return state.Unknown{Reason: "Fn::Split"}
	}
	if u, ok := firstUnknown(d, sv); ok {
		return state.Unknown{Reason: "Fn::Split (" + u.Reason + ")"}
	}
	delim, ok := toString(d)
	s, ok2 := toString(sv)
	if !ok || !ok2 || delim == "" {
		c.t.note(raw, "Fn::Split needs [delimiter, string]")
		return state.Unknown{Reason: "Fn::Split"}
	}
	if n := strings.Count(s, delim); n > c.t.cfg.MaxNodes {
		c.t.limitErr = &limits.LimitError{What: "Fn::Split items in " + c.t.path, Limit: int64(c.t.cfg.MaxNodes)}
		return state.Unknown{Reason: "evaluation limit"}
	}
	parts := strings.Split(s, delim)
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

func (c *evalCtx) findInMap(arg any, raw []any) any {
	a, ok := arg.([]any)
	if !ok || len(a) < 3 || len(a) > 4 {
		c.t.note(raw, "Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]")
		return state.Unknown{Reason: "Fn::FindInMap"}
	}
	ac := c.args()
	keys := make([]string, 3)
	for i := range 3 {
		v := ac.eval(a[i], appendPath(raw, i), nil)
		if u, ok := v.(state.Unknown); ok {
			return state.Unknown{Reason: "Fn::FindInMap (" + u.Reason + ")"}
		}
		s, ok := toString(v)
		if !ok {
			c.t.note(raw, "Fn::FindInMap key is not a string")
			return state.Unknown{Reason: "Fn::FindInMap"}
		}
		keys[i] = s
	}
	m1, _ := c.t.mappings[keys[0]].(map[string]any)
	m2, _ := m1[keys[1]].(map[string]any)
	if v, ok := m2[keys[2]]; ok {
		return c.copyValue(v)
	}
	if len(a) == 4 {
		if d, ok := a[3].(map[string]any); ok {
			if dv, ok := d["DefaultValue"]; ok {
				return ac.eval(dv, appendPath(raw, 3, "DefaultValue"), nil)
			}
		}
	}
	c.t.note(raw, "Fn::FindInMap: no value at %s/%s/%s", keys[0], keys[1], keys[2])
	return state.Unknown{Reason: "Fn::FindInMap " + strings.Join(keys, ".")}
}

func (c *evalCtx) ifFn(arg any, raw, out []any) any {
	a, ok := arg.([]any)
	if !ok || len(a) != 3 {
		c.t.note(raw, "Fn::If needs [Condition, ValueIfTrue, ValueIfFalse]")
		return state.Unknown{Reason: "Fn::If"}
	}
	name, ok := a[0].(string)
	if !ok {
		c.t.note(raw, "Fn::If needs a condition name")
		return state.Unknown{Reason: "Fn::If"}
	}
	if b, ok := c.t.condition(name, appendPath(raw, 0)).(bool); ok {
		i := 2
		if b {
			i = 1
		}
		return c.eval(a[i], appendPath(raw, i), out)
	}
	ac := c.args()
	ac.eval(a[1], appendPath(raw, 1), nil)
	ac.eval(a[2], appendPath(raw, 2), nil)
	return state.Unknown{Reason: "Fn::If " + name}
}

func (c *evalCtx) equals(arg any, raw []any) any {
	x, y, ok := c.list2("Fn::Equals", arg, raw)
	if !ok {
		return state.Unknown{Reason: "Fn::Equals"}
	}
	if u, ok := firstUnknown(x, y); ok {
		return state.Unknown{Reason: "Fn::Equals (" + u.Reason + ")"}
	}
	return reflect.DeepEqual(normalize(x), normalize(y))
}

func (c *evalCtx) logic(name string, arg any, raw []any) any {
	a, ok := arg.([]any)
	if !ok || len(a) == 0 || (name == "Fn::Not" && len(a) != 1) {
		c.t.note(raw, "%s needs a list of conditions", name)
		return state.Unknown{Reason: name}
	}
	cc := &evalCtx{t: c.t, refs: c.refs, inCond: true}
	var unknown *state.Unknown
	for i, e := range a {
		v := cc.eval(e, appendPath(raw, i), nil)
		if cond, ok := v.(string); ok { // a bare condition name
			v = c.t.condition(cond, appendPath(raw, i))
		}
		switch b := v.(type) {
		case bool:
			switch {
			case name == "Fn::Not":
				return !b
			case name == "Fn::And" && !b:
				return false
			case name == "Fn::Or" && b:
				return true
			}
		case state.Unknown:
			if unknown == nil {
				unknown = &b
			}
		default:
			c.t.note(appendPath(raw, i), "%s argument is not a condition", name)
			if unknown == nil {
				unknown = &state.Unknown{Reason: name}
			}
		}
	}
	if unknown != nil {
		return state.Unknown{Reason: name + " (" + unknown.Reason + ")"}
	}
	return name == "Fn::And"
}

// condition evaluates a named condition to a bool or an Unknown; cycles
// and undefined names are errors and evaluate to Unknown.
func (t *template) condition(name string, raw []any) any {
	st := t.condState[name]
	switch {
	case st.done:
		return st.val
	case st.inProgress:
		t.note(raw, "condition %q refers to itself", name)
		return state.Unknown{Reason: "Condition " + name}
	}
	def, ok := t.conditions[name]
	if !ok {
		t.note(raw, "undefined condition %q", name)
		return state.Unknown{Reason: "Condition " + name}
	}
	if t.condDepth >= t.cfg.MaxDepth {
		t.note(raw, "conditions nested deeper than %d", t.cfg.MaxDepth)
		return state.Unknown{Reason: "Condition " + name}
	}
	t.condState[name] = condMemo{inProgress: true}
	t.condDepth++
	c := &evalCtx{t: t, refs: map[string]bool{}, inCond: true}
	v := c.eval(def, []any{"Conditions", name}, nil)
	t.condDepth--
	switch v.(type) {
	case bool, state.Unknown:
	default:
		t.note([]any{"Conditions", name}, "condition %q is not a boolean", name)
		v = state.Unknown{Reason: "Condition " + name}
	}
	t.condState[name] = condMemo{done: true, val: v}
	return v
}

// firstUnknown returns the first Unknown in vs (not looking inside lists).
func firstUnknown(vs ...any) (state.Unknown, bool) {
	for _, v := range vs {
		if u, ok := v.(state.Unknown); ok {
			return u, true
		}
	}
	return state.Unknown{}, false
}

// normalize turns scalars into strings (CloudFormation compares string
// forms: 1 equals "1") and Unknown into a marker.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = normalize(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = normalize(e)
		}
		return s
	}
	if s, ok := toString(v); ok {
		return s
	}
	return fmt.Sprintf("%#v", v)
}

func toString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case int:
		return strconv.Itoa(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}
