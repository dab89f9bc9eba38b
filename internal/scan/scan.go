// Package scan orchestrates an IaC scan: walk each target once, hand files
// to analyzers, build cross-resource documents, evaluate the policy engine,
// apply suppressions, and return one report.
package scan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	adaptall "github.com/wardsec/ward/internal/adapt/all"
	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/ignore"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/vfs"
)

// Config configures a Scanner.
type Config struct {
	Engine       *policy.Engine
	Analyzers    []analyzer.Analyzer
	DirAnalyzers []analyzer.DirAnalyzer
	// Ignore is the parsed ignore file (may be nil).
	Ignore *ignore.File
	// MaxFileSize caps bytes read from one file; zero means the default.
	MaxFileSize int64
	// Workers bounds concurrent file analysis; zero means GOMAXPROCS.
	Workers int
	// Now is the clock for ignore-rule expiry; nil means time.Now.
	Now func() time.Time
	// Progress, when set, is called as files are analysed (done, total).
	Progress func(done, total int)
	// ToolVersion is recorded in the report.
	ToolVersion string
}

// Scanner runs scans. It is safe for concurrent use.
type Scanner struct{ cfg Config }

// New checks the configuration.
func New(cfg Config) (*Scanner, error) {
	if cfg.Engine == nil {
		return nil, errors.New("scan: no policy engine")
	}
	if cfg.MaxFileSize <= 0 {
		cfg.MaxFileSize = limits.DefaultMaxFileSize
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Scanner{cfg: cfg}, nil
}

type job struct {
	file  *vfs.Entry
	dir   string
	dirAn analyzer.DirAnalyzer
	fsys  fs.FS
	base  string
	shown string // path prefix shown in findings
	// claimed maps the directories of this job's target that directory
	// analyzers took (file jobs only).
	claimed map[string]analyzer.DirAnalyzer
}

// Scan scans the targets (files or directories) and returns the report.
func (s *Scanner) Scan(ctx context.Context, targets []string) (*finding.Report, error) {
	rep := finding.NewReport(s.cfg.ToolVersion, s.cfg.Now(), targets, s.cfg.Engine.Active())
	var jobs []job
	for _, t := range targets {
		base, files, dirs, errs, err := vfs.Walk(t)
		if err != nil {
			return nil, err
		}
		prefix := shownPrefix(t, base)
		for _, e := range errs {
			rep.Errors = append(rep.Errors, finding.Error{Path: prefix + e.Rel, Plugin: "walk", Message: e.Err.Error()})
		}
		fsys := os.DirFS(base)
		claimed := map[string]analyzer.DirAnalyzer{}
		taken := map[int][]string{} // directory analyzer index -> directories
		for _, d := range dirs {
			if claimedBy(d.Rel, "", claimed) != nil {
				continue
			}
			for i, da := range s.cfg.DirAnalyzers {
				if da.RequiredDir(d.Rel, d.Entries) {
					claimed[d.Rel] = da
					taken[i] = append(taken[i], d.Rel)
					break
				}
			}
		}
		for i, da := range s.cfg.DirAnalyzers {
			roots := taken[i]
			if sel, ok := da.(analyzer.RootSelector); ok && len(roots) > 1 {
				roots = sel.SelectRoots(fsys, roots)
			}
			for _, d := range roots {
				jobs = append(jobs, job{dir: d, dirAn: da, fsys: fsys, base: base, shown: prefix})
			}
		}
		for i := range files {
			jobs = append(jobs, job{file: &files[i], base: base, shown: prefix, claimed: claimed})
		}
	}

	docs, errs, notEval, nfiles := s.analyze(ctx, jobs)
	rep.Errors = append(rep.Errors, errs...)
	rep.FilesScanned = nfiles
	docs = append(docs, kubernetesSets(docs)...)

	fs, evalErrs := s.cfg.Engine.Evaluate(ctx, docs)
	rep.Errors = append(rep.Errors, evalErrs...)

	byKey := map[string]*state.Document{}
	for _, d := range docs {
		if d.Type == state.TypeKubernetesSet {
			continue
		}
		byKey[d.Path+"\x00"+d.Resource.ID()] = d
	}
	ignore.Apply(fs, func(i int) *state.Document { return byKey[fs[i].Target+"\x00"+fs[i].Resource.ID()] }, s.cfg.Ignore, s.cfg.Now())
	fs, unknown := finding.SplitUnknown(fs)
	rep.NotEvaluated = append(append(rep.NotEvaluated, notEval...), dedupeNotEvaluated(unknown)...)
	finding.Sort(fs)
	rep.Findings = dedupe(fs)
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Path < rep.Errors[j].Path })
	rep.Summarize()
	return rep, ctx.Err()
}

// dedupe drops findings with the same fingerprint (the same object listed
// twice in one stream).
func dedupe(fs []finding.Finding) []finding.Finding {
	seen := make(map[string]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := f.Fingerprint + "\x00" + fmt.Sprint(f.Location.StartLine)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

func shownPrefix(target, base string) string {
	st, err := os.Stat(target)
	if err == nil && !st.IsDir() {
		d := path.Dir(strings.ReplaceAll(target, string(os.PathSeparator), "/"))
		if d == "." {
			return ""
		}
		return d + "/"
	}
	t := strings.TrimSuffix(strings.ReplaceAll(target, string(os.PathSeparator), "/"), "/")
	if t == "." || t == "" {
		return ""
	}
	return t + "/"
}

// claimedBy returns the directory analyzer that claims rel (a directory
// when analyzerID is "", else a file for that file analyzer): one that took
// an ancestor directory of rel and claims it.
func claimedBy(rel, analyzerID string, claimed map[string]analyzer.DirAnalyzer) analyzer.DirAnalyzer {
	if rel == "." {
		return nil
	}
	for d := path.Dir(rel); ; d = path.Dir(d) {
		if da, ok := claimed[d]; ok && da.Claims(d, rel, analyzerID) {
			return da
		}
		if d == "." || d == "/" {
			return nil
		}
	}
}

func (s *Scanner) analyze(ctx context.Context, jobs []job) ([]*state.Document, []finding.Error, []finding.NotEvaluated, int) {
	var (
		mu      sync.Mutex
		docs    []*state.Document
		errs    []finding.Error
		notEval []finding.NotEvaluated
		done    atomic.Int64
		files   atomic.Int64
	)
	total := len(jobs)
	add := func(res *analyzer.Result, err error, p, plugin string) {
		mu.Lock()
		defer mu.Unlock()
		if res != nil {
			docs = append(docs, res.Documents...)
			errs = append(errs, res.Errors...)
			notEval = append(notEval, res.NotEvaluated...)
		}
		if err != nil {
			errs = append(errs, fileError(p, plugin, err))
		}
	}
	next := make(chan *job)
	var wg sync.WaitGroup
	for w := 0; w < s.cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				s.runJob(ctx, j, add, &files)
				n := done.Add(1)
				if s.cfg.Progress != nil {
					s.cfg.Progress(int(n), total)
				}
			}
		}()
	}
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- &jobs[i]
	}
	close(next)
	wg.Wait()
	// Deterministic order for evaluation and output.
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].Path != docs[j].Path {
			return docs[i].Path < docs[j].Path
		}
		return docs[i].Range().Start < docs[j].Range().Start
	})
	sort.SliceStable(notEval, func(i, j int) bool { return notEval[i].Location.Path < notEval[j].Location.Path })
	return docs, errs, notEval, int(files.Load())
}

func (s *Scanner) runJob(ctx context.Context, j *job, add func(*analyzer.Result, error, string, string), files *atomic.Int64) {
	if j.file == nil {
		res, err := safeDir(ctx, j.dirAn, j.fsys, j.dir)
		adaptResult(res)
		prefixResult(res, j.shown)
		add(res, err, j.shown+j.dir, j.dirAn.ID())
		files.Add(1)
		return
	}
	var wanted []analyzer.Analyzer
	for _, a := range s.cfg.Analyzers {
		if claimedBy(j.file.Rel, a.ID(), j.claimed) != nil {
			continue
		}
		if a.Required(j.file.Rel) {
			wanted = append(wanted, a)
		}
	}
	if len(wanted) == 0 {
		return
	}
	files.Add(1)
	shown := j.shown + j.file.Rel
	if j.file.Size > s.cfg.MaxFileSize {
		add(nil, &limits.LimitError{What: "file size", Limit: s.cfg.MaxFileSize}, shown, "walk")
		return
	}
	content, err := vfs.ReadFile(j.file.Abs, s.cfg.MaxFileSize)
	if err != nil {
		add(nil, err, shown, "walk")
		return
	}
	for _, a := range wanted {
		res, err := safeFile(ctx, a, analyzer.File{Path: shown, Content: content})
		adaptResult(res)
		add(res, err, shown, a.ID())
	}
}

func prefixResult(res *analyzer.Result, prefix string) {
	if res == nil || prefix == "" {
		return
	}
	for _, d := range res.Documents {
		d.Path = prefix + d.Path
		for k, r := range d.Source {
			if r.Path != "" {
				r.Path = prefix + r.Path
				d.Source[k] = r
			}
		}
		for i := range d.Ignores {
			d.Ignores[i].Path = prefix + d.Ignores[i].Path
		}
	}
	for i := range res.Errors {
		res.Errors[i].Path = prefix + res.Errors[i].Path
	}
	for i := range res.NotEvaluated {
		res.NotEvaluated[i].Location.Path = prefix + res.NotEvaluated[i].Location.Path
	}
}

// adaptResult turns the IaC resources of a result into cloud documents
// (adapters link resources of the same unit only) carrying the unit's
// inline suppressions.
func adaptResult(res *analyzer.Result) {
	if res == nil || len(res.Resources) == 0 {
		return
	}
	docs, errs := safeAdapt(res.Resources)
	for _, d := range docs {
		d.Ignores = append(d.Ignores, res.Ignores...)
	}
	res.Documents = append(res.Documents, docs...)
	res.Errors = append(res.Errors, errs...)
	res.Resources = nil
}

// safeAdapt runs the adapters, turning a panic into an error: a resource
// the adapters cannot read never stops a scan.
func safeAdapt(rs []state.IaCResource) (docs []*state.Document, errs []finding.Error) {
	defer func() {
		if r := recover(); r != nil {
			p := ""
			if len(rs) > 0 {
				p = rs[0].Source[""].Path
			}
			docs, errs = nil, []finding.Error{{Path: p, Plugin: "adapt", Message: fmt.Sprintf("adapters panicked: %v", r)}}
		}
	}()
	return adaptall.Adapt(rs)
}

// dedupeNotEvaluated keeps one record per check, resource and location.
func dedupeNotEvaluated(ne []finding.NotEvaluated) []finding.NotEvaluated {
	seen := map[string]bool{}
	out := ne[:0]
	for _, n := range ne {
		k := n.CheckID + "\x00" + n.Resource.ID() + "\x00" + n.Location.String()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// safeFile runs one analyzer, turning a panic into a per-file error: one bad
// file never stops a scan.
func safeFile(ctx context.Context, a analyzer.Analyzer, f analyzer.File) (res *analyzer.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("analyzer %s panicked: %v", a.ID(), r)
		}
	}()
	return a.Analyze(ctx, f)
}

func safeDir(ctx context.Context, a analyzer.DirAnalyzer, fsys fs.FS, dir string) (res *analyzer.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("analyzer %s panicked: %v", a.ID(), r)
		}
	}()
	return a.AnalyzeDir(ctx, fsys, dir)
}

func fileError(p, plugin string, err error) finding.Error {
	e := finding.Error{Path: p, Plugin: plugin, Message: err.Error()}
	var pe *limits.ParseError
	if errors.As(err, &pe) {
		e.Line = pe.Line
		e.Message = pe.Msg
		if pe.Path != "" && pe.Path != p {
			e.Message = pe.Error()
		}
	}
	return e
}

// kubernetesSets builds the one cross-resource document of a scan: every
// Kubernetes object, for checks such as "namespace without NetworkPolicy".
func kubernetesSets(docs []*state.Document) []*state.Document {
	var members []*state.Document
	var values []any
	for _, d := range docs {
		if d.Type == state.TypeKubernetes {
			members = append(members, d)
			values = append(values, d.Value)
		}
	}
	if len(members) == 0 {
		return nil
	}
	return []*state.Document{{
		Type:    state.TypeKubernetesSet,
		Kind:    "Set",
		Path:    "",
		Value:   map[string]any{"resources": values},
		Members: members,
		Source:  state.SourceMap{},
	}}
}
