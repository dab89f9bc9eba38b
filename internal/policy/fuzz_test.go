package policy_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wardsec/ward/checks"
	"github.com/wardsec/ward/internal/analyzer/kubernetes"
	"github.com/wardsec/ward/internal/parse/k8syaml"
	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/state"
)

// The fuzz targets live in package policy_test: they feed the engine
// documents built by the Kubernetes analyzer, as a scan does, and
// internal/archtest only constrains non-test imports.

// conftestV0 are custom modules in conftest's older syntax, which custom
// policies may still use.
var conftestV0 = []string{
	"package main\n\ndeny[msg] {\n  input.kind == \"Pod\"\n  msg := sprintf(\"pod %v\", [input.metadata.name])\n}\n",
	"package main\n\nviolation[{\"msg\": msg, \"path\": [\"spec\"]}] {\n  not input.spec.securityContext.runAsNonRoot\n  msg := \"runs as root\"\n}\n",
	"package main\n\nwarn[msg] {\n  c := input.spec.containers[_]\n  endswith(c.image, \":latest\")\n  msg := c.name\n}\n",
	"# METADATA\n# title: t\n# custom:\n#   id: ACME-K8S-0001\n#   severity: HIGH\n#   input:\n#     type: kubernetes\n#     kinds: [workload]\npackage acme.pods\n\nimport data.ward.lib.k8s\n\ndeny[{\"msg\": \"m\", \"path\": [\"spec\", \"containers\", 0]}] {\n  input.kind == \"Pod\"\n}\n",
	"package main\n\ndeny[msg] { x == 1; msg := \"unsafe\" }\n",
}

// libModules are the built-in helper libraries custom checks import.
func libModules(tb testing.TB) []policy.Module {
	tb.Helper()
	paths, err := fs.Glob(checks.FS, "lib/*.rego")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no helper libraries in checks.FS: %v", err)
	}
	var mods []policy.Module
	for _, p := range paths {
		b, err := fs.ReadFile(checks.FS, p)
		if err != nil {
			tb.Fatal(err)
		}
		mods = append(mods, policy.Module{File: "builtin/" + p, Source: b})
	}
	return mods
}

// checkSources returns every built-in check source, read at test time.
func checkSources(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, dir := range []string{"k8s", "docker"} {
		paths, err := filepath.Glob(filepath.Join("..", "..", "checks", dir, "*.rego"))
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		tb.Fatal("no built-in checks found under ../../checks")
	}
	return out
}

func fuzzPod() *state.Document {
	v := map[string]any{
		"apiVersion": "v1", "kind": "Pod",
		"metadata": map[string]any{"name": "p", "namespace": "ns", "labels": map[string]any{"app": "p"}},
		"spec": map[string]any{
			"hostPID": true,
			"containers": []any{map[string]any{
				"name": "c", "image": "nginx:latest",
				"securityContext": map[string]any{"privileged": true},
			}},
		},
	}
	return &state.Document{
		Type: state.TypeKubernetes, Kind: "Pod", Path: "pod.yaml", Value: v,
		Source: state.SourceMap{"": {Path: "pod.yaml", Start: 1, End: 12}},
	}
}

// FuzzParseModules loads arbitrary bytes as a custom check beside the
// built-in libraries: loading either succeeds or fails with RegoErrors that
// name their file, and a module that compiles evaluates without panicking.
func FuzzParseModules(f *testing.F) {
	for _, src := range checkSources(f) {
		f.Add(src)
	}
	for _, src := range conftestV0 {
		f.Add([]byte(src))
	}
	f.Add([]byte("package p\n\ndeny contains 1 if {"))
	f.Add([]byte("\x00\xff"))
	lib := libModules(f)
	pod := fuzzPod()
	const file = "policies/fuzz.rego"
	f.Fuzz(func(t *testing.T, src []byte) {
		mod := policy.Module{File: file, Source: src, Custom: true}
		if _, errs := policy.ParseModules([]policy.Module{mod}); len(errs) > 0 {
			requireFiles(t, errs)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		mods := append(append([]policy.Module(nil), lib...), mod)
		e, err := policy.NewFromModules(ctx, policy.Config{Workers: 1}, mods)
		if err != nil {
			var re policy.RegoErrors
			if !errors.As(err, &re) {
				t.Fatalf("error is %T, want policy.RegoErrors: %v", err, err)
			}
			if len(re) == 0 {
				t.Fatal("empty RegoErrors returned as an error")
			}
			requireFiles(t, re)
			return
		}
		fs, _ := e.Evaluate(ctx, []*state.Document{pod})
		for _, x := range fs {
			if x.CheckID == "" || x.Location.Path == "" {
				t.Fatalf("finding without check ID or location: %+v", x)
			}
		}
	})
}

func requireFiles(t *testing.T, errs policy.RegoErrors) {
	t.Helper()
	for i, e := range errs {
		if e == nil {
			t.Fatalf("RegoErrors[%d] is nil", i)
		}
		if e.File == "" {
			t.Fatalf("RegoErrors[%d] has no file: %q", i, e.Msg)
		}
	}
}

// FuzzEvaluate runs the built-in checks on arbitrary YAML turned into
// documents as a scan does (one per object, plus the cross-resource set):
// no panic, and every finding names its check and a file.
func FuzzEvaluate(f *testing.F) {
	fixtures, err := filepath.Glob(filepath.Join("..", "..", "checks", "k8s", "testdata", "*", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range fixtures {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("apiVersion: v1\nkind: Pod\nmetadata: [1]\nspec: {containers: [null, 1, {securityContext: 7}]}\n"))
	f.Add([]byte("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, spec: {hostPID: true}}\n- {apiVersion: apps/v1, kind: Deployment, spec: {template: {spec: {hostNetwork: true}}}}\n"))
	e, err := policy.New(context.Background(), policy.Config{Workers: 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		parsed, _ := k8syaml.Parse("f.yaml", data, k8syaml.Config{MaxNodes: 20_000})
		var docs []*state.Document
		set := &state.Document{Type: state.TypeKubernetesSet, Kind: "Set", Source: state.SourceMap{}}
		var values []any
		for _, d := range parsed {
			doc := kubernetes.Document("f.yaml", d.Value, d.Source, nil)
			if doc == nil {
				continue
			}
			docs = append(docs, doc)
			set.Members = append(set.Members, doc)
			values = append(values, doc.Value)
		}
		if len(docs) == 0 {
			return
		}
		set.Value = map[string]any{"resources": values}
		docs = append(docs, set)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		fs, _ := e.Evaluate(ctx, docs)
		for _, x := range fs {
			if x.CheckID == "" || x.Location.Path == "" {
				t.Fatalf("finding without check ID or location: %+v", x)
			}
		}
	})
}
