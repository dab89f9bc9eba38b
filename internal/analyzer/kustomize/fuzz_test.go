package kustomize

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/wardsec/ward/internal/state"
)

// fuzzDir is where the fuzzed kustomization lives: two levels down, so the
// fixture's ../../base is reachable and one more ../ leaves the root.
const fuzzDir = "overlays/fuzz"

const fuzzDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: nginx:1.27
`

// FuzzKustomization builds arbitrary bytes as a kustomization.yaml beside a
// valid deployment.yaml, in a root that also holds testdata/overlay.txtar:
// no panic, the build ends well before its deadline, a failure is an error,
// and every document points at a file inside the root.
func FuzzKustomization(f *testing.F) {
	ar, err := txtar.ParseFile("testdata/overlay.txtar")
	if err != nil {
		f.Fatal(err)
	}
	base := fstest.MapFS{}
	for _, file := range ar.Files {
		base[file.Name] = &fstest.MapFile{Data: file.Data, Mode: 0o644}
		if strings.HasSuffix(file.Name, "/kustomization.yaml") {
			f.Add(file.Data)
		}
	}
	base[fuzzDir+"/deployment.yaml"] = &fstest.MapFile{Data: []byte(fuzzDeployment), Mode: 0o644}
	base[fuzzDir+"/privileged.yaml"] = base["overlays/prod/privileged.yaml"]
	f.Add([]byte("resources:\n  - deployment.yaml\n"))
	f.Add([]byte("resources: [deployment.yaml, ../../base]\nnamePrefix: x-\npatches:\n  - path: privileged.yaml\n    target: {kind: Deployment}\n"))
	f.Add([]byte("resources: [.]\n"))
	f.Add([]byte("resources: [../fuzz, ../prod]\n"))
	f.Add([]byte("configMapGenerator:\n  - name: c\n    files: [k=deployment.yaml]\nsecretGenerator:\n  - name: s\n    envs: [deployment.yaml]\n"))
	f.Add([]byte("resources: [deployment.yaml]\nimages:\n  - name: nginx\n    newTag: latest\nreplicas:\n  - name: api\n    count: 3\nlabels:\n  - pairs: {a: b}\n    includeSelectors: true\n"))
	f.Add([]byte("buildMetadata: [managedByLabel]\nresources: [deployment.yaml]\n"))
	f.Add([]byte("openapi:\n  path: deployment.yaml\nresources: [deployment.yaml]\n"))
	f.Add([]byte("- a list\n"))
	f.Add([]byte("a: &a [x, x]\nb: [*a, *a]\n"))
	a := New(Config{MaxBuildBytes: 1 << 20})
	const deadline = 20 * time.Second
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := make(fstest.MapFS, len(base)+1)
		for k, v := range base {
			fsys[k] = v
		}
		fsys[fuzzDir+"/kustomization.yaml"] = &fstest.MapFile{Data: data, Mode: 0o644}
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		res, err := a.AnalyzeDir(ctx, fsys, fuzzDir)
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("build of %d bytes did not finish in %v", len(data), deadline)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("empty error message (%T)", err)
			}
			return
		}
		if res == nil {
			t.Fatal("nil result without an error")
		}
		for _, d := range res.Documents {
			if d == nil || d.Type != state.TypeKubernetes || d.Value == nil {
				t.Fatalf("malformed document %+v", d)
			}
			if !fs.ValidPath(d.Path) || d.Path == "." {
				t.Fatalf("document path %q is not a file inside the root", d.Path)
			}
			if r := d.Range(); r.Path == "" || r.Start < 1 || r.End < r.Start {
				t.Fatalf("%s: document range %+v", d.Path, r)
			}
		}
	})
}
