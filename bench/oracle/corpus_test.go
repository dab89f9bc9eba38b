package main

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
)

// brief is the part of a unit the tests compare.
type brief struct {
	OracleID string
	ID       string
	Objects  []Object
	Expect   Expect
	Skip     string
}

func briefs(ins []*Input) []brief {
	var out []brief
	for _, in := range ins {
		for _, u := range in.Units {
			out = append(out, brief{u.OracleID, u.ID, u.Objects, u.Expect, u.Skip})
		}
	}
	return out
}

func extract(t *testing.T, corpus string, fsys fstest.MapFS) []*Input {
	t.Helper()
	ins, warns, err := Extract(corpus, fsys)
	if err != nil {
		t.Fatalf("Extract(%s): %v", corpus, err)
	}
	for _, w := range warns {
		t.Errorf("warning: %v", w)
	}
	return ins
}

const podPriv = `apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers: [{name: c, image: x, securityContext: {privileged: true}}]
---
apiVersion: v1
kind: Pod
metadata: {name: good, namespace: ns}
spec:
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
`

func TestExtractKubescape(t *testing.T) {
	fsys := fstest.MapFS{
		"rules/priv/rule.metadata.json":         {Data: []byte(`{"name":"priv","match":[{"resources":["Pod","Deployment"]}]}`)},
		"rules/priv/test/mixed/input/pods.yaml": {Data: []byte(podPriv)},
		"rules/priv/test/mixed/expected.json":   {Data: []byte(`[{"alertMessage":"x","alertObject":{"k8sApiObjects":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad"}}]}}]`)},
		"rules/priv/test/none/input/dep.json":   {Data: []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{}}`)},
		"rules/priv/test/none/expected.json":    {Data: []byte(`[]`)},
		"rules/rbac/test/sub/input/b.yaml":      {Data: []byte("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: crb}\n")},
		"rules/rbac/test/sub/expected.json": {Data: []byte(`[{"alertObject":{"externalObjects":{"kind":"Group","name":"dev",
			"relatedObjects":[{"kind":"ClusterRoleBinding","metadata":{"name":"crb"}},{"kind":"ClusterRole","metadata":{"name":"cr"}}]}}}]`)},
	}
	got := briefs(extract(t, CorpusKubescape, fsys))
	want := []brief{
		{"priv", "priv/mixed#0:Pod/bad", []Object{{Kind: "Pod", Name: "bad"}}, ExpectFail, ""},
		{"priv", "priv/mixed:Pod/ns/good", []Object{{Kind: "Pod", Namespace: "ns", Name: "good"}}, ExpectPass, ""},
		{"priv", "priv/none:Deployment/d", []Object{{Kind: "Deployment", Name: "d"}}, ExpectPass, ""},
		// no metadata → no kind filter; the binding is alerted, nothing passes
		{"rbac", "rbac/sub#0:ClusterRoleBinding/crb", []Object{{Kind: "ClusterRoleBinding", Name: "crb"}, {Kind: "ClusterRole", Name: "cr"}}, ExpectFail, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
}

func TestExtractGatekeeper(t *testing.T) {
	fsys := fstest.MapFS{
		"library/psp/priv/suite.yaml": {Data: []byte(`kind: Suite
metadata: {name: priv}
tests:
- name: priv-disallowed
  constraint: samples/c/constraint.yaml
  cases:
  - name: bad
    object: samples/c/bad.yaml
    assertions: [{violations: yes}]
  - name: counted
    object: samples/c/bad.yaml
    assertions: [{violations: 2}]
  - name: good
    object: samples/c/good.yaml
    assertions: [{violations: no}]
  - name: update
    object: samples/c/update.yaml
    assertions: [{violations: no}]
  - name: inv
    object: samples/c/good.yaml
    inventory: [samples/c/other.yaml]
    assertions: [{violations: 0}]
`)},
		"library/psp/priv/samples/c/bad.yaml":    {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n")},
		"library/psp/priv/samples/c/good.yaml":   {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata: {name: g}\n")},
		"library/psp/priv/samples/c/update.yaml": {Data: []byte("apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest: {operation: UPDATE}\n")},
	}
	got := briefs(extract(t, CorpusGatekeeper, fsys))
	pod := func(n string) []Object { return []Object{{Kind: "Pod", Name: n}} }
	want := []brief{
		{"priv/priv-disallowed", "priv/priv-disallowed/bad", pod("b"), ExpectFail, ""},
		{"priv/priv-disallowed", "priv/priv-disallowed/counted", pod("b"), ExpectFail, ""},
		{"priv/priv-disallowed", "priv/priv-disallowed/good", pod("g"), ExpectPass, ""},
		{"priv/priv-disallowed", "priv/priv-disallowed/update", []Object{{Kind: "AdmissionReview"}}, ExpectPass,
			"admission request: verdict depends on the operation (e.g. UPDATE is exempt), not on the manifest"},
		{"priv/priv-disallowed", "priv/priv-disallowed/inv", pod("g"), ExpectPass, "needs cluster inventory (other objects in the cluster)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
}

func TestExtractKyverno(t *testing.T) {
	fsys := fstest.MapFS{
		"pod-security/baseline/priv/.kyverno-test/kyverno-test.yaml": {Data: []byte(`kind: Test
resources: [resource.yaml]
results:
- policy: disallow-priv
  rule: privileged-containers
  kind: Pod
  resources: [bad]
  result: fail
- policy: disallow-priv
  kind: Pod
  resources: [ns/good]
  result: pass
- policy: disallow-priv
  kind: Pod
  resources: [ghost]
  result: skip
- policy: add-labels
  kind: Pod
  resources: [bad]
  patchedResources: patched.yaml
  result: pass
- policy: disallow-priv
  kind: Pod
  resources: [missing]
  result: fail
`)},
		"pod-security/baseline/priv/.kyverno-test/resource.yaml": {Data: []byte(podPriv)},
	}
	got := briefs(extract(t, CorpusKyverno, fsys))
	c := "pod-security/baseline/priv"
	want := []brief{
		{"disallow-priv/privileged-containers", c + ":Pod/bad", []Object{{Kind: "Pod", Name: "bad"}}, ExpectFail, ""},
		{"disallow-priv", c + ":Pod/ns/good", []Object{{Kind: "Pod", Namespace: "ns", Name: "good"}}, ExpectPass, ""},
		{"disallow-priv", c + ":Pod/missing", []Object{{Kind: "Pod", Name: "missing"}}, ExpectFail, "resource not found in the test's resource files"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
}

func TestExtractTrivy(t *testing.T) {
	fsys := fstest.MapFS{
		"index.json":                   {Data: []byte(`[{"id":"DS-0002","examples":"checks/docker/root_user.yaml"},{"id":"AWS-0001","examples":"checks/cloud/aws/x.yaml"},{"id":"KSV-0099"}]`)},
		"checks/docker/root_user.yaml": {Data: []byte("dockerfile:\n  good:\n    - |-\n      FROM a\n      USER u\n  bad:\n    - |-\n      FROM a\n")},
		"checks/cloud/aws/x.yaml":      {Data: []byte("terraform:\n  good: [\"resource x y {}\"]\n")},
	}
	ins := extract(t, CorpusTrivy, fsys)
	want := []brief{
		{"DS-0002", "DS-0002:dockerfile:bad[0]", nil, ExpectFail, ""},
		{"DS-0002", "DS-0002:dockerfile:good[0]", nil, ExpectPass, ""},
	}
	if diff := cmp.Diff(want, briefs(ins)); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
	if ins[0].Files[0].Name != "Dockerfile" || string(ins[0].Files[0].Data) != "FROM a\n" {
		t.Errorf("bad snippet file = %q %q, want Dockerfile \"FROM a\\n\"", ins[0].Files[0].Name, ins[0].Files[0].Data)
	}
}

func TestK8sObjectsLists(t *testing.T) {
	got, err := k8sObjects([]byte(`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}]}
---
- {apiVersion: v1, kind: Service, metadata: {name: s, namespace: n}}
`))
	if err != nil {
		t.Fatal(err)
	}
	var objs []Object
	for _, p := range got {
		objs = append(objs, p.obj)
	}
	want := []Object{{Kind: "Pod", Name: "a"}, {Kind: "Service", Namespace: "n", Name: "s"}}
	if diff := cmp.Diff(want, objs); diff != "" {
		t.Errorf("objects (-want +got):\n%s", diff)
	}
}

func TestMapping(t *testing.T) {
	m, err := ParseMapping([]byte(`
kyverno-policies:
  disallow-priv:
    ward: [WARD-K8S-0001]
    concept: privileged
    exclude:
      - units: ["other/**"]
        reason: parameters allow it
`))
	if err != nil {
		t.Fatal(err)
	}
	key, e := m.Lookup(CorpusKyverno, "disallow-priv/privileged-containers")
	if key != "disallow-priv" || e == nil {
		t.Fatalf("Lookup = %q, %v; want disallow-priv, entry", key, e)
	}
	if r := e.Excluded("other/x/y:Pod/a"); r != "parameters allow it" {
		t.Errorf("Excluded(other) = %q", r)
	}
	if r := e.Excluded("pod-security/x:Pod/a"); r != "" {
		t.Errorf("Excluded(pod-security) = %q, want none", r)
	}
	if key, e := m.Lookup(CorpusKubescape, "disallow-priv"); e != nil || key != "disallow-priv" {
		t.Errorf("kubescape Lookup = %q, %v; want unclaimed", key, e)
	}
	for _, bad := range []string{
		"nope: {x: {ward: [WARD-K8S-0001]}}",
		"trivy-checks: {x: {ward: []}}",
		"trivy-checks: {x: {ward: [K8S-1]}}",
		"trivy-checks: {x: {ward: [WARD-K8S-0001], exclude: [{units: [a]}]}}",
	} {
		if _, err := ParseMapping([]byte(bad)); err == nil {
			t.Errorf("ParseMapping(%q) = nil error", bad)
		}
	}
}

func TestEmbeddedMappingParses(t *testing.T) {
	if _, err := ParseMapping(defaultMapping); err != nil {
		t.Fatal(err)
	}
}

func TestOnObjects(t *testing.T) {
	r := finding.Resource{Kind: "Deployment", Namespace: "default", Name: "web"}
	for _, tc := range []struct {
		name string
		objs []Object
		want bool
	}{
		{"whole_input", nil, true},
		{"same", []Object{{Kind: "deployment", Name: "web"}}, true},
		{"namespace_unset_in_oracle", []Object{{Kind: "Deployment", Name: "web"}}, true},
		{"other_namespace", []Object{{Kind: "Deployment", Namespace: "prod", Name: "web"}}, false},
		{"other_kind", []Object{{Kind: "Pod", Name: "web"}}, false},
		{"any_of", []Object{{Kind: "Pod", Name: "x"}, {Kind: "Deployment", Name: "web"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := onObjects(r, tc.objs); got != tc.want {
				t.Errorf("onObjects = %v, want %v", got, tc.want)
			}
		})
	}
}
