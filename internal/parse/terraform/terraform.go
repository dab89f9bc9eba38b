// Package terraform evaluates Terraform / OpenTofu configurations without
// running Terraform: variables, locals, count, for_each, dynamic blocks,
// functions, local (and already downloaded) modules. Every resource and
// data source comes out as a state.IaCResource whose values remember the
// lines that wrote them; values that only exist after apply (computed
// attributes, data sources, remote module outputs) are state.Unknown.
//
// Evaluation follows Terraform's order: the objects of one module (locals,
// resources, data sources, module calls, outputs) form a graph through
// their references and are evaluated dependencies first. Objects in a
// reference cycle are reported and their values are unknown.
//
// Decisions worth knowing:
//   - A count or for_each whose value is unknown yields one instance, with
//     the plain address (no index) and an Unknown under the key "count" or
//     "for_each" in Value; count.index / each.* are unknown inside it.
//   - References lists the addresses (module prefix, no instance key) of
//     the resources and data sources of the same module an object refers to.
//   - Nested blocks are lists of maps under the block type. In .tf.json
//     files blocks cannot be told from object attributes without provider
//     schemas, so their values are kept as JSON wrote them.
//   - Override files (override.tf, *_override.tf) are not merged; they are
//     skipped.
package terraform

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

// PluginID names this evaluator in errors.
const PluginID = "iac/terraform"

// Defaults applied when Config leaves a limit at zero.
const (
	DefaultMaxCount       = 10_000
	DefaultMaxModuleDepth = 10
	// maxInstances caps the resource instances of one evaluation, over all
	// modules (module for_each × resource count cannot multiply unbounded).
	maxInstances = 200_000
	maxErrors    = 1_000
	maxBodyDepth = 64
)

// Config controls an evaluation. The zero value means defaults.
type Config struct {
	// VarFiles are extra .tfvars (or .tfvars.json) files, paths on disk,
	// applied in order after terraform.tfvars and *.auto.tfvars.
	VarFiles []string
	// Vars are -var k=v values, applied last. Values are parsed as HCL
	// expressions, falling back to the raw string.
	Vars map[string]string
	// MaxCount caps count / for_each expansion of one resource or module
	// (0 means DefaultMaxCount); more is a *limits.LimitError.
	MaxCount int
	// MaxModuleDepth caps module nesting (0 means DefaultMaxModuleDepth).
	MaxModuleDepth int
}

// Result is what an evaluation found.
type Result struct {
	Resources []state.IaCResource
	// Errors are per-file / per-block problems; evaluation went on.
	Errors []finding.Error
	// Ignores are the inline suppressions (`# ward:ignore …`) written in
	// the configuration files read, root and module files alike.
	Ignores []state.InlineIgnore
	// NotEvaluated lists module calls whose source is not available
	// locally, e.g. "module.vpc (source terraform-aws-modules/vpc/aws)".
	NotEvaluated []string
}

// Evaluate loads the root module in dir (a slash-separated path within
// fsys) and returns every resource and data source, evaluated. The error is
// non-nil only when dir cannot be read or ctx ends; everything else is in
// Result.Errors.
func Evaluate(ctx context.Context, fsys fs.FS, dir string, cfg Config) (*Result, error) {
	if cfg.MaxCount <= 0 {
		cfg.MaxCount = DefaultMaxCount
	}
	if cfg.MaxModuleDepth <= 0 {
		cfg.MaxModuleDepth = DefaultMaxModuleDepth
	}
	dir = path.Clean(dir)
	if !fs.ValidPath(dir) {
		return nil, fmt.Errorf("terraform: invalid module path %q", dir)
	}
	ev := &evaluator{ctx: ctx, fsys: fsys, root: dir, cfg: cfg, res: &Result{}, seenErr: map[string]bool{}, mods: map[string]*module{}}
	ev.funcs = ev.functions()
	ev.loadModulesJSON()
	mod, err := ev.loadModule(dir)
	if err != nil {
		return nil, err
	}
	vars := ev.rootVariables(mod)
	s := ev.newScope(mod, "", nil, 0, []string{dir})
	s.setVariables(vars)
	s.run()
	if err := ctx.Err(); err != nil {
		return ev.res, fmt.Errorf("terraform: evaluate %q: %w", dir, err)
	}
	return ev.res, nil
}

// ParseFile parses one .tf (HCL native syntax) or .tf.json file. It is
// pure; a syntax error is a *limits.ParseError, excessive nesting a
// *limits.LimitError.
func ParseFile(name string, data []byte) (*hcl.File, error) {
	if len(data) > limits.DefaultMaxFileSize {
		return nil, &limits.LimitError{What: "terraform file " + name, Limit: limits.DefaultMaxFileSize}
	}
	if nestingDepth(data) > limits.DefaultMaxDepth {
		return nil, &limits.LimitError{What: "nesting depth of " + name, Limit: limits.DefaultMaxDepth}
	}
	var (
		f     *hcl.File
		diags hcl.Diagnostics
	)
	if strings.HasSuffix(name, ".json") {
		f, diags = hcljson.Parse(data, name)
	} else {
		f, diags = hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	}
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity != hcl.DiagError {
				continue
			}
			pe := &limits.ParseError{Path: name, Msg: diagMessage(d)}
			if d.Subject != nil {
				pe.Line, pe.Col = d.Subject.Start.Line, d.Subject.Start.Column
			}
			return nil, pe
		}
	}
	if f == nil {
		return nil, &limits.ParseError{Path: name, Msg: "no content"}
	}
	return f, nil
}

// nestingDepth is an upper bound of the bracket nesting of data, counted
// without regard to strings or comments: deep nesting must be rejected
// before the recursive-descent parsers see it.
func nestingDepth(data []byte) int {
	depth, maxDepth := 0, 0
	for _, c := range data {
		switch c {
		case '(', '[', '{':
			depth++
			if depth > maxDepth {
				maxDepth = depth
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return maxDepth
}

func diagMessage(d *hcl.Diagnostic) string {
	if d.Detail == "" {
		return d.Summary
	}
	return d.Summary + ": " + d.Detail
}

// evaluator holds the state of one Evaluate call.
type evaluator struct {
	ctx         context.Context
	fsys        fs.FS
	root        string
	cfg         Config
	res         *Result
	funcs       map[string]funcT
	modulesJSON map[string]string // module key ("a.b") -> dir within fsys
	mods        map[string]*module
	instances   int
	stopped     bool
	seenErr     map[string]bool
}

// addError records a problem once.
func (ev *evaluator) addError(file string, line int, msg string) {
	k := fmt.Sprintf("%s:%d:%s", file, line, msg)
	if ev.seenErr[k] || len(ev.res.Errors) >= maxErrors {
		return
	}
	ev.seenErr[k] = true
	ev.res.Errors = append(ev.res.Errors, finding.Error{Path: file, Line: line, Plugin: PluginID, Message: msg})
}

func (ev *evaluator) addErr(file string, err error) {
	var pe *limits.ParseError
	if errors.As(err, &pe) {
		ev.addError(pe.Path, pe.Line, pe.Msg)
		return
	}
	ev.addError(file, 0, err.Error())
}

func (ev *evaluator) addDiags(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		file, line := "", 0
		if d.Subject != nil {
			file, line = d.Subject.Filename, d.Subject.Start.Line
		}
		ev.addError(file, line, diagMessage(d))
	}
}

// done reports whether evaluation must stop (context ended or a global
// limit was hit).
func (ev *evaluator) done() bool {
	if ev.stopped {
		return true
	}
	if ev.ctx.Err() != nil {
		ev.stopped = true
	}
	return ev.stopped
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
