package report

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
)

const sampleSummary = "Findings: 3 (CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 0, UNKNOWN: 0) · suppressed: 1 · errors: 1"

func TestTableGolden(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		// facts that must hold whatever the golden says
		contains, absent []string
	}{
		{
			name:     "table",
			contains: []string{sampleSummary, "Errors (the scan went on):\n  charts/broken.yaml:7: yaml:", "deploy/app.yaml\n  CRITICAL"},
			absent:   []string{"WARD-K8S-0020", "Suppressed (", "\x1b["},
		},
		{
			name:     "table_suppressed",
			opts:     Options{ShowSuppressed: true},
			contains: []string{sampleSummary, "Suppressed (1):", "suppressed (inline): images are immutable digests here — deploy/app.yaml:29"},
		},
		{
			name:     "table_color",
			opts:     Options{Color: true},
			contains: []string{sampleSummary, severityColor[finding.SeverityCritical] + "CRITICAL" + ansiReset},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, "table", sampleReport(), tt.opts)
			checkGolden(t, tt.name+".golden", got)
			out := string(got)
			lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
			if last := lines[len(lines)-1]; last != sampleSummary {
				t.Errorf("last line = %q, want the summary %q", last, sampleSummary)
			}
			for _, s := range tt.contains {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(out, s) {
					t.Errorf("output has %q:\n%s", s, out)
				}
			}
			if !tt.opts.Color {
				for _, l := range lines {
					if n := utf8.RuneCountInString(l); n > tableWidth {
						t.Errorf("line is %d columns wide, want <= %d: %q", n, tableWidth, l)
					}
				}
			}
		})
	}
}

func TestTable(t *testing.T) {
	live := finding.Finding{
		CheckID:  "WARD-K8S-0003",
		Severity: finding.SeverityUnknown,
		Title:    "Host network",
		Message:  "Host network",
		Target:   "cluster:kind-dev",
		Resource: finding.Resource{Kind: "Pod", Namespace: "kube-system", Name: "proxy"},
		Location: finding.Location{Object: "Pod/kube-system/proxy"},
	}
	tests := []struct {
		name string
		rep  finding.Report
		opts Options
		want string
	}{
		{
			name: "empty",
			want: "No findings.\n\n" +
				"Findings: 0 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0) · suppressed: 0 · errors: 0\n",
		},
		{
			name: "only_suppressed_hidden",
			rep: finding.Report{Findings: []finding.Finding{{
				CheckID: "WARD-X-0001", Title: "t", Severity: finding.SeverityHigh,
				Location:   finding.Location{Path: "a.yaml", StartLine: 1},
				Suppressed: &finding.Suppression{Kind: "ignore-file"},
			}}},
			want: "No findings.\n\n" +
				"Findings: 0 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0) · suppressed: 1 · errors: 0\n",
		},
		{
			name: "live_object_grouped_under_target",
			rep:  finding.Report{Findings: []finding.Finding{live}},
			want: "cluster:kind-dev\n" +
				"  UNKNOWN   WARD-K8S-0003  Host network" + strings.Repeat(" ", 36) + "  Pod/kube-system/proxy\n" +
				"\n" +
				"Findings: 1 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 1) · suppressed: 0 · errors: 0\n",
		},
		{
			name: "error_without_path",
			rep:  finding.Report{Errors: []finding.Error{{Plugin: "policy", Message: "rego:\n  undefined ref"}}},
			want: "No findings.\n\n" +
				"Errors (the scan went on):\n" +
				"  rego: undefined ref [policy]\n" +
				"\n" +
				"Findings: 0 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0) · suppressed: 0 · errors: 1\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(render(t, "table", &tt.rep, tt.opts))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("table (-want +got):\n%s", diff)
			}
		})
	}
}
