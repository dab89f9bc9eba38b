package scan

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/analyzer/all"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/ignore"
	"github.com/wardsec/ward/internal/policy"
)

const privilegedPod = `apiVersion: v1
kind: Pod
metadata:
  name: bad
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.27.0
      securityContext:
        privileged: true
`

func newScanner(t testing.TB, ign *ignore.File) *Scanner {
	t.Helper()
	eng, err := policy.New(context.Background(), policy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Engine: eng, Analyzers: all.Files(), DirAnalyzers: all.Dirs(), Ignore: ign,
		Now: func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHostileInputs builds a tree of bad files beside one good manifest: each
// bad file becomes a per-file error, the good one is still scanned, and the
// scan allocates far less than the hostile inputs would need.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "good.yaml", privilegedPod)
	write(t, dir, "invalid.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n")
	write(t, dir, "binary.yaml", "\x7fELF\x02\x01\x01\x00\x00\x00\x00apiVersion")
	var bomb strings.Builder
	bomb.WriteString("apiVersion: v1\nkind: ConfigMap\nl0: &l0 [a,a,a,a,a,a,a,a,a,a]\n")
	for i := 1; i < 12; i++ {
		bomb.WriteString("l" + strconv.Itoa(i) + ": &l" + strconv.Itoa(i) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				bomb.WriteString(",")
			}
			bomb.WriteString("*l" + strconv.Itoa(i-1))
		}
		bomb.WriteString("]\n")
	}
	write(t, dir, "bomb.yaml", bomb.String())
	write(t, dir, "deep.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: "+strings.Repeat("{a: ", 3000)+strings.Repeat("}", 3000)+"\n")
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if st, _ := os.Stat(huge); st.Size() != 100<<20 {
		t.Fatalf("huge fixture is %d bytes, want 100 MiB", st.Size())
	}
	outside := write(t, t.TempDir(), "secret.yaml", privilegedPod)
	if err := os.Symlink(outside, filepath.Join(dir, "escape.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling.yaml")); err != nil {
		t.Fatal(err)
	}

	s := newScanner(t, nil)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rep, err := s.Scan(context.Background(), []string{dir})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	errsByFile := map[string]string{}
	for _, e := range rep.Errors {
		errsByFile[filepath.Base(e.Path)] = e.Message
	}
	for name, want := range map[string]string{
		"invalid.yaml":  "",
		"binary.yaml":   "binary",
		"bomb.yaml":     "exceeds limit",
		"deep.yaml":     "",
		"huge.yaml":     "file size exceeds limit",
		"escape.yaml":   "outside the scan root",
		"dangling.yaml": "no such file",
	} {
		msg, ok := errsByFile[name]
		if !ok {
			t.Errorf("%s: no error reported (errors: %v)", name, rep.Errors)
			continue
		}
		if !strings.Contains(msg, want) {
			t.Errorf("%s: error %q does not mention %q", name, msg, want)
		}
	}
	var good []finding.Finding
	for _, f := range rep.Findings {
		if f.Location.Path == filepath.Join(dir, "good.yaml") || strings.HasSuffix(f.Location.Path, "/good.yaml") {
			good = append(good, f)
		}
		if strings.Contains(f.Location.Path, "secret.yaml") {
			t.Errorf("followed a symlink out of the root: %+v", f.Location)
		}
	}
	if !hasCheck(good, "WARD-K8S-0001") {
		t.Errorf("good.yaml's privileged finding missing: %+v", rep.Findings)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 400<<20 {
		t.Errorf("scan allocated %d MiB; hostile inputs must be refused before they cost memory", alloc>>20)
	}
}

func hasCheck(fs []finding.Finding, id string) bool {
	for _, f := range fs {
		if f.CheckID == id {
			return true
		}
	}
	return false
}

func TestSuppression(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "inline.yaml", "# ward:ignore WARD-K8S-0001 accepted for the CNI\n"+privilegedPod)
	write(t, dir, "annotated.yaml", strings.Replace(privilegedPod, "  namespace: shop\n", "  namespace: shop\n  annotations:\n    ward.dev/ignore: WARD-K8S-0001\n", 1))
	write(t, dir, "file/ignored.yaml", strings.Replace(privilegedPod, "name: bad", "name: other", 1))
	write(t, dir, "kept.yaml", strings.Replace(privilegedPod, "name: bad", "name: kept", 1))
	ign, err := ignore.Parse(".wardignore", []byte("- id: WARD-K8S-0001\n  paths: ['**/file/**']\n  reason: test\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := newScanner(t, ign).Scan(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, f := range rep.Findings {
		if f.CheckID != "WARD-K8S-0001" {
			continue
		}
		k := "active"
		if f.Suppressed != nil {
			k = f.Suppressed.Kind
		}
		kinds[filepath.Base(f.Location.Path)] = k
	}
	want := map[string]string{"inline.yaml": "inline", "annotated.yaml": "annotation", "ignored.yaml": "ignore-file", "kept.yaml": "active"}
	for f, k := range want {
		if kinds[f] != k {
			t.Errorf("%s: got %q, want %q", f, kinds[f], k)
		}
	}
	if rep.Summary.Suppressed < 3 {
		t.Errorf("summary counts %d suppressed, want at least 3", rep.Summary.Suppressed)
	}
}

// Fingerprints do not change when lines shift.
func TestFingerprintStableAcrossLineShift(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.yaml", privilegedPod)
	s := newScanner(t, nil)
	fp := func() (string, int) {
		rep, err := s.Scan(context.Background(), []string{p})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if f.CheckID == "WARD-K8S-0001" {
				return f.Fingerprint, f.Location.StartLine
			}
		}
		t.Fatal("no finding")
		return "", 0
	}
	a, la := fp()
	write(t, dir, "a.yaml", "# a comment\n\n\n"+privilegedPod)
	b, lb := fp()
	if la == lb {
		t.Fatalf("fixture did not shift lines (%d)", la)
	}
	if a != b {
		t.Errorf("fingerprint changed with a line shift: %s vs %s", a, b)
	}
}

// A kustomization at the root must not hide the charts and overlays below
// it, and chart templates must never reach the plain manifest analyzer.
func TestNestedUnits(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "kustomization.yaml", "resources: [pod.yaml]\n")
	write(t, dir, "pod.yaml", privilegedPod)
	write(t, dir, "chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 0.1.0\n")
	write(t, dir, "chart/values.yaml", "priv: true\n")
	write(t, dir, "chart/templates/pod.yaml", strings.Replace(privilegedPod, "privileged: true", "privileged: {{ .Values.priv }}", 1))
	write(t, dir, "chart/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n")
	write(t, dir, "chart/charts/sub/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n")
	rep, err := newScanner(t, nil).Scan(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rep.Errors {
		t.Errorf("unexpected error: %s", e)
	}
	where := map[string]int{}
	for _, f := range rep.Findings {
		if f.CheckID == "WARD-K8S-0001" {
			where[strings.TrimPrefix(f.Location.Path, dir+"/")]++
		}
	}
	if where["chart/templates/pod.yaml"] != 1 || where["pod.yaml"] != 1 || len(where) != 2 {
		t.Errorf("privileged findings by file: %v; want one from the chart template and one from the kustomize build", where)
	}
}
