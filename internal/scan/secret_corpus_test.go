package scan

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/secret"
)

// planted is one fake secret written into the corpus: which rule must report
// it, where, and (for history) in which commit.
type planted struct {
	rule   string
	path   string
	line   int
	commit string
}

// pickSample returns the first positive sample of r that the full rule set
// reports as r (a generic rule's sample may hold a token a specific rule
// claims) and the line, within the sample, where the secret is reported.
func pickSample(t *testing.T, eng *secret.Scanner, r secret.Rule, name string, skip int) (string, int) {
	t.Helper()
	for i, sample := range r.Tests.Positive {
		if i < skip {
			continue
		}
		res, err := eng.Scan(context.Background(), name, strings.NewReader(sample))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Matches {
			if m.RuleID == r.ID {
				return sample, m.Line
			}
		}
	}
	if skip == 0 {
		t.Fatalf("%s: none of its positive samples is reported as %s among all rules", r.ID, r.ID)
	}
	return "", 0
}

// fileFor names a file for a rule's sample: the rule's test path when it
// only applies to some files, else one of several file types.
func fileFor(r secret.Rule, i int) string {
	if r.Path != "" {
		if p := r.Tests.Path; p != "" {
			return p
		}
	}
	exts := []string{".env", ".yaml", ".json", ".py", ".js", ".properties", ".sh", ".go"}
	return "config" + exts[i%len(exts)]
}

const header = "# service configuration\n# owner: platform team\n\nname: demo\n"

// TestPlantedSecrets plants every built-in rule's fake secrets in plain files
// of several types, inside a zip nested in a tar.gz, in a git commit that a
// later commit deletes, and in one huge minified file, then asserts each is
// found exactly once, by its rule, at the right file and line (and commit),
// and that the rules' near-misses are not reported.
func TestPlantedSecrets(t *testing.T) {
	rules, err := secret.BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := secret.New(secret.Config{Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	tree := filepath.Join(root, "tree")
	var want []planted
	var zipFiles = map[string]string{}
	var negatives []string
	var minified strings.Builder
	minifiedWant := map[string]bool{}
	for i, r := range rules {
		if len(r.Tests.Positive) == 0 {
			t.Fatalf("%s has no positive sample", r.ID)
		}
		name := fileFor(r, i)
		dir := filepath.Join("plain", r.ID)
		rel := filepath.ToSlash(filepath.Join(dir, name))
		sample, l0 := pickSample(t, eng, r, rel, 0)
		writeFile(t, filepath.Join(tree, rel), header+sample+"\n")
		want = append(want, planted{rule: r.ID, path: "tree/" + rel, line: 4 + l0})
		// A second sample in a second file type, where the rule has one.
		rel2 := filepath.ToSlash(filepath.Join(dir, "second", fileFor(r, i+3)))
		if s2, l2 := pickSample(t, eng, r, rel2, 1); s2 != "" && s2 != sample {
			writeFile(t, filepath.Join(tree, rel2), s2+"\n")
			want = append(want, planted{rule: r.ID, path: "tree/" + rel2, line: l2})
		}
		zrel := filepath.ToSlash(filepath.Join(r.ID, name))
		zipFiles[zrel] = header + sample + "\n"
		want = append(want, planted{rule: r.ID, path: "tree/bundle.tar.gz!/app/inner.zip!/" + zrel, line: 4 + l0})
		if !strings.Contains(sample, "\n") && r.Path == "" && foundIn(t, eng, r.ID, strings.Repeat("var a=1;#", 8<<10)+sample+";var b=2;") {
			// Rules anchored to the start of a line (config syntax) cannot
			// apply inside minified code; the others must still find their
			// secret on one 20 MiB line.
			minified.WriteString(strings.Repeat("var a=1;", 50))
			minified.WriteString(sample)
			minified.WriteString(";")
			minifiedWant[r.ID] = true
		}
		for j, n := range r.Tests.Negative {
			rel := fmt.Sprintf("nearmiss/%s/%d/%s", r.ID, j, fileFor(r, i))
			writeFile(t, filepath.Join(tree, rel), n+"\n")
			negatives = append(negatives, r.ID+"\t"+"tree/"+rel)
		}
	}
	// Archives: a zip of every rule's file, inside a tar.gz.
	writeFile(t, filepath.Join(tree, "bundle.tar.gz"), string(tarGz(t, map[string][]byte{"app/inner.zip": zipBytes(t, zipFiles)})))
	// A huge minified file: every single-line sample on one 20 MiB+ line.
	var huge bytes.Buffer
	huge.WriteString(minified.String())
	filler := strings.Repeat("function f(){return 42};", 1<<10)
	for huge.Len() < 20<<20 {
		huge.WriteString(filler)
	}
	huge.WriteString("\n")
	writeFile(t, filepath.Join(tree, "dist", "app.min.js"), huge.String())
	nearmissOwner := map[string]string{}
	for _, n := range negatives {
		parts := strings.SplitN(n, "\t", 2)
		nearmissOwner[parts[1]] = parts[0]
	}

	s, err := NewSecret(SecretConfig{Engine: eng})
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	rep, err := s.Scan(context.Background(), []string{"tree"}, Files)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rep.Errors {
		t.Errorf("scan error: %s", e)
	}
	type key struct {
		path string
		line int
	}
	got := map[key][]finding.Finding{}
	minifiedGot := map[string]int{}
	var nearmissHits []string
	otherOnNearmiss := 0
	for _, f := range rep.Findings {
		owner, isNear := nearmissOwner[f.Location.Path]
		switch {
		case f.Location.Path == "tree/dist/app.min.js":
			minifiedGot[f.CheckID]++
		case isNear && owner == f.CheckID:
			nearmissHits = append(nearmissHits, fmt.Sprintf("%s on %s", f.CheckID, f.Location.Path))
		case isNear:
			otherOnNearmiss++ // a near-miss of one rule may hold another rule's real token
		default:
			k := key{f.Location.Path, f.Location.StartLine}
			got[k] = append(got[k], f)
		}
	}
	for _, p := range want {
		all := got[key{p.path, p.line}]
		var fs []finding.Finding
		for _, f := range all {
			if f.CheckID == p.rule {
				fs = append(fs, f)
			}
		}
		if len(fs) != 1 {
			t.Errorf("%s: planted secret at %s:%d found %d times by its rule, want once", p.rule, p.path, p.line, len(fs))
			continue
		}
		// No other rule may report the same secret (overlapping columns).
		for _, f := range all {
			if f.CheckID != p.rule && f.Location.StartColumn < fs[0].Location.EndColumn && fs[0].Location.StartColumn < f.Location.EndColumn && f.Location.EndLine == fs[0].Location.EndLine {
				t.Errorf("%s: planted secret at %s:%d also reported by %s", p.rule, p.path, p.line, f.CheckID)
			}
		}
		if len(fs) > 0 && fs[0].Evidence != "" && strings.Contains(fs[0].Message, strings.TrimLeft(fs[0].Evidence, "*")) && !strings.Contains(fs[0].Evidence, "*") {
			t.Errorf("%s: evidence is not redacted: %q", p.rule, fs[0].Evidence)
		}
	}
	for id := range minifiedWant {
		if minifiedGot[id] != 1 {
			t.Errorf("%s: found %d times in the minified file, want 1", id, minifiedGot[id])
		}
	}
	for _, h := range nearmissHits {
		t.Errorf("near-miss reported: %s", h)
	}
	t.Logf("%d rules, %d planted locations, %d single-line samples in the minified file, %d near-misses (%d other-rule findings on them)", len(rules), len(want), len(minifiedWant), len(negatives), otherOnNearmiss)
}

// TestPlantedSecretsInHistory commits every rule's secret, deletes it in a
// later commit, and asserts the history scan reports each once with the
// commit that added it.
func TestPlantedSecretsInHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed to build the fixture repository: apt-get install -y git")
	}
	rules, err := secret.BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := secret.New(secret.Config{Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Planter", "GIT_AUTHOR_EMAIL=planter@example.com",
			"GIT_COMMITTER_NAME=Planter", "GIT_COMMITTER_EMAIL=planter@example.com", "GIT_AUTHOR_DATE=2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	writeFile(t, filepath.Join(repo, "README.md"), "# demo\n")
	git("add", ".")
	git("commit", "-q", "-m", "init")
	var want []planted
	for i, r := range rules {
		name := filepath.ToSlash(filepath.Join("svc", r.ID, fileFor(r, i)))
		sample, l0 := pickSample(t, eng, r, name, 0)
		writeFile(t, filepath.Join(repo, name), header+sample+"\n")
		want = append(want, planted{rule: r.ID, path: name, line: 4 + l0})
	}
	git("add", ".")
	git("commit", "-q", "-m", "add service configuration")
	added := git("rev-parse", "HEAD")
	git("rm", "-q", "-r", "svc")
	git("commit", "-q", "-m", "remove secrets")

	s, err := NewSecret(SecretConfig{Engine: eng})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Scan(context.Background(), []string{repo}, History)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rep.Errors {
		t.Errorf("scan error: %s", e)
	}
	type key struct {
		path string
		line int
	}
	got := map[key][]finding.Finding{}
	for _, f := range rep.Findings {
		got[key{f.Location.Path, f.Location.StartLine}] = append(got[key{f.Location.Path, f.Location.StartLine}], f)
	}
	for _, p := range want {
		var fs []finding.Finding
		for _, f := range got[key{p.path, p.line}] {
			if f.CheckID == p.rule {
				fs = append(fs, f)
			}
		}
		if len(fs) != 1 {
			t.Errorf("%s: %s:%d found %d times by its rule, want once", p.rule, p.path, p.line, len(fs))
			continue
		}
		c := fs[0].Location.Commit
		if c == nil || c.Hash != added || c.Author != "Planter" || c.Date.Year() != 2026 {
			t.Errorf("%s: commit %+v, want %s by Planter", p.rule, c, added)
		}
	}
}

// foundIn reports whether the engine finds rule id in content.
func foundIn(t *testing.T, eng *secret.Scanner, id, content string) bool {
	t.Helper()
	res, err := eng.Scan(context.Background(), "x.js", strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Matches {
		if m.RuleID == id {
			return true
		}
	}
	return false
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func zipBytes(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func tarGz(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for name, content := range files {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(content)), Typeflag: tar.TypeReg})
		tw.Write(content)
	}
	tw.Close()
	gz.Close()
	return b.Bytes()
}
