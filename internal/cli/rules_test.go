package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesLint(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte(`
- macro: unused_macro
  condition: proc.name = x
- rule: Reads with an unknown field
  desc: d
  condition: evt.type = openat and fd.nonexistentfield = 1
  output: o
  priority: WARNING
- rule: Ghost
  condition: and proc.name = y
  override:
    condition: append
`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "", "rules", "lint", "-f", "json", bad)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (problems found): %s", code, stderr)
	}
	var problems []struct{ Kind, Item string }
	if err := json.Unmarshal([]byte(stdout), &problems); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	kinds := map[string]bool{}
	for _, p := range problems {
		kinds[p.Kind] = true
	}
	for _, want := range []string{"unknown-field", "unused-macro", "target-missing"} {
		if !kinds[want] {
			t.Errorf("no %s problem in %+v", want, problems)
		}
	}
	// The built-in rules lint clean.
	if code, stdout, _ := run(t, "", "rules", "lint"); code != 0 {
		t.Errorf("built-in rules: exit %d\n%s", code, stdout)
	}
}

func TestRulesList(t *testing.T) {
	code, stdout, stderr := run(t, "", "rules", "list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "active") || !strings.Contains(stdout, "0 with errors") {
		t.Errorf("built-in rules listing:\n%s", stdout)
	}
	if code, _, stderr := run(t, "", "rules", "list", "--no-default-rules"); code != 2 || !strings.Contains(stderr, "needs rule files") {
		t.Errorf("--no-default-rules without files: exit %d %q", code, stderr)
	}
}

func TestAgentProfilesExport(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "", "agent", "profiles", "--profile-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Version  int
		Profiles []json.RawMessage
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || doc.Version != 1 || len(doc.Profiles) != 0 {
		t.Errorf("export of an empty directory: %v %q", err, stdout)
	}
	if code, _, stderr := run(t, "", "agent", "profiles", "--profile-dir", filepath.Join(dir, "missing")); code != 2 || !strings.Contains(stderr, "--profile-dir") {
		t.Errorf("missing dir: exit %d %q", code, stderr)
	}
}
