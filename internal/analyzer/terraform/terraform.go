// Package terraform is the analyzer for Terraform / OpenTofu: each root
// module directory is evaluated with its local and downloaded modules
// (internal/parse/terraform) and its resources handed to the cloud
// adapters. A single .tf file given as the scan target is evaluated as a
// module of its own.
package terraform

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/finding"
	parse "github.com/wardsec/ward/internal/parse/terraform"
)

// Plugin IDs.
const (
	ID     = "iac/terraform"
	FileID = "iac/terraform-file"
)

// Config carries the user's Terraform settings.
type Config struct {
	// VarFiles are extra .tfvars files (paths on disk) for every root
	// module, applied after terraform.tfvars and *.auto.tfvars.
	VarFiles []string
	// Vars are -var k=v values, applied last.
	Vars map[string]string
}

func (c Config) parse() parse.Config {
	return parse.Config{VarFiles: c.VarFiles, Vars: c.Vars}
}

// Analyzer evaluates Terraform root modules.
type Analyzer struct{ cfg Config }

// New returns the directory analyzer.
func New(cfg Config) *Analyzer { return &Analyzer{cfg: cfg} }

var (
	_ analyzer.DirAnalyzer  = (*Analyzer)(nil)
	_ analyzer.RootSelector = (*Analyzer)(nil)
	_ analyzer.Analyzer     = (*FileAnalyzer)(nil)
)

// ID implements analyzer.DirAnalyzer.
func (*Analyzer) ID() string { return ID }

// Version implements analyzer.DirAnalyzer.
func (*Analyzer) Version() int { return 1 }

// IsConfigFile reports whether name is a Terraform configuration file.
func IsConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// inDotTerraform reports whether dir is inside a .terraform directory
// (downloaded modules are evaluated through their callers).
func inDotTerraform(dir string) bool {
	for _, p := range strings.Split(dir, "/") {
		if p == ".terraform" {
			return true
		}
	}
	return false
}

// RequiredDir takes directories holding .tf or .tf.json files.
func (*Analyzer) RequiredDir(dir string, entries []string) bool {
	if inDotTerraform(dir) {
		return false
	}
	for _, e := range entries {
		if IsConfigFile(e) {
			return true
		}
	}
	return false
}

// Claims takes the configuration files directly in the module directory
// away from the single-file analyzer; subdirectories are modules of their
// own.
func (*Analyzer) Claims(dir, rel, analyzerID string) bool {
	return analyzerID == FileID && path.Dir(rel) == dir && IsConfigFile(rel)
}

// SelectRoots keeps the directories that no other one calls as a local
// module.
func (*Analyzer) SelectRoots(fsys fs.FS, dirs []string) []string {
	return parse.RootModules(fsys, dirs)
}

// AnalyzeDir evaluates the root module in dir.
func (a *Analyzer) AnalyzeDir(ctx context.Context, fsys fs.FS, dir string) (*analyzer.Result, error) {
	res, err := parse.Evaluate(ctx, fsys, dir, a.cfg.parse())
	if res == nil {
		return nil, err
	}
	return result(dir, res), err
}

func result(dir string, res *parse.Result) *analyzer.Result {
	out := &analyzer.Result{Resources: res.Resources, Errors: res.Errors, Ignores: res.Ignores}
	for _, ne := range res.NotEvaluated {
		addr, src, _ := strings.Cut(ne, " (source ")
		src = strings.TrimSuffix(src, ")")
		out.NotEvaluated = append(out.NotEvaluated, finding.NotEvaluated{
			CheckID:  "*",
			Title:    "Module not evaluated",
			Severity: finding.SeverityUnknown,
			Resource: finding.Resource{Kind: "module", Address: addr},
			Location: finding.Location{Path: dir},
			Reason:   "module source " + src + " is not available locally (run terraform init to download it into .terraform/modules)",
		})
	}
	return out
}

// FileAnalyzer evaluates a single .tf or .tf.json file as a module of its
// own. In a directory walk the directory analyzer claims every such file;
// this one runs when the scan target is the file itself.
type FileAnalyzer struct{ cfg Config }

// NewFile returns the single-file analyzer.
func NewFile(cfg Config) *FileAnalyzer { return &FileAnalyzer{cfg: cfg} }

// ID implements analyzer.Analyzer.
func (*FileAnalyzer) ID() string { return FileID }

// Version implements analyzer.Analyzer.
func (*FileAnalyzer) Version() int { return 1 }

// Required implements analyzer.Analyzer.
func (*FileAnalyzer) Required(p string) bool { return IsConfigFile(p) }

// Analyze implements analyzer.Analyzer.
func (a *FileAnalyzer) Analyze(ctx context.Context, f analyzer.File) (*analyzer.Result, error) {
	base := path.Base(f.Path)
	fsys := fstest.MapFS{base: &fstest.MapFile{Data: f.Content}}
	res, err := parse.Evaluate(ctx, fsys, ".", a.cfg.parse())
	if res == nil {
		return nil, err
	}
	out := result(".", res)
	dir := path.Dir(f.Path)
	if dir == "." {
		return out, err
	}
	// Point every range at the file as the scan shows it.
	fix := func(p string) string {
		if p == "" {
			return p
		}
		return path.Join(dir, p)
	}
	for i := range out.Resources {
		r := &out.Resources[i]
		for k, rng := range r.Source {
			rng.Path = fix(rng.Path)
			r.Source[k] = rng
		}
	}
	for i := range out.Errors {
		out.Errors[i].Path = fix(out.Errors[i].Path)
	}
	for i := range out.Ignores {
		out.Ignores[i].Path = fix(out.Ignores[i].Path)
	}
	for i := range out.NotEvaluated {
		out.NotEvaluated[i].Location.Path = f.Path
	}
	return out, err
}

// PlanID is the plugin ID of the plan analyzer.
const PlanID = "iac/terraform-plan"

// PlanAnalyzer reads `terraform show -json` plan files: the planned values
// of every resource, with values known only after apply as unknowns. Plans
// carry no line numbers, so findings name the plan file only.
type PlanAnalyzer struct{}

var _ analyzer.Analyzer = PlanAnalyzer{}

// ID implements analyzer.Analyzer.
func (PlanAnalyzer) ID() string { return PlanID }

// Version implements analyzer.Analyzer.
func (PlanAnalyzer) Version() int { return 1 }

// Required takes JSON files; Analyze decides from the content.
func (PlanAnalyzer) Required(p string) bool { return strings.HasSuffix(strings.ToLower(p), ".json") }

// Analyze reads the file when it is a plan (it has planned_values and a
// format_version); other JSON files yield an empty result.
func (PlanAnalyzer) Analyze(_ context.Context, f analyzer.File) (*analyzer.Result, error) {
	if !bytes.Contains(f.Content, []byte(`"planned_values"`)) || !bytes.Contains(f.Content, []byte(`"format_version"`)) {
		return &analyzer.Result{}, nil
	}
	res, err := parse.EvaluatePlan(f.Path, f.Content)
	if err != nil || res == nil {
		return &analyzer.Result{}, err
	}
	return &analyzer.Result{Resources: res.Resources, Errors: res.Errors}, nil
}
