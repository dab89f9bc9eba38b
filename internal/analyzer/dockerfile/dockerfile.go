// Package dockerfile is the analyzer for Dockerfiles and Containerfiles: one
// document per file, evaluated by the checks of input type "dockerfile".
package dockerfile

import (
	"context"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/parse/comment"
	parse "github.com/wardsec/ward/internal/parse/dockerfile"
	"github.com/wardsec/ward/internal/state"
)

// ID is the plugin ID.
const ID = "iac/dockerfile"

// Kind is the document kind of every Dockerfile.
const Kind = "Dockerfile"

// Analyzer reads Dockerfiles.
type Analyzer struct{}

var _ analyzer.Analyzer = Analyzer{}

// ID implements analyzer.Analyzer.
func (Analyzer) ID() string { return ID }

// Version implements analyzer.Analyzer.
func (Analyzer) Version() int { return 1 }

// notDockerfile are suffixes of files named like Dockerfiles that are not
// (BuildKit's per-Dockerfile ignore files, docs, editor and patch leftovers).
var notDockerfile = []string{".dockerignore", ".containerignore", ".md", ".swp", ".rej", ".patch", ".diff"}

// Required accepts Dockerfile, Containerfile, Dockerfile.<variant>,
// Containerfile.<variant> and <name>.Dockerfile (any case), except the
// ignore files and documents listed in notDockerfile.
func (Analyzer) Required(p string) bool {
	base := strings.ToLower(path.Base(p))
	for _, s := range notDockerfile {
		if strings.HasSuffix(base, s) {
			return false
		}
	}
	for _, n := range []string{"dockerfile", "containerfile"} {
		if base == n || strings.HasPrefix(base, n+".") || (strings.HasSuffix(base, "."+n) && len(base) > len(n)+1) {
			return true
		}
	}
	return false
}

// Analyze parses the file into one document. A file that does not parse
// yields the error (with its line) and no document.
func (Analyzer) Analyze(_ context.Context, f analyzer.File) (*analyzer.Result, error) {
	df, err := parse.Parse(f.Path, f.Content)
	if err != nil {
		return &analyzer.Result{}, err
	}
	return &analyzer.Result{Documents: []*state.Document{Document(f.Path, df, comment.Ignores(f.Path, f.Content))}}, nil
}

// Document builds the policy input for one parsed Dockerfile.
func Document(file string, df *parse.Dockerfile, ignores []state.InlineIgnore) *state.Document {
	return &state.Document{
		Type:     state.TypeDockerfile,
		Kind:     Kind,
		Path:     file,
		Value:    df.Value,
		Resource: finding.Resource{Kind: Kind, Name: file},
		Source:   df.Source,
		Ignores:  ignores,
	}
}
