// Package state holds the typed inputs that checks evaluate: documents whose
// values remember the file and lines they came from.
package state

import (
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// Type is the input type a document is dispatched on. Checks declare the
// types (and, for Kubernetes, the object kinds) they apply to.
type Type string

// Input types known to the engine.
const (
	TypeKubernetes Type = "kubernetes"
	TypeDockerfile Type = "dockerfile"
	// TypeKubernetesSet is the synthetic document holding every Kubernetes
	// object of one scan, for cross-resource checks.
	TypeKubernetesSet Type = "kubernetes-set"
	// TypeCloud is a resource of the typed cloud model (internal/state/cloud),
	// adapted from Terraform, CloudFormation or a live account. Its Kind is
	// the model kind ("aws.s3.bucket").
	TypeCloud Type = "cloud"
	// TypeImage is a container image's configuration and metadata (user,
	// environment, labels, history, exposed ports, healthcheck, OS).
	TypeImage Type = "image"
)

// Range is a line range in one file. Lines are 1-based; End >= Start.
type Range struct {
	Path  string
	Start int
	End   int
}

// SourceMap maps a value path (see Key) to the lines it came from.
type SourceMap map[string]Range

// Key renders a value path as a map key: string elements as-is, integer
// elements as decimal, joined by "\x00".
func Key(path []any) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 {
			b.WriteByte(0)
		}
		switch v := p.(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		case int64:
			b.WriteString(strconv.FormatInt(v, 10))
		case float64:
			b.WriteString(strconv.FormatInt(int64(v), 10))
		default:
			b.WriteString("?")
		}
	}
	return b.String()
}

// Resolve returns the range of the longest prefix of path that has one, and
// whether any did.
func (m SourceMap) Resolve(path []any) (Range, bool) {
	for n := len(path); n >= 0; n-- {
		if r, ok := m[Key(path[:n])]; ok {
			return r, true
		}
	}
	return Range{}, false
}

// Document is one input to policy evaluation.
type Document struct {
	Type Type
	// Kind is the object kind within the type (Kubernetes kind, "Dockerfile").
	Kind string
	// Path is the file the document was read from, relative to the scan root
	// (for rendered inputs, the chart or overlay directory's file).
	Path string
	// Value is JSON-compatible: map[string]any, []any, string, float64,
	// int64, bool or nil.
	Value any
	// Resource is the identity findings on this document carry.
	Resource finding.Resource
	// Source maps value paths to lines. The empty path maps to the whole
	// document.
	Source SourceMap
	// Ignores are inline suppressions written in the document's file.
	Ignores []InlineIgnore
	// Annotations are suppressions carried by the object itself
	// (the ward.dev/ignore annotation): check IDs.
	Annotations []string
	// Unknown maps the Key of each value path that cannot be known before
	// apply (cloud documents) to what it would come from. An unknown scalar
	// is null in Value; an unknown list holds its known elements. The engine
	// reports a result whose path reaches an unknown value as not evaluated,
	// never as a finding.
	Unknown map[string]string
	// Defaults holds the Key of each value path filled from the provider's
	// documented default because the source left it out.
	Defaults map[string]bool
	// Members are the documents a TypeKubernetesSet document is made of; its
	// Value is {"resources": [member values...]} in the same order.
	Members []*Document
}

// Range returns the whole document's range.
func (d *Document) Range() Range {
	r, _ := d.Source.Resolve(nil)
	if r.Path == "" {
		r.Path = d.Path
	}
	return r
}

// InlineIgnore is a `ward:ignore ID reason` comment (or `ward:ignore` with
// no ID, meaning every check) on a line of a file.
type InlineIgnore struct {
	Path   string
	Line   int
	IDs    []string
	Reason string
	// Trailing is set when the comment follows code on its line; it then
	// applies to that line, otherwise to the next one.
	Trailing bool
}
