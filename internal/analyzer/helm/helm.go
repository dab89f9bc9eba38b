// Package helm renders Helm v3 charts client-side and turns every rendered
// Kubernetes object into a document whose lines point at the template that
// produced it.
//
// Two plugins share the renderer: the directory analyzer iac/helm takes a
// directory holding Chart.yaml (its subcharts in charts/, as directories or
// .tgz archives, render with it), and the file analyzer iac/helm-archive takes
// a packaged chart (*.tgz holding <name>/Chart.yaml). Rendering is offline:
// release "ward" in namespace "default", Helm's default capabilities, no
// cluster (lookup returns nothing), no DNS, no values-schema validation
// (schemas may $ref remote URLs or local files), and dependencies must be
// present in charts/ — a missing one is an error naming it.
//
// # Locations
//
// A document's Path and every source range name the template file relative
// to the scan root (<chart>/templates/deployment.yaml; for a subchart
// <chart>/charts/common/templates/…; inside an archive
// <file.tgz>/templates/…). Rendered text has no line mapping back to its
// template, so lines come from a heuristic over the template source:
//
//   - Each template line that defines a YAML key (`key:` after indentation and
//     optional `- ` list markers; not comments, not `{{ … }}` actions) is
//     indexed by key name.
//   - A rendered document is walked in rendered order. A mapping key K is
//     placed on the first template line defining K at or after the line of
//     its previous sibling, else at or after its parent's line, else it takes
//     its parent's line. Among those lines, one whose literal value equals
//     the rendered scalar wins (`- name: nginx` over an earlier `- name:` in
//     a branch that did not render). Top-level keys search from the end of the previous
//     document of the same template, then from the top (range loops repeat
//     the same text).
//   - A list item takes its parent's line, or the line of its first key when
//     written `- key: …`; its keys search after the previous item's keys.
//   - A node's range ends at the last line of its descendants.
//
// Limits: keys produced by include/toYaml of values or partials are not in
// the template text and fall back to the nearest ancestor that is; a key name
// that repeats between a parent and the real line (an unrelated `name:` in a
// conditional branch not taken) can be picked instead; lines inside partials
// (_helpers.tpl) are never pointed at.
package helm

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/strvals"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/limits"
)

// Plugin IDs.
const (
	ID        = "iac/helm"
	ArchiveID = "iac/helm-archive"
)

// DefaultMaxChartBytes bounds the bytes of one chart with its subcharts,
// after decompression of every archive.
const DefaultMaxChartBytes = 64 << 20

// Config configures both Helm analyzers.
type Config struct {
	// ValuesFiles are YAML values files (helm -f), merged in order.
	ValuesFiles []string
	// Set are helm --set expressions (a.b=c,d[0]=e), applied after the files.
	Set []string
	// MaxChartBytes bounds one chart's files, subcharts and decompressed
	// archives together; zero means DefaultMaxChartBytes.
	MaxChartBytes int64
}

// Values merges the values files and --set expressions. The CLI may call it
// to validate flags before a scan; the analyzers call it once.
func (c Config) Values() (map[string]any, error) {
	base := map[string]any{}
	for _, f := range c.ValuesFiles {
		data, err := readLimited(f, limits.DefaultMaxFileSize)
		if err != nil {
			return nil, fmt.Errorf("helm values file %q: %w", f, err)
		}
		v, err := chartutil.ReadValues(data)
		if err != nil {
			return nil, fmt.Errorf("helm values file %q: %w", f, err)
		}
		base = mergeValues(base, v)
	}
	for _, s := range c.Set {
		if err := strvals.ParseInto(s, base); err != nil {
			return nil, fmt.Errorf("helm --set %q: %w", s, err)
		}
	}
	return base, nil
}

func readLimited(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > max {
		return nil, &limits.LimitError{What: "values file size", Limit: max}
	}
	buf := make([]byte, 0, st.Size())
	b := make([]byte, 32<<10)
	for {
		n, err := f.Read(b)
		buf = append(buf, b[:n]...)
		if int64(len(buf)) > max {
			return nil, &limits.LimitError{What: "values file size", Limit: max}
		}
		if err != nil {
			break
		}
	}
	return buf, nil
}

// mergeValues merges b over a: nested maps merge, anything else replaces.
func mergeValues(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]any); ok {
			if am, ok := out[k].(map[string]any); ok {
				out[k] = mergeValues(am, bm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// deepCopy copies a values tree so one render cannot change another's input.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = deepCopy(x)
		}
		return s
	}
	return v
}

// renderer holds what both analyzers share: the user's values, merged once.
type renderer struct {
	values    map[string]any
	valuesErr error
	maxBytes  int64
}

func newRenderer(cfg Config) renderer {
	v, err := cfg.Values()
	maxBytes := cfg.MaxChartBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxChartBytes
	}
	return renderer{values: v, valuesErr: err, maxBytes: maxBytes}
}

// Analyzer is the directory analyzer for chart directories.
type Analyzer struct{ r renderer }

var _ analyzer.DirAnalyzer = (*Analyzer)(nil)

// New returns the chart directory analyzer. Invalid values files or --set
// expressions are reported on every chart (see Config.Values to check early).
func New(cfg Config) *Analyzer { return &Analyzer{r: newRenderer(cfg)} }

// ID implements analyzer.DirAnalyzer.
func (*Analyzer) ID() string { return ID }

// Version implements analyzer.DirAnalyzer.
func (*Analyzer) Version() int { return 1 }

// RequiredDir takes directories holding Chart.yaml. The core does not offer
// directories below a claimed one, so subcharts render with their parent.
func (*Analyzer) RequiredDir(_ string, entries []string) bool {
	for _, e := range entries {
		if e == "Chart.yaml" {
			return true
		}
	}
	return false
}

// Claims takes every directory under a chart (subcharts render with their
// parent) and hides every file under it from the plain manifest analyzer
// (templates are not YAML, values.yaml is not a manifest) and from the
// archive analyzer (subchart archives render with their parent).
func (*Analyzer) Claims(_, _, analyzerID string) bool {
	return analyzerID == "" || analyzerID == "iac/kubernetes" || analyzerID == ArchiveID
}

// AnalyzeDir loads the chart in dir from fsys and renders it.
func (a *Analyzer) AnalyzeDir(ctx context.Context, fsys fs.FS, dir string) (*analyzer.Result, error) {
	if a.r.valuesErr != nil {
		return nil, a.r.valuesErr
	}
	b := &budget{left: a.r.maxBytes}
	files, errs, err := readChartDir(fsys, dir, b)
	if err != nil {
		return nil, err
	}
	prefix := dir
	if prefix == "." {
		prefix = ""
	}
	res, err := a.r.run(ctx, files, prefix, b, ID)
	if len(errs) > 0 {
		if res == nil {
			res = &analyzer.Result{}
		}
		res.Errors = append(errs, res.Errors...)
	}
	return res, err
}

// ArchiveAnalyzer is the file analyzer for packaged charts (*.tgz).
type ArchiveAnalyzer struct{ r renderer }

var _ analyzer.Analyzer = (*ArchiveAnalyzer)(nil)

// NewArchive returns the chart archive analyzer.
func NewArchive(cfg Config) *ArchiveAnalyzer { return &ArchiveAnalyzer{r: newRenderer(cfg)} }

// ID implements analyzer.Analyzer.
func (*ArchiveAnalyzer) ID() string { return ArchiveID }

// Version implements analyzer.Analyzer.
func (*ArchiveAnalyzer) Version() int { return 1 }

// Required accepts *.tgz; Analyze checks that it is a chart.
func (*ArchiveAnalyzer) Required(p string) bool {
	return strings.HasSuffix(strings.ToLower(path.Base(p)), ".tgz")
}

// Analyze renders a packaged chart. An archive that is not gzip+tar or holds
// no top-level <name>/Chart.yaml is not a chart: no documents, no error.
func (a *ArchiveAnalyzer) Analyze(ctx context.Context, f analyzer.File) (*analyzer.Result, error) {
	b := &budget{left: a.r.maxBytes}
	isChart, err := inspectArchive(f.Content, b)
	if !isChart {
		return &analyzer.Result{}, nil
	}
	if err != nil {
		return nil, err
	}
	if a.r.valuesErr != nil {
		return nil, a.r.valuesErr
	}
	files, err := archiveFiles(f.Content)
	if err != nil {
		return nil, err
	}
	return a.r.run(ctx, files, f.Path, b, ArchiveID)
}
