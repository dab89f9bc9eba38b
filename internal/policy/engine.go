package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/wardsec/ward/checks"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
)

// Config configures an Engine. The zero value loads the built-in checks only.
type Config struct {
	// PolicyDirs are directories (or single files) of custom .rego checks.
	PolicyDirs []string
	// SkipChecks are check IDs not to evaluate.
	SkipChecks []string
	// Builtin replaces the embedded checks (tests); nil means checks.FS.
	Builtin fs.FS
	// NoBuiltin loads no built-in checks (the helper libraries still load).
	NoBuiltin bool
	// Workers bounds concurrent evaluations; zero means GOMAXPROCS.
	Workers int
}

// RegoError is a problem in a Rego file, with its position.
type RegoError struct {
	File string
	Line int
	Msg  string
}

func (e *RegoError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// RegoErrors is every problem found while loading policies.
type RegoErrors []*RegoError

func (e RegoErrors) Error() string {
	parts := make([]string, len(e))
	for i, x := range e {
		parts[i] = x.Error()
	}
	return "policy errors:\n  " + strings.Join(parts, "\n  ")
}

// Engine evaluates compiled checks. It is safe for concurrent use.
type Engine struct {
	cfg      Config
	compiler *ast.Compiler
	checks   []*Check
	byID     map[string]*Check

	mu     sync.Mutex
	groups map[groupKey]*group
}

type groupKey struct {
	t    state.Type
	kind string
}

// group is the prepared query for every check that applies to one input
// type and kind: a single evaluation returns all their results.
type group struct {
	once   sync.Once
	checks []*Check
	rules  []string // rule name per query slot, aligned with checks (expanded)
	slots  []*Check
	query  rego.PreparedEvalQuery
	err    error
}

// Module is a Rego source file read for the engine.
type Module struct {
	File   string
	Source []byte
	Custom bool
}

// New loads, parses and compiles the built-in and custom checks once.
func New(ctx context.Context, cfg Config) (*Engine, error) {
	var mods []Module
	builtin := cfg.Builtin
	if builtin == nil {
		builtin = checks.FS
	}
	err := fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		if cfg.NoBuiltin && !strings.HasPrefix(p, "lib/") {
			return nil
		}
		b, err := fs.ReadFile(builtin, p)
		if err != nil {
			return err
		}
		mods = append(mods, Module{File: "builtin/" + p, Source: b})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read built-in checks: %w", err)
	}
	custom, err := ReadDirs(cfg.PolicyDirs, false)
	if err != nil {
		return nil, err
	}
	mods = append(mods, custom...)
	return NewFromModules(ctx, cfg, mods)
}

// ReadDirs reads every .rego file under dirs (a dir may also be one file).
// Test files (_test.rego) are included only when withTests is set.
func ReadDirs(dirs []string, withTests bool) ([]Module, error) {
	var mods []Module
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".rego") {
				return nil
			}
			if !withTests && strings.HasSuffix(p, "_test.rego") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			mods = append(mods, Module{File: p, Source: b, Custom: true})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read policy %q: %w", dir, err)
		}
	}
	return mods, nil
}

// ParseModules parses Rego sources with annotations. Custom modules that are
// not valid Rego v1 are retried as v0 (conftest's older `deny[msg] { … }`
// syntax), so existing policy sets load unchanged.
func ParseModules(mods []Module) (map[string]*ast.Module, RegoErrors) {
	parsed := make(map[string]*ast.Module, len(mods))
	var errs RegoErrors
	for _, m := range mods {
		pm, err := ast.ParseModuleWithOpts(m.File, string(m.Source), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil && m.Custom {
			if pm0, err0 := ast.ParseModuleWithOpts(m.File, string(m.Source), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV0}); err0 == nil {
				pm, err = pm0, nil
			}
		}
		if err != nil {
			errs = append(errs, astErrors(m.File, err)...)
			continue
		}
		parsed[m.File] = pm
	}
	return parsed, errs
}

// NewFromModules compiles the given modules.
func NewFromModules(ctx context.Context, cfg Config, mods []Module) (*Engine, error) {
	parsed, errs := ParseModules(mods)
	if len(errs) > 0 {
		return nil, errs
	}
	skip := map[string]bool{}
	for _, id := range cfg.SkipChecks {
		skip[id] = true
	}
	e := &Engine{cfg: cfg, byID: map[string]*Check{}, groups: map[groupKey]*group{}}
	files := make([]string, 0, len(parsed))
	for f := range parsed {
		files = append(files, f)
	}
	sort.Strings(files)
	custom := map[string]bool{}
	for _, m := range mods {
		custom[m.File] = m.Custom
	}
	pkgSeen := map[string]string{}
	for _, f := range files {
		m := parsed[f]
		c, err := checkFromModule(f, m, custom[f])
		if err != nil {
			errs = append(errs, &RegoError{File: f, Msg: err.Error()})
			continue
		}
		if c == nil {
			continue
		}
		if prev, ok := pkgSeen[c.Package]; ok {
			errs = append(errs, &RegoError{File: f, Line: m.Package.Location.Row,
				Msg: fmt.Sprintf("package %s already defines a check in %s", c.Package, prev)})
			continue
		}
		pkgSeen[c.Package] = f
		if prev, ok := e.byID[c.ID]; ok {
			errs = append(errs, &RegoError{File: f, Msg: fmt.Sprintf("check ID %s already used by %s", c.ID, prev.File)})
			continue
		}
		e.byID[c.ID] = c
		if skip[c.ID] {
			continue
		}
		e.checks = append(e.checks, c)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	comp := ast.NewCompiler().WithEnablePrintStatements(false)
	comp.Compile(parsed)
	if comp.Failed() {
		return nil, astErrors("", comp.Errors)
	}
	e.compiler = comp
	sort.Slice(e.checks, func(i, j int) bool { return e.checks[i].ID < e.checks[j].ID })
	return e, nil
}

func astErrors(file string, err error) RegoErrors {
	var out RegoErrors
	var errs ast.Errors
	if errors.As(err, &errs) {
		for _, x := range errs {
			re := &RegoError{File: file, Msg: x.Message}
			if x.Location != nil {
				re.File, re.Line = x.Location.File, x.Location.Row
			}
			out = append(out, re)
		}
		return out
	}
	return RegoErrors{{File: file, Msg: err.Error()}}
}

// Checks returns every check loaded (including skipped ones), by ID.
func (e *Engine) Checks() []*Check {
	out := make([]*Check, 0, len(e.byID))
	for _, c := range e.byID {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Check returns the check with the given ID.
func (e *Engine) Check(id string) (*Check, bool) {
	c, ok := e.byID[id]
	return c, ok
}

// Active returns the number of checks that will be evaluated.
func (e *Engine) Active() int { return len(e.checks) }

func (e *Engine) group(t state.Type, kind string) *group {
	if !kinded(t) {
		kind = ""
	}
	k := groupKey{t, kind}
	e.mu.Lock()
	g, ok := e.groups[k]
	if !ok {
		g = &group{}
		for _, c := range e.checks {
			if c.appliesTo(t, kind) {
				g.checks = append(g.checks, c)
			}
		}
		e.groups[k] = g
	}
	e.mu.Unlock()
	g.once.Do(func() {
		if len(g.checks) == 0 {
			return
		}
		var parts []string
		for _, c := range g.checks {
			for _, r := range c.Rules {
				parts = append(parts, fmt.Sprintf("[r | some r in data.%s.%s]", c.Package, r))
				g.slots = append(g.slots, c)
				g.rules = append(g.rules, r)
			}
		}
		q := "x := [" + strings.Join(parts, ", ") + "]"
		g.query, g.err = rego.New(rego.Query(q), rego.Compiler(e.compiler)).PrepareForEval(context.Background())
	})
	return g
}

// Evaluate runs every applicable check on every document, concurrently.
// Evaluation problems become finding.Errors; the scan goes on.
func (e *Engine) Evaluate(ctx context.Context, docs []*state.Document) ([]finding.Finding, []finding.Error) {
	workers := e.cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type out struct {
		fs   []finding.Finding
		errs []finding.Error
	}
	results := make([]out, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fs, errs := e.EvaluateOne(ctx, docs[i])
				results[i] = out{fs, errs}
			}
		}()
	}
	for i := range docs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	var fs []finding.Finding
	var errs []finding.Error
	for _, r := range results {
		fs = append(fs, r.fs...)
		errs = append(errs, r.errs...)
	}
	if ctx.Err() != nil {
		errs = append(errs, finding.Error{Plugin: "policy", Message: ctx.Err().Error()})
	}
	return fs, errs
}

// EvaluateOne runs every applicable check on one document.
func (e *Engine) EvaluateOne(ctx context.Context, doc *state.Document) ([]finding.Finding, []finding.Error) {
	g := e.group(doc.Type, doc.Kind)
	if len(g.checks) == 0 {
		return nil, nil
	}
	if g.err != nil {
		return nil, []finding.Error{{Path: doc.Path, Plugin: "policy", Message: "prepare query: " + g.err.Error()}}
	}
	input, err := ast.InterfaceToValue(doc.Value)
	if err != nil {
		return nil, []finding.Error{{Path: doc.Path, Plugin: "policy", Message: "convert input: " + err.Error()}}
	}
	rs, err := g.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		// One check failed at evaluation time: run them one by one so the
		// others still report and the failing one is named.
		return e.evalEach(ctx, g, doc, input)
	}
	var fs []finding.Finding
	var errs []finding.Error
	if len(rs) == 0 {
		return nil, nil
	}
	slots, _ := rs[0].Bindings["x"].([]any)
	for i, s := range slots {
		if i >= len(g.slots) {
			break
		}
		f, es := e.toFindings(g.slots[i], g.rules[i], doc, s)
		fs = append(fs, f...)
		errs = append(errs, es...)
	}
	return fs, errs
}

func (e *Engine) evalEach(ctx context.Context, g *group, doc *state.Document, input ast.Value) ([]finding.Finding, []finding.Error) {
	var fs []finding.Finding
	var errs []finding.Error
	for i, c := range g.slots {
		q := fmt.Sprintf("x := [r | some r in data.%s.%s]", c.Package, g.rules[i])
		rs, err := rego.New(rego.Query(q), rego.Compiler(e.compiler), rego.ParsedInput(input)).Eval(ctx)
		if err != nil {
			errs = append(errs, finding.Error{Path: doc.Path, Plugin: "policy", Message: fmt.Sprintf("check %s (%s): %v", c.ID, c.File, err)})
			continue
		}
		if len(rs) == 0 {
			continue
		}
		f, es := e.toFindings(c, g.rules[i], doc, rs[0].Bindings["x"])
		fs = append(fs, f...)
		errs = append(errs, es...)
	}
	return fs, errs
}

// toFindings converts one rule's result set. A result is a message string, or
// an object {"msg": string, "path": [..], "evidence": any}.
func (e *Engine) toFindings(c *Check, rule string, doc *state.Document, v any) ([]finding.Finding, []finding.Error) {
	items, _ := v.([]any)
	var out []finding.Finding
	var errs []finding.Error
	for _, it := range items {
		var msg, evidence string
		var path []any
		switch r := it.(type) {
		case string:
			msg = r
		case map[string]any:
			msg, _ = r["msg"].(string)
			if msg == "" {
				msg, _ = r["message"].(string)
			}
			if p, ok := r["path"].([]any); ok {
				path = normPath(p)
			}
			if ev, ok := r["evidence"]; ok && ev != nil {
				if s, ok := ev.(string); ok {
					evidence = s
				} else if b, err := json.Marshal(ev); err == nil {
					evidence = string(b)
				}
			}
		default:
			b, _ := json.Marshal(it)
			msg = string(b)
		}
		if msg == "" {
			msg = c.Title
		}
		target := doc
		if doc.Type == state.TypeKubernetesSet && len(path) >= 2 && path[0] == "resources" {
			if i, ok := path[1].(int); ok && i >= 0 && i < len(doc.Members) {
				target = doc.Members[i]
				path = path[2:]
			}
		}
		rng, ok := target.Source.Resolve(path)
		if !ok {
			rng = target.Range()
		}
		if rng.Path == "" {
			rng.Path = target.Path
		}
		var object string
		if target.Type == state.TypeKubernetesSet {
			// A cross-resource result that names no member is about the
			// scan as a whole: it has no file to point at.
			object = "all Kubernetes resources of the scan"
		}
		f := finding.Finding{
			CheckID:     c.ID,
			Domain:      c.Domain,
			Severity:    c.ruleSev[rule],
			Title:       c.Title,
			Message:     msg,
			Description: c.Description,
			Target:      target.Path,
			Resource:    target.Resource,
			Location:    finding.Location{Path: rng.Path, StartLine: rng.Start, EndLine: rng.End, Object: object},
			Evidence:    evidence,
			Remediation: c.Remediation,
			References:  c.References,
			Controls:    c.Controls,
			Detail:      renderPath(path),
		}
		if reason, ok := unknownAt(target, path); ok {
			f.Unknown = reason
		}
		f.SetFingerprint()
		out = append(out, f)
	}
	return out, errs
}

// normPath turns JSON numbers in a path into ints.
func normPath(p []any) []any {
	out := make([]any, len(p))
	for i, e := range p {
		switch x := e.(type) {
		case json.Number:
			if n, err := x.Int64(); err == nil {
				out[i] = int(n)
				continue
			}
			out[i] = x.String()
		case float64:
			out[i] = int(x)
		case int64:
			out[i] = int(x)
		default:
			out[i] = e
		}
	}
	return out
}

// renderPath renders a value path as spec.containers[0].image.
func renderPath(p []any) string {
	var b strings.Builder
	for _, e := range p {
		switch x := e.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", x)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, x)
		}
	}
	return b.String()
}

// unknownAt reports whether a result's path rests on a value that cannot be
// known before apply: the path itself or an ancestor is unknown, or (for a
// path below the root) a value under it is. An unknown list that still has
// known elements does not count: a result about a known element stands.
func unknownAt(doc *state.Document, path []any) (string, bool) {
	if len(doc.Unknown) == 0 {
		return "", false
	}
	hit := func(k string) (string, bool) {
		reason, ok := doc.Unknown[k]
		if !ok {
			return "", false
		}
		if l, isList := valueAt(doc.Value, k).([]any); isList && len(l) > 0 {
			return "", false
		}
		if reason == "" {
			reason = "unknown value"
		}
		return reason, true
	}
	for n := len(path); n >= 0; n-- {
		if r, ok := hit(state.Key(path[:n])); ok {
			return r, true
		}
	}
	if len(path) == 0 {
		return "", false
	}
	prefix := state.Key(path) + "\x00"
	keys := make([]string, 0, len(doc.Unknown))
	for k := range doc.Unknown {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if r, ok := hit(k); ok {
			return r, true
		}
	}
	return "", false
}

// valueAt returns the value at a Key-encoded path, or nil.
func valueAt(v any, key string) any {
	if key == "" {
		return v
	}
	for _, part := range strings.Split(key, "\x00") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}
