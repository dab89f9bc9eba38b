// Package cloudformation is the analyzer for CloudFormation and SAM
// templates (YAML and JSON): each template is evaluated
// (internal/parse/cloudformation) and its resources handed to the cloud
// adapters.
package cloudformation

import (
	"context"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/analyzer"
	parse "github.com/wardsec/ward/internal/parse/cloudformation"
	"github.com/wardsec/ward/internal/parse/comment"
)

// ID is the plugin ID.
const ID = "iac/cloudformation"

// Config carries the user's CloudFormation settings.
type Config struct {
	// Parameters override template parameter defaults, by name.
	Parameters map[string]string
}

// Analyzer reads CloudFormation templates.
type Analyzer struct{ cfg Config }

// New returns the analyzer.
func New(cfg Config) *Analyzer { return &Analyzer{cfg: cfg} }

var _ analyzer.Analyzer = (*Analyzer)(nil)

// ID implements analyzer.Analyzer.
func (*Analyzer) ID() string { return ID }

// Version implements analyzer.Analyzer.
func (*Analyzer) Version() int { return 1 }

var exts = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".template": true, ".cfn": true}

// Required takes YAML, JSON and .template files; Analyze decides from the
// content whether a file is a template.
func (*Analyzer) Required(p string) bool { return exts[strings.ToLower(path.Ext(p))] }

// Analyze evaluates the file when it is a template; other YAML/JSON files
// yield an empty result.
func (a *Analyzer) Analyze(_ context.Context, f analyzer.File) (*analyzer.Result, error) {
	if !parse.IsTemplate(f.Path, f.Content) {
		return &analyzer.Result{}, nil
	}
	res, err := parse.Parse(f.Path, f.Content, parse.Config{Parameters: a.cfg.Parameters})
	if res == nil {
		return &analyzer.Result{}, err
	}
	return &analyzer.Result{Resources: res.Resources, Errors: res.Errors, Ignores: comment.Ignores(f.Path, f.Content)}, err
}
