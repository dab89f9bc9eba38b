package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wardsec/ward/internal/analyzer/all"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/ignore"
	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/report"
	"github.com/wardsec/ward/internal/scan"
	"github.com/wardsec/ward/internal/version"
)

// ConfigOptions are the flags of `ward config`.
type ConfigOptions struct {
	ScanOptions
	HelmValues []string
	HelmSet    []string
	TFVarFiles []string
	TFVars     []string
	CFParams   []string
}

// AddFlags registers the options.
func (o *ConfigOptions) AddFlags(fs *pflag.FlagSet) {
	o.ScanOptions.AddFlags(fs)
	fs.StringSliceVar(&o.HelmValues, "helm-values", nil, "values `FILE` for Helm charts (repeatable)")
	fs.StringArrayVar(&o.HelmSet, "helm-set", nil, "set a Helm value, `key=value` as helm --set (repeatable)")
	fs.StringSliceVar(&o.TFVarFiles, "tf-vars", nil, "Terraform variables `FILE` (.tfvars or .tfvars.json) for every root module, after terraform.tfvars and *.auto.tfvars (repeatable)")
	fs.StringArrayVar(&o.TFVars, "tf-var", nil, "set a Terraform variable, `name=value` as terraform -var; the value is an HCL expression or a plain string (repeatable)")
	fs.StringArrayVar(&o.CFParams, "cf-param", nil, "set a CloudFormation parameter, `Name=Value`, overriding its Default (repeatable)")
}

// analyzerConfig turns the options into the analyzers' settings.
func (o *ConfigOptions) analyzerConfig() (all.Config, error) {
	tfVars, err := keyValues("--tf-var", o.TFVars)
	if err != nil {
		return all.Config{}, err
	}
	cfParams, err := keyValues("--cf-param", o.CFParams)
	if err != nil {
		return all.Config{}, err
	}
	for _, f := range o.TFVarFiles {
		if _, err := os.Stat(f); err != nil {
			return all.Config{}, fmt.Errorf("--tf-vars: %w", err)
		}
	}
	acfg := all.Config{HelmValues: o.HelmValues, HelmSet: o.HelmSet, TFVarFiles: o.TFVarFiles, TFVars: tfVars, CFParams: cfParams}
	return acfg, acfg.Validate()
}

// keyValues parses name=value pairs.
func keyValues(flag string, pairs []string) (map[string]string, error) {
	if len(pairs) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(pairs))
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("%s %q: want name=value", flag, p)
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, nil
}

func newConfigCmd(s Streams) *cobra.Command {
	o := &ConfigOptions{}
	cmd := &cobra.Command{
		Use:   "config PATH...",
		Short: "Scan IaC: Terraform, CloudFormation, Kubernetes manifests, Helm charts, Kustomize overlays, Dockerfiles",
		Example: `  ward config ./deploy
  ward config --tf-vars prod.tfvars --tf-var region=eu-west-1 infra/
  ward config --cf-param Env=prod template.yaml
  ward config --format sarif --output ward.sarif .
  ward config --severity HIGH --exit-code 1 charts/web`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			return runConfig(cmd.Context(), s, o, args)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func runConfig(ctx context.Context, s Streams, o *ConfigOptions, targets []string) error {
	return runScans(ctx, s, &o.ScanOptions, func(ctx context.Context, prog func(int, int)) (*finding.Report, error) {
		return configReport(ctx, o, targets, prog)
	})
}

// configReport runs the IaC misconfiguration scan.
func configReport(ctx context.Context, o *ConfigOptions, targets []string, progress func(int, int)) (*finding.Report, error) {
	eng, err := policy.New(ctx, policy.Config{PolicyDirs: o.Policies, SkipChecks: o.SkipChecks})
	if err != nil {
		return nil, err
	}
	ign, err := ignore.Load(o.IgnoreFile, o.IgnoreFile == ".wardignore")
	if err != nil {
		return nil, err
	}
	for _, t := range targets {
		if _, err := os.Stat(t); err != nil {
			return nil, fmt.Errorf("scan target: %w", err)
		}
	}
	acfg, err := o.analyzerConfig()
	if err != nil {
		return nil, err
	}
	sc, err := scan.New(scan.Config{
		Engine:       eng,
		Analyzers:    all.FilesWith(acfg),
		DirAnalyzers: all.DirsWith(acfg),
		Ignore:       ign,
		Progress:     progress,
		ToolVersion:  version.Get().Version,
	})
	if err != nil {
		return nil, err
	}
	return sc.Scan(ctx, targets)
}

func writeReport(s Streams, o *ScanOptions, rep *finding.Report) error {
	var w io.Writer = s.Out
	color := false
	if o.Output != "" {
		if dir := filepath.Dir(o.Output); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("create output directory: %w", err)
			}
		}
		f, err := os.Create(o.Output)
		if err != nil {
			return fmt.Errorf("create output: %w", err)
		}
		defer f.Close()
		w = f
	} else {
		color = isTTY(s.Out)
	}
	if err := report.Write(w, o.Format, rep, report.Options{ShowSuppressed: o.ShowSuppressed, Color: color}); err != nil {
		return fmt.Errorf("write %s report: %w", o.Format, err)
	}
	return nil
}

func isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd())
}

// progress draws "Scanning 12/40 files" on a terminal only.
type progress struct {
	w    io.Writer
	on   bool
	mu   sync.Mutex
	last time.Time
	n    int
}

func newProgress(w io.Writer, enabled bool) *progress {
	return &progress{w: w, on: enabled && isTTY(w)}
}

func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = time.Now()
	p.n++
	fmt.Fprintf(p.w, "\r%c Scanning %d/%d", `|/-\`[p.n%4], done, total)
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
