package respond

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
)

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name string
		file string // testdata file; or
		in   string
		want Config
	}{
		{
			name: "full",
			file: "full.yaml",
			want: Config{
				Rules: map[string][]Action{
					"WARD-RT-0001":                {Kill, Isolate},
					"Terminal shell in container": {Isolate, Webhook},
					"*":                           {Webhook},
				},
				MinSeverity: finding.SeverityHigh,
				WebhookURL:  "https://hooks.example.com/ward?token=s3cret",
			},
		},
		{
			name: "scalar_actions",
			file: "minimal.yaml",
			want: Config{Rules: map[string][]Action{"WARD-RT-0042": {Kill}}},
		},
		{name: "comment_only", file: "empty.yaml", want: Config{}},
		{name: "empty", in: "", want: Config{}},
		{name: "null_document", in: "~\n", want: Config{}},
		{
			name: "actions_case_and_duplicates_folded",
			in:   "rules:\n  - match: x\n    actions: [KILL, kill, Isolate]\n",
			want: Config{Rules: map[string][]Action{"x": {Kill, Isolate}}},
		},
		{
			name: "severity_any_case",
			in:   "minSeverity: Critical\n",
			want: Config{MinSeverity: finding.SeverityCritical},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			if tt.file != "" {
				var err error
				if in, err = os.ReadFile("testdata/" + tt.file); err != nil {
					t.Fatal(err)
				}
			}
			got, err := LoadConfig(bytes.NewReader(in))
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
			if _, err := New(got); err != nil {
				t.Errorf("New rejects a loaded config: %v", err)
			}
		})
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		in       string
		wantLine int    // ParseError line; 0 for a LimitError
		wantMsg  string // substring of the error
	}{
		{name: "unknown_action", file: "bad_action.yaml", wantLine: 3, wantMsg: `unknown action "reboot"`},
		{name: "alias", file: "alias.yaml", wantLine: 4, wantMsg: "aliases are not allowed"},
		{name: "unknown_top_key", in: "rules: []\nhooks: x\n", wantLine: 2, wantMsg: `unknown key "hooks"`},
		{name: "unknown_rule_key", in: "rules:\n  - match: x\n    action: [kill]\n", wantLine: 3, wantMsg: `unknown rule key "action"`},
		{name: "rule_without_match", in: "rules:\n  - actions: [kill]\n", wantLine: 2, wantMsg: "rule has no match"},
		{name: "rule_without_actions", in: "rules:\n  - match: x\n", wantLine: 2, wantMsg: `rule "x" has no actions`},
		{name: "empty_actions", in: "rules:\n  - match: x\n    actions: []\n", wantLine: 2, wantMsg: `rule "x" has no actions`},
		{name: "empty_match", in: "rules:\n  - match: ' '\n    actions: [kill]\n", wantLine: 2, wantMsg: "match is empty"},
		{name: "duplicate_match", in: "rules:\n  - match: x\n    actions: [kill]\n  - match: x\n    actions: [isolate]\n", wantLine: 4, wantMsg: `rule "x" is already defined at line 2`},
		{name: "duplicate_key", in: "minSeverity: low\nminSeverity: high\n", wantLine: 2, wantMsg: `duplicate key "minSeverity"`},
		{name: "rules_not_a_list", in: "rules: {match: x}\n", wantLine: 1, wantMsg: "rules must be a list"},
		{name: "rule_not_a_mapping", in: "rules: [kill]\n", wantLine: 1, wantMsg: "a rule must be a mapping"},
		{name: "action_not_a_string", in: "rules:\n  - match: x\n    actions: [[kill]]\n", wantLine: 3, wantMsg: "action must be a string"},
		{name: "bad_severity", in: "minSeverity: severe\n", wantLine: 1, wantMsg: `unknown severity "severe"`},
		{name: "webhook_not_http", in: "webhook: ftp://example.com/x\n", wantLine: 1, wantMsg: "must be http or https"},
		{name: "webhook_no_host", in: "webhook: https:///x\n", wantLine: 1, wantMsg: "has no host"},
		{name: "webhook_action_without_url", in: "rules:\n  - match: '*'\n    actions: [webhook]\n", wantLine: 1, wantMsg: "no webhook URL"},
		{name: "not_a_mapping", in: "- kill\n", wantLine: 1, wantMsg: "is a mapping"},
		{name: "two_documents", in: "rules: []\n---\nrules: []\n", wantLine: 2, wantMsg: "more than one YAML document"},
		{name: "syntax", in: "rules: [\n", wantMsg: "did not find expected node content"},
		{name: "binary", in: "rules: \x00\n", wantMsg: "binary content"},
		{name: "too_deep", in: strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", wantMsg: "nesting depth"},
		{name: "too_big", in: "# " + strings.Repeat("x", MaxConfigSize) + "\n", wantMsg: "size of response config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			if tt.file != "" {
				var err error
				if in, err = os.ReadFile("testdata/" + tt.file); err != nil {
					t.Fatal(err)
				}
			}
			_, err := LoadConfig(bytes.NewReader(in))
			if err == nil {
				t.Fatal("LoadConfig succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not contain %q", err, tt.wantMsg)
			}
			var pe *limits.ParseError
			var le *limits.LimitError
			switch {
			case errors.As(err, &pe):
				if tt.wantLine != 0 && pe.Line != tt.wantLine {
					t.Errorf("error line = %d, want %d (%v)", pe.Line, tt.wantLine, err)
				}
			case errors.As(err, &le):
				if tt.wantLine != 0 {
					t.Errorf("got a LimitError (%v), want a ParseError at line %d", err, tt.wantLine)
				}
			default:
				t.Errorf("error %T (%v) is neither *limits.ParseError nor *limits.LimitError", err, err)
			}
		})
	}
}

// TestLoadConfigRuleCountLimit proves the rule limit is enforced on a file
// that is otherwise valid and under the size limit.
func TestLoadConfigRuleCountLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("rules:\n")
	for range MaxRules + 1 {
		b.WriteString("- {match: a, actions: [kill]}\n")
	}
	if b.Len() > MaxConfigSize {
		t.Fatalf("fixture is %d bytes, over the size limit: it would not test the rule limit", b.Len())
	}
	_, err := LoadConfig(strings.NewReader(b.String()))
	var le *limits.LimitError
	if !errors.As(err, &le) || le.Limit != MaxRules {
		t.Fatalf("error = %v, want a LimitError on %d rules", err, MaxRules)
	}
}

func TestNewValidates(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{name: "zero", cfg: Config{}},
		{name: "unknown_action", cfg: Config{Rules: map[string][]Action{"x": {"reboot"}}}, wantErr: `unknown action "reboot"`},
		{name: "empty_match", cfg: Config{Rules: map[string][]Action{"": {Kill}}}, wantErr: "empty match"},
		{name: "webhook_without_url", cfg: Config{Rules: map[string][]Action{"*": {Webhook}}}, wantErr: "no webhook URL"},
		{name: "bad_url", cfg: Config{WebhookURL: "localhost:80"}, wantErr: "http or https"},
		{name: "severity_out_of_range", cfg: Config{MinSeverity: 9}, wantErr: "out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if (tt.wantErr == "") != (err == nil) || !strings.Contains(got, tt.wantErr) {
				t.Fatalf("New error = %q, want containing %q", got, tt.wantErr)
			}
		})
	}
}
