// Package all is the one explicit list of Ward's analyzers.
package all

import (
	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/analyzer/cloudformation"
	"github.com/wardsec/ward/internal/analyzer/dockerfile"
	"github.com/wardsec/ward/internal/analyzer/helm"
	"github.com/wardsec/ward/internal/analyzer/kubernetes"
	"github.com/wardsec/ward/internal/analyzer/kustomize"
	"github.com/wardsec/ward/internal/analyzer/terraform"
)

// Config carries the user's settings for analyzers that take any.
type Config struct {
	// HelmValues are values files for every Helm chart (helm -f).
	HelmValues []string
	// HelmSet are helm --set expressions for every Helm chart.
	HelmSet []string
	// TFVarFiles are extra .tfvars files for every Terraform root module.
	TFVarFiles []string
	// TFVars are terraform -var k=v values.
	TFVars map[string]string
	// CFParams override CloudFormation parameter defaults.
	CFParams map[string]string
}

func (c Config) terraform() terraform.Config {
	return terraform.Config{VarFiles: c.TFVarFiles, Vars: c.TFVars}
}

func (c Config) helm() helm.Config {
	return helm.Config{ValuesFiles: c.HelmValues, Set: c.HelmSet}
}

// Validate checks the settings before a scan (unreadable values files,
// malformed --set expressions).
func (c Config) Validate() error {
	_, err := c.helm().Values()
	return err
}

// Files returns every file analyzer with default settings, in a fixed order.
func Files() []analyzer.Analyzer { return FilesWith(Config{}) }

// FilesWith returns every file analyzer, in a fixed order.
func FilesWith(cfg Config) []analyzer.Analyzer {
	return []analyzer.Analyzer{
		kubernetes.Analyzer{},
		dockerfile.Analyzer{},
		helm.NewArchive(cfg.helm()),
		terraform.NewFile(cfg.terraform()),
		terraform.PlanAnalyzer{},
		cloudformation.New(cloudformation.Config{Parameters: cfg.CFParams}),
	}
}

// Dirs returns every directory analyzer with default settings, in a fixed
// order.
func Dirs() []analyzer.DirAnalyzer { return DirsWith(Config{}) }

// DirsWith returns every directory analyzer, in a fixed order. A directory
// goes to the first that takes it: a chart that also holds a kustomization
// is rendered as a chart.
func DirsWith(cfg Config) []analyzer.DirAnalyzer {
	return []analyzer.DirAnalyzer{
		helm.New(cfg.helm()),
		kustomize.New(kustomize.Config{}),
		terraform.New(cfg.terraform()),
	}
}
