package helm

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/parse/k8syaml"
	"github.com/wardsec/ward/internal/state"
)

const bitnami = "/work/shared/corpora/bitnami-charts/bitnami"

// bitnamiChart copies a Bitnami chart into a temporary scan root as
// <root>/<name>, with its dependencies (common, and any others named) copied
// into charts/ because their OCI registry is not reachable offline.
func bitnamiChart(t *testing.T, name string, deps ...string) (root string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(bitnami, name)); err != nil {
		t.Fatalf("corpus missing: %v (see /work/shared/corpora/bitnami-charts/README.md)", err)
	}
	root = t.TempDir()
	dst := filepath.Join(root, name)
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(bitnami, name))); err != nil {
		t.Fatal(err)
	}
	for _, d := range append([]string{"common"}, deps...) {
		if err := os.CopyFS(filepath.Join(dst, "charts", d), os.DirFS(filepath.Join(bitnami, d))); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func analyzeDir(t *testing.T, a *Analyzer, fsys fs.FS, dir string) *analyzer.Result {
	t.Helper()
	res, err := a.AnalyzeDir(context.Background(), fsys, dir)
	if err != nil {
		t.Fatalf("AnalyzeDir(%q): %v", dir, err)
	}
	return res
}

func byKind(res *analyzer.Result, kind string) []*state.Document {
	var out []*state.Document
	for _, d := range res.Documents {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

func get(v any, p ...any) any {
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

// checkKeyLine asserts that the value path p of d maps to a line of the
// document's template file that defines the path's last key.
func checkKeyLine(t *testing.T, fsys fs.FS, d *state.Document, p ...any) int {
	t.Helper()
	r, ok := d.Source[state.Key(p)]
	if !ok {
		t.Fatalf("%s %s: no source for %v", d.Path, d.Resource.ID(), p)
	}
	if r.Path != d.Path {
		t.Errorf("range path %q, document path %q", r.Path, d.Path)
	}
	data, err := fs.ReadFile(fsys, r.Path)
	if err != nil {
		t.Fatalf("read template: %v", err)
	}
	lines := strings.Split(string(data), "\n")
	if r.Start < 1 || r.Start > len(lines) || r.End < r.Start || r.End > len(lines) {
		t.Fatalf("%v: range %d-%d outside %s (%d lines)", p, r.Start, r.End, r.Path, len(lines))
	}
	key := p[len(p)-1].(string)
	if l := lines[r.Start-1]; !strings.Contains(l, key+":") {
		t.Errorf("%v: line %d of %s is %q, want the %q key", p, r.Start, r.Path, l, key)
	}
	return r.Start
}

func TestBitnamiCharts(t *testing.T) {
	tests := []struct {
		chart string
		deps  []string
		kind  string
		tmpl  string
	}{
		{chart: "nginx", kind: "Deployment", tmpl: "nginx/templates/deployment.yaml"},
		{chart: "redis", kind: "StatefulSet", tmpl: "redis/templates/master/application.yaml"},
		{chart: "postgresql", kind: "StatefulSet", tmpl: "postgresql/templates/primary/statefulset.yaml"},
		{chart: "memcached", kind: "Deployment", tmpl: "memcached/templates/deployment.yaml"},
		{chart: "wordpress", deps: []string{"mariadb", "memcached"}, kind: "Deployment", tmpl: "wordpress/templates/deployment.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.chart, func(t *testing.T) {
			root := bitnamiChart(t, tc.chart, tc.deps...)
			fsys := os.DirFS(root)
			res := analyzeDir(t, New(Config{}), fsys, tc.chart)
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			ws := byKind(res, tc.kind)
			if len(ws) == 0 {
				t.Fatalf("no %s rendered; got %d documents", tc.kind, len(res.Documents))
			}
			var d *state.Document
			for _, w := range ws {
				if w.Path == tc.tmpl {
					d = w
				}
			}
			if d == nil {
				t.Fatalf("no %s from %s", tc.kind, tc.tmpl)
			}
			for _, doc := range res.Documents {
				if !strings.HasPrefix(doc.Path, tc.chart+"/") || !strings.Contains(doc.Path, "templates/") && !strings.Contains(doc.Path, "crds/") {
					t.Errorf("document path %q does not name a template", doc.Path)
				}
				for k, r := range doc.Source {
					if r.Path != doc.Path {
						t.Errorf("%s: source %q points at %q", doc.Path, k, r.Path)
					}
				}
			}
			spec := []any{"spec", "template", "spec"}
			c := checkKeyLine(t, fsys, d, append(spec, "containers")...)
			if s := checkKeyLine(t, fsys, d, "spec", "template", "spec"); s >= c {
				t.Errorf("spec.template.spec at %d, containers at %d: order lost", s, c)
			}
			// The first container maps to its own `- name: x` line, not an
			// earlier one in a branch that did not render.
			if r := d.Source[state.Key(append(spec, "containers", 0))]; true {
				data, _ := fs.ReadFile(fsys, d.Path)
				l := strings.Split(string(data), "\n")[r.Start-1]
				name, _ := get(d.Value, append(spec, "containers", 0, "name")...).(string)
				if !strings.Contains(l, "{{") && !strings.Contains(l, "name: "+name) {
					t.Errorf("containers[0] (%s) at line %d: %q", name, r.Start, l)
				}
			}
			if get(d.Value, append(spec, "containers", 0, "securityContext")...) != nil {
				checkKeyLine(t, fsys, d, append(spec, "containers", 0, "securityContext")...)
			}
			if d.Resource.Namespace != ReleaseNamespace {
				t.Errorf("namespace %q", d.Resource.Namespace)
			}
			if !strings.Contains(d.Resource.Name, ReleaseName) {
				t.Errorf("name %q does not carry the release name", d.Resource.Name)
			}
		})
	}
}

func TestSubchartPaths(t *testing.T) {
	root := bitnamiChart(t, "wordpress", "mariadb", "memcached")
	res := analyzeDir(t, New(Config{}), os.DirFS(root), "wordpress")
	var found bool
	for _, d := range byKind(res, "StatefulSet") {
		if d.Path == "wordpress/charts/mariadb/templates/primary/statefulset.yaml" {
			found = true
			checkKeyLine(t, os.DirFS(root), d, "spec", "template", "spec", "containers")
		}
	}
	if !found {
		t.Fatalf("no mariadb StatefulSet from the subchart's template")
	}
}

func TestValuesChangeRendering(t *testing.T) {
	root := bitnamiChart(t, "nginx")
	vf := filepath.Join(t.TempDir(), "values.yaml")
	if err := os.WriteFile(vf, []byte("containerSecurityContext:\n  privileged: true\n  allowPrivilegeEscalation: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  Config
		path []any
		want any
	}{
		{"default", Config{}, []any{"spec", "replicas"}, int64(1)},
		{"set_replicas", Config{Set: []string{"replicaCount=3"}}, []any{"spec", "replicas"}, int64(3)},
		{"values_file", Config{ValuesFiles: []string{vf}}, []any{"spec", "template", "spec", "containers", 0, "securityContext", "privileged"}, true},
		{"set_after_file", Config{ValuesFiles: []string{vf}, Set: []string{"containerSecurityContext.privileged=false"}}, []any{"spec", "template", "spec", "containers", 0, "securityContext", "privileged"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := analyzeDir(t, New(tc.cfg), os.DirFS(root), "nginx")
			ds := byKind(res, "Deployment")
			if len(ds) != 1 {
				t.Fatalf("%d deployments, errors %v", len(ds), res.Errors)
			}
			if got := get(ds[0].Value, tc.path...); got != tc.want {
				t.Errorf("%v = %#v, want %#v", tc.path, got, tc.want)
			}
		})
	}
}

func TestBadValuesConfig(t *testing.T) {
	for _, cfg := range []Config{
		{ValuesFiles: []string{filepath.Join(t.TempDir(), "missing.yaml")}},
		{Set: []string{"a[=1"}},
	} {
		if _, err := cfg.Values(); err == nil {
			t.Errorf("%+v: no error", cfg)
		}
		if _, err := New(cfg).AnalyzeDir(context.Background(), fstest.MapFS{}, "."); err == nil {
			t.Errorf("%+v: AnalyzeDir: no error", cfg)
		}
	}
}

func txtarFS(t testing.TB, file string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range ar.Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

func lineOf(t *testing.T, fsys fs.FS, file, substr string, nth int) int {
	t.Helper()
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, substr) {
			if nth == 0 {
				return i + 1
			}
			nth--
		}
	}
	t.Fatalf("%q not in %s", substr, file)
	return 0
}

func TestPrivilegedChartLines(t *testing.T) {
	fsys := txtarFS(t, "testdata/privileged.txtar")
	res := analyzeDir(t, New(Config{}), fsys, "app")
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	const tmpl = "app/templates/workloads.yaml"
	ds := byKind(res, "Deployment")
	if len(ds) != 1 || ds[0].Path != tmpl {
		t.Fatalf("deployments: %v", ds)
	}
	d := ds[0]
	c := []any{"spec", "template", "spec", "containers"}
	tests := []struct {
		path []any
		line int
	}{
		{nil, lineOf(t, fsys, tmpl, "apiVersion:", 0)},
		{[]any{"metadata", "name"}, lineOf(t, fsys, tmpl, "name:", 0)},
		{append(c, 0), lineOf(t, fsys, tmpl, "- name: app", 0)},
		{append(c, 0, "securityContext", "privileged"), lineOf(t, fsys, tmpl, "privileged:", 0)},
		{append(c, 1), lineOf(t, fsys, tmpl, "- name: sidecar", 0)},
		{append(c, 1, "securityContext", "privileged"), lineOf(t, fsys, tmpl, "privileged:", 1)},
		// toYaml output is not in the template: the parent's line.
		{append(c, 0, "resources", "limits", "cpu"), lineOf(t, fsys, tmpl, "resources:", 0)},
	}
	for _, tc := range tests {
		r, ok := d.Source[state.Key(tc.path)]
		if !ok {
			t.Errorf("%v: no source", tc.path)
			continue
		}
		if r.Start != tc.line || r.Path != tmpl {
			t.Errorf("%v: %s:%d, want %s:%d", tc.path, r.Path, r.Start, tmpl, tc.line)
		}
	}
	if got := get(d.Value, append(c, 0, "securityContext", "privileged")...); got != true {
		t.Errorf("privileged = %v", got)
	}
	// The second document of the same template, and the inline ignore.
	svcs := byKind(res, "Service")
	if len(svcs) != 1 {
		t.Fatalf("services: %d", len(svcs))
	}
	if got, want := svcs[0].Range().Start, lineOf(t, fsys, tmpl, "apiVersion:", 1); got != want {
		t.Errorf("service starts at %d, want %d", got, want)
	}
	if len(d.Ignores) != 1 || d.Ignores[0].IDs[0] != "WARD-K8S-0001" || d.Ignores[0].Path != tmpl {
		t.Errorf("ignores: %+v", d.Ignores)
	}
	// Range loops repeat a template's text: every ConfigMap maps to it.
	cms := byKind(res, "ConfigMap")
	if len(cms) != 3 {
		t.Fatalf("configmaps: %d", len(cms))
	}
	want := lineOf(t, fsys, "app/templates/configmaps.yaml", "kind: ConfigMap", 0)
	for _, cm := range cms {
		if r := cm.Source[state.Key([]any{"kind"})]; r.Start != want {
			t.Errorf("%s kind at %d, want %d", cm.Resource.Name, r.Start, want)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name     string
		dir      string
		wantPath string
		wantLine int
		wantMsg  string
	}{
		{"syntax_error", "broken", "broken/templates/bad.yaml", 4, "render"},
		{"required_value", "required", "required/templates/cm.yaml", 6, "image.tag is required"},
		{"missing_dependency", "nodeps", "nodeps/Chart.yaml", 5, `dependency "common"`},
		{"not_yaml", "notyaml", "notyaml/templates/x.yaml", 0, "not valid YAML"},
	}
	fsys := txtarFS(t, "testdata/errors.txtar")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := New(Config{}).AnalyzeDir(context.Background(), fsys, tc.dir)
			if err != nil {
				t.Fatalf("AnalyzeDir: %v (want a located Result error)", err)
			}
			if len(res.Errors) != 1 {
				t.Fatalf("errors: %+v", res.Errors)
			}
			e := res.Errors[0]
			if e.Path != tc.wantPath || e.Line != tc.wantLine || !strings.Contains(e.Message, tc.wantMsg) || e.Plugin != ID {
				t.Errorf("error %+v, want %s:%d %q", e, tc.wantPath, tc.wantLine, tc.wantMsg)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"bad/Chart.yaml":          {Data: []byte("apiVersion: v2\nname: [\n")},
		"noname/Chart.yaml":       {Data: []byte("apiVersion: v2\nversion: 1.0.0\n")},
		"subbad/Chart.yaml":       {Data: []byte("apiVersion: v2\nname: s\nversion: 1.0.0\n")},
		"subbad/charts/x.tgz":     {Data: []byte("\x1f\x8bnot really")},
		"subbad/charts/README.md": {Data: []byte("not a chart")},
	}
	for _, dir := range []string{"bad", "noname", "subbad"} {
		if _, err := New(Config{}).AnalyzeDir(context.Background(), fsys, dir); err == nil {
			t.Errorf("%s: no error", dir)
		}
	}
}

func TestRequiredAndClaims(t *testing.T) {
	a := New(Config{})
	if !a.RequiredDir("x", []string{"Chart.yaml", "values.yaml"}) || a.RequiredDir("x", []string{"chart.yaml"}) {
		t.Error("RequiredDir")
	}
	if !a.Claims("x", "x/values.yaml", "iac/kubernetes") || !a.Claims("x", "x/charts/c.tgz", ArchiveID) || a.Claims("x", "x/Dockerfile", "iac/dockerfile") || !a.Claims("x", "x/charts/common", "") {
		t.Error("Claims")
	}
	ar := NewArchive(Config{})
	if !ar.Required("a/b/c-1.0.0.tgz") || ar.Required("a/values.yaml") {
		t.Error("Required")
	}
}

// tgz packs files (name → content) as a gzip tar.
func tgz(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, name := range sortedKeys(files) {
		body := files[name]
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// chartFiles reads a txtar chart directory as archive entries under top/.
func chartFiles(t testing.TB, fsys fs.FS, dir, top string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		out[path.Join(top, strings.TrimPrefix(p, dir+"/"))] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestArchive(t *testing.T) {
	fsys := txtarFS(t, "testdata/privileged.txtar")
	data := tgz(t, chartFiles(t, fsys, "app", "app"))
	a := NewArchive(Config{Set: []string{"replicas=5"}})
	res, err := a.Analyze(context.Background(), analyzer.File{Path: "dist/app-0.1.0.tgz", Content: data})
	if err != nil {
		t.Fatal(err)
	}
	ds := byKind(res, "Deployment")
	if len(ds) != 1 {
		t.Fatalf("deployments: %d, errors %v", len(ds), res.Errors)
	}
	if ds[0].Path != "dist/app-0.1.0.tgz/templates/workloads.yaml" {
		t.Errorf("path %q", ds[0].Path)
	}
	if got := get(ds[0].Value, "spec", "replicas"); got != int64(5) {
		t.Errorf("replicas %v", got)
	}
	if r := ds[0].Source[state.Key([]any{"spec", "template", "spec", "containers", 0, "securityContext", "privileged"})]; r.Start != lineOf(t, fsys, "app/templates/workloads.yaml", "privileged:", 0) {
		t.Errorf("privileged line %d", r.Start)
	}

	// Not charts: no documents, no error.
	for name, content := range map[string][]byte{
		"plain":      []byte("not gzip"),
		"bad_gzip":   {0x1f, 0x8b, 0, 1, 2},
		"other_tgz":  tgz(t, map[string]string{"data/readme.txt": "hello"}),
		"root_chart": tgz(t, map[string]string{"Chart.yaml": "name: x"}),
	} {
		res, err := a.Analyze(context.Background(), analyzer.File{Path: name + ".tgz", Content: content})
		if err != nil || len(res.Documents) != 0 || len(res.Errors) != 0 {
			t.Errorf("%s: %v %+v", name, err, res)
		}
	}
}

func TestSubchartArchive(t *testing.T) {
	fsys := txtarFS(t, "testdata/privileged.txtar")
	sub := tgz(t, chartFiles(t, fsys, "app", "app"))
	m := fstest.MapFS{
		"parent/Chart.yaml":             {Data: []byte("apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n- name: app\n  version: 0.1.0\n")},
		"parent/charts/app-0.1.0.tgz":   {Data: sub},
		"parent/templates/sa.yaml":      {Data: []byte("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n")},
		"parent/charts/.hidden/x.yaml":  {Data: []byte("junk")},
		"parent/templates/_helpers.tpl": {Data: []byte(`{{- define "x" }}y{{ end }}`)},
	}
	res := analyzeDir(t, New(Config{Set: []string{"app.replicas=2"}}), m, "parent")
	ds := byKind(res, "Deployment")
	if len(ds) != 1 || ds[0].Path != "parent/charts/app-0.1.0.tgz/templates/workloads.yaml" {
		t.Fatalf("deployments %v errors %v", ds, res.Errors)
	}
	if got := get(ds[0].Value, "spec", "replicas"); got != int64(2) {
		t.Errorf("replicas %v", got)
	}
	if len(byKind(res, "ServiceAccount")) != 1 {
		t.Error("parent template not rendered")
	}
}

func TestArchiveBomb(t *testing.T) {
	// A chart archive whose one file decompresses past the chart budget:
	// prove it is hostile (small compressed, large declared size), then
	// expect a limit error before helm buffers it.
	big := strings.Repeat("a", 2<<20)
	data := tgz(t, map[string]string{"x/Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\n", "x/templates/big.yaml": big})
	if len(data) > 64<<10 {
		t.Fatalf("fixture not compact: %d bytes", len(data))
	}
	a := NewArchive(Config{MaxChartBytes: 1 << 20})
	_, err := a.Analyze(context.Background(), analyzer.File{Path: "x.tgz", Content: data})
	if err == nil || !strings.Contains(err.Error(), "exceeds limit") {
		t.Fatalf("err = %v, want a limit error", err)
	}

	// Nested: many subchart archives, each within Helm's own limits, that
	// together exceed the budget.
	inner := tgz(t, map[string]string{"s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 1.0.0\n", "s/files/big.txt": big})
	outer := map[string]string{"p/Chart.yaml": "apiVersion: v2\nname: p\nversion: 1.0.0\n"}
	for i := range 8 {
		outer["p/charts/s"+string(rune('a'+i))+".tgz"] = string(inner)
	}
	data = tgz(t, outer)
	_, err = NewArchive(Config{MaxChartBytes: 8 << 20}).Analyze(context.Background(), analyzer.File{Path: "p.tgz", Content: data})
	if err == nil || !strings.Contains(err.Error(), "exceeds limit") {
		t.Fatalf("nested: err = %v, want a limit error", err)
	}
}

func FuzzLoadChart(f *testing.F) {
	fsys := txtarFS(f, "testdata/privileged.txtar")
	f.Add(tgz(f, chartFiles(f, fsys, "app", "app")))
	f.Add(tgz(f, map[string]string{"x/Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\n", "x/templates/a.yaml": "kind: {{ .Values.k }}"}))
	f.Add([]byte{0x1f, 0x8b})
	a := NewArchive(Config{MaxChartBytes: 4 << 20})
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, _ = a.Analyze(ctx, analyzer.File{Path: "fuzz.tgz", Content: data})
	})
}

// FuzzLineMapper maps arbitrary rendered YAML onto an arbitrary template:
// every range must stay inside the template.
func FuzzLineMapper(f *testing.F) {
	fsys := txtarFS(f, "testdata/privileged.txtar")
	tmpl, _ := fs.ReadFile(fsys, "app/templates/workloads.yaml")
	f.Add(tmpl, []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Service\n"))
	f.Add([]byte(""), []byte("a: [1, {b: c}]\n---\n- x\n- y: z\n"))
	f.Fuzz(func(t *testing.T, tmpl, rendered []byte) {
		docs, _ := k8syaml.Parse("t.yaml", rendered, k8syaml.Config{MaxNodes: 5000})
		n := len(strings.Split(string(tmpl), "\n"))
		lm := newLineMapper("t.yaml", tmpl)
		for _, d := range docs {
			for k, r := range lm.document(d.Value, d.Source) {
				if r.Start < 1 || r.End < r.Start || r.End > n || r.Path != "t.yaml" {
					t.Fatalf("%q: range %+v outside 1..%d", k, r, n)
				}
			}
		}
	})
}

// TestConcurrentRenders shares one analyzer (and its values) between
// goroutines, as the scan core does (run with -race).
func TestConcurrentRenders(t *testing.T) {
	fsys := txtarFS(t, "testdata/privileged.txtar")
	a := New(Config{Set: []string{"replicas=4", "resources.limits.cpu=1"}})
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			res, err := a.AnalyzeDir(context.Background(), fsys, "app")
			if err == nil && len(byKind(res, "Deployment")) != 1 {
				err = fmt.Errorf("documents: %d, errors %v", len(res.Documents), res.Errors)
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

// One template that fails to render costs only its own documents: the
// chart's other templates are still rendered and scanned.
func TestOneBrokenTemplateKeepsTheRest(t *testing.T) {
	fsys := fstest.MapFS{
		"c/Chart.yaml":              {Data: []byte("apiVersion: v2\nname: c\nversion: 0.1.0\n")},
		"c/templates/_helpers.tpl":  {Data: []byte("{{- define \"c.name\" -}}c{{- end -}}\n")},
		"c/templates/broken.yaml":   {Data: []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"c.missing\" . }}\n")},
		"c/templates/required.yaml": {Data: []byte("apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ required \"need .Values.x\" .Values.x }}\n")},
		"c/templates/pod.yaml":      {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ include \"c.name\" . }}\nspec:\n  containers:\n    - name: a\n      image: nginx\n")},
	}
	res, err := New(Config{}).AnalyzeDir(context.Background(), fsys, "c")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range res.Errors {
		paths = append(paths, e.Path)
	}
	sort.Strings(paths)
	if want := []string{"c/templates/broken.yaml", "c/templates/required.yaml"}; strings.Join(paths, ",") != strings.Join(want, ",") {
		t.Errorf("errors on %v, want %v", paths, want)
	}
	if pods := byKind(res, "Pod"); len(pods) != 1 || pods[0].Path != "c/templates/pod.yaml" {
		t.Errorf("the healthy template was not rendered: %+v", res.Documents)
	}
}
