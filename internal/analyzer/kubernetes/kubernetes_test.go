package kubernetes

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/finding"
)

const stream = `# ward:ignore WARD-K8S-0004 host network is required
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    ward.dev/ignore: "WARD-K8S-0001, WARD-K8S-0002"
spec:
  template:
    metadata:
      annotations:
        ward.dev/ignore: WARD-K8S-0003
    spec:
      hostNetwork: true
      containers: [{name: c, image: nginx}]
---
name: not-a-manifest
values: [1, 2]
---
apiVersion: v1
kind: ConfigMapList
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
`

func TestAnalyze(t *testing.T) {
	a := Analyzer{}
	if !a.Required("x/y.YAML") || !a.Required("k.json") || a.Required("Dockerfile") {
		t.Fatal("Required")
	}
	res, err := a.Analyze(context.Background(), analyzer.File{Path: "s.yaml", Content: []byte(stream)})
	if err != nil {
		t.Fatal(err)
	}
	var got []finding.Resource
	for _, d := range res.Documents {
		got = append(got, d.Resource)
	}
	want := []finding.Resource{{Kind: "Deployment", Namespace: "shop", Name: "web"}, {Kind: "ConfigMap", Name: "a"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("resources (-want +got):\n%s", diff)
	}
	dep := res.Documents[0]
	if diff := cmp.Diff([]string{"WARD-K8S-0001", "WARD-K8S-0002", "WARD-K8S-0003"}, dep.Annotations); diff != "" {
		t.Errorf("annotation IDs (-want +got):\n%s", diff)
	}
	if len(dep.Ignores) != 1 || dep.Ignores[0].IDs[0] != "WARD-K8S-0004" {
		t.Errorf("inline ignore not attached: %+v", dep.Ignores)
	}
	if r := dep.Range(); r.Start != 2 || r.End != 16 {
		t.Errorf("deployment range %+v, want 2-16", r)
	}
	if r := res.Documents[1].Range(); r.Start != 24 {
		t.Errorf("list item range %+v, want start 24", r)
	}
}

func TestAnalyzeKeepsGoodDocumentsBeforeAnError(t *testing.T) {
	src := "apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\nkind: [\n"
	res, err := Analyzer{}.Analyze(context.Background(), analyzer.File{Path: "p.yaml", Content: []byte(src)})
	if err == nil {
		t.Fatal("want the syntax error")
	}
	if len(res.Documents) != 1 || res.Documents[0].Resource.Name != "ok" {
		t.Errorf("documents before the bad one were dropped: %+v", res.Documents)
	}
}

func TestNonManifestJSONIsNotAnError(t *testing.T) {
	res, err := Analyzer{}.Analyze(context.Background(), analyzer.File{Path: "package.json", Content: []byte(`{"name": "x", "version": "1.0.0"}`)})
	if err != nil || len(res.Documents) != 0 {
		t.Fatalf("package.json: %v %+v", err, res.Documents)
	}
}
