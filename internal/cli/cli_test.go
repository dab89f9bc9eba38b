package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/finding"
)

const privileged = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: team
spec:
  containers:
    - name: c
      image: nginx:1.27.0
      securityContext:
        privileged: true
`

func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	wd, _ := os.Getwd()
	if dir != "" {
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		defer os.Chdir(wd)
	}
	code := Execute(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func decode(t *testing.T, s string) finding.Report {
	t.Helper()
	var r finding.Report
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return r
}

func ids(r finding.Report) map[string]bool {
	m := map[string]bool{}
	for _, f := range r.Findings {
		m[f.CheckID] = true
	}
	return m
}

func TestExitCodeAndSeverityFilter(t *testing.T) {
	dir := tree(t, map[string]string{"pod.yaml": privileged})
	code, out, _ := run(t, dir, "config", "--format", "json", "--exit-code", "3", ".")
	if code != 3 {
		t.Fatalf("exit code %d, want 3 (findings remain)", code)
	}
	r := decode(t, out)
	if !ids(r)["WARD-K8S-0001"] {
		t.Fatalf("privileged finding missing: %v", ids(r))
	}
	// Only CRITICAL: the privileged finding (HIGH) is filtered out.
	code, out, _ = run(t, dir, "config", "-f", "json", "--severity", "CRITICAL", "--exit-code", "3", "--skip-check", "WARD-K8S-0001", ".")
	r = decode(t, out)
	for _, f := range r.Findings {
		if f.Severity != finding.SeverityCritical {
			t.Errorf("severity filter let %s through", f.Severity)
		}
	}
	if code != 0 && len(r.Findings) == 0 {
		t.Errorf("exit code %d with no remaining findings", code)
	}
	// A single severity means that level and above.
	_, out, _ = run(t, dir, "config", "-f", "json", "--severity", "HIGH", ".")
	r = decode(t, out)
	if !ids(r)["WARD-K8S-0001"] {
		t.Error("--severity HIGH dropped a HIGH finding")
	}
	for _, f := range r.Findings {
		if f.Severity < finding.SeverityHigh {
			t.Errorf("--severity HIGH let %s through", f.Severity)
		}
	}
}

func TestConfigFileAndEnv(t *testing.T) {
	dir := tree(t, map[string]string{
		"pod.yaml":  privileged,
		"ward.yaml": "format: json\nskip-check:\n  - WARD-K8S-0001\n",
	})
	_, out, stderr := run(t, dir, "config", ".")
	r := decode(t, out+stderr[:0])
	if ids(r)["WARD-K8S-0001"] {
		t.Error("ward.yaml skip-check ignored")
	}
	t.Setenv("WARD_SKIP_CHECK", "")
	t.Setenv("WARD_FORMAT", "sarif")
	_, out, _ = run(t, dir, "config", ".")
	if !strings.Contains(out, `"version": "2.1.0"`) {
		t.Errorf("WARD_FORMAT=sarif ignored: %.200s", out)
	}
	// The flag beats env and file.
	_, out, _ = run(t, dir, "config", "--format", "json", "--skip-check", "NONE-1", ".")
	r = decode(t, out)
	if !ids(r)["WARD-K8S-0001"] {
		t.Error("--skip-check flag should override ward.yaml")
	}
	bad := tree(t, map[string]string{"pod.yaml": privileged, "ward.yaml": "formatt: json\n"})
	code, _, stderr := run(t, bad, "config", ".")
	if code != 2 || !strings.Contains(stderr, `unknown key "formatt"`) {
		t.Errorf("unknown config key: code %d, stderr %q", code, stderr)
	}
}

func TestOutputFileAndShowSuppressed(t *testing.T) {
	dir := tree(t, map[string]string{
		"pod.yaml":    privileged,
		".wardignore": "- id: WARD-K8S-0001\n  reason: accepted\n",
	})
	code, _, _ := run(t, dir, "config", "-f", "json", "-o", "out/report.json", ".")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out/report.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := decode(t, string(b))
	if ids(r)["WARD-K8S-0001"] || r.Summary.Suppressed == 0 {
		t.Errorf("suppressed finding listed or not counted: %v, suppressed=%d", ids(r), r.Summary.Suppressed)
	}
	_, out, _ := run(t, dir, "config", "-f", "json", "--show-suppressed", ".")
	r = decode(t, out)
	found := false
	for _, f := range r.Findings {
		if f.CheckID == "WARD-K8S-0001" && f.Suppressed != nil && f.Suppressed.Reason == "accepted" {
			found = true
		}
	}
	if !found {
		t.Error("--show-suppressed did not list the suppressed finding with its reason")
	}
}

func TestCustomPolicyAndCheckCommands(t *testing.T) {
	pol := `# METADATA
# title: Team label required
# description: Every object needs a team label.
# custom:
#   id: ACME-K8S-0001
#   severity: LOW
#   remediation: Add metadata.labels.team.
#   input:
#     type: kubernetes
package acme.team_label

import rego.v1

deny contains {"msg": sprintf("%s %s has no team label", [input.kind, input.metadata.name]), "path": ["metadata"]} if {
	not input.metadata.labels.team
}
`
	test := `package acme.team_label_test

import rego.v1
import data.acme.team_label

test_missing if {
	count(team_label.deny) == 1 with input as {"kind": "Pod", "metadata": {"name": "x"}}
}

test_present if {
	count(team_label.deny) == 0 with input as {"kind": "Pod", "metadata": {"name": "x", "labels": {"team": "a"}}}
}
`
	dir := tree(t, map[string]string{"pod.yaml": privileged, "policies/team.rego": pol, "policies/team_test.rego": test})
	_, out, _ := run(t, dir, "config", "-f", "json", "--policy", "policies", ".")
	r := decode(t, out)
	if !ids(r)["ACME-K8S-0001"] {
		t.Fatalf("custom check did not run: %v", ids(r))
	}
	for _, f := range r.Findings {
		if f.CheckID == "ACME-K8S-0001" && f.Location.StartLine != 3 {
			t.Errorf("custom finding at line %d, want 3 (metadata)", f.Location.StartLine)
		}
	}
	code, out, _ := run(t, dir, "check", "test", "policies")
	if code != 0 || !strings.Contains(out, "2 passed, 0 failed") {
		t.Errorf("check test: code %d, out %q", code, out)
	}
	failing := tree(t, map[string]string{"p/a_test.rego": "package a_test\n\nimport rego.v1\n\ntest_x if 1 == 2\n"})
	code, out, _ = run(t, failing, "check", "test", "p")
	if code != 1 || !strings.Contains(out, "FAIL a_test.test_x") {
		t.Errorf("failing rego test: code %d, out %q", code, out)
	}
	code, out, _ = run(t, dir, "check", "list", "--policy", "policies", "--domain", "k8s")
	if code != 0 || !strings.Contains(out, "ACME-K8S-0001") || !strings.Contains(out, "WARD-K8S-0001") {
		t.Errorf("check list: code %d, %q", code, out)
	}
	code, out, _ = run(t, "", "check", "list", "--domain", "docker")
	if code != 0 || strings.Contains(out, "WARD-K8S-") || !strings.Contains(out, "WARD-DOCKER-0001") {
		t.Errorf("check list --domain docker: %q", out)
	}
	code, out, _ = run(t, "", "check", "list", "--domain", "secret")
	if code != 0 || !strings.Contains(out, "WARD-SECRET-0001") || strings.Contains(out, "WARD-K8S-") {
		t.Errorf("check list --domain secret: %q", out)
	}
	code, out, _ = run(t, "", "check", "show", "WARD-SECRET-0001")
	if code != 0 || !strings.Contains(out, "AWS access key ID") {
		t.Errorf("check show of a secret rule: %q", out)
	}
	code, out, _ = run(t, "", "check", "show", "WARD-K8S-0001")
	if code != 0 || !strings.Contains(out, "Privileged container") || !strings.Contains(out, "Remediation:") {
		t.Errorf("check show: %q", out)
	}
	code, _, stderr := run(t, "", "check", "show", "WARD-NOPE-0000")
	if code != 2 || !strings.Contains(stderr, "no check") {
		t.Errorf("unknown check: code %d, %q", code, stderr)
	}
	broken := tree(t, map[string]string{"p/b.rego": "package b\n\ndeny contains msg if {\n  msg := input.x +\n}\n"})
	code, _, stderr = run(t, broken, "config", "--policy", "p", ".")
	if code != 2 || !strings.Contains(stderr, "p/b.rego:") {
		t.Errorf("broken policy should fail with file:line: code %d, %q", code, stderr)
	}
}

func TestVersionAndBadFlags(t *testing.T) {
	code, out, _ := run(t, "", "version")
	if code != 0 || !strings.Contains(out, "Version:") {
		t.Errorf("version: %d %q", code, out)
	}
	code, _, stderr := run(t, "", "config", "--format", "xml", ".")
	if code != 2 || !strings.Contains(stderr, "want one of") {
		t.Errorf("bad format: %d %q", code, stderr)
	}
	code, _, stderr = run(t, "", "config", "/does/not/exist")
	if code != 2 || !strings.Contains(stderr, "no such file") {
		t.Errorf("missing target: %d %q", code, stderr)
	}
}
