//go:build integration

package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/wardsec/ward/internal/finding"
)

var wardBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ward-e2e")
	if err != nil {
		panic(err)
	}
	wardBin = filepath.Join(dir, "ward")
	out, err := exec.Command("go", "build", "-o", wardBin, ".").CombinedOutput()
	if err != nil {
		panic("build ward: " + err.Error() + "\n" + string(out))
	}
	os.Chmod(dir, 0o755)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func repoRoot(t *testing.T) string {
	t.Helper()
	wd, _ := os.Getwd()
	return filepath.Clean(filepath.Join(wd, "../.."))
}

func shared(t *testing.T) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "..", "shared", "corpora")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("../shared/corpora is missing (%v): the corpus tests need the shared folder beside the checkout", err)
	}
	return p
}

type result struct {
	code   int
	report finding.Report
	stderr string
}

func ward(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(wardBin, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if r.code == 2 {
		t.Fatalf("ward %v failed: %s", args, r.stderr)
	}
	if err := json.Unmarshal(out.Bytes(), &r.report); err != nil {
		t.Fatalf("ward %v: output is not a JSON report: %v\n%.500s\nstderr: %s", args, err, out.String(), r.stderr)
	}
	return r
}

// lineOf returns line n (1-based) of a file.
func lineOf(t *testing.T, path string, n int) (string, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("finding points at %s: %v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	i, text := 0, ""
	for sc.Scan() {
		i++
		if i == n {
			text = sc.Text()
		}
	}
	return text, i
}

// checkLocations asserts every finding names an existing file and a line
// range inside it.
func checkLocations(t *testing.T, base string, fs []finding.Finding) {
	t.Helper()
	for _, f := range fs {
		if f.Location.Path == "" || f.Location.StartLine < 1 || f.Location.EndLine < f.Location.StartLine {
			t.Errorf("%s: bad location %+v", f.CheckID, f.Location)
			continue
		}
		p := f.Location.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(base, p)
		}
		_, n := lineOf(t, p, 1)
		if f.Location.EndLine > n {
			t.Errorf("%s: %s ends past the file's %d lines", f.CheckID, f.Location, n)
		}
	}
}

func TestDemoExamples(t *testing.T) {
	root := repoRoot(t)
	r := ward(t, root, "config", "-f", "json", "examples/")
	if r.code != 0 {
		t.Fatalf("demo exits %d", r.code)
	}
	if len(r.report.Errors) > 0 {
		t.Errorf("errors on the bundled examples: %v", r.report.Errors)
	}
	checkLocations(t, root, r.report.Findings)
	want := map[string]string{ // file → a check that must fire there
		"examples/kubernetes/shop.yaml":                  "WARD-K8S-0001",
		"examples/helm/webapp/templates/deployment.yaml": "WARD-K8S-0006",
		"examples/docker/Dockerfile":                     "WARD-DOCKER-0001",
	}
	got := map[string]map[string]bool{}
	for _, f := range r.report.Findings {
		if got[f.Location.Path] == nil {
			got[f.Location.Path] = map[string]bool{}
		}
		got[f.Location.Path][f.CheckID] = true
	}
	for file, id := range want {
		if !got[file][id] {
			t.Errorf("%s: want %s, got %v", file, id, got[file])
		}
	}
	kustomized := false
	for _, f := range r.report.Findings {
		if f.CheckID == "WARD-K8S-0001" && strings.HasPrefix(f.Location.Path, "examples/kustomize/") && f.Resource.Name == "prod-api" {
			kustomized = true
		}
	}
	if !kustomized {
		t.Error("the kustomize overlay's privileged patch (prod-api) was not reported")
	}
}

// TestEveryCorpusFile runs over every file of ../shared/corpora: no crash,
// a JSON report, and per-file errors instead of failures.
func TestEveryCorpusFile(t *testing.T) {
	corp := shared(t)
	r := ward(t, corp, "config", "-f", "json", ".")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, e := range r.report.Errors {
		if strings.Contains(e.Message, "panic") {
			t.Errorf("analyzer panic: %s", e)
		}
	}
	if r.report.FilesScanned < 1000 {
		t.Errorf("only %d files scanned", r.report.FilesScanned)
	}
	checkLocations(t, corp, r.report.Findings)
	t.Logf("%d files, %d findings, %d per-file errors", r.report.FilesScanned, len(r.report.Findings), len(r.report.Errors))
}

func TestKubernetesGoat(t *testing.T) {
	dir := filepath.Join(shared(t), "kubernetes-goat")
	r := ward(t, dir, "config", "-f", "json", ".")
	checkLocations(t, dir, r.report.Findings)
	// Facts of the scenarios: a docker.sock hostPath mount, privileged pods,
	// host namespaces. Each finding's line must show the offending key.
	keyFor := map[string]string{"WARD-K8S-0001": "privileged"}
	seen := map[string]int{}
	for _, f := range r.report.Findings {
		seen[f.CheckID]++
		if key, ok := keyFor[f.CheckID]; ok {
			text, _ := lineOf(t, filepath.Join(dir, f.Location.Path), f.Location.StartLine)
			if !strings.Contains(text, key) {
				t.Errorf("%s at %s: line %q does not show %q", f.CheckID, f.Location, text, key)
			}
		}
	}
	if seen["WARD-K8S-0001"] == 0 {
		t.Errorf("no privileged container found in kubernetes-goat; got %v", seen)
	}
	if len(seen) < 20 {
		t.Errorf("only %d distinct checks fired on kubernetes-goat: %v", len(seen), seen)
	}
}

// copyDir copies a directory tree.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBitnamiCharts(t *testing.T) {
	src := filepath.Join(shared(t), "bitnami-charts", "bitnami")
	dir := t.TempDir()
	charts := []string{"nginx", "redis", "postgresql", "mariadb", "memcached", "kafka", "mongodb", "rabbitmq", "grafana", "minio"}
	for _, c := range charts {
		copyDir(t, filepath.Join(src, c), filepath.Join(dir, c))
		copyDir(t, filepath.Join(src, "common"), filepath.Join(dir, c, "charts", "common"))
	}
	r := ward(t, dir, "config", "-f", "json", ".")
	for _, e := range r.report.Errors {
		t.Errorf("chart error: %s", e)
	}
	checkLocations(t, dir, r.report.Findings)
	perChart := map[string]int{}
	for _, f := range r.report.Findings {
		chart := strings.SplitN(f.Location.Path, "/", 2)[0]
		perChart[chart]++
		if !strings.Contains(f.Location.Path, "/templates/") {
			t.Errorf("%s: finding on %s, want a template file", f.CheckID, f.Location.Path)
		}
	}
	for _, c := range charts {
		if perChart[c] == 0 {
			t.Errorf("chart %s: no findings", c)
		}
	}
	t.Logf("findings per chart: %v", perChart)
}

// TestUnreadableFile runs ward as an unprivileged user on a tree with a file
// it cannot read: a per-file error, and the rest is scanned.
func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("this test drops to the nobody user and must run as root (as CI does)")
	}
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Fatalf("no nobody user: %v", err)
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(nobody.Gid)
	dir, err := os.MkdirTemp("", "ward-unreadable")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	pod := "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27.0\n      securityContext: {privileged: true}\n"
	os.WriteFile(filepath.Join(dir, "ok.yaml"), []byte(pod), 0o644)
	os.WriteFile(filepath.Join(dir, "secret.yaml"), []byte(pod), 0o000)
	cmd := exec.Command(wardBin, "config", "-f", "json", ".")
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ward as nobody: %v", err)
	}
	var rep finding.Report
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	var errFor []string
	for _, e := range rep.Errors {
		errFor = append(errFor, e.Path+": "+e.Message)
	}
	if len(errFor) != 1 || !strings.Contains(errFor[0], "secret.yaml") || !strings.Contains(errFor[0], "permission denied") {
		t.Errorf("want one permission error for secret.yaml, got %v", errFor)
	}
	ok := false
	for _, f := range rep.Findings {
		if f.Location.Path == "ok.yaml" && f.CheckID == "WARD-K8S-0001" {
			ok = true
		}
	}
	if !ok {
		t.Error("ok.yaml was not scanned")
	}
}
