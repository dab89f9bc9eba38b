package ignore

import (
	"fmt"
	"time"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
)

// Inline returns the suppression for f from the document's inline comments
// and annotations, or nil. A `ward:ignore` comment applies to a finding
// whose lines include its line (a trailing comment) or the next line (a
// comment on its own line); a comment above the document's first line
// applies to the whole document.
func Inline(f *finding.Finding, doc *state.Document) *finding.Suppression {
	if doc == nil {
		return nil
	}
	for _, id := range doc.Annotations {
		if id == f.CheckID || id == "*" {
			return &finding.Suppression{Kind: "annotation", Source: "ward.dev/ignore on " + doc.Resource.ID()}
		}
	}
	docStart := doc.Range().Start
	for _, ig := range doc.Ignores {
		if ig.Path != f.Location.Path && ig.Path != doc.Path {
			continue
		}
		if !matchesID(ig.IDs, f.CheckID) {
			continue
		}
		wholeDoc := ig.Line < docStart && !ig.Trailing
		target := ig.Line
		if !ig.Trailing {
			target++ // a comment on its own line applies to the next line
		}
		onFinding := ig.Path == f.Location.Path && target >= f.Location.StartLine && target <= max(f.Location.EndLine, f.Location.StartLine)
		if wholeDoc || onFinding {
			return &finding.Suppression{Kind: "inline", Reason: ig.Reason, Source: fmt.Sprintf("%s:%d", ig.Path, ig.Line)}
		}
	}
	return nil
}

func matchesID(ids []string, id string) bool {
	if len(ids) == 0 {
		return true
	}
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Apply marks suppressed findings. docs maps each finding (by index) to the
// document it came from, or nil.
func Apply(fs []finding.Finding, docOf func(i int) *state.Document, file *File, now time.Time) {
	for i := range fs {
		f := &fs[i]
		if s := Inline(f, docOf(i)); s != nil {
			f.Suppressed = s
			continue
		}
		if r := file.Match(f, now); r != nil {
			f.Suppressed = &finding.Suppression{Kind: "ignore-file", Reason: r.Reason, Source: file.Source(r)}
		}
	}
}
