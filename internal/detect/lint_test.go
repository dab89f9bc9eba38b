package detect

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLint(t *testing.T) {
	var got []string
	for _, p := range Lint(txtarFiles(t, "lint.txtar")) {
		got = append(got, p.Kind+" "+p.String())
	}
	want := []string{
		"unused-macro a.yaml:7: macro unused_macro: no rule uses this macro",
		"unknown-field a.yaml:16: rule Uses env: uses fields Ward does not provide: proc.env (the rule is skipped)",
		`target-missing b.yaml:1: macro missing_macro: macro "missing_macro" is appended to, overridden or enabled, but no earlier file or item defines it`,
		`shadowed b.yaml:6: rule Good: this append/override of rule "Good" has no effect: b.yaml:20 defines it again`,
		`shadowed b.yaml:10: rule Good: this replace of "priority" has no effect: b.yaml:15 replaces it again`,
		`shadowed b.yaml:10: rule Good: this append/override of rule "Good" has no effect: b.yaml:20 defines it again`,
		`shadowed b.yaml:15: rule Good: this append/override of rule "Good" has no effect: b.yaml:20 defines it again`,
		`duplicate b.yaml:20: rule Good: rule "Good" is defined again (first at a.yaml:22); the earlier definition is replaced`,
		`duplicate b.yaml:26: list unused_list: list "unused_list" is defined again (first at a.yaml:4); the earlier definition is replaced`,
		"unused-list b.yaml:26: list unused_list: no rule or macro uses this list",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lint (-want +got):\n%s", diff)
	}
}

// TestLintCorpus: the community rules lint without errors; what Lint
// finds there is what Ward cannot evaluate and the hooks nobody uses.
func TestLintCorpus(t *testing.T) {
	kinds := map[string]int{}
	for _, p := range Lint(corpusFiles(t)) {
		kinds[p.Kind]++
		if p.Kind == ProblemError || p.Kind == ProblemTargetMissing {
			t.Errorf("%v", p)
		}
	}
	t.Logf("lint of falcosecurity rules: %v", kinds)
	if kinds[ProblemUnknownField] == 0 {
		t.Error("the corpus uses fields Ward does not provide; lint should name them")
	}
}
