package finding

import "time"

// SchemaVersion is the version of the JSON report schema (docs/json-schema.md).
// Bump the minor number for additive changes, the major for breaking ones.
const SchemaVersion = "1.2"

// Report is the whole result of one scan, as every reporter receives it.
type Report struct {
	SchemaVersion string    `json:"schemaVersion"`
	Tool          Tool      `json:"tool"`
	CreatedAt     time.Time `json:"createdAt"`
	// Targets are the paths (or references) the user asked to scan.
	Targets  []string  `json:"targets"`
	Findings []Finding `json:"findings"`
	// NotEvaluated are checks that could not decide on a resource because
	// a value was unknown before apply (schema 1.2).
	NotEvaluated []NotEvaluated `json:"notEvaluated"`
	// Errors are per-file and per-check problems; the scan went on.
	Errors  []Error `json:"errors"`
	Summary Summary `json:"summary"`
	// Checks is the number of checks evaluated and the files scanned.
	ChecksRun    int `json:"checksRun"`
	FilesScanned int `json:"filesScanned"`
}

// NewReport starts an empty report of one scan by Ward.
func NewReport(toolVersion string, createdAt time.Time, targets []string, checksRun int) *Report {
	return &Report{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: "ward", Version: toolVersion},
		CreatedAt:     createdAt.UTC(),
		Targets:       targets,
		Findings:      []Finding{},
		Errors:        []Error{},
		NotEvaluated:  []NotEvaluated{},
		ChecksRun:     checksRun,
	}
}

// Tool names the producer.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts findings that remain (not suppressed) by severity, and the
// suppressed ones separately.
type Summary struct {
	Critical   int `json:"critical"`
	High       int `json:"high"`
	Medium     int `json:"medium"`
	Low        int `json:"low"`
	Unknown    int `json:"unknown"`
	Suppressed int `json:"suppressed"`
	Errors     int `json:"errors"`
	// NotEvaluated counts checks that could not decide (schema 1.2).
	NotEvaluated int `json:"notEvaluated"`
}

// Total is the number of findings that were not suppressed.
func (s Summary) Total() int { return s.Critical + s.High + s.Medium + s.Low + s.Unknown }

// Summarize recomputes r.Summary from r.Findings and r.Errors.
func (r *Report) Summarize() {
	var s Summary
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			s.Suppressed++
			continue
		}
		switch f.Severity {
		case SeverityCritical:
			s.Critical++
		case SeverityHigh:
			s.High++
		case SeverityMedium:
			s.Medium++
		case SeverityLow:
			s.Low++
		default:
			s.Unknown++
		}
	}
	s.Errors = len(r.Errors)
	s.NotEvaluated = len(r.NotEvaluated)
	r.Summary = s
}

// Active returns the findings that were not suppressed.
func (r *Report) Active() []Finding {
	out := make([]Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if f.Suppressed == nil {
			out = append(out, f)
		}
	}
	return out
}
