package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/report"
)

// ScanOptions are the flags shared by every scan command.
type ScanOptions struct {
	Format         string
	Output         string
	Severity       []string
	ExitCode       int
	Policies       []string
	SkipChecks     []string
	IgnoreFile     string
	Quiet          bool
	ShowSuppressed bool
	NoProgress     bool
	Timeout        time.Duration

	severities map[finding.Severity]bool
}

// AddFlags registers the options on fs.
func (o *ScanOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.Format, "format", "f", "table", "output format: "+strings.Join(report.Formats(), "|"))
	fs.StringVarP(&o.Output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fs.StringSliceVarP(&o.Severity, "severity", "s", nil, "severities to report: one name reports that level and above (HIGH = HIGH,CRITICAL); a comma list reports exactly those")
	fs.IntVar(&o.ExitCode, "exit-code", 0, "exit with `N` when findings remain after filters and suppressions")
	fs.StringSliceVar(&o.Policies, "policy", nil, "directory or file of custom Rego checks (repeatable)")
	fs.StringSliceVar(&o.SkipChecks, "skip-check", nil, "check `ID` not to run (repeatable)")
	fs.StringVar(&o.IgnoreFile, "ignore-file", ".wardignore", "ignore file (YAML rules with id, paths, resource, reason, expires)")
	fs.BoolVarP(&o.Quiet, "quiet", "q", false, "no progress or log output")
	fs.BoolVar(&o.ShowSuppressed, "show-suppressed", false, "list suppressed findings too")
	fs.BoolVar(&o.NoProgress, "no-progress", false, "no progress indicator, even on a terminal")
	fs.DurationVar(&o.Timeout, "timeout", 10*time.Minute, "give up after this long")
}

// Validate checks the values and precomputes the severity filter.
func (o *ScanOptions) Validate() error {
	ok := false
	for _, f := range report.Formats() {
		if f == o.Format {
			ok = true
		}
	}
	if !ok {
		return fmt.Errorf("--format %q: want one of %s", o.Format, strings.Join(report.Formats(), ", "))
	}
	if o.ExitCode < 0 || o.ExitCode > 125 {
		return fmt.Errorf("--exit-code %d: want 0..125", o.ExitCode)
	}
	o.severities = nil
	var sevs []finding.Severity
	for _, s := range o.Severity {
		for _, p := range splitList(s) {
			v, err := finding.ParseSeverity(p)
			if err != nil {
				return fmt.Errorf("--severity: %w", err)
			}
			sevs = append(sevs, v)
		}
	}
	if len(sevs) == 0 {
		return nil
	}
	o.severities = map[finding.Severity]bool{}
	if len(sevs) == 1 {
		for s := sevs[0]; s <= finding.SeverityCritical; s++ {
			o.severities[s] = true
		}
		return nil
	}
	for _, s := range sevs {
		o.severities[s] = true
	}
	return nil
}

// Filter drops findings outside the severity filter and recomputes the
// summary.
func (o *ScanOptions) Filter(rep *finding.Report) {
	if o.severities == nil {
		return
	}
	out := rep.Findings[:0]
	for _, f := range rep.Findings {
		if o.severities[f.Severity] {
			out = append(out, f)
		}
	}
	rep.Findings = out
	rep.Summarize()
}
