package detect

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/falco"
)

// The collector applies Falco's multi-file semantics: items are read in
// file order; a later definition of a name replaces the earlier one in
// place (keeping its position); `append: true` and `override:` extend or
// replace parts of an earlier item; `- rule: X` with only `enabled` turns
// an earlier rule on or off. Conditions are joined as text (Falco appends
// " " + the new text), so they are parsed only once everything is read.

// EngineVersion is the Falco rules engine version Ward implements, checked
// against required_engine_version: the current falcosecurity rules
// require 0.57.0.
const EngineVersion = "0.57.0"

// condPart records where a piece of a (possibly appended) condition came
// from, to place parse errors on the right file and line.
type condPart struct {
	start int
	path  string
	line  int
}

type listState struct {
	name  string
	items []string
	path  string
	line  int
}

type macroState struct {
	name   string
	cond   string
	parts  []condPart
	path   string
	line   int
	parsed bool
	ast    falco.Expr
	err    error
}

// parse parses the macro's condition once.
func (m *macroState) parse(cfg falco.Config) (falco.Expr, error) {
	if !m.parsed {
		m.ast, m.err = falco.ParseCondition(m.cond, cfg)
		if m.err != nil {
			m.err = placeError(m.err, m.cond, m.parts)
		}
		m.parsed = true
	}
	return m.ast, m.err
}

type ruleState struct {
	name         string
	path         string
	line         int
	desc         string
	cond         string
	parts        []condPart
	output       string
	outputLine   int
	priority     falco.Priority
	tags         []string
	enabled      bool
	exceptions   []falco.Exception
	source       string
	skipUnknown  bool
	warnEvttypes bool
}

// placeError maps a condition ParseError (line and column within the
// condition) to the file and line of the part of the condition it falls in.
func placeError(err error, cond string, parts []condPart) error {
	var pe *limits.ParseError
	if !errors.As(err, &pe) || len(parts) == 0 {
		return err
	}
	// An error at the very end points at the last text, not past it.
	off := min(offsetOf(cond, pe.Line, pe.Col), len(strings.TrimRight(cond, " \t\r\n")))
	_, col := falco.LineCol(cond, off)
	p := parts[0]
	for _, q := range parts[1:] {
		if q.start <= off {
			p = q
		}
	}
	line := p.line + strings.Count(cond[min(p.start, len(cond)):min(max(off, p.start), len(cond))], "\n")
	return &limits.ParseError{Path: p.path, Line: line, Msg: fmt.Sprintf("condition: %s (column %d of the condition line)", pe.Msg, col)}
}

func offsetOf(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return min(off+col-1, len(text))
}

// pendingUpdate is an append or override waiting to be shadowed (lint).
type pendingUpdate struct {
	path string
	line int
}

type collector struct {
	rules      []*ruleState
	ruleIdx    map[string]*ruleState
	lists      map[string]*listState
	listOrder  []string
	macros     map[string]*macroState
	macroOrder []string
	problems   []Problem // errors and warnings of the load
	lint       []Problem // findings only Lint reports
	plugins    []falco.PluginRequirement
	defs       map[string]pendingUpdate   // kind/name → first full definition
	pending    map[string][]pendingUpdate // kind/name → updates since its definition
	replaces   map[string]pendingUpdate   // rule/name/key → last replace override
}

func newCollector() *collector {
	return &collector{
		ruleIdx: map[string]*ruleState{}, lists: map[string]*listState{}, macros: map[string]*macroState{},
		defs: map[string]pendingUpdate{}, pending: map[string][]pendingUpdate{}, replaces: map[string]pendingUpdate{},
	}
}

func (c *collector) errorf(path string, line int, item, format string, args ...any) {
	c.problems = append(c.problems, Problem{Path: path, Line: line, Kind: ProblemError, Item: item, Msg: fmt.Sprintf(format, args...)})
}

func (c *collector) lintf(kind, path string, line int, item, format string, args ...any) {
	c.lint = append(c.lint, Problem{Path: path, Line: line, Kind: kind, Item: item, Msg: fmt.Sprintf(format, args...)})
}

// define records a full definition for lint: a second one is a duplicate,
// and appends or overrides made since the first are shadowed by it.
func (c *collector) define(kind, name, path string, line int) {
	key := kind + "\x00" + name
	item := kind + " " + name
	if first, ok := c.defs[key]; ok {
		c.lintf(ProblemDuplicate, path, line, item, "%s %q is defined again (first at %s:%d); the earlier definition is replaced", kind, name, first.path, first.line)
		for _, u := range c.pending[key] {
			c.lintf(ProblemShadowed, u.path, u.line, item, "this append/override of %s %q has no effect: %s:%d defines it again", kind, name, path, line)
		}
	} else {
		c.defs[key] = pendingUpdate{path: path, line: line}
	}
	delete(c.pending, key)
}

func (c *collector) updated(kind, name, path string, line int) {
	key := kind + "\x00" + name
	c.pending[key] = append(c.pending[key], pendingUpdate{path: path, line: line})
}

// missing reports an append, override or enable of an item no earlier
// item defines (an error in Falco too).
func (c *collector) missing(kind, name, path string, line int) {
	c.problems = append(c.problems, Problem{Path: path, Line: line, Kind: ProblemTargetMissing, Item: kind + " " + name,
		Msg: fmt.Sprintf("%s %q is appended to, overridden or enabled, but no earlier file or item defines it", kind, name)})
}

func (c *collector) add(path string, it falco.Item) {
	switch it.Kind {
	case falco.KindEngineVersion:
		if err := checkEngineVersion(it.EngineVersion); err != nil {
			c.errorf(path, it.Line, "required_engine_version", "%v", err)
		}
	case falco.KindPluginVersions:
		c.plugins = append(c.plugins, it.Plugins...)
	case falco.KindList:
		c.addList(path, it.List)
	case falco.KindMacro:
		c.addMacro(path, it.Macro)
	case falco.KindRule:
		c.addRule(path, it.Line, it.Rule)
	}
}

func (c *collector) addList(path string, l *falco.List) {
	prev := c.lists[l.Name]
	if l.Append || l.Override["items"] == falco.OverrideAppend {
		if prev == nil {
			c.missing("list", l.Name, path, l.Line)
			return
		}
		prev.items = append(prev.items, l.Items...)
		c.updated("list", l.Name, path, l.Line)
		return
	}
	if l.Override["items"] == falco.OverrideReplace {
		if prev == nil {
			c.missing("list", l.Name, path, l.Line)
			return
		}
		prev.items = slices.Clone(l.Items)
		c.updated("list", l.Name, path, l.Line)
		return
	}
	c.define("list", l.Name, path, l.Line)
	st := &listState{name: l.Name, items: slices.Clone(l.Items), path: path, line: l.Line}
	if prev == nil {
		c.listOrder = append(c.listOrder, l.Name)
	}
	c.lists[l.Name] = st
}

func (c *collector) addMacro(path string, m *falco.Macro) {
	prev := c.macros[m.Name]
	switch {
	case m.Append || m.Override["condition"] == falco.OverrideAppend:
		if prev == nil {
			c.missing("macro", m.Name, path, m.Line)
			return
		}
		prev.cond += " "
		prev.parts = append(prev.parts, condPart{start: len(prev.cond), path: path, line: m.ConditionLine})
		prev.cond += m.Condition
		c.updated("macro", m.Name, path, m.Line)
		return
	case m.Override["condition"] == falco.OverrideReplace:
		if prev == nil {
			c.missing("macro", m.Name, path, m.Line)
			return
		}
		prev.cond = m.Condition
		prev.parts = []condPart{{path: path, line: m.ConditionLine}}
		c.updated("macro", m.Name, path, m.Line)
		return
	}
	c.define("macro", m.Name, path, m.Line)
	st := &macroState{name: m.Name, cond: m.Condition, parts: []condPart{{path: path, line: m.ConditionLine}}, path: path, line: m.Line}
	if prev == nil {
		c.macroOrder = append(c.macroOrder, m.Name)
	}
	c.macros[m.Name] = st
}

func (c *collector) addRule(path string, line int, r *falco.Rule) {
	prev := c.ruleIdx[r.Name]
	item := "rule " + r.Name
	switch {
	case r.Append:
		if prev == nil {
			c.missing("rule", r.Name, path, line)
			return
		}
		if r.Has("condition") {
			c.appendCond(prev, r, path)
		}
		if err := mergeExceptions(prev, r.Exceptions); err != nil {
			c.errorf(path, line, item, "%v", err)
		}
		c.updated("rule", r.Name, path, line)
	case len(r.Override) > 0:
		if prev == nil {
			c.missing("rule", r.Name, path, line)
			return
		}
		for _, key := range slices.Sorted(maps.Keys(r.Override)) {
			if r.Override[key] == falco.OverrideAppend {
				c.appendKey(prev, r, key, path, line)
				continue
			}
			rkey := r.Name + "\x00" + key
			if old, ok := c.replaces[rkey]; ok {
				c.lintf(ProblemShadowed, old.path, old.line, item, "this replace of %q has no effect: %s:%d replaces it again", key, path, line)
			}
			c.replaces[rkey] = pendingUpdate{path: path, line: line}
			c.replaceKey(prev, r, key, path)
		}
		c.updated("rule", r.Name, path, line)
	case r.IsEnableOnly():
		if prev == nil {
			c.missing("rule", r.Name, path, line)
			return
		}
		prev.enabled = *r.Enabled
		c.updated("rule", r.Name, path, line)
	default:
		if prev != nil && ruleSource(r.Source) != prev.source {
			c.errorf(path, line, item, "rule %q is defined again with a different source (%s, was %s)", r.Name, ruleSource(r.Source), prev.source)
			return
		}
		c.define("rule", r.Name, path, line)
		for k := range c.replaces {
			if strings.HasPrefix(k, r.Name+"\x00") {
				delete(c.replaces, k)
			}
		}
		st := &ruleState{
			name: r.Name, path: path, line: line, desc: r.Desc, cond: r.Condition,
			parts:  []condPart{{path: path, line: r.ConditionLine}},
			output: r.Output, outputLine: r.OutputLine, priority: r.Priority,
			tags: dedupe(r.Tags), enabled: r.Enabled == nil || *r.Enabled,
			exceptions: slices.Clone(r.Exceptions), source: ruleSource(r.Source),
			skipUnknown:  r.SkipIfUnknownFilter != nil && *r.SkipIfUnknownFilter,
			warnEvttypes: r.WarnEvttypes == nil || *r.WarnEvttypes,
		}
		if prev == nil {
			c.rules = append(c.rules, st)
		} else {
			*prev = *st
			st = prev
		}
		c.ruleIdx[r.Name] = st
	}
}

func ruleSource(s string) string {
	if s == "" {
		return "syscall"
	}
	return s
}

func dedupe(tags []string) []string {
	var out []string
	for _, t := range tags {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (c *collector) appendCond(prev *ruleState, r *falco.Rule, path string) {
	prev.cond += " "
	prev.parts = append(prev.parts, condPart{start: len(prev.cond), path: path, line: r.ConditionLine})
	prev.cond += r.Condition
}

func (c *collector) appendKey(prev *ruleState, r *falco.Rule, key, path string, line int) {
	switch key {
	case "condition":
		c.appendCond(prev, r, path)
	case "output":
		prev.output += " " + r.Output
	case "desc":
		prev.desc += " " + r.Desc
	case "tags":
		prev.tags = dedupe(append(prev.tags, r.Tags...))
	case "exceptions":
		if err := mergeExceptions(prev, r.Exceptions); err != nil {
			c.errorf(path, line, "rule "+r.Name, "%v", err)
		}
	}
}

func (c *collector) replaceKey(prev *ruleState, r *falco.Rule, key, path string) {
	switch key {
	case "condition":
		prev.cond = r.Condition
		prev.parts = []condPart{{path: path, line: r.ConditionLine}}
	case "output":
		prev.output, prev.outputLine = r.Output, r.OutputLine
	case "desc":
		prev.desc = r.Desc
	case "tags":
		prev.tags = dedupe(r.Tags)
	case "exceptions":
		prev.exceptions = slices.Clone(r.Exceptions)
	case "priority":
		prev.priority = r.Priority
	case "enabled":
		prev.enabled = *r.Enabled
	case "warn_evttypes":
		prev.warnEvttypes = *r.WarnEvttypes
	case "skip-if-unknown-filter":
		prev.skipUnknown = *r.SkipIfUnknownFilter
	}
}

// mergeExceptions appends exceptions: values of an exception of the same
// name are added to it; a new name adds the exception.
func mergeExceptions(prev *ruleState, exs []falco.Exception) error {
	for _, ex := range exs {
		i := slices.IndexFunc(prev.exceptions, func(e falco.Exception) bool { return e.Name == ex.Name })
		if i < 0 {
			if len(ex.Fields) == 0 {
				return fmt.Errorf("exception %q is new and has no fields", ex.Name)
			}
			prev.exceptions = append(prev.exceptions, ex)
			continue
		}
		if len(ex.Fields) > 0 || len(ex.Comps) > 0 {
			return fmt.Errorf("exception %q: only values can be appended to an existing exception", ex.Name)
		}
		cur := prev.exceptions[i]
		for _, v := range ex.Values {
			if cur.FieldsList && (!v.IsList || len(v.List) != len(cur.Fields)) {
				return fmt.Errorf("exception %q: appended value at line %d does not match its %d fields", ex.Name, v.Line, len(cur.Fields))
			}
		}
		cur.Values = append(slices.Clone(cur.Values), ex.Values...)
		prev.exceptions[i] = cur
	}
	return nil
}

// checkEngineVersion checks a required_engine_version ("x.y.z", or a bare
// integer N meaning 0.N.0) against EngineVersion: the major versions must
// match and Ward's must be at least the required one.
func checkEngineVersion(req string) error {
	want, err := parseVersion(req)
	if err != nil {
		return fmt.Errorf("required_engine_version %q: %w", req, err)
	}
	have, _ := parseVersion(EngineVersion)
	if want[0] != have[0] || slices.Compare(have[:], want[:]) < 0 {
		return fmt.Errorf("rules require engine version %s, Ward implements %s", req, EngineVersion)
	}
	return nil
}

func parseVersion(s string) ([3]int, error) {
	var v [3]int
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 {
			return v, errors.New("negative version")
		}
		return [3]int{0, n, 0}, nil
	}
	parts := strings.Split(strings.TrimPrefix(s, "v"), ".")
	if len(parts) != 3 {
		return v, errors.New(`want "x.y.z"`)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return v, fmt.Errorf("%q is not a version number", p)
		}
		v[i] = n
	}
	return v, nil
}
