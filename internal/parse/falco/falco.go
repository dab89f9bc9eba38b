// Package falco parses detection rule files in the Falco rule format
// (https://falco.org/docs/concepts/rules/) and their condition language.
//
// It is a pure parser: bytes in, typed items out. Parse reads a YAML rules
// file into its items in file order — rules, macros, lists and the engine
// and plugin version requirements — each with its line. ParseCondition reads
// one condition into an AST (condition.go). Neither resolves macros, lists,
// appends or overrides: that is the engine's job (internal/detect), because
// Falco's semantics for them span several files.
//
// A problem with one item (a rule without a condition, a bad priority, an
// exception whose fields and values differ in length) is kept in
// File.Errors with its line and the other items are still returned; only a
// file that is not YAML, not a list of items, or over a limit fails as a
// whole, with a *limits.ParseError or *limits.LimitError.
package falco

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/yamlnode"
)

// Defaults for a zero Config.
const (
	DefaultMaxFileSize       = 8 << 20
	DefaultMaxItems          = 50_000
	DefaultMaxDepth          = 64
	DefaultMaxConditionLen   = 64 << 10
	DefaultMaxConditionDepth = 500
)

// Config bounds the parser. A zero field takes its default.
type Config struct {
	// MaxFileSize is the largest rules file read, in bytes.
	MaxFileSize int64
	// MaxItems is the most top-level items in one file.
	MaxItems int
	// MaxDepth bounds YAML nesting.
	MaxDepth int
	// MaxNodes bounds YAML nodes visited, aliases expanded.
	MaxNodes int
	// MaxConditionLen is the longest condition (bytes) ParseCondition reads.
	MaxConditionLen int
	// MaxConditionDepth bounds nesting in a condition (parentheses, not,
	// and/or chains).
	MaxConditionDepth int
}

func (c Config) withDefaults() Config {
	if c.MaxFileSize <= 0 {
		c.MaxFileSize = DefaultMaxFileSize
	}
	if c.MaxItems <= 0 {
		c.MaxItems = DefaultMaxItems
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = DefaultMaxDepth
	}
	if c.MaxNodes <= 0 {
		c.MaxNodes = limits.DefaultMaxNodes
	}
	if c.MaxConditionLen <= 0 {
		c.MaxConditionLen = DefaultMaxConditionLen
	}
	if c.MaxConditionDepth <= 0 {
		c.MaxConditionDepth = DefaultMaxConditionDepth
	}
	return c
}

// Kind is the kind of a top-level item.
type Kind int

// Item kinds.
const (
	KindRule Kind = iota + 1
	KindMacro
	KindList
	KindEngineVersion
	KindPluginVersions
)

func (k Kind) String() string {
	switch k {
	case KindRule:
		return "rule"
	case KindMacro:
		return "macro"
	case KindList:
		return "list"
	case KindEngineVersion:
		return "required_engine_version"
	case KindPluginVersions:
		return "required_plugin_versions"
	}
	return "unknown"
}

// File is one parsed rules file.
type File struct {
	Path  string
	Items []Item
	// Errors are items that could not be read, each with its line; they
	// are left out of Items.
	Errors []*limits.ParseError
	// Warnings are readable oddities: unknown keys and top-level items.
	Warnings []*limits.ParseError
}

// Item is one top-level entry of a rules file; exactly one of the pointer
// fields (or EngineVersion / Plugins) is set, as Kind says.
type Item struct {
	Kind Kind
	// Line and Col are where the item's mapping starts.
	Line, Col int
	Rule      *Rule
	Macro     *Macro
	List      *List
	// EngineVersion is required_engine_version as written ("0.57.0", or
	// a bare integer N meaning 0.N.0).
	EngineVersion string
	// Plugins is one required_plugin_versions entry list.
	Plugins []PluginRequirement
}

// Name is the item's name (rule, macro or list), or "".
func (it Item) Name() string {
	switch {
	case it.Rule != nil:
		return it.Rule.Name
	case it.Macro != nil:
		return it.Macro.Name
	case it.List != nil:
		return it.List.Name
	}
	return ""
}

// PluginRequirement is a plugin a rules file needs, with its alternatives.
type PluginRequirement struct {
	Name         string
	Version      string
	Alternatives []PluginRequirement
}

// Priority is a rule's priority. The zero value means not given.
type Priority int

// Priorities, most severe first (Falco's order).
const (
	PriorityUnset Priority = iota
	PriorityEmergency
	PriorityAlert
	PriorityCritical
	PriorityError
	PriorityWarning
	PriorityNotice
	PriorityInformational
	PriorityDebug
)

var priorityNames = [...]string{"", "EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFORMATIONAL", "DEBUG"}

func (p Priority) String() string {
	if p < 0 || int(p) >= len(priorityNames) {
		return ""
	}
	return priorityNames[p]
}

// ParsePriority reads a priority name case-insensitively ("INFO" is
// accepted for INFORMATIONAL, as Falco does).
func ParsePriority(s string) (Priority, bool) {
	u := strings.ToUpper(strings.TrimSpace(s))
	if u == "INFO" {
		return PriorityInformational, true
	}
	for i, n := range priorityNames {
		if i > 0 && n == u {
			return Priority(i), true
		}
	}
	return PriorityUnset, false
}

// Override operations of the `override:` form.
const (
	OverrideAppend  = "append"
	OverrideReplace = "replace"
)

// Rule is a `- rule:` item: a full definition, a legacy append
// (`append: true`), an override (`override:` map of key → append|replace),
// or an enable/disable of an earlier rule (only `rule` and `enabled`).
type Rule struct {
	Name      string
	Desc      string
	Condition string
	Output    string
	Priority  Priority
	Tags      []string
	// Enabled is nil when the key is absent.
	Enabled    *bool
	Exceptions []Exception
	// Source is the event source; "" when not given (Falco's default is
	// "syscall").
	Source string
	// Append is the legacy `append: true` form.
	Append bool
	// Override maps each overridden key to OverrideAppend or
	// OverrideReplace.
	Override            map[string]string
	WarnEvttypes        *bool
	SkipIfUnknownFilter *bool
	// Keys records the line of every key the item has (presence matters
	// for appends and overrides).
	Keys map[string]int
	// ConditionLine is the first line of the condition's text.
	ConditionLine int
	// OutputLine is the first line of the output's text.
	OutputLine int
}

// Has reports whether the item sets key.
func (r *Rule) Has(key string) bool { _, ok := r.Keys[key]; return ok }

// IsEnableOnly reports whether the item only sets `enabled` of an earlier
// rule (no condition, output, desc or priority, no append or override).
func (r *Rule) IsEnableOnly() bool {
	return !r.Append && len(r.Override) == 0 && !r.Has("condition") && !r.Has("output") && !r.Has("desc") && !r.Has("priority")
}

// Exception is one entry of a rule's `exceptions`. With a list of fields,
// each value is a tuple (one entry per field, an entry may itself be a
// list); with a single field (FieldsList false), each value is one scalar.
type Exception struct {
	Name       string
	Fields     []string
	FieldsList bool
	// Comps are the comparison operators; empty when not given (the
	// engine defaults them: "=" per field, or "in" for a single field).
	Comps     []string
	CompsList bool
	Values    []Entry
	Line      int
}

// Entry is an exception value: a scalar, or a list of entries.
type Entry struct {
	Value  string
	IsList bool
	List   []Entry
	Line   int
}

// Macro is a `- macro:` item.
type Macro struct {
	Name          string
	Condition     string
	Append        bool
	Override      map[string]string
	Line          int
	ConditionLine int
}

// List is a `- list:` item.
type List struct {
	Name     string
	Items    []string
	Append   bool
	Override map[string]string
	Line     int
}

// Read reads at most cfg.MaxFileSize bytes from r and parses them.
func Read(path string, r io.Reader, cfg Config) (*File, error) {
	cfg = cfg.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, cfg.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return Parse(path, data, cfg)
}

// Parse parses one rules file.
func Parse(path string, data []byte, cfg Config) (*File, error) {
	cfg = cfg.withDefaults()
	if int64(len(data)) > cfg.MaxFileSize {
		return nil, &limits.LimitError{What: "size of rules file " + path, Limit: cfg.MaxFileSize}
	}
	if !yamlnode.IsText(data) {
		return nil, &limits.ParseError{Path: path, Msg: "binary content, not YAML"}
	}
	f := &File{Path: path}
	w := &walker{path: path, cfg: cfg, f: f}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			return nil, yamlnode.Error(path, err)
		}
		if err := w.document(&doc); err != nil {
			return nil, err
		}
	}
}

type walker struct {
	path  string
	cfg   Config
	f     *File
	nodes int
	items int
}

// itemError is a problem with one item; it carries the line.
type itemError struct {
	line int
	msg  string
}

func (e *itemError) Error() string { return e.msg }

func errAt(n *yaml.Node, format string, args ...any) error {
	return &itemError{line: n.Line, msg: fmt.Sprintf(format, args...)}
}

// visit counts a node against the node budget and resolves aliases.
func (w *walker) visit(n *yaml.Node, depth int) (*yaml.Node, error) {
	for range 100 {
		w.nodes++
		if w.nodes > w.cfg.MaxNodes {
			return nil, &limits.LimitError{What: "YAML nodes (after alias expansion) in " + w.path, Limit: int64(w.cfg.MaxNodes)}
		}
		if depth > w.cfg.MaxDepth {
			return nil, &limits.LimitError{What: "nesting depth in " + w.path, Limit: int64(w.cfg.MaxDepth)}
		}
		if n.Kind != yaml.AliasNode {
			return n, nil
		}
		if n.Alias == nil {
			return nil, &limits.ParseError{Path: w.path, Line: n.Line, Col: n.Column, Msg: "unresolved alias"}
		}
		n = n.Alias
	}
	return nil, &limits.ParseError{Path: w.path, Line: n.Line, Col: n.Column, Msg: "alias chain too long"}
}

func (w *walker) document(doc *yaml.Node) error {
	if len(doc.Content) == 0 {
		return nil
	}
	root, err := w.visit(doc.Content[0], 1)
	if err != nil {
		return err
	}
	switch {
	case root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null":
		return nil
	case root.Kind != yaml.SequenceNode:
		return &limits.ParseError{Path: w.path, Line: root.Line, Col: root.Column, Msg: "rules content is not a YAML list of items"}
	}
	for _, raw := range root.Content {
		w.items++
		if w.items > w.cfg.MaxItems {
			return &limits.LimitError{What: "items in " + w.path, Limit: int64(w.cfg.MaxItems)}
		}
		n, err := w.visit(raw, 2)
		if err != nil {
			return err
		}
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
			continue
		}
		it, err := w.item(n)
		var ie *itemError
		switch {
		case errors.As(err, &ie):
			w.f.Errors = append(w.f.Errors, &limits.ParseError{Path: w.path, Line: ie.line, Msg: ie.msg})
		case err != nil:
			return err
		case it != nil:
			w.f.Items = append(w.f.Items, *it)
		}
	}
	return nil
}

// mapping is a YAML mapping's keys in order with their value nodes.
type mapping struct {
	node  *yaml.Node
	keys  []string
	lines map[string]int
	vals  map[string]*yaml.Node
}

func (w *walker) mapping(n *yaml.Node, depth int) (*mapping, error) {
	if n.Kind != yaml.MappingNode {
		return nil, errAt(n, "expected a mapping, found %s", kindName(n))
	}
	m := &mapping{node: n, lines: map[string]int{}, vals: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, err := w.visit(n.Content[i], depth+1)
		if err != nil {
			return nil, err
		}
		v, err := w.visit(n.Content[i+1], depth+1)
		if err != nil {
			return nil, err
		}
		if k.Kind != yaml.ScalarNode {
			return nil, errAt(k, "mapping key is not a string")
		}
		if _, dup := m.vals[k.Value]; dup {
			return nil, errAt(k, "key %q repeated", k.Value)
		}
		m.keys = append(m.keys, k.Value)
		m.lines[k.Value] = k.Line
		m.vals[k.Value] = v
	}
	return m, nil
}

func (m *mapping) has(key string) bool { _, ok := m.vals[key]; return ok }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing"
		}
		return "a scalar"
	}
	return "an unexpected node"
}

// str reads a required (or optional) non-empty scalar.
func (m *mapping) str(key string, required bool) (string, bool, error) {
	v, ok := m.vals[key]
	if !ok {
		if required {
			return "", false, errAt(m.node, "item has no %q", key)
		}
		return "", false, nil
	}
	if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" {
		return "", false, errAt(v, "value of %q must be a string, found %s", key, kindName(v))
	}
	if v.Value == "" {
		return "", false, errAt(v, "value of %q is empty", key)
	}
	return v.Value, true, nil
}

// textLine is the first line of a scalar's text: block scalars (| and >)
// start on the line after their indicator.
func textLine(v *yaml.Node) int {
	if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return v.Line + 1
	}
	return v.Line
}

func (m *mapping) boolean(key string) (*bool, error) {
	v, ok := m.vals[key]
	if !ok {
		return nil, nil
	}
	if v.Kind == yaml.ScalarNode {
		switch strings.ToLower(v.Value) {
		case "true", "yes", "on":
			b := true
			return &b, nil
		case "false", "no", "off":
			b := false
			return &b, nil
		}
	}
	return nil, errAt(v, "value of %q must be true or false", key)
}

func (w *walker) scalars(m *mapping, key string, depth int) ([]string, error) {
	v := m.vals[key]
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, errAt(v, "value of %q must be a list, found %s", key, kindName(v))
	}
	out := make([]string, 0, len(v.Content))
	for _, raw := range v.Content {
		s, err := w.visit(raw, depth+1)
		if err != nil {
			return nil, err
		}
		if s.Kind != yaml.ScalarNode {
			return nil, errAt(s, "%q entries must be scalars, found %s", key, kindName(s))
		}
		out = append(out, s.Value)
	}
	return out, nil
}

func (w *walker) overrides(m *mapping, appendable, replaceable []string) (map[string]string, error) {
	v, ok := m.vals["override"]
	if !ok {
		return nil, nil
	}
	om, err := w.mapping(v, 3)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, k := range om.keys {
		op := om.vals[k]
		if op.Kind != yaml.ScalarNode {
			return nil, errAt(op, "override of %q must be append or replace", k)
		}
		switch op.Value {
		case OverrideAppend:
			if !slices.Contains(appendable, k) {
				return nil, errAt(op, "key %q cannot be appended to, use replace", k)
			}
		case OverrideReplace:
			if !slices.Contains(replaceable, k) {
				return nil, errAt(op, "key %q cannot be replaced", k)
			}
		default:
			return nil, errAt(op, "invalid override operation %q for key %q (want append or replace)", op.Value, k)
		}
		if !m.has(k) {
			return nil, errAt(op, "an %s override for %q was given but the item has no %q", op.Value, k, k)
		}
		out[k] = op.Value
	}
	return out, nil
}

var (
	ruleKeys = []string{"rule", "desc", "condition", "output", "priority", "tags", "enabled", "exceptions",
		"source", "append", "override", "warn_evttypes", "skip-if-unknown-filter", "capture", "capture_duration"}
	ruleAppendable  = []string{"condition", "output", "desc", "tags", "exceptions"}
	ruleReplaceable = []string{"condition", "output", "desc", "priority", "tags", "exceptions", "enabled", "warn_evttypes", "skip-if-unknown-filter"}
)

func (w *walker) item(n *yaml.Node) (*Item, error) {
	m, err := w.mapping(n, 2)
	if err != nil {
		return nil, err
	}
	it := &Item{Line: n.Line, Col: n.Column}
	switch {
	case m.has("required_engine_version"):
		it.Kind = KindEngineVersion
		v, _, err := m.str("required_engine_version", true)
		if err != nil {
			return nil, err
		}
		it.EngineVersion = v
	case m.has("required_plugin_versions"):
		it.Kind = KindPluginVersions
		it.Plugins, err = w.plugins(m.vals["required_plugin_versions"])
		if err != nil {
			return nil, err
		}
	case m.has("list"):
		it.Kind = KindList
		it.List, err = w.list(m)
	case m.has("macro"):
		it.Kind = KindMacro
		it.Macro, err = w.macro(m)
	case m.has("rule"):
		it.Kind = KindRule
		it.Rule, err = w.rule(m)
	default:
		first := ""
		if len(m.keys) > 0 {
			first = m.keys[0]
		}
		w.warn(n.Line, fmt.Sprintf("unknown top-level item %q ignored", first))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return it, nil
}

func (w *walker) warn(line int, msg string) {
	w.f.Warnings = append(w.f.Warnings, &limits.ParseError{Path: w.path, Line: line, Msg: msg})
}

func (w *walker) unknownKeys(m *mapping, kind string, known []string) {
	for _, k := range m.keys {
		if !slices.Contains(known, k) {
			w.warn(m.lines[k], fmt.Sprintf("unknown key %q in %s ignored", k, kind))
		}
	}
}

func (w *walker) plugins(v *yaml.Node) ([]PluginRequirement, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, errAt(v, "required_plugin_versions must be a list")
	}
	var out []PluginRequirement
	for _, raw := range v.Content {
		n, err := w.visit(raw, 3)
		if err != nil {
			return nil, err
		}
		p, err := w.plugin(n, 3)
		if err != nil {
			return nil, err
		}
		if alts, ok := p.alts(); ok {
			for _, araw := range alts.Content {
				an, err := w.visit(araw, 5)
				if err != nil {
					return nil, err
				}
				a, err := w.plugin(an, 5)
				if err != nil {
					return nil, err
				}
				p.req.Alternatives = append(p.req.Alternatives, a.req)
			}
		}
		out = append(out, p.req)
	}
	return out, nil
}

type pluginNode struct {
	req PluginRequirement
	m   *mapping
}

func (p pluginNode) alts() (*yaml.Node, bool) {
	v, ok := p.m.vals["alternatives"]
	return v, ok && v.Kind == yaml.SequenceNode
}

func (w *walker) plugin(n *yaml.Node, depth int) (pluginNode, error) {
	m, err := w.mapping(n, depth)
	if err != nil {
		return pluginNode{}, err
	}
	name, _, err := m.str("name", true)
	if err != nil {
		return pluginNode{}, err
	}
	ver, _, err := m.str("version", true)
	if err != nil {
		return pluginNode{}, err
	}
	return pluginNode{req: PluginRequirement{Name: name, Version: ver}, m: m}, nil
}

func (w *walker) list(m *mapping) (*List, error) {
	w.unknownKeys(m, "list", []string{"list", "items", "append", "override"})
	name, _, err := m.str("list", true)
	if err != nil {
		return nil, err
	}
	if !isBareName(name) {
		return nil, errAt(m.node, "invalid list name %q", name)
	}
	l := &List{Name: name, Line: m.node.Line}
	if !m.has("items") {
		return nil, errAt(m.node, "list %q has no items", name)
	}
	if l.Items, err = w.scalars(m, "items", 3); err != nil {
		return nil, err
	}
	ap, err := m.boolean("append")
	if err != nil {
		return nil, err
	}
	l.Append = ap != nil && *ap
	if l.Override, err = w.overrides(m, []string{"items"}, []string{"items"}); err != nil {
		return nil, err
	}
	if l.Append && len(l.Override) > 0 {
		return nil, errAt(m.node, "list %q uses both append and override", name)
	}
	return l, nil
}

func (w *walker) macro(m *mapping) (*Macro, error) {
	w.unknownKeys(m, "macro", []string{"macro", "condition", "append", "override"})
	name, _, err := m.str("macro", true)
	if err != nil {
		return nil, err
	}
	if !isIdentifier(name) {
		return nil, errAt(m.node, "invalid macro name %q", name)
	}
	mc := &Macro{Name: name, Line: m.node.Line}
	if mc.Condition, _, err = m.str("condition", true); err != nil {
		return nil, err
	}
	mc.ConditionLine = textLine(m.vals["condition"])
	ap, err := m.boolean("append")
	if err != nil {
		return nil, err
	}
	mc.Append = ap != nil && *ap
	if mc.Override, err = w.overrides(m, []string{"condition"}, []string{"condition"}); err != nil {
		return nil, err
	}
	if mc.Append && len(mc.Override) > 0 {
		return nil, errAt(m.node, "macro %q uses both append and override", name)
	}
	return mc, nil
}

func (w *walker) rule(m *mapping) (*Rule, error) {
	w.unknownKeys(m, "rule", ruleKeys)
	name, _, err := m.str("rule", true)
	if err != nil {
		return nil, err
	}
	r := &Rule{Name: name, Keys: map[string]int{}}
	for _, k := range m.keys {
		r.Keys[k] = m.lines[k]
	}
	ap, err := m.boolean("append")
	if err != nil {
		return nil, err
	}
	r.Append = ap != nil && *ap
	if r.Override, err = w.overrides(m, ruleAppendable, ruleReplaceable); err != nil {
		return nil, err
	}
	if r.Append && len(r.Override) > 0 {
		return nil, errAt(m.node, "rule %q uses both append and override", name)
	}
	if len(r.Override) > 0 {
		for _, k := range ruleReplaceable {
			if _, ok := r.Override[k]; m.has(k) && !ok {
				return nil, errAt(m.node, "rule %q has key %q but no override for it", name, k)
			}
		}
	}
	for _, k := range []string{"desc", "condition", "output", "source"} {
		v, ok, err := m.str(k, false)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		switch k {
		case "desc":
			r.Desc = v
		case "condition":
			r.Condition = v
			r.ConditionLine = textLine(m.vals[k])
		case "output":
			r.Output = strings.TrimSpace(v)
			r.OutputLine = textLine(m.vals[k])
		case "source":
			r.Source = v
		}
	}
	if p, ok, err := m.str("priority", false); err != nil {
		return nil, err
	} else if ok {
		pr, valid := ParsePriority(p)
		if !valid {
			return nil, errAt(m.vals["priority"], "rule %q: invalid priority %q", name, p)
		}
		r.Priority = pr
	}
	if m.has("tags") {
		if r.Tags, err = w.scalars(m, "tags", 3); err != nil {
			return nil, err
		}
	}
	if r.Enabled, err = m.boolean("enabled"); err != nil {
		return nil, err
	}
	if r.WarnEvttypes, err = m.boolean("warn_evttypes"); err != nil {
		return nil, err
	}
	if r.SkipIfUnknownFilter, err = m.boolean("skip-if-unknown-filter"); err != nil {
		return nil, err
	}
	if m.has("exceptions") {
		if r.Exceptions, err = w.exceptions(m.vals["exceptions"], name, r.Append || len(r.Override) > 0); err != nil {
			return nil, err
		}
	}
	switch {
	case r.Append || len(r.Override) > 0:
	case r.IsEnableOnly():
		if r.Enabled == nil {
			return nil, errAt(m.node, "rule %q has no condition, output, desc or priority: it must set enabled", name)
		}
	default:
		for _, k := range []string{"condition", "output", "desc", "priority"} {
			if !m.has(k) {
				return nil, errAt(m.node, "rule %q has no %q", name, k)
			}
		}
	}
	return r, nil
}

func (w *walker) exceptions(v *yaml.Node, rule string, update bool) ([]Exception, error) {
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, errAt(v, "rule %q: exceptions must be a list", rule)
	}
	var out []Exception
	for _, raw := range v.Content {
		n, err := w.visit(raw, 3)
		if err != nil {
			return nil, err
		}
		m, err := w.mapping(n, 3)
		if err != nil {
			return nil, err
		}
		w.unknownKeys(m, "exception", []string{"name", "fields", "comps", "values"})
		name, _, err := m.str("name", true)
		if err != nil {
			return nil, err
		}
		for _, e := range out {
			if e.Name == name {
				return nil, errAt(n, "rule %q: exception %q defined twice", rule, name)
			}
		}
		ex := Exception{Name: name, Line: n.Line}
		if f, ok := m.vals["fields"]; ok {
			if ex.Fields, ex.FieldsList, err = w.stringOrList(f, "fields", 4); err != nil {
				return nil, err
			}
		} else if !update {
			return nil, errAt(n, "rule %q: exception %q has no fields", rule, name)
		}
		if c, ok := m.vals["comps"]; ok {
			if ex.Comps, ex.CompsList, err = w.stringOrList(c, "comps", 4); err != nil {
				return nil, err
			}
		}
		if vals, ok := m.vals["values"]; ok && !(vals.Kind == yaml.ScalarNode && vals.ShortTag() == "!!null") {
			if vals.Kind != yaml.SequenceNode {
				return nil, errAt(vals, "rule %q: exception %q values must be a list", rule, name)
			}
			for _, vr := range vals.Content {
				e, err := w.entry(vr, 5)
				if err != nil {
					return nil, err
				}
				ex.Values = append(ex.Values, e)
			}
		}
		if err := checkException(&ex, rule); err != nil {
			return nil, err
		}
		out = append(out, ex)
	}
	return out, nil
}

// checkException validates the shape Falco requires of an exception: for
// a list of fields, comps of the same length (defaulting to "=") and tuples
// of that length; for one field, a single comp among in, pmatch and
// intersects (default "in") and scalar values. An appended exception may
// carry values only.
func checkException(ex *Exception, rule string) error {
	bad := func(format string, args ...any) error {
		return &itemError{line: ex.Line, msg: fmt.Sprintf("rule %q: exception %q: ", rule, ex.Name) + fmt.Sprintf(format, args...)}
	}
	for _, c := range ex.Comps {
		if !IsOperator(c) || c == "exists" {
			return bad("%q is not a comparison operator", c)
		}
	}
	if len(ex.Fields) == 0 {
		return nil // values appended to an earlier exception
	}
	if ex.FieldsList {
		if len(ex.Comps) > 0 && !ex.CompsList {
			return bad("fields is a list but comps is not")
		}
		if len(ex.Comps) > 0 && len(ex.Comps) != len(ex.Fields) {
			return bad("fields and comps lists must have equal length")
		}
		for _, v := range ex.Values {
			if !v.IsList {
				return bad("with a list of fields, each value must be a list")
			}
			if len(v.List) != len(ex.Fields) {
				return bad("fields and values lists must have equal length (value at line %d)", v.Line)
			}
		}
		return nil
	}
	if ex.CompsList {
		return bad("fields and comps must both be strings")
	}
	if len(ex.Comps) == 1 && !slices.Contains([]string{"in", "pmatch", "intersects"}, ex.Comps[0]) {
		return bad("when fields is a single value, comps must be one of in, pmatch, intersects")
	}
	for _, v := range ex.Values {
		if v.IsList {
			return bad("with a single field, values must be strings")
		}
	}
	return nil
}

func (w *walker) stringOrList(v *yaml.Node, key string, depth int) ([]string, bool, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Value == "" || v.ShortTag() == "!!null" {
			return nil, false, errAt(v, "%s must not be empty", key)
		}
		return []string{v.Value}, false, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, raw := range v.Content {
			s, err := w.visit(raw, depth+1)
			if err != nil {
				return nil, false, err
			}
			if s.Kind != yaml.ScalarNode || s.Value == "" {
				return nil, false, errAt(s, "%s entries must be non-empty strings", key)
			}
			out = append(out, s.Value)
		}
		return out, true, nil
	}
	return nil, false, errAt(v, "%s must be a string or a list", key)
}

func (w *walker) entry(raw *yaml.Node, depth int) (Entry, error) {
	n, err := w.visit(raw, depth)
	if err != nil {
		return Entry{}, err
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value == "" {
			return Entry{}, errAt(n, "exception value must not be empty")
		}
		return Entry{Value: n.Value, Line: n.Line}, nil
	case yaml.SequenceNode:
		e := Entry{IsList: true, Line: n.Line, List: make([]Entry, 0, len(n.Content))}
		for _, c := range n.Content {
			sub, err := w.entry(c, depth+1)
			if err != nil {
				return Entry{}, err
			}
			e.List = append(e.List, sub)
		}
		return e, nil
	}
	return Entry{}, errAt(n, "exception value must be a string or a list, found %s", kindName(n))
}

// isBareName reports whether s is a valid list name (Falco: a bare string,
// [^()"'\s=,]+).
func isBareName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isBareChar(s[i]) {
			return false
		}
	}
	return true
}

// isIdentifier reports whether s is [a-zA-Z]+[a-zA-Z0-9_]* (macro names).
func isIdentifier(s string) bool {
	return s != "" && identLen(s, 0) == len(s)
}
