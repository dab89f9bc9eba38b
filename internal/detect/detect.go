// Package detect is Ward's runtime detection engine. It loads rules in the
// Falco rule format (so falcosecurity/rules load unchanged), compiles each
// enabled rule's condition into a closure tree over *event.Event, indexes
// the rules by the event types their conditions admit, and matches events
// against them.
//
// Lifecycle: Load (or LoadDefault) once; the returned *Engine is immutable
// and Match is safe for concurrent use by any number of goroutines. A rule
// that needs what Ward cannot provide (a field its sensor does not give, a
// plugin event source, event types the sensor never emits) is skipped and
// named in the Report with the reason; a malformed item is reported with its
// file and line; neither stops the load.
package detect

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/wardsec/ward/checks"
	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/falco"
)

// Config configures a load. The zero value is usable.
type Config struct {
	// Parse bounds the rule file parser.
	Parse falco.Config
	// Hostname is evt.hostname; empty means the machine's hostname.
	Hostname string
}

// File is one rules file to load.
type File struct {
	Path string
	Data []byte
}

// SensorTypes are the event types Ward's sensor emits: a rule that admits
// none of them can never match and is skipped.
var SensorTypes = []event.Type{
	event.Execve, event.Execveat, event.ProcExit,
	event.Open, event.Openat, event.Openat2,
	event.Unlink, event.Unlinkat, event.Rename, event.Renameat, event.Renameat2,
	event.Chmod, event.Fchmod, event.Fchmodat,
	event.Connect, event.Accept, event.Accept4, event.Listen,
	event.Setuid, event.Setgid, event.Setresuid, event.Setresgid,
	event.Ptrace, event.InitModule, event.FinitModule, event.MemfdCreate, event.Mount,
}

// Status is what became of a rule at load.
type Status string

// Rule statuses.
const (
	// StatusActive rules are matched against events.
	StatusActive Status = "active"
	// StatusDisabled rules compiled but are disabled (enabled: false).
	StatusDisabled Status = "disabled"
	// StatusSkipped rules need something Ward does not provide (Reason).
	StatusSkipped Status = "skipped"
	// StatusError rules are malformed (the error is also in Report.Errors).
	StatusError Status = "error"
)

// Skip reasons.
const (
	ReasonSource    = "source"            // a plugin event source, not syscall
	ReasonField     = "unsupported-field" // a field Ward's events do not carry
	ReasonEventType = "event-type"        // no event type the sensor emits
	ReasonNever     = "never-matches"     // needs a field Ward never has a value for
)

// RuleStatus is the load outcome of one rule (after every append and
// override).
type RuleStatus struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Status Status `json:"status"`
	// Enabled is the rule's enabled flag (a skipped rule may be either).
	Enabled bool `json:"enabled"`
	// Reason is the skip reason (ReasonSource, ReasonField,
	// ReasonEventType, ReasonNever).
	Reason string `json:"reason,omitempty"`
	// Detail names what is missing (the fields, the source, the event
	// types) or the error.
	Detail string `json:"detail,omitempty"`
}

// Problem kinds.
const (
	ProblemError         = "error"
	ProblemWarning       = "warning"
	ProblemTargetMissing = "target-missing"
	ProblemShadowed      = "shadowed"
	ProblemDuplicate     = "duplicate"
	ProblemUnknownField  = "unknown-field"
	ProblemUnusedMacro   = "unused-macro"
	ProblemUnusedList    = "unused-list"
)

// Problem is an error, warning or lint finding with its place.
type Problem struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Kind string `json:"kind"`
	// Item names the item ("rule Terminal shell in container").
	Item string `json:"item,omitempty"`
	Msg  string `json:"message"`
}

func (p Problem) String() string {
	loc := p.Path
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	if p.Item != "" {
		return fmt.Sprintf("%s: %s: %s", loc, p.Item, p.Msg)
	}
	return loc + ": " + p.Msg
}

// Report is the outcome of a load.
type Report struct {
	// Rules has one entry per rule, in load order.
	Rules []RuleStatus `json:"rules"`
	// Errors are malformed files, items and rules, and appends or
	// overrides of items that do not exist (Kind ProblemTargetMissing).
	Errors []Problem `json:"errors,omitempty"`
	// Warnings are oddities that did not stop anything (unknown keys,
	// output fields Ward does not provide).
	Warnings []Problem `json:"warnings,omitempty"`
	// Plugins are the plugin requirements the files declare. Ward provides
	// the container and Kubernetes fields itself.
	Plugins []falco.PluginRequirement `json:"plugins,omitempty"`
}

// Count returns how many rules have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, st := range r.Rules {
		if st.Status == s {
			n++
		}
	}
	return n
}

// Rule is a loaded rule.
type Rule struct {
	Name     string
	Desc     string
	Priority falco.Priority
	Severity finding.Severity
	Tags     []string
	// CheckID is the rule's WARD-RT-NNNN tag when it has one, else its name.
	CheckID string
	// Path and Line are where the rule is (last) defined.
	Path string
	Line int
	// EventTypes are the sensor event types that reach the rule.
	EventTypes []event.Type
}

// typeSlot is the dispatch entry of one sensor event type: its position
// in SensorTypes (for compiled evt.type checks) and the rules it reaches.
type typeSlot struct {
	idx   int
	rules []*compiledRule
}

type compiledRule struct {
	info   Rule
	cond   pred
	types  typeSet
	output outputFormat
}

// Engine matches events against compiled rules. It is immutable after
// Load; Match is safe for concurrent use.
type Engine struct {
	rules    []*compiledRule
	byType   map[event.Type]typeSlot
	other    []*compiledRule
	hostname string
	seq      atomic.Uint64
	pool     sync.Pool
	flags    flagsCache
}

// Match is one rule that matched an event.
type Match struct {
	Rule *Rule
	// Output is the rule's output with its fields substituted.
	Output   string
	Priority falco.Priority
	Tags     []string
	// Fields are the fields the output references with their values, in
	// order of first use.
	Fields []Field
}

var wardID = regexp.MustCompile(`^WARD-RT-\d{4}$`)

// Load reads the files in order and builds an engine with Falco's
// semantics for multiple files. It never fails as a whole: every problem
// is in the report, and the engine holds the rules that loaded.
func Load(files []File, cfg Config) (*Engine, *Report) {
	l := newLoader(cfg)
	for _, f := range files {
		l.read(f)
	}
	return l.build()
}

// LoadDefault loads Ward's built-in rules (checks/runtime).
func LoadDefault(cfg Config) (*Engine, *Report, error) {
	files, err := DefaultFiles()
	if err != nil {
		return nil, nil, err
	}
	eng, rep := Load(files, cfg)
	return eng, rep, nil
}

// DefaultFiles returns Ward's built-in rule files, sorted by name.
func DefaultFiles() ([]File, error) {
	return FilesFromFS(checks.RuntimeRules, "runtime/*.yaml")
}

// FilesFromFS reads the files of fsys matching pattern, sorted by name.
func FilesFromFS(fsys fs.FS, pattern string) ([]File, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, fmt.Errorf("glob %s: %w", pattern, err)
	}
	slices.Sort(names)
	out := make([]File, 0, len(names))
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("read rules %s: %w", n, err)
		}
		out = append(out, File{Path: n, Data: b})
	}
	return out, nil
}

type loader struct {
	cfg      Config
	col      *collector
	warnings []Problem
	order    map[string]int // file → position in the load
	// compiler state kept for Lint
	comp    *compiler
	unknown map[string][]string // rule → fields Ward does not provide
}

func newLoader(cfg Config) *loader {
	if cfg.Hostname == "" {
		cfg.Hostname, _ = os.Hostname()
	}
	return &loader{cfg: cfg, col: newCollector(), order: map[string]int{}, unknown: map[string][]string{}}
}

func (l *loader) read(f File) {
	if _, ok := l.order[f.Path]; !ok {
		l.order[f.Path] = len(l.order)
	}
	defer func() {
		if v := recover(); v != nil {
			l.col.problems = append(l.col.problems, Problem{Path: f.Path, Kind: ProblemError, Msg: fmt.Sprintf("internal error reading the file: %v", v)})
		}
	}()
	pf, err := falco.Parse(f.Path, f.Data, l.cfg.Parse)
	if err != nil {
		p := Problem{Path: f.Path, Kind: ProblemError, Msg: err.Error()}
		var pe *limits.ParseError
		if errors.As(err, &pe) {
			p.Line, p.Msg = pe.Line, pe.Msg
		}
		l.col.problems = append(l.col.problems, p)
		return
	}
	for _, e := range pf.Errors {
		l.col.problems = append(l.col.problems, Problem{Path: f.Path, Line: e.Line, Kind: ProblemError, Msg: e.Msg})
	}
	for _, w := range pf.Warnings {
		l.warnings = append(l.warnings, Problem{Path: f.Path, Line: w.Line, Kind: ProblemWarning, Msg: w.Msg})
	}
	for _, it := range pf.Items {
		l.col.add(f.Path, it)
	}
}

func (l *loader) build() (*Engine, *Report) {
	rep := &Report{Plugins: l.col.plugins}
	eng := &Engine{byType: map[event.Type]typeSlot{}, hostname: l.cfg.Hostname}
	eng.pool.New = func() any { return new(evalCtx) }
	l.comp = newCompiler(l.cfg.Parse, l.col.lists, l.col.macros)
	// Falco compiles every macro, used or not: a macro that does not parse
	// is an error of its own.
	for _, name := range l.col.macroOrder {
		m := l.col.macros[name]
		if _, err := m.parse(l.cfg.Parse); err != nil {
			l.col.problems = append(l.col.problems, problemAt(err, m.path, m.line, "macro "+name))
		}
	}
	for _, r := range l.col.rules {
		st, cr := l.compileRule(r, rep)
		rep.Rules = append(rep.Rules, st)
		if cr == nil || st.Status != StatusActive {
			continue
		}
		eng.rules = append(eng.rules, cr)
	}
	for i, t := range SensorTypes {
		slot := typeSlot{idx: i}
		for _, cr := range eng.rules {
			if cr.types.has(string(t)) {
				slot.rules = append(slot.rules, cr)
			}
		}
		eng.byType[t] = slot
	}
	for _, cr := range eng.rules {
		if cr.types.neg {
			eng.other = append(eng.other, cr)
		}
	}
	rep.Errors = l.sorted(append(rep.Errors, l.col.problems...))
	rep.Warnings = l.sorted(append(l.warnings, rep.Warnings...))
	return eng, rep
}

// sorted orders problems by file (load order) and line.
func (l *loader) sorted(ps []Problem) []Problem {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(l.order[a.Path], l.order[b.Path]), cmp.Compare(a.Line, b.Line))
	})
	return ps
}

// problemAt turns an error into a Problem, using the ParseError's place
// when it has one.
func problemAt(err error, path string, line int, item string) Problem {
	p := Problem{Path: path, Line: line, Kind: ProblemError, Item: item, Msg: err.Error()}
	var pe *limits.ParseError
	if errors.As(err, &pe) && pe.Path != "" {
		p.Path, p.Line, p.Msg = pe.Path, pe.Line, pe.Msg
		var me *macroError
		if errors.As(err, &me) {
			p.Msg = fmt.Sprintf("macro %q: %s", me.macro, pe.Msg)
		}
	}
	return p
}

func (l *loader) compileRule(r *ruleState, rep *Report) (st RuleStatus, cr *compiledRule) {
	st = RuleStatus{Name: r.name, Path: r.path, Line: r.line, Enabled: r.enabled}
	item := "rule " + r.name
	fail := func(err error) (RuleStatus, *compiledRule) {
		p := problemAt(err, r.path, r.line, item)
		rep.Errors = append(rep.Errors, p)
		st.Status, st.Detail = StatusError, p.Msg
		return st, nil
	}
	// A bug in the compiler costs one rule, not the agent.
	defer func() {
		if v := recover(); v != nil {
			st, cr = fail(fmt.Errorf("internal error compiling the rule: %v", v))
		}
	}()
	if r.source != "syscall" {
		st.Status, st.Reason, st.Detail = StatusSkipped, ReasonSource, "event source "+r.source+" is a plugin source; Ward evaluates syscall rules"
		return st, nil
	}
	ast, err := falco.ParseCondition(r.cond, l.cfg.Parse)
	if err != nil {
		return fail(placeError(err, r.cond, r.parts))
	}
	excs, err := exceptionsExpr(r.exceptions, l.cfg.Parse)
	if err != nil {
		return fail(err)
	}
	if len(excs) > 0 {
		ast = &falco.And{Children: append([]falco.Expr{ast}, excs...)}
	}
	full, err := l.comp.resolve(ast, 0)
	if err != nil {
		return fail(err)
	}
	l.comp.markLists(full)
	if missing := unknownFields(full); len(missing) > 0 {
		l.unknown[r.name] = missing
		st.Status, st.Reason, st.Detail = StatusSkipped, ReasonField, "fields not provided: "+strings.Join(missing, ", ")
		return st, nil
	}
	if never := map[string]bool{}; !mayMatch(full, false, never) {
		st.Status, st.Reason, st.Detail = StatusSkipped, ReasonNever,
			"needs a value of "+strings.Join(slices.Sorted(maps.Keys(never)), ", ")+", which Ward never has: the condition can never be true"
		return st, nil
	}
	types := l.comp.evtTypes(full, false)
	var admitted []event.Type
	for _, t := range SensorTypes {
		if types.has(string(t)) {
			admitted = append(admitted, t)
		}
	}
	if len(admitted) == 0 {
		names := slices.Sorted(maps.Keys(types.names))
		st.Status, st.Reason, st.Detail = StatusSkipped, ReasonEventType, "event types not emitted by Ward's sensor: "+strings.Join(names, ", ")
		return st, nil
	}
	if types.neg && len(types.names) == 0 && r.warnEvttypes {
		rep.Warnings = append(rep.Warnings, Problem{Path: r.path, Line: r.line, Kind: ProblemWarning, Item: item,
			Msg: "the condition does not restrict evt.type: every event is checked against this rule (set warn_evttypes: false to silence)"})
	}
	cond, err := l.comp.compile(full)
	if err != nil {
		return fail(err)
	}
	out, unknownOut := parseOutput(r.output)
	if len(unknownOut) > 0 {
		rep.Warnings = append(rep.Warnings, Problem{Path: r.path, Line: r.outputLine, Kind: ProblemWarning, Item: item,
			Msg: "output fields not provided (printed as <NA>): " + strings.Join(unknownOut, ", ")})
	}
	st.Status = StatusActive
	if !r.enabled {
		st.Status = StatusDisabled
	}
	checkID := r.name
	for _, t := range r.tags {
		if wardID.MatchString(t) {
			checkID = t
			break
		}
	}
	return st, &compiledRule{
		info: Rule{Name: r.name, Desc: strings.TrimSpace(r.desc), Priority: r.priority, Severity: Severity(r.priority),
			Tags: slices.Clone(r.tags), CheckID: checkID, Path: r.path, Line: r.line, EventTypes: admitted},
		cond: cond, types: types, output: out,
	}
}

// Rules returns the active rules in load order.
func (e *Engine) Rules() []Rule {
	out := make([]Rule, len(e.rules))
	for i, r := range e.rules {
		out[i] = r.info
	}
	return out
}

// Match evaluates the rules that can match ev's event type and returns the
// ones that do, in load order. It does not allocate when nothing matches.
func (e *Engine) Match(ev *event.Event) []Match {
	slot, known := e.byType[ev.Type]
	rules := slot.rules
	if !known {
		rules, slot.idx = e.other, -1
	}
	if len(rules) == 0 {
		return nil
	}
	c := e.pool.Get().(*evalCtx)
	c.reset(ev, e)
	c.typeIdx = slot.idx
	var out []Match
	for _, r := range rules {
		if !known && !r.types.has(string(ev.Type)) {
			continue
		}
		if r.cond(c) {
			text, fields := r.output.render(c)
			out = append(out, Match{Rule: &r.info, Output: text, Priority: r.info.Priority, Tags: r.info.Tags, Fields: fields})
		}
	}
	c.reset(nil, nil)
	e.pool.Put(c)
	return out
}

// Severity maps a Falco priority to a finding severity: EMERGENCY, ALERT
// and CRITICAL are critical, ERROR high, WARNING medium, NOTICE and
// INFORMATIONAL low. DEBUG is below low; the finding model has no info
// level, so it maps to SeverityUnknown (sorted below low).
func Severity(p falco.Priority) finding.Severity {
	switch p {
	case falco.PriorityEmergency, falco.PriorityAlert, falco.PriorityCritical:
		return finding.SeverityCritical
	case falco.PriorityError:
		return finding.SeverityHigh
	case falco.PriorityWarning:
		return finding.SeverityMedium
	case falco.PriorityNotice, falco.PriorityInformational:
		return finding.SeverityLow
	}
	return finding.SeverityUnknown
}

var mitreTechnique = regexp.MustCompile(`^T\d{4}(\.\d{3})?$`)

// Finding turns the match on e into a finding of domain "runtime".
// Resource is the pod (namespace/name) when the event has one, else the
// container, else the host process (its executable). The fingerprint is
// stable across repeated alerts of the rule on the same resource and
// executable.
func (m Match) Finding(e *event.Event) finding.Finding {
	var res finding.Resource
	var obj, target string
	switch {
	case e.K8s.Pod != "":
		res = finding.Resource{Kind: "Pod", Namespace: e.K8s.Namespace, Name: e.K8s.Pod}
		obj = "pod/" + e.K8s.Namespace + "/" + e.K8s.Pod + "/" + e.Container.Name
		target = e.Container.Image
	case e.Container.ID != "":
		name := e.Container.Name
		if name == "" {
			name = e.Container.ID
		}
		res = finding.Resource{Kind: "Container", Name: name}
		obj = "container/" + e.Container.ID
		target = e.Container.Image
	default:
		name := e.Proc.ExePath
		if name == "" {
			name = e.Proc.Name
		}
		res = finding.Resource{Kind: "Process", Name: name}
		obj = "host"
	}
	if target == "" {
		target = "host"
	}
	var ev strings.Builder
	for _, f := range m.Fields {
		fmt.Fprintf(&ev, "%s=%s\n", f.Name, f.Value)
	}
	var controls []finding.Control
	for _, t := range m.Tags {
		if mitreTechnique.MatchString(t) {
			controls = append(controls, finding.Control{Framework: "MITRE ATT&CK", ID: t})
		}
	}
	f := finding.Finding{
		CheckID:     m.Rule.CheckID,
		Domain:      "runtime",
		Severity:    Severity(m.Priority),
		Title:       m.Rule.Name,
		Message:     m.Output,
		Description: m.Rule.Desc,
		Target:      target,
		Resource:    res,
		Location:    finding.Location{Object: obj},
		Evidence:    strings.TrimSuffix(ev.String(), "\n"),
		Controls:    controls,
		Detail:      path.Base(e.Proc.ExePath),
	}
	f.Fingerprint = finding.Fingerprint(f.CheckID, res, obj, m.Rule.Name+"\x00"+e.Proc.ExePath)
	return f
}
