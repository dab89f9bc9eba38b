package secret

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
)

func readTestdata(t testing.TB, name string) (string, []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, b
}

func TestLoadYAML(t *testing.T) {
	p, data := readTestdata(t, "rules.yaml")
	got, err := LoadYAML(p, data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Rule{{
		ID: "ACME-TOKEN-1", Title: "ACME deploy token", Description: "A deploy token for the ACME build service.",
		Remediation: "Revoke the token in the ACME console.", Severity: finding.SeverityCritical,
		Keywords: []string{"acme_dt_"}, Regex: `\b(acme_dt_[A-Za-z0-9]{20})\b`, SecretGroup: 1, Entropy: 3.2,
		Path: `(?i)\.(env|ya?ml)$`,
		Allowlist: Allowlist{Regexes: []string{"0000"}, Stopwords: []string{"@placeholders"},
			Paths: []string{"(?i)examples/"}, RegexTarget: "secret", Condition: "OR"},
		References: []string{"https://acme.invalid/docs/tokens"},
		Tests: RuleTests{Positive: []string{"ACME_TOKEN=acme_dt_Zr4Tq8Wm2Xn6Yb1Vc5Ud"},
			Negative: []string{"ACME_TOKEN=acme_dt_Zr4Tq8Wm2Xn6Yb1Vc5U"}},
		Source: p,
	}, {
		ID: "ACME-NETRC-1", Title: "ACME credentials file", Remediation: "Delete the file.",
		Severity: finding.SeverityLow, Keywords: []string{}, Path: `(^|/)\.acmerc$`,
		Allowlist: Allowlist{RegexTarget: "secret", Condition: "OR"}, Source: p,
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}

	s := newScanner(t, Config{Rules: got})
	tests := []struct{ path, content, want string }{
		{"prod.env", "ACME_TOKEN=acme_dt_Zr4Tq8Wm2Xn6Yb1Vc5Ud", "ACME-TOKEN-1"},
		{"main.go", "ACME_TOKEN=acme_dt_Zr4Tq8Wm2Xn6Yb1Vc5Ud", ""},        // path filter
		{"examples/a.env", "ACME_TOKEN=acme_dt_Zr4Tq8Wm2Xn6Yb1Vc5Ud", ""}, // allowlist path
		{"prod.env", "ACME_TOKEN=acme_dt_Zr4Tq8Wm2XnExampleVc5U", ""},     // @placeholders
		{"prod.env", "ACME_TOKEN=acme_dt_Zr4Tq8Wm2Xn0000Vc5Ud1", ""},      // allowlist regex
		{"home/.acmerc", "anything", "ACME-NETRC-1"},                      // path-only rule
	}
	for _, tt := range tests {
		var ids []string
		for _, m := range scanString(t, s, tt.path, tt.content).Matches {
			ids = append(ids, m.RuleID)
		}
		if got := strings.Join(ids, ","); got != tt.want {
			t.Errorf("%s %q: rules %q, want %q", tt.path, tt.content, got, tt.want)
		}
	}
}

func TestLoadYAMLErrors(t *testing.T) {
	const head = "rules:\n  - id: ACME-X-1\n    title: t\n    severity: HIGH\n"
	tests := []struct {
		name, data string
		line       int
		msg        string
	}{
		{"syntax", "rules:\n  - id: [\n", 2, "did not find"},
		{"unknown_field", head + "    keyword: [x]\n    regex: x\n", 5, "keyword"},
		{"not_a_list", "rules: 3\n", 1, ""},
		{"missing_id", "rules:\n  - title: t\n    severity: HIGH\n", 2, "missing id"},
		{"bad_id", "rules:\n  - id: acme-x\n", 2, "upper-case"},
		{"missing_title", "rules:\n  - id: ACME-X-1\n    severity: HIGH\n", 2, "missing title"},
		{"bad_severity", head[:len(head)-len("    severity: HIGH\n")] + "    severity: urgent\n", 4, "severity"},
		{"unknown_severity", head[:len(head)-len("    severity: HIGH\n")] + "    severity: UNKNOWN\n", 4, "severity"},
		{"upper_keyword", head + "    keywords: [Acme]\n    regex: x\n", 5, "lower-case"},
		{"no_keywords", head + "    regex: x\n", 2, "no keywords"},
		{"no_regex", head + "    keywords: [x]\n", 2, "missing regex"},
		{"bad_regex", head + "    keywords: [x]\n    regex: '(x'\n", 6, "missing closing )"},
		{"bad_group", head + "    keywords: [x]\n    regex: '(x)'\n    secretGroup: 2\n", 7, "secretGroup"},
		{"negative_group", head + "    keywords: [x]\n    regex: '(x)'\n    secretGroup: -1\n", 7, "secretGroup"},
		{"bad_entropy", head + "    keywords: [x]\n    regex: x\n    entropy: 9\n", 7, "entropy"},
		{"bad_path", head + "    keywords: [x]\n    regex: x\n    path: '['\n", 7, "path"},
		{"bad_allowlist", head + "    keywords: [x]\n    regex: x\n    allowlist:\n      regexes: ['(']\n", 8, "allowlist"},
		{"bad_target", head + "    keywords: [x]\n    regex: x\n    allowlist:\n      regexTarget: file\n", 8, "regexTarget"},
		{"duplicate", head + "    keywords: [x]\n    regex: x\n" + strings.TrimPrefix(head, "rules:\n") + "    keywords: [x]\n    regex: x\n", 7, "duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadYAML("r.yaml", []byte(tt.data))
			var pe *limits.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v (%T), want *limits.ParseError", err, err)
			}
			if pe.Path != "r.yaml" || pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("err = %q (line %d), want line %d containing %q", err, pe.Line, tt.line, tt.msg)
			}
		})
	}
	t.Run("too_big", func(t *testing.T) {
		_, err := LoadYAML("r.yaml", make([]byte, MaxRuleFileSize+1))
		var le *limits.LimitError
		if !errors.As(err, &le) {
			t.Errorf("err = %v, want *limits.LimitError", err)
		}
	})
	t.Run("empty", func(t *testing.T) {
		if rules, err := LoadYAML("r.yaml", []byte("# nothing\n")); err != nil || len(rules) != 0 {
			t.Errorf("rules=%v err=%v", rules, err)
		}
	})
}

func TestLoadGitleaksTOML(t *testing.T) {
	p, data := readTestdata(t, "gitleaks.toml")
	got, err := LoadGitleaksTOML(p, data)
	if err != nil {
		t.Fatal(err)
	}
	global := Allowlist{Paths: []string{`(^|/)vendor/`}, Stopwords: []string{"notasecret"}, RegexTarget: "secret", Condition: "OR"}
	targeted := Allowlist{Regexes: []string{`^gzk-0{16}$`}, RegexTarget: "secret", Condition: "OR"}
	base := Rule{Remediation: gitleaksRemediation, Severity: finding.SeverityMedium, Source: p,
		Allowlist: Allowlist{RegexTarget: "secret", Condition: "OR"}}
	with := func(r Rule) Rule {
		r.Remediation, r.Severity, r.Source = base.Remediation, base.Severity, base.Source
		if r.Allowlist.RegexTarget == "" {
			r.Allowlist = base.Allowlist
		}
		return r
	}
	want := []Rule{
		with(Rule{ID: "widget-api-token", Title: "Widget API token", Description: "Widget API token",
			Regex: `(?i)widget[_-]?token\s*[:=]\s*['"]?(wdg_[a-z0-9]{20})`, SecretGroup: 1, Entropy: 3,
			Keywords: []string{"widget", "wdg_"},
			Allowlist: Allowlist{Regexes: []string{`wdg_0{20}`}, Stopwords: []string{"sandbox"},
				RegexTarget: "secret", Condition: "OR"},
			Allowlists: []Allowlist{global}}),
		with(Rule{ID: "gizmo-key", Title: "Gizmo key", Description: "Gizmo key",
			Regex: `\b(gzk-[0-9a-f]{16})\b`, SecretGroup: SecretGroupFirst, Keywords: []string{"gzk-"},
			Allowlists: []Allowlist{
				{Paths: []string{`\.md$`}, Regexes: []string{`#\s*docs`}, RegexTarget: "line", Condition: "AND"},
				{Regexes: []string{`^gzk-dead`}, RegexTarget: "match", Condition: "OR"},
				global, targeted,
			}}),
		with(Rule{ID: "gadget-secret", Title: "Gadget secret in a config file", Description: "Gadget secret in a config file",
			Regex: `gadget_secret=(\S{12,})`, SecretGroup: SecretGroupFirst, Path: `(?i)\.(ini|cfg)$`,
			Keywords: []string{"gadget_secret"}, Allowlists: []Allowlist{global}}),
		with(Rule{ID: "keystore-file", Title: "Java key store", Description: "Java key store",
			SecretGroup: SecretGroupFirst, Path: `\.jks$`, Allowlists: []Allowlist{global}}),
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}

	s := newScanner(t, Config{Rules: got})
	tests := []struct {
		name, path, content string
		want                []string
	}{
		{"secret_group", "a.go", `WIDGET_TOKEN = "wdg_q8m2x7k4p9r3t6w1z5n0"`, []string{"widget-api-token"}},
		{"rule_allowlist_regex", "a.go", `widget_token: wdg_00000000000000000000`, nil},
		{"rule_stopword", "a.go", `widget-token=wdg_sandboxq8m2x7k4p9r3`, nil},
		{"low_entropy", "a.go", `widgettoken=wdg_ababababababababab12`, nil},
		{"global_path", "vendor/x/a.go", `widgettoken=wdg_q8m2x7k4p9r3t6w1z5n0`, nil},
		{"global_stopword", "a.ini", `gadget_secret=notasecret-really`, nil},
		{"first_group_default", "a.go", `gzk-0123456789abcdef`, []string{"gizmo-key"}},
		{"targeted_global", "a.go", `gzk-0000000000000000`, nil},
		{"and_allowlist_both", "README.md", `gzk-0123456789abcdef # docs`, nil},
		{"and_allowlist_path_only", "README.md", `gzk-0123456789abcdef`, []string{"gizmo-key"}},
		{"and_allowlist_line_only", "a.go", `gzk-0123456789abcdef # docs`, []string{"gizmo-key"}},
		{"match_target", "a.go", `gzk-dead456789abcdef`, nil},
		{"path_filter_in", "app.cfg", `gadget_secret=Zr4Tq8Wm2Xn6`, []string{"gadget-secret"}},
		{"path_filter_out", "app.txt", `gadget_secret=Zr4Tq8Wm2Xn6`, nil},
		{"path_only", "keys/store.jks", "\x00\x01binary", []string{"keystore-file"}},
		{"gitleaks_allow", "a.go", `gzk-0123456789abcdef // gitleaks:allow`, []string{"gizmo-key (ignored)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			for _, m := range scanString(t, s, tt.path, tt.content).Matches {
				id := m.RuleID
				if m.Ignored {
					id += " (ignored)"
				}
				ids = append(ids, id)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadGitleaksTOMLExtend(t *testing.T) {
	builtin, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	p, data := readTestdata(t, "gitleaks_extend.toml")
	got, err := LoadGitleaksTOML(p, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(builtin)+1 {
		t.Fatalf("got %d rules, want %d built-in + 1", len(got), len(builtin))
	}
	for i, r := range got[:len(builtin)] {
		if r.ID != builtin[i].ID {
			t.Fatalf("rule %d = %q, want built-in %q", i, r.ID, builtin[i].ID)
		}
		if len(r.Allowlists) != 1 || !slices.Equal(r.Allowlists[0].Paths, []string{`(^|/)testdata/`}) {
			t.Errorf("%s: global allowlist not applied: %+v", r.ID, r.Allowlists)
		}
	}
	if got[len(got)-1].ID != "gizmo-key" {
		t.Errorf("last rule %q, want gizmo-key", got[len(got)-1].ID)
	}
	if _, err := New(Config{Rules: got}); err != nil {
		t.Fatal(err)
	}

	// disabledRules removes a default.
	first := builtin[0].ID
	got, err = LoadGitleaksTOML("x.toml", []byte("[extend]\nuseDefault = true\ndisabledRules = [\""+first+"\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(builtin)-1 || slices.ContainsFunc(got, func(r Rule) bool { return r.ID == first }) {
		t.Errorf("disabledRules: %d rules", len(got))
	}
}

func TestLoadGitleaksTOMLErrors(t *testing.T) {
	tests := []struct {
		name, data string
		line       int
		msg        string
	}{
		{"syntax", "title = \"x\"\n[[rules]\nid = 1\n", 3, "delimiter"},
		{"type", "[[rules]]\nid = 3\n", 2, "incompatible types"},
		{"missing_id", "[[rules]]\nregex = 'x'\n", 0, "missing id"},
		{"bad_regex", "[[rules]]\nid = 'my-rule'\nregex = '(x'\n", 0, `"my-rule"`},
		{"no_regex_or_path", "[[rules]]\nid = 'my-rule'\n", 0, "missing regex"},
		{"bad_group", "[[rules]]\nid = 'my-rule'\nregex = 'x'\nsecretGroup = 3\n", 0, "secretGroup"},
		{"duplicate", "[[rules]]\nid = 'a'\nregex = 'x'\n[[rules]]\nid = 'a'\nregex = 'y'\n", 0, "duplicate"},
		{"extend_path", "[extend]\npath = 'base.toml'\n", 0, "not supported"},
		{"bad_condition", "[[rules]]\nid = 'a'\nregex = 'x'\n[[rules.allowlists]]\ncondition = 'XOR'\nregexes = ['y']\n", 0, "condition"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadGitleaksTOML("g.toml", []byte(tt.data))
			var pe *limits.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v (%T), want *limits.ParseError", err, err)
			}
			if pe.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %q (line %d), want line %d containing %q", err, pe.Line, tt.line, tt.msg)
			}
		})
	}
}
