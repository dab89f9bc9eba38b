package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/ignore"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/secret"
	"github.com/wardsec/ward/internal/source"
	sourcefs "github.com/wardsec/ward/internal/source/fs"
	sourcegit "github.com/wardsec/ward/internal/source/git"
	"github.com/wardsec/ward/internal/state"
)

// SecretConfig configures a SecretScanner.
type SecretConfig struct {
	Engine *secret.Scanner
	Ignore *ignore.File
	// Limits bound file sizes and archive expansion.
	Limits source.Limits
	// NoArchives leaves zip/jar/tar archives unopened.
	NoArchives bool
	// Workers bounds concurrent file scans; zero means GOMAXPROCS.
	Workers  int
	Now      func() time.Time
	Progress func(done, total int)
	// ToolVersion is recorded in the report.
	ToolVersion string
}

// SecretScanner finds secrets in files, archives and git history.
type SecretScanner struct {
	cfg   SecretConfig
	rules map[string]secret.Rule
}

// NewSecret checks the configuration.
func NewSecret(cfg SecretConfig) (*SecretScanner, error) {
	if cfg.Engine == nil {
		return nil, errors.New("scan: no secret engine")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &SecretScanner{cfg: cfg, rules: map[string]secret.Rule{}}
	for _, r := range cfg.Engine.Rules() {
		s.rules[r.ID] = r
	}
	return s, nil
}

// SecretMode selects what of a target is scanned.
type SecretMode int

// Modes.
const (
	// Files scans the files (and archives) under each target.
	Files SecretMode = iota
	// History scans the lines each commit of a git repository added.
	History
)

// Scan scans the targets and returns the report.
func (s *SecretScanner) Scan(ctx context.Context, targets []string, mode SecretMode) (*finding.Report, error) {
	rep := finding.NewReport(s.cfg.ToolVersion, s.cfg.Now(), targets, len(s.rules))
	var (
		mu      sync.Mutex
		scanned atomic.Int64
		queued  atomic.Int64
		done    atomic.Int64
	)
	onErr := func(p string, err error) {
		mu.Lock()
		rep.Errors = append(rep.Errors, fileError(p, "secret", err))
		mu.Unlock()
	}
	scanOne := func(it source.Item) {
		fs, err := s.scanItem(ctx, it)
		scanned.Add(1)
		mu.Lock()
		// A limit hit while reading an archive entry is also reported by
		// the archive walker; keep one.
		if err != nil && !(strings.Contains(it.Path, "!/") && isLimit(err)) {
			rep.Errors = append(rep.Errors, fileError(it.Path, "secret", err))
		}
		rep.Findings = append(rep.Findings, fs...)
		mu.Unlock()
		if s.cfg.Progress != nil {
			s.cfg.Progress(int(done.Add(1)), int(queued.Load()))
		}
	}
	items := make(chan source.Item, 64)
	var wg sync.WaitGroup
	for w := 0; w < s.cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				scanOne(it)
			}
		}()
	}
	var walkErr error
	for _, t := range targets {
		w, prefix, err := s.walker(t, mode)
		if err != nil {
			walkErr = err
			break
		}
		yield := func(it source.Item) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			it.Path = prefix + it.Path
			queued.Add(1)
			if strings.Contains(it.Path, "!/") {
				// Archive entries stream: they can be read only while the
				// walk stands on them, so scan them here.
				scanOne(it)
				return nil
			}
			items <- it
			return nil
		}
		errFn := func(p string, err error) { onErr(prefix+p, err) }
		if err := w.Walk(ctx, yield, errFn); err != nil {
			walkErr = err
			break
		}
	}
	close(items)
	wg.Wait()
	if walkErr != nil {
		return nil, walkErr
	}
	rep.FilesScanned = int(scanned.Load())
	ignore.Apply(rep.Findings, func(int) *state.Document { return nil }, s.cfg.Ignore, s.cfg.Now())
	finding.Sort(rep.Findings)
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Path < rep.Errors[j].Path })
	rep.Summarize()
	return rep, ctx.Err()
}

func (s *SecretScanner) walker(target string, mode SecretMode) (source.Walker, string, error) {
	st, err := os.Stat(target)
	if err != nil {
		return nil, "", fmt.Errorf("scan target: %w", err)
	}
	if mode == History {
		if !st.IsDir() {
			return nil, "", fmt.Errorf("--history needs a git repository directory, %q is a file", target)
		}
		w, err := sourcegit.Open(target, sourcegit.Options{Limits: s.cfg.Limits})
		if err != nil {
			return nil, "", err
		}
		return w, "", nil
	}
	w := sourcefs.New(target, sourcefs.Options{ExpandArchives: !s.cfg.NoArchives, Limits: s.cfg.Limits})
	return w, shownPrefix(target, filepath.Dir(target)), nil
}

// scanItem scans one item and turns its matches into findings.
func (s *SecretScanner) scanItem(ctx context.Context, it source.Item) ([]finding.Finding, error) {
	rc, err := it.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	res, err := s.cfg.Engine.Scan(ctx, it.Path, rc)
	if err != nil {
		return nil, err
	}
	out := make([]finding.Finding, 0, len(res.Matches))
	for _, m := range res.Matches {
		r := s.rules[m.RuleID]
		line, end := m.Line, m.EndLine
		if it.LineMap != nil {
			line, end = mapLine(it.LineMap, line), mapLine(it.LineMap, end)
		}
		f := finding.Finding{
			CheckID:     m.RuleID,
			Domain:      "secret",
			Severity:    r.Severity,
			Title:       r.Title,
			Message:     fmt.Sprintf("%s: %s", r.Title, m.Redacted),
			Description: r.Description,
			Target:      it.Path,
			Resource:    secretResource(it),
			Location: finding.Location{Path: it.Path, StartLine: line, EndLine: end,
				StartColumn: m.Column, EndColumn: m.EndColumn, Commit: it.Commit, Layer: it.Layer},
			Evidence:    m.Redacted,
			Remediation: r.Remediation,
			References:  r.References,
			// The secret's hash tells two secrets of one rule in one file
			// apart and stays the same when lines move.
			Detail: m.Hash[:16],
		}
		if m.Ignored {
			f.Suppressed = &finding.Suppression{Kind: "inline", Source: fmt.Sprintf("%s:%d", it.Path, line)}
		}
		f.SetFingerprint()
		out = append(out, f)
	}
	if res.Truncated {
		return out, fmt.Errorf("only the first %d bytes were scanned (file size limit)", res.Bytes)
	}
	return out, nil
}

// secretResource is what a secret finding is about beyond its file: the
// commit that added it, or the image layer that holds it.
func secretResource(it source.Item) finding.Resource {
	switch {
	case it.Commit != nil:
		return finding.Resource{Kind: "Commit", Name: it.Commit.Hash[:min(12, len(it.Commit.Hash))]}
	case it.Layer != "":
		return finding.Resource{Kind: "Layer", Name: it.Layer}
	}
	return finding.Resource{}
}

func isLimit(err error) bool {
	var le *limits.LimitError
	return errors.As(err, &le)
}

func mapLine(m []int, line int) int {
	if line >= 1 && line <= len(m) {
		return m[line-1]
	}
	return line
}
