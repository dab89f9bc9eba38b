package report

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/finding"
)

// A secret finding found in git history carries columns and the commit: the
// JSON stays valid against the Ward schema, and SARIF gets the columns.
func TestColumnsAndCommit(t *testing.T) {
	f := finding.Finding{
		CheckID: "WARD-SECRET-0001", Domain: "secret", Severity: finding.SeverityHigh,
		Title: "AWS access key ID", Message: "AWS access key ID AKIA****************",
		Target: "repo", Resource: finding.Resource{Kind: "File", Name: "config/app.env"},
		Location: finding.Location{
			Path: "config/app.env", StartLine: 3, EndLine: 3, StartColumn: 19, EndColumn: 39,
			Commit: &finding.Commit{Hash: "0123456789abcdef0123456789abcdef01234567", Author: "Dev", Email: "dev@example.com", Date: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		},
		Evidence: "AKIA****************",
	}
	f.SetFingerprint()
	rep := &finding.Report{SchemaVersion: finding.SchemaVersion, Tool: finding.Tool{Name: "ward", Version: "dev"},
		CreatedAt: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Targets: []string{"repo"}, Findings: []finding.Finding{f}}
	rep.Summarize()

	js := render(t, FormatJSON, rep, Options{})
	if err := validate(compileSchema(t, reportSchema), js); err != nil {
		t.Fatalf("JSON with columns and commit does not match the schema: %v", err)
	}
	if !strings.Contains(string(js), `"startColumn": 19`) || !strings.Contains(string(js), `"hash": "0123456789abcdef0123456789abcdef01234567"`) {
		t.Errorf("columns or commit missing from JSON:\n%s", js)
	}

	sarif := render(t, FormatSARIF, rep, Options{})
	if err := validate(compileSchema(t, sarifSchema), sarif); err != nil {
		t.Fatalf("SARIF does not match the schema: %v", err)
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region map[string]int `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarif, &doc); err != nil {
		t.Fatal(err)
	}
	reg := doc.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	if reg["startColumn"] != 19 || reg["endColumn"] != 39 || reg["startLine"] != 3 {
		t.Errorf("SARIF region %v, want line 3 columns 19-39", reg)
	}
}
