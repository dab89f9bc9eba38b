package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/analyzer/all"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/scan"
)

// Options configures one harness run.
type Options struct {
	// Shared is the shared directory holding corpora/.
	Shared string
	// Corpora restricts the run; empty means all four.
	Corpora []string
	Mapping Mapping
	// Workers bounds concurrent scans; zero means GOMAXPROCS.
	Workers int
}

// UnitResult is the verdict on one unit.
type UnitResult struct {
	Corpus   string   `json:"corpus"`
	OracleID string   `json:"oracleID"`
	Key      string   `json:"mappingKey"`
	Unit     string   `json:"unit"`
	Input    string   `json:"input,omitempty"`
	Source   string   `json:"source"`
	Expect   Expect   `json:"expect"`
	Flagged  bool     `json:"flagged"`
	Ward     []string `json:"ward"`
	// Got is every Ward check that fired on the unit's objects.
	Got []string `json:"got,omitempty"`
	// NotEvaluated are the Ward checks the scan reported as not evaluated
	// (a value unknown before apply) in the unit's scope; they never flag.
	NotEvaluated []string `json:"notEvaluated,omitempty"`
	// ScanErrors are errors the scan reported for the input.
	ScanErrors []string `json:"scanErrors,omitempty"`
}

// Row aggregates one mapped oracle ID.
type Row struct {
	OracleID string `json:"oracleID"`
	// Input is the input type of the row's units in corpora that mix
	// several (trivy-checks): such an ID has one row per input type.
	Input       string   `json:"input,omitempty"`
	Ward        []string `json:"ward"`
	Concept     string   `json:"concept"`
	Fail        int      `json:"fail"`
	FailFlagged int      `json:"failFlagged"`
	Pass        int      `json:"pass"`
	PassFlagged int      `json:"passFlagged"`
	Excluded    int      `json:"excluded"`
	Skipped     int      `json:"skipped"`
	// SkipReasons counts skipped units by reason.
	SkipReasons map[string]int `json:"skipReasons,omitempty"`
	// ExcludeReasons counts excluded units by reason.
	ExcludeReasons map[string]int `json:"excludeReasons,omitempty"`
	// MissingChecks are mapped Ward IDs the engine does not have.
	MissingChecks []string `json:"missingChecks,omitempty"`
}

// CorpusResult is one corpus's measurement.
type CorpusResult struct {
	Corpus      string `json:"corpus"`
	Rows        []*Row `json:"rows"`
	Fail        int    `json:"fail"`
	FailFlagged int    `json:"failFlagged"`
	Pass        int    `json:"pass"`
	PassFlagged int    `json:"passFlagged"`
	Excluded    int    `json:"excluded"`
	Skipped     int    `json:"skipped"`
	Duplicates  int    `json:"duplicates"`
	// Unclaimed are oracle IDs with no mapping (not measured), with units.
	Unclaimed      []string `json:"unclaimed"`
	UnclaimedUnits int      `json:"unclaimedUnits"`
	// Inputs are the totals per input type, for corpora whose units carry
	// one (trivy-checks); empty otherwise.
	Inputs   []*InputResult `json:"inputs,omitempty"`
	Units    []*UnitResult  `json:"units"`
	Warnings []string       `json:"warnings,omitempty"`
}

// InputResult is one input type's share of a corpus.
type InputResult struct {
	Input string `json:"input"`
	// Claimed counts the mapped oracle IDs with units of this type.
	Claimed     int `json:"claimed"`
	Fail        int `json:"fail"`
	FailFlagged int `json:"failFlagged"`
	Pass        int `json:"pass"`
	PassFlagged int `json:"passFlagged"`
	Excluded    int `json:"excluded"`
	Skipped     int `json:"skipped"`
	// Unclaimed counts oracle IDs with units of this type and no mapping.
	Unclaimed      int `json:"unclaimed"`
	UnclaimedUnits int `json:"unclaimedUnits"`
}

// Recall is flagged fail units over fail units (1 when there are none).
func (r *InputResult) Recall() float64 { return ratio(r.FailFlagged, r.Fail, 1) }

// FPRate is flagged pass units over pass units (0 when there are none).
func (r *InputResult) FPRate() float64 { return ratio(r.PassFlagged, r.Pass, 0) }

// Input returns the totals of one input type, or nil.
func (c *CorpusResult) Input(input string) *InputResult {
	for _, r := range c.Inputs {
		if r.Input == input {
			return r
		}
	}
	return nil
}

// Recall is flagged fail units over fail units (1 when there are none).
func (c *CorpusResult) Recall() float64 { return ratio(c.FailFlagged, c.Fail, 1) }

// FPRate is flagged pass units over pass units (0 when there are none).
func (c *CorpusResult) FPRate() float64 { return ratio(c.PassFlagged, c.Pass, 0) }

func ratio(a, b int, none float64) float64 {
	if b == 0 {
		return none
	}
	return float64(a) / float64(b)
}

// Result is a whole run.
type Result struct {
	Checks  int             `json:"wardChecks"`
	Corpora []*CorpusResult `json:"corpora"`
}

// Run extracts the corpora, scans every measurable input with Ward and
// scores the units.
func Run(ctx context.Context, opt Options) (*Result, error) {
	root := filepath.Join(opt.Shared, "corpora")
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("corpora not found at %q (set -shared to the directory holding corpora/)", root)
	}
	eng, err := policy.New(ctx, policy.Config{})
	if err != nil {
		return nil, fmt.Errorf("load checks: %w", err)
	}
	known := map[string]bool{}
	for _, c := range eng.Checks() {
		known[c.ID] = true
	}
	sc, err := scan.New(scan.Config{Engine: eng, Analyzers: all.Files(), DirAnalyzers: all.Dirs()})
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "ward-oracle-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	corpora := opt.Corpora
	if len(corpora) == 0 {
		corpora = Corpora
	}
	res := &Result{Checks: len(known)}
	for _, name := range corpora {
		cr, err := runCorpus(ctx, sc, opt, known, name, filepath.Join(tmp, name))
		if err != nil {
			return nil, err
		}
		res.Corpora = append(res.Corpora, cr)
	}
	return res, nil
}

type pending struct {
	in    *Input
	dir   string
	units []*UnitResult
	objs  [][]Object
}

func runCorpus(ctx context.Context, sc *scan.Scanner, opt Options, known map[string]bool, name, tmp string) (*CorpusResult, error) {
	ins, warns, err := Extract(name, os.DirFS(filepath.Join(opt.Shared, "corpora", name)))
	if err != nil {
		return nil, err
	}
	cr := &CorpusResult{Corpus: name}
	for _, w := range warns {
		cr.Warnings = append(cr.Warnings, w.Error())
	}
	rows := map[string]*Row{} // mapping key + "\x00" + input type
	unclaimed := map[string]bool{}
	inputs := map[string]*InputResult{}
	unclaimedIn := map[string]map[string]bool{}
	seen := map[string]bool{}
	var work []*pending
	for i, in := range ins {
		p := &pending{in: in, dir: filepath.Join(tmp, fmt.Sprintf("%05d", i))}
		for _, u := range in.Units {
			key, e := opt.Mapping.Lookup(name, u.OracleID)
			if u.Input != "" && inputs[u.Input] == nil {
				inputs[u.Input] = &InputResult{Input: u.Input}
				unclaimedIn[u.Input] = map[string]bool{}
			}
			if e == nil {
				unclaimed[key] = true
				cr.UnclaimedUnits++
				if u.Input != "" {
					unclaimedIn[u.Input][key] = true
					inputs[u.Input].UnclaimedUnits++
				}
				continue
			}
			row := rows[key+"\x00"+u.Input]
			if row == nil {
				row = &Row{OracleID: key, Input: u.Input, Ward: e.Ward, Concept: e.Concept}
				for _, w := range e.Ward {
					if !known[w] {
						row.MissingChecks = append(row.MissingChecks, w)
					}
				}
				rows[key+"\x00"+u.Input] = row
			}
			if u.Skip != "" {
				row.Skipped++
				row.SkipReasons = inc(row.SkipReasons, u.Skip)
				continue
			}
			if r := e.Excluded(u.ID); r != "" {
				row.Excluded++
				row.ExcludeReasons = inc(row.ExcludeReasons, r)
				continue
			}
			if u.dedupe != "" {
				if seen[u.dedupe] {
					cr.Duplicates++
					continue
				}
				seen[u.dedupe] = true
			}
			p.units = append(p.units, &UnitResult{
				Corpus: name, OracleID: u.OracleID, Key: key, Unit: u.ID, Input: u.Input,
				Source: in.Source, Expect: u.Expect, Ward: e.Ward,
			})
			p.objs = append(p.objs, u.Objects)
		}
		if len(p.units) > 0 {
			work = append(work, p)
		}
	}
	if err := scanAll(ctx, sc, work, opt.Workers); err != nil {
		return nil, err
	}
	for _, p := range work {
		for _, ur := range p.units {
			row := rows[ur.Key+"\x00"+ur.Input]
			switch ur.Expect {
			case ExpectFail:
				row.Fail++
				if ur.Flagged {
					row.FailFlagged++
				}
			case ExpectPass:
				row.Pass++
				if ur.Flagged {
					row.PassFlagged++
				}
			}
			cr.Units = append(cr.Units, ur)
		}
	}
	for _, r := range rows {
		cr.Rows = append(cr.Rows, r)
		cr.Fail += r.Fail
		cr.FailFlagged += r.FailFlagged
		cr.Pass += r.Pass
		cr.PassFlagged += r.PassFlagged
		cr.Excluded += r.Excluded
		cr.Skipped += r.Skipped
		if in := inputs[r.Input]; in != nil {
			in.Claimed++
			in.Fail += r.Fail
			in.FailFlagged += r.FailFlagged
			in.Pass += r.Pass
			in.PassFlagged += r.PassFlagged
			in.Excluded += r.Excluded
			in.Skipped += r.Skipped
		}
	}
	sort.Slice(cr.Rows, func(i, j int) bool {
		a, b := cr.Rows[i], cr.Rows[j]
		if a.OracleID != b.OracleID {
			return a.OracleID < b.OracleID
		}
		return inputRank(a.Input) < inputRank(b.Input)
	})
	for k := range unclaimed {
		cr.Unclaimed = append(cr.Unclaimed, k)
	}
	sort.Strings(cr.Unclaimed)
	for in, r := range inputs {
		r.Unclaimed = len(unclaimedIn[in])
		cr.Inputs = append(cr.Inputs, r)
	}
	sort.Slice(cr.Inputs, func(i, j int) bool { return inputRank(cr.Inputs[i].Input) < inputRank(cr.Inputs[j].Input) })
	return cr, nil
}

// inputRank orders input types as TrivyInputs lists them, others after.
func inputRank(input string) string {
	for i, x := range TrivyInputs {
		if x == input {
			return fmt.Sprintf("%02d", i)
		}
	}
	return "99" + input
}

// scanAll writes each input to its own directory and scans it alone, so
// cross-resource checks never see another case's objects.
func scanAll(ctx context.Context, sc *scan.Scanner, work []*pending, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan *pending)
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if err := scanOne(ctx, sc, p); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range work {
		next <- p
	}
	close(next)
	wg.Wait()
	return first
}

func scanOne(ctx context.Context, sc *scan.Scanner, p *pending) error {
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return err
	}
	for _, f := range p.in.Files {
		fp := filepath.Join(p.dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(fp, f.Data, 0o644); err != nil {
			return err
		}
	}
	rep, err := sc.Scan(ctx, []string{p.dir})
	if err != nil {
		return fmt.Errorf("scan %s: %w", p.in.Source, err)
	}
	var errs []string
	for _, e := range rep.Errors {
		errs = append(errs, strings.TrimPrefix(e.Path, p.dir+"/")+": "+e.Message)
	}
	for i, ur := range p.units {
		ur.ScanErrors = errs
		want := map[string]bool{}
		for _, w := range ur.Ward {
			want[w] = true
		}
		// rep.Findings never holds results that rest on unknown values: the
		// scanner moves those to rep.NotEvaluated, which does not flag.
		notEval := map[string]bool{}
		for _, n := range rep.NotEvaluated {
			if onObjects(n.Resource, p.objs[i]) {
				notEval[n.CheckID] = true
			}
		}
		for id := range notEval {
			ur.NotEvaluated = append(ur.NotEvaluated, id)
		}
		sort.Strings(ur.NotEvaluated)
		got := map[string]bool{}
		for _, f := range rep.Findings {
			if !onObjects(f.Resource, p.objs[i]) {
				continue
			}
			got[f.CheckID] = true
			if want[f.CheckID] {
				ur.Flagged = true
			}
		}
		for id := range got {
			ur.Got = append(ur.Got, id)
		}
		sort.Strings(ur.Got)
	}
	return os.RemoveAll(p.dir)
}

// onObjects reports whether a finding's resource is one of the objects;
// no objects means the whole input (a snippet).
func onObjects(r finding.Resource, objs []Object) bool {
	if len(objs) == 0 {
		return true
	}
	for _, o := range objs {
		if !strings.EqualFold(o.Kind, r.Kind) {
			continue
		}
		if o.Name != "" && o.Name != r.Name {
			continue
		}
		if o.Namespace != "" && r.Namespace != "" && o.Namespace != r.Namespace {
			continue
		}
		return true
	}
	return false
}

func inc(m map[string]int, k string) map[string]int {
	if m == nil {
		m = map[string]int{}
	}
	m[k]++
	return m
}
