package secret

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/finding"
)

// TestBuiltinRules is the runner for every built-in rule (checks/secret/*.yaml):
// metadata, keywords, and each rule's own positive and negative samples.
func TestBuiltinRules(t *testing.T) {
	rules, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal("no built-in secret rules")
	}
	// All rules together must compile (unique IDs, good regexes).
	all := newScanner(t, Config{Rules: rules})
	idRe := regexp.MustCompile(`^WARD-SECRET-[0-9]{4}$`)
	for _, r := range rules {
		t.Run(r.ID, func(t *testing.T) {
			checkMetadata(t, r, idRe)
			// The rule alone, its path filter lifted so that samples (which
			// carry no path) reach the regex.
			solo := r
			solo.Path = ""
			if solo.Regex == "" {
				t.Skip("path-only rule: no content samples")
			}
			if r.Path != "" {
				// Tests that plant samples in files need a file name the
				// rule accepts.
				if r.Tests.Path == "" {
					t.Errorf("rule has a path filter but no testPath")
				} else if !regexp.MustCompile(r.Path).MatchString(r.Tests.Path) {
					t.Errorf("testPath %q does not match the rule's path %q", r.Tests.Path, r.Path)
				}
			}
			s := newScanner(t, Config{Rules: []Rule{solo}})
			for i, sample := range r.Tests.Positive {
				if !containsKeyword(sample, r.Keywords) && len(r.Keywords) > 0 {
					t.Errorf("positive %d %q holds none of the keywords %q", i, sample, r.Keywords)
				}
				if n := countRule(t, s, r.ID, sample); n != 1 {
					t.Errorf("positive %d %q: %d matches, want exactly 1", i, sample, n)
				}
				// With every other rule loaded the count must not change.
				if n := countRule(t, all, r.ID, sample); n != 1 && r.Path == "" {
					t.Errorf("positive %d %q among all rules: %d matches, want exactly 1", i, sample, n)
				}
			}
			for i, sample := range r.Tests.Negative {
				if n := countRule(t, s, r.ID, sample); n != 0 {
					t.Errorf("negative %d %q: %d matches, want none", i, sample, n)
				}
			}
		})
	}
}

func checkMetadata(t *testing.T, r Rule, idRe *regexp.Regexp) {
	t.Helper()
	if !idRe.MatchString(r.ID) {
		t.Errorf("ID %q does not match %s", r.ID, idRe)
	}
	if strings.TrimSpace(r.Title) == "" {
		t.Error("missing title")
	}
	if r.Severity < finding.SeverityLow || r.Severity > finding.SeverityCritical {
		t.Errorf("severity %v", r.Severity)
	}
	if strings.TrimSpace(r.Remediation) == "" {
		t.Error("missing remediation")
	}
	if len(r.Keywords) == 0 && r.Path == "" {
		t.Error("no keywords")
	}
	for _, k := range r.Keywords {
		if k != strings.ToLower(k) || strings.TrimSpace(k) == "" {
			t.Errorf("keyword %q is not lower-case", k)
		}
	}
	if r.Regex != "" && (len(r.Tests.Positive) == 0 || len(r.Tests.Negative) == 0) {
		t.Errorf("needs at least one positive and one negative sample (have %d, %d)",
			len(r.Tests.Positive), len(r.Tests.Negative))
	}
}

func containsKeyword(sample string, keywords []string) bool {
	l := strings.ToLower(sample)
	for _, k := range keywords {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

func countRule(t *testing.T, s *Scanner, id, sample string) int {
	t.Helper()
	res, err := s.Scan(context.Background(), "sample.txt", strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if res.Binary {
		t.Errorf("sample %q looks binary", sample)
	}
	n := 0
	for _, m := range res.Matches {
		if m.RuleID == id {
			n++
		}
	}
	return n
}

func TestBuiltinRuleIDsUnique(t *testing.T) {
	rules, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, r := range rules {
		if prev, ok := seen[r.ID]; ok {
			t.Errorf("%s in %s and %s", r.ID, prev, r.Source)
		}
		seen[r.ID] = r.Source
	}
}
