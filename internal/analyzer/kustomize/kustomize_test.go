package kustomize

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/state"
)

// extract writes a txtar fixture into a temporary scan root.
func extract(t *testing.T, file string) string {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func lineOf(t *testing.T, fsys fs.FS, file, substr string) int {
	t.Helper()
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, substr) {
			return i + 1
		}
	}
	t.Fatalf("%q not in %s", substr, file)
	return 0
}

func valueAt(v any, p ...any) any {
	for _, e := range p {
		switch k := e.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			s, _ := v.([]any)
			if k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

func find(t *testing.T, res *analyzer.Result, kind string) *state.Document {
	t.Helper()
	for _, d := range res.Documents {
		if d.Kind == kind {
			return d
		}
	}
	t.Fatalf("no %s in %d documents", kind, len(res.Documents))
	return nil
}

func TestOverlay(t *testing.T) {
	root := extract(t, "testdata/overlay.txtar")
	fsys := os.DirFS(root)
	a := New(Config{})
	res, err := a.AnalyzeDir(context.Background(), fsys, "overlays/prod")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if len(res.Documents) != 3 {
		t.Fatalf("%d documents, want Deployment, Service, ConfigMap", len(res.Documents))
	}

	d := find(t, res, "Deployment")
	const base = "base/deployment.yaml"
	if d.Path != base || d.Resource.Name != "prod-web" || d.Resource.Namespace != "prod" {
		t.Errorf("deployment %s %s/%s", d.Path, d.Resource.Namespace, d.Resource.Name)
	}
	priv := []any{"spec", "template", "spec", "containers", 0, "securityContext", "privileged"}
	if got := valueAt(d.Value, priv...); got != true {
		t.Errorf("patched privileged = %v", got)
	}
	if got := valueAt(d.Value, "spec", "template", "spec", "containers", 0, "securityContext", "runAsNonRoot"); got != true {
		t.Errorf("base runAsNonRoot = %v", got)
	}
	if ann := valueAt(d.Value, "metadata", "annotations"); ann != nil {
		t.Errorf("tracking annotations left in the value: %v", ann)
	}
	tests := []struct {
		path []any
		want int
	}{
		{nil, lineOf(t, fsys, base, "apiVersion:")},
		{[]any{"metadata", "name"}, lineOf(t, fsys, base, "name: web")},
		{[]any{"spec", "template", "spec", "containers", 0, "image"}, lineOf(t, fsys, base, "image:")},
		// Added by the patch: the nearest key the base has.
		{priv, lineOf(t, fsys, base, "securityContext:")},
		// Added by the namespace transformer: the base's metadata.
		{[]any{"metadata", "namespace"}, lineOf(t, fsys, base, "metadata:")},
	}
	for _, tc := range tests {
		r, ok := d.Source.Resolve(tc.path)
		if !ok || r.Path != base || r.Start != tc.want {
			t.Errorf("%v: %+v, want %s:%d", tc.path, r, base, tc.want)
		}
	}
	if len(d.Ignores) != 1 || d.Ignores[0].Path != base {
		t.Errorf("ignores from the origin file: %+v", d.Ignores)
	}

	s := find(t, res, "Service")
	if s.Path != "base/service.yaml" || s.Resource.Name != "prod-web" || s.Range().Start != 1 {
		t.Errorf("service %s:%d %s", s.Path, s.Range().Start, s.Resource.Name)
	}
	cm := find(t, res, "ConfigMap")
	if cm.Path != "overlays/prod/kustomization.yaml" || !strings.HasPrefix(cm.Resource.Name, "prod-settings-") {
		t.Errorf("configmap %s %s", cm.Path, cm.Resource.Name)
	}
	if got, want := cm.Range().Start, lineOf(t, fsys, "overlays/prod/kustomization.yaml", "configMapGenerator:"); got != want {
		t.Errorf("configmap line %d, want %d", got, want)
	}

	// The base builds on its own too, unpatched.
	res, err = a.AnalyzeDir(context.Background(), fsys, "base")
	if err != nil {
		t.Fatal(err)
	}
	bd := find(t, res, "Deployment")
	if bd.Resource.Name != "web" || valueAt(bd.Value, priv...) != nil {
		t.Errorf("base deployment %s privileged=%v", bd.Resource.Name, valueAt(bd.Value, priv...))
	}
}

func TestClaims(t *testing.T) {
	a := New(Config{})
	if a.RequiredDir("x", []string{"deploy.yaml"}) {
		t.Error("RequiredDir without a kustomization")
	}
	for _, n := range kustomizationNames {
		if !New(Config{}).RequiredDir("d", []string{"a.yaml", n}) {
			t.Errorf("RequiredDir(%s)", n)
		}
	}
	if !a.RequiredDir("overlays/prod", []string{"kustomization.yaml", "patch.yaml"}) {
		t.Fatal("RequiredDir")
	}
	tests := []struct {
		id, rel string
		want    bool
	}{
		{"iac/kubernetes", "overlays/prod/patch.yaml", true},
		{"iac/kubernetes", "overlays/prod/sub/x.yaml", false},
		{"iac/dockerfile", "overlays/prod/Dockerfile", false},
		{"", "overlays/prod/charts", false},
	}
	for _, tc := range tests {
		if got := a.Claims("overlays/prod", tc.rel, tc.id); got != tc.want {
			t.Errorf("Claims(%s, %s) = %v", tc.id, tc.rel, got)
		}
	}
}

func TestRefused(t *testing.T) {
	root := extract(t, "testdata/overlay.txtar")
	fsys := os.DirFS(root)
	tests := []struct {
		dir     string
		remote  []string
		outside string
	}{
		{dir: "remote", remote: []string{"github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v1.0.6", "https://raw.githubusercontent.com/example/app/main/deploy.yaml"}},
		{dir: "remotenested", remote: []string{"github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v1.0.6", "https://raw.githubusercontent.com/example/app/main/deploy.yaml"}},
		{dir: "escape", outside: "../../../etc/passwd"},
		{dir: "escapepatch", outside: "../../../../../etc/passwd"},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			res, err := New(Config{}).AnalyzeDir(context.Background(), fsys, tc.dir)
			if res != nil && len(res.Documents) > 0 {
				t.Errorf("documents built: %d", len(res.Documents))
			}
			var re *RemoteError
			var oe *OutsideError
			switch {
			case tc.remote != nil:
				if !errors.As(err, &re) || strings.Join(re.Refs, " ") != strings.Join(tc.remote, " ") {
					t.Fatalf("err = %v, want a RemoteError naming %v", err, tc.remote)
				}
				if !strings.Contains(err.Error(), tc.remote[0]) {
					t.Errorf("message %q does not name the reference", err)
				}
			default:
				if !errors.As(err, &oe) || oe.Ref != tc.outside {
					t.Fatalf("err = %v, want an OutsideError for %q", err, tc.outside)
				}
			}
		})
	}
}

// TestRootFSConfined checks the file system kustomize sees, without the
// reference pre-check: climbing above the root and symlinks that leave it
// are refused, not read.
func TestRootFSConfined(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.yaml")
	if err := os.WriteFile(secret, []byte("kind: Secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "ok.yaml"), []byte("a: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(root, "abs-link.yaml")); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(root, secret)
	if err := os.Symlink(rel, filepath.Join(root, "rel-link.yaml")); err != nil {
		t.Fatal(err)
	}
	// Prove the links are hostile: through the OS they reach the secret.
	for _, l := range []string{"abs-link.yaml", "rel-link.yaml"} {
		if b, err := os.ReadFile(filepath.Join(root, l)); err != nil || string(b) != "kind: Secret\n" {
			t.Fatalf("fixture %s not hostile: %q %v", l, b, err)
		}
	}
	rfs := &rootFS{fsys: os.DirFS(root), left: 1 << 20, maxTotal: 1 << 20, maxFile: 1 << 20}
	if b, err := rfs.ReadFile(mount + "/ok.yaml"); err != nil || string(b) != "a: 1\n" {
		t.Fatalf("ok.yaml: %q %v", b, err)
	}
	for _, p := range []string{
		mount + "/../../etc/passwd",
		"/etc/passwd",
		"../../etc/passwd",
		mount + "/abs-link.yaml",
		mount + "/rel-link.yaml",
		secret,
	} {
		b, err := rfs.ReadFile(p)
		if err == nil || strings.Contains(string(b), "Secret") {
			t.Errorf("ReadFile(%s) = %q, %v; want refused", p, b, err)
		}
		if rfs.Exists(p) && p != mount+"/abs-link.yaml" && p != mount+"/rel-link.yaml" {
			t.Errorf("Exists(%s)", p)
		}
	}
	if err := rfs.WriteFile(mount+"/x", nil); err == nil {
		t.Error("WriteFile allowed")
	}
	// Budget: a second read of the same file past the budget fails.
	small := &rootFS{fsys: os.DirFS(root), left: 6, maxTotal: 6, maxFile: 1 << 20}
	if _, err := small.ReadFile(mount + "/ok.yaml"); err != nil {
		t.Fatal(err)
	}
	if _, err := small.ReadFile(mount + "/ok.yaml"); err == nil || !strings.Contains(err.Error(), "exceeds limit") {
		t.Errorf("budget: %v", err)
	}
}

func TestSymlinkResourceRefused(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "deploy.yaml")
	if err := os.WriteFile(secret, []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stolen\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "kustomization.yaml"), []byte("resources:\n  - deploy.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(root, "deploy.yaml")); err != nil {
		t.Fatal(err)
	}
	res, err := New(Config{}).AnalyzeDir(context.Background(), os.DirFS(root), ".")
	if err == nil || res != nil && len(res.Documents) > 0 {
		t.Fatalf("symlink out of the root was followed: %v %v", res, err)
	}
	if strings.Contains(err.Error(), mount) {
		t.Errorf("message shows the mount point: %v", err)
	}
}

func TestAddOriginTracking(t *testing.T) {
	tests := []struct{ in, want string }{
		{"resources: [a.yaml]\n", "buildMetadata:\n    - originAnnotations\n"},
		{"buildMetadata: [managedByLabel]\n", "buildMetadata: [managedByLabel, originAnnotations]\n"},
		{"buildMetadata: [originAnnotations]\n", "buildMetadata: [originAnnotations]\n"},
		{"", "buildMetadata:\n    - originAnnotations\n"},
	}
	for _, tc := range tests {
		out, err := addOriginTracking([]byte(tc.in))
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if !strings.Contains(string(out), tc.want) {
			t.Errorf("%q → %q, want it to contain %q", tc.in, out, tc.want)
		}
	}
	if _, err := addOriginTracking([]byte("- a\n")); err == nil {
		t.Error("list kustomization accepted")
	}
}

func TestIsRemote(t *testing.T) {
	for _, s := range []string{
		"github.com/org/repo//dir?ref=v1", "https://example.com/x.yaml", "git::https://x/y.git",
		"ssh://git@github.com/org/repo", "git@github.com:org/repo.git", "GitHub.com:org/repo", "file:///tmp/repo",
	} {
		if !isRemote(s) {
			t.Errorf("isRemote(%q) = false", s)
		}
	}
	for _, s := range []string{"../base", "deploy.yaml", "sub/dir", "a=b.txt"} {
		if isRemote(s) {
			t.Errorf("isRemote(%q) = true", s)
		}
	}
}

// TestConcurrentBuilds runs builds the way the scan core does, from several
// goroutines on one analyzer (run with -race).
func TestConcurrentBuilds(t *testing.T) {
	root := extract(t, "testdata/overlay.txtar")
	a := New(Config{})
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			dir := []string{"overlays/prod", "base"}[i%2]
			res, err := a.AnalyzeDir(context.Background(), os.DirFS(root), dir)
			if err == nil && len(res.Documents) == 0 {
				err = errors.New("no documents from " + dir)
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
