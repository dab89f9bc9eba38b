// Command oracle measures Ward's Kubernetes, Dockerfile, Terraform and
// CloudFormation checks against the expected results of outside policy
// libraries (kubescape regolibrary, Gatekeeper library, Kyverno policies,
// trivy-checks).
//
// For every corpus it turns each test case into units — "this object must
// (fail) or must not (pass) be flagged for oracle ID X" — scans the case's
// inputs with Ward in-process, and counts a unit as flagged when a Ward
// check mapped to X (mapping.yaml and cloud/*.yaml) fired on the unit's
// object. Recall is
// flagged fail units / fail units; the false-positive rate is flagged pass
// units / pass units. Oracle IDs without a mapping are counted as not
// claimed and not measured.
//
// Usage, from the repository root:
//
//	go run ./bench/oracle -shared ../shared [-corpus kyverno-policies] [-v] [-json out.json]
//	    [-mapping a.yaml,b.yaml | -mapping-add extra.yaml]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("oracle", flag.ContinueOnError)
	shared := fl.String("shared", "../shared", "directory holding corpora/")
	mapPath := fl.String("mapping", "", "comma-separated mapping files replacing the default set (the embedded bench/oracle/mapping.yaml and cloud/*.yaml)")
	mapAdd := fl.String("mapping-add", "", "comma-separated mapping files merged with the default set (or with -mapping)")
	corpus := fl.String("corpus", "", "comma-separated corpora to run (default: all)")
	verbose := fl.Bool("v", false, "list misses, false positives, skipped IDs and warnings")
	jsonOut := fl.String("json", "", "write machine-readable results to this file (- for stdout)")
	workers := fl.Int("workers", 0, "concurrent scans (default GOMAXPROCS)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	var files []MappingFile
	var err error
	if *mapPath != "" {
		files, err = ReadMappingFiles(strings.Split(*mapPath, ","))
	} else {
		files, err = DefaultMappingFiles()
	}
	if err != nil {
		return err
	}
	if *mapAdd != "" {
		more, err := ReadMappingFiles(strings.Split(*mapAdd, ","))
		if err != nil {
			return err
		}
		files = append(files, more...)
	}
	m, err := MergeMappings(files...)
	if err != nil {
		return err
	}
	opt := Options{Shared: *shared, Mapping: m, Workers: *workers}
	if *corpus != "" {
		opt.Corpora = strings.Split(*corpus, ",")
	}
	res, err := Run(context.Background(), opt)
	if err != nil {
		return err
	}
	if *jsonOut != "" {
		out, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		out = append(out, '\n')
		if *jsonOut == "-" {
			_, err = stdout.Write(out)
			return err
		}
		if err := os.WriteFile(*jsonOut, out, 0o644); err != nil {
			return err
		}
	}
	WriteTable(stdout, res)
	if *verbose {
		WriteDetails(stdout, res)
	}
	return nil
}

func pct(a, b int) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

// WriteTable prints one table per corpus and a summary. A corpus whose
// units carry input types (trivy-checks) gets an INPUT column, one total
// per input type and one summary line per input type.
func WriteTable(w io.Writer, res *Result) {
	fmt.Fprintf(w, "Ward checks loaded: %d\n", res.Checks)
	for _, c := range res.Corpora {
		fmt.Fprintf(w, "\n== %s\n", c.Corpus)
		byInput := len(c.Inputs) > 0
		// col prefixes the INPUT column's cell when the corpus has one.
		col := func(s string) string {
			if byInput {
				return s + "\t"
			}
			return ""
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ORACLE ID\t"+col("INPUT")+"WARD IDS\tFAIL\tFLAGGED\tRECALL\tPASS\tFLAGGED\tFP RATE\tEXCL\tSKIP\tNOTE")
		for _, r := range c.Rows {
			note := ""
			if len(r.MissingChecks) > 0 {
				note = "missing checks: " + strings.Join(r.MissingChecks, ",")
			}
			fmt.Fprintf(tw, "%s\t%s%s\t%d\t%d\t%s\t%d\t%d\t%s\t%d\t%d\t%s\n", r.OracleID, col(r.Input), strings.Join(r.Ward, ","),
				r.Fail, r.FailFlagged, pct(r.FailFlagged, r.Fail), r.Pass, r.PassFlagged, pct(r.PassFlagged, r.Pass),
				r.Excluded, r.Skipped, note)
		}
		for _, in := range c.Inputs {
			fmt.Fprintf(tw, "TOTAL %s (%d claimed)\t%s\t%d\t%d\t%s\t%d\t%d\t%s\t%d\t%d\t\n", in.Input, in.Claimed, col(""),
				in.Fail, in.FailFlagged, pct(in.FailFlagged, in.Fail), in.Pass, in.PassFlagged, pct(in.PassFlagged, in.Pass),
				in.Excluded, in.Skipped)
		}
		fmt.Fprintf(tw, "TOTAL (%d claimed)\t%s\t%d\t%d\t%s\t%d\t%d\t%s\t%d\t%d\t\n", len(claimedIDs(c)), col(""),
			c.Fail, c.FailFlagged, pct(c.FailFlagged, c.Fail), c.Pass, c.PassFlagged, pct(c.PassFlagged, c.Pass),
			c.Excluded, c.Skipped)
		tw.Flush()
		fmt.Fprintf(w, "not claimed: %d oracle IDs (%d units); duplicate units dropped: %d; extraction warnings: %d\n",
			len(c.Unclaimed), c.UnclaimedUnits, c.Duplicates, len(c.Warnings))
		if byInput {
			parts := make([]string, 0, len(c.Inputs))
			for _, in := range c.Inputs {
				parts = append(parts, fmt.Sprintf("%s %d (%d units)", in.Input, in.Unclaimed, in.UnclaimedUnits))
			}
			fmt.Fprintf(w, "not claimed by input type: %s\n", strings.Join(parts, ", "))
		}
	}
	fmt.Fprintln(w, "\n== summary (target: recall >= 90%, FP rate <= 5%)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CORPUS\tCLAIMED IDS\tRECALL\tFP RATE\tFAIL\tPASS")
	for _, c := range res.Corpora {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%d\n", c.Corpus, len(claimedIDs(c)),
			pct(c.FailFlagged, c.Fail), pct(c.PassFlagged, c.Pass), c.Fail, c.Pass)
		for _, in := range c.Inputs {
			fmt.Fprintf(tw, "  %s/%s\t%d\t%s\t%s\t%d\t%d\n", c.Corpus, in.Input, in.Claimed,
				pct(in.FailFlagged, in.Fail), pct(in.PassFlagged, in.Pass), in.Fail, in.Pass)
		}
	}
	tw.Flush()
}

// claimedIDs are the distinct mapped oracle IDs of a corpus (an ID has one
// row per input type where the corpus has several).
func claimedIDs(c *CorpusResult) map[string]bool {
	ids := map[string]bool{}
	for _, r := range c.Rows {
		ids[r.OracleID] = true
	}
	return ids
}

// WriteDetails lists every miss and false positive with its source, so a
// check author can reproduce it, then the unclaimed IDs and warnings.
func WriteDetails(w io.Writer, res *Result) {
	for _, c := range res.Corpora {
		var miss, fp []*UnitResult
		for _, u := range c.Units {
			switch {
			case u.Expect == ExpectFail && !u.Flagged:
				miss = append(miss, u)
			case u.Expect == ExpectPass && u.Flagged:
				fp = append(fp, u)
			}
		}
		byID := func(s []*UnitResult) {
			sort.SliceStable(s, func(i, j int) bool { return s[i].Unit < s[j].Unit })
		}
		byID(miss)
		byID(fp)
		fmt.Fprintf(w, "\n== %s: %d misses, %d false positives\n", c.Corpus, len(miss), len(fp))
		for _, u := range miss {
			fmt.Fprintf(w, "MISS %s [%s] %s\n     want one of %s; Ward found %s%s%s\n", u.Key, u.Unit, u.Source,
				strings.Join(u.Ward, ","), orNone(u.Got), notEvaluated(u), scanErrs(u))
		}
		for _, u := range fp {
			fmt.Fprintf(w, "FP   %s [%s] %s\n     Ward found %s%s\n", u.Key, u.Unit, u.Source, strings.Join(u.Got, ","), scanErrs(u))
		}
		for _, r := range c.Rows {
			for _, m := range []struct {
				what string
				n    map[string]int
			}{{"skipped", r.SkipReasons}, {"excluded", r.ExcludeReasons}} {
				keys := make([]string, 0, len(m.n))
				for k := range m.n {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					id := r.OracleID
					if r.Input != "" {
						id += " (" + r.Input + ")"
					}
					fmt.Fprintf(w, "%s %s: %d units: %s\n", strings.ToUpper(m.what[:1])+m.what[1:], id, m.n[k], k)
				}
			}
		}
		if len(c.Unclaimed) > 0 {
			fmt.Fprintf(w, "not claimed (%d): %s\n", len(c.Unclaimed), strings.Join(c.Unclaimed, " "))
		}
		for _, x := range c.Warnings {
			fmt.Fprintf(w, "warning: %s\n", x)
		}
	}
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "nothing on the object"
	}
	return strings.Join(s, ",")
}

func notEvaluated(u *UnitResult) string {
	if len(u.NotEvaluated) == 0 {
		return ""
	}
	return "; not evaluated (unknown values): " + strings.Join(u.NotEvaluated, ",")
}

func scanErrs(u *UnitResult) string {
	if len(u.ScanErrors) == 0 {
		return ""
	}
	return "\n     scan errors: " + strings.Join(u.ScanErrors, "; ")
}
