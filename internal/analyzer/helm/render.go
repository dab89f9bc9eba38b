package helm

import (
	"context"
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/analyzer/kubernetes"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/comment"
	"github.com/wardsec/ward/internal/parse/k8syaml"
)

// Release settings of every render.
const (
	ReleaseName      = "ward"
	ReleaseNamespace = "default"
)

// run loads a chart from its files (prefix: the chart's path relative to
// the scan root) and renders it. Problems located in a file of the chart
// (render errors, missing dependencies) are Result.Errors; an unloadable
// chart is the returned error.
func (r renderer) run(ctx context.Context, files []*loader.BufferedFile, prefix string, b *budget, plugin string) (*analyzer.Result, error) {
	srcs := map[*chart.File]string{}
	c, err := loadFiles(files, prefix, 0, b, srcs)
	if err != nil {
		return nil, fmt.Errorf("load chart: %w", err)
	}
	res := &analyzer.Result{}
	chartYAML := path.Join(prefix, "Chart.yaml")
	fail := func(line int, msg string) (*analyzer.Result, error) {
		res.Errors = append(res.Errors, finding.Error{Path: chartYAML, Line: line, Plugin: plugin, Message: msg})
		return res, nil
	}
	if missing := missingDependencies(c); len(missing) > 0 {
		d := missing[0]
		msg := fmt.Sprintf("chart %q: dependency %q is not in charts/ (run `helm dependency build`)", c.Name(), d.Name)
		if d.Repository != "" {
			msg = fmt.Sprintf("chart %q: dependency %q from %q is not in charts/ (run `helm dependency build`)", c.Name(), d.Name, d.Repository)
		}
		if len(missing) > 1 {
			names := make([]string, len(missing))
			for i, m := range missing {
				names[i] = strconv.Quote(m.Name)
			}
			msg += "; missing: " + strings.Join(names, ", ")
		}
		return fail(dependencyLine(c, d.Name), msg)
	}
	vals, _ := deepCopy(r.values).(map[string]any)
	if err := chartutil.ProcessDependenciesWithMerge(c, vals); err != nil {
		return fail(0, fmt.Sprintf("process dependencies: %v", err))
	}
	opts := chartutil.ReleaseOptions{Name: ReleaseName, Namespace: ReleaseNamespace, Revision: 1, IsInstall: true}
	// Schema validation is off: a values.schema.json may $ref http(s) or
	// file URLs, and a scan must neither fetch nor read outside the root.
	rv, err := chartutil.ToRenderValuesWithSchemaValidation(c, vals, opts, chartutil.DefaultCapabilities.Copy(), true)
	if err != nil {
		return fail(0, fmt.Sprintf("values: %v", err))
	}
	tmpls := map[string]*chart.File{}
	templateKeys(c, tmpls)
	// Helm renders a chart all or nothing. When one template fails, report
	// it, set it aside and render the rest, so one broken template costs
	// its own findings only.
	var out map[string]string
	for {
		out, err = renderCtx(ctx, c, rv)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		res.Errors = append(res.Errors, renderError(err, tmpls, srcs, chartYAML, plugin))
		bad := failingTemplate(err, tmpls)
		if bad == nil || !removeTemplate(c, bad) {
			return res, nil
		}
	}
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		base := path.Base(k)
		if strings.HasPrefix(base, "_") || base == "NOTES.txt" || strings.TrimSpace(out[k]) == "" {
			continue
		}
		t := tmpls[k]
		src, ok := srcs[t]
		if t == nil || !ok {
			src = path.Join(prefix, k) // not expected: every template is recorded
		}
		var data []byte
		if t != nil {
			data = t.Data
		}
		r.documents(res, src, data, []byte(out[k]), plugin)
	}
	crds(c, srcs, res, plugin)
	return res, nil
}

// documents parses one rendered template and maps its values onto the
// template's lines.
func (r renderer) documents(res *analyzer.Result, src string, tmpl, rendered []byte, plugin string) {
	docs, err := k8syaml.Parse(src, rendered, k8syaml.Config{})
	ignores := comment.Ignores(src, tmpl)
	lm := newLineMapper(src, tmpl)
	for _, d := range docs {
		sm := lm.document(d.Value, d.Source)
		if doc := kubernetes.Document(src, d.Value, sm, ignores); doc != nil {
			res.Documents = append(res.Documents, doc)
		}
	}
	if err != nil {
		msg := err.Error()
		var pe *limits.ParseError
		if errors.As(err, &pe) {
			msg = pe.Msg
			if pe.Line > 0 {
				msg = fmt.Sprintf("rendered output line %d: %s", pe.Line, pe.Msg)
			}
		}
		res.Errors = append(res.Errors, finding.Error{Path: src, Plugin: plugin, Message: "rendered template is not valid YAML: " + msg})
	}
}

// crds adds the plain manifests in crds/ of the chart and its enabled
// subcharts (helm installs them before rendering; they are not templates).
func crds(c *chart.Chart, srcs map[*chart.File]string, res *analyzer.Result, plugin string) {
	for _, f := range c.Files {
		if !strings.HasPrefix(f.Name, "crds/") {
			continue
		}
		switch strings.ToLower(path.Ext(f.Name)) {
		case ".yaml", ".yml", ".json":
		default:
			continue
		}
		src := srcs[f]
		docs, err := k8syaml.Parse(src, f.Data, k8syaml.Config{})
		ignores := comment.Ignores(src, f.Data)
		for _, d := range docs {
			if doc := kubernetes.Document(src, d.Value, d.Source, ignores); doc != nil {
				res.Documents = append(res.Documents, doc)
			}
		}
		if err != nil {
			e := finding.Error{Path: src, Plugin: plugin, Message: err.Error()}
			var pe *limits.ParseError
			if errors.As(err, &pe) {
				e.Line, e.Message = pe.Line, pe.Msg
			}
			res.Errors = append(res.Errors, e)
		}
	}
	for _, d := range c.Dependencies() {
		crds(d, srcs, res, plugin)
	}
}

// renderCtx renders in a goroutine so that a cancelled scan returns at once.
// Helm's engine takes no context: a runaway template keeps its goroutine
// until it finishes.
func renderCtx(ctx context.Context, c *chart.Chart, vals chartutil.Values) (map[string]string, error) {
	type result struct {
		out map[string]string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- result{err: fmt.Errorf("render panicked: %v", p)}
			}
		}()
		out, err := engine.Render(c, vals)
		ch <- result{out, err}
	}()
	select {
	case r := <-ch:
		return r.out, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// templateKeys maps helm's render keys (<chart full path>/templates/x.yaml)
// to template files, over the dependency tree as processed.
func templateKeys(c *chart.Chart, out map[string]*chart.File) {
	full := c.ChartFullPath()
	for _, t := range c.Templates {
		out[path.Join(full, t.Name)] = t
	}
	for _, d := range c.Dependencies() {
		templateKeys(d, out)
	}
}

func missingDependencies(c *chart.Chart) []*chart.Dependency {
	if c.Metadata == nil {
		return nil
	}
	var missing []*chart.Dependency
outer:
	for _, r := range c.Metadata.Dependencies {
		if r == nil {
			continue
		}
		for _, d := range c.Dependencies() {
			if d.Name() == r.Name {
				continue outer
			}
		}
		missing = append(missing, r)
	}
	return missing
}

// dependencyLine finds `name: <dep>` in Chart.yaml, or 0.
func dependencyLine(c *chart.Chart, name string) int {
	for _, f := range c.Raw {
		if f.Name != "Chart.yaml" {
			continue
		}
		for i, l := range strings.Split(string(f.Data), "\n") {
			l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "-"))
			if v, ok := strings.CutPrefix(l, "name:"); ok && strings.Trim(strings.TrimSpace(v), `"'`) == name {
				return i + 1
			}
		}
	}
	return 0
}

// locRe finds "<template key>:<line>[:<col>]" in helm's error texts
// ("execution error at (chart/templates/x.yaml:12:5): …",
// "parse error at (chart/templates/x.yaml:3): …").
var locRe = regexp.MustCompile(`([^\s():]+):(\d+)(?::\d+)?`)

func renderError(err error, tmpls map[string]*chart.File, srcs map[*chart.File]string, fallback, plugin string) finding.Error {
	msg := err.Error()
	e := finding.Error{Path: fallback, Plugin: plugin, Message: "render: " + msg}
	for _, m := range locRe.FindAllStringSubmatch(msg, -1) {
		t, ok := tmpls[m[1]]
		if !ok {
			continue
		}
		if src, ok := srcs[t]; ok {
			e.Path = src
			e.Line, _ = strconv.Atoi(m[2])
			return e
		}
	}
	return e
}

// failingTemplate is the template a render error names, or nil.
func failingTemplate(err error, tmpls map[string]*chart.File) *chart.File {
	for _, m := range locRe.FindAllStringSubmatch(err.Error(), -1) {
		if t, ok := tmpls[m[1]]; ok {
			return t
		}
	}
	return nil
}

// removeTemplate drops t from the chart tree; it reports whether it was
// there. Partials (_*.tpl) are kept: other templates need them, and without
// them nothing would render.
func removeTemplate(c *chart.Chart, t *chart.File) bool {
	if strings.HasPrefix(path.Base(t.Name), "_") {
		return false
	}
	for i, x := range c.Templates {
		if x == t {
			c.Templates = append(c.Templates[:i:i], c.Templates[i+1:]...)
			return true
		}
	}
	for _, d := range c.Dependencies() {
		if removeTemplate(d, t) {
			return true
		}
	}
	return false
}
