package policy

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/state"
)

func libFS(extra map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range extra {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func k8sDoc(v map[string]any) *state.Document {
	return &state.Document{
		Type: state.TypeKubernetes, Kind: v["kind"].(string), Path: "x.yaml", Value: v,
		Source: state.SourceMap{
			"":                                  {Path: "x.yaml", Start: 1, End: 9},
			state.Key([]any{"spec"}):            {Path: "x.yaml", Start: 4, End: 9},
			state.Key([]any{"spec", "hostPID"}): {Path: "x.yaml", Start: 5, End: 5},
		},
	}
}

const hostPIDCheck = `# METADATA
# title: Host PID
# description: shares the host PID namespace
# custom:
#   id: WARD-K8S-9001
#   severity: HIGH
#   remediation: remove hostPID
#   input:
#     type: kubernetes
#     kinds: [Pod]
#   controls:
#     pss: ["baseline/host-namespaces"]
package ward.k8s.hostpid_test

deny contains {"msg": "hostPID is on", "path": ["spec", "hostPID"], "evidence": input.spec.hostPID} if {
	input.spec.hostPID == true
}
`

func TestEvaluateBuiltinMetadataAndLocation(t *testing.T) {
	ctx := context.Background()
	e, err := New(ctx, Config{Builtin: libFS(map[string]string{"k8s/hostpid.rego": hostPIDCheck})})
	if err != nil {
		t.Fatal(err)
	}
	pod := k8sDoc(map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": "p"}, "spec": map[string]any{"hostPID": true}})
	svc := k8sDoc(map[string]any{"apiVersion": "v1", "kind": "Service", "spec": map[string]any{"hostPID": true}})
	fs, errs := e.Evaluate(ctx, []*state.Document{pod, svc})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(fs) != 1 {
		t.Fatalf("want 1 finding (the Service is not a Pod), got %d: %+v", len(fs), fs)
	}
	f := fs[0]
	got := []any{f.CheckID, f.Severity.String(), f.Location.String(), f.Evidence, f.Detail, f.Controls[0].Framework}
	want := []any{"WARD-K8S-9001", "HIGH", "x.yaml:5", "true", "spec.hostPID", "pss"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if f.Fingerprint == "" {
		t.Error("no fingerprint")
	}
}

func TestConftestStyleCustomPolicies(t *testing.T) {
	ctx := context.Background()
	v0 := "package main\n\ndeny[msg] {\n  input.kind == \"Pod\"\n  msg := \"no pods\"\n}\n\nwarn[msg] {\n  input.kind == \"Pod\"\n  msg := \"warned\"\n}\n"
	v1 := "package team.rules\n\nviolation contains {\"msg\": \"bad\"} if input.kind == \"Pod\"\n"
	e, err := NewFromModules(ctx, Config{Builtin: libFS(nil)}, []Module{
		{File: "p/main.rego", Source: []byte(v0), Custom: true},
		{File: "p/team.rego", Source: []byte(v1), Custom: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	pod := k8sDoc(map[string]any{"apiVersion": "v1", "kind": "Pod"})
	fs, errs := e.Evaluate(ctx, []*state.Document{pod})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.CheckID+" "+f.Severity.String()+" "+f.Message)
	}
	want := []string{"CUSTOM-MAIN MEDIUM no pods", "CUSTOM-MAIN LOW warned", "CUSTOM-TEAM-RULES MEDIUM bad"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRegoErrorsCarryFileAndLine(t *testing.T) {
	ctx := context.Background()
	bad := "package broken\n\ndeny contains msg if {\n  msg := \n}\n"
	_, err := NewFromModules(ctx, Config{Builtin: libFS(nil)}, []Module{{File: "policies/broken.rego", Source: []byte(bad), Custom: true}})
	var re RegoErrors
	if !errors.As(err, &re) || len(re) == 0 {
		t.Fatalf("want RegoErrors, got %v", err)
	}
	if re[0].File != "policies/broken.rego" || re[0].Line == 0 {
		t.Errorf("want file and line, got %+v", re[0])
	}
	if !strings.Contains(err.Error(), "policies/broken.rego:") {
		t.Errorf("message lacks file:line: %v", err)
	}

	unsafe := "package u\n\ndeny contains msg if {\n  x == 1\n  msg := \"m\"\n}\n"
	_, err = NewFromModules(ctx, Config{Builtin: libFS(nil)}, []Module{{File: "u.rego", Source: []byte(unsafe), Custom: true}})
	if err == nil || !strings.Contains(err.Error(), "u.rego:4") {
		t.Errorf("want a compile error at u.rego:4, got %v", err)
	}
}

func TestBuiltinMetadataRequired(t *testing.T) {
	ctx := context.Background()
	noID := "# METADATA\n# title: t\npackage ward.k8s.x\n\ndeny contains \"m\" if true\n"
	_, err := New(ctx, Config{Builtin: libFS(map[string]string{"k8s/x.rego": noID})})
	if err == nil || !strings.Contains(err.Error(), "custom.id") {
		t.Fatalf("want missing id error, got %v", err)
	}
	badID := strings.Replace(hostPIDCheck, "WARD-K8S-9001", "K8S-1", 1)
	_, err = New(ctx, Config{Builtin: libFS(map[string]string{"k8s/x.rego": badID})})
	if err == nil || !strings.Contains(err.Error(), "WARD-<DOMAIN>-<NNNN>") {
		t.Fatalf("want ID format error, got %v", err)
	}
}

func TestSkipCheck(t *testing.T) {
	ctx := context.Background()
	e, err := New(ctx, Config{Builtin: libFS(map[string]string{"k8s/hostpid.rego": hostPIDCheck}), SkipChecks: []string{"WARD-K8S-9001"}})
	if err != nil {
		t.Fatal(err)
	}
	pod := k8sDoc(map[string]any{"apiVersion": "v1", "kind": "Pod", "spec": map[string]any{"hostPID": true}})
	if fs, _ := e.Evaluate(ctx, []*state.Document{pod}); len(fs) != 0 {
		t.Fatalf("skipped check reported: %+v", fs)
	}
	if e.Active() != 0 || len(e.Checks()) != 1 {
		t.Errorf("active %d, listed %d", e.Active(), len(e.Checks()))
	}
}

// A check that fails at evaluation time (conflicting complete rule values)
// is reported by ID; the other checks of the same group still report.
func TestEvalErrorIsolated(t *testing.T) {
	ctx := context.Background()
	conflict := `# METADATA
# title: Conflict
# description: d
# custom:
#   id: WARD-K8S-9002
#   severity: LOW
#   remediation: r
#   input:
#     type: kubernetes
package ward.k8s.conflict

x := 1 if input.kind == "Pod"
x := 2 if input.kind == "Pod"

deny contains "never" if x == 3
`
	e, err := New(ctx, Config{Builtin: libFS(map[string]string{"k8s/hostpid.rego": hostPIDCheck, "k8s/conflict.rego": conflict})})
	if err != nil {
		t.Fatal(err)
	}
	pod := k8sDoc(map[string]any{"apiVersion": "v1", "kind": "Pod", "spec": map[string]any{"hostPID": true}})
	fs, errs := e.Evaluate(ctx, []*state.Document{pod})
	if len(fs) != 1 || fs[0].CheckID != "WARD-K8S-9001" {
		t.Errorf("want the healthy check's finding, got %+v", fs)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "WARD-K8S-9002") {
		t.Errorf("want one error naming WARD-K8S-9002, got %+v", errs)
	}
}

func TestCrossResourceMapsToMember(t *testing.T) {
	ctx := context.Background()
	set := `# METADATA
# title: Namespace without policy
# description: d
# custom:
#   id: WARD-K8S-9003
#   severity: MEDIUM
#   remediation: r
#   input:
#     type: kubernetes-set
package ward.k8s.setcheck

deny contains {"msg": "no netpol", "path": ["resources", i, "spec"]} if {
	some i, r in input.resources
	r.kind == "Pod"
	not any_netpol
}

any_netpol if {
	some r in input.resources
	r.kind == "NetworkPolicy"
}
`
	e, err := New(ctx, Config{Builtin: libFS(map[string]string{"k8s/set.rego": set})})
	if err != nil {
		t.Fatal(err)
	}
	cm := k8sDoc(map[string]any{"apiVersion": "v1", "kind": "ConfigMap"})
	cm.Path = "a.yaml"
	pod := k8sDoc(map[string]any{"apiVersion": "v1", "kind": "Pod", "spec": map[string]any{}})
	doc := &state.Document{Type: state.TypeKubernetesSet, Value: map[string]any{"resources": []any{cm.Value, pod.Value}}, Members: []*state.Document{cm, pod}}
	fs, errs := e.Evaluate(ctx, []*state.Document{doc})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(fs) != 1 || fs[0].Location.String() != "x.yaml:4-9" {
		t.Fatalf("want one finding at the pod's spec (x.yaml:4-9), got %+v", fs)
	}
}

// A cross-resource result without a member path is reported on the scan as a
// whole (no file), never as a finding with an empty location.
func TestSetResultWithoutMember(t *testing.T) {
	ctx := context.Background()
	set := "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: WARD-K8S-9004\n#   severity: LOW\n#   remediation: r\n#   input:\n#     type: kubernetes-set\npackage ward.k8s.whole\n\ndeny contains \"too few resources\" if count(input.resources) < 5\n"
	e, err := New(ctx, Config{Builtin: libFS(map[string]string{"k8s/whole.rego": set})})
	if err != nil {
		t.Fatal(err)
	}
	pod := k8sDoc(map[string]any{"apiVersion": "v1", "kind": "Pod"})
	doc := &state.Document{Type: state.TypeKubernetesSet, Value: map[string]any{"resources": []any{pod.Value}}, Members: []*state.Document{pod}}
	fs, _ := e.Evaluate(ctx, []*state.Document{doc})
	if len(fs) != 1 || fs[0].Location.Object == "" || fs[0].Location.Path != "" {
		t.Fatalf("want one scan-level finding with an object and no path, got %+v", fs)
	}
}
