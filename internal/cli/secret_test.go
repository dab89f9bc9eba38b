package cli

import (
	"os/exec"
	"strings"
	"testing"
)

const awsKey = "AKIAZ3MSJV4WWNKWW5FG"

func TestSecretCommand(t *testing.T) {
	dir := tree(t, map[string]string{
		"app/.env":      "DEBUG=1\nAWS_ACCESS_KEY_ID=" + awsKey + "\n",
		"app/ok.env":    "AWS_ACCESS_KEY_ID=" + awsKey + " # gitleaks:allow\n",
		"deploy/p.yaml": privileged,
	})
	code, out, _ := run(t, dir, "secret", "-f", "json", "--exit-code", "4", ".")
	if code != 4 {
		t.Fatalf("exit %d, want 4", code)
	}
	if strings.Contains(out, awsKey) {
		t.Fatal("the raw secret appears in the JSON report")
	}
	r := decode(t, out)
	var hit bool
	for _, f := range r.Findings {
		if f.Domain != "secret" {
			t.Errorf("ward secret reported a %s finding", f.Domain)
		}
		if f.Location.Path == "app/.env" && f.Location.StartLine == 2 && f.Location.StartColumn == 19 && f.Evidence == "AKIA****************" {
			hit = true
		}
	}
	if !hit {
		t.Errorf("AWS key at app/.env:2:19 with redacted evidence not found: %+v", r.Findings)
	}
	if r.Summary.Suppressed != 1 {
		t.Errorf("gitleaks:allow line should be one suppressed finding, summary %+v", r.Summary)
	}
	for _, format := range []string{"table", "sarif", "junit"} {
		_, out, _ := run(t, dir, "secret", "-f", format, "--show-suppressed", ".")
		if strings.Contains(out, awsKey) {
			t.Errorf("the raw secret appears in the %s report", format)
		}
	}
	// fs runs both scanners into one report.
	_, out, _ = run(t, dir, "fs", "-f", "json", ".")
	domains := map[string]bool{}
	for _, f := range decode(t, out).Findings {
		domains[f.Domain] = true
	}
	if !domains["secret"] || !domains["k8s"] {
		t.Errorf("ward fs domains %v, want secret and k8s", domains)
	}
	_, out, _ = run(t, dir, "fs", "-f", "json", "--scanners", "secret", ".")
	for _, f := range decode(t, out).Findings {
		if f.Domain != "secret" {
			t.Errorf("--scanners secret reported %s", f.Domain)
		}
	}
	code, _, stderr := run(t, dir, "fs", "--scanners", "licence", ".")
	if code != 2 || !strings.Contains(stderr, "unknown scanner") {
		t.Errorf("bad scanner: %d %q", code, stderr)
	}
}

func TestGitleaksConfig(t *testing.T) {
	cfg := `title = "team rules"

[[rules]]
id = "acme-internal-token"
description = "ACME internal token"
regex = '''acme_tok_[a-z0-9]{24}'''
keywords = ["acme_tok_"]
`
	dir := tree(t, map[string]string{
		".gitleaks.toml": cfg,
		"src/main.go":    "package main\n\nconst tok = \"acme_tok_0a1b2c3d4e5f6g7h8i9j0k1l\"\n",
	})
	code, out, stderr := run(t, dir, "secret", "-f", "json", "--secret-config", ".gitleaks.toml", "src")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	found := false
	for _, f := range decode(t, out).Findings {
		if f.CheckID == "acme-internal-token" && f.Location.StartLine == 3 {
			found = true
		}
	}
	if !found {
		t.Errorf("gitleaks rule did not fire: %s", out)
	}
	bad := tree(t, map[string]string{"bad.toml": "[[rules]]\nid = \"x\"\nregex = '''([a-'''\n", "a.txt": "x"})
	code, _, stderr = run(t, bad, "secret", "--secret-config", "bad.toml", "a.txt")
	if code != 2 || !strings.Contains(stderr, "bad.toml") {
		t.Errorf("bad gitleaks config: code %d, %q", code, stderr)
	}
}

func TestRepoHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is required for this test: apt-get install -y git")
	}
	dir := tree(t, map[string]string{"config.env": "A=1\nB=2\nAWS_ACCESS_KEY_ID=" + awsKey + "\n"})
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=Dev", "-c", "user.email=dev@example.com"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "add config")
	git("rm", "-q", "config.env")
	git("commit", "-q", "-m", "remove config")
	// The working tree no longer has the secret…
	_, out, _ := run(t, dir, "repo", "-f", "json", "--scanners", "secret", ".")
	if n := len(decode(t, out).Findings); n != 0 {
		t.Errorf("working tree scan found %d secrets, want 0", n)
	}
	// …but its history does, with the commit that added it.
	_, out, _ = run(t, dir, "repo", "-f", "json", "--scanners", "secret", "--history", ".")
	fs := decode(t, out).Findings
	if len(fs) != 1 || fs[0].Location.Path != "config.env" || fs[0].Location.StartLine != 3 || fs[0].Location.Commit == nil || fs[0].Location.Commit.Author != "Dev" {
		t.Fatalf("history scan: %+v", fs)
	}
	code, _, stderr := run(t, t.TempDir(), "repo", ".")
	if code != 2 || !strings.Contains(stderr, "not a git repository") {
		t.Errorf("non-repo: %d %q", code, stderr)
	}
}
