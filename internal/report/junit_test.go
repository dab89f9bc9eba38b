package report

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
)

func TestJUnitGolden(t *testing.T) {
	got := render(t, "junit", sampleReport(), Options{})
	checkGolden(t, "junit.golden.xml", got)

	var doc junitSuites
	if err := xml.Unmarshal(got, &doc); err != nil {
		t.Fatalf("output is not XML: %v", err)
	}
	type counts struct {
		Name                                    string
		Tests, Failures, Errors, Skipped, Cases int
	}
	var suites []counts
	for _, s := range doc.Suites {
		suites = append(suites, counts{s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases)})
	}
	want := []counts{
		{"build/Dockerfile", 1, 1, 0, 0, 1},
		{"deploy/app.yaml", 3, 2, 0, 1, 3},
		{"ward", 1, 0, 1, 0, 1},
	}
	if diff := cmp.Diff(want, suites); diff != "" {
		t.Errorf("suites (-want +got):\n%s", diff)
	}
	total := counts{doc.Name, doc.Tests, doc.Failures, doc.Errors, doc.Skipped, 0}
	if diff := cmp.Diff(counts{"ward", 5, 3, 1, 1, 0}, total); diff != "" {
		t.Errorf("testsuites totals (-want +got):\n%s", diff)
	}
	app := doc.Suites[1]
	first := app.Cases[0]
	if first.ClassName != "WARD-K8S-0001" || first.Failure == nil || first.Failure.Type != "CRITICAL" {
		t.Errorf("first case = %+v, want a CRITICAL failure of WARD-K8S-0001", first)
	}
	for _, s := range []string{"Location: deploy/app.yaml:12-20 (Deployment/prod/web)", "Remediation: Remove securityContext.privileged"} {
		if !strings.Contains(first.Failure.Text, s) {
			t.Errorf("failure text lacks %q:\n%s", s, first.Failure.Text)
		}
	}
	if sk := app.Cases[2].Skipped; sk == nil || sk.Message != "suppressed: images are immutable digests here" {
		t.Errorf("suppressed case = %+v", app.Cases[2])
	}
}

func TestJUnitEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		rep  finding.Report
		want junitSuites
	}{
		{
			name: "empty",
			want: junitSuites{XMLName: xml.Name{Local: "testsuites"}, Name: "ward"},
		},
		{
			name: "hostile_text_and_no_path",
			rep: finding.Report{
				Findings: []finding.Finding{
					{
						CheckID: "WARD-X-0001", Severity: finding.SeverityHigh, Title: `<script>"&'`,
						Message: "bad\x00byte ]]> end\nsecond line", Target: "cluster:dev",
					},
					{
						CheckID: "WARD-X-0002", Title: "t", Target: "cluster:dev",
						Suppressed: &finding.Suppression{Kind: "annotation"},
					},
				},
				Errors: []finding.Error{{Message: "boom"}},
			},
			want: junitSuites{
				XMLName: xml.Name{Local: "testsuites"}, Name: "ward", Tests: 3, Failures: 1, Errors: 1, Skipped: 1,
				Suites: []junitSuite{
					{Name: "cluster:dev", Tests: 2, Failures: 1, Skipped: 1, Cases: []junitCase{
						{
							ClassName: "WARD-X-0001", Name: `<script>"&'`,
							Failure: &junitProblem{
								Message: "bad\uFFFDbyte ]]> end second line", Type: "HIGH",
								Text: "bad\uFFFDbyte ]]> end\nsecond line",
							},
						},
						{
							ClassName: "WARD-X-0002", Name: "t",
							Skipped: &junitSkipped{Message: "suppressed: annotation"},
						},
					}},
					{Name: "ward", Tests: 1, Errors: 1, Cases: []junitCase{{
						ClassName: "ward", Name: "scan",
						Error: &junitProblem{Message: "boom", Type: "scan-error", Text: "boom"},
					}}},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, "junit", &tt.rep, Options{})
			var got junitSuites
			if err := xml.Unmarshal(out, &got); err != nil {
				t.Fatalf("output is not XML: %v\n%s", err, out)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parsed JUnit (-want +got):\n%s", diff)
			}
		})
	}
}
