package report

import (
	"bytes"
	"encoding/json"

	"github.com/wardsec/ward/internal/finding"
)

// writeJSON writes the report as documented in docs/json-schema.md and
// internal/report/schema/ward-report-1.2.json. Lists are never null.
func writeJSON(b *bytes.Buffer, v view, opts Options) error {
	out := v.rep
	if out.SchemaVersion == "" {
		out.SchemaVersion = finding.SchemaVersion
	}
	if !opts.ShowSuppressed {
		out.Findings = v.active
	}
	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	if out.Errors == nil {
		out.Errors = []finding.Error{}
	}
	if out.NotEvaluated == nil {
		out.NotEvaluated = []finding.NotEvaluated{}
	}
	if out.Targets == nil {
		out.Targets = []string{}
	}
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
