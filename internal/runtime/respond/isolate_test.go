package respond

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
)

func testPod(ns, name string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, UID: types.UID("uid-" + name), Labels: map[string]string{"app": name}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: name, Image: "registry.invalid/" + name + ":1"}}},
	}
}

func podEvent(ns, pod string) *event.Event {
	return &event.Event{
		Type:      event.Execve,
		Proc:      event.Process{PID: 4321, Name: "sh"},
		Container: event.Container{ID: "0123456789ab", Name: pod},
		K8s:       event.K8s{Namespace: ns, Pod: pod, PodUID: "uid-" + pod},
	}
}

func isolator(t *testing.T, kube kubernetes.Interface) *Responder {
	t.Helper()
	cfg := Config{Rules: map[string][]Action{"*": {Isolate}}}
	if kube != nil {
		cfg.Kube = kube
	}
	r, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func isolateOnce(t *testing.T, r *Responder, e *event.Event) AuditRecord {
	t.Helper()
	got := r.Respond(t.Context(), runtimeFinding("WARD-RT-0001", "Shell in container", finding.SeverityCritical), e)
	if len(got) != 1 {
		t.Fatalf("got %d records, want 1: %+v", len(got), got)
	}
	if got[0].Action != Isolate || got[0].Time.IsZero() {
		t.Fatalf("record %+v: want action isolate with a time", got[0])
	}
	return got[0]
}

// assertIsolated checks what an outsider sees in the cluster: the deny-all
// policy in the namespace and the label on the pod, other labels kept.
func assertIsolated(t *testing.T, kube kubernetes.Interface, ns, pod string) {
	t.Helper()
	ctx := t.Context()
	np, err := kube.NetworkingV1().NetworkPolicies(ns).Get(ctx, QuarantinePolicy, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("get network policy %s/%s: %v", ns, QuarantinePolicy, err)
	}
	wantSpec := networkingv1.NetworkPolicySpec{
		PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{"ward.dev/quarantine": "true"}},
		PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress, networkingv1.PolicyTypeEgress},
	}
	if diff := cmp.Diff(wantSpec, np.Spec); diff != "" {
		t.Errorf("network policy spec (-want +got):\n%s", diff)
	}
	p, err := kube.CoreV1().Pods(ns).Get(ctx, pod, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("get pod %s/%s: %v", ns, pod, err)
	}
	wantLabels := map[string]string{"app": pod, "ward.dev/quarantine": "true"}
	if diff := cmp.Diff(wantLabels, p.Labels); diff != "" {
		t.Errorf("pod %s labels (-want +got):\n%s", pod, diff)
	}
}

func TestIsolateFake(t *testing.T) {
	kube := fake.NewClientset(testPod("shop", "web"), testPod("shop", "db"), testPod("other", "api"))
	r := isolator(t, kube)

	got := isolateOnce(t, r, podEvent("shop", "web"))
	want := AuditRecord{Action: Isolate, CheckID: "WARD-RT-0001", Target: "pod shop/web", OK: true,
		Detail: "network policy shop/ward-quarantine created; pod labelled ward.dev/quarantine=true"}
	if diff := cmp.Diff(want, got, ignoreTime); diff != "" {
		t.Errorf("first isolation (-want +got):\n%s", diff)
	}
	assertIsolated(t, kube, "shop", "web")

	// A second pod of the namespace reuses the policy.
	got = isolateOnce(t, r, podEvent("shop", "db"))
	want.Target, want.Detail = "pod shop/db", "network policy shop/ward-quarantine reused; pod labelled ward.dev/quarantine=true"
	if diff := cmp.Diff(want, got, ignoreTime); diff != "" {
		t.Errorf("second isolation (-want +got):\n%s", diff)
	}
	assertIsolated(t, kube, "shop", "db")

	// Isolating the same pod again changes nothing and succeeds.
	if got = isolateOnce(t, r, podEvent("shop", "web")); !got.OK {
		t.Errorf("repeated isolation failed: %+v", got)
	}
	nps, err := kube.NetworkingV1().NetworkPolicies("shop").List(t.Context(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(nps.Items) != 1 {
		t.Errorf("namespace has %d network policies, want the one quarantine policy", len(nps.Items))
	}

	// Another namespace gets its own policy.
	if got = isolateOnce(t, r, podEvent("other", "api")); !got.OK || !strings.Contains(got.Detail, "other/ward-quarantine created") {
		t.Errorf("isolation in a second namespace: %+v", got)
	}
	assertIsolated(t, kube, "other", "api")
}

// TestIsolateRepairsChangedPolicy: a quarantine policy someone loosened
// (an allow-all ingress rule) is put back to deny-all.
func TestIsolateRepairsChangedPolicy(t *testing.T) {
	loose := &networkingv1.NetworkPolicy{
		ObjectMeta: metav1.ObjectMeta{Name: QuarantinePolicy, Namespace: "shop"},
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{QuarantineLabel: "true"}},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
			Ingress:     []networkingv1.NetworkPolicyIngressRule{{}},
		},
	}
	kube := fake.NewClientset(testPod("shop", "web"), loose)
	got := isolateOnce(t, isolator(t, kube), podEvent("shop", "web"))
	if !got.OK || !strings.Contains(got.Detail, "ward-quarantine repaired") {
		t.Fatalf("record %+v, want the policy repaired", got)
	}
	assertIsolated(t, kube, "shop", "web")
}

func TestIsolateRefusals(t *testing.T) {
	kube := fake.NewClientset(testPod("shop", "web"))
	tests := []struct {
		name string
		kube kubernetes.Interface
		e    *event.Event
		want AuditRecord
	}{
		{
			name: "host_process",
			kube: kube,
			e:    &event.Event{Proc: event.Process{PID: 99, Name: "bash"}},
			want: AuditRecord{Error: "refused: the event is from a host process; isolate acts on Kubernetes pods only"},
		},
		{
			name: "plain_container",
			kube: kube,
			e:    &event.Event{Container: event.Container{ID: "0123456789ab"}},
			want: AuditRecord{Error: "refused: the event is from container 0123456789ab, which is not in a Kubernetes pod; isolate acts on Kubernetes pods only"},
		},
		{
			name: "no_event",
			kube: kube,
			want: AuditRecord{Error: "refused: the finding has no event, so there is no pod to isolate"},
		},
		{
			name: "no_client",
			e:    podEvent("shop", "web"),
			want: AuditRecord{Target: "pod shop/web", Error: "refused: no Kubernetes client configured (the agent runs without cluster access)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := isolateOnce(t, isolator(t, tt.kube), tt.e)
			want := tt.want
			want.Action, want.CheckID = Isolate, "WARD-RT-0001"
			if diff := cmp.Diff(want, got, ignoreTime); diff != "" {
				t.Errorf("record (-want +got):\n%s", diff)
			}
		})
	}
	// Nothing was written to the cluster by any refusal.
	nps, err := kube.NetworkingV1().NetworkPolicies("").List(t.Context(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(nps.Items) != 0 {
		t.Errorf("refusals created %d network policies", len(nps.Items))
	}
}

func TestIsolateFailures(t *testing.T) {
	t.Run("pod_missing", func(t *testing.T) {
		kube := fake.NewClientset()
		got := isolateOnce(t, isolator(t, kube), podEvent("shop", "gone"))
		if got.OK || !strings.Contains(got.Error, "label pod shop/gone") || !strings.Contains(got.Error, "not found") {
			t.Fatalf("record %+v, want a failure naming the missing pod", got)
		}
	})
	t.Run("policy_forbidden", func(t *testing.T) {
		kube := fake.NewClientset(testPod("shop", "web"))
		kube.PrependReactor("create", "networkpolicies", func(k8stesting.Action) (bool, runtime.Object, error) {
			return true, nil, errors.New("networkpolicies is forbidden")
		})
		got := isolateOnce(t, isolator(t, kube), podEvent("shop", "web"))
		if got.OK || !strings.Contains(got.Error, "ensure network policy shop/ward-quarantine: create: networkpolicies is forbidden") {
			t.Fatalf("record %+v, want the policy failure", got)
		}
		// The pod is not labelled when its namespace has no quarantine
		// policy.
		p, err := kube.CoreV1().Pods("shop").Get(context.Background(), "web", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := p.Labels[QuarantineLabel]; ok {
			t.Errorf("pod labelled although the policy could not be created: %v", p.Labels)
		}
	})
	t.Run("dry_run_touches_nothing", func(t *testing.T) {
		kube := fake.NewClientset(testPod("shop", "web"))
		r, err := New(Config{Rules: map[string][]Action{"*": {Isolate}}, Kube: kube, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		got := isolateOnce(t, r, podEvent("shop", "web"))
		if !got.OK || !got.DryRun || !strings.HasPrefix(got.Detail, "dry run:") {
			t.Fatalf("record %+v, want a dry-run success", got)
		}
		for _, a := range kube.Actions() {
			if a.GetVerb() != "get" && a.GetVerb() != "list" {
				t.Errorf("dry run made a %s %s call", a.GetVerb(), a.GetResource().Resource)
			}
		}
	})
}
