package spec

import (
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
)

// Builder builds one cloud document: it records, for every value it is
// given, the range that wrote it and whether it was unknown or defaulted.
type Builder struct{ doc *state.Document }

// NewBuilder starts the document of one resource of the given model kind.
func NewBuilder(kind, address string, name cloud.String, r state.Range) *Builder {
	res := finding.Resource{Kind: kind, Address: address}
	if !name.IsUnknown() {
		res.Name = name.V
	}
	return &Builder{doc: &state.Document{
		Type: state.TypeCloud, Kind: kind, Path: r.Path, Resource: res,
		Source:   state.SourceMap{"": r},
		Unknown:  map[string]string{},
		Defaults: map[string]bool{},
	}}
}

// Document returns the document with value v.
func (b *Builder) Document(v map[string]any) *state.Document {
	b.doc.Value = v
	return b.doc
}

// Join appends elements to a path without aliasing p.
func Join(p []any, k ...any) []any {
	out := make([]any, 0, len(p)+len(k))
	return append(append(out, p...), k...)
}

// At records the range of the value at path p.
func (b *Builder) At(p []any, r state.Range) {
	if r.Path != "" || r.Start != 0 {
		b.doc.Source[state.Key(p)] = r
	}
}

// Meta records where the value at p came from and how it was set.
func (b *Builder) Meta(p []any, m cloud.Meta) {
	b.At(p, m.Range)
	switch m.Origin {
	case cloud.Unknown:
		b.doc.Unknown[state.Key(p)] = m.Ref
	case cloud.Default:
		b.doc.Defaults[state.Key(p)] = true
	}
}

// MarkUnknown records that the value at p cannot be known.
func (b *Builder) MarkUnknown(p []any, ref string) { b.doc.Unknown[state.Key(p)] = ref }

// Bool returns the document value of v (null when unknown).
func (b *Builder) Bool(p []any, v cloud.Bool) any {
	b.Meta(p, v.Meta)
	if v.IsUnknown() {
		return nil
	}
	return v.V
}

// Str returns the document value of v (null when unknown).
func (b *Builder) Str(p []any, v cloud.String) any {
	b.Meta(p, v.Meta)
	if v.IsUnknown() {
		return nil
	}
	return v.V
}

// Int returns the document value of v (null when unknown).
func (b *Builder) Int(p []any, v cloud.Int) any {
	b.Meta(p, v.Meta)
	if v.IsUnknown() {
		return nil
	}
	return v.V
}

// Strs returns the document value of v: its known elements.
func (b *Builder) Strs(p []any, v cloud.Strings) any {
	b.Meta(p, v.Meta)
	out := make([]any, len(v.V))
	for i, s := range v.V {
		out[i] = s
	}
	return out
}
