// Package analyzer defines the plugin contract for turning files into
// documents that checks evaluate. The scan core owns traversal and I/O: it
// walks the source once, asks each analyzer whether it wants a path, reads
// the file once and hands every interested analyzer the same bytes.
package analyzer

import (
	"context"
	"io/fs"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
)

// File is one file handed to an analyzer.
type File struct {
	// Path is relative to the scan root, with forward slashes.
	Path string
	// Content is the whole file, already size-checked by the core.
	Content []byte
}

// Result is what an analyzer found in one file or directory.
type Result struct {
	Documents []*state.Document
	// Errors are problems that did not stop the analyzer (a bad document in
	// an otherwise good stream).
	Errors []finding.Error
	// Resources are the evaluated resources of one infrastructure-as-code
	// unit (a Terraform root module with its modules, a CloudFormation
	// template); the scan core adapts them to cloud documents, linking
	// resources of the same unit only.
	Resources []state.IaCResource
	// Ignores are the inline suppressions written in the unit's files; they
	// apply to the documents adapted from Resources.
	Ignores []state.InlineIgnore
	// NotEvaluated are parts of the unit that could not be evaluated (a
	// remote module that is not downloaded).
	NotEvaluated []finding.NotEvaluated
}

// Analyzer turns single files into documents.
//
// Lifecycle: the core calls ID and Version once; Required for every path of
// the walk (it must be a cheap string test, no I/O); Analyze once per
// required file, possibly concurrently from several goroutines, so Analyze
// must not keep per-call state on the receiver. An error from Analyze is
// recorded against the file and the scan goes on.
type Analyzer interface {
	ID() string
	Version() int
	Required(path string) bool
	Analyze(ctx context.Context, f File) (*Result, error)
}

// DirAnalyzer builds a whole directory as one unit (a Helm chart, a
// Kustomize overlay).
//
// Lifecycle: RequiredDir is called once per directory of the walk with the
// names of its entries (no I/O), unless a directory analyzer that took an
// ancestor claims the directory. When it answers true the core calls
// AnalyzeDir once with the scan root's file system and the directory, and
// asks Claims about every path below it. AnalyzeDir may run concurrently;
// RequiredDir and Claims must be pure functions of their arguments.
type DirAnalyzer interface {
	ID() string
	Version() int
	RequiredDir(dir string, entries []string) bool
	// Claims reports whether relPath, below the directory dir that this
	// analyzer took, belongs to the unit: for a file, whether the file
	// analyzer analyzerID must skip it (templates are not plain
	// manifests); for a directory (analyzerID == ""), whether directory
	// analyzers must not be offered it (a chart's subcharts).
	Claims(dir, relPath, analyzerID string) bool
	AnalyzeDir(ctx context.Context, fsys fs.FS, dir string) (*Result, error)
}

// RootSelector is implemented by a DirAnalyzer whose units can include one
// another (Terraform modules calling local modules).
//
// Lifecycle: after RequiredDir has been asked about every directory of a
// target, the core calls SelectRoots once with the directories this
// analyzer took and analyzes only those it returns; the others stay
// claimed, so their files go to no file analyzer. SelectRoots may read
// fsys.
type RootSelector interface {
	SelectRoots(fsys fs.FS, dirs []string) []string
}
