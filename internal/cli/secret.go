package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/ignore"
	"github.com/wardsec/ward/internal/scan"
	"github.com/wardsec/ward/internal/secret"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/version"
)

// SecretOptions are the flags of the secret scanner.
type SecretOptions struct {
	SecretConfigs []string
	ArchiveDepth  int
	NoArchives    bool
	MaxFileSizeMB int
}

// AddFlags registers the options.
func (o *SecretOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringSliceVar(&o.SecretConfigs, "secret-config", nil, "custom secret rules: Ward YAML (.yaml) or a gitleaks config (.toml), added to the built-in rules (repeatable)")
	fs.IntVar(&o.ArchiveDepth, "archive-depth", 3, "open archives (zip, jar, tar, tar.gz) nested up to this depth")
	fs.BoolVar(&o.NoArchives, "no-archives", false, "do not open archives")
	fs.IntVar(&o.MaxFileSizeMB, "max-file-size", 256, "scan at most this many MiB of one file")
}

// Validate checks the values.
func (o *SecretOptions) Validate() error {
	if o.ArchiveDepth < 0 || o.ArchiveDepth > 10 {
		return fmt.Errorf("--archive-depth %d: want 0..10", o.ArchiveDepth)
	}
	if o.MaxFileSizeMB <= 0 {
		return fmt.Errorf("--max-file-size %d: want a positive number of MiB", o.MaxFileSizeMB)
	}
	return nil
}

// rules loads the built-in rules plus the custom ones; a custom rule with a
// built-in's ID replaces it.
func (o *SecretOptions) rules() ([]secret.Rule, error) {
	rules, err := secret.BuiltinRules()
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for i, r := range rules {
		index[r.ID] = i
	}
	for _, p := range o.SecretConfigs {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read secret config: %w", err)
		}
		var custom []secret.Rule
		switch strings.ToLower(filepath.Ext(p)) {
		case ".toml":
			custom, err = secret.LoadGitleaksTOML(p, b)
		case ".yaml", ".yml":
			custom, err = secret.LoadYAML(p, b)
		default:
			return nil, fmt.Errorf("secret config %q: want a .yaml (Ward rules) or .toml (gitleaks) file", p)
		}
		if err != nil {
			return nil, err
		}
		for _, r := range custom {
			if i, ok := index[r.ID]; ok {
				rules[i] = r
				continue
			}
			index[r.ID] = len(rules)
			rules = append(rules, r)
		}
	}
	return rules, nil
}

func (o *SecretOptions) scanner(so *ScanOptions, progress func(int, int)) (*scan.SecretScanner, error) {
	rules, err := o.rules()
	if err != nil {
		return nil, err
	}
	var kept []secret.Rule
	skip := map[string]bool{}
	for _, id := range so.SkipChecks {
		skip[id] = true
	}
	for _, r := range rules {
		if !skip[r.ID] {
			kept = append(kept, r)
		}
	}
	eng, err := secret.New(secret.Config{Rules: kept, MaxFileSize: int64(o.MaxFileSizeMB) << 20})
	if err != nil {
		return nil, err
	}
	ign, err := ignore.Load(so.IgnoreFile, so.IgnoreFile == ".wardignore")
	if err != nil {
		return nil, err
	}
	depth := o.ArchiveDepth
	return scan.NewSecret(scan.SecretConfig{
		Engine:      eng,
		Ignore:      ign,
		NoArchives:  o.NoArchives || depth == 0,
		Limits:      source.Limits{MaxFileSize: int64(o.MaxFileSizeMB) << 20, MaxArchiveDepth: max(depth, 1)},
		Progress:    progress,
		ToolVersion: version.Get().Version,
	})
}

func newSecretCmd(s Streams) *cobra.Command {
	so := &ScanOptions{}
	o := &SecretOptions{}
	cmd := &cobra.Command{
		Use:   "secret PATH...",
		Short: "Find secrets (API keys, tokens, private keys, passwords) in files and archives",
		Example: `  ward secret .
  ward secret --format sarif -o secrets.sarif src/
  ward secret --secret-config .gitleaks.toml .`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := validateAll(so, o); err != nil {
				return err
			}
			return runScans(cmd.Context(), s, so, func(ctx context.Context, prog func(int, int)) (*finding.Report, error) {
				sc, err := o.scanner(so, prog)
				if err != nil {
					return nil, err
				}
				return sc.Scan(ctx, args, scan.Files)
			})
		},
	}
	so.AddFlags(cmd.Flags())
	o.AddFlags(cmd.Flags())
	return cmd
}

// MultiOptions are the flags of commands that run several scanners (fs,
// repo): every scan flag, the secret flags and the scanner selection.
type MultiOptions struct {
	ConfigOptions
	Secret   SecretOptions
	Vuln     VulnOptions
	Scanners []string

	want map[string]bool
}

// AddFlags registers the options.
func (o *MultiOptions) AddFlags(fs *pflag.FlagSet) {
	o.ConfigOptions.AddFlags(fs)
	o.Secret.AddFlags(fs)
	o.Vuln.AddFlags(fs)
	fs.StringSliceVar(&o.Scanners, "scanners", []string{"misconfig", "secret"}, "what to look for: misconfig, secret, vuln (vulnerable packages; needs a database, see `ward db`)")
}

// Validate checks the values and resolves the scanner selection.
func (o *MultiOptions) Validate() error {
	if err := validateAll(&o.ScanOptions, &o.Secret); err != nil {
		return err
	}
	want, err := parseScanners(o.Scanners)
	o.want = want
	return err
}

func (o *MultiOptions) run(ctx context.Context, s Streams, targets []string, mode scan.SecretMode) error {
	fns := scanFuncs(&o.ConfigOptions, &o.Secret, targets, o.want, mode)
	if o.want["vuln"] {
		fns = append(fns, func(ctx context.Context, _ func(int, int)) (*finding.Report, error) {
			return vulnReport(ctx, &o.Vuln, targets)
		})
	}
	return runScans(ctx, s, &o.ScanOptions, fns...)
}

func newFSCmd(s Streams) *cobra.Command {
	o := &MultiOptions{}
	cmd := &cobra.Command{
		Use:   "fs PATH...",
		Short: "Scan a directory: misconfigurations, secrets and (with --scanners vuln) vulnerable packages",
		Example: `  ward fs .
  ward fs --scanners vuln,secret --ignore-unfixed .
  ward fs --scanners secret ./src
  ward fs --scanners misconfig --severity HIGH deploy/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			return o.run(cmd.Context(), s, args, scan.Files)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func newRootfsCmd(s Streams) *cobra.Command {
	o := &MultiOptions{}
	cmd := &cobra.Command{
		Use:   "rootfs DIR",
		Short: "Scan a root filesystem (an unpacked image, a mounted disk): vulnerable OS and language packages",
		Example: `  ward rootfs /mnt/rootfs
  ward rootfs --scanners vuln,secret --severity HIGH ./bookworm`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			return o.run(cmd.Context(), s, args, scan.Files)
		},
	}
	o.AddFlags(cmd.Flags())
	if f := cmd.Flags().Lookup("scanners"); f != nil {
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			_ = sv.Replace([]string{"vuln"})
			f.DefValue = "[vuln]"
		}
	}
	return cmd
}

func newRepoCmd(s Streams) *cobra.Command {
	o := &MultiOptions{}
	var history bool
	cmd := &cobra.Command{
		Use:   "repo PATH",
		Short: "Scan a git repository: misconfigurations and secrets, optionally through its whole history",
		Long: `Scan a local git repository's working tree for misconfigurations and secrets.

With --history the secret scanner reads every commit's added lines instead of
the working tree, so secrets that were committed and later deleted are found;
each finding names the commit, its author and date.`,
		Example: `  ward repo .
  ward repo --history --scanners secret .`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			if _, err := os.Stat(filepath.Join(args[0], ".git")); err != nil {
				return fmt.Errorf("%q is not a git repository (no .git)", args[0])
			}
			mode := scan.Files
			if history {
				mode = scan.History
			}
			return o.run(cmd.Context(), s, args, mode)
		},
	}
	o.AddFlags(cmd.Flags())
	cmd.Flags().BoolVar(&history, "history", false, "scan every commit's added lines for secrets")
	return cmd
}

type scanFunc func(ctx context.Context, progress func(int, int)) (*finding.Report, error)

func scanFuncs(co *ConfigOptions, o *SecretOptions, targets []string, want map[string]bool, mode scan.SecretMode) []scanFunc {
	var fns []scanFunc
	if want["misconfig"] {
		fns = append(fns, func(ctx context.Context, prog func(int, int)) (*finding.Report, error) {
			return configReport(ctx, co, targets, prog)
		})
	}
	if want["secret"] {
		fns = append(fns, func(ctx context.Context, prog func(int, int)) (*finding.Report, error) {
			sc, err := o.scanner(&co.ScanOptions, prog)
			if err != nil {
				return nil, err
			}
			return sc.Scan(ctx, targets, mode)
		})
	}
	return fns
}

func parseScanners(list []string) (map[string]bool, error) {
	want := map[string]bool{}
	for _, x := range list {
		for _, s := range splitList(x) {
			switch s {
			case "misconfig", "config":
				want["misconfig"] = true
			case "secret":
				want["secret"] = true
			case "vuln":
				want["vuln"] = true
			default:
				return nil, fmt.Errorf("--scanners: unknown scanner %q (want misconfig, secret, vuln)", s)
			}
		}
	}
	if len(want) == 0 {
		return nil, fmt.Errorf("--scanners: name at least one scanner")
	}
	return want, nil
}

func validateAll(so *ScanOptions, o *SecretOptions) error {
	if err := so.Validate(); err != nil {
		return err
	}
	return o.Validate()
}

// runScans runs each scan, merges their reports into one and writes it.
func runScans(ctx context.Context, s Streams, so *ScanOptions, fns ...scanFunc) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, so.Timeout)
	defer cancel()
	prog := newProgress(s.Err, !so.Quiet && !so.NoProgress)
	var merged *finding.Report
	for _, fn := range fns {
		rep, err := fn(ctx, prog.update)
		if err != nil {
			prog.done()
			return err
		}
		merged = mergeReports(merged, rep)
	}
	prog.done()
	so.Filter(merged)
	if err := writeReport(s, so, merged); err != nil {
		return err
	}
	if so.ExitCode != 0 && merged.Summary.Total() > 0 {
		return &ExitError{Code: so.ExitCode}
	}
	return nil
}

func mergeReports(a, b *finding.Report) *finding.Report {
	if a == nil {
		return b
	}
	a.Findings = append(a.Findings, b.Findings...)
	a.Errors = append(a.Errors, b.Errors...)
	a.NotEvaluated = append(a.NotEvaluated, b.NotEvaluated...)
	a.ChecksRun += b.ChecksRun
	a.FilesScanned = max(a.FilesScanned, b.FilesScanned)
	finding.Sort(a.Findings)
	a.Summarize()
	return a
}
